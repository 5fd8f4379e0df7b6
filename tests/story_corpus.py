"""An invented corpus of stories for the story tests: one earthquake told by three outlets and
followed up days later, another earthquake elsewhere (same topic, another event) told by two,
and an unrelated local story. Every name, place and quote is made up."""

from __future__ import annotations

from pathlib import Path

OSTRAND = (
    '"We are searching every building in Kelmar and we will not stop until everyone is found," '
    "President Maria Ostrand said on Monday evening."
)
EKLUND = (
    '"The shaking lasted almost a full minute and the old town took the worst of it," said '
    "Tomas Eklund, a seismologist at the Valdorian Institute of Geophysics."
)
BRENN = (
    '"Our rescue teams reached Ostervik within two hours and the hospital is still standing," '
    "Governor Lucas Brenn told reporters in Halden."
)

ARTICLES: dict[str, tuple[str, str, str, str]] = {
    "herald-valdoria-quake": (
        "Magnitude 6.8 earthquake strikes Kelmar in Valdoria, dozens dead",
        "Northern Herald",
        "2024-03-04",
        "A magnitude 6.8 earthquake struck the Valdorian city of Kelmar on Monday, killing at "
        "least 41 people and flattening dozens of buildings in the old town, officials said.\n\n"
        f"{OSTRAND}\n\n"
        "The Valdorian Red Cross opened shelters in three schools and asked for blood donors. "
        "Rescue crews with dogs worked through the night in the Kelmar old town, where narrow "
        "streets slowed the heavy machinery.\n\n"
        f"{EKLUND}\n\n"
        "Neighbouring Arvania sent two rescue teams and a field hospital. The quake was felt "
        "as far away as the capital, Drenhof, where office towers were evacuated.",
    ),
    "courier-kelmar-earthquake": (
        "Kelmar earthquake: Valdoria searches rubble as death toll rises to 44",
        "Daily Courier",
        "2024-03-05",
        "Rescuers in Valdoria searched the rubble of Kelmar's old town on Tuesday after a "
        "magnitude 6.8 earthquake killed at least 44 people, according to the Valdorian Red "
        "Cross.\n\n"
        f"{OSTRAND}\n\n"
        "President Maria Ostrand declared three days of mourning. Arvania's rescue teams and a "
        "field hospital arrived in Kelmar overnight, and the Valdorian army set up tents in the "
        "main square.\n\n"
        f"{EKLUND}\n\n"
        "Aftershocks continued through the morning, and engineers closed the Kelmar bridge "
        "over the Ves river until it can be inspected.",
    ),
    "coastal-valdoria-rescue": (
        "Valdoria quake: rescuers pull survivors from Kelmar rubble",
        "Coastal Times",
        "2024-03-05",
        "Rescuers pulled two survivors from a collapsed apartment block in Kelmar on Tuesday, "
        "a day after a magnitude 6.8 earthquake hit the Valdorian city and killed at least 44 "
        "people.\n\n"
        f"{OSTRAND}\n\n"
        "The Valdorian Red Cross said its shelters in Kelmar were full, and President Maria "
        "Ostrand asked Arvania and other neighbours for more tents. Aftershocks rattled the old "
        "town through the night and the Kelmar bridge over the Ves river was closed.",
    ),
    "herald-kelmar-rebuild": (
        "Kelmar begins to rebuild a week after the Valdoria earthquake",
        "Northern Herald",
        "2024-03-11",
        "A week after the magnitude 6.8 earthquake that killed 47 people in Kelmar, the first "
        "families left the Valdorian Red Cross shelters on Monday and returned to houses that "
        "engineers had declared safe.\n\n"
        f"{OSTRAND}\n\n"
        "President Maria Ostrand promised money to rebuild the old town, and the Kelmar bridge "
        "over the Ves river reopened to traffic. Arvania's field hospital will stay in Kelmar "
        "until the end of the month.\n\n"
        f"{EKLUND}",
    ),
    "courier-sarnia-quake": (
        "Earthquake of magnitude 6.1 hits Ostervik in Sarnia province",
        "Daily Courier",
        "2024-09-20",
        "An earthquake of magnitude 6.1 hit the town of Ostervik in the Sarnia province of "
        "Lutheria on Friday, injuring 120 people and cutting power to the harbour, the Lutherian "
        "Geological Survey said.\n\n"
        f"{BRENN}\n\n"
        "Landslides closed the coastal road between Ostervik and Halden, and ferries carried "
        "supplies across the Gerd fjord. The Lutherian army sent helicopters and engineers.",
    ),
    "coastal-ostervik-earthquake": (
        "Ostervik earthquake injures 120 as landslides cut Sarnia coastal road",
        "Coastal Times",
        "2024-09-20",
        "A magnitude 6.1 earthquake shook Ostervik, in Lutheria's Sarnia province, on Friday, "
        "injuring 120 people, according to the Lutherian Geological Survey.\n\n"
        f"{BRENN}\n\n"
        "Governor Lucas Brenn said landslides had closed the coastal road to Halden and that "
        "ferries across the Gerd fjord would carry food and fuel. Power was cut to the harbour "
        "and to half of the town.",
    ),
    "gazette-bremerton-tram": (
        "Bremerton council approves new tram line to the university",
        "Bremerton Gazette",
        "2024-05-14",
        "Bremerton city council voted on Tuesday to build a tram line from the central station "
        "to the university campus, a project of 310 million crowns that the mayor, Ilse Varga, "
        "has promised since her election.\n\n"
        '"Students and nurses will finally have a fast way to the campus," Varga said after the '
        "vote.\n\n"
        "Construction is due to start next spring; shop owners on Linden Street asked for "
        "compensation during the works.",
    ),
}

