"""Collecting a Whoosh query's best hits by hand: every match (as Whoosh's `TopCollector`
without block-quality skipping, same hits, same order, exact total), only the articles a
previous search matched (when the new query narrows it), or a first pass bounded in work.

The first pass scores at most `FIRST_MATCHES` matches and stops at `FIRST_SECONDS` once it has
one: first, with `LEADS` of that budget and time, the articles with a query word in the title
that match (where the best hits mostly are: a title match adds most to a score), in index
order; then a sample, short runs (`RUN` matches) at evenly spaced places of each index
segment. Its hits are the best of those, not of every match, and its total an estimate (the
matches per article of the stretches the sample read, times the articles). A query with fewer
matches than the budget is read whole by the sample, and the first pass is then complete.
Every loop polls `should_stop` (a newer keystroke) and raises `SearchStopped` when it says so.
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from heapq import heappush, heapreplace
from typing import Any

from reader.search.engine import SearchStopped

FIRST_MATCHES = 2000
"""Matches a first pass scores at most."""
FIRST_SECONDS: float | None = 0.04
"""Seconds a first pass scores for at most, once it has a match (it stops between two runs
of matches); None for no clock (the budget alone)."""
LEADS = 0.75
"""The share of a first pass's budget and time that its leads (title matches) may take: the
rest is the sample's, which estimates the total (at 50,000 articles 0.75 gave first pages
sharing 46-76% of the complete top 20 by query class, 0.5 gave 45-68%, the estimates as
close)."""
RUN = 32
"""Consecutive matches a first pass scores at each place it reads."""
POLL = 32
"""Matches (or candidates) between two looks at `should_stop` and the clock (a phrase's
candidate can take 0.1 ms)."""


@dataclass(slots=True)
class Scanned:
    """What a scan found: the best (score, global docnum) pairs, best first; the total
    (exact when `complete`, else an estimate); the docnums of every match when recorded
    and complete; how many matches were scored and candidates looked at."""

    top: list[tuple[float, int]]
    total: int
    complete: bool
    matched: array[int] | None
    scored: int
    examined: int


def scan(
    searcher: Any,
    compiled: Any,
    limit: int,
    *,
    first: bool = False,
    candidates: Sequence[int] | None = None,
    should_stop: Callable[[], bool] | None = None,
    record: bool = True,
    budget: int | None = None,
    seconds: float | None = -1.0,
    leads: Any = None,
) -> Scanned:
    """The best `limit` matches of a compiled Whoosh query.

    `candidates` (sorted global docnums, a superset of the query's matches) makes the scan
    look only at them; `first` bounds the work (`budget` matches, by default `FIRST_MATCHES`;
    `seconds`, by default `FIRST_SECONDS`, None for no clock; a scan of candidates stops at
    the clock only). `record` keeps the docnums of every match of a complete scan (for a
    later narrowing query). `leads`, a Whoosh query (the articles with a query word in their
    title), gives a first pass the articles it scores before its sample: up to `LEADS` of its
    budget and time, in index order, those that match the query."""
    budget = FIRST_MATCHES if budget is None else budget
    seconds = FIRST_SECONDS if seconds == -1.0 else seconds
    collector = _Collector(searcher, limit, should_stop, record)
    started = time.perf_counter()
    deadline = started + seconds if first and seconds is not None else None
    leaves = list(searcher.leaf_searchers())
    articles = sum(sub.doc_count_all() for sub, _ in leaves)
    # A first pass asks for matchers that step one match at a time: on a segment of fewer
    # than 5,000 articles Whoosh would read a union of more than two parts (the word being
    # typed and its completions, aliases) in blocks of 2,048 articles, which a sample skips.
    context = searcher.context(needs_current=first)
    try:
        for sub, offset in leaves:
            collector.poll(deadline)
            size = sub.doc_count_all()
            matcher = compiled.matcher(sub, context)
            if candidates is not None:
                low = bisect_left(candidates, offset)
                high = bisect_left(candidates, offset + size)
                collector.candidates(matcher, offset, candidates[low:high], deadline)
            elif first:
                share = max(RUN, budget * size // max(1, articles))
                seen: set[int] = set()
                if leads is not None:
                    most = int(share * LEADS)
                    ordered = sorted(_first_ids(leads.matcher(sub, context), most))
                    # The leads get `LEADS` of the segment's share of the time at most: the
                    # sample must have time to estimate the total.
                    until = None
                    if seconds is not None:
                        now = time.perf_counter()
                        until = started + seconds * (offset + size) / articles
                        until = now + (until - now) * LEADS
                    seen = set(ordered[: collector.leads(matcher, offset, ordered, until)])
                    matcher = compiled.matcher(sub, context)  # afresh, for the sample
                    share -= most if ordered else 0
                collector.sample(matcher, offset, size, share, deadline, seen)
            else:
                collector.every(matcher, offset)
    except _OutOfTime:
        collector.complete = False
    top = sorted(collector.items, reverse=True)
    found = [(score, -negated) for score, negated in top]
    complete = collector.complete
    if complete:
        total = collector.counted
    elif candidates is not None:
        total = round(collector.counted * len(candidates) / max(1, collector.examined))
    elif collector.covered:
        total = round(collector.counted * articles / collector.covered)
    else:  # out of time before the sample read a stretch: Whoosh's estimate (at most)
        total = int(compiled.estimate_size(searcher.reader()))
    total = max(total, len(collector.items))
    matched = collector.matched if complete else None
    return Scanned(found, total, complete, matched, collector.scored, collector.examined)


def _first_ids(matcher: Any, most: int) -> set[int]:
    """The first `most` documents a matcher matches (segment docnums)."""
    found: set[int] = set()
    while matcher.is_active() and len(found) < most:
        found.add(matcher.id())
        matcher.next()
    return found


class _OutOfTime(Exception):
    """A first pass reached its time limit."""


class _Collector:
    """The heap of the best matches and the counts, shared by the three ways to scan."""

    def __init__(
        self, searcher: Any, limit: int, should_stop: Callable[[], bool] | None, record: bool
    ) -> None:
        self.limit = max(1, limit)
        self.items: list[tuple[float, int]] = []  # (score, -docnum), as TopCollector's
        self.scored = 0
        """Matches scored."""
        self.counted = 0
        """Matches counted for the total (the leads of a first pass are not: its sample
        counts them again where it meets them)."""
        self.examined = 0
        self.covered = 0
        self.reached = 0
        """Candidates looked at by the last `candidates` (a first pass's leads)."""
        """Articles of the stretches a first pass read whole."""
        self.complete = True
        self.should_stop = should_stop
        self.matched: array[int] | None = array("i") if record else None
        weighting = searcher.weighting
        self.final = (
            (lambda docnum, score: weighting.final(searcher, docnum, score))
            if weighting.use_final
            else None
        )

    def poll(self, deadline: float | None) -> None:
        if self.should_stop is not None and self.should_stop():
            raise SearchStopped
        if deadline is not None and self.scored and time.perf_counter() > deadline:
            raise _OutOfTime  # (never before a first match: a first pass shows something)

    def _count(self, docnum: int) -> None:
        """Count a match for the total (and keep it)."""
        self.counted += 1
        if self.matched is not None:
            self.matched.append(docnum)

    def _take(self, matcher: Any, docnum: int, count: bool = True) -> None:
        """Score the matcher's current match (global `docnum`), counting it unless told."""
        if count:
            self._count(docnum)
        score = matcher.score()
        if self.final is not None:
            score = self.final(docnum, score)
        self.scored += 1
        items = self.items
        if len(items) < self.limit:
            heappush(items, (score, -docnum))
        elif score > items[0][0]:
            heapreplace(items, (score, -docnum))

    def every(self, matcher: Any, offset: int) -> None:
        """Every match of one segment."""
        countdown = POLL
        while matcher.is_active():
            self._take(matcher, offset + matcher.id())
            matcher.next()
            countdown -= 1
            if not countdown:
                countdown = POLL
                self.poll(None)

    def leads(self, matcher: Any, offset: int, local: Sequence[int], deadline: float | None) -> int:
        """Score the matches among a first pass's leads (sorted segment docnums; not counted
        for the total) until `deadline`; how many of them were looked at."""
        self.reached = 0
        try:
            self.candidates(matcher, offset, local, deadline, lead=True)
        except _OutOfTime:
            return self.reached
        return len(local)

    def candidates(
        self,
        matcher: Any,
        offset: int,
        local: Sequence[int],
        deadline: float | None,
        lead: bool = False,
    ) -> None:
        """The matches of one segment among candidate docnums (sorted; global, or for a
        first pass's leads, which are not counted, the segment's own)."""
        countdown = POLL
        shift = offset if lead else 0
        for docnum in local:
            if not matcher.is_active():
                break
            docnum += shift
            self.examined += not lead
            self.reached += 1
            sub = docnum - offset
            if matcher.id() < sub:
                matcher.skip_to(sub)
                if not matcher.is_active():
                    break
            if matcher.id() == sub:
                self._take(matcher, docnum, count=not lead)
            countdown -= 1
            if not countdown:
                countdown = POLL
                self.poll(deadline)

    def sample(
        self,
        matcher: Any,
        offset: int,
        size: int,
        share: int,
        deadline: float | None,
        seen: set[int],
    ) -> None:
        """Runs of `RUN` matches at evenly spaced places of one segment (`share` matches in
        all), counting the articles of the stretches read whole; the matches among `seen`
        (segment docnums scored already) are counted, not scored again. A run that reaches
        the next place has read its stretch whole: a query with few matches is read
        entirely."""
        places = max(1, -(-share // RUN))
        bounds = [size * i // places for i in range(places + 1)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            self.poll(deadline)
            if matcher.is_active() and matcher.id() < start:
                matcher.skip_to(start)
            taken = 0
            while matcher.is_active() and matcher.id() < end and taken < RUN:
                sub = matcher.id()
                if sub in seen:
                    self._count(offset + sub)
                else:
                    self._take(matcher, offset + sub)
                matcher.next()
                taken += 1
            if matcher.is_active() and matcher.id() < end:
                self.covered += matcher.id() - start
                self.complete = False
            else:
                self.covered += end - start
