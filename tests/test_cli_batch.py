"""cli_batch: `python -m actorgraph batch` and `corpus` (formats, filters, messages)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from actorgraph.cli import main
from conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def store_db(tmp_path_factory, nlp):
    """Three sample articles batched with a manifest dating them in two months."""
    tmp = tmp_path_factory.mktemp("cli")
    folder = tmp / "in"
    folder.mkdir()
    names = [p.name for p in sorted(SAMPLES.glob("*.txt"))[:3]]
    for n in names:
        shutil.copy(SAMPLES / n, folder / n)
    manifest = tmp / "m.tsv"
    manifest.write_text("file\tdate\n" + f"{names[0]}\t2024-01-10\n{names[1]}\t2024-02-03\n"
                        f"{names[2]}\t2024-02-20\n")
    db = tmp / "c.db"
    assert main(["batch", str(folder), "--db", str(db), "--manifest", str(manifest), "--quiet"]) == 0
    return db, folder, manifest


def test_batch_summary_line(store_db, capsys):
    db, folder, manifest = store_db
    assert main(["batch", str(folder), "--db", str(db), "--manifest", str(manifest), "--quiet"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("batch done: 0 added, 3 skipped as already stored, 0 failed, ")


def test_corpus_json(store_db, capsys):
    db, *_ = store_db
    assert main(["corpus", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    G = nx.node_link_graph(data, edges="edges")
    assert data["graph"]["articles"] == 3
    assert all("articles" in d for _, d in G.nodes(data=True))
    for _, _, e in G.edges(data=True):
        assert {"articles", "first_seen", "last_seen", "history", "evidence", "relation"} <= set(e)
        assert "2024-01-10" <= e["first_seen"] <= e["last_seen"] <= "2024-02-20"
        assert all(set(ev["article"]) == {"id", "title", "date"} for ev in e["evidence"])


def test_corpus_date_and_country_filters(store_db, capsys):
    db, *_ = store_db
    assert main(["corpus", "--db", str(db), "--since", "2024-02-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["graph"]["articles"] == 2
    assert all(e["first_seen"] >= "2024-02-01" for e in data["edges"])
    assert main(["corpus", "--db", str(db), "--country", "sdn"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["nodes"] and {n["country"] for n in data["nodes"]} == {"SDN"}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_corpus_xml_formats(store_db, tmp_path, fmt):
    db, *_ = store_db
    out = tmp_path / f"c.{fmt}"
    assert main(["corpus", "--db", str(db), "--format", fmt, "-o", str(out)]) == 0
    ET.parse(out)
    G = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert G.number_of_edges() > 0
    e = next(iter(G.edges(data=True)))[2]
    assert json.loads(e["history"]) and int(e["articles"]) >= 1


def test_corpus_csv_to_a_folder(store_db, tmp_path):
    db, *_ = store_db
    assert main(["corpus", "--db", str(db), "--format", "csv", "-o", str(tmp_path)]) == 0
    edges = (tmp_path / "edges.csv").read_text().splitlines()
    assert edges[0].endswith("evidence,articles,first_seen,last_seen,history")
    assert "[" in edges[1] and "2024-" in edges[1]
    assert (tmp_path / "nodes.csv").read_text().splitlines()[0].endswith(",articles")


def _cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "actorgraph", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, **kw)


def test_messages_not_tracebacks(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("not a database " * 50)
    cases = [
        (("batch", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db")), "No such file or folder"),
        (("batch", str(SAMPLES), "--db", str(notes)), "not an ActorGraph store"),
        (("batch", str(SAMPLES), "--db", str(tmp_path / "x.db"), "--manifest", str(tmp_path / "m.tsv")),
         "manifest"),
        (("corpus", "--db", str(tmp_path / "none.db")), "There is no store"),
        (("corpus", "--db", "postgresql+psycopg://u:pw@127.0.0.1:9/db"), "Cannot reach the store"),
    ]
    for args, expected in cases:
        r = _cli(*args)
        assert r.returncode == 2, (args, r.stderr)
        assert r.stderr.startswith("error: ") and expected in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
    assert notes.read_text() == "not a database " * 50
    assert not (tmp_path / "none.db").exists()
    r = _cli("batch", str(SAMPLES), "--db", "x.db", "--workers", "0")
    assert r.returncode == 2 and "number of workers" in r.stderr


def test_progress_on_stderr_and_one_summary_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "04_sahel-mali-blockade.txt", folder)
    r = _cli("batch", str(folder), "--db", str(tmp_path / "p.db"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().startswith("batch done: 1 added, 0 skipped as already stored, 0 failed")
    assert len(r.stdout.strip().splitlines()) == 1
    assert "1/1" in r.stderr  # tqdm's bar
