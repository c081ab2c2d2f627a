import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from coproduce.core.models import AuditEvent
from coproduce.evidence import queries, services
from coproduce.evidence.models import Observation, SurveyResponse
from coproduce.frameworks.models import FrameworkItem
from coproduce.people.models import ConsentPurpose
from coproduce.people.services import consent_record, consent_withdraw
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = "period,breakdown,category,value,share\n"


def _import(indicator, cast, text, encoding="utf-8"):
    return services.observations_import(
        indicator=indicator, by=cast.coordinator, data=text.encode(encoding)
    )


def test_import_saves_every_row_and_audits_it(cast, indicator, periods):
    report = _import(
        indicator,
        cast,
        HEADER + '2009-10,source,GP,"4,541",83.12\n2009-10,source,Self,730,13.36%\n'
        "2009-10,source,Total,5271,\n",
    )
    assert report.errors == []
    assert report.saved == 3
    found = queries.period_figures(indicator, periods[0], "source")
    assert found.parts == {"GP": Decimal(4541), "Self": Decimal(730)}
    assert found.stated_total == Decimal(5271)
    assert found.stated_shares["Self"] == Decimal("13.36")
    assert AuditEvent.objects.filter(action="evidence.import", actor=cast.coordinator).exists()


@pytest.mark.parametrize(
    ("rows", "field", "words"),
    [
        ("2009-10,source,GP,lots,", "value", "is not a number"),
        ("2009-10,source,GP,-5,", "value", "cannot be negative"),
        ("2009-10,source,GP,4.125,", "value", "at most 2 decimal places"),
        ("2009-10,source,GP,5,120", "share", "from 0 to 100"),
        ("2011-12,source,GP,5,", "period", 'No period called "2011-12"'),
        ("2009-10,source,GP,5,\n2009-10,source,gp,6,", "category", "on row 3 too"),
        ("2009-10,source,,5,", "category", "Name the category"),
    ],
)
def test_a_bad_row_saves_nothing_and_is_named(cast, indicator, periods, rows, field, words):
    _import(indicator, cast, HEADER + "2010-11,source,GP,862,\n")
    report = _import(indicator, cast, HEADER + "2010-11,source,Self,2408,\n" + rows + "\n")
    assert report.saved == 0
    assert any(e.field == field and words in e.message for e in report.errors), report.errors
    # What was saved before is still there, and nothing from the bad file is.
    assert list(Observation.objects.values_list("category", flat=True)) == ["GP"]


def test_wrong_headers_and_encoding_are_reported(cast, indicator, periods):
    report = _import(indicator, cast, "when,amount\n2009-10,5\n")
    assert report.errors[0].field == "headers"
    assert "Missing: period, value" in report.errors[0].message
    report = _import(indicator, cast, HEADER + "2009-10,source,Médecin,5,\n", encoding="latin-1")
    assert report.errors[0].field == "file"
    assert "UTF-8" in report.errors[0].message
    report = _import(indicator, cast, "period,value,value\n2009-10,5,6\n")
    assert "Repeated: value" in report.errors[0].message
    assert _import(indicator, cast, "").errors[0].message == "The file is empty."
    assert Observation.objects.count() == 0


def test_a_row_already_recorded_is_refused(cast, indicator, periods):
    _import(indicator, cast, HEADER + "2009-10,source,GP,4541,\n")
    report = _import(indicator, cast, HEADER + "2009-10,source,GP,4000,\n")
    assert "already has a figure for GP" in report.errors[0].message
    assert Observation.objects.get().value == Decimal(4541)


