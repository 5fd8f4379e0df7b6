"""`extract_quotes`: every quoted span of an article, its kind, its statement and its speaker."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple, Protocol

from reader.analysis.quotes.attribution import (
    final_attribution,
    head_span,
    signature_span,
    tail_span,
)
from reader.analysis.quotes.candidates import NOBODY, Candidate, CandidateFinder, QuoteSite
from reader.analysis.quotes.extent import ExtentChooser, model_extent, statement_edges
from reader.analysis.quotes.marks import quote_spans
from reader.analysis.quotes.model import PHRASE, PHRASE_MAX_WORDS, STATEMENT, Quote, Span
from reader.analysis.quotes.naming import named
from reader.analysis.quotes.scoring import model_chooser
from reader.analysis.quotes.sentences import clause_end, sentence_start, skip_space
from reader.analysis.quotes.speakers import (
    PreviousQuote,
    Resolver,
    Speaker,
    carried_speaker,
    person_subject,
    type_name,
)
from reader.analysis.quotes.verbs import ReportingVerbs, reporting_verbs
from reader.analysis.quotes.view import TextView, make_view
from reader.analysis.quotes.words import quote_words
from reader.text import lines

if TYPE_CHECKING:
    from reader.analysis.entities import ArticleEntities, Mention


def _is_title(words: list[str]) -> bool:
    """'American Misadventure in Iraq': every word capitalised but the small linking ones."""
    lex = quote_words()
    return (
        bool(words)
        and len(words) <= 12
        and all(
            w[:1].isupper() or w.lower() in lex.name_links | lex.title_small_words for w in words
        )
        and words[0][:1].isupper()
    )


def extract_quotes(
    text: str,
    entities: ArticleEntities | None = None,
    chooser: Chooser | None = None,
    extents: ExtentChooser | None = None,
) -> list[Quote]:
    """Every quoted span of the cleaned `text`, in order, each with its speaker when the text says.

    `entities` are the article's entities (`reader.analysis.entities.analyse(text)`); they are
    computed when not given. `chooser` picks each quote's speaker among its candidates (the
    shipped speaker model by default; bench/train_speakers.py passes a recorder), `extents` each
    statement's start and end among its candidate edges (the shipped statement model by
    default; bench/train_statements.py passes a recorder). Never raises,
    whatever the marks: offsets always lie inside `text`.
    """
    if entities is None:
        from reader.analysis.entities import analyse

        entities = analyse(text)
    names = {e.key: e.name for e in entities.entities}
    view = make_view(text)
    if view.kept is None:
        return _extract(text, tuple(entities.mentions), names, chooser, extents)
    mentions = tuple(_mention_in_view(m, view) for m in entities.mentions)
    found = _extract(view.text, mentions, names, chooser, extents)
    return [_quote_in_source(q, view, text) for q in found]


def _mention_in_view(mention: Mention, view: TextView) -> Mention:
    start, end = view.to_view_start(mention.start), view.to_view_end(mention.end)
    return replace(mention, start=start, end=end, text=view.text[start:end])


def _quote_in_source(quote: Quote, view: TextView, text: str) -> Quote:
    """A quote found in the view, with its offsets in the source text."""

    def start(pos: int | None) -> int | None:
        return None if pos is None else view.to_source_start(pos)

    def end(pos: int | None) -> int | None:
        return None if pos is None else view.to_source_end(pos)

    return replace(
        quote,
        start=view.to_source_start(quote.start),
        end=view.to_source_end(quote.end),
        speaker_start=start(quote.speaker_start),
        speaker_end=end(quote.speaker_end),
        statement_start=start(quote.statement_start),
        statement_end=end(quote.statement_end),
    )


class Chooser(Protocol):
    """Picks a quote's speaker among its candidates (the model, or a recorder for training)."""

    def __call__(
        self, site: QuoteSite, found: list[Candidate], rule: Speaker | None
    ) -> Candidate | None: ...


class _Article(NamedTuple):
    """What every quote of one article is read against."""

    text: str
    resolver: Resolver
    verbs: ReportingVerbs
    line_spans: list[tuple[int, int]]
    bounds: list[tuple[int, int]]
    salience: dict[str, int]


class _Found(NamedTuple):
    speaker: Speaker | None
    statement: tuple[int, int]
    rule: str


