"""Word (.docx) → (title, body).

Checked before anything is parsed (``check_zip``): member count, total declared
uncompressed size, per-member compression ratio, encrypted members, the main part,
and no ``<!DOCTYPE``/``<!ENTITY`` in any XML part (entity expansion). The declared
sizes are binding: zipfile never inflates a member beyond its declared size.

Then word/document.xml is parsed with ``xml.etree.ElementTree.iterparse`` — a
streaming, non-recursive walk — rather than python-docx, so that text in content
controls (``w:sdt``), text boxes, hyperlinks and tracked insertions is kept, deleted
and moved-away text and field codes are not, text boxes are not read twice (the
``mc:Fallback`` copy is skipped), and .docm/.dotx files work too. Paragraphs of
tables come out one per line, in document order.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree import ElementTree as ET

from ..errors import UnreadableFileError, UnsafeFileError
from . import limits
from .text import first_line_title, normalize, one_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
MAIN_PART = "word/document.xml"

_NOT_XML_DIRS = ("word/media/", "word/embeddings/", "word/fonts/")
_NOT_XML_EXT = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf",
                ".svg", ".bin", ".ttf", ".odttf", ".otf", ".fntdata", ".wdp", ".mp4", ".wav")
_MARKERS = tuple(
    m.encode(enc) for m in ("<!doctype", "<!entity") for enc in ("ascii", "utf-16-le", "utf-16-be")
)
_CHUNK = 64 * 1024

DAMAGED = ("This Word file is damaged or incomplete, so it is not a valid Word file. "
           "Open it in Word, save it again as .docx and upload it again.")


def _unsafe(why: str) -> UnsafeFileError:
    return UnsafeFileError(
        f"This Word file was not opened because {why}, which is how harmful files "
        "are built. Open it in Word, save it again as .docx, or paste its text instead."
    )


def _scan_for_doctype(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    tail = b""
    with zf.open(info) as f:
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                return
            window = (tail + chunk).lower()
            if any(m in window for m in _MARKERS):
                raise _unsafe("one of its parts declares a DOCTYPE or XML entities")
            tail = window[-32:]


def check_zip(zf: zipfile.ZipFile) -> None:
    """Refuse zip bombs, entity expansion and files that are not Word documents."""
    infos = zf.infolist()
    if len(infos) > limits.DOCX_MAX_MEMBERS:
        raise _unsafe(f"it holds more than {limits.DOCX_MAX_MEMBERS:,} parts")
    total = sum(i.file_size for i in infos)
    if total > limits.DOCX_MAX_UNCOMPRESSED_BYTES:
        raise _unsafe(
            f"it would expand to more than {limits.DOCX_MAX_UNCOMPRESSED_BYTES // limits.MB} MB"
        )
    for i in infos:
        if (i.file_size >= limits.DOCX_RATIO_MIN_BYTES
                and i.file_size > limits.DOCX_MAX_COMPRESSION_RATIO * max(i.compress_size, 1)):
            raise _unsafe("one of its parts is compressed more than "
                          f"{limits.DOCX_MAX_COMPRESSION_RATIO} times")
        if i.flag_bits & 0x1:
            raise UnreadableFileError(
                "This Word file is encrypted; remove the password in Word, save it "
                "and upload it again."
            )
    names = {i.filename for i in infos}
    if MAIN_PART not in names:
        raise UnreadableFileError(
            "This file is not a valid Word file: it has no document text part. "
            "Open it in Word, save it as .docx and upload it again."
        )
    for i in infos:
        name = i.filename.lower()
        if i.is_dir() or name.startswith(_NOT_XML_DIRS) or name.endswith(_NOT_XML_EXT):
            continue
        _scan_for_doctype(zf, i)


def _styles(zf: zipfile.ZipFile) -> dict[str, str]:
    """styleId → lower-case style name ("title", "heading 1")."""
    try:
        info = zf.getinfo("word/styles.xml")
    except KeyError:
        return {}
    names: dict[str, str] = {}
    with zf.open(info) as f:
        for _, el in ET.iterparse(f, events=("end",)):
            if el.tag == W + "style":
                sid = el.get(W + "styleId") or ""
                name_el = el.find(W + "name")
                if sid and name_el is not None:
                    names[sid] = (name_el.get(W + "val") or "").strip().lower()
                el.clear()
    return names


def _core_title(zf: zipfile.ZipFile) -> str:
    try:
        info = zf.getinfo("docProps/core.xml")
    except KeyError:
        return ""
    if info.file_size > limits.MB:
        return ""
    root = ET.fromstring(zf.read(info))
    el = root.find(DC_TITLE)
    return one_line(el.text or "") if el is not None and el.text else ""


def _paragraphs(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(text, styleId) of every paragraph of the body, in document order."""
    out: list[tuple[str, str]] = []
    path: list[str] = []  # open element tags (explicit stack: no recursion, any depth)
    open_p: list[tuple[list[str], list[str]]] = []  # (text parts, [styleId])
    skip = 0  # inside mc:Fallback (duplicate of mc:Choice) or w:moveFrom (moved away)
    with zf.open(MAIN_PART) as f:
        for event, el in ET.iterparse(f, events=("start", "end")):
            tag = el.tag
            if event == "start":
                path.append(tag)
                if tag == W + "p":
                    open_p.append(([], [""]))
                elif tag in (MC + "Fallback", W + "moveFrom"):
                    skip += 1
                elif (tag == W + "pStyle" and open_p and len(path) >= 3
                      and path[-2] == W + "pPr" and path[-3] == W + "p"):
                    open_p[-1][1][0] = el.get(W + "val") or ""
                continue
            # end
            path.pop()
            parent = path[-1] if path else ""
            if tag == W + "p":
                parts, style = open_p.pop() if open_p else ([], [""])
                if not skip:
                    out.append(("".join(parts), style[0]))
                el.clear()
            elif tag in (MC + "Fallback", W + "moveFrom"):
                skip -= 1
            elif skip or not open_p:
                continue
            elif tag == W + "t":
                open_p[-1][0].append(el.text or "")
            elif parent == W + "r":
                if tag == W + "tab":
                    open_p[-1][0].append("\t")
                elif tag in (W + "br", W + "cr"):
                    open_p[-1][0].append("\n")
                elif tag == W + "noBreakHyphen":
                    open_p[-1][0].append("-")
    return out