def test_xlsx_imports_like_csv(cast, indicator, periods):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Period", "Breakdown", "Category", "Value"])
    sheet.append(["2009-10", "source", "GP", 4541])
    sheet.append(["2010-11", "source", "GP", 862.0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = services.observations_import(
        indicator=indicator, by=cast.coordinator, data=buffer.getvalue()
    )
    assert report.errors == []
    assert report.saved == 2
    broken = services.observations_import(
        indicator=indicator, by=cast.coordinator, data=b"PK\x03\x04 not really a workbook"
    )
    assert broken.errors[0].field == "file"


def test_grid_replaces_a_breakdown_all_or_nothing(cast, indicator, periods):
    first = services.observations_replace(
        indicator=indicator,
        period=periods[0],
        by=cast.coordinator,
        dimension="source",
        entries=[services.Entry("GP", "4541"), services.Entry("Self", "730")],
    )
    assert first.saved == 2
    bad = services.observations_replace(
        indicator=indicator,
        period=periods[0],
        by=cast.coordinator,
        dimension="source",
        entries=[services.Entry("GP", "4600"), services.Entry("Self", "seven hundred")],
    )
    assert bad.errors[0].row == 2
    assert bad.errors[0].field == "value"
    assert queries.period_figures(indicator, periods[0], "source").parts == {
        "GP": Decimal(4541),
        "Self": Decimal(730),
    }
    services.observations_replace(
        indicator=indicator,
        period=periods[0],
        by=cast.coordinator,
        dimension="source",
        entries=[services.Entry("GP", "4600"), services.Entry("", "")],
    )
    assert queries.period_figures(indicator, periods[0], "source").parts == {"GP": Decimal(4600)}


def test_grid_refuses_another_organisations_period(cast, indicator):
    elsewhere = services.period_create(
        organisation=cast.other_org,
        by=cast.outsider,
        label="2026",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError):
        services.observations_replace(
            indicator=indicator, period=elsewhere, by=cast.coordinator, dimension="", entries=[]
        )


def test_names_and_labels_are_unique_and_dates_in_order(cast, indicator, periods):
    with pytest.raises(ValidationError) as error:
        services.indicator_save(
            organisation=cast.org,
            by=cast.coordinator,
            details={"name": "referrals", "unit": "x"},
        )
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.period_create(
            organisation=cast.org,
            by=cast.coordinator,
            label="Later",
            starts_on=datetime.date(2026, 2, 1),
            ends_on=datetime.date(2026, 1, 1),
        )
    assert "ends_on" in error.value.message_dict


def test_survey_rates_use_the_right_denominators(cast):
    survey = services.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Community survey",
        questions=[
            {"kind": "agree", "text": "Services listen to me."},
            {"kind": "choice", "text": "Where?", "choices": ["Temple", "Church", "Temple"]},
            {"kind": "text", "text": "Anything else?"},
        ],
    )
    services.survey_set(survey=survey, by=cast.coordinator, status="open", sent_count=85)
    agree, where, words = survey.questions.all()
    assert where.choices == ["Temple", "Church"]
    for n in range(23):
        answers = {agree.pk: ["agree", "strongly_agree", "disagree"][n % 3]}
        if n < 16:
            answers |= {where.pk: "Temple", words.pk: "More evening sessions"}
        services.response_submit(survey=survey, answers=answers)
    results = queries.survey_results(survey)
    assert results["response_rate"] == Decimal("27.06")
    assert results["completion_rate"] == Decimal("69.57")
    first = results["questions"][0]
    assert first["answered"] == 23
    assert first["agreement"] == Decimal("69.57")  # 16 of 23 agree or strongly agree
    assert results["questions"][1]["answered"] == 16
    assert results["questions"][1]["skipped"] == 7


def test_survey_answers_are_checked(cast):
    survey = services.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="S",
        questions=[{"kind": "agree", "text": "Q"}],
    )
    question = survey.questions.get()
    with pytest.raises(ValidationError) as error:
        services.response_submit(survey=survey, answers={question.pk: "agree"})
    assert "survey" in error.value.message_dict  # still a draft
    services.survey_set(survey=survey, by=cast.coordinator, status="open")
    with pytest.raises(ValidationError) as error:
        services.response_submit(survey=survey, answers={question.pk: "maybe"})
    assert f"q{question.pk}" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.response_submit(survey=survey, answers={question.pk: "  "})
    assert SurveyResponse.objects.count() == 0
    with pytest.raises(ValidationError):
        services.survey_create(
            organisation=cast.org,
            by=cast.coordinator,
            title="S",
            questions=[{"kind": "choice", "text": "Pick", "choices": ["One"]}],
        )


def _item(framework_key, item_key):
    return FrameworkItem.objects.get(
        framework__key=framework_key, framework__is_current=True, key=item_key
    )


def test_outcomes_add_up_by_framework_item(cast):
    confidence = _item("islington-capabilities", "confidence-agency")
    people = [PersonFactory(organisation=cast.org) for _ in range(3)]
    for person, (start, later, said) in zip(
        people, [(3, 6, "better"), (5, 5, "same"), (4, None, "much_better")], strict=True
    ):
        services.outcome_record(
            organisation=cast.org,
            by=cast.coordinator,
            item=confidence,
            person=person,
            details={"baseline": start, "follow_up": later, "self_reported": said},
        )
    [row] = queries.outcome_summary(queries.outcomes_in(cast.org))
    assert (row["records"], row["paired"], row["improved"]) == (3, 2, 1)
    assert row["mean_baseline"] == Decimal("4.0")
    assert row["mean_follow_up"] == Decimal("5.5")
    assert row["mean_change"] == Decimal("1.5")
    assert row["said_better_share"] == Decimal("66.67")


def test_outcomes_need_an_outcome_framework_and_a_subject(cast):
    stage = _item("five-steps", "map-it")
    with pytest.raises(ValidationError) as error:
        services.outcome_record(
            organisation=cast.org,
            by=cast.coordinator,
            item=stage,
            person=cast.coproducer,
            details={"baseline": 3},
        )
    assert "item" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.outcome_record(
            organisation=cast.org,
            by=cast.coordinator,
            item=_item("four-levels-of-change", "ideas"),
            details={"baseline": 3},
        )
    assert "person" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.outcome_record(
            organisation=cast.org,
            by=cast.coordinator,
            item=_item("four-levels-of-change", "ideas"),
            person=cast.other_person,
            details={"baseline": 3},
        )
    assert "person" in error.value.message_dict


def test_documents_split_into_passages_with_speakers(coded):
    document, excerpts, _codes = coded
    assert [e.text for e in excerpts] == [
        "Asha: I trust them now.",
        "Ben: They spoke my language.",
        "Asha: They respected our festival.",
    ]


