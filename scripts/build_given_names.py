"""Write models/given_names.tsv, factx's list of given names and the genders they tell.

    pip install "factx[dev]" && python scripts/build_given_names.py

The names come from nomquamgender (MIT), which gathers given names from many public
sources of many countries, each with the number of sources that list it, the number of
people counted with it and the share of them who are women. A name is kept when at least
MIN_SOURCES sources list it and at least MIN_COUNT people bear it: rarer entries are as
often surnames, words or tokenizer debris ("the", "general", "saint" fall below). A name
that Webster's Second (the web2 list of the english-words package, MIT; the list is in the
public domain) has only as a lower-case word and that the GNU Collaborative International
Dictionary of English (GCIDE) has too is left out ("Joy", "Royal", "River", "Said"): a
capitalized common word opening a band's or a firm's name is no evidence of a person.

A name's gender is "f" or "m" when one gender bears it strongly, "-" otherwise: the pronoun
resolver (factx/relations/resolve.py) never sends "she" to a person whose given name is
"m", so a name of both genders (Jordan, Yuri) must tell none. Strongly means
either of:

* across nomquamgender's countries, one gender bears the name at least RATIO times as often
  as the other (Sergei, Ingrid);
* in the US Census 1990 name lists (as packaged by ``names``, MIT; the data is public
  domain), the share of one gender bearing it is at least RATIO times the other's and the
  name is at least SURNAME_RATIO times as common among given names as among surnames (Li,
  Yang, Kim are left out), and across nomquamgender's countries at least AGREEING_SHARE of
  its bearers are of that gender too (Christy: mostly women in the US, though Irish men
  bear it; Yuri, a woman's name in the US census, is a man's in Russia and tells none).

nomquamgender's file is read as JSON (importing the package would pull in pandas).
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

MIN_SOURCES = 15
MIN_COUNT = 300
RATIO = 10.0  # one gender bears the name at least this many times as often as the other
SURNAME_RATIO = 3.0  # a census name must be this many times as common as a given name as a surname
AGREEING_SHARE = 0.8  # a census gender stands when nomquamgender has this share of that gender
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
OUT = Path(__file__).resolve().parent.parent / "models" / "given_names.tsv"
HEADER = f"""\
# Given names, with the gender they tell: a multi-word name that starts with one is a
# person's, unless a head noun or a company suffix says otherwise (factx/labels.py,
# factx/mentions.py); a pronoun of the other gender is never sent to a person whose given
# name tells one (factx/relations/resolve.py), nor are Daniel and Daniela one spelling.
# Source: names from nomquamgender (Van Buskirk et al., MIT), listed by at least {MIN_SOURCES} of
# its sources and borne by at least {MIN_COUNT} people, less common English words ("joy", "royal")
# by the web2 (public domain) and GCIDE (GPL; it only removes rows) lists of english-words
# (MIT); genders from nomquamgender and the US Census Bureau 1990 name lists (public domain)
# as packaged by names (MIT). Written by scripts/build_given_names.py, do not edit by hand.
# Licence: MIT (nomquamgender); the census data is public domain.
# Format: name (lower case) <TAB> gender: f or m when one gender bears the name at least
# {RATIO:g} times as often as the other across nomquamgender's countries, or in the US census
# (and not more often a surname there) with at least {AGREEING_SHARE:.0%} of nomquamgender's
# bearers agreeing; else -.
"""


def _common_words() -> frozenset[str]:
    """Lower-case words of English that web2 has only in lower case and GCIDE has too."""
    from english_words import get_english_words_set

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    gcide = get_english_words_set(["gcide"], lower=True, alpha=True)
    return frozenset(w for w in web2 if w.islower() and w.capitalize() not in web2 and w in gcide)


def _census(filename: str) -> dict[str, float]:
    """Name -> the percentage of the population counted that bears it (``names``' files)."""
    text = resources.files("names").joinpath(filename).read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def _census_genders() -> dict[str, str]:
    """Name -> "f" or "m" where the census lists tell one strongly and it is no surname."""
    male, female, last = _census("dist.male.first"), _census("dist.female.first"), _census("dist.all.last")
    out: dict[str, str] = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        # the given-name lists count shares of one gender, the surname list of everyone
        if last.get(name, 0.0) * SURNAME_RATIO > (m + f) / 2:
            continue
        if m >= RATIO * f:
            out[name] = "m"
        elif f >= RATIO * m:
            out[name] = "f"
    return out


def _gender(female_share: float, census: str | None) -> str:
    strong = RATIO / (RATIO + 1)
    if female_share >= strong:
        return "f"
    if female_share <= 1 - strong:
        return "m"
    if census == "f" and female_share >= AGREEING_SHARE:
        return "f"
    if census == "m" and female_share <= 1 - AGREEING_SHARE:
        return "m"
    return "-"


def main() -> None:
    data = json.loads((resources.files("nomquamgender") / "name_data.json").read_text(encoding="utf-8"))
    common = _common_words()
    census = _census_genders()
    rows = []
    for name, (sources, count, female, *_rest) in data.items():
        if sources < MIN_SOURCES or count < MIN_COUNT or not WORD.fullmatch(name) or name in common:
            continue
        rows.append(f"{name}\t{_gender(female, census.get(name))}")
    OUT.write_text(HEADER + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
