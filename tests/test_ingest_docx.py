"""Ingest of Word (.docx) files: text, tables, title, and the checks before parsing.

Files are built here: with python-docx, or as a python-docx file whose parts are
replaced (hand-written document.xml, zip bombs, entity declarations).
"""
from __future__ import annotations

import io
import time
import zipfile

import docx
import pytest

from actorgraph.errors import EmptyInputError, UnreadableFileError, UnsafeFileError
from actorgraph.ingest import limits, read_bytes

BODY = "Syrian rebels backed by Turkey seized the city of Aleppo on Friday, officials said."
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _save(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def base_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("placeholder")
    return _save(d)


def replace_parts(data: bytes, parts: dict[str, bytes], *, level: int = 6) -> bytes:
    """``data`` (a docx) with ``parts`` replaced or added."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for info in src.infolist():
            if info.filename not in parts:
                out.writestr(info.filename, src.read(info))
        for name, content in parts.items():
            out.writestr(name, content)
    return buf.getvalue()


def document_xml(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W_NS}" '
            f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            f"<w:body>{body}</w:body></w:document>").encode()


def p(text: str, style: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


# ---------------------------------------------------------------- normal files

def test_ingest_docx_paragraphs_and_tables() -> None:
    d = docx.Document()
    d.add_heading("Rebels seize Aleppo", level=0)  # the Title style
    d.add_paragraph(BODY)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Hezbollah", "backed by Iran"
    table.cell(1, 0).text, table.cell(1, 1).text = "SDF", "backed by the United States"
    last = d.add_paragraph("Russia")
    last.add_run("\tand Iran support the government.")
    a = read_bytes(_save(d), "story.docx")
    assert a.kind == "docx" and a.source == "story.docx"
    assert a.title == "Rebels seize Aleppo"
    assert a.text == ("Rebels seize Aleppo\n\n" + BODY + "\n\nHezbollah\n\nbacked by Iran\n\nSDF"
                      "\n\nbacked by the United States\n\nRussia and Iran support the government.")


def test_ingest_docx_title_from_heading_1() -> None:
    d = docx.Document()
    d.add_paragraph("By our correspondent, " + BODY)
    d.add_heading("Rebels seize Aleppo", level=1)
    d.add_paragraph(BODY)
    a = read_bytes(_save(d), "a.docx")
    assert a.title == "Rebels seize Aleppo"
    assert a.text == "Rebels seize Aleppo\n\nBy our correspondent, " + BODY + "\n\n" + BODY


def test_ingest_docx_title_from_core_properties() -> None:
    d = docx.Document()
    d.core_properties.title = "War in Sudan"
    d.add_paragraph(BODY)
    a = read_bytes(_save(d), "a.docx")
    assert a.title == "War in Sudan" and a.text == "War in Sudan\n\n" + BODY


def test_ingest_docx_title_from_first_short_line() -> None:
    d = docx.Document()
    d.add_paragraph("Rebels seize Aleppo")
    d.add_paragraph(BODY)
    a = read_bytes(_save(d), "a.docx")
    assert a.title == "Rebels seize Aleppo" and a.text == "Rebels seize Aleppo\n\n" + BODY


def test_ingest_docx_hand_written_parts(base_docx: bytes) -> None:
    body = (
        p("Rebels seize Aleppo", "Title")
        # content control, hyperlink, tracked insertion and deletion, field code, soft hyphen
        + "<w:sdt><w:sdtContent>" + p("Inside a content control.") + "</w:sdtContent></w:sdt>"
        + '<w:p><w:hyperlink><w:r><w:t>Linked</w:t></w:r></w:hyperlink><w:ins><w:r>'
          '<w:t xml:space="preserve"> inserted</w:t></w:r></w:ins><w:del><w:r><w:delText>'
          ' deleted</w:delText></w:r></w:del><w:r><w:instrText>HYPERLINK x</w:instrText></w:r>'
          '<w:r><w:t xml:space="preserve"> Hez</w:t><w:softHyphen/><w:t>bollah</w:t>'
          '<w:br/><w:t>next line</w:t></w:r></w:p>'
        # a text box: Word stores it twice (mc:Choice and mc:Fallback)
        + '<w:p><w:r><w:t xml:space="preserve">Before box </w:t></w:r><w:r><mc:AlternateContent>'
          '<mc:Choice Requires="wps"><w:drawing><w:txbxContent>' + p("Box text.")
        + '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>'
        + p("Box text.") + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>"
          "</w:r></w:p>"
        + '<w:moveFrom><w:p><w:r><w:t>moved away</w:t></w:r></w:p></w:moveFrom>'
        + '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
          '<w:r><w:t>A</w:t><w:tab/><w:t>B</w:t></w:r></w:p>'
    )
    a = read_bytes(replace_parts(base_docx, {"word/document.xml": document_xml(body)}), "a.docx")
    assert a.title == "Rebels seize Aleppo"
    assert a.text == ("Rebels seize Aleppo\n\nInside a content control.\n\n"
                      "Linked inserted Hezbollah\nnext line\n\nBox text.\n\nBefore box\n\nA B")


def test_ingest_docx_deep_nesting(base_docx: bytes) -> None:
    def nested(depth: int) -> bytes:
        body = "<w:sdt><w:sdtContent>" * depth + p(BODY) + "</w:sdtContent></w:sdt>" * depth
        return replace_parts(base_docx, {"word/document.xml": document_xml(body)})

    start = time.perf_counter()
    assert read_bytes(nested(2_000), "deep.docx").text == BODY  # 4,000 levels: fine
    with pytest.raises(UnsafeFileError, match="nested more than 10,000 levels"):
        read_bytes(nested(20_000), "deeper.docx")  # refused before expat's stack grows
    assert time.perf_counter() - start < 5


def test_ingest_docx_many_elements_use_no_tree(base_docx: bytes) -> None:
    # 3 MB of small elements, salted so that the ratio check lets it through: streamed
    body = "".join(f'<w:x a="{i}"/>' for i in range(200_000)) + p(BODY)
    data = replace_parts(base_docx, {"word/document.xml": document_xml(body)})
    start = time.perf_counter()
    assert read_bytes(data, "a.docx").text == BODY
    assert time.perf_counter() - start < 3


def test_ingest_docx_empty(base_docx: bytes) -> None:
    data = replace_parts(base_docx, {"word/document.xml": document_xml(p("") + p("   "))})
    with pytest.raises(EmptyInputError, match="(?i)the file is empty"):
        read_bytes(data, "a.docx")


# ---------------------------------------------------------------- refused before parsing

def test_ingest_docx_compression_ratio_bomb(base_docx: bytes) -> None:
    pad = b"<!-- " + b"0" * (20 * limits.MB) + b" -->"  # compresses ~1000:1
    data = replace_parts(base_docx, {"word/custom.xml": pad}, level=9)
    assert len(data) < 200_000
    start = time.perf_counter()
    with pytest.raises(UnsafeFileError, match="compressed more than 100 times"):
        read_bytes(data, "bomb.docx")
    assert time.perf_counter() - start < 1


def test_ingest_docx_total_size(base_docx: bytes, monkeypatch) -> None:
    monkeypatch.setattr(limits, "DOCX_MAX_UNCOMPRESSED_BYTES", 1 * limits.MB)
    data = replace_parts(base_docx, {"word/media/image1.png": bytes(range(256)) * 8000})
    with pytest.raises(UnsafeFileError, match="expand to more than 1 MB"):
        read_bytes(data, "big.docx")


def test_ingest_docx_total_size_default_limit() -> None:
    # declared sizes are what is checked: a member that claims 60 MB is refused unread
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", document_xml(p(BODY)))
    data = bytearray(buf.getvalue())
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24: cd + 28] = (60 * limits.MB).to_bytes(4, "little")  # central dir file size
    with pytest.raises(UnsafeFileError, match="expand to more than 50 MB"):
        read_bytes(bytes(data), "a.docx")


def test_ingest_docx_too_many_members(base_docx: bytes) -> None:
    extra = {f"word/extra{i}.xml": b"<x/>" for i in range(limits.DOCX_MAX_MEMBERS)}
    with pytest.raises(UnsafeFileError, match="more than 1,000 parts"):
        read_bytes(replace_parts(base_docx, extra, level=1), "many.docx")


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b']><w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&lol9;'
          + b"</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "docProps/core.xml",
                                  "[Content_Types].xml", "word/_rels/document.xml.rels"])
def test_ingest_docx_doctype_and_entities_refused(base_docx: bytes, part: str) -> None:
    data = replace_parts(base_docx, {part: LAUGHS})
    start = time.perf_counter()
    with pytest.raises(UnsafeFileError, match="DOCTYPE or XML entities"):
        read_bytes(data, "laughs.docx")
    assert time.perf_counter() - start < 1


def test_ingest_docx_doctype_in_utf16_part_refused(base_docx: bytes) -> None:
    xml = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]>'
           f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>')
    data = replace_parts(base_docx, {"word/document.xml": xml.encode("utf-16")})
    with pytest.raises(UnsafeFileError):
        read_bytes(data, "a.docx")


def test_ingest_docx_svg_image_with_doctype_is_fine(base_docx: bytes) -> None:
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'
    data = replace_parts(base_docx, {"word/media/image1.svg": svg,
                                     "word/document.xml": document_xml(p(BODY))})
    assert read_bytes(data, "a.docx").text == BODY


# ---------------------------------------------------------------- damaged files

def test_ingest_docx_without_document_part(base_docx: bytes) -> None:
    src = zipfile.ZipFile(io.BytesIO(base_docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, src.read(info))
    with pytest.raises(UnreadableFileError, match="not a valid Word file"):
        read_bytes(buf.getvalue(), "a.docx")


@pytest.mark.parametrize("cut", [0.9, 0.5, 0.05])
def test_ingest_docx_truncated(base_docx: bytes, cut: float) -> None:
    with pytest.raises(UnreadableFileError, match="not a valid Word file"):
        read_bytes(base_docx[: int(len(base_docx) * cut)], "cut.docx")


def test_ingest_docx_malformed_xml(base_docx: bytes) -> None:
    data = replace_parts(base_docx, {"word/document.xml": b"<w:document><w:body><w:p>"})
    with pytest.raises(UnreadableFileError, match="damaged"):
        read_bytes(data, "a.docx")


def test_ingest_docx_corrupt_member(base_docx: bytes) -> None:
    data = bytearray(base_docx)
    i = data.find(b"word/document.xml") + len("word/document.xml") + 10  # inside its data
    data[i: i + 40] = bytes(40)
    with pytest.raises(UnreadableFileError):
        read_bytes(bytes(data), "a.docx")
