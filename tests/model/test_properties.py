"""Properties over arbitrary text (issue 6): extract never raises on a str, every offset
gives its text, facts point at entities that exist, results survive JSON, and the output
is deterministic: the same across calls, batches, worker processes and interpreter runs.

Hypothesis runs under the profile of tests/conftest.py: "ci" (the default) draws the same
examples on every run; FACTX_HYPOTHESIS_PROFILE=fuzz draws 20x as many fresh ones.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from contract import check
from hypothesis import given, settings
from hypothesis import strategies as st

import factx
from factx import batch

pytestmark = [pytest.mark.model, pytest.mark.slow]  # hundreds of texts, fresh interpreters

REF = "2020-01-01"


def examples(n: int) -> int:
    """``n`` examples under the "ci" profile, more under "fuzz" (see tests/conftest.py)."""
    return max(1, n * settings.default.max_examples // 100)


WORDS = st.sampled_from(
    [
        "Anna",
        "Berg",
        "Oslo",
        "Norway",
        "born",
        "in",
        "his",
        "wife",
        "'Kolya'",
        "(1950 –",
        "2001)",
        ",",
        ".",
        "\n\n",
        "\r\n",
        "she",
        "it",
        "the",
        "album",
        "of",
        "lives",
        "42",
        "March",
        "3",
        "U.S.",
        "NATO",
        "–",
        "“",
        "”",
        "not",
        "never",
        "Inc.",
        "\u202e",
        "\x00",
        "🚢",
        "Ωμέγα",
        "東京",
        "é",
        "\ud800",
        "\udfff",
        "\ufeff",
        "\u200b",
        "<b>",
        "</p>",
        "&amp;",
        "\x1b[0m",
        "'s",
        "\u2028",
        "👩‍👩‍👧",
        "ً",
        "שלום",
        "\t",
        "married",
        "founded",
        "1990s",
    ]
)
SENTENCES = [
    "Ingrid Solberg, 51, was born in Bergen, Norway.",
    "She moved to Oslo in 2001 with her husband, Lars Eide.",
    "Lars Eide founded Nordlys in 1999 and lives in Tromsø.",
    "On March 3, the Tromsø council said it would meet next week.",
]


def _noisy(sentences: list[str], noise: list[tuple[int, str]]) -> str:
    """Sentences with noise (any characters) inserted at the given places."""
    text = " ".join(sentences)
    for at, junk in sorted(noise, reverse=True):
        at %= len(text) + 1
        text = text[:at] + junk + text[at:]
    return text


ANY_CHAR = st.characters(exclude_categories=())  # surrogates, controls, unassigned: every str
TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=ANY_CHAR, max_size=200),
    st.lists(WORDS, max_size=60).map(" ".join),
    st.lists(WORDS, max_size=60).map("".join),
    st.builds(
        _noisy,
        st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4),
        st.lists(st.tuples(st.integers(0, 400), st.text(alphabet=ANY_CHAR, max_size=3)), max_size=8),
    ),
)


@settings(max_examples=examples(500))
@given(TEXTS)
def test_properties_any_text_extracts_with_exact_offsets(extractor, text):
    result = extractor(text, reference_date=REF)
    check(text, result)
    assert extractor(text, reference_date=REF) == result  # deterministic
    # JSON (ASCII-escaped, as factx batch writes a lone surrogate) reads back the same
    assert factx.Extraction.from_dict(json.loads(json.dumps(result.to_dict()))) == result


@settings(max_examples=examples(50))
@given(st.lists(TEXTS, max_size=6))
def test_properties_pipe_equals_single_calls(extractor, texts):
    assert list(extractor.pipe(texts, batch_size=2)) == [extractor(t) for t in texts]


DETERMINISM_TEXTS = [
    SENTENCES[0] + " " + SENTENCES[1],
    " ".join(SENTENCES) * 3,
    "Lars Eide\x00 married Ingrid Solberg\ud800 in Bergen on June 5, 1998. 🎉",
    "שלום " + SENTENCES[2] + "\r\n\r\n" + SENTENCES[3],
    "",
    "Tomasz Novak, the founder of Copperline Energy, was born in Gdansk. His wife, Hana Tanaka, lives in Osaka.",
]


def test_properties_deterministic_across_processes_and_runs(extractor, tmp_path):
    """The same texts give the same results in one process, in two worker processes, and in
    fresh interpreters with different hash seeds (set and dict orders must not leak out)."""
    one = list(extractor.pipe(DETERMINISM_TEXTS, reference_date=REF, batch_size=2))
    two = list(extractor.pipe(DETERMINISM_TEXTS, reference_date=REF, batch_size=2, n_process=2))
    assert two == one
    expected = b"".join(batch.success_line(i, r) for i, r in enumerate(one))
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(DETERMINISM_TEXTS)), encoding="utf-8"
    )
    for seed in ("1", "2"):
        run = subprocess.run(
            [sys.executable, "-m", "factx", "batch", str(source), "--reference-date", REF, "-q"],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=300,
        )
        assert run.stdout == expected, f"PYTHONHASHSEED={seed}"


NO_NETWORK = textwrap.dedent(
    """
    import json, socket, sys

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:200])
        raise OSError("network access is disabled in this test")

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        setattr(socket.socket, name, refuse)
    socket.create_connection = socket.getaddrinfo = socket.gethostbyname = refuse

    import factx  # model, tables and dateparser all load with the network refused
    from factx import batch
    import io

    text = "Ingrid Solberg, 51, moved to Bergen, Norway, last week. She founded Nordlys in 2001."
    one = factx.extract(text, reference_date="2021-05-05")
    piped = list(factx.Extractor().pipe([text, "Oslo is in Norway."], reference_date="2021-05-05"))
    out = io.BytesIO()
    batch.run([batch.Record(id=1, text=text)], out)
    print(json.dumps({"attempts": attempts, "entities": len(one.entities), "dates": len(one.dates),
                      "facts": len(one.facts), "piped": len(piped), "batch": out.getvalue().count(b"\\n")}))
    """
)


def test_properties_no_network_at_run_time():
    """A fresh interpreter with every socket connection and name lookup refused (and
    recorded) loads the model and extracts through extract, pipe and batch."""
    run = subprocess.run([sys.executable, "-c", NO_NETWORK], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["attempts"] == []
    assert report["entities"] and report["dates"] and report["facts"]
    assert (report["piped"], report["batch"]) == (2, 1)


def test_properties_no_network_in_process(extractor, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("factx tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = extractor("Ingrid Solberg, 51, moved to Bergen, Norway, last week.", reference_date="2021-05-05")
    assert result.entities and result.dates
    assert len(list(extractor.pipe(["Oslo is in Norway.", "Bergen is in Norway."]))) == 2
