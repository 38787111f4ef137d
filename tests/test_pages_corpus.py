"""The Corpus page (AppTest): uploads into a per-session store, the configured store, filters,
the date range, an article's own graph, a pair's history. Real engine."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apptest_support import assert_ok, click_row, go, new_app  # noqa: E402
from corpus_support import DATED, dated_page  # noqa: E402
from actorgraph.batch import run_batch  # noqa: E402
from actorgraph.store import open_store  # noqa: E402
from components import corpus_store as cs  # noqa: E402
from components import state  # noqa: E402

UPLOAD = "ag_corpus_upload"


def _metric(at, label: str) -> int:
    return int(next(m.value for m in at.metric if m.label == label))


@pytest.fixture
def no_configured_store(monkeypatch):
    monkeypatch.delenv(cs.ENV_VAR, raising=False)


@pytest.fixture(scope="module")
def uploaded(nlp):
    """The page after three dated web pages were uploaded at once."""
    import os

    os.environ.pop(cs.ENV_VAR, None)
    at = go(new_app(), "corpus")
    at.file_uploader(key=UPLOAD).set_value([(*dated_page(s, d), "text/html") for s, d in DATED])
    at.run(timeout=180)
    return at


def test_empty_store_says_what_to_do(no_configured_store):
    at = go(new_app(), "corpus")
    assert_ok(at)
    assert at.title[0].value == "Corpus"
    assert any("No article in the store yet" in i.value for i in at.info)
    assert all(m.disabled for m in at.sidebar.multiselect)
    assert "this session only" in " ".join(c.value for c in at.caption)


def test_three_uploads_make_one_graph(uploaded):
    at = uploaded
    assert_ok(at)
    assert _metric(at, "Articles") == 3
    assert _metric(at, "Relations") > 5
    assert len(at.get("iframe")) == 1  # one merged graph
    articles = next(d.value for d in at.dataframe if "Title" in d.value.columns)
    assert list(articles["Date"]) == [d for _, d in DATED]
    assert (articles["Actors"] > 0).all()
    assert [m.label for m in at.sidebar.multiselect] == ["Country", "Relation", "Actor type"]
    assert at.sidebar.slider[0].label == "Date range"


def test_date_range_narrows_the_graph(uploaded):
    at = uploaded
    full_relations = _metric(at, "Relations")
    at.sidebar.slider[0].set_value((dt.date(2024, 2, 1), dt.date(2024, 3, 5))).run()
    assert_ok(at)
    assert _metric(at, "Articles") == 2
    assert _metric(at, "Relations") < full_relations
    articles = next(d.value for d in at.dataframe if "Title" in d.value.columns)
    assert list(articles["Date"]) == ["2024-02-10", "2024-03-05"]
    at.sidebar.slider[0].set_value((dt.date(2024, 1, 15), dt.date(2024, 3, 5))).run()
    assert _metric(at, "Articles") == 3


def test_filters_and_an_articles_own_graph(uploaded):
    at = uploaded
    at.sidebar.multiselect[0].set_value(["SDN"]).run()
    assert_ok(at)
    assert 0 < _metric(at, "Actors")
    at.sidebar.multiselect[0].set_value([]).run()
    click_row(at, "ag_corpus_articles", 1)
    assert_ok(at)
    assert any("M23" in s.value for s in at.subheader)
    assert len(at.get("iframe")) == 2  # the corpus graph and the article's own


def test_country_filter_keeps_the_partners_as_on_the_article_pages(uploaded):
    at = uploaded
    only = state.widget_key(cs.F_ONLY_COUNTRIES)
    assert at.sidebar.toggle(key=only).disabled  # until a country is chosen
    assert at.sidebar.toggle(key=state.widget_key(cs.F_HIDE_ISOLATED)).value is True
    at.sidebar.multiselect[0].set_value(["TUR"]).run()
    assert_ok(at)
    with_partners = _metric(at, "Actors")
    assert _metric(at, "Relations") > 0  # Turkey's links across borders stay
    caption = " ".join(c.value for c in at.sidebar.caption)
    assert "Country filter" in caption and "direct partner" in caption
    at.sidebar.toggle(key=only).set_value(True).run()
    assert_ok(at)
    assert _metric(at, "Actors") < with_partners
    assert "only" in " ".join(c.value for c in at.sidebar.caption)
    at.sidebar.toggle(key=only).set_value(False).run()
    at.sidebar.multiselect[0].set_value([]).run()
    assert "Country filter" not in " ".join(c.value for c in at.sidebar.caption)


def test_corpus_apply_follows_the_article_pages_country_rule():
    import networkx as nx

    from actorgraph.graph import filter_graph
    from components.corpus_filters import CorpusFilters, apply

    G = nx.Graph()
    for n, country in (("tur", "TUR"), ("sna", "SYR"), ("ypg", "SYR"), ("irn", "IRN")):
        G.add_node(n, label=n, country=country, type="state", mentions=[n])
    G.add_edge("tur", "sna", relation="alliance", articles=2)
    G.add_edge("tur", "ypg", relation="hostility", articles=1)
    G.add_edge("sna", "ypg", relation="hostility", articles=1)
    G.add_edge("irn", "sna", relation="hostility", articles=1)
    H = apply(G, CorpusFilters(countries=("TUR",)))
    assert sorted(H) == ["sna", "tur", "ypg"]  # Turkey, whom it backs and whom it fights
    assert [n for n, p in H.nodes(data="partner") if p] == ["sna", "ypg"]
    assert sorted(H.edges) == sorted(filter_graph(G, countries=["TUR"], partners=True).edges)
    alone = CorpusFilters(countries=("TUR",), only_countries=True, hide_isolated=False)
    assert sorted(apply(G, alone)) == ["tur"]
    assert sorted(apply(G, CorpusFilters(countries=("TUR",), only_countries=True))) == []
    # the minimum number of articles applies before the partners are found
    assert sorted(apply(G, CorpusFilters(countries=("TUR",), min_articles=2))) == ["sna", "tur"]


def test_pair_history_with_its_sentences(uploaded):
    at = uploaded
    pair = at.selectbox(key="ag_corpus_pair")
    assert "article" in pair.format_func(pair.value)
    sentences = [d.value for d in at.dataframe if "Sentence" in d.value.columns]
    assert sentences and (sentences[0]["Month"].str.match(r"2024-0[1-3]")).all()
    assert len(at.get("vega_lite_chart")) == 1


def test_the_configured_store_is_opened(tmp_path, monkeypatch, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    for s, d in DATED[:2]:
        name, data = dated_page(s, d)
        (folder / name).write_bytes(data)
    db = tmp_path / "team.db"
    with open_store(str(db)) as store:
        assert run_batch([folder], store).added == 2
    monkeypatch.setenv(cs.ENV_VAR, str(db))
    at = go(new_app(), "corpus")
    assert_ok(at)
    assert _metric(at, "Articles") == 2
    assert "team\\.db" in " ".join(c.value for c in at.caption)  # shown escaped


def test_a_configured_store_that_cannot_be_opened(tmp_path, monkeypatch):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a store " * 20)
    monkeypatch.setenv(cs.ENV_VAR, str(notes))
    at = go(new_app(), "corpus")
    assert_ok(at)
    assert any("could not be opened" in w.value for w in at.warning)
    assert notes.read_text() == "not a store " * 20
