"""The exceptions factx raises: one base class, specific subclasses.

Every exception factx raises on purpose is a ``FactxError``; a subclass that is also a
built-in exception (``TypeError``, ``ValueError``, ``OSError``) is caught by plain handlers
of that kind too. The modules that raise them import them from here (and re-export them,
so that ``factx.batch.ResumeError`` and the like keep working)::

    FactxError
    ├── ModelNotFoundError          the model is not installed, or not a pipeline
    ├── ModelUnsuitableError        the pipeline has no parser or no NER
    ├── InputTypeError              (also TypeError) the text is not a str
    ├── DocumentTooLargeError       (also ValueError) the text is over max_chars
    ├── InvalidReferenceDateError   (also ValueError) not a date or an ISO 8601 string
    ├── SettingsError               (also ValueError) a setting's name or value
    ├── SchemaError                 (also ValueError) a dict that is not a factx/1 extraction
    ├── OutputError                 (also OSError) an output file cannot be written
    ├── PatternError                a relation pattern file or pattern is invalid
    ├── UnsupportedPatternError     a pattern needs what the indexed matcher lacks
    ├── ExportError                 an export format, its package, or a text that does not fit
    ├── RenderError                 an extraction that does not fit the text it is shown with
    ├── SparkInputError             (also ValueError) a DataFrame or option of the Spark adapter
    ├── ResumeError                 factx batch --resume: the output is not this input's
    └── BatchAborted                factx batch stopped early, e.g. a worker process died
"""

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


class SchemaError(FactxError, ValueError):
    """A dict given to ``Extraction.from_dict`` is not a ``factx/1`` extraction: an error
    record, an empty or truncated object, a value of the wrong type. The message says
    where (``facts[2].evidence``) and what is wrong."""


class OutputError(FactxError, OSError):
    """An output file cannot be written: a read-only place, a directory, a full disk. The
    message names the user's path (never a temporary file) and the system's reason."""


class PatternError(FactxError):
    """A pattern file or pattern is invalid; the message names the file and line."""


class UnsupportedPatternError(FactxError):
    """A pattern uses a DependencyMatcher feature this matcher does not implement."""


class ExportError(FactxError):
    """An export cannot be written: an unknown format, a missing optional package, a text
    that does not match its record."""


class RenderError(FactxError):
    """The extraction does not fit the text it is rendered with."""


class SparkInputError(FactxError, ValueError):
    """A DataFrame or an option given to the Spark adapter cannot be used as it is."""


class ResumeError(FactxError):
    """The output to resume was not written from this input (or is not factx batch output)."""


class BatchAborted(FactxError):
    """The run stopped before its end for a reason that is not one record's, e.g. a worker died."""