def test_agreement_between_a_staff_member_and_a_co_producer(cast, coded):
    _document, excerpts, _codes = coded
    result = queries.agreement(cast.org, cast.coordinator, cast.member)
    assert result["excerpts"] == 3
    rows = {row["code"].name: row for row in result["rows"]}
    assert rows["Trust"]["kappa"] == Decimal("1.00")
    assert rows["Language"]["kappa"] == Decimal("1.00")
    # Respect: staff on excerpt 3, partner on excerpt 2: observed 1/3, chance 5/9.
    assert rows["Respect"]["kappa"] == Decimal("-0.50")
    assert result["disagreements"] == [excerpts[1].pk, excerpts[2].pk]


def test_recoding_replaces_only_your_own_codes(cast, coded):
    _document, excerpts, codes = coded
    services.excerpt_code(excerpt=excerpts[0], coder=cast.coordinator, codes=[])
    counts = {row["code"].name: row["excerpts"] for row in queries.theme_counts(cast.org)}
    assert counts["Trust"] == 1  # the co-producer's code still stands
    other = services.code_create(organisation=cast.other_org, by=cast.outsider, name="X")
    with pytest.raises(ValidationError):
        services.excerpt_code(excerpt=excerpts[0], coder=cast.coordinator, codes=[other])


def test_consent_to_quote_travels_with_the_words(cast, coded):
    _document, excerpts, _codes = coded
    services.excerpt_set_speaker(
        excerpt=excerpts[0],
        by=cast.coordinator,
        speaker_group="co_producer",
        person=cast.coproducer,
    )
    assert not queries.quotable(excerpts[0].document.excerpts.all()).exists()
    consent = consent_record(
        person=cast.coproducer,
        purpose=ConsentPurpose.QUOTES,
        given_on=datetime.date(2026, 11, 1),
        by=cast.coordinator,
    )
    themes = queries.quotes_by_theme(cast.org)
    assert [e.pk for t in themes for e in t["excerpts"]] == [excerpts[0].pk]
    consent_withdraw(consent=consent, by=cast.coordinator)
    assert queries.quotes_by_theme(cast.org) == []
    # Someone not on our records is quoted only with the agreement recorded on the words.
    services.excerpt_set_speaker(
        excerpt=excerpts[1], by=cast.coordinator, speaker_group="family", agreed_to_quote=True
    )
    assert [t["code"].name for t in queries.quotes_by_theme(cast.org)] == ["Language", "Respect"]


def test_suggestions_show_the_words_that_matched(cast, coded):
    _document, excerpts, codes = coded
    document = services.document_add(
        organisation=cast.org,
        by=cast.coordinator,
        title="Notes",
        kind="notes",
        text="People said trusting the staff took years, and language was a barrier.",
    )
    found = queries.suggestions_for(cast.org, document.excerpts.get())
    code, suggestion = found[0]
    assert code.name == "Trust"
    assert "trust" in suggestion.matched
    assert any("language" in s.matched for _c, s in found)
    assert len(found) <= 3


def test_value_lines_are_checked_and_add_up(cast):
    from coproduce.initiatives.services import initiative_create

    initiative = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Website", "service_area": "adult_social_care"},
    )
    line = services.cost_add(
        initiative=initiative,
        by=cast.coordinator,
        description="Co-producers' time",
        hours=Decimal("12.5"),
        hourly_rate_pence=1500,
    )
    assert line.amount_pence == 18750
    with pytest.raises(ValidationError) as error:
        services.cost_add(
            initiative=initiative,
            by=cast.coordinator,
            description="Both",
            amount_pence=5,
            hours=Decimal(1),
            hourly_rate_pence=100,
        )
    assert "amount_pence" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.benefit_add(
            initiative=initiative,
            by=cast.coordinator,
            description="Saving",
            amount_pence_per_year=100,
            years=11,
            kind="cashable",
            confidence="high",
            source="x",
        )
    assert "years" in error.value.message_dict
    services.benefit_add(
        initiative=initiative,
        by=cast.coordinator,
        description="Fewer calls",
        amount_pence_per_year=75000,
        years=2,
        kind="cashable",
        confidence="high",
        source="Call logs",
    )
    value = queries.value_of(initiative)["value"]
    assert (value.cost, value.benefit, value.net) == (18750, 150000, 131250)
    assert value.payback_months == 3


def test_suggestions_open_as_a_page_without_a_script_and_as_a_fragment_with_one(
    cast, coded, client_for
):
    """Found by the crawl: the link behind "Suggest themes" opened a bare fragment, with
    no title or language, for anyone whose browser did not run the script."""
    _document, excerpts, _codes = coded
    url = f"/orgs/acme/evidence/excerpts/{excerpts[0].pk}/suggestions/"
    client = client_for(cast.coordinator)
    page = client.get(url).content.decode()
    assert '<html lang="en-GB"' in page
    assert "<title>Themes to suggest for passage" in page
    assert "Back to the passage" in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "Suggested, from words" in fragment or "No suggestions" in fragment
