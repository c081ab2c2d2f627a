"""Demo evidence, entered through the same services a coordinator uses.

Real figures where the sources have them: referrals to Wandsworth's talking therapies
by source over two years (001:L174-199), ethnicity of people entering the service
(001:L170), the community survey's 85 expected, 23 returned and 16 completed (000:L518-526),
and Stockport's information website, about £75,000 to build and about £300,000 a year
saved (002:L730-732). The survey's answers, the outcomes and the focus group notes are
made up for the demo, in our own words.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from coproduce.core.models import Organisation, User
from coproduce.evidence import services
from coproduce.frameworks.models import Framework, FrameworkItem
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.services import initiative_create
from coproduce.people.models import ConsentPurpose, Person
from coproduce.people.services import consent_record

FIRST = "Sep 2009 to Aug 2010"
SECOND = "Sep 2010 to Aug 2011"
BOTH = "Sep 2009 to Aug 2011"

# As published in 001's Table 1, shares and totals included; a dash there is no row here.
REFERRALS_CSV = f"""period,breakdown,category,value,share
{FIRST},referral source,General Medical Practitioner (GP),4541,83.12
{FIRST},referral source,Self,730,13.36
{FIRST},referral source,Local Authority Social Services,5,0.10
{FIRST},referral source,A&E Department,6,0.11
{FIRST},referral source,Other clinical specialty,152,2.80
{FIRST},referral source,Medical outpatient services,11,0.20
{FIRST},referral source,Community/Practice Nurse/Health Visitor,2,0.03
{FIRST},referral source,Other,15,0.27
{FIRST},referral source,Employer,1,0.02
{FIRST},referral source,Total,5463,
{SECOND},referral source,General Medical Practitioner (GP),862,23.13
{SECOND},referral source,Self,2408,64.63
{SECOND},referral source,Local Authority Social Services,4,0.11
{SECOND},referral source,Other clinical specialty,419,11.24
{SECOND},referral source,Medical outpatient services,1,0.03
{SECOND},referral source,Other,32,0.86
{SECOND},referral source,Total,3726,
"""

# 001:L170 gives only shares of the 5,715 people, so the figures are those shares.
ETHNICITY = [
    ("BME background", "12.82"),
    ("White background", "39.94"),
    ("Missing or not stated", "47.24"),
]

FOCUS_GROUP = """Facilitator: Thank you all for coming. We want to hear how the clinic at the temple has worked for you.

Fatima: At first I did not trust it. Doctors had not listened to me before. But the volunteer at the temple knew my family and sat with me the first time, and that made the difference.

Hamid: For my mother the language was everything. The therapist spoke Bengali, so she could say what she felt without her son translating.

Priya: I come because it is my place. Nobody looks at you strangely for going to the temple. Going to the hospital for your mind, people talk.

Facilitator: What would you change?

Hamid: Tell people earlier. My cousin waited months because the GP never mentioned it. Leaflets in our languages in the GP surgery would help.

Fatima: Now I help on Thursdays. I greet people and make the tea. I was helped, and now I help. That feels good, like I am giving something back.

Priya: The staff came to our festival. They ate with us. After that we trusted them more, because they respected our ways.

