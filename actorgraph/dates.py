"""An article's date: a manifest, else the page's metadata, else a dateline, else none.

The order is fixed (`article_date`): a manifest row (a TSV with ``file`` and ``date`` columns)
wins; then, for a web page, its publication metadata (``article:published_time``, JSON-LD
``datePublished``, ``<time datetime>``…) read by htmldate; then a full date (day, month, year)
in the dateline or the first paragraph, found by dateparser; else the article is undated.
"""
from __future__ import annotations

import csv
import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ActorGraphError

__all__ = ["DatedBy", "ArticleDate", "ManifestError", "read_manifest", "date_from_html",
           "date_from_text", "article_date", "parse_date"]

FIRST_PARAGRAPH_CHARS = 400  # how much of the body a dateline or first date is looked for in


class DatedBy:
    MANIFEST = "manifest"
    METADATA = "metadata"
    TEXT = "text"
    NONE = ""


@dataclass(frozen=True, slots=True)
class ArticleDate:
    date: dt.date | None
    source: str = DatedBy.NONE  # one of DatedBy


class ManifestError(ActorGraphError):
    pass


def parse_date(value: str) -> dt.date:
    """An ISO date (``YYYY-MM-DD``, or the date part of an ISO timestamp); ValueError otherwise."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"{value!r} is not a date like 2024-03-31") from None


def read_manifest(path: str | os.PathLike[str]) -> dict[str, dt.date]:
    """File name → date from a TSV with ``file`` and ``date`` columns (blank dates skipped)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ManifestError(f"The manifest {p} was not found.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"The manifest {p} could not be read ({exc}).") from None
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    if not rows.fieldnames or not {"file", "date"} <= set(rows.fieldnames):
        raise ManifestError(f"The manifest {p} needs a header row with tab-separated "
                            "`file` and `date` columns.")
    out: dict[str, dt.date] = {}
    for line, row in enumerate(rows, start=2):
        name, value = (row.get("file") or "").strip(), (row.get("date") or "").strip()
        if not name or not value:
            continue
        try:
            out[Path(name).name] = parse_date(value)
        except ValueError as exc:
            raise ManifestError(f"The manifest {p}, line {line}: {exc}.") from None
    return out


def date_from_html(html: str | bytes) -> dt.date | None:
    """The publication date in a web page's metadata (htmldate, no guessing from the text)."""
    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        found = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises on pages lxml cannot parse; then there is no metadata
        return None
    return parse_date(found) if found else None


_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


_YEAR = re.compile(r"(?<!\d)(1[89]|2\d)\d\d(?!\d)")


def date_from_text(body: str) -> dt.date | None:
    """The first full date of the dateline or first paragraph (dateparser), or None."""
    from dateparser.search import search_dates

    head = body.strip().split("\n\n", 1)[0][:FIRST_PARAGRAPH_CHARS]
    if not head:
        return None
    try:
        found = search_dates(head, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser gives up on odd input with assorted errors; then: undated
        return None
    # Relative phrases ("last night", "yesterday") are resolved against today and pass
    # REQUIRE_PARTS; only a date that names its year dates the article.
    for said, when in found or ():
        if _YEAR.search(said):
            return when.date()
    return None


def article_date(name: str, *, manifest: dict[str, dt.date] | None = None,
                 raw: bytes | None = None, kind: str = "", body: str = "") -> ArticleDate:
    """The date of the article read from the file ``name`` (see the module docstring)."""
    if manifest and Path(name).name in manifest:
        return ArticleDate(manifest[Path(name).name], DatedBy.MANIFEST)
    if kind == "html" and raw is not None:
        found = date_from_html(raw)
        if found is not None:
            return ArticleDate(found, DatedBy.METADATA)
    found = date_from_text(body)
    if found is not None:
        return ArticleDate(found, DatedBy.TEXT)
    return ArticleDate(None)
