"""Synthetic data at the size of a town or a nation, for the benchmark and for proving
backups at scale (`coproduce generate --scale {small,town,national}`).

Every app gets rows that look like real use: organisations in networks, people with
access needs and consents, initiatives at each of the five steps, sessions with
registers, recognition that went through the ledger (two postings per transaction),
assessments with answers, "you said, we did" items, evidence and published case
studies. The same seed gives the same data. Rows are written organisation by
organisation, one database transaction each, through `bulk.Table`.
"""

from __future__ import annotations

import datetime
import random
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from coproduce.assessments.services import scale_default
from coproduce.core.models import Organisation, Role
from coproduce.demo.bench_evidence import fill_evidence
from coproduce.demo.bulk import Table, reset_sequences
from coproduce.demo.generate_tables import GeneratorTables
from coproduce.demo.generate_talk import talk
from coproduce.demo.generate_words import (
    FIRST,
    ITEM_TITLES,
    KIND_NAMES,
    KINDS,
    LAST,
    PASSAGES,
    PLACES,
    SESSION_TITLES,
    TOPICS,
)
from coproduce.demo.library import CASES
from coproduce.frameworks.models import Framework, Statement, StatementSet
from coproduce.ledger.services import fingerprint
from coproduce.library.models import CaseStatus, CaseStudy
from coproduce.library.search import index_case_study
from coproduce.library.services import tag_get

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Scale:
    organisations: int
    people_per_organisation: int
    initiatives_per_organisation: int
    sessions_per_initiative: int
    attendance_per_session: int
    case_studies: int
    # Share of attendance recognised through the ledger (one transaction, two postings).
    recognised: float = 0.6
    # One more organisation with evidence at the sizes the bench reads (coded passages,
    # survey responses and indicators): the evidence pack and agreement pages at scale.
    evidence_passages: int = 50
    evidence_indicators: int = 4


SCALES = {
    "small": Scale(3, 40, 3, 20, 4, 60),
    "town": Scale(20, 100, 10, 100, 4, 800, evidence_passages=500, evidence_indicators=10),
    "national": Scale(500, 100, 10, 100, 4, 20000, evidence_passages=5000, evidence_indicators=40),
    # Ten times national (issue 23): 500,000 people, 20M attendance and, as nationally,
    # about 10M recognitions of two postings each (60% are offered recognition; those
    # who chose none or were not asked get none). The library stays national size.
    "uk": Scale(5000, 100, 10, 100, 4, 20000, evidence_passages=5000, evidence_indicators=40),
}

START = datetime.datetime(2025, 1, 6, 10, 0, tzinfo=datetime.UTC)


@dataclass
class Report:
    scale: str
    seed: int
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    peak_memory_mb: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> int:
        return int(self.total / self.seconds) if self.seconds else 0