Hamid: Sometimes the room is noisy. A quiet room with a proper door would make it feel safe to talk.
"""

SURVEY_QUESTIONS: list[dict[str, Any]] = [
    {"kind": "agree", "text": "Local health services listen to people like me."},
    {"kind": "agree", "text": "I would feel comfortable getting support at a community venue."},
    {
        "kind": "choice",
        "text": "Where did you get this survey?",
        "choices": ["Faith group", "Community group", "Friend or family", "Somewhere else"],
    },
    {"kind": "text", "text": "What one thing would make services better for your community?"},
]
# 23 responses, 16 answering everything (000:L518-526); the answers themselves are made up.
AGREE_ANSWERS = [
    "agree", "strongly_agree", "neither", "disagree", "agree", "agree", "strongly_disagree",
    "agree", "neither", "strongly_agree", "agree", "disagree", "agree", "neither",
    "agree", "strongly_agree", "agree", "disagree", "neither", "agree", "agree",
    "strongly_agree", "neither",
]  # fmt: skip
WHERE = ["Faith group", "Community group", "Friend or family", "Faith group", "Somewhere else"]
IDEAS = [
    "Leaflets in our own languages.",
    "Evening sessions for people who work.",
    "Staff who come to our events, not just ask us to theirs.",
    "A women-only group.",
    "Shorter waits.",
]


def _period(org: Organisation, by: User, label: str, start: str, end: str) -> Any:
    return services.period_create(
        organisation=org,
        by=by,
        label=label,
        starts_on=datetime.date.fromisoformat(start),
        ends_on=datetime.date.fromisoformat(end),
    )


def _figures(org: Organisation, by: User, initiative: Initiative) -> None:
    _period(org, by, FIRST, "2009-09-01", "2010-08-31")
    _period(org, by, SECOND, "2010-09-01", "2011-08-31")
    both = _period(org, by, BOTH, "2009-09-01", "2011-08-31")
    referrals = services.indicator_save(
        organisation=org,
        by=by,
        initiative=initiative,
        details={
            "name": "Referrals to talking therapies",
            "description": "Referrals by source, from the service's quarterly performance "
            "reports. Referrals are not the same as people entering the service.",
            "unit": "referrals",
            "direction": "higher",
            "baseline": Decimal(5463),
        },
    )
    report = services.observations_import(indicator=referrals, by=by, data=REFERRALS_CSV.encode())
    assert not report.errors, report.errors
    entering = services.indicator_save(
        organisation=org,
        by=by,
        initiative=initiative,
        details={
            "name": "People entering the service",
            "description": "5,715 people entered the service from September 2009 to August "
            "2011. The reports give ethnicity as shares only, so the figures are per cent.",
            "unit": "per cent of people",
            "direction": "neither",
        },
    )
    services.observations_replace(
        indicator=entering,
        period=both,
        by=by,
        dimension="ethnicity",
        entries=[services.Entry(name, share) for name, share in ETHNICITY],
    )


def _survey(org: Organisation, by: User, initiative: Initiative) -> None:
    survey = services.survey_create(
        organisation=org,
        by=by,
        initiative=initiative,
        title="Community health and wellbeing survey",
        introduction="Community groups handed this out on paper. It takes five minutes.",
        questions=SURVEY_QUESTIONS,
    )
    services.survey_set(survey=survey, by=by, status="closed", sent_count=85)
    questions = list(survey.questions.all())
    for n, agree in enumerate(AGREE_ANSWERS):
        answers = {questions[0].pk: agree, questions[1].pk: AGREE_ANSWERS[-1 - n]}
        if n < 16:  # these people answered every question
            answers[questions[2].pk] = WHERE[n % len(WHERE)]
            answers[questions[3].pk] = IDEAS[n % len(IDEAS)]
        services.response_submit(survey=survey, answers=answers, entered_by=by)


def _outcomes(org: Organisation, by: User, initiative: Initiative) -> None:
    items = {
        item.key: item
        for item in FrameworkItem.objects.filter(
            framework__key__in=["four-levels-of-change", "islington-capabilities"],
            framework__is_current=True,
            framework__organisation__isnull=True,
        )
    }
    people = list(Person.objects.filter(organisation=org).order_by("pk")[:8])
    scores = [(3, 6), (4, 7), (5, 5), (2, 6), (6, 8), (4, 4), (3, 7), (5, 6)]
    said = ["much_better", "better", "same", "better", "better", "worse", "much_better", ""]
    for person, (start, later), words in zip(people, scores, said, strict=True):
        for key in ("confidence-agency", "relationships"):
            services.outcome_record(
                organisation=org,
                by=by,
                item=items[key],
                person=person,
                initiative=initiative,
                details={
                    "baseline": start,
                    "follow_up": later,
                    "self_reported": words,
                    "recorded_on": datetime.date(2026, 10, 15),
                },
            )
    services.outcome_record(
        organisation=org,
        by=by,
        item=items["practices"],
        initiative=initiative,
        details={
            "self_reported": "better",
            "note": "The trust now offers appointments at three community sites.",
            "recorded_on": datetime.date(2026, 9, 30),
        },
    )


# Two coders' themes for each passage after the facilitator's opening: the coordinator's
# and a co-producer's. They differ on three passages, to talk through.
CODING = {
    2: (["Trust"], ["Trust", "Respect"]),
    3: (["Language and interpreting"], ["Language and interpreting"]),
    4: (["Stigma"], ["Stigma", "Trust"]),
    6: (["Access and waiting"], ["Access and waiting", "Language and interpreting"]),
    7: (["Reciprocity"], ["Reciprocity"]),
    8: (["Trust", "Respect"], ["Trust", "Respect"]),
    9: (["Safe spaces"], ["Safe spaces"]),
}


def _coding(org: Organisation, by: User, co_coder: User, initiative: Initiative) -> None:
    principles = Framework.objects.get(
        key="authentic-principles", is_current=True, organisation__isnull=True
    )
    services.codebook_add_framework(organisation=org, by=by, framework=principles)
    for name, about in [
        ("Language and interpreting", "Being able to speak in your own language."),
        ("Stigma", "Worry about what others think of getting help for your mind."),
        ("Access and waiting", "How people hear about support and how long they wait."),
        ("Safe spaces", "Rooms and places where people feel safe to talk."),
    ]:
        services.code_create(organisation=org, by=by, name=name, description=about)
    document = services.document_add(
        organisation=org,
        by=by,
        title="Focus group at the temple clinic",
        kind="transcript",
        text=FOCUS_GROUP,
        initiative=initiative,
    )
    codes = {code.name: code for code in org.codes.all()}
    excerpts = {e.position: e for e in document.excerpts.all()}
    speakers = {2: "Fatima", 7: "Fatima", 4: "Priya", 8: "Priya"}
    for position, name in speakers.items():
        person = Person.objects.filter(organisation=org, preferred_name=name).first()
        services.excerpt_set_speaker(
            excerpt=excerpts[position],
            by=by,
            speaker_group="co_producer",
            person=person,
            agreed_to_quote=person is None,
        )
    # Hamid has not said his words may be quoted, so they stay out of reports.
    hamid = Person.objects.filter(organisation=org, preferred_name="Hamid").first()
    for position in (3, 6, 9):
        services.excerpt_set_speaker(
            excerpt=excerpts[position], by=by, speaker_group="family", person=hamid
        )
    for position, (first, second) in CODING.items():
        services.excerpt_code(excerpt=excerpts[position], coder=by, codes=[codes[n] for n in first])
        services.excerpt_code(
            excerpt=excerpts[position], coder=co_coder, codes=[codes[n] for n in second]
        )


def _value(org: Organisation, by: User) -> None:
    website = initiative_create(
        organisation=org,
        by=by,
        details={
            "title": "Care and support website, written with residents",
            "summary": "Information and advice pages, a care home search and a cost "
            "calculator, tested with the people who use them.",
            "service_area": "adult_social_care",
        },
    )
    services.cost_add(
        initiative=website,
        by=by,
        description="Building the site, research with residents and staff time",
        amount_pence=75_000_00,
    )
    services.benefit_add(
        initiative=website,
        by=by,
        description="Fewer calls and visits to the contact centre",
        amount_pence_per_year=300_000_00,
        years=1,
        kind="cashable",
        confidence="medium",
        source="Stockport's first-year review of its website (002:L730)",
    )
    services.assumption_add(
        initiative=website,
        by=by,
        text="The saving is the department's estimate for the first year only.",
        source="002:L730",
    )
    services.assumption_add(
        initiative=website,
        by=by,
        text="Upkeep is done by the existing information team at no extra cost.",
        source="002:L732",
    )


def load_demo_evidence(
    *, orgs: dict[str, Organisation], by: User, co_coder: User, admin: User
) -> None:
    """Figures, a survey, outcomes, a coded focus group and a value-for-money example."""
    wandle = orgs["wandle-cen"]
    initiative = Initiative.objects.get(
        organisation=wandle, title="Talking therapies at community sites"
    )
    for name in ("Fatima", "Priya"):
        person = Person.objects.filter(organisation=wandle, preferred_name=name).first()
        if (
            person is not None
            and not person.consents.active().filter(purpose=ConsentPurpose.QUOTES).exists()
        ):
            consent_record(
                person=person,
                purpose=ConsentPurpose.QUOTES,
                given_on=datetime.date(2026, 10, 1),
                how_given="Agreed at the focus group, after hearing how quotes are used.",
                by=by,
            )
    _figures(wandle, by, initiative)
    _survey(wandle, by, initiative)
    _outcomes(wandle, by, initiative)
    _coding(wandle, by, co_coder, initiative)
    _value(orgs["northfield-council"], admin)
