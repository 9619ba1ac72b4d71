"""Soak test: many short documents through `factx batch --workers 2`, memory watched.

Generates short news-like documents from templates (with a few hostile records among
them: empty and blank texts, control characters, emoji, markup, Windows line endings, a
text that is not a string, a line that is not JSON), runs `python -m factx batch` on them
in a subprocess, samples the memory of its process tree once a second from /proc while it
runs, then checks that the output has one line per input record, in input order, with the
input's ids. Prints the figures (and writes every sample to a CSV with --samples):

    python benchmarks/soak.py                      # 100,000 documents, 2 workers
    python benchmarks/soak.py --docs 5000 --samples soak.csv

Memory is reported as the sum of VmRSS over the process tree (it counts the pages the
forked workers share with the parent once per process) and as the sum of Pss (shares
them out). "start" is the first sample after the first output line (the model loaded and
the workers running), "end" the last sample before the workers exit. Not part of the test
suite: it takes about a quarter of an hour on two cores. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import calendar
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

GIVEN = [
    "Amara",
    "Bjorn",
    "Chiara",
    "Dmitri",
    "Elif",
    "Farid",
    "Greta",
    "Hiroshi",
    "Imani",
    "Jakub",
    "Keiko",
    "Lorenzo",
    "Maren",
    "Nikos",
    "Olena",
    "Pablo",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Ulla",
    "Vera",
    "Wendell",
    "Ximena",
    "Yara",
    "Zoltan",
]
SURNAMES = [
    "Abara",
    "Bergstrom",
    "Castellano",
    "Dvorak",
    "Eriksen",
    "Ferreira",
    "Gallo",
    "Horvath",
    "Ibsen",
    "Jovanovic",
    "Kimura",
    "Laine",
    "Marsh",
    "Nakamura",
    "Ortega",
    "Pellegrini",
    "Quist",
    "Rahman",
    "Sato",
    "Toivonen",
    "Ueda",
    "Vasquez",
    "Whitfield",
    "Yilmaz",
    "Zeller",
]
PLACES = [
    ("Tartu", "Estonia"),
    ("Bilbao", "Spain"),
    ("Trondheim", "Norway"),
    ("Brno", "Czechia"),
    ("Kumasi", "Ghana"),
    ("Sapporo", "Japan"),
    ("Rosario", "Argentina"),
    ("Aarhus", "Denmark"),
    ("Ghent", "Belgium"),
    ("Plovdiv", "Bulgaria"),
    ("Halifax", "Canada"),
    ("Ballarat", "Australia"),
]
ORGS = [
    "Harborlight Logistics",
    "Redwater Systems",
    "Quillfeather Press",
    "Northgate Dairy",
    "Blue Lantern Theatre",
    "Ironbridge Capital",
    "Meadowlark Foods",
    "Clearpoint Labs",
]
MONTHS = list(calendar.month_name)[1:]  # English: the C locale's
TEMPLATES = [
    "{p}, {age}, was born in {city}, {country}.",
    "{p} moved to {city} in {year} with {pos} {kin}, {q}.",
    "{p} founded {org} in {year}. {Pro} still runs it from {city}.",
    "On {month} {day}, {p} said {org} would hire 40 people in {city} next year.",
    "{q} has worked for {org} since {year} and lives in {city} with {pos} {kin2}.",
    "{org}, based in {city}, named {p} its chief executive last week.",
    "{p} did not attend the meeting in {city} on Tuesday.",
    "{given} '{nick}' {surname} married {q} in {city} in {year}.",
    "{p} studied in {city} before joining {org} in the early 2000s.",
    "The council of {city} approved the budget on {month} {day}, {year}.",
]
KIN = {"her": ("husband", "son", "She"), "his": ("wife", "daughter", "He")}
HOSTILE = [
    "",
    "   \n\t ",
    "Ingrid\x00Solberg was born in Bergen.\x1b[0m",
    "🚢 Elif Laine 🇪🇪 lives in Tartu. 🎉",
    "<p>Sven <b>Ibsen</b> works for Clearpoint Labs.</p>",
    "Rosa Gallo moved to Ghent.\r\nShe likes it.\r\n",
    "\ud800 Vera Marsh was born in Brno.",
]


def _sentence(rng: random.Random) -> str:
    pos = rng.choice(["her", "his"])
    kin, kin2, pro = KIN[pos]
    city, country = rng.choice(PLACES)
    given, surname = rng.choice(GIVEN), rng.choice(SURNAMES)
    return rng.choice(TEMPLATES).format(
        p=f"{given} {surname}",
        q=f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}",
        given=given,
        surname=surname,
        nick=given[:3],
        age=rng.randint(18, 95),
        city=city,
        country=country,
        year=rng.randint(1960, 2023),
        pos=pos,
        kin=kin,
        kin2=kin2,
        Pro=pro,
        org=rng.choice(ORGS),
        month=rng.choice(MONTHS),
        day=rng.randint(1, 28),
    )


def write_input(path: Path, n: int, seed: int) -> list[str | int | None]:
    """``n`` JSONL lines at ``path``; returns the id each output line must carry, in order.
    About one record in 600 is hostile; one in 2,500 is not even a valid record."""
    rng = random.Random(seed)
    ids: list[str | int | None] = []
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            rid = f"doc-{i:06d}" if i % 3 else i  # string and integer ids
            roll = rng.random()
            if roll < 0.0002:
                f.write('{"id": "broken", "text": \n')  # not JSON: an error record with a null id
                ids.append(None)
                continue
            if roll < 0.0004:
                f.write(json.dumps({"id": rid, "text": 42}) + "\n")  # text not a string: an error record
            elif roll < 0.002:
                f.write(json.dumps({"id": rid, "text": rng.choice(HOSTILE)}) + "\n")
            else:
                text = " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
                f.write(json.dumps({"id": rid, "text": text, "reference_date": "2023-05-10"}) + "\n")
            ids.append(rid)
    return ids


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _kb(path: str, key: str) -> int:
    try:
        with open(path, encoding="ascii") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Sample:
    seconds: float
    lines: int
    processes: int
    rss_mb: float
    pss_mb: float


@dataclass
class Watch:
    samples: list[Sample] = field(default_factory=list)

    def take(self, root: int, seconds: float, lines: int) -> None:
        pids = _tree(root)
        rss = sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
        pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
        self.samples.append(Sample(round(seconds, 1), lines, len(pids), round(rss / 1024, 1), round(pss / 1024, 1)))


def _count_lines(path: Path, state: dict[str, int]) -> int:
    """Lines written so far, reading only what was added since the last call."""
    if not path.exists():
        return 0
    with path.open("rb") as f:
        f.seek(state.get("offset", 0))
        chunk = f.read()
    state["offset"] = state.get("offset", 0) + len(chunk)
    state["lines"] = state.get("lines", 0) + chunk.count(b"\n")
    return state["lines"]


def check_output(path: Path, ids: list[str | int | None]) -> dict[str, int]:
    """One output line per input record, in order, with its id; counts of each kind."""
    lines = path.read_bytes().splitlines()
    if len(lines) != len(ids):
        raise SystemExit(f"FAIL: {len(lines)} output lines for {len(ids)} input records")
    errors = 0
    for number, (raw, expected) in enumerate(zip(lines, ids, strict=True), start=1):
        record = json.loads(raw)
        if record.get("id") != expected:
            raise SystemExit(f"FAIL: output line {number} has id {record.get('id')!r}, expected {expected!r}")
        errors += "error" in record
    return {"lines": len(lines), "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=None, help="factx batch's --batch-size (default: its own)")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between memory samples")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--dir", type=Path, default=None, help="keep the input and output here (default: a temp dir)")
    parser.add_argument("--samples", type=Path, default=None, help="write every memory sample to this CSV")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        work = args.dir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        source, output = work / "soak-in.jsonl", work / "soak-out.jsonl"
        output.unlink(missing_ok=True)
        ids = write_input(source, args.docs, args.seed)
        command = [
            sys.executable,
            "-m",
            "factx",
            "batch",
            str(source),
            "-o",
            str(output),
            "--workers",
            str(args.workers),
            "-q",
        ]
        if args.batch_size:
            command += ["--batch-size", str(args.batch_size)]
        print("running:", " ".join(command), file=sys.stderr)
        watch, state = Watch(), {}
        start = time.monotonic()
        proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        while proc.poll() is None:
            watch.take(proc.pid, time.monotonic() - start, _count_lines(output, state))
            time.sleep(args.interval)
        elapsed = time.monotonic() - start
        stderr = proc.stderr.read() if proc.stderr else ""
        if proc.returncode not in (0, 1):  # 1: some records failed, as some must
            raise SystemExit(f"FAIL: factx batch exited {proc.returncode}: {stderr}")
        checked = check_output(output, ids)

    # while every process runs and output is coming: the workers' start and exit aside
    full = max(s.processes for s in watch.samples)
    running = [s for s in watch.samples if s.lines > 0 and s.processes == full] or watch.samples
    first, last = running[0], running[-1]
    peak_rss = max(s.rss_mb for s in running)
    peak_pss = max(s.pss_mb for s in running)
    report = {
        "docs": args.docs,
        "workers": args.workers,
        "seconds": round(elapsed, 1),
        "docs_per_s": round(args.docs / elapsed, 1),
        "output_lines": checked["lines"],
        "error_records": checked["errors"],
        "ids_in_order": True,
        "rss_mb": {"start": first.rss_mb, "peak": peak_rss, "end": last.rss_mb},
        "pss_mb": {"start": first.pss_mb, "peak": peak_pss, "end": last.pss_mb},
        "samples": len(watch.samples),
        "batch_summary": stderr.strip().splitlines()[-1] if stderr.strip() else "",
    }
    # memory at each tenth of the documents: flat, or growing with them?
    report["rss_mb_by_tenth"] = [
        next((s.rss_mb for s in running if s.lines >= args.docs * k / 10), last.rss_mb) for k in range(1, 11)
    ]
    if args.samples:
        with args.samples.open("w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["seconds", "lines", "processes", "rss_mb", "pss_mb"])
            writer.writerows([s.seconds, s.lines, s.processes, s.rss_mb, s.pss_mb] for s in watch.samples)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
