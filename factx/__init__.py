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
    BatchAborted,
    DocumentTooLargeError,
    ExportError,
    FactxError,
    InputTypeError,
    InvalidReferenceDateError,
    ModelNotFoundError,
    ModelUnsuitableError,
    OutputError,
    PatternError,
    RenderError,
    ResumeError,
    SchemaError,
    SettingsError,
    SparkInputError,
    UnsupportedPatternError,
)
from .relations import FactSettings, Relation
from .types import (
    SCHEMA,
    DateMention,
    Document,
    Entity,
    Extraction,
    Fact,
    FactObject,
    Failure,
    Mention,
    Span,
    TimeValue,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "BatchAborted",
    "DateMention",
    "DateSettings",
    "Document",
    "DocumentTooLargeError",
    "Entity",
    "ExportError",
    "Extraction",
    "Extractor",
    "Fact",
    "FactObject",
    "FactSettings",
    "FactxError",
    "Failure",
    "InputTypeError",
    "InvalidReferenceDateError",
    "Mention",
    "MergeSettings",
    "ModelNotFoundError",
    "ModelUnsuitableError",
    "OutputError",
    "PatternError",
    "Relation",
    "RenderError",
    "ResumeError",
    "SchemaError",
    "SettingsError",
    "Span",
    "SparkInputError",
    "TimeValue",
    "UnsupportedPatternError",
    "__version__",
    "extract",
]
