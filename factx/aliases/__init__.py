"""Merge the name mentions of one document into entities.

``merge(mentions)`` takes the cleaned named-entity mentions of one document and returns
one :class:`Cluster` per real-world entity: spelling variants, short forms, nicknames,
acronyms, country aliases and demonyms of one entity end up together, each with the reason
why it joined. The package is pure Python (plus rapidfuzz and the data tables of
:mod:`factx.tables`); it never imports spaCy.

How merging decides
===================

1. **Forms.** Mentions are grouped by a normalized *form key*: Unicode NFKC, case-folded,
   accents removed, periods, quote marks, a possessive ``'s`` and a leading "the" dropped,
   other punctuation turned into spaces. "The Beatles", "Beatles'", "U.S." / "US" and
   "Durán" / "Duran" each share one key; all later rules compare distinct forms, never
   all pairs of mentions, so a document with hundreds of mentions stays fast.
   A quoted nickname inside a name (``Aleksandr 'Sasha' Ivanov``, also with curly or double
   quotes) gives the form the extra keys "Aleksandr Ivanov" and "Sasha Ivanov" and the
   nickname "Sasha" as a given name of that person. A name followed by its acronym in
   parentheses ("Baltic Marine Research Council (BMRC)", also with the closing parenthesis
   cut off) is the form of the name, with the acronym as an extra key; only when the
   letters are the name's initials (see ``acronym``), so "Jane Roe (Progress Party)" stays
   one odd form.

2. **Class of a form.** Each form gets a coarse class by majority of its mentions' NER
   labels: PER (PERSON), LOC (GPE, LOC, FAC), ORG, NORP, MISC (the rest); ties go to the
   first of that list. A form of two to ``person_evidence_max_tokens`` tokens whose first
   token is a known given name (diminutive table) and which holds no function word,
   designator or company suffix gets ``person_evidence_weight`` extra PER votes, and
   ``surname_evidence_weight`` more when its last token also stands alone in the document
   tagged mostly PERSON: "Anna Kowalska" tagged ORG twice and PERSON once, with "Kowalska"
   tagged PERSON elsewhere, is a person; "Washington State Senate" tagged ORG stays an ORG.
   A form of two or more words whose last word is a head noun of an institution or
   facility (``org_head``, ``facility_head``, ``org_suffix`` and ``place_designator`` of
   ``models/name_affixes.tsv``: "University", "Records", "Airport", "Palace",
   "Municipality"), or whose first word is a club affix ("FC", "AC"), names no person: its PERSON votes count for ORG (institutions) or LOC
   (facilities, places), so "Kahului Airport" tagged PERSON is no full person name that a
   bare "Kahului" could join as a given name. Not when the first word is a known given
   name ("Charlotte Chapel"); head nouns that are common surnames (Hall, Church, Park) are
   not in the table.

3. **Links**, strongest first; each joins two forms' clusters (union-find):

   * ``always merge`` - pairs from ``MergeSettings.always_merge`` (yours: see 7).
   * ``quoted nickname`` - a form equals one of the extra keys of a quoted-nickname form;
     ``parenthesized acronym`` - a form equals the acronym of a "Name (ACRONYM)" form.
   * ``country alias`` - both forms name one country in ``models/country_aliases.tsv``
     (US, U.S., USA, America, United States).
   * ``designator`` - non-person forms equal once a company suffix or club affix from
     ``models/name_affixes.tsv`` is dropped ("Acme Inc." / "Acme", "FC Dunmore" / "Dunmore"
     tagged ORG), unless the bare form is voted a place: a town gives its name to its club
     and its firms ("FC Dunmore" and the town of Dunmore). Place designators are not
     dropped: "Mexico City" is not Mexico, "Albany County" is not the city of Albany.
   * full person names (two or more tokens, both PER): ``token subset`` when one name's
     tokens align with the other's keeping first and last name ("John Smith" / "John Henry
     Smith"), ``initials`` ("J. H. Smith"), ``nickname table`` when given names differ by a
     diminutive ("Bill Gates" / "William Gates"), ``fuzzy`` when one token differs by
     spelling (see 4).
   * ``title`` / ``nickname table`` / ``fuzzy`` between one-token person names: equal once
     a title is dropped ("Saint Peter" / "Peter"), a diminutive (Sasha / Aleksandr) or a
     spelling variant (Larisa / Larissa).
   * a one-token person name (or a surname block such as "van Dyke") joins a full name:
     as a *surname* (last or a later token of the full name) it goes to the most salient
     person with that surname (most mentions, then earliest) so that in a family the bare
     surname goes to the main person and the relatives stay apart; as a *given name*
     (equal, diminutive or quoted nickname) it joins only when exactly one person has it,
     and never when all its mentions are tagged as places (towns start the names of
     newspapers and firms: "Austin" / "Austin Daily Herald"); a form no mention tags PERSON
     joins as a given name only when its word is a known given name or the full name starts
     with one ("Korvo" tagged ORG is not the given name of "Korvo Australia" tagged PERSON).
     A city of the gazetteer (``models/places.tsv``) not voted PER joins only a full name
     that starts with a known given name: "Racing Lyon" tagged PERSON is a club.
     A one-token form not voted PER joins a person only when its label evidence is weak: at
     least ``min_person_votes_for_place`` of its mentions were tagged PERSON, or it has at
     most ``weak_label_max_mentions`` mentions, or (unless ``strict_labels``) its class is
     in ``person_confusable`` (ORG, MISC: the small model often tags surnames ORG). So the
     state "Washington" tagged GPE three times stays apart from "George Washington", while
     a surname the model tagged GPE once still joins. Countries and demonyms never join.
     With ``surname_any_label`` (on by default) a one-token form with strong place or group
     evidence still joins as a *surname* (never as a given name) when it equals the last
     token of a full name that at least half of its own mentions tag PERSON, and first
     appears after that full name: the small model tags unfamiliar surnames GPE or NORP
     ("Dolly Parton" ... "Parton" tagged GPE five times). Countries and demonym-table
     places never join. Known gap: a place sharing the surname, named only after the
     person ("George Washington" ... "Washington" the state), is read as the surname.
   * ``surname variant`` - a one-token form voted PER that is no known given name and sits
     in no cluster with a full name joins the one person named before it whose surname it
     misspells: one letter added, dropped, changed or two swapped ("Hollingsworth" /
     "Hollingworth"), or a ``fuzz.ratio`` of at least ``fuzzy_threshold`` whatever the
     length; never when two persons' surnames fit.
   * ``fuzzy`` - spelling variants (Odessa / Odesa) by ``rapidfuzz.fuzz.ratio`` on the
     form keys, compared only inside buckets of one first letter with
     ``rapidfuzz.process.cdist``; see 4 for the guards.
   * ``place modifier`` - a name of two or more words joins the same name with a country
     or a place of the document before it ("UK Home Office" / "Home Office", "Marsh City
     Kite Festival" / "Kite Festival", with the place's designators), whatever their
     non-person classes, when exactly one entity's names read so. Not after a demonym:
     "Malagasy National Assembly" and "National Assembly" are as often two bodies.
   * ``short form`` (``merge_org_short_forms``) - a form voted ORG joins a longer name
     that starts with its words (also after a leading country, place or demonym) and
     continues only with institution head nouns or company suffixes ("Quillon" / "Quillon
     Records", "Tarnhelm" / "Tarnhelm University"), when exactly one entity of the
     document has names starting with those words and neither side holds a full person
     name. When the form itself ends in an institution noun
     (``models/institution_nouns.tsv``: Court, Church, Ministry) the longer name must go on
     with an "of" phrase instead ("Church" / "Church of Saint Aldo", "Supreme Court" /
     "Chilean Supreme Court of Appeal"): "Harlow University Library" is a body of its own,
     and "Korvo of Canada" a regional arm of Korvo. Facility heads do not count here: a
     town gives its name to its airport and prison ("Kahului" / "Kahului Airport"); nor
     does a form tagged as a place (the city of Jeonju is not Jeonju University). With the
     same switch, a compass word alone ("the South") joins the one country the document
     names with it ("South Sudan").
   * ``head reference`` (``merge_head_references``) - a one-word form voted ORG or MISC
     that no mention tags PERSON joins a longer name of the same class that ends in that
     word and was named before it ("Minnesota Vikings" ... "the Vikings", "Supreme Court"
     ... "the Court"), when exactly one entity has names containing the word, the longer
     name does not start with a known given name, and it is no country or demonym. Places
     are left out (York is not New York, Wales not New South Wales), and so are several-word
     short forms: "National Assembly" after "Malagasy National Assembly" is as often
     another body.
   * ``acronym`` - an all-capital form ("UNHCR", "N.A.T.O.") and a multi-word form whose
     initials spell it, from all words, from the words other than function words, or from
     the capitalized words only; only when exactly one entity fits. Also an acronym of the
     first part of a longer name followed by its last words ("UT Dunmore" for "University of
     Tarrow at Dunmore" or "..., Dunmore"), when exactly one entity's names read so.
   * ``religion adjective`` - a religion and the adjective of its faith ("Islam" /
     "Islamic", ``models/religions.tsv``); not the adherents' word ("Muslim"), which names
     the people.
   * ``demonym`` (only with ``merge_demonyms=True``; off by default) - a form voted NORP
     whose demonym table gives a place ("French", "Frenchmen" -> France) joins the entity
     of that place when the document names it; otherwise it stays its own NORP entity.
     Off by default because Re-DocRED keeps "French" and France apart more often than
     together (about 230 of 330 singular uses, 12 of 15 plural ones such as "Americans"):
     on its 500 dev documents the rule costs about 2 points of B-cubed precision for 1
     point of recall.
   * ``plural`` - ORG or MISC forms that differ only by a plural "s" ("Mamluk" /
     "Mamluks" tagged ORG). Not NORP: an adjective and the people ("American" /
     "Americans", "Catholic" / "Catholics") are two entities in Re-DocRED more often than
     one (5 of 9 pairs in its first 500 dev documents), although news annotators join
     them.

   Before two clusters are joined, a **conflict check** looks at every pair of full person
   names across them: two full names whose given names differ (not equal, not an initial,
   not a diminutive, not this document's quoted nickname) are different people, so the
   join is refused. This is what keeps "Anna X", "Boris X" and "Clara X" apart even though
   the bare "X" could go with each of them. ``never_merge`` pairs are refused the same way
   (see 7).

4. **Fuzzy guards.** Short names need more similarity: the shorter key must have at least
   ``fuzzy_min_length`` characters, and the ratio must reach ``fuzzy_short_threshold``
   when the shorter key has fewer than ``fuzzy_long_length`` characters, else
   ``fuzzy_threshold``. Refused: different first letters (``fuzzy_same_initial``); one key a
   prefix of the other (Sweden / Swede); different numbers or Roman numerals (Apollo 11 /
   Apollo 13, World War I / II); different token counts; more than one differing token or
   a differing token that is neither a close variant nor one letter off it (New York / New
   Jersey, Jon Smith / John Smyth; "Alleid Nations" / "Allied Nations" passes); two
   different known given names (Daniel / Danielle), unless one letter inside the name
   tells them apart and ``models/given_names.tsv`` gives them no two genders ("Katarina
   Novak" / "Katharina Novak"; Daniel / Daniela differ at the end); two different
   countries (Austria / Australia, Iran / Iraq, Gambia / Zambia). Kiev / Kyiv is not a
   fuzzy match and nothing makes it one.

5. **Labels across classes.** Links other than country alias and the person rules need
   compatible classes: equal, or LOC with ORG (the model swaps them on clubs and
   institutions named after places). Country aliases join whatever their tags. Mentions of
   one exact form always stay together whatever their labels: in practice the same string
   tagged PERSON in one sentence and ORG in the next is a tagging error far more often
   than two entities.

6. **The cluster.** Its class is the majority class of the members' labels plus the person
   evidence (NORP votes of demonyms do not count when the cluster holds the place they
   describe); a cluster holding a full person name is always PER, since only person rules
   join forms to one. ``label`` is the most frequent label within that class.
   ``name`` is the canonical country name for a country, else the
   fullest form of the winning class (most tokens without titles, then most mentions, then
   first seen), with a leading title and a lower-case leading "the" removed. ``aliases``
   are the other distinct surface forms in document order, plus the nickname forms of a
   quoted nickname; ``reasons`` tells for each surface form which rule joined it.

7. **Your lists.** ``never_merge`` and ``always_merge`` are pairs of names, compared by form
   key (and by the extra keys of a quoted nickname or a parenthesized acronym). Every join
   of two clusters is checked against every ``never_merge`` pair across them, so a pair
   never ends up in one entity, whichever rule would join it, also through a third name
   ("Gates" may join "William Gates" or "Bill Gates", never both once they are a pair).
   ``always_merge`` pairs are joined first, and without the person-name conflict check (a
   pen name, a married name); only a ``never_merge`` pair stops them, with a warning. A
   pair in both lists, or of two names with one form key, is a ``SettingsError``.
   ``read_name_pairs`` reads them from a file: TSV, one group of names a line separated by
   tabs (``#`` comments), or JSON, a list of groups; a never group keeps every two of its
   names apart, an always group makes its names one entity.

8. **Explanations.** ``Cluster.explanations`` gives, for every alias, the ``rule`` that
   joined it (the names of 3, ``exact`` for another spelling of the same form key,
   ``quoted nickname`` for the nickname forms, ``country alias`` with the ``table`` when
   the country table names the cluster), the name it ``joined`` (the form it was linked
   to), and a fuzzy match's ``score`` and ``threshold`` (and the tokens ``compared`` in
   full person names). ``factx.Extractor(explain=True)`` puts them in each entity's
   ``explanation``.

The result does not depend on the order of the input (every step works on forms sorted by
their first position and key), and merging the clusters' names again keeps the grouping.

Settings (all keyword-only fields of :class:`MergeSettings`)
------------------------------------------------------------
``fuzzy_threshold`` (88.0)
    minimum ``fuzz.ratio`` (0-100) of two keys for a spelling variant.
``fuzzy_short_threshold`` (90.0)
    the minimum instead when the shorter key has fewer than ``fuzzy_long_length`` chars.
``fuzzy_long_length`` (10)
    key length from which ``fuzzy_threshold`` applies.
``fuzzy_min_length`` (5)
    shorter keys (and name tokens) never match by spelling similarity alone.
``fuzzy_same_initial`` (True)
    spelling variants must share their first letter.
``acronym_min_length`` / ``acronym_max_length`` (2 / 8)
    letters an acronym may have.
``person_evidence_weight`` (0.5)
    extra PER votes for a 2-4 token form that starts with a known given name.
``surname_evidence_weight`` (1.0)
    further PER votes when that form's last token stands alone tagged mostly PERSON.
``person_evidence_max_tokens`` (4)
    longer forms get no person evidence ("Cy Twombly Neighbourhood Structure Plan").
``min_person_votes_for_place`` (1)
    PERSON-tagged mentions that let a one-token form of another class join a person.
``weak_label_max_mentions`` (1)
    a one-token form with at most this many mentions has weak label evidence and may join
    a person whatever its tag.
``person_confusable`` (ORG, MISC)
    classes whose one-token forms may join a person as surname or given name.
``strict_labels`` (False)
    when True, ``person_confusable`` is ignored.
``merge_demonyms`` (False), ``merge_plurals`` (True)
    switch the demonym and plural rules.
``surname_any_label`` (True)
    a one-token form tagged as a place or group may still join a full person name as its
    surname (see 3); off under ``strict_labels``.
``merge_org_short_forms`` (True), ``merge_head_references`` (True)
    switch the ``short form`` and ``head reference`` rules.
``never_merge`` / ``always_merge`` (empty)
    frozensets of name pairs (each a ``frozenset`` or 2-tuple of surface forms, compared by
    form key) that must stay apart / must be joined (see 7); also
    ``factx.Extractor(never_merge=..., always_merge=...)`` with a file or groups of names,
    and ``factx extract --never-merge FILE --always-merge FILE``.
"""

from __future__ import annotations

from .forms import NameMention
from .merger import merge
from .names import form_key
from .output import Cluster
from .settings import MergeSettings, name_pairs, read_name_pairs

__all__ = ["Cluster", "MergeSettings", "NameMention", "form_key", "merge", "name_pairs", "read_name_pairs"]
