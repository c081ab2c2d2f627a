"""The perspective cards: short situations seen by someone who uses services, a carer,
a front-line worker and a commissioner, each with a question for the group. Written
for Coproduce, in the spirit of the perspective-taking games the sources describe."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Card:
    key: str
    perspective: str
    situation: Promise
    question: Promise


PERSPECTIVES = {
    "person": _("Someone who uses services"),
    "carer": _("A carer"),
    "worker": _("A front-line worker"),
    "commissioner": _("A commissioner"),
}

CARDS = [
    Card(
        "person-forms",
        "person",
        _(
            "I have told my story to five different people this year. Each one wrote it down on a new form."
        ),
        _("What would it take for me to tell it once?"),
    ),
    Card(
        "person-meeting",
        "person",
        _(
            "I was invited to a meeting about my own support. Everyone else had read the papers. I had not seen them."
        ),
        _("How could I arrive as ready as everyone else?"),
    ),
    Card(
        "person-choice",
        "person",
        _(
            "I have a personal budget, but the list of things I may spend it on is shorter than the list of things I need."
        ),
        _("Who decides what counts as care, and could I be part of that?"),
    ),
    Card(
        "person-thanks",
        "person",
        _("I gave a whole day to a design workshop. Nobody told me what happened to my ideas."),
        _("What would make me want to come back?"),
    ),
    Card(
        "carer-night",
        "carer",
        _(
            "I look after my dad at night and work in the day. Every meeting about his care is at ten in the morning."
        ),
        _("How could carers like me have a say without losing a day's pay?"),
    ),
    Card(
        "carer-expert",
        "carer",
        _("I know my son's signs of a bad day better than anyone. The new staff do not ask me."),
        _("How could what carers know reach the people on shift?"),
    ),
    Card(
        "carer-break",
        "carer",
        _(
            "I was offered a break, but only on days the centre is open, which are the days I can already manage."
        ),
        _("What would a break that fits my life look like?"),
    ),
    Card(
        "carer-voice",
        "carer",
        _(
            "At the forum I speak for my wife, who cannot come. I am never sure I am saying what she would say."
        ),
        _("How could the people who cannot be in the room still be heard?"),
    ),
    Card(
        "worker-time",
        "worker",
        _(
            "I have twenty minutes for each visit. Half of it goes on the tablet, recording what I did."
        ),
        _("What would I do with the time if the recording took care of itself?"),
    ),
    Card(
        "worker-rules",
        "worker",
        _("A man asked me to help him plant his garden. It is not on his care plan, so I said no."),
        _("Which of our rules protect people, and which only protect us?"),
    ),
    Card(
        "worker-heard",
        "worker",
        _(
            "I see the same problem in every home I visit. I do not know who to tell, or whether anyone would listen."
        ),
        _("How could front-line staff feed in what they see every day?"),
    ),
    Card(
        "worker-peer",
        "worker",
        _("A woman I support ran the last training session better than our trainer did."),
        _("Where else could people with lived experience lead, and how would we pay them?"),
    ),
    Card(
        "commissioner-evidence",
        "commissioner",
        _(
            "I am asked to fund what works, but the evidence I am given is about how many people came, not what changed."
        ),
        _("What evidence would help me, and who could gather it with us?"),
    ),
    Card(
        "commissioner-risk",
        "commissioner",
        _(
            "A community group wants to run the service. They know the area well, but they have never held a contract."
        ),
        _("What would make it safe to say yes?"),
    ),
    Card(
        "commissioner-savings",
        "commissioner",
        _(
            "A prevention project saves the NHS money, but the cost falls on my budget and the saving on someone else's."
        ),
        _("How could we share the cost and the saving?"),
    ),
    Card(
        "commissioner-decide",
        "commissioner",
        _(
            "We held a consultation. People told us what they wanted, and then we decided what we could afford."
        ),
        _("What would it look like to decide together instead?"),
    ),
]

BY_KEY = {card.key: card for card in CARDS}