VALDORIA = [
    "herald-valdoria-quake",
    "courier-kelmar-earthquake",
    "coastal-valdoria-rescue",
]
FOLLOW_UP = "herald-kelmar-rebuild"
SARNIA = ["courier-sarnia-quake", "coastal-ostervik-earthquake"]
TRAM = "gazette-bremerton-tram"


def write_story_corpus(folder: Path, ids: list[str] | None = None) -> Path:
    """Write the invented articles (or those of `ids`) as Markdown with front matter."""
    folder.mkdir(parents=True, exist_ok=True)
    for article_id in ids or list(ARTICLES):
        title, outlet, date, body = ARTICLES[article_id]
        text = f'---\ntitle: "{title}"\noutlet: {outlet}\ndate: {date}\n---\n{body}\n'
        (folder / f"{article_id}.md").write_text(text, encoding="utf-8")
    return folder


# Two floods of one kind, each told by six reports that share the flood words (river, water,
# homes, boats) and differ in the town, the river, the people and the numbers: a pair model that
# looks at words joins the first reports of the two floods, and the story is cut in two once
# each flood has its own reports.
_FLOOD_SHARED = [
    "Flood water rose through the night and rescue boats carried families from their homes.",
    "The river burst its banks after days of heavy rain and roads were closed.",
    "Volunteers filled sandbags while the fire brigade pumped water from cellars.",
    "Shelters opened in schools and the regional council promised help for the homes lost.",
    "Farmers lost fields and cattle as the water spread over the valley.",
]
FLOODS: dict[str, list[str]] = {
    "marrow": [
        "The Tessel flooded Marrow and mayor Ilse Karn asked residents of the Quayside district "
        "to leave; 312 homes were evacuated and 4 people were missing.",
        "In Marrow the Tessel reached 6.4 metres, mayor Ilse Karn said, the highest since the "
        "Quayside embankment was built.",
        "Karn thanked the Marrow volunteers; the Tessel crest passed the Quayside bridge at dawn "
        "and the 4 missing anglers were found alive.",
        "Engineers watched the old Quayside dyke on the Tessel while Ilse Karn toured Marrow by "
        "boat with the 312 evacuated families in mind.",
        "Marrow hospital moved patients to Welby as the Tessel kept rising, said Ilse Karn, the "
        "mayor of Marrow.",
        "The Tessel fell below 6.4 metres in Marrow on the third day and Karn let the Quayside "
        "families return.",
    ],
    "quillby": [
        "The Annet flooded Quillby and governor Otto Brandt sent soldiers to the Millgate "
        "estate; 87 farms were cut off and 2 drivers died.",
        "In Quillby the Annet broke the Millgate levee, governor Otto Brandt said, and water "
        "stood 2.9 metres deep on the ring road.",
        "Brandt said the 2 drivers were swept from the Annet bridge at Quillby before the "
        "Millgate levee gave way.",
        "Helicopters lifted 87 farming families near Quillby, where the Annet covered the "
        "Millgate fields, Otto Brandt said.",
        "Quillby station closed when the Annet reached the tracks; governor Otto Brandt asked "
        "the army for pumps for Millgate.",
        "The Annet drained slowly from Millgate and Brandt opened the Quillby ring road again "
        "after 2.9 metres of water had stood on it.",
    ],
}


