"""Property tests: a quote's offsets land on the quoted words as printed, in tokenised text
(marks and punctuation standing apart: `“ How dare you , ” she said .`) as in ordinary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.quotes import extract_quotes
from tests.test_quotes import NO_ENTITIES

WORDS = st.lists(
    st.sampled_from(
        [
            "we",
            "will",
            "not",
            "back",
            "down",
            "from",
            "this",
            "fight",
            "and",
            "the",
            "people",
            "know",
            "it",
            "very",
            "well",
        ]
    ),
    min_size=4,
    max_size=12,
)
MARKS = st.sampled_from([("“", "”"), ('"', '"'), ("«", "»")])


def _sentence(words: list[str], marks: tuple[str, str], tokenised: bool) -> str:
    opener, closer = marks
    if tokenised:
        return f"{opener} {' '.join(words)} , {closer} she said ."
    return f"{opener}{' '.join(words)},{closer} she said."


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(WORDS, MARKS), min_size=1, max_size=4), st.booleans())
def test_offsets_land_on_the_quoted_words(quotes, tokenised):
    lead = "The mayor spoke at noon ." if tokenised else "The mayor spoke at noon."
    parts = [lead] + [_sentence(words, marks, tokenised) for words, marks in quotes]
    text = " ".join(parts)
    found = extract_quotes(text, NO_ENTITIES)
    assert len(found) == len(quotes)
    for quote, (words, (opener, closer)) in zip(found, quotes, strict=True):
        printed = text[quote.start : quote.end]
        assert printed.startswith(opener) and printed.endswith(closer)
        inside = [w.strip(",") for w in printed[1:-1].split()]
        assert [w for w in inside if w] == words  # the words, in order, and nothing else
        assert quote.text == " ".join(words)
        assert quote.speaker_start is not None and quote.speaker_end is not None
        assert text[quote.speaker_start : quote.speaker_end] == "she"
        start, end = quote.statement
        assert 0 <= start <= quote.start < quote.end <= end <= len(text)


@settings(max_examples=100, deadline=None)
@given(WORDS, st.text(alphabet=" ,.;:!?'\"“”«»abc", max_size=30), st.booleans())
def test_offsets_stay_inside_the_text_whatever_surrounds_the_quote(words, noise, tokenised):
    text = noise + " " + _sentence(words, ("“", "”"), tokenised) + " " + noise
    for quote in extract_quotes(text, NO_ENTITIES):
        assert 0 <= quote.start < quote.end <= len(text)
        if quote.speaker_start is not None and quote.speaker_end is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)
        words_inside = text[quote.start : quote.end]
        assert quote.text.replace(" ", "") in "".join(words_inside.split()) or quote.text == ""
