"""Long documents for the reliability tests and their measurement (issue 6).

``prose(n)`` is news-like text of about ``n`` characters, generated from templates with a
fixed seed: people, places, organizations, dates, kinship, pronouns, nicknames and
acronyms, so that every layer of factx has work in every paragraph. ``page(n)`` is a web
page as scraped: one fifth such prose in HTML paragraphs, the rest an inline base64 image
(one enormous "word"), the shape of many real multi-megabyte inputs. ``corpus(n)`` is real
writing: paragraphs of the news, encyclopedia and newswire corpora in ../shared/data,
shuffled with a fixed seed (templates repeat a few shapes of sentence, which hides costs
that grow with the variety of a long document; issue 12).

Run as a script, it extracts from one such document in a process of its own, so that the
peak memory it reports is that document's, and prints JSON:

    python tests/bigdoc.py 5 --kind prose    # 5 MB (5,000,000 characters) of prose
    python tests/bigdoc.py 5 --kind corpus   # 5 MB of shuffled corpus paragraphs
"""

from __future__ import annotations

import argparse
import base64
import calendar
import html
import json
import random
import re
import resource
import sys
import time
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

GIVEN = [
    "Marta",
    "Jonas",
    "Priya",
    "Tomasz",
    "Aiko",
    "Lucas",
    "Fatima",
    "Oskar",
    "Leila",
    "Mateo",
    "Ines",
    "Viktor",
    "Hana",
    "Rafael",
    "Greta",
    "Kwame",
    "Sofia",
    "Emil",
    "Noor",
    "Felix",
    "Yusuf",
    "Clara",
]
SURNAMES = [
    "Lindqvist",
    "Okafor",
    "Brandt",
    "Moreau",
    "Castillo",
    "Novak",
    "Haddad",
    "Sorensen",
    "Ricci",
    "Tanaka",
    "Kowalski",
    "Mensah",
    "Duarte",
    "Weber",
    "Kaur",
    "Petrov",
    "Alvarez",
    "Nyberg",
    "Farouk",
    "Dumont",
    "Varga",
    "Oyelaran",
]
CITIES = [
    ("Lyon", "France"),
    ("Porto", "Portugal"),
    ("Gdansk", "Poland"),
    ("Osaka", "Japan"),
    ("Accra", "Ghana"),
    ("Cordoba", "Argentina"),
    ("Graz", "Austria"),
    ("Tampere", "Finland"),
    ("Bergen", "Norway"),
    ("Cork", "Ireland"),
    ("Leeds", "England"),
    ("Tucson", "Arizona"),
]
ORGS = [
    "Northwind Analytics",
    "Blue Harbor Foods",
    "Keystone Robotics",
    "Silver Fern Media",
    "Copperline Energy",
    "Atlas Rail Works",
    "Granite Peak Insurance",
    "Lumen Bay Studios",
]
MONTHS = list(calendar.month_name)[1:]  # English: the C locale's
TEMPLATES = [
    "{p}, {age}, was born in {city}, {country}, in {year}.",
    "{p} moved to {city2} last year with {pos} {spouse}, {q}.",
    "{p} founded {org} in {year} and still lives in {city}.",
    "On {month} {day}, {p} told reporters that {org} would open an office in {city2} in early June.",
    "{q} joined {org} in {year} after years in {city}. {Pro} now leads its team in {city2}.",
    "Officials in {city} said on Tuesday that the plan would be reviewed next week.",
    "{given} '{nick}' {surname} works for {org} ({acro}), which is based in {city}.",
    "{p} is married to {q}. {Pro} was not born in {city2}.",
    "The {org} board met in {city} on {month} {day}, {year}, and named {p} chief executive.",
    "{p} studied at the University of {city} and graduated in the 1990s.",
]
SPOUSE = {"her": ("husband", "She"), "his": ("wife", "He")}


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split())


def _sentence(rng: random.Random) -> str:
    pos = rng.choice(["her", "his"])
    spouse, pro = SPOUSE[pos]
    city, country = rng.choice(CITIES)
    given, surname = rng.choice(GIVEN), rng.choice(SURNAMES)
    org = rng.choice(ORGS)
    return rng.choice(TEMPLATES).format(
        p=f"{given} {surname}",
        q=f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}",
        given=given,
        surname=surname,
        nick=given[:3],
        age=rng.randint(20, 90),
        city=city,
        country=country,
        city2=rng.choice(CITIES)[0],
        year=rng.randint(1950, 2022),
        pos=pos,
        spouse=spouse,
        Pro=pro,
        org=org,
        acro=_acronym(org),
        month=rng.choice(MONTHS),
        day=rng.randint(1, 28),
    )


def paragraphs(n_chars: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n_chars:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))
        out.append(para)
        size += len(para) + 2
    return out


