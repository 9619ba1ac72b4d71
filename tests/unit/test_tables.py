"""The data tables under models/ load, are non-empty and answer the lookups merging uses."""

from __future__ import annotations

import pytest

from factx import tables


@pytest.mark.parametrize(
    "loader",
    [
        tables.diminutives,
        tables.full_name_diminutives,
        tables.given_names,
        tables.given_name_genders,
        tables.country_aliases,
        tables.demonyms,
        tables.kinship_nouns,
        tables.titles,
        tables.name_affixes,
        tables.reporting_words,
        tables.group_nouns,
        tables.occupations,
        tables.institution_nouns,
        tables.title_genders,
    ],
)
def test_tables_load_non_empty(loader) -> None:
    assert len(loader()) >= 5


@pytest.mark.parametrize(
    "name",
    [
        "diminutives.tsv",
        "country_aliases.tsv",
        "demonyms.tsv",
        "kinship.tsv",
        "titles.tsv",
        "name_affixes.tsv",
        "reporting.tsv",
        "group_nouns.tsv",
        "places.tsv",
        "institution_nouns.tsv",
        "title_genders.tsv",
        "given_names.tsv",
    ],
)
def test_tables_files_name_source_and_licence(name: str) -> None:
    header = (tables._models_dir() / name).read_text(encoding="utf-8").split("\n", 12)
    comments = " ".join(line for line in header if line.startswith("#"))
    assert "Source:" in comments
    assert "Licence" in comments


def test_tables_rows_have_expected_fields() -> None:
    widths = {
        "diminutives.tsv": 3,
        "country_aliases.tsv": 2,
        "demonyms.tsv": 2,
        "kinship.tsv": 3,
        "titles.tsv": 2,
        "name_affixes.tsv": 2,
        "group_nouns.tsv": 2,
        "places.tsv": 3,
        "institution_nouns.tsv": 1,
        "title_genders.tsv": 2,
        "given_names.tsv": 2,
    }
    for name, width in widths.items():
        for row in tables.table_lines(name):
            assert len(row) == width, (name, row)
            assert all(row), (name, row)


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("sasha", "aleksandr"),
        ("misha", "mikhail"),
        ("dima", "dmitry"),
        ("kolya", "nikolai"),
        ("volodya", "vladimir"),
        ("pasha", "pavel"),
        ("seryozha", "sergei"),
        ("lyosha", "aleksei"),
        ("zhenya", "yevgeny"),
        ("katya", "yekaterina"),
        ("masha", "maria"),
        ("natasha", "natalia"),
        ("tanya", "tatiana"),
        ("pepe", "josé"),
        ("paco", "francisco"),
        ("beppe", "giuseppe"),
        ("hansi", "hans"),
        ("kasia", "katarzyna"),
        ("zé", "josé"),
        ("fritz", "friedrich"),
        ("bill", "william"),
        ("maks", "maksim"),
    ],
)
def test_tables_diminutives_both_directions(short: str, full: str) -> None:
    assert full in tables.diminutives()[short]
    assert short in tables.full_name_diminutives()[full]
    assert {short, full} <= tables.given_names()


@pytest.mark.parametrize(
    ("alias", "country"),
    [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("America", "United States"),
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("USSR", "Soviet Union"),
        ("Holland", "Netherlands"),
        ("Burma", "Myanmar"),
        ("the United States", "United States"),
    ],
)
def test_tables_country_aliases(alias: str, country: str) -> None:
    assert tables.country_of_alias(alias) == country


def test_tables_country_alias_table_avoids_ambiguous_codes() -> None:
    assert tables.country_of_alias("IT") is None
    assert tables.country_of_alias("England") is None


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("American", "United States"),
        ("Americans", "United States"),
        ("British", "United Kingdom"),
        ("Soviet", "Soviet Union"),
        ("Dutch", "Netherlands"),
        ("Frenchmen", "France"),
        ("Irishman", "Ireland"),
        ("Swede", "Sweden"),
        ("Ukrainian", "Ukraine"),
    ],
)
def test_tables_demonyms(word: str, place: str) -> None:
    assert place in tables.place_of_demonym(word)


def test_tables_every_country_alias_has_a_demonym() -> None:
    assert set(tables.country_aliases()) - set(tables.demonyms()) == set()


def test_tables_kinship_and_titles() -> None:
    assert tables.kinship_nouns()["wife"] == ("spouse", "f")
    assert tables.kinship_nouns()["brother"][0] == "sibling"
    assert tables.kinship_nouns()["father"][0] == "parent"
    assert tables.titles()["president"] == "political"
    assert tables.titles()["ceo"] == "business"
    assert tables.titles()["dr"] == "academic"


def test_tables_key_ignores_case_periods_and_the() -> None:
    assert tables.table_key("The U.S.") == tables.table_key("us") == "us"


def test_tables_are_cached() -> None:
    assert tables.diminutives() is tables.diminutives()


def test_tables_models_dir_is_public_and_holds_the_tables() -> None:
    assert tables.models_dir() == tables._models_dir()
    assert (tables.models_dir() / "titles.tsv").is_file()


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("university", "org_head"),
        ("records", "org_head"),
        ("airport", "facility_head"),
        ("palace", "facility_head"),
        ("municipality", "place_designator"),
    ],
)
def test_tables_name_affix_head_nouns(word: str, kind: str) -> None:
    assert word in tables.name_affixes()[kind]


@pytest.mark.parametrize("surname_like", ["hall", "park", "castle", "bridge", "house"])
def test_tables_head_nouns_leave_out_common_surnames(surname_like: str) -> None:
    affixes = tables.name_affixes()
    assert surname_like not in affixes["org_head"] | affixes["facility_head"]


@pytest.mark.parametrize("title", ["viscount", "marquess", "marchioness"])
def test_tables_titles_of_nobility(title: str) -> None:
    assert tables.titles()[title] == "royal"


def test_tables_title_genders_are_f_or_m() -> None:
    assert set(tables.title_genders().values()) == {"f", "m"}


def test_tables_given_name_genders() -> None:
    genders = tables.given_name_genders()
    assert genders["anna"] == "f" and genders["theodor"] == "m" and genders["kathryn"] == "f"
    assert set(genders.values()) == {"f", "m", "-"}
    # a name of both genders is a given name that tells none: a pronoun is never refused on it
    assert genders["jordan"] == "-"
    # the US census's gender stands only where the names of many countries agree with it
    assert genders["christy"] == "f" and genders["yuri"] == "-"
    assert genders["sergei"] == "m"  # the names of many countries alone tell it
    # common English words are left out of the list
    assert "joy" not in genders and "royal" not in genders
