"""The `reader` command: the reading interface by default, and subcommands for scripts.

Exit codes: 0 success, 1 the command ran but found nothing, 2 bad usage or input
(unknown article, unparsable query, missing folder).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.config import ConfigError, bundled_path, library_dir
from reader.corpus import ArticleNotFound, find_article
from reader.terminal import SafeStream, terminal_safe, unfiltered

if TYPE_CHECKING:  # each command imports what it needs: `reader --help` stays fast
    from reader.analysis.limits import Analysed
    from reader.corpus import Article, Problem
    from reader.search import Library, Progress, UpdateReport

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--articles",
        metavar="DIR",
        type=Path,
        default=default,
        help="folder of articles (default: the bundled sample articles)",
    )
    parser.add_argument(
        "--index",
        metavar="DIR",
        type=Path,
        default=default,
        help="index folder (default: one per corpus in the user's cache folder)",
    )


def _engine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        metavar="NAME",
        help="search engine of the index: whoosh, tantivy or auto (default: search_engine in "
        "config.yaml, else auto: tantivy, when installed, from 5,000 articles)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `reader` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read and compare how different outlets cover the same news story. "
        "Without a command, opens the reading interface.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    _common(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _common(sub, suppress=True)
        return sub

    search = command("search", "search the articles and print ranked hits with snippets")
    search.add_argument("query", nargs="+", help="the query (see the README for the syntax)")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="hits to show (10)")
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search.add_argument("--json", action="store_true", help="print a JSON array")
    search.add_argument("--csv", action="store_true", help="CSV: title, outlet, date, url, id")
    _engine_option(search)
    notes = command("notes", "list your notes and highlighted passages, by article")
    notes.add_argument("--json", action="store_true", help="print a JSON array")

    index = command("index", "build or update the index and report what changed")
    index.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    _engine_option(index)

    entities = command("entities", "list the people, places and organisations an article names")
    entities.add_argument("article", help="an article id or a path to an article file")
    entities.add_argument("--json", action="store_true", help="print a JSON list")

    quotes = command("quotes", "list the statements an article quotes, with speakers")
    quotes.add_argument("article", help="an article id or a path to an article file")
    quotes.add_argument("--json", action="store_true", help="print a JSON list")

    compare = command(
        "compare",
        "compare two articles (shared entities and quotes), or up to six reports of one story",
    )
    compare.add_argument("a", help="an article id or a path to an article file")
    compare.add_argument("b", help="an article id or a path to an article file")
    compare.add_argument(
        "more", nargs="*", metavar="C", help="more articles (up to six in all): a story comparison"
    )
    form = compare.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print a JSON object")
    form.add_argument("--markdown", action="store_true", help="print a Markdown report")

    stories = command("stories", "group the articles into stories, largest first, with why")
    stories.add_argument("--json", action="store_true", help="print a JSON list")
    stories.add_argument(
        "--since", metavar="DATE", help="only stories with a report on or after DATE (YYYY-MM-DD)"
    )

    show = command("show", "print an article as the reader uses it (cleaned text and fields)")
    show.add_argument("article", help="an article id or a path to an article file")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.add_argument(
        "--removed", action="store_true", help="also list what cleaning removed, with its rule"
    )

    split = command("split", "open the reading interface in split view on two articles")
    split.add_argument("a", help="an article id or a path to an article file")
    split.add_argument("b", help="an article id or a path to an article file")

    fetch = commands.add_parser(
        "fetch",
        help="save web pages and feeds' articles in the library (no URL: refresh every feed)",
        description="Fetch pages or RSS/Atom feeds (every article a feed links to) and save "
        "each article as Markdown in the library folder. Without a URL, refresh every feed "
        "followed (`reader feeds add URL`).",
    )
    fetch.add_argument("urls", nargs="*", metavar="URL", help="a page or a feed")
    fetch.add_argument("--library", metavar="DIR", type=Path, help="library folder")
    fetch.add_argument("--timeout", type=float, default=20.0, metavar="S", help="per request")
    fetch.add_argument(
        "--delay", type=float, default=1.0, metavar="S", help="between requests to one host (1)"
    )
    feeds = commands.add_parser("feeds", help="list, add or remove the feeds followed")
    feeds.add_argument("action", nargs="?", choices=("list", "add", "remove"), default="list")
    feeds.add_argument("url", nargs="?", metavar="URL", help="the feed (add, remove)")
    feeds.add_argument("--library", metavar="DIR", type=Path, help="library folder")
    return parser


def articles_dir(args: argparse.Namespace) -> Path:
    """The corpus folder the user chose, else the library when it holds articles, else the
    bundled sample articles."""
    chosen = getattr(args, "articles", None)
    if chosen:
        return Path(chosen).expanduser()
    from reader.library.folder import has_articles

    return library_dir() if has_articles(library_dir()) else bundled_path("articles")


def _library(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "library", None)
    return Path(chosen).expanduser() if chosen else library_dir()


def main(argv: list[str] | None = None) -> int:
    """Run the `reader` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    handler = _HANDLERS[args.command or "tui"]
    if getattr(args, "articles", None) and args.command not in (None, "fetch", "feeds", "notes"):
        from reader.notes.commands import folder_problem

        if problem := folder_problem(Path(args.articles).expanduser()):
            print(f"reader: {terminal_safe(problem)}", file=sys.stderr)
            return EXIT_USAGE
    streams = sys.stdout, sys.stderr
    if args.command not in (None, "tui", "split"):  # the interface draws the terminal itself
        sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return handler(args)
    except (ConfigError, ArticleNotFound) as exc:
        print(f"reader: {terminal_safe(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`reader quotes X | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    finally:
        sys.stdout, sys.stderr = streams


def _cmd_tui(args: argparse.Namespace, split: tuple[str, str] | None = None) -> int:
    from reader.tui.app import run

    return run(articles_dir(args), getattr(args, "index", None), split=split)


def _cmd_split(args: argparse.Namespace) -> int:
    return _cmd_tui(args, split=(args.a, args.b))


def _cmd_show(args: argparse.Namespace) -> int:
    from reader.corpus import article_json, format_article, read_article, sanitise

    article = find_article(args.article, articles_dir(args))
    read = read_article(article.path)  # again, for what cleaning removed and the warnings
    for problem in read.problems:
        print(f"reader: {sanitise(problem.reason)}", file=sys.stderr)
    removed = read.removed if args.removed or args.json else None
    print(article_json(article, removed or ()) if args.json else format_article(article, removed))
    return EXIT_OK


def _cmd_entities(args: argparse.Namespace) -> int:
    from reader.analysis.entities import entities_to_json, format_entities

    article = find_article(args.article, articles_dir(args))
    result = _analysed(article).entities
    if args.json or result.entities:
        print(entities_to_json(result) if args.json else format_entities(result))
    return EXIT_OK if result.entities else EXIT_NOTHING


def _cmd_quotes(args: argparse.Namespace) -> int:
    import json

    from reader.analysis.quotes import extract_quotes
    from reader.report.json import quote_json
    from reader.report.text import format_quotes

    article = find_article(args.article, articles_dir(args))
    quotes = extract_quotes(*_analysed(article))
    if args.json:
        print(json.dumps([quote_json(q) for q in quotes], ensure_ascii=False, indent=2))
    else:
        print(format_quotes(article, quotes))
    return EXIT_OK if quotes else EXIT_NOTHING


def _cmd_compare(args: argparse.Namespace) -> int:
    import json

    from reader.analysis.comparison import compare
    from reader.report.json import comparison_json
    from reader.report.markdown import format_markdown
    from reader.report.text import format_text

    if args.more:
        return _compare_story(args)
    a = find_article(args.a, articles_dir(args))
    b = find_article(args.b, articles_dir(args))
    for article in (a, b):
        _analysed(article)  # says when the size limit cuts an article
    result = compare(a, b)
    if args.json:
        print(json.dumps(comparison_json(result), ensure_ascii=False, indent=2))
    elif args.markdown:
        print(format_markdown(result), end="")
    else:
        print(format_text(result))
    return EXIT_OK if result.shared_entities or result.shared_quotes else EXIT_NOTHING


def _analysed(article: Article) -> Analysed:
    """The part of an article analysis reads and its entities (`reader.analysis.limits`),
    saying on stderr when that is not all of the article."""
    from reader.analysis.limits import analyse_article, limit_note

    if note := limit_note(article.text):
        print(f"reader: {article.id}: {note}", file=sys.stderr)
    return analyse_article(article)


def _compare_story(args: argparse.Namespace) -> int:
    import json

    from reader.analysis.stories.matrix import MAX_REPORTS, compare_story
    from reader.report.story import format_story_markdown, format_story_text, story_json

    ids = [args.a, args.b, *args.more]
    if len(ids) > MAX_REPORTS:
        print(f"reader: compare takes at most {MAX_REPORTS} articles", file=sys.stderr)
        return EXIT_USAGE
    articles = [find_article(i, articles_dir(args)) for i in ids]
    for article in articles:
        _analysed(article)  # says when the size limit cuts an article
    result = compare_story(articles)
    if args.json:
        print(json.dumps(story_json(result), ensure_ascii=False, indent=2))
    elif args.markdown:
        print(format_story_markdown(result), end="")
    else:
        print(format_story_text(result))
    shared = any(r.carriers >= 2 for r in result.entities) or any(
        r.carriers >= 2 for r in result.quotes
    )
    return EXIT_OK if shared else EXIT_NOTHING


def _cmd_stories(args: argparse.Namespace) -> int:
    import json

    from reader.analysis.stories import StoryIndex, stories
    from reader.analysis.stories.signature import day_number
    from reader.analysis.stories.store import refresh, store_path
    from reader.report.story import format_stories, stories_json

    folder = articles_dir(args)
    if not folder.is_dir():
        print(f"reader: articles folder not found: {folder}", file=sys.stderr)
        return EXIT_USAGE
    since = None
    if args.since:
        since, _ = day_number(args.since)
        if since is None:
            print("reader: --since takes a date as YYYY-MM-DD", file=sys.stderr)
            return EXIT_USAGE
    index = StoryIndex()
    refresh(index, folder, store_path(folder), processes=2)
    found = stories(index)
    if since is not None:
        found = [
            s for s in found if any(a.when is not None and a.when >= since for a in s.articles)
        ]
    if args.json:
        print(json.dumps(stories_json(found), ensure_ascii=False, indent=2))
    elif found:
        print(format_stories(found), end="")
    return EXIT_OK if found else EXIT_NOTHING


def _cmd_index(args: argparse.Namespace) -> int:
    from reader.corpus.cleaning import check_rules
    from reader.search import open_library

    library = open_library(articles_dir(args), getattr(args, "index", None), args.engine)
    if not library.articles_dir.is_dir():
        print(f"reader: articles folder not found: {library.articles_dir}", file=sys.stderr)
        return EXIT_USAGE
    check_rules()  # a refused user rule stops the update with its reason (ConfigError)
    report = library.update(progress=_ProgressLine(), rebuild=args.rebuild)
    print(_describe_update(report, library))
    _print_problems(report.problems, verbose=True)
    locked = any(p.path == library.index_dir for p in report.problems)
    return EXIT_NOTHING if locked else EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    from reader.notes.search import search_with_notes, split_note_terms
    from reader.search import open_library, query_error
    from reader.search.position import with_column

    query = " ".join(args.query)
    rest = split_note_terms(query).rest
    if rest and (problem := query_error(rest)):
        print(f"reader: {with_column(problem, rest)}", file=sys.stderr)
        return EXIT_USAGE
    library = open_library(articles_dir(args), getattr(args, "index", None), args.engine)
    if not library.articles_dir.is_dir():
        print(f"reader: articles folder not found: {library.articles_dir}", file=sys.stderr)
        return EXIT_USAGE
    if args.limit < 1:
        print("reader: --limit must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if library.needs_update():
        report = library.update(progress=_ProgressLine())
        if report.indexed or report.deleted or report.rebuilt:
            print(_describe_update(report, library), file=sys.stderr)
        _print_problems(report.problems, verbose=False)
    result = search_with_notes(library, query, limit=args.limit, sort=args.sort)
    if result.error:
        print(f"reader: {result.error}", file=sys.stderr)
        return EXIT_USAGE
    from reader.report.hits import hits_csv, hits_json, print_hits

    if args.csv:
        print(hits_csv(library, result), end="")
    elif args.json:
        print(hits_json(result))
    else:
        print_hits(result)
    if not result.hits:
        message = f"No articles match {result.query!r}."
        if result.suggestion:
            message += f" Did you mean: {result.suggestion}"
        print(message, file=sys.stderr if args.json or args.csv else sys.stdout)
    return EXIT_OK if result.hits else EXIT_NOTHING


def _cmd_notes(args: argparse.Namespace) -> int:
    from reader.notes.commands import notes_command

    return notes_command(args)


def _cmd_fetch(args: argparse.Namespace) -> int:
    from reader.library.commands import fetch_command

    return fetch_command(args, _library(args))


def _cmd_feeds(args: argparse.Namespace) -> int:
    from reader.library.commands import feeds_command

    return feeds_command(args, _library(args))


def _describe_update(report: UpdateReport, library: Library) -> str:
    parts = [
        f"{report.added} added",
        f"{report.changed} changed",
        f"{report.deleted} deleted",
        f"{report.unchanged} unchanged",
    ]
    text = f"Index of {library.articles_dir}: {', '.join(parts)} in {report.seconds:.1f} s."
    if report.rebuilt:
        text += f"\nRebuilt the index ({report.reason})."
    elif report.reason:
        text += f"\n{report.reason[:1].upper()}{report.reason[1:]}."
    return text + f"\nIndex folder: {library.index_dir}"


def _print_problems(problems: list[Problem], verbose: bool) -> None:
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    if not verbose:
        if errors:
            print(
                f"reader: {len(errors)} file{'s' if len(errors) != 1 else ''} skipped; "
                "`reader index` lists them",
                file=sys.stderr,
            )
        for problem in warnings:
            if problem.path.is_dir():
                print(f"reader: {problem.reason}", file=sys.stderr)
        return
    if errors:
        print(f"Skipped {len(errors)} file{'s' if len(errors) != 1 else ''}:")
        for problem in errors:
            print(f"  {problem}")
    if warnings:
        print(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}:")
        for problem in warnings:
            print(f"  {problem}")


class _ProgressLine:
    """Progress of a long update on stderr: rewritten in place on a terminal, a line every
    few seconds otherwise; silent for the first second."""

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._started = self._clock()
        self._last = 0.0
        self._tty = sys.stderr.isatty()
        self._shown = False

    def __call__(self, progress: Progress) -> None:
        now = self._clock()
        early = now - self._started < 1.0 or (not self._tty and now - self._last < 5.0)
        if early and (progress.done < progress.total or not self._shown):
            return
        self._last = now
        eta = "" if progress.eta is None else f", {_duration(progress.eta)} left"
        line = (
            f"indexing {progress.done:,}/{progress.total:,} articles, {progress.rate:,.0f}/s{eta}"
        )
        end = "\n" if not self._tty or progress.done >= progress.total else ""
        out = unfiltered(sys.stderr)  # numbers only
        print(f"\r{line}\x1b[K" if self._tty else line, end=end, file=out, flush=True)
        self._shown = True


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    return (
        f"{minutes} min {seconds:02d} s"
        if minutes < 60
        else f"{minutes // 60} h {minutes % 60:02d} min"
    )


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "index": _cmd_index,
    "search": _cmd_search,
    "entities": _cmd_entities,
    "quotes": _cmd_quotes,
    "compare": _cmd_compare,
    "tui": _cmd_tui,
    "split": _cmd_split,
    "show": _cmd_show,
    "stories": _cmd_stories,
    "fetch": _cmd_fetch,
    "feeds": _cmd_feeds,
    "notes": _cmd_notes,
}
