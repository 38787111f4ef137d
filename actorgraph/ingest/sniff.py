"""Tell what a file is from its bytes; its name is only a hint.

``sniff(data, filename)`` returns one of:

* ``pdf``     – starts with "%PDF-", or has a "%PDF-1.x" line within the first KB
* ``docx``    – a zip holding word/document.xml (or a damaged zip that starts like one)
* ``html``    – text with HTML markers (or any tag, when the name says .html/.htm)
* ``md``      – text whose name says .md/.markdown
* ``txt``     – any other text
* ``binary``  – anything else; ``what`` says what it seems to be ("a PNG image")
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass

from . import limits
from .docx import declared_members
from .text import Decoded, decode_bytes, looks_binary


@dataclass(frozen=True, slots=True)
class Sniffed:
    kind: str  # pdf | docx | html | md | txt | binary
    what: str = ""  # for binary: "a PNG image"
    decoded: Decoded | None = None  # for html/md/txt


def extension(filename: str) -> str:
    name = (filename or "").strip().lower()
    dot = name.rfind(".")
    return name[dot:] if dot >= 0 and "/" not in name[dot:] and "\\" not in name[dot:] else ""


# (prefix, description). Only prefixes that cannot start a text file.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"8BPS", "a Photoshop image"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"\x7fELF", "a program (executable file)"),
    (b"\xfe\xed\xfa\xce", "a program (executable file)"),
    (b"\xfe\xed\xfa\xcf", "a program (executable file)"),
    (b"\xce\xfa\xed\xfe", "a program (executable file)"),
    (b"\xcf\xfa\xed\xfe", "a program (executable file)"),
    (b"\xca\xfe\xba\xbe", "a program (executable file)"),
    (b"\x00asm", "a program (WebAssembly)"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"\xfd7zXZ\x00", "a compressed (xz) file"),
    (b"7z\xbc\xaf\x27\x1c", "a compressed (7-Zip) archive"),
    (b"Rar!\x1a\x07", "a compressed (RAR) archive"),
    (b"\x28\xb5\x2f\xfd", "a compressed (zstd) file"),
    (b"SQLite format 3\x00", "a database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an old-format Office file (.doc, .xls or .ppt) or a password-protected Office file"),
    (b"{\\rtf", "a Rich Text (RTF) document"),
    (b"%!PS", "a PostScript file"),
    (b"ID3", "an audio file (MP3)"),
    (b"OggS", "an audio or video file (Ogg)"),
    (b"fLaC", "an audio file (FLAC)"),
    (b"\x1aE\xdf\xa3", "a video file (Matroska/WebM)"),
    (b"wOFF", "a font file"),
    (b"wOF2", "a font file"),
    (b"AT&TFORM", "a DjVu document"),
)


def _magic(data: bytes) -> str:
    for prefix, what in _MAGIC:
        if data.startswith(prefix):
            return what
    head = data[:64]
    if data.startswith(b"RIFF") and len(data) >= 12:
        return {b"WEBP": "a WebP image", b"WAVE": "an audio file (WAV)",
                b"AVI ": "a video file (AVI)"}.get(data[8:12], "a media file")
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"avif"):
            return "a HEIC/AVIF image"
        return "a video or audio file (MP4/MOV)"
    if data.startswith(b"MZ") and b"\x00" in head:
        return "a Windows program (executable file)"
    if data.startswith(b"BM") and len(data) >= 26 and data[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image"
    if data[257:262] == b"ustar":
        return "an archive (tar)"
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        return "a compressed (bzip2) file"
    if data.startswith((b"\x00\x01\x00\x00\x00", b"OTTO\x00")):
        return "a font file"
    return ""


def _first_member_is_office(data: bytes) -> bool:
    if len(data) < 30 or not data.startswith(b"PK\x03\x04"):
        return False
    n = struct.unpack("<H", data[26:28])[0]
    return data[30:30 + n].startswith((b"[Content_Types].xml", b"word/", b"_rels/", b"docProps/"))


def _zip_kind(data: bytes, ext: str) -> tuple[str, str]:
    """('docx', '') or ('binary', what) for bytes that start like a zip."""
    if declared_members(data) > limits.DOCX_MAX_MEMBERS:  # not worth listing: read_docx refuses
        return ("docx", "") if ext == ".docx" or _first_member_is_office(data) else \
            ("binary", "a ZIP archive")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = b""
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size <= 200:
                    mimetype = zf.read(info).strip()
    except Exception:  # noqa: BLE001 - zipfile raises many kinds on damaged data
        # A damaged zip whose first member is an Office part: a broken Word file.
        if _first_member_is_office(data):
            return "docx", ""
        return "binary", "a damaged ZIP archive"
    if "word/document.xml" in names:
        return "docx", ""
    if "xl/workbook.xml" in names:
        return "binary", "an Excel spreadsheet"
    if "ppt/presentation.xml" in names:
        return "binary", "a PowerPoint presentation"
    if mimetype == b"application/epub+zip":
        return "binary", "an EPUB e-book"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return "binary", "an OpenDocument text file (.odt)"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "binary", "an OpenDocument file"
    return "binary", "a ZIP archive"


_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_STRONG_HTML = ("<!doctype html", "<html")
_WEAK_HTML = ("<head", "<body")
_ANY_TAG = re.compile(
    r"<(?:[a-zA-Z][a-zA-Z0-9]{0,20}(?:\s[^<>]{0,2000})?/?|/[a-zA-Z][a-zA-Z0-9]{0,20}\s*)>")
_PROLOGUE = re.compile(
    r"\A\s*(?:(?:<\?[^>]{0,500}\?>|<!--.{0,2000}?-->|<!doctype[^>]{0,500}>)\s*)*", re.I | re.S)


def _text_kind(text: str, ext: str) -> str:
    head = text[: limits.SNIFF_HTML_CHARS].lower()
    starts_with_tag = head.lstrip().startswith("<")
    if any(m in head for m in _STRONG_HTML):
        return "html"
    if any(m in head for m in _WEAK_HTML) and (starts_with_tag or ext in (".html", ".htm")):
        return "html"
    if starts_with_tag and head[_PROLOGUE.match(head).end():].startswith("<svg"):
        return "svg"
    if ext in (".html", ".htm", ".xhtml") and _ANY_TAG.search(head):
        return "html"
    if ext in (".md", ".markdown"):
        return "md"
    if starts_with_tag and head.startswith("<?xml"):
        return "html"  # other XML: keep the text between the tags
    return "txt"


_PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")


def _late_pdf_header(head: bytes) -> bool:
    """A PDF header after some junk (readers accept it within the first KB), but not a
    text that merely mentions "%PDF-": it must start a line or follow binary bytes."""
    m = _PDF_HEADER.search(head)
    if not m:
        return False
    before = head[: m.start()]
    return before.endswith((b"\n", b"\r")) or any(b < 9 for b in before)


def sniff(data: bytes, filename: str = "") -> Sniffed:
    ext = extension(filename)
    if data.startswith(b"%PDF-"):
        return Sniffed("pdf")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        kind, what = _zip_kind(data, ext)
        return Sniffed(kind, what)
    what = _magic(data)
    if what:
        return Sniffed("binary", what)
    if _late_pdf_header(data[: limits.SNIFF_PDF_BYTES]):
        return Sniffed("pdf")
    decoded = decode_bytes(data)
    if not decoded.exact:
        m = _META_CHARSET.search(data[: limits.SNIFF_HTML_CHARS])
        if m:
            decoded = decode_bytes(data, declared=m.group(1).decode("ascii", "replace"))
    if looks_binary(decoded):
        return Sniffed("binary", "a binary file, not text")
    kind = _text_kind(decoded.text, ext)
    if kind == "svg":
        return Sniffed("binary", "an SVG image")
    return Sniffed(kind, "", decoded)
