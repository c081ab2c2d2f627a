"""The words the generator draws names, places and titles from (see generate.py)."""

PLACES = [
    "Leeds", "Bristol", "Hackney", "Norwich", "Cardiff", "Derby", "Oldham", "Hull",
    "Wandle", "Sefton", "Walsall", "Exeter", "Carlisle", "Luton", "Swindon", "Wirral",
]  # fmt: skip
KIND_NAMES = {
    "council": "Council",
    "nhs_trust": "NHS Foundation Trust",
    "commissioner": "Integrated Care Board",
    "voluntary": "Mind",
    "community": "Community Association",
    "network": "Co-production Network",
}
KINDS = ["council", "nhs_trust", "commissioner", "voluntary", "community", "voluntary",
         "community", "council", "voluntary"]  # fmt: skip
FIRST = [
    "Amira", "Ben", "Chloe", "Dev", "Ebony", "Femi", "Grace", "Hassan", "Iris", "Jamal",
    "Kasia", "Leon", "Maya", "Niamh", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq",
    "Una", "Vik", "Wren", "Yusuf", "Zara", "Aled", "Bronwen", "Carys", "Declan", "Esme",
]  # fmt: skip
LAST = [
    "Ahmed", "Brown", "Campbell", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal",
    "Jones", "Khan", "Lewis", "Murphy", "Nowak", "Okafor", "Patel", "Quinn", "Roberts",
    "Singh", "Taylor", "Usman", "Walker", "Williams", "Young",
]  # fmt: skip
TOPICS = [
    "Crisis café", "Hospital discharge", "Carers' breaks", "Peer support", "Day services",
    "Supported housing", "Young people's mental health", "Dementia friendly town",
    "Learning disability health checks", "Recovery college", "Homeless health",
    "Maternity voices", "Social prescribing", "Community transport", "Food pantry",
]  # fmt: skip
SESSION_TITLES = [
    "Steering group", "Co-design workshop", "Planning meeting", "Peer research training",
    "Interview panel", "Listening event", "Review meeting", "Welcome and cuppa",
]  # fmt: skip
ITEM_TITLES = [
    "Letters are hard to read", "Meetings clash with school pick-up",
    "Nobody rang back after the assessment", "The waiting room feels unsafe",
    "Travel costs stop people coming", "Forms only online", "Staff keep changing",
]  # fmt: skip
PASSAGES = [
    "I felt listened to for the first time in years.",
    "The forms were confusing and nobody explained them.",
    "Being paid for my time made me feel valued.",
    "It took months before anything changed.",
    "Meeting other carers was the best part.",
    "Staff talked over us at the first meeting.",
]
