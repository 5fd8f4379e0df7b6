"""Which articles to compare with one: the index's most alike, ranked by what they share."""

from __future__ import annotations

from pathlib import Path

from reader.analysis.ranking import rank
from reader.corpus import find_article
from reader.search import open_library

SPUTNIK = "sputnik-joint-statement"
MEE = "mee-leaders-call-on-russia"
PRESSTV = "presstv-lavrov-turkey"


def test_reports_of_the_same_story_come_first(samples: Path):
    library = open_library(samples)
    library.update()
    candidates = rank(library, library.article(SPUTNIK))
    ids = [c.id for c in candidates]
    assert SPUTNIK not in ids and len(ids) == len(set(ids)) == 4
    assert ids[0] == MEE and ids[-1] == PRESSTV  # another story last
    assert "Islamic State" in candidates[0].shared and candidates[0].quotes > 0
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)


def test_excluded_articles_and_the_limit_are_respected(samples: Path):
    library = open_library(samples)
    library.update()
    article = library.article(SPUTNIK)
    ids = [c.id for c in rank(library, article, exclude=(MEE,), limit=2)]
    assert MEE not in ids and len(ids) == 2


def test_without_an_index_there_is_nothing_to_rank(samples: Path):
    assert rank(open_library(samples), find_article(SPUTNIK, samples)) == []
