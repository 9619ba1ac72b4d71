"""Speed of factx against the bare spaCy parse, on the same texts in one run.

    python benchmarks/speed.py [--limit 500] [--processes 2] [--model NAME]

Texts: the Re-DocRED dev abstracts in ../shared/data/redocred (or --texts FILE, one JSON
object per line with "text"). Reports words/s of bare ``nlp.pipe``, of factx with one
process, the time of factx's layers after the parse against the parse itself (all of them,
and the fact layer alone: pronouns, relation patterns and facts), factx with several
processes, and peak memory. Each figure is the best of ``--repeat`` runs, taken alternately;
the ``_cpu_time`` ratios use the process's CPU time, which other load on the machine
changes less than the wall-clock time.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path

import factx
import factx.pipeline
from factx.relations import EntityIndex
from factx.relations.layer import FactLayer

ROOT = Path(__file__).resolve().parent.parent
REDOCRED = ROOT.parent / "shared" / "data" / "redocred" / "dev_revised.json"


def load_texts(args: argparse.Namespace) -> list[str]:
    if args.texts:
        return [json.loads(line)["text"] for line in Path(args.texts).read_text().splitlines() if line.strip()]
    sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))
    import score  # the scorer's detokenizer: the same texts the acceptance figures use

    docs = json.loads(REDOCRED.read_text())[: args.limit]
    return [score.detokenize(d["sents"])[0] for d in docs]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--texts")
    ap.add_argument("--model")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs for each figure")
    args = ap.parse_args()

    texts = load_texts(args)
    extractor = factx.Extractor(args.model)
    nlp = extractor.nlp
    words = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    list(extractor.pipe(texts[:20]))  # warm up: model, patterns, tables, caches

    cpu: list[float] = []

    def best(*fns):  # best of N for each, run alternately so that load on the machine hits all alike
        times = [[] for _ in fns]
        cpu_times = [[] for _ in fns]
        for _ in range(args.repeat):
            for fn, out, out_cpu in zip(fns, times, cpu_times, strict=True):
                t, c = time.perf_counter(), time.process_time()
                fn()
                out.append(time.perf_counter() - t)
                out_cpu.append(time.process_time() - c)
        cpu[:] = [min(c) for c in cpu_times]  # CPU time: what other processes on the machine do not change
        return [min(t) for t in times]

    # The fact layer alone (pronouns, descriptions, relation patterns, facts), timed inside
    # the post-parse run by wrapping its entry points.
    fact_layer = [0.0]

    def timed(fn):
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                fact_layer[0] += time.perf_counter() - t

        return run

    parsed = list(nlp.pipe((extractor._make_doc(t) for t in texts), batch_size=args.batch_size))

    def layers() -> None:
        fact_layer[0] = 0.0
        [extractor.extract_doc(d) for d in parsed]
        fact_times.append(fact_layer[0])

    fact_times: list[float] = []
    FactLayer.__call__ = timed(FactLayer.__call__)
    EntityIndex.find_descriptions = timed(EntityIndex.find_descriptions)
    EntityIndex.resolve_pronouns = timed(EntityIndex.resolve_pronouns)
    spacy_s, factx_s, layers_s = best(
        lambda: list(nlp.pipe(texts, batch_size=args.batch_size)),
        lambda: list(extractor.pipe(texts, batch_size=args.batch_size)),
        layers,
    )
    spacy_cpu, factx_cpu, layers_cpu = cpu
    (multi_s,) = best(lambda: list(extractor.pipe(texts, batch_size=args.batch_size, n_process=args.processes)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "python": platform.python_version(),
        "model": factx.pipeline.model_name(nlp),
        "documents": len(texts),
        "words": words,
        "spacy_words_per_s": round(words / spacy_s),
        "factx_words_per_s": round(words / factx_s),
        "factx_over_spacy": round(spacy_s / factx_s, 3),
        "factx_over_spacy_cpu_time": round(spacy_cpu / factx_cpu, 3),
        "layers_after_parse_over_parse": round(layers_s / spacy_s, 3),
        "layers_after_parse_over_parse_cpu_time": round(layers_cpu / spacy_cpu, 3),
        "fact_layer_over_parse": round(min(fact_times) / spacy_s, 3),
        f"factx_{args.processes}_processes_words_per_s": round(words / multi_s),
        f"speedup_{args.processes}_processes": round(factx_s / multi_s, 2),
        "peak_rss_mb": round(peak_mb),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
