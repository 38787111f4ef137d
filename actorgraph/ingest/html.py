"""HTML → (title, blocks of text): the page's own text read here, its main text chosen by
trafilatura.

A saved news page is mostly navigation, menus, related links, newsletters and comments.
``trafilatura`` (lxml underneath) finds the article's main text among them; this module's own
reader decides what text is there at all. A block of the page is kept when trafilatura counts
it as main text *and* the reader sees it: whatever trafilatura would keep that a browser hides
(``<div hidden>``, ``<template>``: it keeps both) stays out. When trafilatura finds no main
text, or its text and the reader's blocks do not line up (less than half of it matches), or the
page is too big for it (``limits.HTML_MAIN_TEXT_MAX_*``: its time grows with the number of
elements, about 1 s per 5,000), the reader's blocks are used as before: everything visible,
only the ``<article>``/``<main>`` part when it is substantial. Its title is taken when a
reader sees it too (the ``<title>``, an ``<h1>`` or a block).

The reader, with the stdlib event-based ``html.parser``:

Only text comes out, never markup: scripts, styles, embedded objects, navigation and
hidden elements are dropped; attributes (event handlers, ``javascript:`` URLs,
``<base>``) are never looked at except ``hidden``/``aria-hidden``/``style``.

Bounded on hostile input. ``html.parser`` keeps no element tree and does not recurse,
so nesting depth costs nothing. In Python 3.11 its ``close()`` re-scans the rest of
the document once per unterminated construct (``"<!--" * 50_000`` takes 17 s,
``"<a " * 20_000`` more than 20 s), and ``"<!["`` makes it raise AssertionError. So:

* ``<`` that cannot start markup is escaped first, and ``<![`` is turned into a
  bogus comment (what browsers do with CDATA in HTML);
* everything is fed in one ``feed()`` call, which stops at the first construct that
  runs to the end of the document; that remainder is dropped (browsers drop an
  unterminated tag or comment with everything after it) before ``close()``.

Both steps are linear, and so is parsing what remains: 2 MB of tag soup in ~1.5 s.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from html.parser import HTMLParser

from ..errors import UnreadableFileError
from . import limits
from .text import normalize, one_line

SKIP = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "applet",
    "svg", "math", "canvas", "audio", "video", "map", "select", "textarea", "button",
    "nav", "aside", "footer", "dialog",
})
BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
    "h6", "article", "section", "main", "header", "tr", "td", "th", "table", "caption",
    "blockquote", "pre", "figure", "figcaption", "address", "hr", "form", "fieldset",
    "legend", "details", "summary", "center", "hgroup", "body", "html",
})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "basefont", "frame",
})
HEAD_ONLY = frozenset({"title", "meta", "link", "style", "script", "base", "noscript", "template"})
MAIN = frozenset({"article", "main"})

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_LONE_LT = re.compile(r"<(?![A-Za-z/!?])")
_LEFTOVER_OK = 256  # an unterminated remainder longer than this is dropped, not re-scanned


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []  # (text, inside article/main)
        self.h1s: list[tuple[str, bool]] = []
        self.title_tag = ""
        self._buf: list[str] = []
        self._skip_tag = ""
        self._skip_depth = 0
        self._main_depth = 0
        self._pre_depth = 0
        self._in_head = False
        self._in_title = False
        self._title_buf: list[str] = []
        self._h1_buf: list[str] | None = None

    # -- helpers
    def _flush(self) -> None:
        if not self._buf:
            return
        raw = "".join(self._buf)
        self._buf.clear()
        text = normalize(raw) if self._pre_depth else " ".join(raw.split())
        if text:
            self.blocks.append((text, self._main_depth > 0))

    @staticmethod
    def _hidden(attrs: list[tuple[str, str | None]]) -> bool:
        for name, value in attrs:
            if name == "hidden":
                return True
            if name == "aria-hidden" and (value or "").strip().lower() == "true":
                return True
            if name == "style" and value and _HIDDEN_STYLE.search(value):
                return True
        return False

    # -- events
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        if tag in VOID:
            if tag == "br" or tag == "hr":
                self._flush()
            return
        if tag in SKIP or self._hidden(attrs):
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag == "head":
            self._in_head = True
            return
        if self._in_head and tag not in HEAD_ONLY:
            self._in_head = False
        if tag == "title":
            self._in_title = True
            return
        if tag in BLOCK:
            self._flush()
        if tag in MAIN:
            self._main_depth += 1
        elif tag == "pre":
            self._pre_depth += 1
        elif tag == "h1" and self._h1_buf is None:
            self._h1_buf = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Browsers ignore the "/" of a non-void element: <script/>, <template/> or
        # <div hidden/> opens it, and what follows is hidden until its end tag.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth -= 1
            return
        if tag == "head":
            self._in_head = False
            return
        if tag == "title":
            if self._in_title and not self.title_tag:
                self.title_tag = one_line("".join(self._title_buf))
            self._in_title = False
            self._title_buf.clear()
            return
        if tag in BLOCK:
            self._flush()
        if tag in MAIN and self._main_depth:
            self._main_depth -= 1
        elif tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
        elif tag == "h1" and self._h1_buf is not None:
            h1 = one_line("".join(self._h1_buf))
            if h1:
                self.h1s.append((h1, self._main_depth > 0))
            self._h1_buf = None

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._in_title:
            self._title_buf.append(data)
            return
        if self._in_head:
            if not data.strip():
                return
            self._in_head = False  # text ends an unclosed <head>, as in browsers
        self._buf.append(data)
        if self._h1_buf is not None:
            self._h1_buf.append(data)

    def finish(self) -> None:
        if self._in_title and not self.title_tag:
            self.title_tag = one_line("".join(self._title_buf))
        self._flush()


_SITE_SUFFIX = re.compile(r"\s+(?:\||\u2013|\u2014|-|::|\u00b7)\s+[^|\u2013\u2014]{1,40}$")


def _clean_title_tag(title: str) -> str:
    """'Rebels take city | Example News' → 'Rebels take city' (a short trailing site name)."""
    m = _SITE_SUFFIX.search(title)
    if m and len(m.group(0).split()) <= 5 and len(title[: m.start()]) >= 15:
        return title[: m.start()].strip()
    return title


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"\w+", s.casefold()) if len(w) > 2}


def _pick_title(title_tag: str, h1s: list[tuple[str, bool]], use_main: bool) -> str:
    """The headline: an <h1> of the article, else the <h1> the <title> repeats (not the
    site logo), else the first <h1>, else the <title> without its site name."""
    h1s = [(t, m) for t, m in h1s if len(t) <= 300]
    cleaned = _clean_title_tag(title_tag) if title_tag else ""
    in_main = [t for t, m in h1s if m]
    if use_main and in_main:
        return in_main[0]
    if cleaned and h1s:
        tw = _words(cleaned)
        for t, _ in h1s:
            w = _words(t)
            if w and len(w & tw) >= 0.5 * len(w):
                return t
    if h1s:
        return h1s[0][0]
    return cleaned


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


_LIST_MARK = re.compile(r"^(?:[-*\u2022]|\d+[.)])\s+")


def _main_text(html_text: str) -> tuple[str, set[str], int] | None:
    """(title, keys of its lines, characters) of trafilatura's main text; None without one."""
    try:
        import trafilatura

        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        doc = trafilatura.bare_extraction(html_text, with_metadata=True, include_comments=False,
                                          include_tables=True, deduplicate=False)
    except Exception:  # noqa: BLE001 - any failure of the library: the reader alone decides
        return None
    text = getattr(doc, "text", None) if doc is not None else None
    if not isinstance(text, str) or not text.strip():
        return None
    keys: set[str] = set()
    size = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        size += len(line)
        if line.startswith("|"):  # a table row: its cells are the reader's blocks
            keys.update(_key(cell) for cell in line.strip("|").split("|") if cell.strip())
            continue
        keys.add(_key(line))
        keys.add(_key(_LIST_MARK.sub("", line)))
    title = getattr(doc, "title", None)
    return (title if isinstance(title, str) else ""), keys, size


