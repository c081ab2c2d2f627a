"""The demo's organisations and people: fictional, modelled on the situations in the sources.

The Wandle network echoes the Wandsworth Community Empowerment Network
(faith and community groups hosting talking therapies with a mental health
trust, 001); the West Yorkshire network echoes WY-FI (one regional network
with five locality mini networks, 003:L139-166); Northfield is a council with
a commissioning team. Every name and person here is made up.
"""

ORGANISATIONS = [
    # slug, name, kind, description
    (
        "wandle-cen",
        "Wandle Community Empowerment Network",
        "network",
        "An independent charity that brings faith and community groups together with the NHS "
        "and the council, so that services are shaped with the communities they serve.",
    ),
    (
        "st-barnabas",
        "St Barnabas Family Church",
        "community",
        "A church that hosts a weekly talking-therapies clinic and a family support group.",
    ),
    (
        "ganesh-temple",
        "Shree Ganesh Temple Community",
        "community",
        "A temple whose volunteers co-run a wellbeing clinic in a quiet room at the temple.",
    ),
    (
        "al-noor",
        "Al-Noor Mosque Welfare Group",
        "community",
        "A mosque welfare team that links families with mental health support.",
    ),
    (
        "riverside-parents",
        "Riverside Single Parents Group",
        "voluntary",
        "A peer group run by and for single parents.",
    ),
    (
        "south-wandle-mht",
        "South Wandle Mental Health NHS Trust",
        "nhs_trust",
        "The mental health trust that provides talking therapies at community sites.",
    ),
    (
        "wy-network",
        "West Yorkshire Lived Experience Network",
        "network",
        "A regional network of people with lived experience of multiple disadvantage, meeting in "
        "Leeds, with a mini network in each locality.",
    ),
    (
        "wy-bradford",
        "Bradford Mini Network",
        "network",
        "A peer-led wellbeing group: the first locality mini network.",
    ),
    (
        "wy-calderdale",
        "Calderdale Mini Network",
        "network",
        "A locality mini network, starting out.",
    ),
    ("wy-kirklees", "Kirklees Mini Network", "network", "A locality mini network being set up."),
    ("wy-leeds", "Leeds Mini Network", "network", "A locality mini network, starting out."),
    ("wy-wakefield", "Wakefield Mini Network", "network", "A locality mini network, starting out."),
    (
        "northfield-council",
        "Northfield Borough Council",
        "council",
        "Adult social care and public health, with a commissioning team that funds co-production.",
    ),
]

NETWORK_LINKS = [
    (
        "wandle-cen",
        ["st-barnabas", "ganesh-temple", "al-noor", "riverside-parents", "south-wandle-mht"],
    ),
    ("wy-network", ["wy-bradford", "wy-calderdale", "wy-kirklees", "wy-leeds", "wy-wakefield"]),
]

# Members that agree to their network showing their figures by name (network, member).
SHARING = [
    ("wandle-cen", "st-barnabas"),
    ("wandle-cen", "ganesh-temple"),
    ("wy-network", "wy-bradford"),
]

# Every demo organisation compares itself with the others, by region.
REGIONS = {
    "wandle-cen": "london",
    "st-barnabas": "london",
    "ganesh-temple": "london",
    "al-noor": "london",
    "riverside-parents": "london",
    "south-wandle-mht": "london",
    "wy-network": "yorkshire",
    "wy-bradford": "yorkshire",
    "wy-calderdale": "yorkshire",
    "wy-kirklees": "yorkshire",
    "wy-leeds": "yorkshire",
    "wy-wakefield": "yorkshire",
    "northfield-council": "east_midlands",
}

# email, name, {org slug: role}; admin@example.org is added as admin of every organisation.
LOGINS = [
    (
        "coordinator@example.org",
        "Grace",
        {"wandle-cen": "coordinator", "south-wandle-mht": "coordinator"},
    ),
    (
        "commissioner@example.org",
        "Martin",
        {"wandle-cen": "viewer", "northfield-council": "viewer"},
    ),
    # A peer from the West Yorkshire network who reviews Wandle's self-assessment.
    ("reviewer@example.org", "Ifeoma", {"wandle-cen": "reviewer"}),
    ("amara@example.org", "Amara", {"wandle-cen": "member"}),
    ("yorkshire@example.org", "Dean", {"wy-network": "coordinator", "wy-bradford": "coordinator"}),
]

