"""Ingest: the bytes of an uploaded file, or pasted text → ``model.Article``.

    read_bytes(data, filename="")  # the kind is told by content; the name is a hint
    read_text(text, source="pasted text")
    read_path(path)

``Article.text`` is normalised text (see ``text.normalize``); when the article has a
headline, ``text == title + "\\n\\n" + body`` (``text.TITLE_SEPARATOR``), so offsets
into ``text`` cover the headline too. Things the user should know (text cut short,
pages skipped, not English) are in ``Article.notices``. Every refusal is an
``ActorGraphError`` whose message is plain text fit to show a user.
"""
from __future__ import annotations

import os
from typing import BinaryIO

from ..errors import (
    ActorGraphError,
    EmptyInputError,
    InputTooLargeError,
    UnreadableFileError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from ..model import Article
from . import limits
from .docx import read_docx
from .html import extract as _extract_html
from .pdf import read_pdf
from .sniff import extension, sniff
from .text import (
    NOT_ENGLISH_NOTICE,
    cap_tokens,
    compose,
    cut_symbol_runs,
    first_line_title,
    looks_english,
    normalize,
    one_line,
    strip_markdown,
    truncate,
)

__all__ = [
    "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "SUPPORTED_EXTENSIONS",
    "read_bytes", "read_text", "read_path", "read_stream", "looks_english", "normalize",
    "ActorGraphError", "EmptyInputError", "InputTooLargeError", "UnreadableFileError",
    "UnsafeFileError", "UnsupportedFormatError",
]

MAX_FILE_BYTES: int = limits.MAX_FILE_BYTES
MAX_TEXT_CHARS: int = limits.MAX_TEXT_CHARS
SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")

UPLOAD_HINT = ("Upload the article as a PDF, Word (.docx), web page (.html), Markdown (.md) "
               "or plain-text (.txt) file, or paste its text.")
EMPTY_FILE = ("The file is empty: there is no readable text in it. Check that you chose "
              "the right file, or paste the article text instead.")
EMPTY_PASTE = "The pasted text is empty. Paste the text of an article and try again."
_ADVICE = {
    "a Rich Text (RTF) document": "Save it as .docx or .txt and upload it again.",
    "an OpenDocument text file (.odt)": "Save it as .docx or PDF and upload it again.",
    "a PostScript file": "Convert it to PDF and upload it again.",
    "an old-format Office file (.doc, .xls or .ppt) or a password-protected Office file":
        "If it is a Word document, remove any password, save it as .docx and upload it again.",
}


def _mb(n: int | float) -> str:
    return f"{n / limits.MB:,.1f}".rstrip("0").rstrip(".")


def _source(filename: str, default: str) -> str:
    name = one_line(str(filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    return name or default


def _sizes(size: int, limit: int) -> tuple[str, str]:
    """The two sizes as a user reads them; in bytes when MB would round them equal."""
    a, b = f"{_mb(size)} MB", f"{_mb(limit)} MB"
    if a == b:
        a, b = f"{size:,} bytes", f"{b} ({limit:,} bytes)"
    return a, b


def _check_size(size: int, *, at_least: bool = False) -> None:
    """Refuse a file over the limit (``at_least``: only the first limit + 1 bytes were read)."""
    limit = limits.MAX_FILE_BYTES
    if size <= limit:
        return
    actual, allowed = _sizes(size, limit)
    if at_least:
        actual, allowed = f"more than {_mb(limit)} MB", f"{_mb(limit)} MB"
    raise InputTooLargeError(
        f"This file is too large ({actual}); the limit is {allowed}. Upload a smaller "
        "file, or paste the part of the article you want analysed."
    )


def read_stream(stream: BinaryIO, filename: str = "") -> Article:
    """Read an open binary stream (stdin, a pipe, a device): at most the limit + 1 bytes."""
    chunks: list[bytes] = []
    got = 0
    while got <= limits.MAX_FILE_BYTES:
        chunk = stream.read(min(1 << 20, limits.MAX_FILE_BYTES + 1 - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    _check_size(got, at_least=True)
    return read_bytes(b"".join(chunks), filename)


def _finish(title: str, body: str, *, kind: str, source: str, notices: list[str],
            empty: str, total_hint: int = 0) -> Article:
    body = normalize(body)
    if not title:
        title = first_line_title(body)
    text, title = compose(title, body)
    if not text:
        raise EmptyInputError(empty)
    text, runs = cut_symbol_runs(text)  # before the cut in characters: they do not count
    text, cut = truncate(text, limits.MAX_TEXT_CHARS, total=max(total_hint, len(text)))
    if not cut and total_hint > len(text):  # the PDF child stopped sending text
        cut = f"Only the first {len(text):,} characters of {total_hint:,} were analysed."
    if cut:
        notices.append(cut)
    text, capped = cap_tokens(text, limits.MAX_TEXT_TOKENS)
    notices.extend(n for n in (runs, capped) if n)
    if title and not text.startswith(title):
        title = ""  # only when a (test-sized) limit cut into the headline itself
    if not looks_english(text):
        notices.append(NOT_ENGLISH_NOTICE)
    return Article(text=text, title=title, source=source, kind=kind, notices=tuple(notices))


def read_bytes(data: bytes, filename: str = "") -> Article:
    """Read an uploaded file. Raises an ActorGraphError subclass when it cannot."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"read_bytes() needs bytes, not {type(data).__name__}")
    data = bytes(data)
    source = _source(filename, "uploaded file")
    _check_size(len(data))
    if not data.strip():
        raise EmptyInputError(EMPTY_FILE)
    ext = extension(filename)
    found = sniff(data, filename)
    notices: list[str] = []
    total_hint = 0
    if found.kind == "binary":
        if ext == ".docx":
            raise UnreadableFileError(
                f"This file is not a valid Word file (.docx): it looks like {found.what}. "
                "Open it in Word, save it as .docx and upload it again, or paste its text."
            )
        advice = _ADVICE.get(found.what, UPLOAD_HINT)
        raise UnsupportedFormatError(f"This file looks like {found.what}, not an article. {advice}")
    if found.kind == "pdf":
        title, body, notices, total_hint = read_pdf(data)
    elif found.kind == "docx":
        title, body = read_docx(data)
    elif found.kind == "html":
        assert found.decoded is not None
        title, body = _extract_html(found.decoded.text)
    elif found.kind == "md":
        assert found.decoded is not None
        title, body = strip_markdown(normalize(found.decoded.text))
    else:
        assert found.decoded is not None
        title, body = "", found.decoded.text
    return _finish(title, body, kind=found.kind, source=source, notices=notices,
                   empty=EMPTY_FILE, total_hint=total_hint)


def read_text(text: str, source: str = "pasted text") -> Article:
    """Read pasted text (used as it is: no HTML or markdown handling)."""
    if not isinstance(text, str):
        raise TypeError(f"read_text() needs str, not {type(text).__name__}")
    if len(text) > limits.MAX_FILE_BYTES:
        raise InputTooLargeError(
            f"The pasted text is too long ({len(text):,} characters); the limit is "
            f"{limits.MAX_FILE_BYTES:,} characters. Paste the part of the article you want "
            "analysed."
        )
    return _finish("", text, kind="text", source=one_line(str(source)) or "pasted text", notices=[],
                   empty=EMPTY_PASTE)


def read_path(path: str | os.PathLike[str]) -> Article:
    """Read a file from disk (the same rules as an upload)."""
    name = os.path.basename(os.fspath(path))
    try:
        _check_size(os.stat(path).st_size)  # 0 for a device or a pipe: read_stream bounds it
        with open(path, "rb") as f:
            return read_stream(f, name)
    except FileNotFoundError as exc:
        raise UnreadableFileError(f"The file {name} was not found.") from exc
    except OSError as exc:
        raise UnreadableFileError(
            f"The file {name} could not be opened ({exc.strerror or 'error'})."
        ) from exc
