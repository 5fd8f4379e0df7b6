"""The story index: articles placed into stories one at a time, as they arrive.

Each new article is compared only with the articles that share its key words (an inverted
index over each article's most distinctive words), and joins the story of those whose score
reaches the model's threshold (a mix of single and average link over the story's members), or
starts a story of its own. Nothing already placed is compared again: adding a hundred articles
to ten thousand costs a hundred placements, and a test of each story they joined: when the
model says so (`StoryModel.split`), a story that has come to hold two groups of reports much
less alike across than within (two events of one kind, joined by their first reports before
the second event's reports showed how they differ) is cut in two.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, mul
from typing import Any

from reader.analysis.stories.model import FEATURES, PairFeatures, StoryModel, story_model
from reader.analysis.stories.signature import Signature

VECTOR_TERMS = 150
"""Words of an article's TF-IDF vector kept for the cosine (the heaviest)."""
KEY_TERMS = 20
"""An article's most distinctive words (by TF-IDF) that the inverted index holds."""
MAX_POSTING = 400
"""A key word held by more articles than this is too common to find partners by."""
CANDIDATES = 30
"""Articles sharing the most key words, compared in full with a new article."""
STORIES = 4
"""Stories of those candidates a new article may join."""
MEMBERS = 10
"""Members of a story compared with a new article (the first ones placed)."""
PHRASE_TERMS = 80
"""Word pairs of an article's phrase vector kept for the cosine (the heaviest)."""
NAME_FLOOR = 8.0
"""Smallest weight of entity keys a share of entities is taken of (few names saturate less)."""
SPLIT_MAX = 60
"""Reports of a story the split test compares pairwise (the first placed); later reports follow
the group their first `MEMBERS` reports score them closest to."""

Tree = tuple[tuple[int, ...], "Tree | None", "Tree | None"]
"""A node of an average-link tree: its leaves (indices), and its two branches (None, None for
a leaf)."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an article went: its story, the story's score, and its closest member."""

    article: str
    story: str
    score: float
    partner: str | None


def _main(a: Signature, b: Signature) -> float:
    """Share of the two articles' main actors that the other article names (0 without any)."""
    actors = len(a.main) + len(b.main)
    if not actors:
        return 0.0
    return (len(a.main & b.entities.keys()) + len(b.main & a.entities.keys())) / actors


def _share(a: frozenset[Any], b: frozenset[Any]) -> float | None:
    """Jaccard share of two sets of written values (None when either is empty)."""
    if not a or not b:
        return None
    return _jaccard(a, b)


def _jaccard(a: frozenset[Any], b: frozenset[Any]) -> float:
    both = len(a & b)
    return both / (len(a) + len(b) - both)


_LOG_TF = [0.0, *(1.0 + math.log(tf) for tf in range(1, 256))]
"""1 + log(tf) for the counts most words have (the sublinear tf of `StoryIndex.vector`)."""


def _order(sig: Signature) -> tuple[bool, float, str]:
    return sig.when is None, sig.when or 0.0, sig.id


