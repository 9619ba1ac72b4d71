"""The settings classes: public, keyword-only, and checking their own values (no model needed)."""

from __future__ import annotations

import dataclasses

import pytest

import factx


@pytest.mark.parametrize("cls", [factx.FactSettings, factx.DateSettings, factx.MergeSettings])
def test_settings_are_public_and_keyword_only(cls):
    assert cls.__name__ in factx.__all__
    first = dataclasses.fields(cls)[0]
    with pytest.raises(TypeError):
        cls(first.default)  # positional arguments are refused


@pytest.mark.parametrize(
    "make",
    [
        lambda: factx.FactSettings(matcher="fastest"),
        lambda: factx.FactSettings(min_confidence=1.5),
        lambda: factx.FactSettings(pronoun_factor=0.0),
        lambda: factx.FactSettings(near_tokens=-1),
        lambda: factx.FactSettings(relations="born_in"),
        lambda: factx.DateSettings(undetermined_month_day="future"),
        lambda: factx.DateSettings(tense_context_chars=-5),
        lambda: factx.DateSettings(min_year=2100, max_year=1900),
        lambda: factx.DateSettings(two_digit_year_pivot=100),
        lambda: factx.DateSettings(nearest_window_days=0),
        lambda: factx.DateSettings(nearest_window_days=400),
        lambda: factx.DateSettings(max_century=-1),
        lambda: factx.DateSettings(weekday_date_window_days=-1),
        lambda: factx.DateSettings(past_perfect_tokens=-1),
        lambda: factx.DateSettings(modal_tokens=-3),
        lambda: factx.DateSettings(deadline_tokens_before=-1),
        lambda: factx.DateSettings(deadline_tokens_after=-1),
        lambda: factx.DateSettings(reschedule_tokens=-2),
        lambda: factx.DateSettings(look_left_chars=-30),
        lambda: factx.DateSettings(cache_size=-1),
        lambda: factx.MergeSettings(fuzzy_threshold=150),
        lambda: factx.MergeSettings(acronym_min_length=5, acronym_max_length=3),
    ],
)
def test_a_bad_setting_is_an_error_naming_it(make):
    with pytest.raises(factx.SettingsError):
        make()


def test_good_settings_keep_their_values():
    assert factx.FactSettings(matcher="spacy", min_confidence=0.5).min_confidence == 0.5
    assert factx.DateSettings(undetermined_month_day="past").undetermined_month_day == "past"
    assert factx.MergeSettings(fuzzy_threshold=92.0).fuzzy_threshold == 92.0
