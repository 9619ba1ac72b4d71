"""Temporal expressions: find them in English text and normalize them to TIMEX3 values.

``find_dates`` takes the DATE/TIME spans a spaCy model found (passed in as plain character
spans: this package does not import spaCy), repairs them, drops what is not a point in time
(ages such as "Smith, 42,", durations such as "three years", sets such as "annually",
scores such as "won 2-1", minutes of a match such as "the 20th minute", words of a name
such as "USA Today") and adds the expressions the model misses, found with its own patterns ("now", "recently",
"Friday morning", "third-quarter", "3 p.m.", holidays...). ``normalize`` gives the value
of one expression.

Values follow TimeML TIMEX3: ``2022-02-24`` (day), ``2022-03`` (month), ``1994`` (year),
``199X`` (decade, as factx/1 specifies), ``19`` (century), ``2022-W12`` (ISO week), ``2022-W12-WE`` (weekend),
``2022-Q1`` (quarter), ``2022-H2`` (half-year), ``2022-SU`` (season),
``2022-02-24T15:00`` or ``2022-02-24TMO`` (time), ``PRESENT_REF``/``PAST_REF``/
``FUTURE_REF``, and ``1994/1996`` for a range.
Relative expressions are placed from the reference date (the document's creation date);
names of days, months, seasons and quarters go to their most recent past occurrence unless
the verb group that governs them speaks of the future ("will meet on Thursday", "plans to
leave Friday", "set for Tuesday", "extended to Nov. 16", "by Monday"); it is found by
reading the clause back from the expression, with the past perfect ("had been due to
expire Friday") and relative clauses ("where the Aug. 7 blasts...") taken into account.
A few anaphoric expressions ("a year earlier", "later that year", "the following year",
"the next morning", "the previous Friday") are placed from the last expression of the
document that fixes a time; those of financial reports ("the quarter", "the year-ago
period", "the 1988 period") from the latest quarter the text named that had ended by the
reference date; a clock time without a day ("at 10 p.m.", "at 22:30") goes on the last day
the text named; the two ends of a range ("from January 23 through March 9") are put in
order.

Limits: English only; no event anchoring ("two days after the election" is dropped as a
duration-like phrase or left without a value); tense is guessed from nearby words, not
parsed; fiscal years are taken as calendar years.
``dateparser`` is only a fallback for formats the rules here do not know, and is only ever
called on the short expression, never on the document.

The modules, one concern each: ``settings`` (``DateSettings``, every threshold),
``vocabulary`` (month and weekday names and the other date words, read from
``models/date_words.tsv`` and ``models/tense_cues.tsv``, and the pattern pieces built from
them), ``timex`` (values, the ``Verdict`` of the rules on an expression with no value, and
calendar arithmetic), ``relative`` (today, last week, three days ago, weekdays, that year,
the quarter), ``normalization`` (one expression: cleaning, the named rules of ``RULES``
tried in order, dateparser, a cache per settings), ``tense`` (the tense of the clause
around an expression) and ``find`` (a document).
"""

from __future__ import annotations

from .find import find_dates
from .normalization import normalize
from .settings import DateSettings

__all__ = ["DateSettings", "find_dates", "normalize"]
