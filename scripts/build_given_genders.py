"""Write models/given_genders.tsv, the given names that tell a person's gender, from the US
Census 1990 name lists as packaged by the ``names`` package.

    pip install "factx[dev]" && python scripts/build_given_genders.py

A name is written with a gender when the share of the population of that gender bearing
it is at least RATIO times the share of the other (Kathryn: f; Jordan and Taylor, shared,
are left out) and it is at least SURNAME_RATIO times as common among given names as among surnames
(Li, Yang and Kim, family names that come first in East Asian names, are left out), so that a pronoun of the other gender is never sent to a person so named
(factx/relations/resolve.py). Diminutives of the English nickname table (``nicknames``)
take the gender of their full names when all of those agree (Bill: m). Census data is a
work of the US government (public domain); the ``names`` package that ships it is MIT.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

RATIO = 10.0  # one gender's frequency must be this many times the other's
SURNAME_RATIO = 3.0  # and the given name's this many times its frequency as a surname
OUT = Path(__file__).resolve().parent.parent / "models" / "given_genders.tsv"
HEADER = f"""\
# Given names that tell a person's gender: a name is "f" or "m" when its frequency among
# that gender is at least {RATIO:g} times its frequency among the other in the US Census
# 1990 name lists and it is at least {SURNAME_RATIO:g} times as common among given names as among
# surnames there (Li, Yang, Kim are left out); diminutives of the English nickname table
# take the gender their full names agree on. Read by the pronoun resolver (factx/relations/resolve.py): "she" is never
# sent to a person whose given name is "m" here, nor "he" to an "f".
# Source: US Census Bureau 1990 name lists (public domain) as packaged by the Python
# package names (MIT), and the nicknames package (MIT); written by
# scripts/build_given_genders.py, do not edit by hand. Licence: public domain data.
# Format: lower-case given name <TAB> gender (f or m).
"""


def _frequencies(filename: str) -> dict[str, float]:
    text = resources.files("names").joinpath(filename).read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def main() -> None:
    male, female = _frequencies("dist.male.first"), _frequencies("dist.female.first")
    last = _frequencies("dist.all.last")
    gender: dict[str, str] = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        # the given-name lists count shares of one gender, the surname list of everyone
        if last.get(name, 0.0) * SURNAME_RATIO > (m + f) / 2:
            continue
        if m >= RATIO * f and m > 0:
            gender[name] = "m"
        elif f >= RATIO * m and f > 0:
            gender[name] = "f"
    from nicknames import name_triplets

    votes: dict[str, set[str]] = {}
    for triplet in name_triplets():
        full, short = triplet.name1.lower(), triplet.name2.lower()
        if full in gender and short not in male and short not in female:
            votes.setdefault(short, set()).add(gender[full])
    for short, found in votes.items():
        if len(found) == 1:
            gender[short] = next(iter(found))
    rows = "".join(f"{name}\t{gender[name]}\n" for name in sorted(gender))
    OUT.write_text(HEADER + rows, encoding="utf-8")
    print(f"wrote {OUT} ({len(gender)} names)")


if __name__ == "__main__":
    main()
