"""The fact layer: relation patterns (data in ``models/patterns/*.jsonl``) compiled to spaCy's
``DependencyMatcher``, arguments resolved to entities, qualifiers and deduplication."""

from __future__ import annotations

from .custom import Relation
from .layer import FactLayer, FactSettings
from .patterns import Pattern, PatternError, inventory, load_patterns
from .resolve import EntityIndex

__all__ = [
    "EntityIndex",
    "FactLayer",
    "FactSettings",
    "Pattern",
    "PatternError",
    "Relation",
    "inventory",
    "load_patterns",
]
