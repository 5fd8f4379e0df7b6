"""Outlet names: the forms the development data uses become one name, through the outlets table
and a normalisation of case, "The", punctuation and section suffixes; users extend the table."""

from __future__ import annotations

import pytest

from reader.corpus import canonical_outlet, load_article, outlet_key


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("NYT", "The New York Times"),
        ("nyt", "The New York Times"),
        ("New York Times", "The New York Times"),
        ("the new york times", "The New York Times"),
        ("New York Times (Opinion)", "The New York Times"),
        ("FOX", "Fox News"),
        ("Fox News (Online News)", "Fox News"),
        ("foxnews.com", "Fox News"),
        ("HPO", "HuffPost"),
        ("huff-post", "HuffPost"),
        ("The Huffington Post", "HuffPost"),
        ("Breitbart News", "Breitbart"),
        ("Daily Caller", "The Daily Caller"),
        ("Guardian", "The Guardian"),
        ("wash-post", "The Washington Post"),
        ("USA TODAY", "USA Today"),
    ],
)
def test_common_forms_of_an_outlet_become_its_name(written, shown):
    assert canonical_outlet(written) == shown


def test_the_normalisation_ignores_case_the_punctuation_and_sections():
    key = outlet_key("The Tarvo Herald")
    for form in ("tarvo herald", "Tarvo-Herald", "THE TARVO HERALD (Online News)", "Tarvo Herald."):
        assert outlet_key(form) == key


def test_an_unknown_outlet_is_shown_as_written():
    assert canonical_outlet("  The Tarvo\u202e Herald ") == "The Tarvo Herald"


def test_users_add_their_own_outlets(isolated_folders, tmp_path):
    config = isolated_folders / "config"
    config.mkdir()
    (config / "outlets.yaml").write_text(
        "outlets:\n  - {name: The Tarvo Herald, aliases: [TH, Herald of Tarvo]}\n",
        encoding="utf-8",
    )
    assert canonical_outlet("th") == "The Tarvo Herald"
    assert canonical_outlet("Herald of Tarvo (Opinion)") == "The Tarvo Herald"
    path = tmp_path / "a.txt"
    path.write_text("---\noutlet: TH\n---\nThe harbour bridge reopened.\n", encoding="utf-8")
    assert load_article(path, tmp_path).article.outlet == "The Tarvo Herald"
