"""Drive the dashboard in a real browser: a ``streamlit run app.py`` server on a free loopback port
and Debian's Chromium through Playwright. Shared by ``tests/test_browser.py``,
``benchmarks/bench_ui.py`` and ``benchmarks/load_sessions.py``.

Playwright's own browser download does not work here; ``make browser`` installs Debian's
``chromium`` and ``launch_chromium`` points Playwright at it. Selectors: ``components/__init__.py``.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}

# --- selectors and in-frame JavaScript (see components/__init__.py) --------------------------------
UPLOAD_INPUT = ".st-key-ag_upload input[type=file]"
GRAPH_IFRAME = ('.st-key-ag_graph iframe[title="Graph of the actors of the article and their '
                'relations"]')
DETAILS = ".st-key-ag_details"
COUNTRY_FILTER = ".st-key-w-ag-f-countries"
JS_LABELS = "() => network.body.data.nodes.get().map(n => n.label)"
JS_NODES = "() => network.body.data.nodes.get().map(n => ({id: n.id, label: n.label}))"


def chromium_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """``streamlit run app.py`` on 127.0.0.1 in its own process group; ``with`` starts it, waits
    for ``/_stcore/health`` and stops the whole group at the end."""

    def __init__(self, app: Path = APP, port: int | None = None, *, start_timeout: float = 60.0,
                 extra_args: tuple[str, ...] = ()):
        self.app = app
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.start_timeout = start_timeout
        self.extra_args = extra_args
        self.proc: subprocess.Popen | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> StreamlitServer:
        streamlit = Path(sys.executable).with_name("streamlit")
        cmd = [str(streamlit) if streamlit.exists() else sys.executable, *([] if streamlit.exists()
               else ["-m", "streamlit"]), "run", str(self.app),
               "--server.port", str(self.port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.runOnSave", "false", "--server.fileWatcherType", "none",
               *self.extra_args]
        self.proc = subprocess.Popen(cmd, cwd=str(self.app.parent), stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not answer on {self.url} in {self.start_timeout:.0f} s:"
                           f"\n{self.log()}")

    def log(self, tail: int = 4000) -> str:
        try:
            return Path(self._log.name).read_text(encoding="utf-8", errors="replace")[-tail:]
        except OSError:
            return ""

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far (from /proc)."""
        try:
            with open(f"/proc/{self.pid}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return 0.0

    def rss_kib(self) -> tuple[int, int]:
        """(VmRSS, VmHWM) of the server process in KiB, from /proc (0, 0 once it has gone)."""
        values = {"VmRSS:": 0, "VmHWM:": 0}
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as fh:
                for line in fh:
                    parts = line.split()
                    if parts and parts[0] in values:
                        values[parts[0]] = int(parts[1])
        except OSError:
            pass
        return values["VmRSS:"], values["VmHWM:"]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        Path(self._log.name).unlink(missing_ok=True)


class Chromium:
    """Debian's Chromium through Playwright, with a fresh user-data dir removed at the end."""

    def __init__(self, playwright, *, accept_downloads: bool = False):
        self._profile = tempfile.mkdtemp(prefix="ag-chromium-")
        self.context = playwright.chromium.launch_persistent_context(
            self._profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport=VIEWPORT, accept_downloads=accept_downloads)
        self.context.set_default_timeout(30_000)

    def new_page(self):
        return self.context.new_page()

    def close(self) -> None:
        try:
            self.context.close()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- the dashboard ------------------------------------------------------------------------------

def open_app(page, url: str, path: str = "") -> None:
    """Open a page of the app and wait until its script has drawn the upload input (Home)."""
    page.goto(f"{url}/{path}")
    page.wait_for_selector("[data-testid=stSidebar]", state="attached")
    if path == "":
        page.wait_for_selector(UPLOAD_INPUT, state="attached")


def graph_frame(page):
    """The graph's frame, or None while there is none."""
    handle = page.query_selector(GRAPH_IFRAME)
    return handle.content_frame() if handle is not None else None


# Evaluated in the app's page: the graph frame is a same-origin srcdoc frame, so its window is
# reachable from the page, and the wait runs inside Chromium (no round trip per poll).
_JS_PAGE_GRAPH = """([sel, stage, before]) => {
    const f = document.querySelector(sel);
    let w, net;
    try { w = f && f.contentWindow; net = w && w.network; } catch (e) { return false; }
    if (!net || !net.body || net.body.data.nodes.length === 0) return false;
    if (stage === "nodes") return true;
    if (!w.document.querySelector("#mynetwork canvas") || net.physics.ready !== true) return false;
    if (before) {
        const now = net.body.data.nodes.get().map(n => n.label).sort();
        if (JSON.stringify(now) === JSON.stringify(before)) return false;
    }
    return true;
}"""


def wait_graph(page, *, timeout: float = 30.0, poll: float = 0.025, differs_from=None,
               stage: str = "drawn"):
    """Wait until the graph frame has drawn its network (``stage="nodes"``: until it has its
    nodes, before vis-network's stabilisation); return the frame.

    With ``differs_from`` (a list of labels), also wait until the drawn labels differ from it:
    a rerun that redraws the graph (a filter) replaces the frame's document.
    """
    before = sorted(differs_from) if differs_from is not None else None
    page.wait_for_function(_JS_PAGE_GRAPH, arg=[GRAPH_IFRAME, stage, before],
                           polling=max(1, int(poll * 1000)), timeout=timeout * 1000)
    return graph_frame(page)


def upload(page, path: Path | None = None, *, name: str | None = None,
           data: bytes | None = None) -> None:
    """Give the app's file input a file (a path, or ``name`` + ``data``)."""
    if path is not None:
        page.set_input_files(UPLOAD_INPUT, str(path))
    else:
        page.set_input_files(UPLOAD_INPUT, files=[{"name": name, "mimeType": "text/plain",
                                                   "buffer": data}])


def node_point(page, frame, node_id: str) -> tuple[float, float]:
    """Where node ``node_id`` is drawn, in page coordinates (the frame scrolled into view)."""
    page.query_selector(GRAPH_IFRAME).scroll_into_view_if_needed()
    box = page.query_selector(GRAPH_IFRAME).bounding_box()
    inner = frame.evaluate("""(id) => {
        const p = network.canvasToDOM(network.getPositions([id])[id]);
        const r = document.querySelector("#mynetwork canvas").getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y};
    }""", node_id)
    return box["x"] + inner["x"], box["y"] + inner["y"]
