"""batch: many files into the store, serially and on a Dask LocalCluster; the 28 news texts."""
from __future__ import annotations

import json
import shutil

import pytest

from actorgraph import batch as batch_mod
from actorgraph.batch import collect_paths, run_batch
from actorgraph.corpus import corpus_graph
from actorgraph.dates import read_manifest
from actorgraph.export import to_node_link_json
from actorgraph.store import open_store
from conftest import ROOT, SAMPLES

NEWS = ROOT.parent / "shared" / "eval" / "news"
needs_news = pytest.mark.skipif(not (NEWS / "sources.tsv").exists(),
                                reason="../shared/eval/news is not beside the work tree")


@pytest.fixture(scope="module")
def news_store(tmp_path_factory, nlp):
    """The 28 news texts batched (serially) into a SQLite store, with their manifest."""
    if not (NEWS / "sources.tsv").exists():
        pytest.skip("../shared/eval/news is not beside the work tree")
    db = tmp_path_factory.mktemp("news") / "news.db"
    with open_store(str(db)) as store:
        result = run_batch([NEWS / "articles"], store, manifest=read_manifest(NEWS / "sources.tsv"))
    return db, result


@needs_news
def test_every_news_article_is_stored_with_its_date(news_store):
    db, result = news_store
    assert (result.added, result.skipped, result.failed) == (28, 0, 0)
    manifest = read_manifest(NEWS / "sources.tsv")
    with open_store(str(db)) as store:
        stored = {a.source: a for a in store.articles()}
        assert set(stored) == set(manifest)
        assert all(stored[name].date == day and stored[name].dated_by == "manifest"
                   for name, day in manifest.items())


@needs_news
def test_second_run_adds_nothing_and_extracts_nothing(news_store, monkeypatch):
    db, _ = news_store

    def no_extraction(article):
        raise AssertionError(f"{article.source} was parsed again")

    monkeypatch.setattr(batch_mod, "extract_article", no_extraction)
    with open_store(str(db)) as store:
        before = store.counts()
        again = run_batch([NEWS / "articles"], store, manifest=read_manifest(NEWS / "sources.tsv"))
        assert (again.added, again.skipped, again.failed) == (0, 28, 0)
        assert store.counts() == before


@needs_news
def test_news_edges_carry_article_counts_and_dates_within_the_texts(news_store):
    db, _ = news_store
    days = sorted(read_manifest(NEWS / "sources.tsv").values())
    with open_store(str(db)) as store:
        G = corpus_graph(store)
    assert G.graph["articles"] == 28
    assert G.number_of_edges() > 10
    for u, v, e in G.edges(data=True):
        assert 1 <= e["articles"] <= 28
        assert days[0].isoformat() <= e["first_seen"] <= e["last_seen"] <= days[-1].isoformat()
        assert sum(h["alliance"] + h["hostility"] for h in e["history"]) <= len(e["claims"])
        assert all(ev["article"]["date"] for ev in e["evidence"])
    assert max(e["articles"] for *_, e in G.edges(data=True)) >= 2  # some pair recurs across articles


def _copy_samples(dst, n):
    dst.mkdir()
    for p in sorted(SAMPLES.glob("*.txt"))[:n]:
        shutil.copy(p, dst / p.name)
    return dst


def test_failures_are_recorded_and_the_batch_goes_on(tmp_path, nlp):
    folder = _copy_samples(tmp_path / "in", 2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "notes.csv").write_text("not read: not a supported extension")
    with open_store(str(tmp_path / "s.db")) as store:
        result = run_batch([folder], store)
        assert (result.added, result.failed) == (2, 2)
        failed = dict(store.failures())
        assert set(failed) == {str(folder / "empty.txt"), str(folder / "image.txt")}
        assert "empty" in failed[str(folder / "empty.txt")]


def test_an_interrupted_batch_resumes(tmp_path, nlp):
    folder = _copy_samples(tmp_path / "in", 4)
    done = []

    def stop_after_two(n):
        done.append(n)
        if len(done) == 2:
            raise KeyboardInterrupt

    with open_store(str(tmp_path / "s.db")) as store:
        first = run_batch([folder], store, progress=stop_after_two)
        assert first.interrupted and first.added == 2
        assert store.counts()["articles"] == 2
        rest = run_batch([folder], store)
        assert (rest.added, rest.skipped) == (2, 2)


def test_paths_are_files_and_folders_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.md", "a/b/three.html", "a/skip.csv", "top.docx"):
        (tmp_path / name).write_text("x")
    got = collect_paths([tmp_path / "a", tmp_path / "top.docx", tmp_path / "a" / "one.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in got] == \
        ["a/b/three.html", "a/b/two.md", "a/one.txt", "top.docx"]
    with pytest.raises(batch_mod.PathError, match="No such file or folder"):
        collect_paths([tmp_path / "nowhere"])


@pytest.mark.slow
def test_dask_local_cluster_gives_the_serial_graph(tmp_path, nlp):
    """Two worker processes (each loading spaCy once, by the plugin) store what a serial run stores."""
    from distributed import Client, LocalCluster

    folder = _copy_samples(tmp_path / "in", 5)
    with open_store(str(tmp_path / "serial.db")) as store:
        run_batch([folder], store)
        serial = to_node_link_json(corpus_graph(store))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        client.register_plugin(batch_mod.WarmUp())
        pids = set(client.run(lambda: __import__("os").getpid()).values())
        with open_store(str(tmp_path / "dask.db")) as store:
            result = run_batch([folder], store, client=client)
            assert (result.added, result.failed) == (5, 0)
            parallel = to_node_link_json(corpus_graph(store))
        loaded = client.run(lambda: __import__("actorgraph.nlp").nlp.load_nlp.cache_info().currsize)
    assert len(pids) == 2 and set(loaded.values()) == {1}  # the pipeline is in every worker, once
    assert parallel == serial
    assert json.loads(parallel)["graph"]["articles"] == 5
