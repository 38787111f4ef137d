"""cli.py: ``python -m actorgraph extract|render``, in process (the model loads once per
session) and once as a real subprocess for the JSON contract that ``eval/score.py`` reads.
"""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from conftest import REFERENCE, ROOT

from actorgraph.cli import main
from actorgraph.kb import load_kb
from actorgraph.model import ACTOR_TYPES, INTERNATIONAL, RELATION_TYPES

REF_TEXT = REFERENCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module", autouse=True)
def _model(nlp):
    """Load the pipeline before the first timed CLI call."""
    return nlp


def _country_codes() -> set[str]:
    return {e.country for e in load_kb().entries.values()} | {INTERNATIONAL}


def check_json_contract(data: dict, text: str) -> None:
    """The node-link JSON contract of ``extract --format json`` (what score.py reads)."""
    assert set(data) >= {"nodes", "edges"}
    codes = _country_codes()
    ids = [n["id"] for n in data["nodes"]]
    assert ids and len(ids) == len(set(ids))
    for n in data["nodes"]:
        assert isinstance(n["id"], str) and n["id"]
        assert isinstance(n["label"], str) and n["label"]
        assert n["type"] in ACTOR_TYPES, n
        c = n["country"]
        assert c == "" or c == INTERNATIONAL or (len(c) == 3 and c.isupper() and c in codes), n
        assert n["mentions"] and all(isinstance(m, str) for m in n["mentions"]), n
        for m in n["mentions"]:
            assert m in text, f"mention {m!r} of {n['id']} is not a substring of the article"
    assert data["edges"]
    for e in data["edges"]:
        assert e["source"] in ids and e["target"] in ids, e
        assert e["relation"] in RELATION_TYPES, e
        assert e["evidence"] and all(s in text for s in e["evidence"]), e
    G = nx.node_link_graph(data, edges="edges")
    assert G.number_of_nodes() == len(ids)
    assert G.number_of_edges() == len(data["edges"])


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- extract ------------------------------------------------------------------------------------

def test_cli_extract_json_to_stdout(capsys):
    code, out, err = _run(capsys, "extract", REFERENCE, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    check_json_contract(data, REF_TEXT)
    relations = {(e["source"], e["target"]): e["relation"] for e in data["edges"]}
    assert "alliance" in relations.values() and "hostility" in relations.values()


def test_cli_extract_json_is_the_default_format(capsys):
    code, out, _ = _run(capsys, "extract", REFERENCE)
    assert code == 0
    assert "nodes" in json.loads(out)


def test_cli_extract_json_to_file(capsys, tmp_path: Path):
    out_file = tmp_path / "graph.json"
    code, out, err = _run(capsys, "extract", REFERENCE, "--format", "json", "-o", out_file)
    assert code == 0, err
    assert out == ""
    check_json_contract(json.loads(out_file.read_text(encoding="utf-8")), REF_TEXT)


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_cli_extract_xml_formats_to_file(capsys, tmp_path: Path, fmt, reader):
    out_file = tmp_path / f"graph.{fmt}"
    code, _, err = _run(capsys, "extract", REFERENCE, "--format", fmt, "--output", out_file)
    assert code == 0, err
    G = reader(out_file)
    assert G.number_of_nodes() > 5 and G.number_of_edges() > 5
    labels = {d.get("label") for _, d in G.nodes(data=True)}
    assert "Iran" in labels
    for _, d in G.nodes(data=True):  # lists travel as JSON strings
        assert all(m in REF_TEXT for m in json.loads(d["mentions"]))
    assert {d["relation"] for *_, d in G.edges(data=True)} <= set(RELATION_TYPES)


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_cli_extract_xml_formats_to_stdout(capsysbinary, tmp_path: Path, fmt, reader):
    code = main(["extract", str(REFERENCE), "--format", fmt])
    out, _ = capsysbinary.readouterr()
    assert code == 0
    assert out.startswith(b"<?xml")
    (tmp_path / "g.xml").write_bytes(out)
    assert reader(tmp_path / "g.xml").number_of_nodes() > 5


def test_cli_extract_csv_to_stdout(capsys):
    code, out, err = _run(capsys, "extract", REFERENCE, "--format", "csv")
    assert code == 0, err
    nodes_part, edges_part = out.split("\r\n\n", 1)
    nodes = list(csv.DictReader(io.StringIO(nodes_part)))
    edges = list(csv.DictReader(io.StringIO(edges_part)))
    assert {"Iran", "Israel"} <= {r["label"] for r in nodes}
    ids = {r["id"] for r in nodes}
    assert edges and all(r["source"] in ids and r["target"] in ids for r in edges)


def test_cli_extract_csv_to_directory(capsys, tmp_path: Path):
    code, _, err = _run(capsys, "extract", REFERENCE, "--format", "csv", "-o", tmp_path)
    assert code == 0, err
    with (tmp_path / "nodes.csv").open(newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with (tmp_path / "edges.csv").open(newline="", encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert len(nodes) > 5 and len(edges) > 5
    assert {"alliance", "hostility"} <= {r["relation"] for r in edges}


def test_cli_extract_reads_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REFERENCE.read_bytes())))
    code, out, err = _run(capsys, "extract", "-", "--format", "json")
    assert code == 0, err
    check_json_contract(json.loads(out), REF_TEXT)


