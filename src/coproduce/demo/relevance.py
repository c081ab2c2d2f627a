"""A relevance set for the library search: what practitioners type, in the sources'
own words and abbreviations (and some typed in a hurry), with the demo stories that
should come first. `coproduce relevance` measures each way of ranking against it.

Scores:
- hits in the first three: the share of queries with a right story in the top 3;
- NDCG@5: how near the top the right stories are, 1.0 when they fill the first
  places (each right story counts the same).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coproduce.library.models import CaseStudy
from coproduce.library.search import search

STORIES = {
    "play": "Hackney Play Streets",
    "budgets": "Islington Personal Budgets Network",
    "reference": "Parents Reference Group in Kensington and Chelsea",
    "police": "Young people and police: stop and search monitoring",
    "stay": "Parents running their own stay and play in Enfield",
    "prisons": "User Voice councils in prisons and probation",
    "esol": "Newham ESOL Exchange",
    "vision": "A vision for young Londoners",
    "film": "Homeless filmmakers: My Health, My Story",
    "discharge": "Patients review hospital discharge at Homerton",
    "estate": "Our Place: residents running their own estate activities",
    "website": "My Care, My Choice: co-designing a social care website",
    "clubhouse": "Mosaic Clubhouse: everyone has a job to do",
    "life": "The LIFE programme for families with complex needs",
    "cafe": "INSIGHT Carers Cafe",
    "fitness": "Funky Fitness: a micro-provider shaped by its members",
    "timebank": "Time for Families: a time bank for families with disabled children",
    "well": "Well London: communities working together for a healthier city",
    "wandsworth": "The Wandsworth model: faith leaders and talking therapies",
    "wyfi": "West Yorkshire Finding Independence: regional and local networks",
    "highland": "Highland Hospital: patients decide when they need to be seen",
    "older": "Older people choose the projects that tackle isolation in Hackney",
    "meals": "Croydon: meals on wheels becomes neighbourhood community meals",
    "scotland": "Reshaping care for older people in Scotland",
}

# (what someone types, the stories that should come first)
QUERIES: list[tuple[str, list[str]]] = [
    ("IAPT", ["wandsworth"]),
    ("BME communities mental health", ["wandsworth"]),
    ("BAME", ["wandsworth"]),
    ("talking therapies self-referral", ["wandsworth"]),
    ("faith leaders", ["wandsworth"]),
    ("WCEN", ["wandsworth"]),
    ("GP referrals", ["wandsworth"]),
    ("Wandswroth", ["wandsworth"]),
    ("WY-FI", ["wyfi"]),
    ("multiple disadvantage", ["wyfi"]),
    ("peer-led wellbeing group Bradford", ["wyfi"]),
    ("timebank", ["timebank"]),
    ("time bank", ["timebank"]),
    ("kids with disabilities", ["timebank"]),
    ("elderly", ["older", "meals", "scotland"]),
    ("older people loneliness", ["older", "meals"]),
    ("loneliness", ["older", "meals", "estate", "timebank", "cafe"]),
    ("meals on wheels", ["meals"]),
    ("participatory budgeting", ["older"]),
    ("CCG funded", ["film", "discharge"]),
    ("Healthwatch", ["discharge"]),
    ("hospital discharge", ["discharge"]),
    ("dischage lounge", ["discharge"]),
    ("homeless health care", ["film"]),
    ("homless film", ["film"]),
    ("rough sleepers", ["film", "wyfi"]),
    ("prisoners", ["prisons"]),
    ("criminal justice councils", ["prisons"]),
    ("stop and search", ["police"]),
    ("young people police", ["police"]),
    ("youth policy London", ["vision"]),
    ("ESOL", ["esol"]),
    ("learning English refugees", ["esol"]),
    ("refugess", ["esol"]),
    ("carers", ["cafe", "website"]),
    ("carers cafe", ["cafe"]),
    ("carres cafe", ["cafe"]),
    ("personal budgets", ["budgets"]),
    ("direct payments", ["budgets"]),
    ("Making it Real", ["budgets"]),
    ("learning disabilities day services", ["fitness"]),
    ("micro-provider", ["fitness"]),
    ("clubhouse mental health", ["clubhouse"]),
    ("clubhose", ["clubhouse"]),
    ("mental ill health employment", ["clubhouse"]),
    ("families complex needs", ["life"]),
    ("Swindon", ["life"]),
    ("parents tender play service", ["reference"]),
    ("stay and play", ["stay"]),
    ("Home-Start children's centres", ["stay"]),
    ("play streets", ["play"]),
    ("kids play outside", ["play"]),
    ("estate coffee mornings", ["estate"]),
    ("housing association residents", ["estate"]),
    ("social care website", ["website"]),
    ("codesign website", ["website"]),
    ("deprived neighbourhoods health", ["well"]),
    ("Highland", ["highland"]),
    ("patients decide when to be seen", ["highland"]),
    ("gastroentrology waiting lists", ["highland"]),
    ("well-being", ["wyfi", "well", "fitness", "life"]),
    ("Scotland older people change fund", ["scotland"]),
    # Words the stories do not use, with no other name in the A to Z yet.
    ("autism", ["cafe"]),
    ("young offenders", ["prisons"]),
    ("hostel residents", ["film"]),
    ("school run", ["timebank"]),
    ("co-chair", ["budgets"]),
    ("mums and dads", ["play", "stay", "reference"]),
    ("asylum seekers", ["esol"]),
    ("disabled adults choice", ["fitness"]),
    ("recovery college work", ["clubhouse"]),
]

METHODS = {
    "words as typed": {"expand": False, "correct": False},
    "with other names from the A to Z": {"expand": True, "correct": False},
    "other names and spelling": {"expand": True, "correct": True},
}


@dataclass
class Score:
    method: str
    queries: int
    hits_at_3: float
    ndcg_at_5: float
    missed: list[str]


def ndcg_at_5(ranked: list[str], right: set[str]) -> float:
    gained = sum(1 / math.log2(at + 2) for at, title in enumerate(ranked[:5]) if title in right)
    ideal = sum(1 / math.log2(at + 2) for at in range(min(5, len(right))))
    return gained / ideal


def measure(method: str) -> Score:
    """Every query of the set searched one way, against the stories published now."""
    titles = dict(CaseStudy.objects.values_list("pk", "title"))
    hits, total_ndcg, missed = 0, 0.0, []
    for query, keys in QUERIES:
        right = {STORIES[key] for key in keys}
        found = search(query, limit=5, **METHODS[method])
        ranked = [titles.get(hit.id, "") for hit in found.hits]
        if right.intersection(ranked[:3]):
            hits += 1
        else:
            missed.append(query)
        total_ndcg += ndcg_at_5(ranked, right)
    count = len(QUERIES)
    return Score(method, count, hits / count, total_ndcg / count, missed)