def flood_articles() -> list[tuple[str, str, str]]:
    """The flood reports as (id, title, text), undated, the two floods interleaved (as an id
    order would place them): ids `flood-<town>-<n>`."""
    out = []
    for n in range(6):
        for town, own in FLOODS.items():
            shared = " ".join(_FLOOD_SHARED[k] for k in range(5) if k != n % 5)
            title = f"Flood in {town.title()}: report {n + 1}"
            out.append((f"flood-{town}-{n}", title, f"{own[n]}\n\n{shared}"))
    return out


# Two anti-piracy operations of one navy in one gulf, years apart, each told by two outlets and
# undated (as copied text often is): the reports of both share the navy, the gulf, the pirates
# and the patrol; what tells the operations apart is what each report writes of its own one:
# the year, the weekday, the numbers (23 pirates and 12 nautical miles against 26 and 5
# vessels), the ship's name and the pairs of words around them. A follow-up of the first
# operation, written days later, repeats its year, its numbers and its ship.
PIRACY: dict[str, tuple[str, str]] = {
    "kestrel-wire": (
        "Arvanian navy captures 23 pirates in the Gulf of Tarsk",
        "The Arvanian navy captured 23 pirates in the Gulf of Tarsk on Saturday after the "
        "frigate Kestrel answered a distress call from the cargo ship Marlin Star, the defence "
        "ministry said in March 2019.\n\n"
        "The pirates, in two skiffs, had opened fire on the Marlin Star 12 nautical miles from "
        "the frigate. Marine commandos flown from the Kestrel by helicopter boarded the skiffs "
        "and seized 7 rifles and a grenade launcher.\n\n"
        "The Arvanian navy has kept a warship on anti-piracy patrol in the Gulf of Tarsk since "
        "pirates began attacking merchant vessels on the shipping lane.",
    ),
    "kestrel-daily": (
        "Frigate Kestrel rescues Marlin Star, 23 pirates held",
        "Commandos from the Arvanian frigate Kestrel captured 23 pirates on Saturday as they "
        "tried to board the cargo ship Marlin Star in the Gulf of Tarsk, in the navy's biggest "
        "anti-piracy arrest of 2019.\n\n"
        "The Marlin Star sent a distress call when two skiffs came within 12 nautical miles and "
        "began firing. The Kestrel's helicopter carried marine commandos to the skiffs, and "
        "7 rifles and a grenade launcher were seized, the defence ministry said.\n\n"
        "Merchant vessels crossing the Gulf of Tarsk have asked for more warships on patrol.",
    ),
    "kestrel-follow-up": (
        "The 23 pirates taken by the Kestrel to face trial in Arvania",
        "The 23 pirates captured by the frigate Kestrel in the Gulf of Tarsk will be tried in "
        "Arvania, prosecutors said on Wednesday, days after the Marlin Star rescue of March "
        "2019.\n\n"
        "The Kestrel brought the pirates to port with the 7 rifles and the grenade launcher "
        "seized from their two skiffs. The crew of the Marlin Star, whose distress call brought "
        "the frigate, gave statements to the navy.\n\n"
        "Judges said the trial of the pirates could open within the year.",
    ),
    "osprey-wire": (
        "Warship Osprey foils attack on convoy, 26 pirates captured",
        "Sailors of the Osprey, an Arvanian patrol ship, captured 26 pirates on Thursday when "
        "three boats closed on a convoy of 5 merchant vessels it was escorting, officials in "
        "the capital said in November 2022.\n\n"
        "Warning shots were fired as the boats came alongside; the attackers surrendered and "
        "handed over 14 rifles. It was the first such attack in the Gulf of Tarsk this year.\n\n"
        "Shipping companies welcomed the escort, which the Arvanian navy began in the spring.",
    ),
    "osprey-daily": (
        "Osprey escort ends pirate raid: 26 men held, convoy of five ships safe",
        "An attempted raid by 26 pirates in three boats ended on Thursday when the Osprey, "
        "escorting 5 merchant vessels, fired warning shots, Arvanian officials said in "
        "November 2022.\n\n"
        "The pirates gave up with 14 rifles and were taken aboard the Osprey. None of the "
        "convoy's sailors were hurt, the shipping companies said.\n\n"
        "The escort of convoys was begun this spring after attacks rose.",
    ),
}
KESTREL = ["kestrel-wire", "kestrel-daily"]
KESTREL_FOLLOW_UP = "kestrel-follow-up"
OSPREY = ["osprey-wire", "osprey-daily"]


def piracy_articles() -> list[tuple[str, str, str]]:
    """The piracy reports as (id, title, text), undated."""
    return [(name, title, text) for name, (title, text) in PIRACY.items()]
