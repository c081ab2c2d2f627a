"""The demo's conversations: a proposal on one of Wandle's initiatives with a reply
marked sensitive, and a question from the network to its members."""

from __future__ import annotations

from coproduce.conversations.services import moderators_set, reply, thread_start
from coproduce.core.models import Organisation, User
from coproduce.initiatives.models import Initiative


def load_demo_conversations(
    *, orgs: dict[str, Organisation], coordinator: User, member: User, admin: User
) -> None:
    wandle = orgs["wandle-cen"]
    moderators_set(organisation=wandle, by=admin, users=[coordinator])
    proposal = thread_start(
        organisation=wandle,
        by=member,
        details={
            "topic": "proposal",
            "title": "Hold one forum a quarter on a Saturday",
            "body": "Weekday mornings are hard for carers and for anyone working. "
            "One Saturday a quarter would let more of us come.",
            "initiative": Initiative.objects.filter(organisation=wandle).order_by("pk").first(),
        },
    )
    reply(
        thread=proposal,
        by=coordinator,
        from_organisation=wandle,
        body="The church hall is free on Saturdays. We could try the next one in May.",
        sensitive=False,
    )
    reply(
        thread=proposal,
        by=member,
        from_organisation=wandle,
        body="The last venue had no working lift, so I could not come at all.",
        sensitive=True,
    )
    thread_start(
        organisation=wandle,
        by=coordinator,
        details={
            "topic": "question",
            "title": "How do you pay people's travel on the day?",
            "body": "We pay by bank transfer and it takes weeks. What works for you?",
            "network_wide": True,
        },
    )
