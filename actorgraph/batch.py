"""Batch extraction: many files → the store, serially or on a Dask cluster.

Files are read in this process, articles already in the store are skipped before any parsing,
and the rest are dated and extracted one by one — here, or on Dask workers that each load the spaCy
pipeline and the knowledge base once (`WarmUp`). Each result is written in its own transaction as
soon as it arrives, so an interrupted batch resumes where it stopped; a file that fails is recorded
with its message and the batch goes on.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .dates import ArticleDate, article_date
from .errors import ActorGraphError
from .model import Article, Extraction
from .store import Store, text_hash

__all__ = ["BatchResult", "Prepared", "Analysed", "collect_paths", "prepare", "analyse",
           "extract_article", "run_batch",
           "WarmUp", "SUPPORTED_EXTENSIONS"]

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file read, ready to date and extract (``raw``: the bytes of a web page, for its metadata)."""

    path: str
    article: Article
    digest: str
    manifest_date: dt.date | None = None
    raw: bytes | None = None


@dataclass(frozen=True, slots=True)
class Analysed:
    """What a worker sends back: the article's date and its extraction (or why it failed)."""

    date: ArticleDate
    extraction: Extraction | None
    error: str = ""


@dataclass(slots=True)
class BatchResult:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        state = "interrupted (run again to resume)" if self.interrupted else "done"
        return (f"batch {state}: {self.added} added, {self.skipped} skipped as already stored, "
                f"{self.failed} failed, {self.seconds:.1f} s")


class PathError(ActorGraphError):
    pass


def collect_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files given, and every supported file under the folders given (recursively), sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*")
                              if f.is_file() and f.suffix.lower() in SUPPORTED_EXTENSIONS
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif p.is_file():
            out.append(p)
        else:
            raise PathError(f"No such file or folder: {p}")
    seen: set[Path] = set()
    return [f for f in out if not (f.resolve() in seen or seen.add(f.resolve()))]


def prepare(path: Path, manifest: dict[str, dt.date] | None = None) -> Prepared:
    """Read one file (raises ActorGraphError when it cannot be read); dating is left to `analyse`."""
    from .ingest import read_bytes
    from .ingest.limits import MAX_FILE_BYTES

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            data = b"x" * (MAX_FILE_BYTES + 1)  # read_bytes gives the size message
        else:
            data = path.read_bytes()
    except OSError as exc:
        raise ActorGraphError(f"The file {path} could not be opened ({exc.strerror or exc}).") from None
    article = read_bytes(data, path.name)
    return Prepared(str(path), article, text_hash(article.text),
                    (manifest or {}).get(path.name), data if article.kind == "html" else None)


def analyse(item: Prepared) -> Analysed:
    """Date and extract one prepared article with this process's pipeline (a worker's task)."""
    art = item.article
    manifest = {Path(item.path).name: item.manifest_date} if item.manifest_date else None
    try:
        date = article_date(item.path, manifest=manifest, raw=item.raw, kind=art.kind, body=art.body)
    except Exception:  # a date parser giving up must not lose the article: it is kept undated
        date = ArticleDate(None)
    out = extract_article(art)
    if isinstance(out, str):
        return Analysed(date, None, out)
    return Analysed(date, out)


def extract_article(article: Article) -> Extraction | str:
    """The extraction of one article with this process's pipeline; a message when it fails."""
    from .nlp import load_nlp
    from .pipeline import extract

    try:
        return extract(article, load_nlp())
    except ActorGraphError as exc:
        return str(exc)
    except Exception as exc:  # one bad article must not stop the batch; its message is kept
        return f"extraction failed: {type(exc).__name__}: {exc}"


def _warm() -> None:
    """Load the pipeline, the knowledge base, its matchers and the date parsers' data."""
    from .dates import date_from_html, date_from_text

    extract_article(Article("Iran backs Hezbollah against Israel."))
    date_from_text("BEIRUT, June 5, 2020 - Iran backs Hezbollah.")
    date_from_html('<html><head><meta property="article:published_time" content="2020-06-05">'
                   "</head><body><p>x</p></body></html>")


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - distributed is a requirement; serial runs need no Dask
    WorkerPlugin = object  # type: ignore[misc,assignment]


class WarmUp(WorkerPlugin):  # type: ignore[misc]
    """Loads the spaCy pipeline and the knowledge base once when a Dask worker starts."""

    name = "actorgraph-warm-up"

    def setup(self, worker) -> None:
        _warm()


Progress = Callable[[int], None]


def _prepared(paths: list[Path], manifest, store: Store, result: BatchResult,
              tick: Progress) -> list[Prepared]:
    todo: list[Prepared] = []
    for p in paths:
        try:
            todo.append(prepare(p, manifest))
        except ActorGraphError as exc:
            store.record_failure(str(p), str(exc))
            result.failed += 1
            result.failures.append((str(p), str(exc)))
            tick(1)
    known = store.known_hashes(x.digest for x in todo)
    fresh, seen = [], set()
    for x in todo:
        if x.digest in known or x.digest in seen:
            result.skipped += 1
            tick(1)
        else:
            seen.add(x.digest)
            fresh.append(x)
    return fresh


def _store(store: Store, item: Prepared, out: Analysed, result: BatchResult) -> None:
    if out.extraction is None:
        store.record_failure(item.path, out.error)
        result.failed += 1
        result.failures.append((item.path, out.error))
    elif store.add(out.extraction, out.date, path=item.path, digest=item.digest) is None:
        result.skipped += 1
    else:
        result.added += 1


def _serial(items: list[Prepared]) -> Iterator[tuple[Prepared, Analysed]]:
    for item in items:
        yield item, analyse(item)


def _dask(items: list[Prepared], client) -> Iterator[tuple[Prepared, Analysed]]:
    from distributed import as_completed

    futures = {client.submit(analyse, it, key=f"actorgraph-{it.digest}", pure=False): it
               for it in items}
    try:
        for fut in as_completed(futures):
            item = futures[fut]
            try:
                out = fut.result()
            except Exception as exc:  # a worker died or the task could not run
                out = Analysed(ArticleDate(None), None,
                               f"extraction failed on the cluster: {type(exc).__name__}: {exc}")
            fut.release()
            yield item, out
    finally:
        for fut in futures:
            fut.cancel()


def run_batch(paths: Iterable[str | os.PathLike[str]], store: Store, *,
              manifest: dict[str, dt.date] | None = None, client=None,
              progress: Callable[[int], object] | None = None,
              on_total: Callable[[int], object] | None = None) -> BatchResult:
    """Extract every file of ``paths`` into ``store``; serially, or on the Dask ``client``."""
    start = time.perf_counter()
    result = BatchResult()
    files = collect_paths(paths)
    if on_total:
        on_total(len(files))
    tick: Progress = progress or (lambda n: None)
    try:
        items = _prepared(files, manifest, store, result, tick)
        stream = _dask(items, client) if client is not None else _serial(items)
        for item, out in stream:
            _store(store, item, out, result)
            tick(1)
    except KeyboardInterrupt:
        result.interrupted = True
    result.seconds = time.perf_counter() - start
    return result
