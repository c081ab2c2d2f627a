import csv
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from coproduce.assessments import services
from coproduce.assessments.models import Answer, Assessment, Respondent
from coproduce.assessments.services import AnswerInput
from coproduce.frameworks import loader
from coproduce.frameworks.models import StatementSet
from coproduce.frameworks.services import MODELS

pytestmark = pytest.mark.django_db


def _big_statement_set():
    """A made-up framework with 8 principles and 40 statements."""
    pack = {
        "key": "big-test",
        "title": "Big test",
        "kind": "principles",
        "items": [{"key": f"p{n}", "title": f"Principle {n}"} for n in range(8)],
        "statement_sets": [
            {
                "key": "big",
                "title": "Big",
                "statements": [{"item": f"p{n % 8}", "text": f"Statement {n}"} for n in range(40)],
            }
        ],
    }
    framework = loader.create_version(MODELS, pack, 1)
    return StatementSet.objects.get(framework=framework)


def test_results_page_for_500_respondents_and_40_statements_is_bounded(
    cast, client_for, django_assert_max_num_queries
):
    big = _big_statement_set()
    assessment = services.assessment_create(
        organisation=cast.org, by=cast.coordinator, title="Big", subject="", statement_set=big
    )
    statements = list(big.statements.all())
    groups = ["staff", "co_producer", "community_partner", "peer_reviewer"]
    respondents = Respondent.objects.bulk_create(
        Respondent(
            organisation=cast.org,
            assessment=assessment,
            group=groups[n % 4],
            label=f"R{n}",
            submitted_at=assessment.created_at,
        )
        for n in range(500)
    )
    Answer.objects.bulk_create(
        Answer(
            organisation=cast.org,
            respondent=r,
            statement=s,
            score=None if (r.pk + s.pk) % 9 == 0 else (r.pk * 7 + s.pk) % 5,
            dont_know=(r.pk + s.pk) % 9 == 0,
        )
        for r in respondents
        for s in statements
    )
    assert Answer.objects.filter(respondent__assessment=assessment).count() == 20_000
    client = client_for(cast.coordinator)
    with django_assert_max_num_queries(25):
        response = client.get(f"/orgs/acme/assessments/{assessment.pk}/results/")
    assert response.status_code == 200
    assert len(response.context["results"].items) == 8


def test_coordinator_starts_invites_and_sees_the_link_once(cast, client_for, six):
    client = client_for(cast.coordinator)
    response = client.post(
        "/orgs/acme/assessments/new/", {"statement_set": six.pk, "subject": "Our forum"}
    )
    assert response.status_code == 302
    detail_url = response["Location"]
    response = client.post(
        detail_url, {"group": "co_producer", "valid_days": 14, "person": cast.coproducer.pk}
    )
    assert response.status_code == 302
    page = client.get(detail_url).content.decode()
    assert "/answer/" in page
    assert "Co-producers 1" in page
    again = client.get(detail_url).content.decode()
    assert "/answer/" not in again


def test_invite_form_errors(cast, client_for, assessment):
    response = client_for(cast.coordinator).post(
        f"/orgs/acme/assessments/{assessment.pk}/", {"valid_days": "400"}
    )
    content = response.content.decode()
    assert 'href="#id_group_0"' in content
    assert "A link can last from 1 to 365 days." in content


def test_answering_one_statement_at_a_time_with_save_and_resume(client, invite, statements):
    issued = invite("co_producer")
    base = f"/answer/{issued.token}"
    assert client.post(f"{base}/", {"one_per_screen": "yes"})["Location"] == f"{base}/1/"
    response = client.post(f"{base}/1/", {"rating": "3", "evidence": "We plan together"})
    assert response["Location"] == f"{base}/2/"
    response = client.post(f"{base}/2/", {"rating": "dont_know", "go": "later"})
    assert response["Location"] == f"{base}/saved/"
    # Coming back: the start page says how far they got, and answers are kept.
    assert b"You have answered 2 statements" in client.get(f"{base}/").content
    assert b'value="3" checked' in client.get(f"{base}/1/").content
    response = client.post(f"{base}/3/", {})
    assert "Choose an answer" in response.content.decode()
    response = client.post(f"{base}/check/")
    assert response["Location"] == "/answer/done/?lang=en-gb"
    answers = Answer.objects.filter(respondent=issued.respondent).order_by("statement__position")
    assert [(a.score, a.dont_know) for a in answers] == [(3, False), (None, True)]
    # The link is single use.
    response = client.get(f"{base}/")
    assert response.status_code == 410
    assert b"already been sent" in response.content


