"""Extraction in a small pool of long-lived worker processes, each bounded in time and memory.

The dashboard never parses in its own process: one hostile article could hold the server's
CPU (and, through the GIL, every session) or its memory. ``ExtractionPool`` keeps ``workers``
processes (pebble's ``ProcessPool``), each of which caps its own address space (RLIMIT_AS) and
loads the spaCy pipeline and the knowledge base once, then serves many extractions. Each task
gets a budget of processor time (RLIMIT_CPU, raised anew before every task: the kernel ends the
worker with SIGXCPU past it), which measures the work itself whatever else the machine runs,
and a longer wall-clock limit, after which pebble kills the worker (a backstop: a worker that
waits rather than works). Either way a fresh worker takes its place; a worker that runs out of
memory ends itself (its state after a MemoryError is not to be trusted) and is replaced the
same way. Either way the caller gets an
``ExtractionLimitError`` whose message says what happened, and the next request is served.

Workers are started with multiprocessing's ``spawn`` (no fork of a threaded server). Spawn
re-runs the parent's ``__main__`` script in the child, and under Streamlit ``__main__`` is the
app script, so while a worker starts ``__main__`` is a stand-in with the same ``__file__``
(see ``_Process.start``).
"""
from __future__ import annotations

import atexit
import math
import os
import signal
import sys
import threading
import types
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from importlib.machinery import ModuleSpec
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import Any, Callable

from pebble import ProcessExpired, ProcessPool

from .errors import ExtractionLimitError
from .ingest import limits
from .model import Article, Extraction

# Workers kept running. Each holds the pipeline and the knowledge base: about 250 MB resident.
WORKERS: int = 2
# One extraction, from bytes to relations: processor time, and wall-clock time. The largest
# article analysed (200,000 characters) needs 15-20 s of CPU, and took 33 s of wall-clock time
# on this 2-core machine shared with other work (a PDF may use its own 20 s child first).
CPU_SECONDS: int = 60
TIMEOUT_SECONDS: float = 180.0
# Address space of a worker (RLIMIT_AS): the loaded pipeline maps about 410 MB, one extraction
# at the limits peaks at about 600 MB resident.
MEMORY_BYTES: int = 1536 * limits.MB
# How long a request may wait for a free worker before it is given up.
QUEUE_SECONDS: float = 120.0

MEMORY_EXIT = 87  # a worker's exit status after a MemoryError

CPU_LIMIT = ("Analysing this article needed more than {seconds:g} seconds of processing, so it "
             "was stopped. The text may be built to overload the analysis; try a shorter part "
             "of it, or paste the article's own text.")
TIME_LIMIT = ("Analysing this article took longer than {seconds:g} seconds, so it was stopped. "
              "The text may be built to overload the analysis; try a shorter part of it, or "
              "paste the article's own text.")
MEMORY_LIMIT = ("Analysing this article needed more than {mb:,.0f} MB of memory, so it was "
                "stopped. The text may be built to overload the analysis; try a shorter part "
                "of it, or paste the article's own text.")
CRASHED = ("The analysis of this article stopped unexpectedly (the worker process ended with "
           "status {code}). Try again; if it happens again, try a shorter part of the text.")
BUSY = ("The server is busy analysing other articles and could not start on this one within "
        "{seconds:g} seconds. Try again in a minute.")


# ---------------------------------------------------------------- worker side

try:
    import resource
except ImportError:  # not POSIX: only the wall-clock limit applies
    resource = None  # type: ignore[assignment]

_cpu_seconds = 0  # this worker's budget per task (set by _init_worker)


def _init_worker(memory_bytes: int, cpu_seconds: int) -> None:
    """Cap this process's memory, then load the pipeline and the knowledge base once."""
    global _cpu_seconds
    _cpu_seconds = cpu_seconds
    if resource is not None:
        for name, soft, hard in (("RLIMIT_AS", memory_bytes, memory_bytes), ("RLIMIT_CORE", 0, 0)):
            try:
                lim = getattr(resource, name)
                _, cur_hard = resource.getrlimit(lim)
                if cur_hard != resource.RLIM_INFINITY:
                    soft, hard = min(soft, cur_hard), min(hard, cur_hard)
                resource.setrlimit(lim, (soft, hard))
            except (AttributeError, ValueError, OSError):
                pass
    from .batch import _warm

    _warm()


def _cpu_budget(seconds: int) -> None:
    """Let this process use ``seconds`` more of CPU time (0: no limit) before SIGXCPU ends it."""
    if resource is None:
        return
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = resource.RLIM_INFINITY
        if seconds:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            soft = math.ceil(usage.ru_utime + usage.ru_stime) + seconds
            if hard != resource.RLIM_INFINITY:
                soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass


