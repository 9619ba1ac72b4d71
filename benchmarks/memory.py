"""Peak memory of ``factx batch`` at two input sizes: does it stay flat as the stream grows?

    python benchmarks/memory.py [--sizes 1000 10000] [--workers 1] [--keep DIR]

Builds N synthetic news-like documents (``news_documents``: templates with people, places,
organizations, dates and numbers, and a new invented name in most documents, as the long
tail of names in real news has), writes them as JSONL, runs ``factx batch`` on each size in
its own subprocess and reports each run's peak resident set size (the child's
``ru_maxrss`` from ``os.wait4``, workers included) and the ratio of the largest size to the
smallest. The documents of a smaller size are the first of a larger one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

FIRST = (
    "Amara", "Bruno", "Celia", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ingrid", "Jonas", "Keiko", "Lars",
    "Maya", "Nikhil", "Olga", "Pavel", "Quinn", "Rosa", "Samir", "Tamsin", "Ugo", "Vera", "Wen", "Xavier", "Yusuf",
    "Zofia",
)  # fmt: skip
LAST = (
    "Abbott", "Brandt", "Castillo", "Dorsey", "Eklund", "Ferreira", "Gallo", "Hartmann", "Iwata", "Jovanovic",
    "Kowalczyk", "Lindgren", "Moreau", "Nakamura", "Okafor", "Petrov", "Quiroga", "Rasmussen", "Sandoval", "Thorne",
    "Ulloa", "Varga", "Whitlock", "Xu", "Yilmaz", "Zeller",
)  # fmt: skip
SYLLABLES = (
    "ba", "ka", "lo", "mi", "ren", "do", "sa", "vi", "tor", "el", "an", "hu", "ne", "ri", "zu", "ol", "pe", "ga", "ny",
)  # fmt: skip
PLACES = (
    ("Lyon", "France"), ("Porto", "Portugal"), ("Bergen", "Norway"), ("Cork", "Ireland"), ("Graz", "Austria"),
    ("Leeds", "England"), ("Osaka", "Japan"), ("Pune", "India"), ("Tucson", "Arizona"), ("Halifax", "Canada"),
    ("Mombasa", "Kenya"), ("Cusco", "Peru"), ("Tartu", "Estonia"), ("Gdansk", "Poland"), ("Adelaide", "Australia"),
    ("Bilbao", "Spain"),
)  # fmt: skip
ORG_HEAD = ("Northern", "Harbor", "Silver", "Granite", "Meadow", "Coastal", "Summit", "Riverside", "Pioneer", "Beacon")
ORG_TAIL = ("Logistics", "Textiles", "Bank", "Robotics", "Foods", "Energy", "Press", "Foundation", "Institute")
ROLES = ("chief executive", "mayor", "head coach", "lead engineer", "spokeswoman", "director", "founder")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip
RELATIVE = ("last week", "on Monday", "yesterday", "earlier this month", "last year", "in the spring")

TEMPLATES = (
    "{p1} was born in {city}, {country}, in {year}.",
    "{p1}, {age}, moved to {city2} in {year2} to work for {org}.",
    "{org} was founded in {year} by {p1} and {p2}.",
    "{p2}, the {role} of {org}, said {relative} that the company would hire {num} people.",
    "{p1} married {p2} in {month} {year2}. The couple lives in {city2}.",
    "{city} is a port city in {country}, home to about {num},000 people.",
    "On {month} {day}, {org} opened an office in {city2}, {country2}.",
    "{p2} has been the {role} of the {city} {tail} since {year2}.",
    "Police in {city2} said {relative} that {num} cars were damaged in the storm.",
    "{p1} studied at the University of {city} and joined {org} in {year2}.",
    "The {role}, {p2}, declined to comment on the talks with {org}.",
    "{org} reported a profit of {num} million euros for {year2}.",
)


def invented_name(rng: random.Random) -> str:
    """A surname no list has: the long tail of names a real stream keeps bringing."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def news_document(index: int, *, seed: int = 0, sentences: tuple[int, int] = (3, 6)) -> str:
    """Document ``index`` of the synthetic corpus: ``sentences`` (from, to) sentences from
    the templates."""
    rng = random.Random(seed * 1_000_003 + index)
    surname = invented_name(rng) if rng.random() < 0.8 else rng.choice(LAST)
    city, country = rng.choice(PLACES)
    city2, country2 = rng.choice(PLACES)
    slots = {
        "p1": f"{rng.choice(FIRST)} {surname}",
        "p2": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "city": city,
        "country": country,
        "city2": city2,
        "country2": country2,
        "org": f"{rng.choice(ORG_HEAD)} {rng.choice(ORG_TAIL)}",
        "tail": rng.choice(ORG_TAIL),
        "role": rng.choice(ROLES),
        "year": rng.randint(1950, 1999),
        "year2": rng.randint(2000, 2023),
        "month": rng.choice(MONTHS),
        "day": rng.randint(1, 28),
        "age": rng.randint(21, 80),
        "num": rng.randint(2, 900),
        "relative": rng.choice(RELATIVE),
    }
    chosen = rng.sample(TEMPLATES, rng.randint(*sentences))
    return " ".join(s.format(**slots) for s in chosen)


def news_documents(n: int, *, seed: int = 0, sentences: tuple[int, int] = (3, 6)) -> Iterator[dict[str, object]]:
    """``n`` JSONL records (``id``, ``text``, ``reference_date``)."""
    for i in range(n):
        text = news_document(i, seed=seed, sentences=sentences)
        yield {"id": f"news-{i}", "text": text, "reference_date": "2023-05-10"}


def write_jsonl(path: Path, n: int, *, seed: int = 0, sentences: tuple[int, int] = (3, 6)) -> None:
    with path.open("w", encoding="utf-8") as f:
        for record in news_documents(n, seed=seed, sentences=sentences):
            f.write(json.dumps(record) + "\n")


def peak_rss_mb(args: list[str], *, cwd: Path | None = None) -> tuple[float, float, int]:
    """Run ``args``; return its peak RSS in MB (its own or its children's, whichever is
    larger), its seconds and its exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} exited with {proc.returncode}: {err.decode(errors='replace')[-2000:]}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start, proc.returncode  # ru_maxrss is in KiB on Linux


def batch_peak(path: Path, out: Path, *, workers: int = 1, model: str | None = None) -> tuple[float, float]:
    """Peak RSS (MB) and seconds of ``factx batch path -o out`` in a fresh process."""
    cmd = [sys.executable, "-m", "factx", "batch", str(path), "-o", str(out), "-q", "--workers", str(workers)]
    if model:
        cmd += ["--model", model]
    mb, seconds, _ = peak_rss_mb(cmd)
    return mb, seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--model")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="write the inputs and outputs here instead of a temporary folder")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        runs = []
        for n in sorted(args.sizes):
            src = folder / f"news-{n}.jsonl"
            write_jsonl(src, n, seed=args.seed)
            mb, seconds = batch_peak(src, folder / f"out-{n}.jsonl", workers=args.workers, model=args.model)
            lines = sum(1 for _ in (folder / f"out-{n}.jsonl").open("rb"))
            assert lines == n, f"{n} documents gave {lines} lines"
            runs.append({"documents": n, "peak_rss_mb": round(mb, 1), "seconds": round(seconds, 1)})
            print(json.dumps(runs[-1]), file=sys.stderr)
    result = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "workers": args.workers,
        "runs": runs,
        "ratio_largest_to_smallest": round(runs[-1]["peak_rss_mb"] / runs[0]["peak_rss_mb"], 3),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
