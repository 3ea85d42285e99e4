"""The shared list of funding programmes (organisation NULL), seen by every organisation.

Each row has a stable code by which exports refer to it. Running the migration again updates
the rows in place. Websites are given only where the address is certain; the administrator
adds own programmes (and may place them under a shared one) in the app.
"""

from django.db import migrations

# (code, name, short name, parent code, kind, website)
PROGRAMMES = [
    ("horizon-europe", "Horizon Europe", "", "", "eu", ""),
    ("erasmus-plus", "Erasmus+", "", "", "eu", "https://erasmus-plus.ec.europa.eu/"),
    ("interreg", "Interreg", "", "", "eu", "https://interreg.eu/"),
    ("interreg-a", "Interreg A – cross-border cooperation", "Interreg A", "interreg", "eu", ""),
    ("interreg-b", "Interreg B – transnational cooperation", "Interreg B", "interreg", "eu", ""),
    ("interreg-c", "Interreg C – interregional cooperation", "Interreg C", "interreg", "eu", ""),
    ("interreg-aurora", "Interreg Aurora", "", "interreg-a", "eu", ""),
    ("interreg-oks", "Interreg Öresund-Kattegat-Skagerrak", "ÖKS", "interreg-a", "eu", ""),
    ("interreg-sverige-norge", "Interreg Sverige-Norge", "", "interreg-a", "eu", ""),
    ("interreg-north-sea", "Interreg North Sea", "", "interreg-b", "eu", ""),
    (
        "interreg-baltic-sea-region",
        "Interreg Baltic Sea Region",
        "",
        "interreg-b",
        "eu",
        "https://interreg-baltic.eu/",
    ),
    (
        "interreg-npa",
        "Interreg Northern Periphery and Arctic",
        "NPA",
        "interreg-b",
        "eu",
        "https://www.interreg-npa.eu/",
    ),
    (
        "interreg-europe",
        "Interreg Europe",
        "",
        "interreg-c",
        "eu",
        "https://www.interregeurope.eu/",
    ),
    ("urbact", "URBACT", "", "interreg-c", "eu", "https://urbact.eu/"),
    ("creative-europe", "Creative Europe", "", "", "eu", ""),
    ("cerv", "Citizens, Equality, Rights and Values Programme", "CERV", "", "eu", ""),
    ("life", "LIFE – Programme for the Environment and Climate Action", "LIFE", "", "eu", ""),
    ("digital-europe", "Digital Europe Programme", "DIGITAL", "", "eu", ""),
    ("eea-norway-grants", "EEA and Norway Grants", "", "", "eea_norway", "https://eeagrants.org/"),
    ("nordplus", "Nordplus", "", "", "nordic", ""),
    ("nordic-culture-fund", "Nordic Culture Fund (Nordisk kulturfond)", "", "", "nordic", ""),
    (
        "icld",
        "Swedish International Centre for Local Democracy",
        "ICLD",
        "",
        "national",
        "https://icld.se/",
    ),
    ("ks", "KS – Kommunesektorens organisasjon", "KS", "", "national", "https://www.ks.no/"),
    (
        "norad",
        "Norad – Norwegian Agency for Development Cooperation",
        "Norad",
        "",
        "national",
        "https://www.norad.no/",
    ),
    (
        "research-council-of-norway",
        "Research Council of Norway (Norges forskningsråd)",
        "",
        "",
        "national",
        "https://www.forskningsradet.no/",
    ),
]


def load(apps, schema_editor):
    FundingProgramme = apps.get_model("projects", "FundingProgramme")
    rows = {}
    for code, name, short_name, parent, kind, website in PROGRAMMES:
        rows[code], _created = FundingProgramme.objects.update_or_create(
            organisation=None,
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "parent": rows[parent] if parent else None,
                "kind": kind,
                "website": website,
            },
        )


def unload(apps, schema_editor):
    FundingProgramme = apps.get_model("projects", "FundingProgramme")
    codes = [row[0] for row in PROGRAMMES]
    shared = FundingProgramme.objects.filter(organisation=None, code__in=codes)
    # Parts first: a programme with parts cannot be deleted before them.
    for _depth in range(3):
        shared.filter(children__isnull=True).delete()
    shared.delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