class StoryIndex:
    """Articles grouped into stories, placed incrementally (`add`)."""

    def __init__(self, model: StoryModel | None = None) -> None:
        self.model = model or story_model()
        self.signatures: dict[str, Signature] = {}
        self.placements: dict[str, Placement] = {}
        self._df: Counter[str] = Counter()
        self._edf: Counter[str] = Counter()
        self._pdf: Counter[int] = Counter()
        self._vectors: dict[str, dict[str, float]] = {}
        self._phrase_vectors: dict[str, dict[int, float]] = {}
        self._phrase_idf: list[float] = []
        self._idf: dict[str, float] = {}
        self._eidf: dict[str, float] = {}
        self._title_weight: dict[str, float] = {}
        self._name_weight: dict[str, float] = {}
        self._weights_size = 0
        self._runs: dict[str, frozenset[int]] = {}
        self._postings: defaultdict[str, list[str]] = defaultdict(list)
        self._keys: dict[str, list[str]] = {}
        self._key_sets: dict[str, frozenset[str]] = {}
        self._story_of: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._model_weights: tuple[StoryModel, tuple[float, ...]] | None = None

    # ---------------------------------------------------------------- adding and removing

    def add(self, signatures: Iterable[Signature]) -> list[Placement]:
        """Place new articles (oldest first); an id already placed with another digest is
        taken out and placed again."""
        new = []
        for sig in signatures:
            old = self.signatures.get(sig.id)
            if old is not None and old.digest == sig.digest:
                continue
            if old is not None:
                self.remove([sig.id])
            new.append(sig)
            self.signatures[sig.id] = sig
            self._df.update(sig.terms.keys())
            self._edf.update(sig.entities.keys())
            self._pdf.update(sig.phrases)
            self._runs[sig.id] = frozenset().union(*sig.quotes)
        if len(self.signatures) > self._weights_size * 1.1:
            self._refresh()
        placed = [self._place(sig) for sig in sorted(new, key=_order)]
        if self.model.split is not None:
            for story in dict.fromkeys(p.story for p in placed):
                self._split(story)
        return [self.placements[p.article] for p in placed]

    def remove(self, ids: Iterable[str]) -> None:
        """Take articles out (deleted or changed files); their stories keep the others."""
        for article_id in ids:
            sig = self.signatures.pop(article_id, None)
            if sig is None:
                continue
            self._df.subtract(sig.terms.keys())
            self._edf.subtract(sig.entities.keys())
            self._pdf.subtract(sig.phrases)
            self._runs.pop(article_id, None)
            self._vectors.pop(article_id, None)
            self._phrase_vectors.pop(article_id, None)
            for term in self._keys.pop(article_id, []):
                self._postings[term].remove(article_id)
            self._key_sets.pop(article_id, None)
            self.placements.pop(article_id, None)
            story = self._story_of.pop(article_id)
            members = self._members[story]
            members.remove(article_id)
            if not members:
                del self._members[story]

    # ---------------------------------------------------------------- reading

    def story_of(self, article_id: str) -> str:
        """The id of the story an article is in."""
        return self._story_of[article_id]

    def members(self) -> dict[str, list[str]]:
        """Story id -> its article ids, in the order they were placed."""
        return {story: list(ids) for story, ids in self._members.items()}

    def features(self, a: Signature, b: Signature) -> PairFeatures:
        """What two placed (or being placed) articles share."""
        days = None if a.when is None or b.when is None else abs(a.when - b.when)
        runs = self._runs.get(b.id) or frozenset().union(*b.quotes)
        return PairFeatures(
            self._cosine(a, b),
            self._title(a, b),
            self._names(a, b),
            _main(a, b),
            sum(1 for q in a.quotes if q & runs) if runs else 0,
            days,
            self._phrase_cosine(a, b),
            _share(a.years, b.years),
            _share(a.weekdays, b.weekdays),
            _share(a.numbers, b.numbers),
        )

    def probability(self, a: Signature, b: Signature) -> float:
        """The model's probability that two placed (or being placed) articles report one
        story: `model.probability(features(a, b))`, the same number computed without the
        intermediate objects (it is most of the time of placing)."""
        model = self.model
        weights = self._model_weights
        if weights is None or weights[0] is not model:
            weights = self._model_weights = (
                model,
                tuple(model.weights.get(name, 0.0) for name in FEATURES),
            )
        (
            w_text,
            w_title,
            w_names,
            w_main,
            w_quotes,
            w_days,
            w_undated,
            w_phrases,
            w_years,
            w_both_years,
            w_weekdays,
            w_both_weekdays,
            w_numbers,
            w_both_numbers,
        ) = weights[1]
        if a.when is None or b.when is None:
            apart, undated = 0.0, 1.0
        else:
            apart, undated = math.log1p(abs(a.when - b.when)), 0.0
        runs = self._runs.get(b.id) or frozenset().union(*b.quotes)
        quotes = sum(1 for q in a.quotes if q & runs) if runs else 0
        z = 0.0
        z += w_text * self._cosine(a, b)
        z += w_title * self._title(a, b)
        z += w_names * self._names(a, b)
        z += w_main * _main(a, b)
        z += w_quotes * (min(quotes, 3) / 3)
        z += w_days * apart
        z += w_undated * undated
        if w_phrases:
            z += w_phrases * self._phrase_cosine(a, b)
        ya, yb = a.years, b.years  # the years, weekdays and numbers both write
        if ya and yb:
            z += w_both_years + w_years * _jaccard(ya, yb)
        da, db = a.weekdays, b.weekdays
        if da and db:
            z += w_both_weekdays + w_weekdays * _jaccard(da, db)
        na, nb = a.numbers, b.numbers
        if na and nb:
            z += w_both_numbers + w_numbers * _jaccard(na, nb)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, model.bias + z))))

    # ---------------------------------------------------------------- weights

    def _refresh(self) -> None:
        """Forget the weights computed with older document frequencies (the corpus grew)."""
        self._vectors.clear()
        self._phrase_vectors.clear()
        self._idf.clear()
        self._eidf.clear()
        self._title_weight.clear()
        self._name_weight.clear()
        self._weights_size = len(self.signatures)

    def idf(self, term: str) -> float:
        """Inverse document frequency of a word over the placed articles (as of the last
        refresh of the weights)."""
        value = self._idf.get(term)
        if value is None:
            value = math.log((self._weights_size + 1) / (self._df[term] + 1)) + 1.0
            self._idf[term] = value
        return value

    def _entity_idf(self, key: str) -> float:
        value = self._eidf.get(key)
        if value is None:
            value = math.log((self._weights_size + 1) / (self._edf[key] + 1)) + 1.0
            self._eidf[key] = value
        return value

    def vector(self, sig: Signature) -> dict[str, float]:
        """The article's TF-IDF vector (sublinear tf) of length one, cut to its `VECTOR_TERMS`
        heaviest words, heaviest first (the rest add little to a cosine and much to its cost)."""
        vector = self._vectors.get(sig.id)
        if vector is None:
            known, idf, log = self._idf, self.idf, math.log
            logs, top = _LOG_TF, len(_LOG_TF)
            raw = {
                t: (logs[tf] if 0 < tf < top else 1.0 + log(tf)) * (known.get(t) or idf(t))
                for t, tf in sig.terms.items()
            }
            norm = math.sqrt(sum(map(mul, raw.values(), raw.values()))) or 1.0
            if len(raw) > VECTOR_TERMS:
                kept = heapq.nlargest(VECTOR_TERMS, raw, key=raw.__getitem__)
            else:
                kept = sorted(raw, key=raw.__getitem__, reverse=True)
            vector = {t: raw[t] / norm for t in kept}
            self._vectors[sig.id] = vector
        return vector

    def phrase_vector(self, sig: Signature) -> dict[int, float]:
        """The article's word pairs that some other placed article also has, each weighted by
        its idf, of length one (over those pairs), cut to its `PHRASE_TERMS` heaviest."""
        vector = self._phrase_vectors.get(sig.id)
        if vector is None:
            table = self._phrase_idf
            if len(table) != self._weights_size + 2:
                size = self._weights_size + 1
                table = self._phrase_idf = [math.log(size / (n + 1)) for n in range(size + 1)]
            phrases = list(sig.phrases)
            counts = list(map(self._pdf.__getitem__, phrases))
            shared = list(map((1).__lt__, counts))  # a pair no other article has weighs nothing
            kept = list(compress(phrases, shared))
            weights = list(map(table.__getitem__, compress(counts, shared)))
            norm = math.sqrt(sum(map(mul, weights, weights))) or 1.0
            if len(kept) > PHRASE_TERMS:
                top = heapq.nlargest(PHRASE_TERMS, zip(weights, kept, strict=True))
                vector = {h: w / norm for w, h in top}
            else:
                vector = {h: w / norm for h, w in zip(kept, weights, strict=True)}
            self._phrase_vectors[sig.id] = vector
        return vector

    def _phrase_cosine(self, a: Signature, b: Signature) -> float:
        vectors = self._phrase_vectors
        va = vectors.get(a.id)
        if va is None:
            va = self.phrase_vector(a)
        vb = vectors.get(b.id)
        if vb is None:
            vb = self.phrase_vector(b)
        if not va or not vb:
            return 0.0
        common = va.keys() & vb.keys()
        total: float = sum(map(mul, map(va.__getitem__, common), map(vb.__getitem__, common)))
        return min(1.0, total)

    def _cosine(self, a: Signature, b: Signature) -> float:
        vectors = self._vectors
        va = vectors.get(a.id) or self.vector(a)
        vb = vectors.get(b.id) or self.vector(b)
        common = va.keys() & vb.keys()
        total: float = sum(map(mul, map(va.__getitem__, common), map(vb.__getitem__, common)))
        return min(1.0, total)

    def _title_sum(self, sig: Signature) -> float:
        total = self._title_weight.get(sig.id)
        if total is None:
            total = self._title_weight[sig.id] = sum(map(self.idf, sig.title_terms))
        return total

    def _name_sum(self, sig: Signature) -> float:
        total = self._name_weight.get(sig.id)
        if total is None:
            total = self._name_weight[sig.id] = sum(map(self._entity_idf, sig.entities))
        return total

    def _title(self, a: Signature, b: Signature) -> float:
        if not a.title_terms or not b.title_terms:
            return 0.0
        common = a.title_terms & b.title_terms
        if not common:
            return 0.0
        shared = sum(map(self.idf, common))
        return shared / (min(self._title_sum(a), self._title_sum(b)) or 1.0)

    def _names(self, a: Signature, b: Signature) -> float:
        if not a.entities or not b.entities:
            return 0.0
        common = a.entities.keys() & b.entities.keys()
        if not common:
            return 0.0
        shared = sum(map(self._entity_idf, common))
        return shared / max(min(self._name_sum(a), self._name_sum(b)), NAME_FLOOR)

    # ---------------------------------------------------------------- placing

    def key_terms(self, sig: Signature) -> list[str]:
        """The article's most distinctive words (highest TF-IDF first)."""
        return list(self.vector(sig))[:KEY_TERMS]

    def candidates(self, sig: Signature, keys: list[str]) -> list[str]:
        """The `CANDIDATES` placed articles sharing the most key words with `sig` (by their
        idf), the most alike first: ordered by how much their own key words weigh in both
        vectors (a cosine over the candidate's key words: cheap, and it puts first a partner
        that shares fewer of `sig`'s key words but weighs them alike)."""
        scores: dict[str, float] = {}
        get = scores.get
        for term in keys:
            posting = self._postings.get(term)
            if not posting or len(posting) > MAX_POSTING:
                continue
            weight = repeat(self.idf(term))
            # each article once in a posting: scores[other] += weight, without a Python loop
            scores.update(
                zip(posting, map(add, map(get, posting, repeat(0.0)), weight), strict=True)
            )
        ranked = heapq.nlargest(CANDIDATES + 1, scores, key=scores.__getitem__)
        found = [i for i in ranked if i != sig.id][:CANDIDATES]
        weights = self.vector(sig)
        alike = {}
        for other in found:
            vector = self.vector(self.signatures[other])
            own = self._key_sets.get(other)
            if own is None:
                own = frozenset(self._keys.get(other) or self.key_terms(self.signatures[other]))
            common = weights.keys() & own
            alike[other] = sum(
                map(mul, map(weights.__getitem__, common), map(vector.__getitem__, common))
            )
        return sorted(found, key=lambda i: -alike[i])

    def _place(self, sig: Signature) -> Placement:
        keys = self.key_terms(sig)
        stories: list[str] = []
        for other in self.candidates(sig, keys):
            story = self._story_of[other]
            if story not in stories:
                stories.append(story)
        best = Placement(sig.id, f"story:{sig.id}", 0.0, None)
        for story in stories[:STORIES]:
            score, partner = self._story_score(sig, self._members[story][:MEMBERS])
            if score >= self.model.threshold and score > best.score:
                best = Placement(sig.id, story, score, partner)
        for term in keys:
            self._postings[term].append(sig.id)
        self._keys[sig.id] = keys
        self._key_sets[sig.id] = frozenset(keys)
        self._story_of[sig.id] = best.story
        self._members.setdefault(best.story, []).append(sig.id)
        self.placements[sig.id] = best
        return best

    def _story_score(self, sig: Signature, members: list[str]) -> tuple[float, str | None]:
        signatures, probability = self.signatures, self.probability
        probabilities = [(probability(sig, signatures[m]), m) for m in members]
        if not probabilities:
            return 0.0, None
        top, partner = max(probabilities)
        mean = sum(p for p, _ in probabilities) / len(probabilities)
        return self.model.mix * top + (1.0 - self.model.mix) * mean, partner

    # ---------------------------------------------------------------- splitting

    def _split(self, story: str) -> None:
        """Cut `story` into the groups `_groups` finds, when it finds more than one."""
        members = self._members.get(story, [])
        ratio, low = self.model.split, self.model.split_min
        if ratio is None or len(members) < 2 * max(1, low):
            return
        tested = members[:SPLIT_MAX]
        sims = [[1.0] * len(tested) for _ in tested]
        for i, a in enumerate(tested):
            sig = self.signatures[a]
            for j in range(i + 1, len(tested)):
                p = self.probability(sig, self.signatures[tested[j]])
                sims[i][j] = sims[j][i] = p
        found = _groups(_average_tree(sims), sims, ratio, max(1, low))
        if len(found) < 2:
            return
        parts = [[tested[i] for i in sorted(group)] for group in found]
        for later in members[SPLIT_MAX:]:
            sig = self.signatures[later]
            scores = [
                sum(self.probability(sig, self.signatures[m]) for m in part) / len(part)
                for part in (part[:MEMBERS] for part in parts)
            ]
            parts[scores.index(max(scores))].append(later)
        position = {m: k for k, m in enumerate(members)}
        parts.sort(key=lambda part: position[part[0]])
        index_of = {m: k for k, m in enumerate(tested)}
        for n, part in enumerate(parts):
            part.sort(key=position.__getitem__)
            name = story if n == 0 else f"story:{part[0]}"
            while n and name in self._members:
                name += "'"
            self._members[name] = part
            for k, article in enumerate(part):
                self._story_of[article] = name
                self.placements[article] = self._replaced(article, name, part[:k], sims, index_of)

    def _replaced(
        self,
        article: str,
        story: str,
        earlier: list[str],
        sims: list[list[float]],
        index_of: dict[str, int],
    ) -> Placement:
        """An article's placement once its story is cut: its partner kept when still in its
        group before it, else the closest report before it in its group (its probability as
        the score)."""
        old = self.placements[article]
        if old.partner in earlier or (old.partner is None and not earlier):
            return Placement(article, story, old.score, old.partner)
        known = [m for m in earlier if m in index_of]
        if article not in index_of or not known:
            return Placement(article, story, 0.0, None)
        row = sims[index_of[article]]
        partner = max(known, key=lambda m: row[index_of[m]])
        return Placement(article, story, row[index_of[partner]], partner)


