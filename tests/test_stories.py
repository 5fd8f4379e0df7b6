"""Stories: grouping and separation on invented articles, incremental placement, the
explanation, the story comparison matrix and its blind spots, and the commands."""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import accumulate
from pathlib import Path

import pytest

from reader.analysis.comparison import compare
from reader.analysis.stories import (
    Signature,
    StoryIndex,
    StoryModel,
    find_stories,
    signature,
    stories,
    story_model,
)
from reader.analysis.stories.matrix import compare_story
from reader.analysis.stories.model import FEATURES
from reader.analysis.stories.signature import (
    content_stream,
    content_words,
    day_number,
    phrase_hashes,
    quote_runs,
    written,
)
from reader.cli import main
from reader.corpus import Article, load_corpus
from reader.report.json import comparison_json
from reader.report.story import (
    format_story_markdown,
    format_story_text,
    save_story_report,
    story_json,
)
from tests.story_corpus import (
    FOLLOW_UP,
    KESTREL,
    KESTREL_FOLLOW_UP,
    OSPREY,
    SARNIA,
    TRAM,
    VALDORIA,
    flood_articles,
    piracy_articles,
    write_story_corpus,
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_story_corpus(tmp_path / "articles")


@pytest.fixture
def articles(corpus: Path) -> dict[str, Article]:
    return load_corpus(corpus).by_id()


def groups(index: StoryIndex) -> list[set[str]]:
    return sorted((set(ids) for ids in index.members().values()), key=lambda g: sorted(g))


# ---------------------------------------------------------------------------- grouping


def test_one_event_across_outlets_is_one_story_and_another_event_of_its_kind_is_another(
    articles: dict[str, Article],
):
    index = find_stories(articles.values())
    found = groups(index)
    valdoria = next(g for g in found if VALDORIA[0] in g)
    assert set(VALDORIA) <= valdoria
    assert not valdoria & set(SARNIA)
    assert set(SARNIA) in found
    assert {TRAM} in found


def test_a_follow_up_days_later_joins_its_story(articles: dict[str, Article]):
    index = find_stories(articles.values())
    assert index.story_of(FOLLOW_UP) == index.story_of(VALDORIA[0])


def test_stories_are_listed_largest_first_with_why(articles: dict[str, Article]):
    found = stories(find_stories(articles.values()))
    assert [len(s.articles) for s in found] == sorted(
        (len(s.articles) for s in found), reverse=True
    )
    first = found[0]
    assert first.articles[0].id == VALDORIA[0]  # the oldest report comes first
    why = str(first.why)
    assert why.startswith("grouped: ")
    assert "shared people and places" in why and "shared quotes" in why
    assert "7 days apart" in why
    assert first.outlets[0] == "Northern Herald"  # the outlets in order of first report
    assert sorted(first.outlets) == ["Coastal Times", "Daily Courier", "Northern Herald"]
    assert (first.first_date, first.last_date) == ("2024-03-04", "2024-03-11")
    assert str(found[-1].why) == "no other report of this story found"
    item = first.to_json()
    assert set(item) == {"id", "title", "articles", "outlets", "first_date", "last_date", "why"}


def test_incremental_placement_gives_the_stories_found_from_scratch(
    articles: dict[str, Article],
):
    from_scratch = groups(find_stories(articles.values()))
    index = StoryIndex()
    index.add([signature(articles[i]) for i in (*VALDORIA, *SARNIA, TRAM)])
    placed_before = dict(index.placements)
    placed = index.add([signature(articles[FOLLOW_UP])])
    assert [p.article for p in placed] == [FOLLOW_UP]
    assert placed[0].story == index.story_of(VALDORIA[0])
    assert placed[0].partner in VALDORIA
    assert {k: index.placements[k] for k in placed_before} == placed_before
    assert groups(index) == from_scratch


def test_adding_the_same_version_again_changes_nothing_and_a_new_version_is_placed_again(
    articles: dict[str, Article],
):
    index = find_stories(articles.values())
    assert index.add([signature(articles[TRAM])]) == []
    edited = articles[TRAM]
    changed = Article(
        edited.id, edited.path, edited.title, edited.outlet, edited.date, None,
        edited.text + "\n\nMore.", edited.digest + "x",
    )  # fmt: skip
    placed = index.add([signature(changed)])
    assert [p.article for p in placed] == [TRAM]
    assert sum(len(ids) for ids in index.members().values()) == len(articles)


def test_removing_an_article_keeps_the_rest_of_its_story(articles: dict[str, Article]):
    index = find_stories(articles.values())
    story = index.story_of(VALDORIA[1])
    index.remove([VALDORIA[1]])
    assert VALDORIA[1] not in index.signatures
    assert VALDORIA[0] in index.members()[story]


def _flood_signatures(town: str | None = None) -> list[Signature]:
    return [
        signature(Article(i, Path(i), title, None, None, None, text, i), entities=False)
        for i, title, text in flood_articles()
        if town is None or i.startswith(f"flood-{town}-")
    ]


WORDS_ONLY = StoryModel({"text": 10.0}, -2.0, threshold=0.5)
"""A pair model that looks only at shared words: the two floods' first reports are one story
for it."""


def _towns(index: StoryIndex) -> list[set[str]]:
    return sorted({i.split("-")[1] for i in ids} for ids in index.members().values())


def test_two_events_of_one_kind_joined_by_their_first_reports_are_cut_in_two():
    joined = StoryIndex(WORDS_ONLY)
    joined.add(_flood_signatures())
    assert _towns(joined) == [{"marrow", "quillby"}]
    index = StoryIndex(replace(WORDS_ONLY, split=0.9, split_min=3))
    index.add(_flood_signatures())
    assert _towns(index) == [{"marrow"}, {"quillby"}]
    assert all(len(ids) == 6 for ids in index.members().values())
    for article, placement in index.placements.items():
        assert placement.story == index.story_of(article)
        assert placement.partner is None or index.story_of(placement.partner) == placement.story


def test_reports_placed_one_at_a_time_are_cut_as_from_scratch_and_later_ones_join_their_event():
    model = replace(WORDS_ONLY, split=0.9, split_min=3)
    sigs = _flood_signatures()
    index = StoryIndex(model)
    for sig in sigs[:-2]:
        index.add([sig])
    assert _towns(index) == [{"marrow"}, {"quillby"}]
    placed = index.add(sigs[-2:])
    for p in placed:
        assert p.story == index.story_of(f"flood-{p.article.split('-')[1]}-0")
    assert _towns(index) == [{"marrow"}, {"quillby"}]


def test_one_event_of_many_reports_is_not_cut():
    for model in (replace(WORDS_ONLY, split=0.9, split_min=3), story_model()):
        index = StoryIndex(model)
        index.add(_flood_signatures("marrow"))
        assert len(index.members()) == 1


def _piracy_index(model: StoryModel) -> StoryIndex:
    """The piracy reports placed among the other invented reports (so that words have an idf)."""
    background = [*_flood_signatures(), *(signature(a) for a in _story_articles())]
    reports = [
        signature(Article(i, Path(i), title, None, None, None, text, i))
        for i, title, text in piracy_articles()
    ]
    index = StoryIndex(model)
    index.add([*background, *reports])
    return index


def _story_articles() -> list[Article]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return list(load_corpus(write_story_corpus(Path(folder))).by_id().values())


def test_two_operations_of_one_kind_years_apart_are_two_stories_and_a_follow_up_joins_its_own():
    index = _piracy_index(story_model())
    kestrel = index.story_of(KESTREL[0])
    assert index.story_of(KESTREL[1]) == kestrel
    assert index.story_of(KESTREL_FOLLOW_UP) == kestrel
    assert index.story_of(OSPREY[0]) == index.story_of(OSPREY[1]) != kestrel


def test_a_report_writing_another_year_weekday_figures_and_phrases_is_less_likely_the_same_story():
    index = _piracy_index(story_model())
    sigs = index.signatures
    kestrel, other, osprey = sigs[KESTREL[0]], sigs[KESTREL[1]], sigs[OSPREY[0]]
    within = index.features(kestrel, other)
    across = index.features(kestrel, osprey)
    assert within.years == within.weekdays == 1.0 and across.years == across.weekdays == 0.0
    assert within.numbers is not None and across.numbers is not None
    assert within.numbers > across.numbers and within.phrases > across.phrases
    base = index.probability(kestrel, other)
    assert base >= index.model.threshold
    for part in ("years", "weekdays", "numbers"):
        # the second report of the same operation, but writing what the other operation's does
        moved = replace(other, id=f"moved-{part}", **{part: getattr(osprey, part)})
        index.add([moved])
        assert index.probability(kestrel, moved) < base, part
    unwritten = replace(other, id="unwritten", years=frozenset(), numbers=frozenset())
    index.add([unwritten])
    assert index.probability(kestrel, unwritten) < base  # agreeing counts for something


def test_the_split_settings_survive_json():
    model = replace(WORDS_ONLY, split=0.85, split_min=4)
    data = model.to_json()
    assert (data["split"], data["split_min"]) == (0.85, 4)
    assert replace(WORDS_ONLY).to_json()["split"] is None


def test_candidates_put_first_the_most_alike_not_the_one_sharing_most_key_words():
    def sign(name: str, text: str) -> Signature:
        article = Article(name, Path(name), name, None, None, None, text, name)
        return signature(article, entities=False)

    others = [sign(f"other-{k}", f"harbour ferry pier{k} dock{k} quay{k}") for k in range(12)]
    wide = sign("wide", "moss fern lichen " + " ".join(f"zz{k} yy{k}" for k in range(20)))
    close = sign("close", "kelvar kelvar kelvar tarn")
    new = sign("new", "kelvar kelvar kelvar moss fern lichen tarn")
    index = StoryIndex(StoryModel({}, -1.0, threshold=2.0))
    index.add([*others, wide, close])
    index.add([new])
    keys = index.key_terms(new)
    assert len(set(keys) & wide.terms.keys()) > len(set(keys) & close.terms.keys())
    assert index.candidates(new, keys)[:2] == ["close", "wide"]


def test_the_index_probability_of_a_pair_is_the_model_probability_of_its_features(
    articles: dict[str, Article],
) -> None:
    sigs = [signature(a) for a in articles.values()]
    undated = replace(sigs[0], id="undated", digest="undated", date=None, when=None)
    model = replace(story_model(), weights={**story_model().weights, "main": 0.7})
    index = StoryIndex(model)
    index.add([*sigs, undated])
    every = [*sigs, undated]
    for a in every:
        for b in every:
            expected = model.probability(index.features(a, b))
            assert index.probability(a, b) == pytest.approx(expected, rel=1e-12, abs=1e-15)
    shared = index.features(index.signatures[VALDORIA[0]], index.signatures[VALDORIA[1]])
    assert shared.quotes and shared.entities and shared.title and shared.days is not None
    assert shared.phrases and shared.numbers and shared.weekdays is not None
    assert all(story_model().weights.get(name) for name in FEATURES)  # every feature counts


def test_a_signature_survives_json(articles: dict[str, Article]):
    sig = signature(articles[VALDORIA[0]])
    again = Signature.from_json(json.loads(json.dumps(sig.to_json())))
    assert again == sig
    assert "person:maria ostrand" in sig.entities
    assert len(sig.quotes) == 2


def test_written_years_weekdays_and_numbers():
    years, days, numbers = written(
        "On Saturday, March 14, 2019, the navy held 23 pirates; on Sunday it found 5.6 tonnes "
        "and paid 2,000 crowns (the 2008 ruling stands, 1,700 years after 319)."
    )
    assert years == {2019, 2008}
    assert days == {5, 6}
    assert numbers == {"14", "23", "5.6", "2,000", "1,700", "319"}
    assert written("No figures here.") == (frozenset(), frozenset(), frozenset())


def test_word_pairs_stop_at_the_end_of_a_sentence():
    stream = content_stream("The navy held 23 pirates. Kestrel sailed home; crew rested")
    assert stream == ["navy", "held", "23", "pirate", "|", "kestrel", "sailed", "home", "|"] + [
        "crew",
        "rested",
    ]
    assert phrase_hashes(stream) == phrase_hashes(content_stream("navy held 23 pirates")) | (
        phrase_hashes(content_stream("Kestrel sailed home")) | phrase_hashes(["crew", "rested"])
    )
    assert phrase_hashes(content_stream("pirate. Kestrel")) == frozenset()
    assert phrase_hashes(["pirate", "kestrel"]) != phrase_hashes(["kestrel", "pirate"])


def test_signature_parts():
    assert content_words("The rescuers said: Kelmar's buildings") == [
        "rescuer",
        "kelmar",
        "building",
    ]
    assert day_number("2024-03-04")[1] is False
    when, timed = day_number("2024-03-04T12:00")
    assert timed and when is not None and when % 1 == 0.5
    assert day_number("2024-02-30") == (None, False)
    assert day_number("March 2024") == (None, False)
    one = quote_runs('He said "we will not stop until everyone is found" today.')
    part = quote_runs("“we will not stop until everyone is found in Kelmar”")
    assert one and part and one[0] & part[0]
    assert quote_runs('"too short"') == ()


def test_words_lose_their_accents_as_strip_accents_takes_them_off() -> None:
    import unicodedata

    from reader.text import strip_accents

    def one_by_one(text: str) -> str:  # the definition: NFKD, then every combining mark out
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    for text in (
        "Zoë Brontë visited Ærøskøbing, São Paulo and Łódź",
        "İstanbul ﬁnances: x² and ½ of Straße, naïve café, Ångström",
        "plain ascii only",
        "e\u0301 combining already, and \u0915\u094d\u0937 a conjunct",
    ):
        assert strip_accents(text) == one_by_one(text)
    assert content_words("Zoë's café in São Paulo") == ["zoe", "cafe", "sao", "paulo"]


# ---------------------------------------------------------------------------- the matrix


def test_matrix_of_three_reports_with_counts_speakers_and_blind_spots(
    articles: dict[str, Article],
):
    reports = [articles[i] for i in VALDORIA]
    result = compare_story(reports)
    by_key = {row.key: row for row in result.entities}
    ostrand = by_key["person:maria ostrand"]
    assert all(ostrand.counts) and ostrand.blind_spot is None
    eklund = by_key["person:tomas eklund"]
    assert [bool(c) for c in eklund.counts] == [True, True, False]
    assert eklund.blind_spot == 2
    statement = next(q for q in result.quotes if "searching every building" in q.text)
    assert statement.carriers == 3
    assert {c.speaker for c in statement.cells if c} == {"Maria Ostrand"}
    shaking = next(q for q in result.quotes if "shaking lasted" in q.text)
    assert shaking.blind_spot == 2
    entities, quotes = result.blind_spots(2)
    assert eklund in entities and shaking in quotes
    assert result.blind_spots(0) == ([by_key["place:ves"]], [])  # the Herald has no river


def test_one_name_typed_two_ways_in_a_story_is_one_row_of_the_likelier_type():
    from reader.analysis.entities import ArticleEntities, EntityType, Mention
    from reader.analysis.entities.model import Entity
    from reader.analysis.stories.matrix import _entity_rows

    def report(kind: EntityType, count: int) -> ArticleEntities:
        mentions = tuple(Mention(i * 10, i * 10 + 7, "Orlando", kind, "") for i in range(count))
        key = f"{kind.value}:orlando"
        return ArticleEntities(mentions, (Entity(key, "Orlando", kind, mentions),))

    rows = _entity_rows(
        [
            report(EntityType.PLACE, 3),
            report(EntityType.ORGANISATION, 1),
            report(EntityType.PLACE, 2),
        ]
    )
    assert [(r.name, r.type, r.counts) for r in rows] == [("Orlando", "place", (3, 1, 2))]


def test_matrix_takes_two_to_six_reports(articles: dict[str, Article]):
    with pytest.raises(ValueError):
        compare_story([articles[VALDORIA[0]]])
    with pytest.raises(ValueError):
        compare_story(list(articles.values()))


def test_markdown_report_marks_blind_spots_and_is_inert(
    articles: dict[str, Article], tmp_path: Path
):
    result = compare_story([articles[i] for i in VALDORIA])
    text = format_story_markdown(result)
    assert "## Blind spots" in text and "**left out**" in text
    coastal = next(line for line in text.splitlines() if line.startswith("- **Coastal Times**"))
    assert "Tomas Eklund" in coastal and "The shaking lasted" in coastal
    path = save_story_report(result, tmp_path / "articles", [tmp_path])
    assert path.read_text(encoding="utf-8") == text
    assert save_story_report(result, tmp_path / "articles", [tmp_path]) != path


def test_story_json_shape(articles: dict[str, Article]):
    data = story_json(compare_story([articles[i] for i in VALDORIA]))
    assert [a["id"] for a in data["articles"]] == VALDORIA
    assert set(data["articles"][0]) == {"id", "title", "outlet", "date"}
    assert all(len(e["counts"]) == 3 for e in data["entities"])
    assert all(len(q["in"]) == 3 for q in data["quotes"])
    cell = next(c for q in data["quotes"] for c in q["in"] if c)
    assert set(cell) == {"text", "speaker", "kind"}


# ---------------------------------------------------------------------------- commands


def test_reader_stories_json(corpus: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["stories", "--articles", str(corpus), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["articles"][0] == VALDORIA[0]
    assert set(found[0]["articles"]) == {*VALDORIA, FOLLOW_UP}
    assert [TRAM] in [s["articles"] for s in found]


def test_reader_stories_since_and_text(corpus: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["stories", "--articles", str(corpus), "--since", "2024-06-01", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert sorted(found[0]["articles"]) == sorted(SARNIA) and len(found) == 1
    assert main(["stories", "--articles", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "grouped: " in out and "Northern Herald" in out
    assert main(["stories", "--articles", str(corpus), "--since", "soon"]) == 2


def test_reader_compare_three_json(corpus: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["compare", *VALDORIA, "--articles", str(corpus), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"articles", "entities", "quotes"}
    assert main(["compare", *VALDORIA, "--articles", str(corpus), "--markdown"]) == 0
    assert "# Story comparison" in capsys.readouterr().out
    assert main(["compare", *VALDORIA, "--articles", str(corpus)]) == 0
    assert "Quoted statements" in capsys.readouterr().out
    seven = [*VALDORIA, FOLLOW_UP, *SARNIA, TRAM]
    assert main(["compare", *seven, "--articles", str(corpus)]) == 2


def test_reader_compare_two_keeps_its_json(
    corpus: Path, articles: dict[str, Article], capsys: pytest.CaptureFixture[str]
):
    assert main(["compare", *VALDORIA[:2], "--articles", str(corpus), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = comparison_json(compare(articles[VALDORIA[0]], articles[VALDORIA[1]]))
    assert data == json.loads(json.dumps(expected))


# ---------------------------------------------------------------------------- kept between runs


def test_refresh_places_only_new_and_changed_articles_and_reuses_stored_signatures(
    corpus: Path,
):
    from reader.analysis.stories.store import load_store, refresh, store_path

    path = store_path(corpus)
    index = StoryIndex()
    first = refresh(index, corpus, path)
    assert len(first) == 7 and len(load_store(path).files) == 7
    assert refresh(index, corpus, path) == []
    (corpus / f"{TRAM}.md").unlink()
    follow_up = corpus / f"{FOLLOW_UP}.md"
    follow_up.write_text(follow_up.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    placed = refresh(index, corpus, path)
    assert [p.article for p in placed] == [FOLLOW_UP]
    assert TRAM not in index.signatures
    assert index.story_of(FOLLOW_UP) == index.story_of(VALDORIA[0])
    computed: list[int] = []
    again = StoryIndex()
    refresh(again, corpus, path, progress=lambda d, t: computed.append(d))
    assert computed == [] and groups(again) == groups(index)


def _squares(batch: list[int]) -> list[int]:
    return [n * n for n in batch]


@pytest.mark.parametrize("processes", [1, 2])
def test_work_in_batches_hands_each_batch_back_in_order_as_it_comes(processes: int) -> None:
    from reader.analysis.stories import BATCH, PARALLEL_MIN, in_processes

    items = list(range(PARALLEL_MIN + BATCH // 2))
    seen: list[tuple[list[int], list[int]]] = []
    done: list[int] = []
    found = in_processes(
        _squares, items, processes, lambda d, t: done.append(d), lambda b, r: seen.append((b, r))
    )
    assert found == [n * n for n in items]
    assert [n for batch, _ in seen for n in batch] == items
    assert all(results == _squares(batch) for batch, results in seen)
    assert done == list(accumulate(len(batch) for batch, _ in seen)) and done[-1] == len(items)


def test_the_store_written_while_signing_reads_back_as_the_signatures_placed(
    corpus: Path,
) -> None:
    from reader.analysis.stories import store
    from reader.analysis.stories.store import _record, load_store, refresh, store_path

    path = store_path(corpus)
    index = StoryIndex()
    refresh(index, corpus, path)
    store._LAST.clear()
    stored = load_store(path)
    assert {rel: sig for rel, (_, _, sig) in stored.files.items()} == {
        f"{i}.md": sig for i, sig in index.signatures.items()
    }
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)[1:]
    assert sorted(lines) == sorted(_record(r, *seen) for r, seen in stored.files.items())


def test_a_damaged_store_is_ignored(corpus: Path):
    from reader.analysis.stories.store import load_store, refresh, store_path

    path = store_path(corpus)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert load_store(path).files == {}
    assert len(refresh(StoryIndex(), corpus, path)) == 7
    assert len(load_store(path).files) == 7


def test_a_story_comparison_is_cached_per_article_versions(articles: dict[str, Article]):
    reports = [articles[i] for i in VALDORIA]
    assert compare_story(reports) is compare_story(list(reports))
    assert compare_story(reports[:2]) is not compare_story(reports)


def test_the_matrix_reads_no_more_of_a_report_than_the_analysis_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from reader.analysis import limits
    from reader.corpus import load_article

    paths = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.txt"
        path.write_text(
            "Harbour closed\n\nMayor Ilse Varga closed the harbour on Monday after the storm.\n\n"
            + "The harbour stayed closed all week while crews worked. " * 40
            + "\n\nLater, Admiral Teodor Quill inspected the damage.\n",
            encoding="utf-8",
        )
        paths.append(path)
    reports = [load_article(p, tmp_path).article for p in paths]
    monkeypatch.setattr(limits, "MAX_ANALYSED_CHARS", 1500)
    names = {row.name for row in compare_story(reports).entities}
    assert "Ilse Varga" in names
    assert "Teodor Quill" not in names  # past the limit: not analysed


def test_the_store_appends_new_files_and_drops_gone_ones_when_rewritten(corpus: Path):
    from reader.analysis.stories import store
    from reader.analysis.stories.store import load_store, refresh, store_path

    path = store_path(corpus)
    index = StoryIndex()
    refresh(index, corpus, path)
    assert path.read_text(encoding="utf-8").count("\n") == 1 + 7
    extra = corpus / "extra.md"
    extra.write_text((corpus / f"{TRAM}.md").read_text(encoding="utf-8").replace("tram", "bus"))
    assert [p.article for p in refresh(index, corpus, path)] == ["extra"]
    assert path.read_text(encoding="utf-8").count("\n") == 1 + 8  # one record appended
    extra.unlink()
    refresh(index, corpus, path)
    assert "extra" not in index.signatures
    assert path.read_text(encoding="utf-8").count("\n") == 1 + 7  # rewritten without it
    store._LAST.clear()  # read from the file, as another run would
    assert sorted(load_store(path).files) == sorted(p.name for p in corpus.glob("*.md"))


def test_a_damaged_record_in_the_store_costs_only_that_file(corpus: Path):
    from reader.analysis.stories import store
    from reader.analysis.stories.store import load_store, refresh, store_path

    path = store_path(corpus)
    refresh(StoryIndex(), corpus, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:-1], lines[-1][: len(lines[-1]) // 2]]) + "\n")
    store._LAST.clear()
    assert len(load_store(path).files) == 6
    read: list[int] = []
    index = StoryIndex()
    refresh(index, corpus, path, progress=lambda done, total: read.append(total))
    assert read == [1] and len(index.signatures) == 7


def test_each_report_wording_marks_its_own_words():
    from reader.analysis.stories.matrix import Cell, QuoteRow, wording_against

    assert wording_against(
        "We will rebuild every home, and fast.", "We will rebuild every home"
    ) == (
        ("We will rebuild every home,", False),
        ("and fast.", True),
    )
    assert wording_against("“We WILL rebuild”", "we will rebuild.") == (
        ("“We WILL rebuild”", False),
    )
    row = QuoteRow(
        "the schools reopen on Monday",
        (
            None,
            Cell("the schools reopen on Monday", "Ilse Varga", "statement"),
            Cell("all the schools reopen next Monday", None, "unquoted"),
        ),
    )
    assert row.reference == 1
    first, own, other = row.wordings()
    assert first is None and own == (("the schools reopen on Monday", False),)
    assert other == (
        ("all", True),
        ("the schools reopen", False),
        ("next", True),
        ("Monday", False),
    )


def test_markdown_wordings_put_a_report_own_words_in_bold(articles: dict[str, Article]):
    reports = [articles[i] for i in VALDORIA]
    edited = reports[2]
    reports[2] = Article(
        edited.id, edited.path, edited.title, edited.outlet, edited.date, None,
        edited.text.replace("we will not stop", "we will never stop"), edited.digest + "e",
    )  # fmt: skip
    text = format_story_markdown(compare_story(reports))
    wordings = text.split("## Wordings", 1)[1]
    coastal = next(line for line in wordings.splitlines() if "Coastal Times" in line)
    assert "**never**" in coastal and "**not**" not in coastal
    herald = next(line for line in wordings.splitlines() if "Northern Herald" in line)
    assert "**" not in herald.split("”")[0]  # the first report is the reference


def test_reader_compare_of_three_says_when_the_analysis_limit_cuts_a_report(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from reader.analysis import limits

    monkeypatch.setattr(limits, "MAX_ANALYSED_CHARS", 400)
    assert main(["compare", *VALDORIA, "--articles", str(corpus)]) in (0, 1)
    err = capsys.readouterr().err
    assert f"reader: {VALDORIA[0]}: only the first" in err
    assert err.count("characters were analysed") == 3


def test_text_matrix_gives_each_statement_its_speaker_and_says_when_reports_differ(
    articles: dict[str, Article],
):
    reports = [articles[i] for i in VALDORIA]
    text = format_story_text(compare_story(reports))
    ostrand = next(line for line in text.splitlines() if "searching every building" in line)
    assert ostrand.endswith("— Maria Ostrand")
    edited = reports[2]
    reports[2] = Article(
        edited.id, edited.path, edited.title, edited.outlet, edited.date, None,
        edited.text.replace("President Maria Ostrand said", "Mayor Ilse Varga said"),
        edited.digest + "v",
    )  # fmt: skip
    text = format_story_text(compare_story(reports))
    ostrand = next(line for line in text.splitlines() if "searching every building" in line)
    assert "— speakers differ: " in ostrand
    assert "Maria Ostrand" in ostrand and "3 Ilse Varga" in ostrand