def _extract(
    text: str,
    mentions: tuple[Mention, ...],
    names: dict[str, str],
    chooser: Chooser | None = None,
    extents: ExtentChooser | None = None,
) -> list[Quote]:
    """The quotes of `text` (the view the rules read), with offsets into it."""
    resolver = Resolver(text, mentions, names)
    spans = quote_spans(text)
    salience: dict[str, int] = {}
    for mention in mentions:
        salience[mention.key] = salience.get(mention.key, 0) + 1
    article = _Article(
        text, resolver, reporting_verbs(), lines(text), [(s, e) for s, e, _ in spans], salience
    )
    choose = chooser or model_chooser
    extent = extents or model_extent
    finder = CandidateFinder(text, resolver, article.verbs, article.bounds, salience)
    quotes: list[Quote] = []
    previous: PreviousQuote | None = None
    line_index = 0
    for index, (start, end, pieces) in enumerate(spans):
        inner_text = " ".join(text[s:e] for s, e in pieces).rstrip(" ,")
        tokens = inner_text.split()
        bare = [t.strip(",.:;!?") or t for t in tokens]
        kind = PHRASE if len(tokens) <= PHRASE_MAX_WORDS or _is_title(bare) else STATEMENT
        while article.line_spans[line_index][1] <= start:
            line_index += 1
        last_piece = pieces[-1]
        # the last character inside the marks, through a nested quote's close: '... the
        # phrase ‘shall not be infringed,’”' ends in a comma
        inner_end = text[last_piece[0] : last_piece[1]].rstrip("’'")[-1:]
        end_line = next(e for _, e in article.line_spans[line_index:] if end <= e)
        found = _rule_speaker(
            article, index, kind, inner_text, bare, inner_end, (line_index, end_line), previous
        )
        site = QuoteSite(
            start,
            end,
            kind,
            Span(*article.line_spans[line_index]),
            inner_end,
            None if found.speaker is None else Span(found.speaker.start, found.speaker.end),
            found.rule,
            None if previous is None or previous.speaker is None else previous.speaker.key,
        )
        options = finder.candidates(site)
        chosen = choose(site, options, found.speaker)
        rule = found.speaker
        if rule is not None and _fragment(finder, Span(rule.start, rule.end)):
            rule = None  # the patterns found a fragment ('in the Clinton ad')
        speaker = (
            _labelled(text, start, resolver)
            or _signed(article, end, index)
            or _speaker_of(chosen, rule, article)
        )
        if found.rule not in ("tail", "head") and len(bare) > 1 and _is_title(bare):
            # a title no verb gives anyone: 'eliminated from “Dancing with the Stars”'
            speaker = None
        statement = found.statement  # the quoted words, when nobody is said to speak them
        if speaker is not None:
            line = article.line_spans[line_index]
            edges = statement_edges(text, (start, end), statement, speaker.end, line, end_line)
            statement = extent(edges)
        if not (speaker is None and kind == PHRASE and len(bare) > 1 and _is_title(bare)):
            # a title nobody is said to speak ('on “The Morning Show”') is no one's words
            quotes.append(_make_quote(start, end, inner_text, kind, speaker, statement))
        previous = PreviousQuote(end, line_index, speaker)
    return quotes


_LABEL = re.compile(r"[\"“'‘]\s*([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)?):\s")


def _labelled(text: str, start: int, resolver: Resolver) -> Speaker | None:
    """The speaker a transcript names at the head of the quote ('"PENCE: Well, look, ...'):
    the person the article names so ('Mike Pence'), or the label itself."""
    label = _LABEL.match(text, start)
    if label is None or len(label.group(1).rstrip(".")) < 2:
        return None
    words = label.group(1).split()
    surname = words[-1].casefold()
    for mention in resolver.mentions:
        if type_name(mention) == "person" and mention.text.split()[-1].casefold() == surname:
            name = resolver.names.get(mention.key, mention.text)
            return Speaker(name, mention.key, label.start(1), label.end(1))
    return Speaker(" ".join(w.title() for w in words), None, label.start(1), label.end(1))


