"""The tantivy index of a generation: its schema, documents, writer and the check of its files.

Text is analysed by the reader (`reader.search.analysis.terms`, the terms Whoosh indexes and
queries and highlighting use) and handed to tantivy as the terms joined by spaces, indexed with
its whitespace tokenizer: every word has the same term, and a phrase the same positions, in
both engines. What a hit shows (id, title, outlet, date, the cleaned text for its snippet) is
stored as one JSON value; the outlet's folded name and the date are raw terms (the filters),
and the date also a number for sorting (`date_key`).

The writer and the index are wrapped to look like Whoosh's where `reader.search.build.Writer`
uses them, so that one writer loop (manifest, vocabulary, progress, stops) serves both engines.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

from reader.search.analysis import terms
from reader.search.store import Inspection, Stamp, describe

ENGINE = "tantivy"
HEAP_BYTES = 96_000_000
"""The writer's memory for documents not yet written to a segment."""
_META = "meta.json"


def available() -> bool:
    """Whether the tantivy package (the `samestory[tantivy]` extra) is installed (without
    loading it)."""
    return importlib.util.find_spec("tantivy") is not None


def schema() -> Any:
    """The index schema (a `tantivy.Schema`)."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("title", tokenizer_name="whitespace")
    builder.add_text_field("body", tokenizer_name="whitespace")
    builder.add_text_field("outlet_name", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("date", tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("date_key", fast=True)
    builder.add_bytes_field("stored", stored=True)
    return builder.build()


def date_key(date: str | None) -> int:
    """A number that orders ISO date prefixes as their text does ("2016" < "2016-01" <
    "2016-01-05"); 0 for no date (last, newest first)."""
    if not date:
        return 0
    year, month, day = ([*date.split("-"), "", ""])[:3]
    try:
        return int(year) * 10_000 + int(month or 0) * 100 + int(day or 0) + 1
    except ValueError:
        return 0


def document(fields: dict[str, str]) -> Any:
    """A `tantivy.Document` from the fields of `reader.search.whoosh_schema.document`."""
    import tantivy

    doc = tantivy.Document()
    doc.add_text("id", fields["id"])
    doc.add_text("title", " ".join(terms(fields["title"])))
    doc.add_text("body", " ".join(terms(fields["body"])))
    if "outlet_name" in fields:
        doc.add_text("outlet_name", fields["outlet_name"])
    if "date" in fields:
        doc.add_text("date", fields["date"])
    doc.add_unsigned("date_key", date_key(fields.get("date")))
    stored = {k: fields.get(k) for k in ("id", "title", "outlet", "date", "text")}
    doc.add_bytes("stored", json.dumps(stored, ensure_ascii=False).encode("utf-8"))
    return doc


def stored(doc: Any) -> dict[str, Any]:
    """The stored fields of a hit's document (id, title, outlet, date, text)."""
    found: dict[str, Any] = json.loads(doc.get_first("stored"))
    return found


class TantivyIndex:
    """A generation's tantivy index, with the parts of Whoosh's index interface that the
    reader's writer loop and commit stamps use."""

    def __init__(self, generation: Path, create: bool) -> None:
        import tantivy

        self.generation = generation
        if create:
            self.index = tantivy.Index(schema(), path=str(generation), reuse=False)
        else:
            self.index = tantivy.Index.open(str(generation))

    def writer(self, **_options: object) -> _Writer:
        """A writer (Whoosh's options, such as its worker processes, do not apply)."""
        return _Writer(self.index.writer(heap_size=HEAP_BYTES, num_threads=1))

    def latest_generation(self) -> int:
        """The last commit's operation stamp."""
        return commit_stamp(self.generation)

    def doc_count(self) -> int:
        """How many articles the last commit holds."""
        self.index.reload()
        return int(self.index.searcher().num_docs)

    def close(self) -> None:
        """Nothing to release: tantivy closes its files when the index is dropped."""


class _Writer:
    """A tantivy writer with the methods `reader.search.build.Writer` calls."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def delete_by_term(self, fieldname: str, value: str) -> None:
        self._writer.delete_documents_by_term(fieldname, value)

    def add_document(self, **fields: str) -> None:
        self._writer.add_document(document(fields))

    def update_document(self, **fields: str) -> None:
        self._writer.delete_documents_by_term("id", fields["id"])
        self._writer.add_document(document(fields))

    def commit(self) -> None:
        self._writer.commit()
        self._writer.wait_merging_threads()

    def cancel(self) -> None:
        self._writer.rollback()


def commit_stamp(generation: Path) -> int:
    """The operation stamp of a generation's last commit (raises for unreadable metadata)."""
    meta = json.loads((generation / _META).read_text(encoding="utf-8"))
    return int(meta["opstamp"])


def inspect(generation: Path) -> Inspection:
    """Check a generation's tantivy files: its metadata, every segment's files present, and
    the index opened; the commit it holds."""
    if not available():
        return Inspection("the index was made by tantivy, which is not installed", None)
    try:
        meta = json.loads((generation / _META).read_text(encoding="utf-8"))
        names = {path.name for path in generation.iterdir()}
        for segment in meta["segments"]:
            prefix = str(segment["segment_id"]).replace("-", "")
            if not any(name.startswith(prefix) for name in names):
                return Inspection(f"index was corrupt: segment files {prefix}.* are missing", None)
        index = TantivyIndex(generation, create=False)
        stamp = Stamp(int(meta["opstamp"]), index.doc_count())
    except Exception as exc:  # unreadable JSON, missing keys, tantivy's own errors
        return Inspection(f"index was corrupt: {describe(exc)}", None)
    return Inspection(None, stamp)