def _parse(html_text: str) -> _Extractor:
    src = _LONE_LT.sub("&lt;", html_text.replace("<![", "<!x["))
    parser = _Extractor()
    try:
        parser.feed(src)
        if len(parser.rawdata) > _LEFTOVER_OK:  # an unterminated construct runs to the end
            parser.rawdata = ""
            parser.clear_cdata_mode()
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser raises AssertionError and others
        raise UnreadableFileError(
            "This web page could not be read: its HTML is malformed. "
            "Open it in a browser, copy the article text and paste it instead."
        ) from exc
    parser.finish()
    return parser


def _visible_title(title: str, parser: _Extractor, texts: list[str]) -> str:
    """trafilatura's title when the reader sees it too (tag, heading or block), else ''."""
    title = one_line(title)
    if not title or len(title) > 300:
        return ""
    key = _key(title)
    seen = {_key(t) for t in texts} | {_key(t) for t, _ in parser.h1s}
    if parser.title_tag:
        seen |= {_key(parser.title_tag), _key(_clean_title_tag(parser.title_tag))}
    return title if key in seen else ""


def extract(html_text: str) -> tuple[str, str]:
    """(title, body text) of an HTML document; body paragraphs separated by blank lines."""
    parser = _parse(html_text)
    blocks = parser.blocks
    total = sum(len(t) for t, _ in blocks)
    main_chars = sum(len(t) for t, m in blocks if m)
    use_main = main_chars >= 200 and main_chars >= 0.2 * total  # a substantial <article>/<main>
    texts: list[str] | None = None
    title = ""
    if total <= limits.HTML_MAIN_TEXT_MAX_CHARS and len(blocks) <= limits.HTML_MAIN_TEXT_MAX_BLOCKS:
        main = _main_text(html_text)
        if main is not None:
            main_title, keys, size = main
            kept = [t for t, _ in blocks if _key(t) in keys]
            if 2 * sum(len(t) for t in kept) >= size:  # else they do not line up: as below
                texts = kept
                title = _visible_title(main_title, parser, [t for t, _ in blocks])
    if texts is None:
        texts = [t for t, m in blocks if m or not use_main]
    if not title:
        title = _pick_title(parser.title_tag, parser.h1s, use_main)
    if title:
        key = " ".join(title.split()).casefold()
        for i, t in enumerate(texts):
            if " ".join(t.split()).casefold() == key:
                del texts[i]  # the headline moves to the front
                break
    return title, "\n\n".join(texts)