def prose(n_chars: int, seed: int = 0) -> str:
    """About ``n_chars`` characters of news-like paragraphs."""
    return "\n\n".join(paragraphs(n_chars, seed))[:n_chars]


def page(n_chars: int, seed: int = 0) -> str:
    """A scraped web page of about ``n_chars`` characters: a fifth prose paragraphs in
    HTML, the rest an inline image as a base64 data URI."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs(n_chars // 5, seed))
    blob = base64.b64encode(random.Random(seed).randbytes(max(0, n_chars - len(body) - 100) * 3 // 4)).decode()
    return f'<html><body>\n{body}\n<img src="data:image/png;base64,{blob}">\n</body></html>\n'


_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ll|'ve|'d|'m)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens).replace("-LRB-", "(").replace("-RRB-", ")").replace("``", '"').replace("''", '"')
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


@cache
def corpus_paragraphs() -> tuple[str, ...]:
    """Every paragraph of the corpora in ../shared/data, in a fixed order: the news-dev
    articles' paragraphs, Re-DocRED's Wikipedia abstracts, the TimeBank/AQUAINT newswire
    texts (markup removed), and FewRel's and CoNLL04's sentences in groups of four."""
    out: list[str] = []
    for path in sorted((DATA / "news-dev").glob("*.txt")):
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for doc in json.loads((DATA / "redocred" / "dev_revised.json").read_text(encoding="utf-8")):
        out.append(" ".join(_detokenize(sent) for sent in doc["sents"]))
    for path in sorted((DATA / "timex").glob("*.tml")):
        body = path.read_text(encoding="utf-8").split("<TEXT>", 1)[-1].split("</TEXT>", 1)[0]
        body = html.unescape(re.sub(r"<[^>]+>", "", body))
        out += [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
    sentences = [
        _detokenize(item["tokens"])
        for items in json.loads((DATA / "fewrel" / "val_wiki.json").read_text(encoding="utf-8")).values()
        for item in items
    ]
    sentences += [
        _detokenize(item["tokens"])
        for item in json.loads((DATA / "conll04" / "conll04_dev.json").read_text(encoding="utf-8"))
    ]
    out += [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return tuple(out)


def corpus(n_chars: int, seed: int = 0) -> str:
    """About ``n_chars`` characters of corpus paragraphs, shuffled; when the corpora run
    out they are drawn again in another order. The text of size n is a prefix of the text
    of size 2n (same seed), as the long-document measurements need."""
    rng = random.Random(seed)
    pool = list(corpus_paragraphs())
    out: list[str] = []
    size = 0
    while size < n_chars:
        rng.shuffle(pool)
        for para in pool:
            out.append(para)
            size += len(para) + 2
            if size >= n_chars:
                break
    return "\n\n".join(out)[:n_chars]


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(text: str) -> dict[str, object]:
    """Parse and extract ``text`` with the default model: seconds of each, memory, counts,
    and the spans whose offsets do not give their text (there should be none)."""
    import factx

    extractor = factx.Extractor()
    extractor.facts  # noqa: B018 - load the model and patterns before the clock starts
    loaded = _rss_mb()
    # CPU seconds of this process as well as wall seconds: on a shared machine the ratio of
    # two CPU times is what measures the work
    start, cpu_start = time.perf_counter(), time.process_time()
    doc = extractor._parse(text)
    parsed, cpu_parsed = time.perf_counter(), time.process_time()
    result = extractor._extract(text, doc, reference_date=None)
    done, cpu_done = time.perf_counter(), time.process_time()
    spans = [(m.start, m.end, m.text) for e in result.entities for m in e.mentions]
    spans += [(d.start, d.end, d.text) for d in result.dates]
    ids = {e.id for e in result.entities}
    return {
        "chars": len(text),
        "tokens": len(doc),
        "parse_s": round(parsed - start, 2),
        "extract_s": round(done - parsed, 2),
        "parse_cpu_s": round(cpu_parsed - cpu_start, 2),
        "extract_cpu_s": round(cpu_done - cpu_parsed, 2),
        "rss_loaded_mb": round(loaded),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "entities": len(result.entities),
        "dates": len(result.dates),
        "facts": len(result.facts),
        "bad_offsets": sum(text[a:b] != t for a, b, t in spans),
        "dangling_facts": sum(f.subject not in ids or (f.object.entity or f.subject) not in ids for f in result.facts),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mb", type=float, help="millions of characters")
    parser.add_argument("--kind", choices=["prose", "page", "corpus"], default="prose")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    build = {"prose": prose, "page": page, "corpus": corpus}[args.kind]
    text = build(int(args.mb * 1_000_000), args.seed)
    print(json.dumps({"kind": args.kind, **measure(text)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
