"""What people say in surveys and transcripts can reach the "you said, we did" log: a
survey answer in their own words, or a coded passage. (A shared story's way there is
in the library.) Each makes one item at most, raised by a group so nobody is named,
and the item links back to where it was said."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation
from coproduce.evidence.coding.queries import EXCERPTS_PER_PAGE, with_quote_agreement
from coproduce.evidence.models import Excerpt
from coproduce.evidence.surveys.models import SurveyAnswer
from coproduce.influence.queries import Said


def _from_answer(organisation: Organisation, pk: int) -> Said:
    answer = get_object_or_404(
        SurveyAnswer.objects.select_related("question__survey", "response").exclude(text=""),
        organisation=organisation,
        pk=pk,
    )
    survey = answer.question.survey
    return Said(
        key=f"survey-answer:{answer.pk}",
        words=answer.text,
        group=_("Someone who answered “%(survey)s”") % {"survey": survey.title},
        came_from=_("An answer to the survey “%(survey)s”") % {"survey": survey.title},
        url=reverse(
            "evidence:survey-detail", kwargs={"org_slug": organisation.slug, "pk": survey.pk}
        )
        + f"#answer-{answer.pk}",
        raised_on=timezone.localdate(answer.response.submitted_at),
    )


def _from_passage(organisation: Organisation, pk: int) -> Said:
    excerpt = get_object_or_404(
        with_quote_agreement(Excerpt.objects.select_related("document")),
        organisation=organisation,
        pk=pk,
    )
    document = excerpt.document
    before = Excerpt.objects.filter(document=document, position__lt=excerpt.position).count()
    return Said(
        key=f"passage:{excerpt.pk}",
        # Words not agreed for quoting stay in the transcript: the item could go public.
        words=excerpt.words if excerpt.may_quote else "",
        group=excerpt.get_speaker_group_display()
        if excerpt.speaker_group
        else _("Someone in “%(document)s”") % {"document": document.title},
        came_from=_("A passage in “%(document)s”") % {"document": document.title},
        url=reverse(
            "evidence:document-detail", kwargs={"org_slug": organisation.slug, "pk": document.pk}
        )
        + f"?page={before // EXCERPTS_PER_PAGE + 1}#excerpt-{excerpt.pk}",
        raised_on=timezone.localdate(),
    )


def said_in(organisation: Organisation, kind: str, pk: int) -> Said:
    """What the organisation's survey answer or coded passage brings to an item (404 for
    another organisation's, or an unknown kind)."""
    if kind == "answer":
        return _from_answer(organisation, pk)
    if kind == "passage":
        return _from_passage(organisation, pk)
    raise Http404