def _average_tree(sims: list[list[float]]) -> Tree:
    """The average-link tree of items with these pairwise similarities (the two closest groups
    joined first)."""
    nodes: dict[int, Tree] = {i: ((i,), None, None) for i in range(len(sims))}
    links = {(i, j): sims[i][j] for i in range(len(sims)) for j in range(i + 1, len(sims))}
    fresh = len(sims)
    while len(nodes) > 1:
        a, b = max(links, key=links.__getitem__)
        left, right = nodes.pop(a), nodes.pop(b)
        del links[(a, b)]
        na, nb = len(left[0]), len(right[0])
        for c in nodes:
            la = links.pop((min(a, c), max(a, c)))
            lb = links.pop((min(b, c), max(b, c)))
            links[(c, fresh)] = (la * na + lb * nb) / (na + nb)
        nodes[fresh] = (left[0] + right[0], left, right)
        fresh += 1
    return next(iter(nodes.values()))


def _mean_between(a: Iterable[int], b: Iterable[int], sims: list[list[float]]) -> float:
    values = [sims[i][j] for i in a for j in b]
    return sum(values) / len(values)


def _mean_within(a: tuple[int, ...], sims: list[list[float]]) -> float:
    values = [sims[i][j] for k, i in enumerate(a) for j in a[k + 1 :]]
    return sum(values) / len(values) if values else 1.0


def _groups(node: Tree, sims: list[list[float]], ratio: float, low: int) -> list[list[int]]:
    """The groups a tree is cut into: at a node whose two branches hold `low` items or more
    each, apart when their mean similarity across is below `ratio` times the mean within the
    less cohesive branch (each then cut further); a branch of fewer items goes with the group
    of the other branch it is closest to."""
    leaves, left, right = node
    if left is None or right is None:
        return [list(leaves)]
    small, big = sorted((left, right), key=lambda n: len(n[0]))
    if len(small[0]) < low:
        parts = _groups(big, sims, ratio, low)
        closest = max(range(len(parts)), key=lambda k: _mean_between(small[0], parts[k], sims))
        parts[closest] = parts[closest] + list(small[0])
        return parts
    within = min(_mean_within(left[0], sims), _mean_within(right[0], sims))
    if _mean_between(left[0], right[0], sims) < ratio * within:
        return _groups(left, sims, ratio, low) + _groups(right, sims, ratio, low)
    return [list(leaves)]