def test_answering_all_on_one_page_in_easy_read(client, invite, statements):
    issued = invite("co_producer")
    base = f"/answer/{issued.token}"
    client.post(f"{base}/", {"one_per_screen": "no", "easy_read": "on"})
    page = client.get(f"{base}/all/").content.decode()
    assert statements[0].easy_read in page
    # The scale in easy read too, not "Embedded" and "Developing".
    assert "Yes. This is how we work." in page
    assert "Embedded" not in page
    data = {f"s{statements[0].pk}-rating": "4", f"s{statements[1].pk}-rating": "1"}
    assert client.post(f"{base}/all/", data)["Location"] == f"{base}/check/"
    assert Answer.objects.filter(respondent=issued.respondent).count() == 2


def test_a_tampered_answer_is_refused_and_nothing_is_saved(client, invite, statements):
    issued = invite()
    base = f"/answer/{issued.token}"
    response = client.post(f"{base}/1/", {"rating": "9"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Answer.objects.exists()


def test_unknown_link_is_404_and_kind(client):
    response = client.get("/answer/nothing-here/")
    assert response.status_code == 404
    assert b"ask the person who sent you the link" in response.content


def test_exports_use_labels_not_names(cast, client_for, invite, statements, assessment):
    respondent = invite("co_producer", person=cast.coproducer).respondent
    services.answers_save(respondent=respondent, answers=[AnswerInput(statements[0].pk, 2)])
    client = client_for(cast.coordinator)
    response = client.get(f"/orgs/acme/assessments/{assessment.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["respondent", "group", "status"]
    assert rows[1][0] == "Co-producers 1"
    assert "Noor" not in response.content.decode()
    response = client.get(f"/orgs/acme/assessments/{assessment.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Co-producers 1"
    assert client.get(f"/orgs/acme/assessments/{assessment.pk}/export.pdf").status_code == 404


def test_peer_reviewer_sees_only_the_assessment_they_review(cast, client_for, assessment, six):
    other = services.assessment_create(
        organisation=cast.org, by=cast.coordinator, title="Other", subject="", statement_set=six
    )
    services.respondent_invite(
        assessment=assessment, by=cast.coordinator, group="peer_reviewer", user=cast.reviewer
    )
    client = client_for(cast.reviewer)
    assert client.get(f"/orgs/acme/assessments/{assessment.pk}/results/").status_code == 200
    assert client.get(f"/orgs/acme/assessments/{other.pk}/results/").status_code == 403
    assert client.get(f"/orgs/acme/assessments/{assessment.pk}/").status_code == 403
    assert client.get("/orgs/acme/assessments/").status_code == 403


def test_commissioner_reads_results_but_cannot_change_them(cast, client_for, assessment):
    client = client_for(cast.commissioner)
    url = f"/orgs/acme/assessments/{assessment.pk}/results/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"action-title": "x", "action-owner": "y"}).status_code == 403
    assert client.get(f"/orgs/acme/assessments/{assessment.pk}/export.csv").status_code == 403


def test_other_organisation_gets_404_everywhere(cast, client_for, assessment, invite):
    respondent = invite().respondent
    client = client_for(cast.outsider)
    for url in (
        f"/orgs/acme/assessments/{assessment.pk}/",
        f"/orgs/acme/assessments/{assessment.pk}/results/",
        f"/orgs/acme/assessments/{assessment.pk}/export.csv",
        "/orgs/acme/assessments/",
        "/orgs/acme/assessments/levels/",
        f"/orgs/other/assessments/{assessment.pk}/",
        f"/orgs/other/assessments/{assessment.pk}/results/",
    ):
        assert client.get(url).status_code == 404, url
    url = f"/orgs/acme/assessments/{assessment.pk}/respondents/{respondent.pk}/withdraw/"
    assert client.post(url).status_code == 404
    respondent.refresh_from_db()
    assert respondent.withdrawn_at is None


def test_actions_show_on_the_organisation_home(cast, client_for, assessment):
    client = client_for(cast.coordinator)
    response = client.post(
        f"/orgs/acme/assessments/{assessment.pk}/results/",
        {
            "action-title": "Pay for travel up front",
            "action-owner": "Grace",
            "action-due_on": "2027-01-31",
        },
    )
    assert response.status_code == 302
    home = client.get("/orgs/acme/").content.decode()
    assert "Pay for travel up front" in home


def test_levels_form(cast, client_for):
    client = client_for(cast.admin)
    response = client.post("/orgs/acme/assessments/levels/", {"levels": "Start = 0\nGold = 3.6"})
    assert response.status_code == 302
    response = client.post("/orgs/acme/assessments/levels/", {"levels": "Gold is high"})
    assert "This line is not right: Gold is high" in response.content.decode()


def test_organisation_makes_its_own_scale_and_uses_it(cast, client_for, six):
    from coproduce.assessments.models import Scale

    client = client_for(cast.coordinator)
    response = client.post(
        "/orgs/acme/assessments/scales/new/",
        {
            "name": "Traffic lights",
            "points": "1 = Red: not at all\n2 = Amber: partly\n3 = Green: yes",
        },
    )
    assert response.status_code == 302
    scale = Scale.objects.get(organisation=cast.org)
    response = client.post(
        "/orgs/acme/assessments/new/", {"statement_set": six.pk, "scale": scale.pk}
    )
    assessment = Assessment.objects.get(organisation=cast.org)
    assert assessment.scale == scale
    respondent = services.respondent_invite(
        assessment=assessment, by=cast.coordinator, group="staff"
    ).respondent
    with pytest.raises(ValidationError):
        services.answers_save(
            respondent=respondent, answers=[AnswerInput(six.statements.first().pk, 0)]
        )
    # Another organisation's scale is not offered, and a bad line names itself.
    other = client_for(cast.outsider).post(
        "/orgs/other/assessments/scales/new/",
        {"name": "Mine", "points": "0 = Nothing\nfive = Five"},
    )
    assert "This line is not right: five = Five" in other.content.decode()


def test_linking_a_reviewer_account_through_the_form(cast, client_for, assessment):
    client = client_for(cast.coordinator)
    response = client.post(
        f"/orgs/acme/assessments/{assessment.pk}/",
        {
            "group": "peer_reviewer",
            "user": cast.reviewer.pk,
            "valid_days": 30,
            "reviewer_organisation": "Another network",
        },
    )
    assert response.status_code == 302
    reviewer = client_for(cast.reviewer)
    assert reviewer.get(f"/orgs/acme/assessments/{assessment.pk}/results/").status_code == 200
    # Only accounts with the reviewer role here can be linked.
    response = client.post(
        f"/orgs/acme/assessments/{assessment.pk}/",
        {"group": "peer_reviewer", "user": cast.member.pk, "valid_days": 30},
    )
    assert "Select a valid choice" in response.content.decode()


def test_an_answer_can_point_at_evidence_by_link(cast, client_for, client, invite, assessment):
    """Found from outside: evidence for a statement could only be a note, not a link to
    the minutes or report that shows it."""
    issued = invite("staff")
    base = f"/answer/{issued.token}"
    client.post(f"{base}/", {"one_per_screen": "yes"})
    wrong = client.post(f"{base}/1/", {"rating": "3", "evidence_link": "not a link at all"})
    assert wrong.status_code == 400
    assert "evidence_link" in wrong.content.decode()
    client.post(f"{base}/1/", {"rating": "3", "evidence_link": "https://example.org/minutes/march"})
    answer = Answer.objects.get(respondent=issued.respondent)
    assert answer.evidence_link == "https://example.org/minutes/march"
    assert 'value="https://example.org/minutes/march"' in client.get(f"{base}/1/").content.decode()
    rows = list(
        csv.reader(
            io.StringIO(
                client_for(cast.coordinator)
                .get(f"/orgs/acme/assessments/{assessment.pk}/export.csv")
                .content.decode()
            )
        )
    )
    assert rows[0][-1] == "evidence_link"
    assert rows[1][-1] == "https://example.org/minutes/march"
    with pytest.raises(ValidationError):
        services.answers_save(
            respondent=issued.respondent,
            answers=[AnswerInput(answer.statement_id, 2, evidence_link="javascript:alert(1)")],
        )