class Generator(GeneratorTables):
    def __init__(self, scale: Scale, seed: int) -> None:
        self.scale = scale
        self.seed = seed
        super().__init__()
        self.tables = [value for value in vars(self).values() if isinstance(value, Table)]
        self.org_ids: list[int] = []
        self.network: int | None = None

        five = Framework.objects.current().library().get(key="five-steps")
        self.stage_framework = five.pk
        self.stages = list(five.items.order_by("position").values_list("pk", flat=True))
        six = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
        self.statement_set = six.pk
        self.statements = list(
            Statement.objects.filter(statement_set=six).order_by("pk").values_list("pk", flat=True)
        )
        self.scale_id = scale_default().pk

    # --- one organisation -------------------------------------------------------

    def organisation(self, n: int) -> None:
        r = random.Random(f"{self.seed}:{n}")  # noqa: S311  (repeatable, not a secret)
        s = self.scale
        place = PLACES[n % len(PLACES)]
        kind = "network" if n % 10 == 0 else KINDS[n % len(KINDS)]
        name = f"{place} {KIND_NAMES[kind]} {n + 1}"
        created = START - datetime.timedelta(days=400 - n % 300)
        org = self.orgs.add(name, f"gen-{n + 1}", kind, f"Generated organisation {n + 1}.", created)
        self.org_ids.append(org)
        if kind == "network":
            self.network = org
        elif self.network is not None:
            # Two in three members agree to be named in their network's figures.
            self.networks.add(self.network, org, n % 3 != 0)

        staff = {}
        for role in (Role.ADMIN, Role.COORDINATOR, Role.VIEWER):
            email = f"{role}-{n + 1}@generated.invalid"
            user = self.users.add("!generated", email, str(role.label), created)
            self.memberships.add(user, org, role)
            staff[role] = user
        coordinator = staff[Role.COORDINATOR]

        people = []
        preferences = ["time_credits", "payment", "vouchers", "none", "not_asked"]
        for p in range(s.people_per_organisation):
            first, last = r.choice(FIRST), r.choice(LAST)
            contact = r.choice(["email", "phone", "text", "post", "in_person"])
            email = f"{first}.{last}.{n}.{p}@example.net".lower() if contact == "email" else ""
            phone = f"07700 9{r.randint(0, 99999):05d}" if contact in {"phone", "text"} else ""
            joined = created + datetime.timedelta(days=r.randint(0, 500))
            preference = r.choices(preferences, weights=[5, 3, 2, 1, 1])[0]
            person = self.people.add(
                org, first, f"{first} {last}", email, phone, contact,
                r.choice(["English", "English", "English", "Polish", "Urdu", "Welsh"]),
                "Prefers mornings." if r.random() < 0.1 else "", preference, joined, joined,
            )  # fmt: skip
            people.append((person, preference))
            for need in r.sample(["easy_read", "large_print", "step_free", "quiet_space"],
                                 r.choice([0, 0, 0, 1, 2])):  # fmt: skip
                self.needs.add(person, need)
            self.consents.add(org, person, "contact", joined.date(), "In person")
            if r.random() < 0.6:
                consent = self.consents.add(
                    org, person, "special_category", joined.date(), "On the sign-up form"
                )
                self.special.add(
                    org, person, consent,
                    r.choice(["asian", "black", "mixed", "white", "white", "prefer_not"]),
                    r.choice(["woman", "man", "non_binary", "prefer_not"]),
                    r.choice(["25_34", "35_44", "45_54", "55_64"]),
                    r.choice(["yes", "no", "prefer_not"]),
                    r.sample(["mental_health", "caring", "homelessness", "physical_health"],
                             r.randint(0, 2)),
                )  # fmt: skip

        # The organisation's own ledger accounts, and each person's when first needed.
        issued = {
            unit: self.accounts.add(org, "issued", unit, None) for unit in ("credits", "pence")
        }
        self.accounts.add(org, "paid_out", "pence", None)
        person_accounts: dict[tuple[int, str], int] = {}

        for i in range(s.initiatives_per_organisation):
            self._initiative(r, org, i, people, coordinator, issued, person_accounts)
        self._recognition_extras(r, org, n, people, coordinator)
        self._assessment(r, org, people, coordinator)
        self._evidence(r, org, people, coordinator)
        talk(self, r, org, self.network, [coordinator, staff[Role.ADMIN]])

    def _initiative(
        self,
        r: random.Random,
        org: int,
        i: int,
        people: list[tuple[int, str]],
        coordinator: int,
        issued: dict[str, int],
        person_accounts: dict[tuple[int, str], int],
    ) -> None:
        s = self.scale
        topic = TOPICS[(org + i) % len(TOPICS)]
        starts = START + datetime.timedelta(days=r.randint(0, 200))
        stage = r.randrange(len(self.stages))
        initiative = self.initiatives.add(
            org, f"{topic} {i + 1}", f"Working together on {topic.lower()}.",
            r.choice(["mental_health", "adult_social_care", "public_health", "housing"]),
            starts.date(), "active" if stage < 4 else "finished", self.stage_framework,
            self.stages[stage], r.choice(["shared", "community", "professional"]),
            r.choice(["shared", "community"]),
            r.choice(["instrumental", "transformative"]), r.choice(["service", "system"]),
            coordinator, starts,
        )  # fmt: skip
        team = r.sample(people, min(4, len(people)))
        for (person, _pref), role in zip(
            team, ["co_chair", "facilitator", "champion", "connector"], strict=False
        ):
            self.team.add(org, initiative, person, role)
        for name, power in (("Director of adult services", True), ("GP practice", False),
                            ("Housing association", False)):  # fmt: skip
            self.stakeholders.add(org, initiative, name, power, r.random() < 0.5, "supportive")
        for title in ("Easier letters", "Evening meetings", "Paid travel"):
            self.priorities.add(org, initiative, title, r.randint(1, 4), r.randint(1, 4))
        self.costs.add(org, initiative, "Facilitation", Decimal(40), 3500, 140000)
        self.benefits.add(
            org, initiative, "Fewer crisis admissions", 250000, 3, "cashable", "medium",
            "Unit Cost Database 2024",
        )  # fmt: skip

        for k in range(s.sessions_per_initiative):
            starts_at = starts + datetime.timedelta(days=7 * k % 700, hours=r.choice([0, 4, 8]))
            hours = Decimal(r.choice(["1.5", "2.0", "2.5", "3.0"]))
            session = self.sessions.add(
                org, initiative, r.choice(SESSION_TITLES),
                r.choice(["meeting", "workshop", "co_design_lab", "forum", "training"]),
                starts_at, hours, f"{PLACES[org % len(PLACES)]} community centre",
                r.choice(["co-design", "co-delivery", "co-assessment", "co-commissioning"]),
                r.choice(["engagement", "co-design", "co-production"]),
                r.random() < 0.7, True, coordinator,
            )  # fmt: skip
            for person, preference in r.sample(people, min(s.attendance_per_session, len(people))):
                attendance = self.attendance.add(
                    org, session, person, hours, "participant", r.random() < 0.6, starts_at
                )
                if preference in {"time_credits", "payment", "vouchers"} and (
                    r.random() < s.recognised
                ):
                    self._award(
                        org, person, preference, attendance, starts_at, hours, coordinator,
                        issued, person_accounts,
                    )  # fmt: skip

        for t, title in enumerate(r.sample(ITEM_TITLES, 2)):
            raised = starts.date() + datetime.timedelta(days=30 * (t + 1))
            status = r.choice(["raised", "acknowledged", "in_progress", "changed", "not_changed"])
            answered = status in {"changed", "not_changed"}
            item = self.items.add(
                org, initiative, title, "Raised at the steering group.", "Service manager",
                raised, status, "We changed the letter template." if answered else "",
                "The budget is set nationally." if status == "not_changed" else "",
                raised + datetime.timedelta(days=5) if status != "raised" else None,
                raised + datetime.timedelta(days=40) if answered else None, True, coordinator,
            )  # fmt: skip
            if status != "raised":
                self.changes.add(
                    org, item, "raised", status, coordinator,
                    datetime.datetime.combine(raised, datetime.time(12), tzinfo=datetime.UTC),
                )  # fmt: skip

    def _award(
        self,
        org: int,
        person: int,
        preference: str,
        attendance: int,
        when: datetime.datetime,
        hours: Decimal,
        coordinator: int,
        issued: dict[str, int],
        person_accounts: dict[tuple[int, str], int],
    ) -> None:
        unit = "credits" if preference == "time_credits" else "pence"
        amount = int(hours) if unit == "credits" else int(hours * 2000)
        amount = max(amount, 1)
        account = person_accounts.get((person, unit))
        if account is None:
            account = self.accounts.add(org, "person", unit, person)
            person_accounts[(person, unit)] = account
        award_id = self.awards.next_id
        memo = f"Taking part, {when.date():%-d %B %Y}"
        legs = [(account, amount), (issued[unit], -amount)]
        tx = self.transactions.add(
            org, "award", f"award-{award_id}", fingerprint("award", legs, memo, person, None), unit,
            memo, person, coordinator, when,
        )  # fmt: skip
        self.postings.add(org, tx, account, amount)
        self.postings.add(org, tx, issued[unit], -amount)
        self.awards.add(
            org, person, attendance, memo, when.date(), hours, preference, amount, "approved",
            tx, coordinator, when,
        )  # fmt: skip

    def _recognition_extras(
        self, r: random.Random, org: int, n: int, people: list[tuple[int, str]], coordinator: int
    ) -> None:
        place = PLACES[n % len(PLACES)]
        for venue in ("Leisure centre", "Library café", "Adult learning college"):
            partner = self.partners.add(org, f"{place} {venue}", f"High Street, {place}")
            self.offers.add(org, partner, f"One visit to the {venue.lower()}", r.randint(1, 3))
        for o, title in enumerate(("Join our interview panel", "Review our leaflets",
                                   "Help plan the summer event")):  # fmt: skip
            opportunity = self.opportunities.add(
                org, title, ["interview_panel", "other", "workshop"][o],
                "Two hours, online or in person.",
                "Time credits or payment", START.date() + datetime.timedelta(days=600 + o * 30),
                r.randint(2, 8), coordinator,
            )  # fmt: skip
            for person, _pref in r.sample(people, min(3, len(people))):
                self.interests.add(org, opportunity, person)

    def _assessment(
        self, r: random.Random, org: int, people: list[tuple[int, str]], coordinator: int
    ) -> None:
        assessment = self.assessments.add(
            org, "How co-productive are we?", "The whole organisation", self.statement_set,
            self.scale_id, "open", coordinator,
        )  # fmt: skip
        groups = ["staff"] * 4 + ["co_producer"] * 6 + ["commissioner"] * 2
        submitted = START + datetime.timedelta(days=300)
        for g, group in enumerate(groups):
            person = people[g % len(people)][0] if group == "co_producer" else None
            respondent = self.respondents.add(
                org, assessment, group, f"{group.replace('_', ' ')} {g + 1}", person, submitted
            )
            typical = {"staff": 3, "co_producer": 2, "commissioner": 3}[group]
            for statement in self.statements:
                if r.random() < 0.05:
                    self.answers.add(org, respondent, statement, None, True)
                else:
                    score = max(0, min(4, typical + r.choice([-1, 0, 0, 1])))
                    self.answers.add(org, respondent, statement, score, False)

    def _evidence(
        self, r: random.Random, org: int, people: list[tuple[int, str]], coordinator: int
    ) -> None:
        periods = [
            self.periods.add(org, f"{year}", datetime.date(year, 1, 1), datetime.date(year, 12, 31))
            for year in (2023, 2024, 2025, 2026)
        ]
        for name, unit in (("People taking part", "people"), ("Sessions held", "sessions"),
                           ("Crisis admissions", "admissions"), ("Waiting weeks", "weeks"),
                           ("Complaints", "complaints")):  # fmt: skip
            indicator = self.indicators.add(org, None, name, unit, coordinator)
            for period in periods:
                value = Decimal(r.randint(10, 400))
                self.observations.add(org, indicator, period, "", "", value, True)
        survey = self.surveys.add(org, "How was taking part?", "closed", 80, f"gen{org}")
        questions = [
            self.questions.add(survey, q, "agree", text)
            for q, text in enumerate(("I felt listened to", "I would take part again"))
        ]
        agree = ["strongly_disagree", "disagree", "neither", "agree", "strongly_agree"]
        for _ in range(40):
            response = self.responses.add(org, survey, START + datetime.timedelta(days=200), True)
            for question in questions:
                self.survey_answers.add(org, response, question, r.choice(agree[1:]))
        document = self.documents.add(
            org, None, "Focus group notes", "transcript", " ".join(PASSAGES)
        )
        codes = [self.codes.add(org, name) for name in ("Being heard", "Barriers", "Value")]
        for position, text in enumerate(PASSAGES * 5):
            excerpt = self.excerpts.add(
                org, document, position, text, "co_producer", r.random() < 0.5
            )
            self.codings.add(org, excerpt, r.choice(codes), coordinator)

    # --- the whole run -----------------------------------------------------------

    def run(self, progress: Progress) -> None:
        total = self.scale.organisations
        for n in range(total):
            with transaction.atomic():
                self.organisation(n)
                for table in self.tables:
                    table.flush()
            if n in ANALYZE_AFTER:
                # Fresh statistics while tables grow, or PostgreSQL keeps the plans it made
                # for empty tables (its key checks and the ledger trigger scan whole tables).
                _analyze()
            progress("organisations", n + 1, total)

    def library(self, progress: Progress) -> None:
        count = self.scale.case_studies
        tags = {
            case["title"]: [
                tag_get(kind, label) for kind, labels in case["tags"].items() for label in labels
            ]
            for case in CASES
        }
        stories = Table(
            CaseStudy,
            ["slug", "title", "summary", "problem", "who_and_how", "what_changed", "learning",
             "place", "organisation_id", "status", "published_at", "created_at", "updated_at"],
        )  # fmt: skip
        through = CaseStudy.tags.through
        links = Table(through, ["casestudy_id", "tag_id"])
        r = random.Random(f"{self.seed}:library")  # noqa: S311
        batch = 1000
        now = timezone.now()
        for start in range(0, count, batch):
            with transaction.atomic():
                first = stories.next_id
                for n in range(start, min(count, start + batch)):
                    case = CASES[n % len(CASES)]
                    place = r.choice(PLACES)
                    story_id = stories.add(
                        f"gen-{n + 1}", f"{case['title']} ({place} {n + 1})", case["summary"],
                        case["problem"], case["who_and_how"], case["what_changed"],
                        case.get("learning", ""), place,
                        self.org_ids[n % len(self.org_ids)], CaseStatus.PUBLISHED, now, now, now,
                    )  # fmt: skip
                    for tag in tags[case["title"]]:
                        links.add(story_id, tag.pk)
                stories.flush()
                links.flush()
                for written in CaseStudy.objects.filter(pk__gte=first).prefetch_related("tags"):
                    index_case_study(written)
            progress("case studies", min(count, start + batch), count)
        self.tables += [stories, links]


