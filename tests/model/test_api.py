"""The public API on the default model."""

from __future__ import annotations

import datetime as dt

import pytest

import factx

pytestmark = pytest.mark.model

STORY = (
    "Harbour pilot Ngozi Adeyemi, 47, was born in Ibadan, Nigeria.\n\n"
    "Adeyemi moved to Canada in 2003 and settled in Halifax.\r\n"
    "On March 3 she told the \u201cChronicle Herald\u201d that she would retire in early June \U0001f6a2."
)


def _all_spans(result: factx.Extraction):
    for e in result.entities:
        yield from ((m.start, m.end, m.text) for m in e.mentions)
    yield from ((d.start, d.end, d.text) for d in result.dates)


def test_api_offsets_are_exact(extractor):
    result = extractor(STORY, reference_date="2023-04-20")
    spans = list(_all_spans(result))
    assert len(spans) > 10, spans  # the story's names, dates and facts
    for start, end, text in spans:
        assert STORY[start:end] == text


def test_api_no_entity_crosses_a_line_break(extractor):
    result = extractor("Protesters marched in Nigeria\n\nAdeyemi, 47, watched.\nCaption Halifax")
    for _, _, text in _all_spans(result):
        assert "\n" not in text and "\r" not in text


def test_api_age_is_not_a_date(extractor):
    result = extractor("Adeyemi, 47, was born in Ibadan.")
    assert "47" not in [d.text for d in result.dates]


def test_api_relative_dates_need_a_reference_date(extractor):
    with_ref = {d.text: d.value for d in extractor(STORY, reference_date=dt.date(2023, 4, 20)).dates}
    without = {d.text: d.value for d in extractor(STORY).dates}
    assert with_ref.get("March 3") == "2023-03-03"
    assert without.get("March 3", "missing") is None
    assert with_ref.get("2003") == without.get("2003") == "2003"


def test_api_surname_joins_the_full_name(extractor):
    result = extractor(STORY)
    people = [e for e in result.entities if "Adeyemi" in e.name]
    assert len(people) == 1
    assert people[0].name == "Ngozi Adeyemi"
    assert "Adeyemi" in people[0].aliases


def test_api_empty_and_blank_text_give_empty_results(extractor):
    for text in ("", "   \n\t "):
        assert extractor(text).to_dict() == {"schema": "factx/1", "entities": [], "dates": [], "facts": []}


@pytest.mark.parametrize("bad", [b"bytes", None, 42, ["a list"]])
def test_api_non_string_input_is_refused_clearly(extractor, bad):
    with pytest.raises(TypeError, match="factx extracts from str") as info:
        extractor(bad)
    assert isinstance(info.value, factx.FactxError)


def test_api_bytes_error_says_to_decode(extractor):
    with pytest.raises(factx.InputTypeError, match="decode"):
        extractor(b"text")


@pytest.mark.parametrize("bad", ["yesterday", "2023-13-45", 20230420])
def test_api_bad_reference_date(extractor, bad):
    with pytest.raises(factx.InvalidReferenceDateError):
        extractor("Text.", reference_date=bad)


def test_api_reference_date_forms_agree(extractor):
    forms = ["2023-04-20", "20230420", "2023-04-20T08:15:00", dt.date(2023, 4, 20), dt.datetime(2023, 4, 20, 9)]
    values = {tuple(d.value for d in extractor(STORY, reference_date=f).dates) for f in forms}
    assert len(values) == 1


def test_api_extract_uses_one_cached_extractor():
    a = factx.extract(STORY, reference_date="2023-04-20")
    b = factx.extract(STORY, reference_date="2023-04-20")
    assert a == b
    assert a.to_dict() == b.to_dict()


def test_api_pipe_matches_single_calls_in_order(extractor):
    texts = [STORY, "", "Ibadan is in Nigeria.", "Halifax, Nova Scotia, is a port."] * 3
    piped = list(extractor.pipe(texts, reference_date="2023-04-20", batch_size=4))
    assert piped == [extractor(t, reference_date="2023-04-20") for t in texts]


