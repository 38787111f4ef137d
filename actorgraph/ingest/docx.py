"""Word (.docx) → (title, body).

Checked before anything is parsed (``check_zip``): member count, total declared
uncompressed size, per-member compression ratio, encrypted members, the main part,
and no ``<!DOCTYPE``/``<!ENTITY`` in any XML part (entity expansion). The declared
sizes are binding: zipfile never inflates a member beyond its declared size.

Then word/document.xml is streamed through expat (``xml.parsers.expat``): events
only, no element tree, so millions of elements cost no memory (an ElementTree of a
1.3 MB .docx holding 40 MB of salted XML took 560 MB), and depth is capped
(DOCX_MAX_DEPTH). python-docx is not used: it builds the whole tree, and it misses
text in content controls (``w:sdt``) and text boxes. Here text in content controls,
text boxes, hyperlinks and tracked insertions is kept; deleted and moved-away text and
field codes are not; text boxes are not read twice (the ``mc:Fallback`` copy is
skipped); .docm/.dotx work too. Table cells come out one paragraph each, in document
order.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from xml.parsers import expat

from ..errors import UnreadableFileError, UnsafeFileError
from . import limits
from .text import first_line_title, junk_title, normalize, one_line

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006 "
DC_TITLE = "http://purl.org/dc/elements/1.1/ title"
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


def declared_members(data: bytes) -> int:
    """Number of members the zip's end record declares (0 when it cannot be told).

    Read before ``zipfile.ZipFile`` is built, since that parses every directory entry.
    """
    i = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if i < 0 or len(data) < i + 22:
        return 0
    count = struct.unpack("<H", data[i + 10:i + 12])[0]
    if count == 0xFFFF and i >= 20 and data[i - 20:i - 16] == b"PK\x06\x07":  # zip64
        offset = struct.unpack("<Q", data[i - 12:i - 4])[0]
        if data[offset:offset + 4] == b"PK\x06\x06" and len(data) >= offset + 40:
            count = struct.unpack("<Q", data[offset + 32:offset + 40])[0]
    return count


def _too_many() -> UnsafeFileError:
    return _unsafe(f"it holds more than {limits.DOCX_MAX_MEMBERS:,} parts")


def check_zip(zf: zipfile.ZipFile) -> None:
    """Refuse zip bombs, entity expansion and files that are not Word documents."""
    infos = zf.infolist()
    if len(infos) > limits.DOCX_MAX_MEMBERS:
        raise _too_many()
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


def _too_deep() -> UnsafeFileError:
    return _unsafe(f"its text is nested more than {limits.DOCX_MAX_DEPTH:,} levels deep")


def _expat(zf: zipfile.ZipFile, name: str, start, end=None, chars=None, *,
           counts_depth: bool = False) -> None:
    """Stream part ``name`` through expat with the given handlers; no tree is built.

    Element and attribute names arrive as "namespace-uri localname" (see W, DC_TITLE).
    Elements nested deeper than DOCX_MAX_DEPTH are refused (expat keeps ~100 bytes per
    open element); ``counts_depth`` says that ``start`` does that check itself (the
    wrappers cost a third more time on a part with millions of elements). A DOCTYPE or
    entity declaration stops the parse (check_zip has refused those already; this is the
    second lock).
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    depth = [0]
    max_depth = limits.DOCX_MAX_DEPTH

    def refuse(*_: object) -> None:
        raise _unsafe("one of its parts declares a DOCTYPE or XML entities")

    def counted_start(tag: str, attrs: dict[str, str]) -> None:
        depth[0] += 1
        if depth[0] > max_depth:
            raise _too_deep()
        start(tag, attrs)

    def counted_end(tag: str) -> None:
        depth[0] -= 1
        if end is not None:
            end(tag)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    if counts_depth:
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
    else:
        parser.StartElementHandler = counted_start
        parser.EndElementHandler = counted_end
    if chars is not None:
        parser.CharacterDataHandler = chars
    with zf.open(name) as f:
        parser.ParseFile(f)


