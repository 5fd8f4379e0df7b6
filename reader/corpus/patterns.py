"""Refusing a user's regular expression that can backtrack catastrophically.

Python's `re` has no time limit, so a user's cleaning rule such as `(a+)+$` could make indexing
hang on one line of a's. Such patterns are refused when the rules are loaded: a quantified
group (`(...)+`, `(...)*`, `(...){2,}`) whose inside can itself match in more than one way, by
a quantifier (`a+`, `\\w*`, `x?`, `x{1,3}`) or an alternation (`a|b`), is the shape behind
exponential (and, with a bounded outer count, high-polynomial) matching time. Rewriting the rule
without the nesting (`a+$` for `(a+)+$`) keeps what it matches, almost always.
"""

from __future__ import annotations

import warnings
from typing import Any

with warnings.catch_warnings():  # the stable home of the parser re uses (re._parser is private)
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants
    import sre_parse

_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` could take exponential time (a quantified group holding a quantifier or an
    alternation), or None. Raises re.error for an invalid pattern."""
    return _nested(sre_parse.parse(pattern).data, inside_repeat=False)


def _nested(items: list[tuple[Any, Any]], *, inside_repeat: bool) -> str | None:
    """The risk found in a parsed (sub)pattern; `inside_repeat` when a quantifier encloses it."""
    for op, arg in items:
        if op in _REPEATS:
            low, high, sub = arg
            if op is sre_constants.POSSESSIVE_REPEAT:
                continue  # never backtracks into
            if inside_repeat and low != high:
                return "a quantifier inside a quantified group, as in (a+)+"
            found = _nested(sub.data, inside_repeat=inside_repeat or high > 1)
            if found:
                return found
        elif op is sre_constants.BRANCH:
            if inside_repeat:
                return "an alternation inside a quantified group, as in (a|ab)+"
            for branch in arg[1]:
                if found := _nested(branch.data, inside_repeat=False):
                    return found
        elif op is sre_constants.SUBPATTERN:
            if found := _nested(arg[-1].data, inside_repeat=inside_repeat):
                return found
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if found := _nested(arg[1].data, inside_repeat=inside_repeat):
                return found
        elif op is sre_constants.ATOMIC_GROUP:
            continue  # never backtracks into
    return None