def _bounded(work: Callable[..., Extraction], *args: Any) -> Extraction:
    _cpu_budget(_cpu_seconds)
    try:
        return work(*args)
    except MemoryError:
        # Anything may be half-built now: end the process; the pool says why and replaces it.
        os._exit(MEMORY_EXIT)
    finally:
        _cpu_budget(0)  # an idle worker is not charged


def _extract_bytes(data: bytes, filename: str) -> Extraction:
    from .pipeline import extract_bytes

    return _bounded(extract_bytes, data, filename)


def _extract_text(text: str, source: str) -> Extraction:
    from .pipeline import extract_text

    return _bounded(extract_text, text, None, source)


def _extract_article(article: Article) -> Extraction:
    from .pipeline import extract

    return _bounded(extract, article)


# ---------------------------------------------------------------- parent side

_MAIN_LOCK = threading.Lock()


class _Process(SpawnProcess):
    """A spawned process that does not re-run the parent's ``__main__`` script."""

    def start(self) -> None:
        with _MAIN_LOCK:
            real = sys.modules.get("__main__")
            stand_in = types.ModuleType("__main__")
            # A spec named __main__ tells the child there is no main module to re-import.
            stand_in.__spec__ = ModuleSpec("__main__", None)
            if real is not None and hasattr(real, "__file__"):
                stand_in.__file__ = real.__file__  # others may read it meanwhile (Streamlit does)
            sys.modules["__main__"] = stand_in
            try:
                super().start()
            finally:
                if sys.modules.get("__main__") is stand_in:  # unless a script run replaced it
                    sys.modules["__main__"] = real


class _Context(SpawnContext):
    Process = _Process


class ExtractionPool:
    """Extractions served by long-lived workers, each bounded in time and memory."""

    def __init__(self, workers: int = WORKERS, *, cpu_seconds: int = CPU_SECONDS,
                 timeout: float = TIMEOUT_SECONDS, memory_bytes: int = MEMORY_BYTES,
                 queue_seconds: float = QUEUE_SECONDS) -> None:
        self.workers = workers
        self.cpu_seconds = cpu_seconds
        self.timeout = timeout
        self.memory_bytes = memory_bytes
        self.queue_seconds = queue_seconds
        self._lock = threading.Lock()
        self._pool: ProcessPool | None = None
        atexit.register(self.close)

    def extract_bytes(self, data: bytes, filename: str) -> Extraction:
        """Read a file and extract it in a worker; ActorGraphError for bad or hostile input."""
        return self._run(_extract_bytes, data, filename)

    def extract_text(self, text: str, source: str = "pasted text") -> Extraction:
        return self._run(_extract_text, text, source)

    def extract_article(self, article: Article) -> Extraction:
        return self._run(_extract_article, article)

    def start(self) -> None:
        """Start the workers now (they load the model meanwhile) rather than on first use."""
        self._get_pool()

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()
            pool.join(timeout=10)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _get_pool(self) -> ProcessPool:
        with self._lock:
            if self._pool is None or not self._pool.active:  # .active starts a new pool
                if self._pool is not None:  # broken (a worker died while idle): start again
                    self._pool.stop()
                self._pool = ProcessPool(max_workers=self.workers, initializer=_init_worker,
                                         initargs=(self.memory_bytes, self.cpu_seconds), context=_Context())
                _ = self._pool.active  # starts its workers: they load the model meanwhile
            return self._pool

    def _run(self, fn: Callable[..., Extraction], *args: Any) -> Extraction:
        for attempt in (1, 2):
            try:
                future = self._get_pool().schedule(fn, args=args, timeout=self.timeout)
            except RuntimeError:  # the pool broke between the check and the schedule
                if attempt == 2:
                    raise
                continue
            try:
                # pebble's own timeout runs from the moment a worker takes the task (and then
                # kills that worker); this wait also bounds the time spent queued.
                return future.result(timeout=self.queue_seconds + self.timeout)
            except TimeoutError as exc:
                if not future.done():  # still waiting for a worker: give it up
                    future.cancel()
                    raise ExtractionLimitError(BUSY.format(seconds=self.queue_seconds)) from exc
                raise ExtractionLimitError(TIME_LIMIT.format(seconds=self.timeout)) from exc
            except ProcessExpired as exc:
                if exc.exitcode == -signal.SIGXCPU:  # past its processor-time budget
                    raise ExtractionLimitError(CPU_LIMIT.format(seconds=self.cpu_seconds)) from exc
                if exc.exitcode in (MEMORY_EXIT, -signal.SIGKILL):  # its own MemoryError, or the OOM killer
                    raise ExtractionLimitError(
                        MEMORY_LIMIT.format(mb=self.memory_bytes / limits.MB)) from exc
                raise ExtractionLimitError(CRASHED.format(code=exc.exitcode)) from exc
            except CancelledError as exc:
                raise ExtractionLimitError(BUSY.format(seconds=self.queue_seconds)) from exc
            except BrokenProcessPool:  # every worker died while idle: a new pool, once more
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")