def _styles(zf: zipfile.ZipFile) -> dict[str, str]:
    """styleId → lower-case style name ("title", "heading 1")."""
    if "word/styles.xml" not in zf.NameToInfo:
        return {}
    names: dict[str, str] = {}
    current = [""]

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == W + "style":
            current[0] = attrs.get(W + "styleId", "")
        elif tag == W + "name" and current[0]:
            names[current[0]] = attrs.get(W + "val", "").strip().lower()
            current[0] = ""

    _expat(zf, "word/styles.xml", start)
    return names


def _core_title(zf: zipfile.ZipFile) -> str:
    if "docProps/core.xml" not in zf.NameToInfo:
        return ""
    parts: list[str] = []
    inside = [False]

    def start(tag: str, attrs: dict[str, str]) -> None:
        inside[0] = tag == DC_TITLE

    def end(tag: str) -> None:
        inside[0] = False

    def chars(data: str) -> None:
        if inside[0] and sum(map(len, parts)) < 1000:
            parts.append(data)

    _expat(zf, "docProps/core.xml", start, end, chars)
    return one_line("".join(parts))


def _paragraphs(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(text, styleId) of every paragraph of the body, in document order."""
    out: list[tuple[str, str]] = []
    path: list[str] = []  # open element names (an explicit stack: any depth, no recursion)
    open_p: list[tuple[list[str], list[str]]] = []  # (text parts, [styleId])
    state = {"skip": 0, "in_t": False}  # skip: inside mc:Fallback (a duplicate) or w:moveFrom
    p_tag, ppr_tag, r_tag, t_tag = W + "p", W + "pPr", W + "r", W + "t"
    skippers = (MC + "Fallback", W + "moveFrom")
    run_marks = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
    max_depth = limits.DOCX_MAX_DEPTH

    def start(tag: str, attrs: dict[str, str]) -> None:
        parent = path[-1] if path else ""
        path.append(tag)
        if len(path) > max_depth:
            raise _too_deep()
        if tag == p_tag:
            open_p.append(([], [""]))
        elif tag in skippers:
            state["skip"] += 1
        elif state["skip"] or not open_p:
            return
        elif tag == t_tag:
            state["in_t"] = True
        elif parent == r_tag and tag in run_marks:
            open_p[-1][0].append(run_marks[tag])
        elif tag == W + "pStyle" and parent == ppr_tag and len(path) >= 3 and path[-3] == p_tag:
            open_p[-1][1][0] = attrs.get(W + "val", "")

    def end(tag: str) -> None:
        path.pop()
        if tag == p_tag:
            parts, style = open_p.pop() if open_p else ([], [""])
            if not state["skip"]:
                out.append(("".join(parts), style[0]))
        elif tag in skippers:
            state["skip"] -= 1
        elif tag == t_tag:
            state["in_t"] = False

    def chars(data: str) -> None:
        if state["in_t"] and not state["skip"] and open_p:
            open_p[-1][0].append(data)

    _expat(zf, MAIN_PART, start, end, chars, counts_depth=True)
    return out


def read_docx(data: bytes) -> tuple[str, str]:
    """(title, body) of a .docx; the title paragraph is not repeated in the body."""
    if declared_members(data) > limits.DOCX_MAX_MEMBERS:
        raise _too_many()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(zf)
            paragraphs = _paragraphs(zf)
            try:  # a damaged styles or properties part only costs the title
                styles = _styles(zf)
            except expat.ExpatError:
                styles = {}
            try:
                core = _core_title(zf)
            except expat.ExpatError:
                core = ""
    except (UnsafeFileError, UnreadableFileError):
        raise
    except expat.ExpatError as exc:
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
    if core and not junk_title(core):
        for i in first:
            if one_line(texts[i]).casefold() == core.casefold():
                return take(i)
    for i in first:
        if kinds[i] == "heading1":
            return take(i)
    body = "\n\n".join(texts[j] for j in nonempty)
    if first_line_title(body) or not (core and not junk_title(core)):
        return "", body  # the caller applies the first-short-line rule
    return core, body
