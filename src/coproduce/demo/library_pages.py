"""The demo library's glossary terms and toolkit pages."""

from __future__ import annotations

GLOSSARY = [
    (
        "Asset-based approach",
        "Starting from what people and communities already have and can do, not only what they lack.",
        "",
    ),
    (
        "Co-assessment",
        "Service users and communities judging how well a service works, such as tenant inspectors or user ratings.",
        "four-cos",
    ),
    (
        "Co-commissioning",
        "People who use services sharing in deciding what is bought and funded: co-planning, co-prioritising and co-financing.",
        "four-cos",
    ),
    (
        "Co-delivery",
        "People who use services and communities helping to run or provide a service, such as peer support groups.",
        "four-cos",
    ),
    (
        "Co-design",
        "Designing a service together with the people who will use it, through forums, design labs or journey mapping.",
        "four-cos",
    ),
    (
        "Co-production",
        "Professionals and the people who use services working as equal partners, each bringing their own knowledge and strengths.",
        "",
    ),
    (
        "Expert by experience",
        "Someone whose knowledge comes from living with a condition or using a service.",
        "",
    ),
    (
        "Five steps",
        "Map it, Focus it, People it, Market it and Grow it: a way to plan co-production from start to spread.",
        "five-steps",
    ),
    (
        "Ladder of co-production",
        "Rungs from doing to people, through doing for, to doing with: informing, consulting, engaging, co-designing and co-producing.",
        "ladder",
    ),
    (
        "Lived experience",
        "What someone knows from their own life, such as mental ill health, homelessness or caring.",
        "",
    ),
    ("Peer support", "People with similar experiences helping each other.", ""),
    (
        "Reciprocity",
        "Giving and receiving in both directions, so people are not only on the receiving end.",
        "",
    ),
    (
        "Time credits",
        "A thank you for time given: one credit for each hour, spent on activities at partner venues.",
        "",
    ),
    ("Time bank", "People swapping help with each other, an hour given for an hour received.", ""),
    (
        "You said, we did",
        "Telling people what happened to what they raised, including when nothing changed and why.",
        "",
    ),
]

TOOLKIT = [
    (
        "context",
        "Why co-production matters now",
        "Demand on health and social care is rising faster than funding. People who use services know things professionals do not, and have time and talents to share. Co-production puts both to work.",
    ),
    (
        "models",
        "The four Co's",
        "Co-commissioning, co-design, co-delivery and co-assessment. Most organisations already do some of one; mapping them shows the gaps.",
    ),
    (
        "principles",
        "Six elements",
        "Treat people as assets, build on their capabilities, give and take both ways, grow peer support, blur the lines between professionals and recipients, and facilitate rather than deliver.",
    ),
    (
        "processes",
        "Five steps",
        "Map what you already do, focus on where change matters most, find the people, market it with the right incentives, and grow it with champions and reviews.",
    ),
    (
        "methods",
        "Ways to work together",
        "Open meetings, co-design workshops, peer research, interview panels, journey mapping and time banks.",
    ),
    (
        "roles",
        "Who does what",
        "Co-chairs, champions, facilitators, connectors and catalysts: name the roles and support the people in them.",
    ),
    (
        "examples",
        "Examples to learn from",
        "Read the case studies in this library, from play streets to patient-led reviews of hospital discharge.",
    ),
    (
        "talking_points",
        "Making the case",
        "Costs fall in one budget and benefits in others. Count both, over years, and tell the stories of what changed.",
    ),
]
