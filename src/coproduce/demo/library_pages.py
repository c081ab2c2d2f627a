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

# The same in Welsh, by the English term or title (docs/welsh.md has the word list).
GLOSSARY_CY = {
    "Asset-based approach": (
        "Dull sy'n seiliedig ar asedau",
        "Dechrau o'r hyn sydd gan bobl a chymunedau yn barod ac y gallan nhw ei wneud, nid dim ond yr hyn sydd ar goll.",
    ),
    "Co-assessment": (
        "Cydasesu",
        "Defnyddwyr gwasanaethau a chymunedau'n barnu pa mor dda mae gwasanaeth yn gweithio, fel arolygwyr tenantiaid neu sgoriau gan ddefnyddwyr.",
    ),
    "Co-commissioning": (
        "Cydgomisiynu",
        "Pobl sy'n defnyddio gwasanaethau'n rhannu'r penderfyniad am beth sy'n cael ei brynu a'i ariannu: cydgynllunio, cydflaenoriaethu a chydariannu.",
    ),
    "Co-delivery": (
        "Cyd-ddarparu",
        "Pobl sy'n defnyddio gwasanaethau a chymunedau'n helpu i redeg neu ddarparu gwasanaeth, fel grwpiau cymorth cymheiriaid.",
    ),
    "Co-design": (
        "Cyd-ddylunio",
        "Dylunio gwasanaeth gyda'r bobl fydd yn ei ddefnyddio, drwy fforymau, labordai dylunio neu fapio teithiau.",
    ),
    "Co-production": (
        "Cydgynhyrchu",
        "Gweithwyr proffesiynol a'r bobl sy'n defnyddio gwasanaethau'n gweithio fel partneriaid cyfartal, pob un yn dod â'i wybodaeth a'i gryfderau ei hun.",
    ),
    "Expert by experience": (
        "Arbenigwr drwy brofiad",
        "Rhywun y daw ei wybodaeth o fyw gyda chyflwr neu o ddefnyddio gwasanaeth.",
    ),
    "Five steps": (
        "Pum cam",
        "Ei fapio, ei ffocysu, dod o hyd i'r bobl, ei farchnata a'i dyfu: ffordd o gynllunio cydgynhyrchu o'r dechrau i'w ledaenu.",
    ),
    "Ladder of co-production": (
        "Ysgol cydgynhyrchu",
        "Grisiau o wneud i bobl, drwy wneud ar ran pobl, i wneud gyda phobl: hysbysu, ymgynghori, ymgysylltu, cyd-ddylunio a chydgynhyrchu.",
    ),
    "Lived experience": (
        "Profiad bywyd",
        "Yr hyn mae rhywun yn ei wybod o'i fywyd ei hun, fel salwch meddwl, digartrefedd neu ofalu.",
    ),
    "Peer support": ("Cymorth cymheiriaid", "Pobl sydd â phrofiadau tebyg yn helpu ei gilydd."),
    "Reciprocity": (
        "Dwyochredd",
        "Rhoi a derbyn i'r ddau gyfeiriad, fel nad yw pobl dim ond yn derbyn.",
    ),
    "Time credits": (
        "Credydau amser",
        "Diolch am amser a roddwyd: un credyd am bob awr, i'w wario ar weithgareddau mewn lleoliadau partner.",
    ),
    "Time bank": (
        "Banc amser",
        "Pobl yn cyfnewid help â'i gilydd, awr a roddir am awr a dderbynnir.",
    ),
    "You said, we did": (
        "Dywedoch chi, gwnaethom ni",
        "Dweud wrth bobl beth ddigwyddodd i'r hyn a godwyd ganddyn nhw, gan gynnwys pan na newidiodd dim a pham.",
    ),
}

TOOLKIT_CY = {
    "Why co-production matters now": (
        "Pam mae cydgynhyrchu'n bwysig nawr",
        "Mae'r galw am iechyd a gofal cymdeithasol yn codi'n gyflymach na'r cyllid. Mae pobl sy'n defnyddio gwasanaethau'n gwybod pethau nad yw gweithwyr proffesiynol yn eu gwybod, ac mae ganddyn nhw amser a thalentau i'w rhannu. Mae cydgynhyrchu'n rhoi'r ddau ar waith.",
    ),
    "The four Co's": (
        "Y pedwar Cyd",
        "Cydgomisiynu, cyd-ddylunio, cyd-ddarparu a chydasesu. Mae'r rhan fwyaf o sefydliadau'n gwneud rhywfaint o un yn barod; mae eu mapio'n dangos y bylchau.",
    ),
    "Six elements": (
        "Chwe elfen",
        "Trin pobl fel asedau, adeiladu ar eu galluoedd, rhoi a derbyn i'r ddau gyfeiriad, tyfu cymorth cymheiriaid, pylu'r llinellau rhwng gweithwyr proffesiynol a derbynwyr, a hwyluso yn hytrach na darparu.",
    ),
    "Five steps": (
        "Pum cam",
        "Mapio'r hyn rydych chi'n ei wneud yn barod, canolbwyntio ar ble mae newid yn bwysicaf, dod o hyd i'r bobl, ei farchnata gyda'r cymhellion cywir, a'i dyfu gyda hyrwyddwyr ac adolygiadau.",
    ),
    "Ways to work together": (
        "Ffyrdd o weithio gyda'n gilydd",
        "Cyfarfodydd agored, gweithdai cyd-ddylunio, ymchwil gan gymheiriaid, paneli cyfweld, mapio teithiau a banciau amser.",
    ),
    "Who does what": (
        "Pwy sy'n gwneud beth",
        "Cyd-gadeiryddion, hyrwyddwyr, hwyluswyr, cysylltwyr a chatalyddion: enwch y rolau a chefnogi'r bobl ynddyn nhw.",
    ),
    "Examples to learn from": (
        "Enghreifftiau i ddysgu ohonyn nhw",
        "Darllenwch yr astudiaethau achos yn y llyfrgell hon, o strydoedd chwarae i adolygiadau dan arweiniad cleifion o'r broses o adael yr ysbyty.",
    ),
    "Making the case": (
        "Gwneud yr achos",
        "Mae costau'n disgyn mewn un gyllideb a buddion mewn eraill. Cyfrifwch y ddau, dros flynyddoedd, ac adroddwch straeon yr hyn a newidiodd.",
    ),
}
