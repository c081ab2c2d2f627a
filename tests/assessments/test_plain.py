"""Results in plain words (issue 19): commissioners read sentences and whole numbers, and
co-producers read what people said most, in easy read, once enough people answered."""

from coproduce.assessments import services
from coproduce.assessments.services import AnswerInput


def _answered(invite, statements, scores):
    for group, score in scores:
        respondent = invite(group).respondent
        services.answers_save(
            respondent=respondent, answers=[AnswerInput(s.pk, score) for s in statements]
        )
        services.respondent_submit(respondent=respondent)


def test_a_commissioner_reads_sentences_where_staff_read_statistics(
    cast, client_for, invite, statements, assessment
):
    scores = [
        ("staff", 4),
        ("staff", 4),
        ("co_producer", 1),
        ("co_producer", 2),
        ("co_producer", 2),
    ]
    _answered(invite, statements, scores)
    url = f"/orgs/acme/assessments/{assessment.pk}/results/"
    staff = client_for(cast.coordinator).get(url).content.decode()
    assert "±" in staff
    assert ", n=" in staff
    page = client_for(cast.commissioner).get(url).content.decode()
    main = page.split('id="main-content"')[1].split("</main>")[0]
    assert "±" not in main
    assert ", n=" not in main
    assert "2.60" not in main
    assert "5 people sent their answers." in page
    # Scores of 4, 4, 1, 2 and 2: "Developing" (2) and "Leading" (4) were each given twice.
    # Each person answered every statement, and a principle has `per` statements.
    per = sum(1 for s in statements if s.item_id == statements[0].item_id)
    split = "People were split between “Developing” and “Leading”."
    assert f"{split} ({2 * per} of {5 * per} answers)" in page
    assert "staff rate this higher than co-producers do." in page
    # The chart keeps its table, in whole numbers: the average of 2.6 is 3.
    table = page.split('id="results-table"')[1].split("</table>")[0]
    assert ">3</td>" in table
    assert "2.6" not in table


def test_co_producers_see_what_people_said_most_in_easy_read(
    cast, client_for, invite, statements, assessment
):
    member = client_for(cast.member)
    said = f"/orgs/acme/assessments/{assessment.pk}/said/"
    _answered(invite, statements, [("co_producer", 3), ("staff", 3)])
    # Two people are too few: one could tell what the other said.
    assert member.get(said).status_code == 404
    assert "Round one" not in member.get("/orgs/acme/assessments/said/").content.decode()
    _answered(invite, statements, [("co_producer", 1)])
    assert "Round one" in member.get("/orgs/acme/assessments/said/").content.decode()
    page = member.get(said).content.decode()
    assert "3 people answered." in page
    assert "<span>Most often, people said: “Yes. This is how we work”.</span>" in page
    assert 'src="/static/pictures/talk.svg" alt=""' in page
    assert "Some people are still answering." in page
    # In Welsh, the principle and the scale's easy-read words are Welsh too.
    member.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    welsh = member.get(said).content.decode()
    assert "Gan amlaf, dywedodd pobl: “Ie. Dyma sut rydyn ni&#x27;n gweithio”." in welsh
    assert "Adeiladu ar alluoedd pobl" in welsh
    member.post("/i18n/setlang/", {"language": "en-gb", "next": "/"})
    assert client_for(cast.outsider).get(said).status_code == 404
    # The home page leads there.
    home = member.get("/orgs/acme/").content.decode()
    assert "/orgs/acme/assessments/said/" in home
