"""The clusters a merge returns: each one's class, label, name, aliases and the reasons and
explanations of its aliases (steps 6 and 8 of :mod:`factx.aliases`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .forms import CLASS, CLASS_ORDER, DocumentForms, Form
from .names import NameWords, acronym
from .settings import MergeSettings
from .unionfind import UnionFind


@dataclass(frozen=True)
class Cluster:
    """One entity of the document: its name, voted label and member mention indices.

    ``reasons`` names, for each alias, the rule that joined it; ``explanations`` adds the
    name it was joined to and the rule's details (``score`` and ``threshold`` of a fuzzy
    match, the table of a country alias)."""

    name: str
    label: str
    members: tuple[int, ...]
    aliases: tuple[str, ...]
    reasons: Mapping[str, str]
    explanations: Mapping[str, Mapping[str, object]] = field(default_factory=dict)


_DEFAULT_LABEL = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG", "NORP": "NORP", "MISC": "WORK_OF_ART"}
# Labels in the order that breaks ties, like CLASS_ORDER for classes.
_LABEL_ORDER = ("PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE")


def clusters(doc: DocumentForms, joined: UnionFind, settings: MergeSettings, words: NameWords) -> list[Cluster]:
    """One cluster per group of forms ``joined`` holds, sorted by their first member's start."""
    groups: dict[int, list[int]] = {}
    for i in range(len(doc.forms)):
        groups.setdefault(joined.find(i), []).append(i)
    out = []
    for form_ids in groups.values():
        out.append(_cluster(doc, joined, settings, words, form_ids))
    starts = {id(c): min(doc.mentions[i].start for i in c.members) for c in out}
    out.sort(key=lambda c: (starts[id(c)], c.name))
    return out


def _cluster(
    doc: DocumentForms, joined: UnionFind, settings: MergeSettings, words: NameWords, form_ids: list[int]
) -> Cluster:
    forms = [doc.forms[i] for i in form_ids]
    # Demonyms describe the place they joined: their NORP votes do not make it a NORP.
    has_place = len(forms) > 1 and any(f.cls != "NORP" for f in forms)
    label_votes: Counter[str] = Counter()
    cls_votes: defaultdict[str, float] = defaultdict(float)
    for f in forms:
        for label, n in f.labels.items():
            if not (label == "NORP" and has_place):
                if f.head and label == "PERSON":
                    label = _DEFAULT_LABEL[f.head]
                label_votes[label] += n
                cls_votes[CLASS.get(label, "MISC")] += n
    if any(f.person_evidence for f in forms):
        cls_votes["PER"] += settings.person_evidence_weight
    cls = max(CLASS_ORDER, key=lambda c: (cls_votes[c], -CLASS_ORDER.index(c)))
    if any(f.full for f in forms):
        # Only person rules join other forms to a full person name, so a cluster that
        # holds one is a person however its bare surname was tagged.
        cls = "PER"
    in_class = [lab for lab in label_votes if CLASS.get(lab, "MISC") == cls]
    label = max(in_class, key=lambda lab: (label_votes[lab], -_label_rank(lab)), default=_DEFAULT_LABEL[cls])
    name_form = _name_form(forms, cls, words.dim)
    country = next((f.country for f in forms if f.country), None)
    name = country if country and name_form.country else name_form.name_text
    if name.startswith("the "):
        name = name[4:]
    members = tuple(sorted(i for f in forms for i in f.members))
    root = doc.index[name_form.key]
    links = _reasons(joined.edges, form_ids, root)
    surface: dict[str, str] = {}
    explained: dict[str, dict[str, object]] = {}
    for f in sorted(forms, key=lambda f: f.first):
        i = doc.index[f.key]
        why, via, details = links[i]
        for t in f.texts:
            if t in surface:
                continue
            surface[t] = why
            if i == root and country and name != t:
                # the cluster is named by the country table, not by one of its mentions
                explained[t] = {"rule": "country alias", "joined": name, "table": "country_aliases.tsv"}
            elif i == root:
                # the naming form's own spellings; a quoted nickname's full text reads as its name
                explained[t] = {
                    "rule": "quoted nickname" if f.alt_texts and t != f.name_text else "exact",
                    "joined": name,
                }
            else:
                explained[t] = {"rule": _rule_name(why), "joined": doc.forms[via].name_text, **details}
        for t in f.alt_texts:
            if t not in surface:
                surface[t] = "quoted nickname"
                explained[t] = {"rule": "quoted nickname", "joined": f.texts[0]}
    aliases = tuple(t for t in surface if t != name)
    return Cluster(
        name=name,
        label=label,
        members=members,
        aliases=aliases,
        reasons=MappingProxyType({t: surface[t] for t in aliases}),
        explanations=MappingProxyType({t: explained[t] for t in aliases}),
    )


def _name_form(forms: list[Form], cls: str, dim: Mapping[str, frozenset[str]]) -> Form:
    if any(f.country for f in forms):
        pool = [f for f in forms if f.country]
    else:
        pool = [f for f in forms if f.cls == cls] or forms
    if len(pool) == 1:  # most clusters have one form: nothing to rank
        return pool[0]
    firsts = {f.tokens[0] for f in pool if f.tokens}

    def is_diminutive(f: Form) -> bool:
        # "Maks Ivanov" does not name the cluster when "Maksim Ivanov" is in it.
        return bool(f.tokens) and bool(dim.get(f.tokens[0], frozenset()) & firsts)

    return max(
        pool,
        key=lambda f: (len(f.tokens), not _is_acronym_form(f), not is_diminutive(f), len(f.members), -f.first, f.key),
    )


def _reasons(
    edges: list[tuple[int, int, str, dict[str, object]]], form_ids: Iterable[int], root: int
) -> dict[int, tuple[str, int, dict[str, object]]]:
    """Form -> (the rule that joined it, the form it was joined to, the rule's details),
    along the links from the naming form ``root``."""
    ids = set(form_ids)
    if len(ids) == 1:  # a cluster of one form joined nothing
        return {root: ("exact", root, {})}
    adj: dict[int, list[tuple[int, str, int]]] = {i: [] for i in ids}
    for k, (a, b, why, _details) in enumerate(edges):
        if a in ids and b in ids:
            adj[a].append((b, why, k))
            adj[b].append((a, why, k))
    reasons: dict[int, tuple[str, int, dict[str, object]]] = {root: ("exact", root, {})}
    queue = [root]
    while queue:
        cur = queue.pop(0)
        for nxt, why, k in sorted(adj[cur]):
            if nxt not in reasons:
                reasons[nxt] = (why, cur, edges[k][3])
                queue.append(nxt)
    return reasons


def _label_rank(label: str) -> int:
    return _LABEL_ORDER.index(label) if label in _LABEL_ORDER else len(_LABEL_ORDER)


def _is_acronym_form(f: Form) -> bool:
    return any(acronym(t) for t in f.texts)


def _rule_name(why: str) -> str:
    return "fuzzy" if why.startswith("fuzzy") else why