# People who agreed and later changed their mind: the agreement stays on record as withdrawn.
WITHDRAWN_SPECIAL_CATEGORY = ["Sofia", "Olu"]

# Wandle's two rounds against the six elements, six months apart. Typical score per
# element for each group (0 to 4): staff see more co-production than co-producers do,
# most of all on reciprocity and blurring distinctions; the peer reviewer sits between.
ASSESSMENT_VIEWS = {
    1: {
        "staff": {
            "capabilities": 3,
            "reciprocity": 3,
            "peer-support": 2,
            "blurring-distinctions": 3,
            "facilitating": 3,
            "assets": 3,
        },
        "co_producer": {
            "capabilities": 2,
            "reciprocity": 1,
            "peer-support": 2,
            "blurring-distinctions": 1,
            "facilitating": 2,
            "assets": 2,
        },
        "community_partner": {
            "capabilities": 2,
            "reciprocity": 2,
            "peer-support": 3,
            "blurring-distinctions": 2,
            "facilitating": 2,
            "assets": 3,
        },
        "peer_reviewer": {
            "capabilities": 2,
            "reciprocity": 1,
            "peer-support": 3,
            "blurring-distinctions": 2,
            "facilitating": 1,
            "assets": 2,
        },
    },
    2: {
        "staff": {
            "capabilities": 3,
            "reciprocity": 3,
            "peer-support": 3,
            "blurring-distinctions": 3,
            "facilitating": 3,
            "assets": 3,
        },
        "co_producer": {
            "capabilities": 3,
            "reciprocity": 2,
            "peer-support": 3,
            "blurring-distinctions": 2,
            "facilitating": 2,
            "assets": 3,
        },
        "community_partner": {
            "capabilities": 3,
            "reciprocity": 3,
            "peer-support": 3,
            "blurring-distinctions": 2,
            "facilitating": 3,
            "assets": 3,
        },
        "peer_reviewer": {
            "capabilities": 3,
            "reciprocity": 2,
            "peer-support": 3,
            "blurring-distinctions": 2,
            "facilitating": 2,
            "assets": 3,
        },
    },
}
ASSESSMENT_GROUP_SIZES = {"staff": 4, "co_producer": 6, "community_partner": 3, "peer_reviewer": 1}
ASSESSMENT_EVIDENCE = {
    ("co_producer", "reciprocity"): "We are thanked, but travel is paid weeks later, "
    "so some of us cannot afford to come.",
    ("co_producer", "blurring-distinctions"): "The agenda is still set before we arrive.",
    ("staff", "reciprocity"): "Everyone is offered time credits.",
    ("peer_reviewer", "facilitating"): "Staff still run most sessions; groups are not yet "
    "leading their own.",
}
AGREED_SCORES = [
    (
        "reciprocity",
        "1.5",
        "Staff counted time credits as recognition; co-producers said "
        "late travel money keeps people away. We agreed the lower score until expenses are "
        "paid up front.",
    ),
    (
        "blurring-distinctions",
        "2",
        "Co-producers chair the forum, but agendas are drafted "
        "by staff. We agreed to co-write agendas from the next meeting.",
    ),
]
ACTIONS = [
    (
        "reciprocity",
        "Pay travel up front, or buy tickets for people, instead of reimbursing",
        "Grace (coordinator)",
        "2026-06-30",
        "done",
    ),
    (
        "blurring-distinctions",
        "Co-write every forum agenda with two co-producers",
        "Forum co-chairs",
        "2026-05-31",
        "in_progress",
    ),
    (
        "facilitating",
        "Support the temple and church groups to run their own sessions",
        "Pastor Joseph and Mr Patel",
        "2026-12-31",
        "not_started",
    ),
]
