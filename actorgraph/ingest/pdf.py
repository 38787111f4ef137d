"""PDF → (title, body, notices), parsed by pypdf in a bounded child process.

A hostile PDF can make a parser loop or inflate a small stream into gigabytes, so
pypdf never runs in the app's process. ``run_bounded`` starts
``python -c BOOTSTRAP`` (a plain subprocess: no fork of a threaded Streamlit
server, no re-import of the app's main module as multiprocessing 'spawn' would do),
which first caps its own address space (RLIMIT_AS) and CPU time (RLIMIT_CPU, a
backstop should the parent die) and then parses. The parent waits at most
``PDF_TIMEOUT_SECONDS`` and kills the child when time is up. The PDF goes in on stdin;
a JSON result comes back on stdout. Cost for a normal PDF: one interpreter start plus
the pypdf import, about 0.2–0.3 s.
"""
from __future__ import annotations

import io
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..errors import UnreadableFileError, UnsafeFileError
from . import limits
from .text import junk_title, one_line

# The directory that holds the ``actorgraph`` package, so the child imports this code.
_ROOT = str(Path(__file__).resolve().parents[2])

# Runs in the child: argv = [-c, root, memory_bytes, cpu_seconds, code, *args];
# ``code`` then sees argv = [-c, *args].
_BOOTSTRAP = r"""
import sys
root, mem, cpu, code = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
try:
    import resource
except ImportError:  # not on POSIX: only the parent's timeout bounds the child
    resource = None
if resource is not None:
    for name, soft, hard in (("RLIMIT_AS", mem, mem), ("RLIMIT_CPU", cpu, cpu + 1),
                             ("RLIMIT_CORE", 0, 0)):
        lim = getattr(resource, name, None)
        if lim is None:
            continue
        try:
            _, cur_hard = resource.getrlimit(lim)
            if cur_hard != resource.RLIM_INFINITY:
                soft, hard = min(soft, cur_hard), min(hard, cur_hard)
            resource.setrlimit(lim, (soft, hard))
        except (ValueError, OSError):
            pass
sys.path[:] = [root] + [p for p in sys.path if p not in ("", ".", root)]
sys.argv[:] = [sys.argv[0]] + sys.argv[5:]
exec(code)
"""
_PDF_CODE = "from actorgraph.ingest.pdf import _child_main; _child_main()"

SAFETY = ("This PDF could not be read safely within the time/memory limits "
          "({limit}). It may be damaged or built to overload readers. Open it, "
          "save or print it again as a new PDF, or paste its text instead.")
DAMAGED = ("This PDF is damaged or incomplete and could not be read. Open it and save "
           "or print it again as a new PDF, or paste its text instead.")
ENCRYPTED = "This PDF is encrypted; remove the password and upload it again."
ENCRYPTED_UNSUPPORTED = ("This PDF is encrypted with a method ActorGraph cannot open, even "
                         "if it has no password; remove the password or protection (for "
                         "example print it to a new PDF) and upload it again.")
NO_TEXT = ("This PDF has no text layer (it may be a scan), so there is no text to analyse. "
           "Run OCR (text recognition, for example in Adobe Acrobat or an online OCR tool) "
           "on it and upload the result, or paste the text.")


def _limit_text(timeout: float, memory_bytes: int) -> str:
    unit = "second" if timeout == 1 else "seconds"
    return f"{timeout:g} {unit}, {memory_bytes / limits.MB:,.0f} MB"


def run_bounded(data: bytes, *, code: str, args: tuple[str, ...] = (),
                timeout: float, memory_bytes: int) -> dict[str, Any]:
    """Run ``code`` in a capped child with ``data`` on stdin; return its JSON result.

    Raises UnsafeFileError on timeout (the child is killed), memory exhaustion or a
    crash by signal; UnreadableFileError when the child could not start or said nothing.
    """
    limit = _limit_text(timeout, memory_bytes)
    cmd = [sys.executable, "-c", _BOOTSTRAP, _ROOT, str(int(memory_bytes)),
           str(max(1, math.ceil(timeout)) + 1), code, *args]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH", "")) if p)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, timeout=timeout,
                              cwd=_ROOT, env=env, check=False)
    except subprocess.TimeoutExpired as exc:  # subprocess.run has killed and reaped the child
        raise UnsafeFileError(SAFETY.format(limit=limit)) from exc
    except OSError as exc:
        raise UnreadableFileError(
            "The PDF reader could not be started, so this PDF was not read. "
            "Try again in a moment, or paste the text instead."
        ) from exc
    try:
        result = json.loads(proc.stdout)
        if not isinstance(result, dict):
            raise ValueError("not an object")
        return result
    except ValueError:
        pass
    if proc.returncode < 0 or b"MemoryError" in proc.stderr[-2000:]:
        raise UnsafeFileError(SAFETY.format(limit=limit))  # killed by a limit, or out of memory
    raise UnreadableFileError(DAMAGED)


# ---------------------------------------------------------------- child side

def _meaningful_title(title: object) -> str:
    if not isinstance(title, str):
        return ""
    t = " ".join(title.split())
    return "" if junk_title(t) else t