# --- render -------------------------------------------------------------------------------------

def test_cli_render_writes_standalone_html(capsys, tmp_path: Path):
    page = tmp_path / "graph.html"
    code, out, err = _run(capsys, "render", REFERENCE, "-o", page)
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith(("<!doctype html", "<html"))
    assert "Hezbollah" in html and "Kurdish-led forces" in html


def test_cli_render_colours_by_type(capsys, tmp_path: Path):
    page = tmp_path / "graph.html"
    code, _, err = _run(capsys, "render", REFERENCE, "-o", page, "--color-by", "type")
    assert code == 0, err
    assert page.stat().st_size > 1000


def test_cli_render_requires_output(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["render", str(REFERENCE)])
    assert exc.value.code == 2


# --- errors -------------------------------------------------------------------------------------

def _one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_cli_missing_file_is_exit_2_with_one_line(capsys, tmp_path: Path):
    missing = tmp_path / "nope.txt"
    code, out, err = _run(capsys, "extract", missing)
    assert code == 2
    assert out == ""
    line = _one_line_error(err)
    assert "nope.txt" in line


def test_cli_empty_file_is_exit_2_saying_empty(capsys, tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = _run(capsys, "extract", empty, "--format", "json")
    assert code == 2
    assert out == ""
    assert "empty" in _one_line_error(err).lower()


def test_cli_blank_file_is_exit_2_saying_empty(capsys, tmp_path: Path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n\t \n", encoding="utf-8")
    code, _, err = _run(capsys, "extract", blank)
    assert code == 2
    assert "empty" in _one_line_error(err).lower()


def test_cli_directory_is_exit_2(capsys, tmp_path: Path):
    code, _, err = _run(capsys, "render", tmp_path, "-o", tmp_path / "g.html")
    assert code == 2
    _one_line_error(err)
    assert not (tmp_path / "g.html").exists()


def test_cli_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(REFERENCE), "--format", "yaml"])
    assert exc.value.code == 2


# --- one real process: the contract eval/score.py relies on --------------------------------------

@pytest.mark.slow
def test_cli_subprocess_json_contract():
    proc = subprocess.run(
        [sys.executable, "-m", "actorgraph", "extract", "sample_articles/01_syria-iraqi-militias.txt",
         "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    check_json_contract(json.loads(proc.stdout), REF_TEXT)


def test_cli_readme_states_the_input_limits():
    """The README's limits are the ones ingest enforces (update both together)."""
    from actorgraph.ingest import MAX_FILE_BYTES, MAX_TEXT_CHARS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`MAX_FILE_BYTES` = {MAX_FILE_BYTES // 2**20} MB" in readme
    assert f"`MAX_TEXT_CHARS` = {MAX_TEXT_CHARS:,} characters" in readme
    for command in ("make run", "make test", "make bench", "python -m actorgraph extract"):
        assert command in readme, command


# --- issue 8: notices, output paths, bounded input ---------------------------------------------

def test_cli_notices_reach_stderr_and_json(capsys, tmp_path):
    article = tmp_path / "long.txt"
    sentence = "Iran backed Hezbollah in Lebanon while Russia fought Ukraine. "
    article.write_text(sentence * 4000, encoding="utf-8")  # 252,000 characters
    code, out, err = _run(capsys, "extract", article)
    assert code == 0, err
    assert "notice: Only the first" in err
    notices = json.loads(out)["graph"]["notices"]
    assert any(n.startswith("Only the first") for n in notices)


@pytest.mark.parametrize("where", ["missing-folder", "a-folder", "read-only"])
def test_cli_unwritable_output_checked_before_extraction(capsys, tmp_path, monkeypatch, where):
    import actorgraph.cli as cli

    if where == "missing-folder":
        out = tmp_path / "no" / "such" / "out.json"
    elif where == "a-folder":
        out = tmp_path
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        out = locked / "out.json"

    def must_not_run(path):
        raise AssertionError("extraction ran before the output path was checked")

    monkeypatch.setattr(cli, "_graph", must_not_run)
    if where == "read-only" and __import__("os").access(out.parent, __import__("os").W_OK):
        pytest.skip("running as root: permissions are not enforced")
    code, out_text, err = _run(capsys, "extract", REFERENCE, "-o", out)
    assert code == 2
    assert err.startswith("error: ") and "Traceback" not in err
    assert out_text == ""


def test_cli_dev_zero_stops_at_the_limit(capsys):
    code, _, err = _run(capsys, "extract", "/dev/zero")
    assert code == 2
    assert "too large (more than 10 MB)" in err


def test_cli_stdin_is_read_bounded(capsys, monkeypatch):
    class Endless(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, b):
            b[:] = b"a" * len(b)
            return len(b)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    code, _, err = _run(capsys, "extract", "-")
    assert code == 2
    assert "too large" in err
