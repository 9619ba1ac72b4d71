"""Write models/given_names.tsv, factx's list of given names, from nomquamgender's data.

    pip install "factx[dev]" && python scripts/build_given_names.py

nomquamgender (MIT) gathers given names from many public sources, each with the number of
sources that list it, the number of people counted with it and the share of them who are
women. A name is kept when at least MIN_SOURCES sources list it and at least MIN_COUNT
people bear it: rarer entries are as often surnames, words or tokenizer debris ("the",
"general", "saint" fall below). A name that Webster's Second (the web2 list of the
english-words package, MIT; the list is in the public domain) has only as a lower-case word
and that the GNU Collaborative International Dictionary of English (GCIDE) has too is left
out ("Joy", "Royal", "River", "Said"): a capitalized common word opening a band's or a
firm's name is no evidence of a person. Its gender is "f" or "m" when at least GENDERED_SHARE of its
bearers are of one gender, "-" otherwise. The file is read as JSON (importing the package
would pull in pandas).
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

MIN_SOURCES = 15
MIN_COUNT = 300
GENDERED_SHARE = 0.9
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
OUT = Path(__file__).resolve().parent.parent / "models" / "given_names.tsv"
HEADER = f"""\
# Given names, with the gender most of their bearers have: a multi-word name that starts
# with one is a person's, unless a head noun or a company suffix says otherwise (factx/labels.py).
# Source: nomquamgender (Van Buskirk et al., MIT), names listed by at least {MIN_SOURCES} of its
# sources and borne by at least {MIN_COUNT} people, less common English words ("joy", "royal")
# by the web2 and GCIDE lists of english-words (MIT); written by scripts/build_given_names.py,
# do not edit by hand. Licence: MIT (nomquamgender).
# Format: name (lower case) <TAB> gender: f or m when {GENDERED_SHARE:.0%} of its bearers are, else -.
"""


def _common_words() -> frozenset[str]:
    """Lower-case words of English that web2 has only in lower case and GCIDE has too."""
    from english_words import get_english_words_set

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    gcide = get_english_words_set(["gcide"], lower=True, alpha=True)
    return frozenset(w for w in web2 if w.islower() and w.capitalize() not in web2 and w in gcide)


def main() -> None:
    data = json.loads((resources.files("nomquamgender") / "name_data.json").read_text(encoding="utf-8"))
    common = _common_words()
    rows = []
    for name, (sources, count, female, *_rest) in data.items():
        if sources < MIN_SOURCES or count < MIN_COUNT or not WORD.fullmatch(name) or name in common:
            continue
        gender = "f" if female >= GENDERED_SHARE else "m" if female <= 1 - GENDERED_SHARE else "-"
        rows.append(f"{name}\t{gender}")
    OUT.write_text(HEADER + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
