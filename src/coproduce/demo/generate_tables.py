"""The tables the generator writes, in the order their rows go in (see generate.py)."""

from __future__ import annotations

from coproduce.assessments.models import Answer, Assessment, Respondent
from coproduce.conversations.models import Post, Thread
from coproduce.core.models import Membership, NetworkMembership, Organisation, User
from coproduce.demo.bulk import Table
from coproduce.evidence.models import (
    BenefitLine,
    Code,
    Coding,
    CostLine,
    Document,
    Excerpt,
    Indicator,
    Observation,
    Period,
    Question,
    Survey,
    SurveyAnswer,
    SurveyResponse,
)
from coproduce.influence.models import InfluenceItem, StatusChange
from coproduce.initiatives.models import Initiative, Priority, Stakeholder, TeamMember
from coproduce.ledger.models import Account, Partner, Posting, Transaction
from coproduce.opportunities.models import Interest, Opportunity
from coproduce.peers.models import HelpRequest, Listing
from coproduce.people.models import AccessNeed, Consent, Person, SpecialCategoryData
from coproduce.recognition.models import Award, Offer
from coproduce.sessions.models import Attendance, Session


class GeneratorTables:
    """One `bulk.Table` per model the generator fills, with the columns it writes."""

    def __init__(self) -> None:
        user_model = User
        t = Table
        # Written in this order, so each row's parents are in before it.
        self.orgs = t(Organisation, ["name", "slug", "kind", "description", "created_at"])
        self.networks = t(NetworkMembership, ["network_id", "organisation_id", "shares_figures"])
        self.users = t(user_model, ["password", "email", "first_name", "date_joined"])
        self.memberships = t(Membership, ["user_id", "organisation_id", "role"])
        self.people = t(
            Person,
            ["organisation_id", "preferred_name", "full_name", "email", "phone",
             "contact_preference", "preferred_language", "access_notes",
             "recognition_preference", "created_at", "updated_at"],
        )  # fmt: skip
        self.needs = t(AccessNeed, ["person_id", "kind"])
        self.consents = t(
            Consent, ["organisation_id", "person_id", "purpose", "given_on", "how_given"]
        )
        self.special = t(
            SpecialCategoryData,
            ["organisation_id", "person_id", "consent_id", "ethnicity", "gender", "age_band",
             "disability", "lived_experience"],
        )  # fmt: skip
        self.initiatives = t(
            Initiative,
            ["organisation_id", "title", "summary", "service_area", "starts_on", "status",
             "stage_framework_id", "stage_id", "planning", "delivery", "participation",
             "level", "created_by_id", "created_at"],
        )  # fmt: skip
        self.team = t(TeamMember, ["organisation_id", "initiative_id", "person_id", "role"])
        self.stakeholders = t(
            Stakeholder,
            ["organisation_id", "initiative_id", "name", "high_power", "high_influence",
             "attitude"],
        )  # fmt: skip
        self.priorities = t(
            Priority, ["organisation_id", "initiative_id", "title", "impact", "effort"]
        )
        self.sessions = t(
            Session,
            ["organisation_id", "initiative_id", "title", "kind", "starts_at", "hours", "venue",
             "co", "rung", "shares_lived_experience", "debrief_offered", "created_by_id"],
        )  # fmt: skip
        self.attendance = t(
            Attendance,
            ["organisation_id", "session_id", "person_id", "hours", "role", "spoke",
             "recorded_at"],
        )  # fmt: skip
        self.partners = t(Partner, ["organisation_id", "name", "address"])
        self.offers = t(Offer, ["organisation_id", "partner_id", "title", "credits"])
        self.accounts = t(Account, ["organisation_id", "kind", "unit", "person_id"])
        self.transactions = t(
            Transaction,
            ["organisation_id", "kind", "idempotency_key", "fingerprint", "unit", "memo",
             "person_id", "created_by_id", "created_at"],
        )  # fmt: skip
        self.postings = t(Posting, ["organisation_id", "transaction_id", "account_id", "amount"])
        self.awards = t(
            Award,
            ["organisation_id", "person_id", "attendance_id", "description", "happened_on",
             "hours", "method", "amount", "status", "transaction_id", "decided_by_id",
             "decided_at"],
        )  # fmt: skip
        self.opportunities = t(
            Opportunity,
            ["organisation_id", "title", "kind", "involves", "recognition", "closes_on",
             "places", "created_by_id"],
        )  # fmt: skip
        self.interests = t(Interest, ["organisation_id", "opportunity_id", "person_id"])
        self.assessments = t(
            Assessment,
            ["organisation_id", "title", "subject", "statement_set_id", "scale_id", "status",
             "created_by_id"],
        )  # fmt: skip
        self.respondents = t(
            Respondent,
            ["organisation_id", "assessment_id", "group", "label", "person_id", "submitted_at"],
        )
        self.answers = t(
            Answer, ["organisation_id", "respondent_id", "statement_id", "score", "dont_know"]
        )
        self.items = t(
            InfluenceItem,
            ["organisation_id", "initiative_id", "title", "description", "addressed_to",
             "raised_on", "status", "response", "reason_not_changed", "acknowledged_on",
             "answered_on", "is_public", "created_by_id"],
        )  # fmt: skip
        self.changes = t(
            StatusChange,
            ["organisation_id", "item_id", "from_status", "to_status", "changed_by_id",
             "changed_at"],
        )  # fmt: skip
        self.periods = t(Period, ["organisation_id", "label", "starts_on", "ends_on"])
        self.indicators = t(
            Indicator, ["organisation_id", "initiative_id", "name", "unit", "created_by_id"]
        )
        self.observations = t(
            Observation,
            ["organisation_id", "indicator_id", "period_id", "dimension", "category", "value",
             "is_total"],
        )  # fmt: skip
        self.surveys = t(Survey, ["organisation_id", "title", "status", "sent_count", "key"])
        self.questions = t(Question, ["survey_id", "position", "kind", "text"])
        self.responses = t(
            SurveyResponse, ["organisation_id", "survey_id", "submitted_at", "is_complete"]
        )
        self.survey_answers = t(
            SurveyAnswer, ["organisation_id", "response_id", "question_id", "choice"]
        )
        self.documents = t(Document, ["organisation_id", "initiative_id", "title", "kind", "text"])
        self.codes = t(Code, ["organisation_id", "name"])
        self.excerpts = t(
            Excerpt,
            ["organisation_id", "document_id", "position", "text", "speaker_group",
             "agreed_to_quote"],
        )  # fmt: skip
        self.codings = t(Coding, ["organisation_id", "excerpt_id", "code_id", "coder_id"])
        self.costs = t(
            CostLine,
            ["organisation_id", "initiative_id", "description", "hours", "hourly_rate_pence",
             "amount_pence"],
        )  # fmt: skip
        self.benefits = t(
            BenefitLine,
            ["organisation_id", "initiative_id", "description", "amount_pence_per_year",
             "years", "kind", "confidence", "source"],
        )  # fmt: skip
        self.listings = t(
            Listing,
            ["organisation_id", "offers", "offers_detail", "looking_for", "looking_for_detail",
             "public", "updated_at"],
        )  # fmt: skip
        self.help_requests = t(
            HelpRequest,
            ["organisation_id", "network_id", "kind", "title", "detail", "status",
             "created_by_id", "created_at"],
        )  # fmt: skip
        self.threads = t(
            Thread,
            ["organisation_id", "topic", "title", "network_wide", "created_at", "last_post_at"],
        )
        self.posts = t(
            Post,
            ["thread_id", "organisation_id", "from_organisation_id", "author_id", "body",
             "sensitive", "created_at"],
        )  # fmt: skip