def test_api_pipe_with_two_processes_matches_one(extractor):
    texts = [f"{STORY} Story {i}." for i in range(6)]
    one = list(extractor.pipe(texts, batch_size=2))
    two = list(extractor.pipe(texts, batch_size=2, n_process=2))
    assert one == two


def test_api_pipe_rejects_a_non_string_item(extractor):
    with pytest.raises(factx.InputTypeError):
        list(extractor.pipe(["fine", b"not fine"]))


def test_api_pipe_document_carries_its_reference_date_and_id(extractor):
    text = "Ibadan is in Nigeria. On March 3 the port reopened."
    piped = list(
        extractor.pipe([factx.Document(text, reference_date="2023-04-20", id="d1"), text], reference_date="2021-01-01")
    )
    assert piped == [
        extractor(text, reference_date="2023-04-20", id="d1"),
        extractor(text, reference_date="2021-01-01"),
    ]
    assert piped[0].id == "d1" and piped[1].id is None


def test_api_pipe_as_tuples_gives_each_result_its_context(extractor):
    texts = ["Ibadan is in Nigeria.", "", "Halifax, Nova Scotia, is a port."]
    pairs = list(extractor.pipe(((t, {"n": i}) for i, t in enumerate(texts)), as_tuples=True, batch_size=2))
    assert [c for _, c in pairs] == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert [r for r, _ in pairs] == list(extractor.pipe(texts))


def test_api_pipe_errors_return_a_failure_in_place_of_each_result(extractor):
    capped = factx.Extractor(extractor.nlp, max_chars=40)
    items = ["Ibadan is in Nigeria.", b"bytes", "x" * 41, factx.Document("Halifax.", reference_date="soon", id="d"), ""]
    for n_process in (1, 2):
        got = list(capped.pipe(items, errors="return", batch_size=2, n_process=n_process))
        assert [type(r).__name__ for r in got] == ["Extraction", "Failure", "Failure", "Failure", "Extraction"]
        assert [r.type for r in got if isinstance(r, factx.Failure)] == [
            "InputTypeError",
            "DocumentTooLargeError",
            "InvalidReferenceDateError",
        ]
        assert got[3].id == "d" and "soon" in got[3].message
        assert got[0] == capped(items[0])


def test_api_pipe_errors_return_keeps_contexts_in_order(extractor):
    items = [("Ibadan is in Nigeria.", "a"), (None, "b"), ("Halifax is a port.", "c")]
    got = list(extractor.pipe(items, as_tuples=True, errors="return"))
    assert [c for _, c in got] == ["a", "b", "c"]
    assert isinstance(got[1][0], factx.Failure) and got[1][0].type == "InputTypeError"


def test_api_pipe_errors_must_be_raise_or_return(extractor):
    with pytest.raises(factx.SettingsError, match="'ignore'"):
        list(extractor.pipe(["text"], errors="ignore"))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Harbour Lights is a 1998 song by the Dunmore Players.", "Harbour Lights"),
        ("The Salt Road is a British film about sailors.", "Salt Road"),
    ],
)
def test_api_subject_of_a_work_noun_is_a_work(extractor, text, title):
    works = {e.name for e in extractor(text).entities if e.label == "WORK_OF_ART"}
    assert title in works


def test_api_ordinary_copula_subject_is_not_a_work(extractor):
    result = extractor("Ngozi Adeyemi is a pilot.")
    assert [e.name for e in result.entities if e.label == "WORK_OF_ART"] == []


def test_api_text_longer_than_the_model_limit_is_chunked(extractor):
    paragraph = "Anna Kowalski moved to Denmark in 1990. She lives in Aarhus.\n\n"
    text = paragraph * 40 + "x" * 1500 + " end."
    nlp = extractor.nlp
    saved = nlp.max_length
    nlp.max_length = 1000
    try:
        result = extractor(text)
        piped = next(extractor.pipe([text]))
    finally:
        nlp.max_length = saved
    assert len(text) > 1000
    assert result == piped
    spans = list(_all_spans(result))
    assert [(a, b, t) for a, b, t in spans if text[a:b] != t] == []
    person = next(e for e in result.entities if e.name == "Anna Kowalski")
    assert len([m for m in person.mentions if m.kind is None]) == 40
    assert "moved_to" in {f.relation for f in result.facts}
