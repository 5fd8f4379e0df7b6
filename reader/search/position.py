"""Where in a query text a problem the parser reports is, as a column the user can find.

The parser (`query.py`) says what is wrong ("a parenthesis is not closed"); this
finds where, by a scan of the text that knows only quotation marks and parentheses.
"""

from __future__ import annotations


def unclosed_column(query: str) -> int | None:
    """The 1-based column of the first parenthesis or quotation mark left open, or None."""
    opened: list[int] = []
    quote: int | None = None
    for index, char in enumerate(query):
        if quote is not None:
            if char == '"':
                quote = None
        elif char == '"':
            quote = index
        elif char == "(":
            opened.append(index)
        elif char == ")" and opened:
            opened.pop()
    if quote is not None:
        return quote + 1
    return opened[0] + 1 if opened else None


def stray_column(query: str) -> int | None:
    """The 1-based column of the first closing parenthesis with no opening one, or None."""
    depth, quoted = 0, False
    for index, char in enumerate(query):
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index + 1
            depth -= 1
    return None


def with_column(message: str, query: str) -> str:
    """The parser's message, with the column of the open or stray mark when it names one."""
    column = None
    if "not closed" in message:
        column = unclosed_column(query)
    elif "no opening one" in message:
        column = stray_column(query)
    return f"{message} (column {column})" if column else message
