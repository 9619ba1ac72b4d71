"""What you set for merging: the thresholds and switches of :class:`MergeSettings`, and the
``never_merge`` / ``always_merge`` name pairs read from groups of names or from a file."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factx.errors import SettingsError

from .names import form_key


@dataclass(frozen=True, kw_only=True)
class MergeSettings:
    """Every threshold and switch of :func:`~factx.aliases.merge`; see the docstring of
    :mod:`factx.aliases`."""

    fuzzy_threshold: float = 88.0
    fuzzy_short_threshold: float = 90.0
    fuzzy_long_length: int = 10
    fuzzy_min_length: int = 5
    fuzzy_same_initial: bool = True
    acronym_min_length: int = 2
    acronym_max_length: int = 8
    person_evidence_weight: float = 0.5
    surname_evidence_weight: float = 1.0
    person_evidence_max_tokens: int = 4
    min_person_votes_for_place: int = 1
    weak_label_max_mentions: int = 1
    person_confusable: frozenset[str] = frozenset({"ORG", "MISC"})
    strict_labels: bool = False
    merge_demonyms: bool = False
    merge_plurals: bool = True
    surname_any_label: bool = True
    merge_org_short_forms: bool = True
    merge_head_references: bool = True
    never_merge: frozenset[frozenset[str] | tuple[str, str]] = field(default_factory=frozenset)
    always_merge: frozenset[frozenset[str] | tuple[str, str]] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        for name in ("fuzzy_threshold", "fuzzy_short_threshold"):
            if not 0.0 <= getattr(self, name) <= 100.0:
                raise SettingsError(f"{name} is {getattr(self, name)!r}: a rapidfuzz score between 0 and 100")
        if not 1 <= self.acronym_min_length <= self.acronym_max_length:
            raise SettingsError("acronym_min_length must be at least 1 and at most acronym_max_length")
        for name in (
            "fuzzy_long_length",
            "person_evidence_max_tokens",
            "min_person_votes_for_place",
            "weak_label_max_mentions",
        ):
            if getattr(self, name) < 0:
                raise SettingsError(f"{name} is {getattr(self, name)!r}: it must not be negative")
        keyed: dict[str, set[frozenset[str]]] = {}
        for kind in ("never_merge", "always_merge"):
            keyed[kind] = set()
            for pair in getattr(self, kind):
                names = list(pair)
                if len(names) != 2 or not all(isinstance(n, str) and n.strip() for n in names):
                    raise SettingsError(f"{kind} holds pairs of two names, not {pair!r}")
                keys = frozenset(form_key(n) for n in names)
                if len(keys) != 2:
                    raise SettingsError(
                        f"{kind} pair {sorted(names)} names one form: factx reads "
                        f"{names[0]!r} and {names[1]!r} as the same name"
                    )
                keyed[kind].add(keys)
        both = keyed["never_merge"] & keyed["always_merge"]
        if both:
            raise SettingsError(f"the pair {sorted(next(iter(both)))} is both in never_merge and in always_merge")


def read_name_pairs(path: str | os.PathLike[str], *, kind: str) -> frozenset[tuple[str, str]]:
    """The name pairs of a ``never_merge`` or ``always_merge`` file (``kind``: "never" or
    "always").

    A ``.json`` file holds a list of groups, each a list of two or more names; any other
    file is TSV, one group a line, names separated by tabs, ``#`` comments and blank lines
    skipped. A never group keeps every two of its names apart; an always group makes its
    names one entity. Errors (``SettingsError``) name the file and line (or group)."""
    if kind not in {"never", "always"}:
        raise ValueError(f"kind is 'never' or 'always', not {kind!r}")
    where = os.fspath(path)
    try:
        text = Path(where).read_text(encoding="utf-8")
    except OSError as e:
        raise SettingsError(f"cannot read the {kind}-merge file {where}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise SettingsError(
            f"the {kind}-merge file {where} is not UTF-8 text (byte {e.start}: {e.reason}): save it as UTF-8"
        ) from None
    groups: list[tuple[str, list[str]]] = []
    if where.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SettingsError(f"{where}:{e.lineno}: not valid JSON: {e.msg}") from None
        if not isinstance(data, list):
            raise SettingsError(f'{where}: a list of name groups, e.g. [["Jon Barr", "Jo Barr"]]')
        groups = [(f"{where}: group {n}", g) for n, g in enumerate(data, 1)]
    else:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                groups.append((f"{where}:{number}", [n.strip() for n in line.split("\t") if n.strip()]))
    return name_pairs([g for _, g in groups], kind=kind, where=[at for at, _ in groups])


def name_pairs(
    groups: Iterable[Sequence[str]], *, kind: str, where: Sequence[str] | None = None
) -> frozenset[tuple[str, str]]:
    """The pairs of name groups: every two names of a ``never`` group, each name of an
    ``always`` group with its first; ``where`` names each group in errors."""
    pairs: set[tuple[str, str]] = set()
    for n, group in enumerate(groups):
        at = where[n] if where is not None else f"{kind}_merge group {n + 1}"
        if (
            isinstance(group, str)
            or not isinstance(group, (list, tuple, set, frozenset))
            or len(group) < 2
            or not all(isinstance(x, str) and x.strip() for x in group)
        ):
            raise SettingsError(f"{at}: a group of two or more names (separated by tabs in TSV), not {group!r}")
        names = sorted(group) if isinstance(group, (set, frozenset)) else list(group)
        if len({form_key(x) for x in names}) != len(names):
            raise SettingsError(f"{at}: two names of the group read as the same name: {names!r}")
        if kind == "always":
            pairs.update((names[0], other) for other in names[1:])
        else:
            pairs.update((a, b) for k, a in enumerate(names) for b in names[k + 1 :])
    return frozenset(pairs)
