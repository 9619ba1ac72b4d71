"""The exceptions factx raises: one base class, specific subclasses."""

from __future__ import annotations


class FactxError(Exception):
    """Base class of every error factx raises on purpose."""


class ModelNotFoundError(FactxError):
    """The spaCy pipeline named as the model is not installed or not a pipeline."""


class ModelUnsuitableError(FactxError):
    """The spaCy pipeline lacks a component factx needs (NER, a parser)."""


class InputTypeError(FactxError, TypeError):
    """The text given is not a ``str``; also a ``TypeError`` so plain handlers catch it."""


class DocumentTooLargeError(FactxError, ValueError):
    """The text is longer than the extractor's ``max_chars`` cap."""


class InvalidReferenceDateError(FactxError, ValueError):
    """The reference date is not a date or an ISO 8601 date string."""


class SettingsError(FactxError, ValueError):
    """A setting (e.g. in the spaCy component's config) has an unknown name or a bad value."""


class OutputError(FactxError, OSError):
    """An output file cannot be written: a read-only place, a directory, a full disk. The
    message names the user's path (never a temporary file) and the system's reason."""


class SchemaError(FactxError, ValueError):
    """A dict given to ``Extraction.from_dict`` is not a ``factx/1`` extraction: an error
    record, an empty or truncated object, a value of the wrong type. The message says
    where (``facts[2].evidence``) and what is wrong."""
