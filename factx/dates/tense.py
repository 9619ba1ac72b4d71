"""The tense of the clause around a temporal expression, which decides whether "Friday"
is the last Friday or the next one.

The cue words are data (``models/tense_cues.tsv``); the reading is by tokens, not by a
parse, so that finding dates needs no spaCy.
"""

from __future__ import annotations

import re

from .settings import DateSettings
from .vocabulary import TENSE_CUES

__all__ = ["guess_tense"]

_FUTURE_WORDS = TENSE_CUES["future"]
# Words of intention or schedule: what follows "plans to" or "scheduled for" is to come.
_INTENT_WORDS = TENSE_CUES["intent"]
# Words that announce a deadline or a start when they come right before the expression:
# the future, unless the clause is in the past perfect ("had filed reports by Monday").
_FUTURE_LEFT_ONLY = TENSE_CUES["deadline"]
_PAST_LEFT_ONLY = TENSE_CUES["since"]
_PAST_WORDS = TENSE_CUES["past"]
_MODALS = TENSE_CUES["modal"]
_CLAUSE_OPENERS = TENSE_CUES["clause_opener"]
_DETERMINERS = TENSE_CUES["determiner"]
_ADJECTIVAL_ED = TENSE_CUES["adjectival"]
# Verbs that move a deadline: "extended to Nov. 16" names the new, later date.
_RESCHEDULE_WORDS = TENSE_CUES["reschedule"]
# A form of "be" that makes a following participle no past ("is held", "to be held").
_PASSIVE_BE = TENSE_CUES["passive"]
_ABBREVIATIONS = TENSE_CUES["abbreviation"]
_TOKEN = re.compile(r"[A-Za-z']+|[0-9][0-9.,:]*")
_SENT_BREAK = re.compile(r"[.!?]\s+(?=[A-Z\"'`])|\n|;")
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s.(]))([A-Za-z]+)$")


def _ends_sentence(text: str, brk: re.Match[str]) -> bool:
    """Whether a break the pattern found ends a sentence: a period after an initial
    ("Daniel P. Davison", "U.S. Army") or a title ("Gen. Ruiz") does not."""
    if text[brk.start()] != ".":
        return True
    m = _WORD_BEFORE.search(text, max(0, brk.start() - 12), brk.start())
    if m is None:
        return True
    word = m.group(1)
    return not ((len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS)


def _last_sentence(text: str) -> str:
    breaks = [b for b in _SENT_BREAK.finditer(text) if _ends_sentence(text, b)]
    return text[breaks[-1].end() :] if breaks else text


def _first_sentence(text: str) -> str:
    for b in _SENT_BREAK.finditer(text):
        if _ends_sentence(text, b):
            return text[: b.start()]
    return text


def _word_tense(word: str) -> str:
    w = word.lower()
    if w in _FUTURE_WORDS:
        return "future"
    if w in _PAST_WORDS or (len(w) > 4 and w.endswith("ed") and w != "united"):
        return "past"
    return ""


def _past_perfect(tokens: list[str], i: int, settings: DateSettings) -> bool:
    """Whether the verb group ending at tokens[i] is in the past perfect ("had been due")."""
    return any(t.lower() == "had" for t in tokens[max(0, i - settings.past_perfect_tokens) : i])


def _modal_future(tokens: list[str], i: int, settings: DateSettings) -> bool:
    """Whether the participle at tokens[i] belongs to a future group ("will be paid")."""
    return any(t.lower() in _MODALS for t in tokens[max(0, i - settings.modal_tokens) : i])


def _left_tense(tokens: list[str], settings: DateSettings) -> str:
    """The tense of the nearest verb group to the left, read from its last word back."""
    for i in range(len(tokens) - 1, -1, -1):
        w = tokens[i].lower()
        if w in _CLAUSE_OPENERS:
            return ""  # "where the Aug. 7 blasts killed": the verb is to the right
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if w in _INTENT_WORDS and (nxt == "for" or (nxt == "to" and i + 2 < len(tokens))):
            # "plans to redeem the notes Nov. 16", "the vote is set for Tuesday"
            return "past" if _past_perfect(tokens, i, settings) else "future"
        if w in _ADJECTIVAL_ED or (w.endswith("ed") and i and tokens[i - 1].lower() in _DETERMINERS):
            continue  # "the proposed merger", "preferred shares"
        t = _word_tense(w)
        if t == "past" and i and tokens[i - 1].lower() in _PASSIVE_BE:
            # "is to be held", "could be moved", "the case is heard": a passive; its tense
            # is in the words before
            continue
        if t == "future" and _past_perfect(tokens, i, settings):
            return "past"
        if t == "past" and w not in ("had", "has", "have") and _modal_future(tokens, i, settings):
            return "future"
        if t:
            return t
    return ""


def _right_tense(tokens: list[str]) -> str:
    """The tense of the first verb group after an expression that opens its clause ("On
    Tuesday, the league plans to hold...")."""
    for i, tok in enumerate(tokens):
        w = tok.lower()
        t = _word_tense(w)
        if t:
            return t  # "On Friday, the government planned to pay": the planning was on Friday
        if w in _INTENT_WORDS and i + 1 < len(tokens) and tokens[i + 1].lower() == "to":
            return "future"
    return ""


_AS_SOON_AS = re.compile(r"\bas\s(?:soon|early)\sas\s$", re.I)


def guess_tense(text: str, start: int, end: int, settings: DateSettings) -> str:
    """ "past", "future" or "" from the verb group that governs an expression.

    The clause to the left is read back from the expression and the first tense cue met
    decides ("will meet him on Thursday", "plans to redeem the notes Nov. 16", "met
    Monday", "had been due to expire Friday"); a preposition of deadline right before it
    ("by", "until") means the future unless the clause is in the past perfect. Only when
    the left side has no cue (the expression opens the sentence) is the right side read.
    """
    w = settings.tense_context_chars
    left = _last_sentence(text[max(0, start - w) : start])
    right = _first_sentence(text[end : end + w])
    tokens = _TOKEN.findall(left)
    if tokens and left.endswith(tokens[-1] + " "):
        last = tokens[-1].lower()
        if last in _PAST_LEFT_ONLY:
            return "past"
        if last in ("to", "until", "till") and any(
            t.lower() in _RESCHEDULE_WORDS for t in tokens[-1 - settings.reschedule_tokens : -1]
        ):
            return "future"
        if last in _FUTURE_LEFT_ONLY:
            before = tokens[max(0, len(tokens) - settings.deadline_tokens_before) :]
            near = [t.lower() for t in before + _TOKEN.findall(right)[: settings.deadline_tokens_after]]
            return "past" if "had" in near else "future"
    if _AS_SOON_AS.search(left):
        return "future"
    best = _left_tense(tokens, settings)
    if best:
        return best
    return _right_tense(_TOKEN.findall(right))
