"""Which statements two articles share: exact, partial, reworded, and quoted in one only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.entities import analyse
from reader.analysis.matching import EXACT, PARTIAL, REWORDED, UNQUOTED, match_quotes
from reader.analysis.quotes import extract_quotes


def matches(text_a: str, text_b: str):
    quotes_a = extract_quotes(text_a, analyse(text_a))
    quotes_b = extract_quotes(text_b, analyse(text_b))
    return match_quotes(text_a, quotes_a, text_b, quotes_b)


def test_same_words_with_other_marks_case_and_spacing_are_exact():
    a = '"We will not accept this  violation of our airspace," the ministry said.'
    b = "“We will NOT accept this violation of our airspace”, the ministry said on Friday."
    [match] = matches(a, b)
    assert match.kind == EXACT
    assert match.similarity == 1.0
    assert a[match.a_start : match.a_end] == '"We will not accept this  violation of our airspace,"'
    assert match.a is not None and match.b is not None


def test_part_of_a_quote_quoted_by_the_other_is_partial_with_matched_ranges():
    a = (
        "“We express our deep concern about the Russian military presence in Syria, and "
        "especially the attacks on civilians,” the statement read."
    )
    b = "The leaders said they had “deep concern about the Russian military presence in Syria”."
    [match] = matches(a, b)
    assert match.kind == PARTIAL
    shared = "deep concern about the Russian military presence in Syria"
    assert a[match.a_start : match.a_end] == shared
    assert b[match.b_start : match.b_end] == shared


def test_a_quote_split_around_its_attribution_matches_the_whole_quote():
    whole = (
        "Tom Hale spoke on Monday.\n\n“Actually, I don't, and that's why we are here,” Hale said."
    )
    split = (
        "Tom Hale was asked about it.\n\n"
        "“Actually, I don't,” the president replied, “and that's why we're here.”"
    )
    in_whole = "Actually, I don't, and that's why"
    in_split = "Actually, I don't,” the president replied, “and that's why"
    [match] = matches(whole, split)
    assert (whole[match.a_start : match.a_end], split[match.b_start : match.b_end]) == (
        in_whole,
        in_split,
    )
    [match] = matches(split, whole)  # the article that splits it may be either
    assert (split[match.a_start : match.a_end], whole[match.b_start : match.b_end]) == (
        in_split,
        in_whole,
    )


def test_two_quotes_of_two_sentences_are_not_joined():
    a = "Tom Hale spoke on Monday.\n\n“Actually, I don't, and that's why we are here,” Hale said."
    b = (
        "Tom Hale was asked about it.\n\n"
        "“Actually, I don't,” the president replied. “And that's why we're here.”"
    )
    assert matches(a, b) == []


def test_translated_statement_is_reworded_with_a_word_diff():
    a = (
        "“These military operations may lead to the further escalation and give grounds for "
        "extremism and radicalization,” the joint statement reads."
    )
    b = (
        "“These military actions constitute a further escalation and will only fuel more "
        "extremism and radicalisation,” said the statement."
    )
    [match] = matches(a, b)
    assert match.kind == REWORDED
    assert 0.3 < match.similarity < 0.9
    assert ("equal", "extremism and radicalization", "extremism and radicalisation") in match.diff
    assert ("replace", "operations may lead to the", "actions constitute a") in match.diff


def test_quote_that_appears_without_marks_in_the_other_is_flagged_unquoted():
    a = (
        "“These military actions constitute a further escalation and will only fuel more "
        "extremism and radicalisation,” said the statement."
    )
    b = (
        "The joint statement said that Russia's military actions in the region would only fuel "
        "more extremism and radicalisation in Syria."
    )
    [match] = matches(a, b)
    assert match.kind == UNQUOTED
    assert match.b is None and match.a is not None
    assert "only fuel more extremism" in b[match.b_start : match.b_end]


def test_both_quoting_the_same_short_phrase_is_shown():
    a = "Hollande said the strikes should “only hit” Islamic State militants."
    b = "The strikes will “only hit” militant groups, Hollande insisted on Friday."
    [match] = matches(a, b)
    assert (match.kind, match.a.text, match.b.text) == (EXACT, "only hit", "only hit")
    assert not match.speakers_differ


def test_a_short_phrase_two_people_said_is_not_shared():
    a = "Senator Ann Blake warned against “radical change” in the party platform."
    b = "Governor Carl Dunn said the bill was “radical change” for the farmers of his state."
    assert matches(a, b) == []


def test_a_short_phrase_one_side_leaves_unattributed_is_shared():
    a = "Senator Ann Blake warned against “radical change” in the party platform."
    b = "The vote brought “radical change” to the farms of the state within a year."
    [match] = matches(a, b)
    assert match.kind == EXACT and not match.speakers_differ


def test_one_quoted_word_is_shared_only_when_both_give_it_to_the_same_speaker():
    label = "The “obstructionists” on the council lost the vote on Monday."
    said = "Mayor Ann Blake called her critics “obstructionists” at the meeting on Monday."
    assert matches(label, said) == []  # a label in one, a speaker's word in the other
    again = "Ann Blake had used the word “obstructionists” for her critics, she told the press."
    [match] = matches(said, again)
    assert match.kind == EXACT and not match.speakers_differ


def test_a_shared_statement_with_two_speakers_says_so():
    a = "“The tax cut will pay for itself within ten years,” Ann Blake said on Monday."
    b = "“The tax cut will pay for itself within ten years,” Carl Dunn told reporters."
    [match] = matches(a, b)
    assert match.speakers_differ
    assert (match.a.speaker, match.b.speaker) == ("Ann Blake", "Carl Dunn")


def test_common_phrases_alone_never_make_a_match():
    a = (
        "“We will stand with our allies, and the United States will not back down,” Kerry said. "
        "He called it “the United States”."
    )
    b = (
        "“We will keep the pressure on Damascus until the United States sees real change,” "
        "Lavrov said. Officials said “we will”."
    )
    assert matches(a, b) == []


def test_different_statements_on_the_same_topic_do_not_match():
    a = "“Russian air strikes in Syria killed dozens of civilians in Homs,” the group said."
    b = "“Russia will continue air strikes in Syria until the terrorists are defeated,” he said."
    assert matches(a, b) == []


def test_joint_statement_in_the_sample_articles(samples):
    from reader.corpus import load_article

    sputnik, _ = load_article(samples / "sputnik-joint-statement.txt", samples)
    mee, _ = load_article(samples / "mee-leaders-call-on-russia.txt", samples)
    found = matches(sputnik.text, mee.text)
    reworded = [m for m in found if m.kind == REWORDED]
    assert len(reworded) == 1
    match = reworded[0]
    assert sputnik.text[match.a_start : match.a_end].startswith(
        "These military operations may lead"
    )
    assert mee.text[match.b_start : match.b_end].startswith("These military actions constitute")
    assert (match.a.speaker, match.b.speaker) == ("the joint statement", "the statement")


PIECES = st.lists(
    st.sampled_from(
        [
            "a",
            "b",
            " ",
            '"',
            "“",
            "”",
            "'",
            "’",
            ".",
            "\n",
            " we will",
            " Syria strikes",
            " civilians were killed",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(PIECES, PIECES)
def test_matched_ranges_always_lie_inside_both_texts(a, b):
    for match in matches(a, b):
        assert 0 <= match.a_start <= match.a_end <= len(a)
        assert 0 <= match.b_start <= match.b_end <= len(b)


def test_two_descriptions_of_one_document_are_not_different_speakers():
    a = "“These strikes will only fuel more extremism in the region,” the joint statement said."
    b = "“These strikes will only fuel more extremism in the region,” the statement said."
    [match] = matches(a, b)
    assert not match.speakers_differ


def _quoted_lines(seed: int, count: int) -> str:
    """An article of `count` quoted sentences drawn from a small vocabulary: every quote shares
    runs of words with many quotes of another such article, the worst case for matching."""
    import random

    rng = random.Random(seed)
    words = [
        "the",
        "minister",
        "said",
        "talks",
        "would",
        "resume",
        "next",
        "week",
        "after",
        "a",
        "long",
        "pause",
    ]
    people = ["Ana Ruiz", "Tomas Berg", "Lena Park"]
    lines = []
    for _ in range(count):
        quote = " ".join(rng.choice(words) for _ in range(14)).capitalize()
        lines.append(f"\u201c{quote},\u201d {rng.choice(people)} said.")
    return "Title\n\n" + "\n\n".join(lines)


def test_a_stronger_partner_is_found_among_overlapping_quotes_only():
    """Weighing each match against the matches whose quotes overlap it keeps exactly the
    matches that weighing it against every match keeps (the quadratic way it was done)."""
    from reader.analysis.matching import match as matching

    def every_rival(found):
        strength = matching._strength
        return [
            m
            for m in found
            if m.kind == EXACT
            or matching._has_phrase(m)
            or not any(strength(o) > strength(m) and matching._holds(o, m) for o in found)
        ]

    text_a, text_b = _quoted_lines(1, 40), _quoted_lines(2, 40)
    qa, qb = extract_quotes(text_a, analyse(text_a)), extract_quotes(text_b, analyse(text_b))
    captured = []
    original = matching._best_partners

    def spy(found):
        captured.append(list(found))
        return original(found)

    matching._best_partners = spy
    try:
        match_quotes(text_a, qa, text_b, qb)
    finally:
        matching._best_partners = original
    (found,) = captured
    assert len(found) > 100  # the case is a hard one
    assert original(found) == every_rival(found)


def test_one_quote_is_aligned_with_a_bounded_number_of_quotes():
    """Two articles of quotes alike by the hundred: each quote of A is aligned with at most
    MAX_PARTNERS quotes of B, so comparing them stays linear in their size."""
    from reader.analysis.matching import match as matching

    text_a, text_b = _quoted_lines(3, 120), _quoted_lines(4, 120)
    qa, qb = extract_quotes(text_a, analyse(text_a)), extract_quotes(text_b, analyse(text_b))
    pairs: list[tuple[int, int]] = []
    original = matching._pair

    def counted(da, i, db, j):
        pairs.append((i, j))
        return original(da, i, db, j)

    matching._pair = counted
    try:
        found = match_quotes(text_a, qa, text_b, qb)
    finally:
        matching._pair = original
    per_quote = max(sum(1 for i, _ in pairs if i == k) for k, _ in pairs)
    assert per_quote == matching.MAX_PARTNERS  # without the bound, about a third of B's 120
    assert found  # and the alike quotes are still matched
