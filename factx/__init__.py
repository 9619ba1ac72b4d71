"""factx: English text to entities, normalized dates and facts, offline on a CPU.

>>> import factx
>>> result = factx.extract("Ada Lovelace was born in London.")   # doctest: +SKIP
>>> result.to_dict()["schema"]                                      # doctest: +SKIP
'factx/1'
"""

from __future__ import annotations

from .aliases import MergeSettings
from .api import Extractor, extract
from .dates import DateSettings
from .errors import (
    DocumentTooLargeError,
    FactxError,
    InputTypeError,
    InvalidReferenceDateError,
    ModelNotFoundError,
    ModelUnsuitableError,
    OutputError,
    SchemaError,
    SettingsError,
)
from .relations import FactSettings, PatternError, Relation
from .types import SCHEMA, DateMention, Entity, Extraction, Fact, FactObject, Mention, Span, TimeValue

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "DateMention",
    "DateSettings",
    "DocumentTooLargeError",
    "Entity",
    "Extraction",
    "Extractor",
    "Fact",
    "FactSettings",
    "FactObject",
    "FactxError",
    "InputTypeError",
    "InvalidReferenceDateError",
    "Mention",
    "MergeSettings",
    "ModelNotFoundError",
    "ModelUnsuitableError",
    "OutputError",
    "PatternError",
    "Relation",
    "SchemaError",
    "SettingsError",
    "Span",
    "TimeValue",
    "__version__",
    "extract",
]
