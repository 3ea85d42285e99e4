"""Names and texts for generated rows: plausible, short and reproducible from a seeded Random."""

WORDS = (
    "samarbeid kommune utvikling internasjonal region nettverk prosjekt kunnskap erfaring "
    "klima omstilling næringsliv ungdom kultur utdanning innovasjon bærekraft partnerskap "
    "søknad finansiering europeisk nordisk vennskapsby delegasjon besøk konferanse arbeid "
    "oppfølging tiltak mål strategi plan rapport møte forum dialog mangfold inkludering "
    "energi hav fiskeri turisme helse omsorg digitalisering forskning universitet skole "
    "byutvikling transport mobilitet demokrati menneskerettigheter fred frivillighet idrett"
).split()
FIRST_NAMES = (
    "Anna Erik Ingrid Lars Kari Nils Sofia Ole Maja Johan Elin Per Sara Anders Liv Magnus "
    "Ida Henrik Astrid Karl Emma Jonas Hanna Tor Frida Sven Linnea Bjørn Nora Gustav"
).split()
LAST_NAMES = (
    "Hansen Johansson Olsen Andersson Larsen Karlsson Nilsen Eriksson Berg Lindqvist Haugen "
    "Persson Dahl Svensson Bakken Lund Strand Holm Moen Nyström Solberg Ek Vik Sandberg"
).split()
PLACE_PARTS = (
    (
        "Nord Sør Øst Vest Stor Lille Ny Fjell Sjø Dal Berg Strand Elv Skog Lyng Furu Bjørke "
        "Eike Hav Sol Vind Stein Å Holm Lind Ask Rogn Hegg Mo Ness"
    ).split(),
    "vik dal berg stad heim sund fjord by holm ås land nes øy haug rud vang".split(),
)
THEMES = [
    "Klima og miljø",
    "Næringsutvikling",
    "Kultur",
    "Utdanning og forskning",
    "Demokrati og menneskerettigheter",
]
# Partner cities with coordinates, for twin cities, agreements and the map.
CITIES = [
    ("Göteborg", "SE", 57.70887, 11.97456),
    ("Aarhus", "DK", 56.16294, 10.20392),
    ("Turku", "FI", 60.45180, 22.26663),
    ("Reykjavík", "IS", 64.14660, -21.94260),
    ("Rostock", "DE", 54.09241, 12.09910),
    ("Gdańsk", "PL", 54.35202, 18.64664),
    ("Tallinn", "EE", 59.43696, 24.75357),
    ("Riga", "LV", 56.94965, 24.10519),
    ("Seattle", "US", 47.60621, -122.33207),
    ("Newcastle", "GB", 54.97828, -1.61778),
    ("Rotterdam", "NL", 51.92442, 4.47773),
    ("Lübeck", "DE", 53.86547, 10.68656),
    ("Qingdao", "CN", 36.06710, 120.38260),
    ("Kaunas", "LT", 54.89852, 23.90360),
    ("Bordeaux", "FR", 44.83779, -0.57918),
    ("Nuuk", "GL", 64.18347, -51.72157),
    ("Cape Town", "ZA", -33.92487, 18.42406),
    ("Murmansk", "RU", 68.97917, 33.09251),
    ("Sitka", "US", 57.05314, -135.33009),
    ("Zanzibar", "TZ", -6.16394, 39.19793),
]
COUNTRIES = "SE DK FI IS DE PL EE LV LT NL BE FR ES IT GB IE AT".split()


def sentence(rng, words):
    text = " ".join(rng.choices(WORDS, k=words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences, words=14):
    return " ".join(sentence(rng, rng.randint(words // 2, words)) for _ in range(sentences))


def person_name(rng):
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def place_name(index):
    """A municipality name, different for each index (up to 31 × 16 × 20 of them)."""
    first, second = PLACE_PARTS
    name = first[index % len(first)] + second[index // len(first) % len(second)]
    round_ = index // (len(first) * len(second))
    return name if round_ == 0 else f"{name} {round_ + 1}"
