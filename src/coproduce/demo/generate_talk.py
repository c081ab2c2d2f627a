"""The generator's peer network and conversations for one organisation: its
directory entry, a request to its network, and a few threads with replies (one
marked sensitive); a network also asks its members a question."""

from __future__ import annotations

import datetime
import random
from typing import Any

from coproduce.peers.models import HelpKind

TOPICS = [
    ("proposal", "Move one forum a quarter to a Saturday"),
    ("agenda", "Next forum: the new travel policy"),
    ("said", "Letters arrive after the meeting they are about"),
]
REPLIES = [
    "We could try that from the spring.",
    "The hall is free then, and it has a hearing loop.",
    "I could not come last time because the lift was broken.",
    "Could we send papers a week ahead in easy read?",
]


def talk(gen: Any, r: random.Random, org: int, network: int | None, users: list[int]) -> None:
    """Rows for one organisation; `users` are its staff (the first is the coordinator)."""
    kinds = list(HelpKind.values)
    now = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC)
    gen.listings.add(
        org,
        r.sample(kinds, 2),
        "Ask our coordinator.",
        r.sample(kinds, 1),
        "",
        r.random() < 0.2,
        now,
    )
    if network is not None and network != org:
        gen.help_requests.add(
            org, network, "peer_review", "A peer reviewer for our self-assessment",
            "Two hours, any time this quarter.", "open", users[0], now,
        )  # fmt: skip
    for n, (topic, title) in enumerate(TOPICS):
        started = now - datetime.timedelta(days=30 * n)
        thread = gen.threads.add(org, topic, title, False, started, started)
        for p, body in enumerate(REPLIES):
            gen.posts.add(
                thread, org, org, users[p % len(users)], body, p == 2,
                started + datetime.timedelta(hours=p),
            )  # fmt: skip
    if network == org:
        asked = gen.threads.add(
            org, "question", "How do you pay travel on the day?", True, now, now
        )
        gen.posts.add(asked, org, org, users[0], "Cash, bank or vouchers?", False, now)
