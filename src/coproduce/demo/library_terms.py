"""More of the A to Z: the words and abbreviations the sources use for the people
and services in the stories, and the other names each goes by. A library search
for any name finds the others (library/synonyms.py)."""

from __future__ import annotations

TERMS = [
    (
        "Black and minority ethnic",
        "People from ethnic groups other than the white majority. Where you can, name the communities you mean.",
        "",
    ),
    (
        "Talking therapies",
        "NHS psychological therapies for anxiety and depression, which people can often refer themselves to.",
        "",
    ),
    (
        "Older people",
        "People in later life. Say older people rather than the elderly.",
        "",
    ),
    (
        "Children and young people",
        "Everyone under 18, and young adults up to 25 who are moving between children's and adult services.",
        "",
    ),
    (
        "Social isolation",
        "Having few people to see or talk to. Loneliness is how that can feel.",
        "",
    ),
    (
        "Clinical commissioning group",
        "The NHS bodies that planned and paid for local health services in England until integrated care boards took over in 2022.",
        "",
    ),
    (
        "Voluntary and community sector",
        "Charities, community groups and social enterprises, neither run by the state nor for profit.",
        "",
    ),
    (
        "General practice",
        "The family doctor's surgery: GPs, practice nurses and the staff who work with them.",
        "",
    ),
    (
        "Wellbeing",
        "Feeling well and able to cope, in body and mind, with good connections to other people.",
        "",
    ),
    (
        "Learning disability",
        "A lifelong condition that makes it harder to learn, understand new things and manage everyday tasks.",
        "",
    ),
    (
        "English for speakers of other languages",
        "English classes for people whose first language is not English.",
        "",
    ),
    (
        "Homelessness",
        "Having no secure home: sleeping rough, in hostels or on other people's sofas.",
        "",
    ),
    (
        "Community empowerment network",
        "A network that helps local communities, often faith and black and minority ethnic groups, work with public services as equals.",
        "",
    ),
    (
        "West Yorkshire Finding Independence",
        "A programme for people facing several disadvantages at once, with co-production networks across West Yorkshire.",
        "",
    ),
    (
        "Personal budget",
        "Money for someone's care and support that they choose how to spend, sometimes paid to them as a direct payment.",
        "",
    ),
    (
        "Accident and emergency",
        "The hospital department for urgent injuries and illness.",
        "",
    ),
]