def _signed(article: _Article, end: int, index: int) -> Speaker | None:
    """The name that signs the quote ending at `end` after a dash ('“...” – Mel****'), which
    no verb introduces and the speaker model was never shown."""
    bounds = article.bounds
    limit = bounds[index + 1][0] if index + 1 < len(bounds) else len(article.text)
    span = signature_span(article.text, end, limit)
    return None if span is None else article.resolver.speaker(span, bounds)


def _fragment(finder: CandidateFinder, span: Span) -> bool:
    """True for a phrase that cannot speak, or that a verb of saying cuts in two."""
    return not finder.memo.can_speak(span) or finder.memo.splits(span)


def _speaker_of(
    chosen: Candidate | None, rule: Speaker | None, article: _Article
) -> Speaker | None:
    """The speaker a chosen candidate names: the rules' own when it is theirs."""
    if chosen is None or chosen.kind == NOBODY:
        return None
    if rule is not None and chosen.start < rule.end and rule.start < chosen.end:
        speaker: Speaker | None = rule
    else:
        speaker = article.resolver.speaker(Span(chosen.start, chosen.end), article.bounds)
    if speaker is None:
        return None
    return named(article.text, speaker, article.resolver, article.bounds)


def _rule_speaker(
    article: _Article,
    index: int,
    kind: str,
    inner_text: str,
    bare: list[str],
    inner_end: str,
    lines_at: tuple[int, int],
    previous: PreviousQuote | None,
) -> _Found:
    """The speaker the attribution patterns find, the statement, and which pattern found it.

    `lines_at` is the index of the line the quote opens in and the end of the line it closes in.
    """
    text, verbs, bounds = article.text, article.verbs, article.bounds
    start, end = bounds[index]
    line_index, end_line = lines_at
    line_start = article.line_spans[line_index][0]
    next_start = bounds[index + 1][0] if index + 1 < len(bounds) else len(text)
    floor = sentence_start(text, start, line_start)
    statement = (start, end)
    rule = "tail"
    span = tail_span(text, end, min(end_line, next_start), inner_end, verbs)
    if span is not None and kind == STATEMENT:
        lead = max(floor, previous.end if previous else floor)
        if re.search(r"\w", text[lead:start]) and not verbs.find_verbs(text, lead, start):
            statement = (skip_space(text, lead), end)  # 'The plan is “dangerous,” he said'
    else:
        head = None
        if previous is not None and previous.end > floor:
            head = head_span(text, previous.end, start, verbs)
        head = head or head_span(text, floor, start, verbs)
        if head is not None:
            span, cue = head
            rule = "head"
            statement = (min(cue, start), max(end, clause_end(text, end, end_line)))
        elif span is None:  # a phrase too: 'Sales were “stagnant” for a month, he said.'
            span = final_attribution(text, end, min(end_line, next_start), verbs)
            rule = "final"
    speaker = article.resolver.speaker(span, bounds)
    if speaker is None and text[floor:start].strip() and not _is_title(bare):
        # 'Bernie Sanders ... enjoys “...”': words quoted inside a sentence whose subject
        # is a person are that person's, whatever the verb.
        speaker = person_subject(text, floor, start, article.resolver, bounds)
        rule = "subject"
        if speaker is not None:
            statement = (skip_space(text, speaker.end), max(end, clause_end(text, end, end_line)))
    if speaker is None:
        statement = (start, end)
        # '“They sue,” he said. “Everybody sues, right?”': a short quoted sentence standing
        # alone after its speaker's quote in the same line
        sentence = (
            re.match(r"[A-Z].*[.!?]$", inner_text) is not None
            and previous is not None
            and previous.line == line_index
            and not text[end : min(end_line, next_start)].strip()
        )
        if kind == STATEMENT or sentence:
            speaker = carried_speaker(
                text,
                start,
                line_index,
                article.line_spans,
                previous,
                article.resolver,
                bounds,
                verbs,
            )
            rule = "carried"
    return _Found(speaker, statement, rule if speaker is not None else "none")


def _make_quote(
    start: int,
    end: int,
    inner: str,
    kind: str,
    speaker: Speaker | None,
    statement: tuple[int, int],
) -> Quote:
    extent = (None, None) if statement == (start, end) else statement
    if speaker is None:
        return Quote(start, end, inner, kind, None, None, None, None, *extent)
    return Quote(
        start, end, inner, kind, speaker.name, speaker.key, speaker.start, speaker.end, *extent
    )
