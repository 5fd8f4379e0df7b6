"""The corpus: articles read from a folder of text files, decoded, cleaned and described.

`article` holds the model, `decoding` turns bytes into text, `frontmatter` reads the metadata a
file gives, `dates` reads its date, `cleaning` removes scraping debris, `outlets` names the
outlet, `html` reads saved web pages, `loading` scans a folder and reads its files into
articles, and `audit` shows an article with what cleaning removed from it.
"""

from reader.corpus.article import (
    UNKNOWN_OUTLET,
    Article,
    ArticleNotFound,
    Corpus,
    Problem,
    SourceFile,
    article_id,
)
from reader.corpus.audit import article_json, article_record, format_article
from reader.corpus.cleaning import Cleaned, Removed, clean, debris_rule, normalise_lines, sanitise
from reader.corpus.dates import DateRead, normalise_date, read_date
from reader.corpus.decoding import Decoded, decode
from reader.corpus.frontmatter import (
    Fields,
    FrontMatter,
    Unreadable,
    parse_front_matter,
    split_front_matter,
)
from reader.corpus.html import Page, PageError, extract_page, is_page, read_page
from reader.corpus.loading import (
    MAX_FILE_BYTES,
    SUFFIXES,
    Loaded,
    Read,
    Scan,
    Titled,
    find_article,
    infer_title,
    load_article,
    load_corpus,
    read_article,
    removed_debris,
    scan,
)
from reader.corpus.outlets import canonical_outlet, infer_outlet, outlet_key

__all__ = [
    "MAX_FILE_BYTES",
    "SUFFIXES",
    "UNKNOWN_OUTLET",
    "Article",
    "ArticleNotFound",
    "Cleaned",
    "Corpus",
    "DateRead",
    "Decoded",
    "Fields",
    "FrontMatter",
    "Loaded",
    "Page",
    "PageError",
    "Problem",
    "Read",
    "Removed",
    "Scan",
    "SourceFile",
    "Titled",
    "Unreadable",
    "article_id",
    "article_json",
    "article_record",
    "canonical_outlet",
    "clean",
    "debris_rule",
    "decode",
    "extract_page",
    "find_article",
    "format_article",
    "infer_outlet",
    "infer_title",
    "is_page",
    "load_article",
    "load_corpus",
    "normalise_date",
    "normalise_lines",
    "outlet_key",
    "parse_front_matter",
    "read_article",
    "read_date",
    "read_page",
    "removed_debris",
    "sanitise",
    "scan",
    "split_front_matter",
]