ANALYZE_AFTER = {0, 4, 24, 99, 249}


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _settled() -> None:
    """The finished database as a running site's would be: statistics for the planner
    and, on PostgreSQL, the space of rows updated while generating made free again.
    Building the library's spelling dictionary updates each word's count once per story
    (1.4 million dead rows for 911 words at national scale), and where autovacuum is off
    its index stayed 75 MB: each "did you mean" took 370 ms instead of 1 ms."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        _analyze()  # VACUUM cannot run in a transaction (the tests run in one)


def generate(scale_name: str, seed: int, progress: Progress) -> Report:
    """Fill an empty database with synthetic data at the named scale."""
    if Organisation.objects.exists():
        raise ValueError(
            "This database already has organisations. Generate into an empty database "
            "(set DATABASE_URL to a new one)."
        )
    scale = SCALES[scale_name]
    report = Report(scale=scale_name, seed=seed)
    started = time.perf_counter()
    call_command("frameworks", "sync", verbosity=0)
    if connection.vendor == "postgresql":
        # Every row's foreign keys are checked at commit. PostgreSQL checks keys into a
        # small table (organisations, users) by reading the whole table, which grows
        # with each organisation written; on this connection only, use the indexes.
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
    generator = Generator(scale, seed)
    generator.run(progress)
    generator.library(progress)
    reset_sequences({table.model for table in generator.tables})
    fill_evidence(
        scale.evidence_passages, indicators=scale.evidence_indicators, analyze=False
    )  # counted apart from the generated organisations (its SLUG)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
    _settled()
    report.seconds = time.perf_counter() - started
    # Linux gives the peak resident size in KiB. The generator keeps one organisation's
    # rows at a time, so this should not grow with the scale.
    report.peak_memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.rows = {
        table.model._meta.label: table.written for table in generator.tables if table.written
    }
    return report
