"""The evidence pack by the commissioning cycle, and value for money that takes its costs
from the ledger as well as those typed in (issue 20)."""

import datetime

from django.db.models import Sum
from django.utils import timezone

from coproduce.evidence.value.services import cost_add
from coproduce.initiatives.services import initiative_create
from coproduce.recognition.models import Award, AwardStatus
from coproduce.recognition.services.awards import awards_approve, awards_propose
from coproduce.recognition.services.policy import choice_set, rate_set
from coproduce.reports.evidence_pack import evidence_pack, pack_sheets
from coproduce.sessions.services import register_save, session_create
from tests.factories import PersonFactory

TODAY = timezone.localdate()
SINCE = TODAY - datetime.timedelta(days=90)


def _initiative_with_work(cast):
    initiative = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Carers' breaks", "service_area": "adult_social_care"},
    )
    people = [PersonFactory(organisation=cast.org) for _ in range(7)]
    for person in people:
        choice_set(
            person=person, by=cast.admin, preference="payment", weekly_pence=None, yearly_pence=None
        )
    rate_set(
        organisation=cast.org, by=cast.admin, session_kind="", details={"pence_per_hour": 1000}
    )
    for co, rung, present in [
        ("co-design", "co-production", people),
        ("co-design", "consultation", people[:3]),
        ("co-delivery", "co-design", people[:6]),
    ]:
        session = session_create(
            organisation=cast.org,
            by=cast.coordinator,
            initiative=initiative,
            details={
                "title": "Workshop",
                "kind": "workshop",
                "starts_at": timezone.now() - datetime.timedelta(days=2),
                "hours": 2,
                "co": co,
                "rung": rung,
            },
        )
        register_save(session=session, by=cast.coordinator, present=present)
    awards_propose(organisation=cast.org, by=cast.admin, start=SINCE, end=TODAY)
    awards_approve(
        organisation=cast.org,
        by=cast.admin,
        awards=Award.objects.filter(organisation=cast.org),
        over_caps_confirmed=True,
    )
    return initiative


def test_the_pack_shows_each_co_from_the_registers_and_the_ledger(cast):
    initiative = _initiative_with_work(cast)
    pack = evidence_pack(cast.org, initiative=initiative, since=SINCE, until=TODAY)
    stages = {stage.co: stage for stage in pack.cycle}
    design = stages["co-design"]
    assert (design.sessions, design.deep, design.deep_share) == (2, 1, 50)
    assert design.hours == 2 * (7 + 3)
    assert design.people.value == 5  # 7 different people, to the nearest 5
    paid_for_design = Award.objects.filter(
        attendance__session__co="co-design", status=AwardStatus.APPROVED
    ).aggregate(total=Sum("amount"))["total"]
    assert design.spent == paid_for_design == 10 * 2000
    assert stages["co-delivery"].sessions == 1
    assert stages["co-delivery"].spent == 6 * 2000
    assert stages["co-commissioning"].sessions == 0
    assert "" not in stages  # no row for sessions without a Co when there are none
    sheet = pack_sheets(pack)["Commissioning cycle"]
    assert sheet[1][:3] == ["Co-commissioning", 0, None]


def test_value_for_money_counts_recognition_paid_from_the_ledger_and_typed_costs(cast):
    initiative = _initiative_with_work(cast)
    cost_add(
        initiative=initiative, by=cast.coordinator, description="Room hire", amount_pence=15000
    )
    pack = evidence_pack(cast.org, initiative=initiative, since=SINCE, until=TODAY)
    assert pack.value is not None
    paid = Award.objects.filter(status=AwardStatus.APPROVED).aggregate(total=Sum("amount"))["total"]
    assert pack.value["recorded_costs"] == [
        ("Payments to people for their time (from the ledger)", paid)
    ]
    assert pack.value["value"].cost == 15000 + paid


def test_a_quarter_sets_the_packs_dates(cast, client_for):
    from coproduce.reports.forms import PackForm, quarters

    assert quarters(datetime.date(2026, 2, 10), 3) == [
        ("2026-1", "January to March 2026"),
        ("2025-4", "October to December 2025"),
        ("2025-3", "July to September 2025"),
    ]
    newest = quarters(TODAY)[0][0]
    form = PackForm({"quarter": newest})
    form.fields["initiative"].queryset = cast.org.initiatives.none()
    assert form.is_valid(), form.errors
    since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    assert since <= TODAY <= until
    assert (until + datetime.timedelta(days=1)).month in (1, 4, 7, 10)
    assert since.day == 1
    assert since.month in (1, 4, 7, 10)
    page = client_for(cast.coordinator).get("/orgs/acme/evidence-pack/", {"quarter": "1999-9"})
    assert "Choose a quarter from the list." in page.content.decode()