TERMS_CY = {
    "Black and minority ethnic": (
        "Pobl dduon a lleiafrifoedd ethnig",
        "Pobl o grwpiau ethnig heblaw'r mwyafrif gwyn. Lle gallwch chi, enwch y cymunedau rydych chi'n eu golygu.",
    ),
    "Talking therapies": (
        "Therapïau siarad",
        "Therapïau seicolegol y GIG ar gyfer gorbryder ac iselder, y gall pobl yn aml gyfeirio eu hunain atyn nhw.",
    ),
    "Older people": (
        "Pobl hŷn",
        "Pobl yn hwyr yn eu bywyd. Dywedwch pobl hŷn yn hytrach na'r henoed.",
    ),
    "Children and young people": (
        "Plant a phobl ifanc",
        "Pawb dan 18 oed, ac oedolion ifanc hyd at 25 sy'n symud o wasanaethau plant i wasanaethau oedolion.",
    ),
    "Social isolation": (
        "Ynysigrwydd cymdeithasol",
        "Bod heb lawer o bobl i'w gweld neu i siarad â nhw. Unigrwydd yw sut gall hynny deimlo.",
    ),
    "Clinical commissioning group": (
        "Grŵp comisiynu clinigol",
        "Cyrff y GIG a oedd yn cynllunio ac yn talu am wasanaethau iechyd lleol yn Lloegr nes i fyrddau gofal integredig gymryd drosodd yn 2022.",
    ),
    "Voluntary and community sector": (
        "Y sector gwirfoddol a chymunedol",
        "Elusennau, grwpiau cymunedol a mentrau cymdeithasol, nad ydyn nhw'n cael eu rhedeg gan y wladwriaeth nac er elw.",
    ),
    "General practice": (
        "Meddygfa",
        "Meddygfa'r meddyg teulu: meddygon teulu, nyrsys practis a'r staff sy'n gweithio gyda nhw.",
    ),
    "Wellbeing": (
        "Llesiant",
        "Teimlo'n dda ac yn gallu ymdopi, yn y corff a'r meddwl, gyda chysylltiadau da â phobl eraill.",
    ),
    "Learning disability": (
        "Anabledd dysgu",
        "Cyflwr gydol oes sy'n ei gwneud yn anoddach dysgu, deall pethau newydd a rheoli tasgau bob dydd.",
    ),
    "English for speakers of other languages": (
        "Saesneg i siaradwyr ieithoedd eraill",
        "Dosbarthiadau Saesneg i bobl nad Saesneg yw eu hiaith gyntaf.",
    ),
    "Homelessness": (
        "Digartrefedd",
        "Bod heb gartref diogel: cysgu allan, mewn hosteli neu ar soffas pobl eraill.",
    ),
    "Community empowerment network": (
        "Rhwydwaith grymuso cymunedol",
        "Rhwydwaith sy'n helpu cymunedau lleol, grwpiau ffydd a grwpiau pobl dduon a lleiafrifoedd ethnig yn aml, i weithio gyda gwasanaethau cyhoeddus fel partneriaid cyfartal.",
    ),
    "West Yorkshire Finding Independence": (
        "West Yorkshire Finding Independence",
        "Rhaglen i bobl sy'n wynebu sawl anfantais ar unwaith, gyda rhwydweithiau cydgynhyrchu ar draws Gorllewin Swydd Efrog.",
    ),
    "Personal budget": (
        "Cyllideb bersonol",
        "Arian ar gyfer gofal a chymorth rhywun y mae'n dewis sut i'w wario, weithiau'n cael ei dalu iddo fel taliad uniongyrchol.",
    ),
    "Accident and emergency": (
        "Damweiniau ac achosion brys",
        "Adran yr ysbyty ar gyfer anafiadau a salwch brys.",
    ),
}

# Other names, abbreviations and spellings for terms old and new.
ALSO_CALLED = {
    "Black and minority ethnic": [
        "BME",
        "BAME",
        "black, Asian and minority ethnic",
        "minority ethnic",
        "ethnic minority",
    ],
    "Talking therapies": [
        "IAPT",
        "Improving Access to Psychological Therapies",
        "psychological therapies",
        "psychological therapy",
    ],
    "Older people": ["elderly", "older adults", "pensioners", "later life"],
    "Children and young people": ["CYP", "kids", "children", "young people", "youth"],
    "Social isolation": ["loneliness", "lonely", "isolation", "isolated"],
    "Clinical commissioning group": ["CCG", "CCGs"],
    "Voluntary and community sector": [
        "VCS",
        "VCSE",
        "third sector",
        "voluntary sector",
        "charities",
        "CVS",
    ],
    "General practice": ["GP", "GPs", "general practitioner", "family doctor"],
    "Wellbeing": ["well-being", "well being"],
    "Learning disability": ["learning disabilities", "learning difficulties", "LD"],
    "English for speakers of other languages": ["ESOL", "learning English"],
    "Homelessness": ["homeless", "rough sleeping", "rough sleepers"],
    "Community empowerment network": ["WCEN", "CEN"],
    "West Yorkshire Finding Independence": ["WY-FI", "WYFI"],
    "Personal budget": ["personal budgets", "direct payments", "direct payment"],
    "Accident and emergency": ["A&E", "A and E", "emergency department"],
    "Time bank": ["timebank", "time banking", "timebanking", "time banks"],
    "Co-production": ["coproduction", "co-producing", "coproducing"],
    "Co-design": ["codesign", "co-designing", "codesigning"],
    "Peer support": ["peer-led", "mutual aid", "peer mentoring"],
    "Lived experience": ["experts by experience", "expert by experience"],
}