def _child_work(data: bytes, max_pages: int, char_budget: int) -> dict[str, Any]:
    import logging
    import warnings

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:  # many PDFs are encrypted with an empty user password: just open them
                if not reader.decrypt(""):
                    return {"status": "encrypted"}
            except DependencyError:  # AES needs the optional 'cryptography' package
                return {"status": "encrypted_unsupported"}
            except Exception:  # noqa: BLE001 - damaged encryption dictionary
                return {"status": "encrypted"}
        page_count = len(reader.pages)
    except LimitReachedError as exc:
        return {"status": "limit", "detail": str(exc)[:300]}
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on garbage
        return {"status": "corrupt", "detail": f"{type(exc).__name__}: {exc}"[:300]}
    if page_count == 0:
        return {"status": "corrupt", "detail": "no pages"}
    try:
        title = _meaningful_title(reader.metadata.title if reader.metadata else "")
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001
        title = ""
    pages: list[str] = []
    kept = total = failed = 0
    limit_hit = ""
    needs_crypto = False
    to_read = min(page_count, max_pages)
    for i in range(to_read):
        try:
            text = reader.pages[i].extract_text() or ""
        except LimitReachedError as exc:
            limit_hit, failed = str(exc)[:300], failed + 1
            continue
        except DependencyError:  # AES-encrypted content without 'cryptography'
            needs_crypto, failed = True, failed + 1
            continue
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 - one bad page does not spoil the rest
            failed += 1
            continue
        total += len(text)
        if kept < char_budget:
            text = text[: char_budget - kept]
            kept += len(text)
            pages.append(text)
    return {"status": "ok", "title": title, "pages": pages, "page_count": page_count,
            "pages_read": to_read, "failed": failed, "limit": limit_hit,
            "needs_crypto": needs_crypto, "total_chars": total, "budget_hit": total > kept}


def _child_main() -> None:
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but the result may reach the pipe
    max_pages, char_budget = int(sys.argv[1]), int(sys.argv[2])
    try:
        result = _child_work(sys.stdin.buffer.read(), max_pages, char_budget)
        payload = json.dumps(result)
    except MemoryError:
        payload = json.dumps({"status": "memory"})
    out.write(payload)
    out.flush()


# ---------------------------------------------------------------- text layout

_END = re.compile(r"[.!?:;\"'\u201d\u2019)]$")
_STARTS_BLOCK = re.compile(r"^[A-Z0-9\"'\u201c\u2018(\[\u2022\-\u2013*]")


def reflow(page: str) -> str:
    """Join the lines of PDF text back into paragraphs.

    pypdf gives one line per printed line. A line break is kept as a paragraph break
    when the line is clearly shorter than the page's usual line and either ends a
    sentence or the next line starts like a new block; otherwise the lines are joined
    (a word hyphenated at the line end is rejoined: "govern-/ment" → "government",
    "Iran-/backed" → "Iran-backed").
    """
    lines = [" ".join(line.split()) for line in page.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return ""
    typical = lengths[min(len(lengths) - 1, int(len(lengths) * 0.8))]
    paras: list[str] = []
    cur = ""
    cur_last = ""  # the last printed line of cur
    for line in lines:
        if not line:
            if cur:
                paras.append(cur)
            cur = cur_last = ""
            continue
        if not cur:
            cur = cur_last = line
            continue
        short = len(cur_last) < 0.75 * typical
        if short and (_END.search(cur_last) or _STARTS_BLOCK.match(line)):
            paras.append(cur)
            cur = cur_last = line
            continue
        if cur.endswith("-") and len(cur) > 1 and cur[-2].isalpha() and line[:1].isalpha():
            word = cur.rsplit(" ", 1)[-1]
            cur = (cur[:-1] if word[:1].islower() and line[:1].islower() else cur) + line
        else:
            cur = cur + " " + line
        cur_last = line
    if cur:
        paras.append(cur)
    return "\n\n".join(paras)


# ---------------------------------------------------------------- parent side

def read_pdf(data: bytes, *, timeout: float | None = None, memory_bytes: int | None = None,
             max_pages: int | None = None) -> tuple[str, str, list[str], int]:
    """(title, body, notices, total) of a PDF; ``total`` is the number of characters the
    pages held when there were more than the child sent back, else 0."""
    timeout = limits.PDF_TIMEOUT_SECONDS if timeout is None else timeout
    memory_bytes = limits.PDF_MEMORY_BYTES if memory_bytes is None else memory_bytes
    max_pages = limits.MAX_PDF_PAGES if max_pages is None else max_pages
    result = run_bounded(data, code=_PDF_CODE, args=(str(max_pages), str(limits.PDF_CHAR_BUDGET)),
                         timeout=timeout, memory_bytes=memory_bytes)
    status = result.get("status")
    limit = _limit_text(timeout, memory_bytes)
    if status in ("memory", "limit"):
        raise UnsafeFileError(SAFETY.format(limit=limit))
    if status == "encrypted":
        raise UnreadableFileError(ENCRYPTED)
    if status == "encrypted_unsupported":
        raise UnreadableFileError(ENCRYPTED_UNSUPPORTED)
    if status != "ok":
        raise UnreadableFileError(DAMAGED)
    pages = [reflow(p) for p in result.get("pages", []) if isinstance(p, str)]
    body = "\n\n".join(p for p in pages if p.strip())
    if not body.strip():
        if result.get("limit"):
            raise UnsafeFileError(SAFETY.format(limit=limit))
        if result.get("needs_crypto"):
            raise UnreadableFileError(ENCRYPTED_UNSUPPORTED)
        if result.get("failed") and result.get("failed") >= result.get("pages_read", 0):
            raise UnreadableFileError(DAMAGED)
        raise UnreadableFileError(NO_TEXT)
    notices: list[str] = []
    page_count, pages_read = int(result.get("page_count", 0)), int(result.get("pages_read", 0))
    if page_count > pages_read:
        notices.append(
            f"This PDF has {page_count:,} pages; only the first {pages_read:,} were read.")
    failed = int(result.get("failed", 0))
    if failed:
        notices.append(f"{failed:,} page(s) of this PDF could not be read and were skipped.")
    title = one_line(result.get("title") or "") if isinstance(result.get("title"), str) else ""
    total = int(result.get("total_chars", 0)) if result.get("budget_hit") else 0
    return title, body, notices, total
