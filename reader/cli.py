"""The `reader` command: the reading interface by default, and subcommands for scripts.

Exit codes: 0 success, 1 the command ran but found nothing, 2 bad usage or input
(unknown article, unparsable query, missing folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader import __version__
from reader.config import ConfigError, bundled_path

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--articles", metavar="DIR", type=Path, default=default,
                        help="folder of articles (default: the bundled sample articles)")
    parser.add_argument("--index", metavar="DIR", type=Path, default=default,
                        help="index folder (default: one per corpus in the user's cache folder)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `reader` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read and compare how different outlets cover the same news story. "
                    "Without a command, opens the reading interface.")
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

    index = command("index", "build or update the index and report what changed")
    index.add_argument("--rebuild", action="store_true", help="rebuild from scratch")

    entities = command("entities", "list the people, places and organisations an article names")
    entities.add_argument("article", help="an article id or a path to an article file")
    entities.add_argument("--json", action="store_true", help="print a JSON list")

    quotes = command("quotes", "list the statements an article quotes, with speakers")
    quotes.add_argument("article", help="an article id or a path to an article file")
    quotes.add_argument("--json", action="store_true", help="print a JSON list")

    compare = command("compare", "compare two articles: shared entities and quotes")
    compare.add_argument("a", help="an article id or a path to an article file")
    compare.add_argument("b", help="an article id or a path to an article file")
    form = compare.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print a JSON object")
    form.add_argument("--markdown", action="store_true", help="print a Markdown report")

    split = command("split", "open the reading interface in split view on two articles")
    split.add_argument("a", help="an article id or a path to an article file")
    split.add_argument("b", help="an article id or a path to an article file")
    return parser


def articles_dir(args: argparse.Namespace) -> Path:
    """The corpus folder the user chose, or the bundled sample articles."""
    chosen = getattr(args, "articles", None)
    return Path(chosen).expanduser() if chosen else bundled_path("articles")


def main(argv: list[str] | None = None) -> int:
    """Run the `reader` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    handler = _HANDLERS.get(args.command or "tui")
    try:
        return handler(args)
    except ConfigError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _cmd_tui(args: argparse.Namespace, split: tuple[str, str] | None = None) -> int:
    from reader.tui.app import run

    return run(articles_dir(args), getattr(args, "index", None), split=split)


def _cmd_split(args: argparse.Namespace) -> int:
    return _cmd_tui(args, split=(args.a, args.b))


def _cmd_entities(args: argparse.Namespace) -> int:
    from reader.articles import ArticleNotFound, find_article
    from reader.entities import analyse, entities_to_json, format_entities

    try:
        article = find_article(args.article, articles_dir(args))
    except ArticleNotFound as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = analyse(article.text, cache_key=article.digest)
    print(entities_to_json(result) if args.json else format_entities(result))
    return EXIT_OK if result.entities else EXIT_NOTHING


_HANDLERS = {
    "entities": _cmd_entities,
    "tui": _cmd_tui,
    "split": _cmd_split,
}
