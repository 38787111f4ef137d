"""Ingest of PDF files: text, title, encryption, scans, damage, and hostile files.

Every PDF is built here in code. pypdf runs in a child process with a wall-clock
timeout and a memory cap; the hostile cases check that the bound holds.
"""
from __future__ import annotations

import io
import os
import time
import zlib

import pytest
from pypdf import PdfReader, PdfWriter

from actorgraph.errors import UnreadableFileError, UnsafeFileError
from actorgraph.ingest import limits, read_bytes
from actorgraph.ingest import pdf as pdf_mod

LINES = ["Rebels seize Aleppo",
         "Syrian rebels backed by Turkey seized the city of Aleppo on Friday, officials",
         "said. The government of Bashar al-Assad vowed to retake the city with the",
         "help of Russia and Iran, its allies in the war against the rebel groups."]
BODY = ("Syrian rebels backed by Turkey seized the city of Aleppo on Friday, officials said. "
        "The government of Bashar al-Assad vowed to retake the city with the help of Russia "
        "and Iran, its allies in the war against the rebel groups.")


def _esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], *, title: str | None = None,
             content: tuple[bytes, bytes] | None = None) -> bytes:
    """A valid PDF: one page per list of lines, set in Helvetica 12 pt.

    ``content`` = (extra stream dictionary entries, raw stream bytes) replaces every page's
    content stream (for hostile streams); ``title`` sets the /Info title.
    """
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    kids: list[int] = []
    num = 4
    for lines in pages:
        page_id, content_id = num, num + 1
        num += 2
        kids.append(page_id)
        if content is None:
            ops = ["BT /F1 12 Tf 14 TL 72 740 Td"]
            ops += [f"({_esc(line)}) Tj T*" for line in lines]
            ops.append("ET")
            extra, stream = b"", "\n".join(ops).encode("cp1252")
        else:
            extra, stream = content
        objs[page_id] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                         f"<< /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>").encode()
        objs[content_id] = (b"<< /Length %d %s>>\nstream\n" % (len(stream), extra)
                            + stream + b"\nendstream")
    objs[2] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
               f"/Count {len(kids)} >>").encode()
    info = 0
    if title is not None:
        info = num
        objs[info] = f"<< /Title ({_esc(title)}) >>".encode("cp1252")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R" % size
    if info:
        out += b" /Info %d 0 R" % info
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _rewrite(data: bytes, *, encrypt: tuple[str, str] | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    if encrypt:
        writer.encrypt(encrypt[0], encrypt[1], algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _flate_of(chunk: bytes, times: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    co = zlib.compressobj(9)
    parts = [co.compress(head)] + [co.compress(chunk) for _ in range(times)]
    return b"".join(parts + [co.compress(tail), co.flush()])


# ---------------------------------------------------------------- normal files

def test_ingest_pdf_text_and_title_from_first_line() -> None:
    a = read_bytes(make_pdf([LINES, ["Page two says Hezbollah fired rockets."]]), "story.pdf")
    assert a.kind == "pdf" and a.source == "story.pdf"
    assert a.title == "Rebels seize Aleppo"
    assert a.text == "Rebels seize Aleppo\n\n" + BODY + "\n\nPage two says Hezbollah fired rockets."
    assert a.notices == ()


def test_ingest_pdf_metadata_title() -> None:
    a = read_bytes(make_pdf([LINES[1:]], title="Rebels seize Aleppo"), "story.pdf")
    assert a.title == "Rebels seize Aleppo"
    assert a.text == "Rebels seize Aleppo\n\n" + BODY
    # a metadata title equal to the first line is not repeated
    a = read_bytes(make_pdf([LINES], title="Rebels seize Aleppo"), "story.pdf")
    assert a.text == "Rebels seize Aleppo\n\n" + BODY
    # a junk metadata title is ignored
    a = read_bytes(make_pdf([LINES[1:]], title="Microsoft Word - draft3.docx"), "story.pdf")
    assert a.title == "" and a.text == BODY


def test_ingest_pdf_reflow() -> None:
    page = ("Rebels seize Aleppo\n"
            "Syrian rebels backed by Turkey seized the city of Aleppo on Friday, the gov-\n"
            "ernment said. Iran-\n"
            "backed militias and Russian forces joined the fight against the rebels in the\n"
            "north.\n"
            "A second paragraph starts here and goes on for a full line of text in the\n"
            "page, and ends here.")
    assert pdf_mod.reflow(page) == (
        "Rebels seize Aleppo\n\n"
        "Syrian rebels backed by Turkey seized the city of Aleppo on Friday, the government "
        "said. Iran-backed militias and Russian forces joined the fight against the rebels in "
        "the north.\n\n"
        "A second paragraph starts here and goes on for a full line of text in the page, and "
        "ends here.")


def test_ingest_pdf_many_pages_read_up_to_limit(monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 3)
    pages = [[f"Page {i}: the army of Iran said that the rebels were defeated."] for i in range(8)]
    a = read_bytes(make_pdf(pages), "long.pdf")
    assert "Page 2:" in a.text and "Page 3:" not in a.text
    assert "This PDF has 8 pages; only the first 3 were read." in a.notices


# ---------------------------------------------------------------- unreadable files

def test_ingest_pdf_encrypted() -> None:
    data = _rewrite(make_pdf([LINES]), encrypt=("secret", "owner"))
    with pytest.raises(UnreadableFileError, match=r"encrypted.*remove the password"):
        read_bytes(data, "locked.pdf")


def test_ingest_pdf_encrypted_with_empty_password_is_read() -> None:
    data = _rewrite(make_pdf([LINES]), encrypt=("", "owner"))
    assert PdfReader(io.BytesIO(data)).is_encrypted
    a = read_bytes(data, "restricted.pdf")
    assert a.text == "Rebels seize Aleppo\n\n" + BODY


def test_ingest_pdf_without_text_layer() -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_blank_page(612, 792)
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(UnreadableFileError, match=r"has no text layer \(it may be a scan\).*OCR"):
        read_bytes(buf.getvalue(), "scan.pdf")


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_ingest_pdf_truncated(cut: float) -> None:
    data = make_pdf([LINES])
    with pytest.raises(UnreadableFileError, match="damaged or incomplete"):
        read_bytes(data[: int(len(data) * cut)], "cut.pdf")


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n" + bytes(range(256)) * 40,
    b"%PDF-",
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>",
], ids=["binary", "header-only", "no-xref"])
def test_ingest_pdf_garbage_after_header(data: bytes) -> None:
    with pytest.raises(UnreadableFileError, match="damaged or incomplete"):
        read_bytes(data, "junk.pdf")


def test_ingest_pdf_header_after_junk_is_still_a_pdf() -> None:
    a = read_bytes(b"junk before the header\n" + make_pdf([LINES]), "x.bin")
    assert a.kind == "pdf" and a.title == "Rebels seize Aleppo"
    a = read_bytes(b"\x00\x01\x02" + make_pdf([LINES]), "x.bin")
    assert a.kind == "pdf"
    # a text that only mentions the header is still text
    a = read_bytes(b"Files start with %PDF-1.4 and then objects. " + BODY.encode(), "a.txt")
    assert a.kind == "txt"


# ---------------------------------------------------------------- hostile files

@pytest.fixture(scope="module")
def bomb() -> bytes:
    """200 MB of zeros as a FlateDecode content stream (~200 KB of file)."""
    z = _flate_of(b"\0" * (1 << 20), 200)
    assert len(z) < 300_000
    return make_pdf([["x"]], content=(b"/Filter /FlateDecode ", z))


@pytest.mark.timeout(30)
def test_ingest_pdf_decompression_bomb_is_bounded(bomb: bytes) -> None:
    start = time.perf_counter()
    with pytest.raises(UnsafeFileError, match="could not be read safely within the time/memory"):
        read_bytes(bomb, "bomb.pdf")
    assert time.perf_counter() - start < limits.PDF_TIMEOUT_SECONDS + 2


@pytest.mark.timeout(30)
def test_ingest_pdf_decompression_bomb_under_small_limits(bomb: bytes, monkeypatch) -> None:
    # the same bomb against a 1.5 s / 200 MB child: still a clear refusal, fast
    monkeypatch.setattr(limits, "PDF_TIMEOUT_SECONDS", 1.5)
    monkeypatch.setattr(limits, "PDF_MEMORY_BYTES", 200 * limits.MB)
    start = time.perf_counter()
    with pytest.raises(UnsafeFileError):
        read_bytes(bomb, "bomb.pdf")
    assert time.perf_counter() - start < 3.5


@pytest.mark.timeout(30)
def test_ingest_pdf_large_stream_within_limits_gives_text() -> None:
    # 10 MB of spaces around one line of text: inflates within limits and reads correctly
    z = _flate_of(b" " * (1 << 20), 10, head=b"BT /F1 12 Tf 72 700 Td ",
                  tail=b" (Iran backs Hezbollah in Lebanon.) Tj ET")
    start = time.perf_counter()
    a = read_bytes(make_pdf([["x"]], content=(b"/Filter /FlateDecode ", z)), "big.pdf")
    assert a.text == "Iran backs Hezbollah in Lebanon."
    assert time.perf_counter() - start < 10


@pytest.mark.timeout(30)
def test_ingest_pdf_timeout_kills_child(tmp_path) -> None:
    pid_file = tmp_path / "pid"
    code = (f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); "
            "time.sleep(60)")
    start = time.perf_counter()
    with pytest.raises(UnsafeFileError, match="time/memory limits"):
        pdf_mod.run_bounded(b"", code=code, timeout=1.0, memory_bytes=limits.PDF_MEMORY_BYTES)
    assert time.perf_counter() - start < 3
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped


@pytest.mark.timeout(30)
def test_ingest_pdf_timeout_on_real_parse(monkeypatch) -> None:
    monkeypatch.setattr(limits, "PDF_TIMEOUT_SECONDS", 0.01)  # less than a child's start-up
    start = time.perf_counter()
    with pytest.raises(UnsafeFileError, match="0.01 seconds"):
        read_bytes(make_pdf([LINES]), "slow.pdf")
    assert time.perf_counter() - start < 2


@pytest.mark.timeout(30)
def test_ingest_pdf_memory_cap() -> None:
    start = time.perf_counter()
    with pytest.raises(UnsafeFileError, match="256 MB"):
        pdf_mod.run_bounded(b"", code="x = bytearray(4 << 30)", timeout=10,
                            memory_bytes=256 * limits.MB)
    assert time.perf_counter() - start < 3


def test_ingest_pdf_child_crash_is_unreadable() -> None:
    with pytest.raises(UnreadableFileError):
        pdf_mod.run_bounded(b"", code="raise SystemExit(3)", timeout=10,
                            memory_bytes=limits.PDF_MEMORY_BYTES)