_JUNK_TITLES = ("untitled", "document", "microsoft word", "word document")


def _meaningful(title: str) -> bool:
    t = title.strip().lower()
    return (bool(t) and len(t) <= 300 and not t.startswith(_JUNK_TITLES)
            and not t.endswith((".doc", ".docx", ".pdf", ".rtf", ".odt")))


def read_docx(data: bytes) -> tuple[str, str]:
    """(title, body) of a .docx; the title paragraph is not repeated in the body."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(zf)
            styles = _styles(zf)
            paragraphs = _paragraphs(zf)
            core = _core_title(zf)
    except (UnsafeFileError, UnreadableFileError):
        raise
    except ET.ParseError as exc:
        raise UnreadableFileError(DAMAGED) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            KeyError, ValueError, RuntimeError) as exc:
        raise UnreadableFileError(DAMAGED) from exc

    texts = [normalize(t) for t, _ in paragraphs]
    kinds = [styles.get(s, s.lower()).replace(" ", "") for _, s in paragraphs]
    nonempty = [i for i, t in enumerate(texts) if t]
    first = nonempty[:5]

    def take(i: int) -> tuple[str, str]:
        return one_line(texts[i]), "\n\n".join(texts[j] for j in nonempty if j != i)

    for i in nonempty[:10]:
        if kinds[i] == "title":
            return take(i)
    if core and _meaningful(core):
        for i in first:
            if one_line(texts[i]).casefold() == core.casefold():
                return take(i)
    for i in first:
        if kinds[i] == "heading1":
            return take(i)
    body = "\n\n".join(texts[j] for j in nonempty)
    if first_line_title(body) or not (core and _meaningful(core)):
        return "", body  # the caller applies the first-short-line rule
    return core, body
