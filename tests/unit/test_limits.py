"""``max_chars`` / ``--max-chars`` without a model (issue 6): a longer text is refused before
anything is parsed, and the cap must be a positive integer."""

from __future__ import annotations

import pytest

import factx
from factx import cli


def test_limits_max_chars_refuses_a_longer_text_and_says_how_to_fix_it():
    extractor = factx.Extractor(max_chars=100)
    with pytest.raises(
        factx.DocumentTooLargeError, match=r"101 characters, more than max_chars=100.*max_chars=None"
    ) as e:
        extractor("x" * 101)
    assert isinstance(e.value, ValueError) and isinstance(e.value, factx.FactxError)


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "100"])
def test_limits_max_chars_must_be_a_positive_integer(bad):
    with pytest.raises(factx.SettingsError, match="max_chars must be a positive integer or None"):
        factx.Extractor(max_chars=bad)


@pytest.mark.parametrize("value", ["0", "-5", "ten"])
def test_limits_cli_max_chars_must_be_positive(value, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["extract", "-", "--max-chars", value])
    assert e.value.code == 2 and "positive integer" in capsys.readouterr().err
