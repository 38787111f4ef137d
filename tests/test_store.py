"""store: the article store on SQLite and on a real PostgreSQL server (same tests, both back ends)."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
import sqlalchemy as sa

from actorgraph.corpus import article_graph, corpus_graph
from actorgraph.dates import ArticleDate, DatedBy
from actorgraph.model import Actor, Article, Evidence, Extraction, Mention, Relation
from actorgraph.store import (SCHEMA_VERSION, StoreError, actor_key, normalise_name, open_store,
                              schema, text_hash)
from store_support import db_url  # noqa: F401  (fixture)


def _actor(id_, label, type_, country, kb_id=None, source="kb", mentions=None):
    mentions = mentions or (label,)
    spans = tuple(Mention(m, i * 10, i * 10 + len(m), 0) for i, m in enumerate(mentions))
    return Actor(id_, label, type_, country, tuple(mentions), spans, kb_id=kb_id, source=source)


def _rel(s, t, relation, sentence, idx, conf=0.8, directed=True, rule="stance_verb"):
    return Relation(s, t, relation, conf, Evidence(sentence, idx, 0, len(sentence), cue="backs", rule=rule),
                    directed=directed)


def article_one() -> Extraction:
    text = "Iran backs the militias\n\nIran backs the militias. The government fights the rebels."
    return Extraction(
        Article(text, title="Iran backs the militias", source="one.txt", kind="txt"),
        actors=(_actor("iran", "Iran", "state", "IRN", "iran"),
                _actor("militias", "the militias", "militia", "IRQ", source="phrase"),
                _actor("syria_government", "Syrian government", "government", "SYR", "syria", "phrase"),
                _actor("rebels", "the rebels", "rebel_coalition", "SYR", source="phrase")),
        relations=(_rel("iran", "militias", "alliance", "Iran backs the militias.", 1),
                   _rel("syria_government", "rebels", "hostility", "The government fights the rebels.", 2)),
    )


def article_two() -> Extraction:
    text = "Militias attacked\n\nThe Iraqi militias, backed by Tehran, attacked the rebels."
    return Extraction(
        Article(text, title="Militias attacked", source="two.txt", kind="txt"),
        actors=(_actor("militias", "The militias", "militia", "IRQ", source="phrase",
                       mentions=("The Iraqi militias",)),
                _actor("iran", "Iran", "state", "IRN", "iran", mentions=("Tehran",)),
                _actor("rebels", "The rebels", "rebel_coalition", "SYR", source="phrase")),
        relations=(_rel("iran", "militias", "alliance", "The Iraqi militias, backed by Tehran, attacked the rebels.", 1),
                   _rel("militias", "rebels", "hostility", "The Iraqi militias, backed by Tehran, attacked the rebels.", 1)),
    )


def test_names_and_hashes_are_normalised():
    assert normalise_name("The  Houthis") == "houthis"
    assert normalise_name("Iraqi militias") == normalise_name("iraqi-militias")
    assert text_hash("a  b\n c") == text_hash("a b c")
    assert text_hash("a b") != text_hash("a c")
    gov = _actor("syria_government", "Syrian government", "government", "SYR", "syria", "phrase")
    assert actor_key(gov) == "syrian_government-syr"  # a phrase actor is not the state's KB entry
    assert actor_key(_actor("iran", "Iran", "state", "IRN", "iran")) == "iran"


def test_new_store_has_schema_version(db_url):
    with open_store(db_url) as store:
        assert store.counts() == {"articles": 0, "actors": 0, "mentions": 0, "claims": 0, "failures": 0}
        with store.engine.connect() as conn:
            rows = dict(conn.execute(sa.select(schema.meta.c.key, schema.meta.c.value)).all())
    assert rows == {"app": "actorgraph", "schema_version": str(SCHEMA_VERSION)}
    with open_store(db_url) as again:  # opening again keeps what is there
        assert again.counts()["articles"] == 0


def test_storing_twice_does_nothing_and_actors_merge(db_url):
    with open_store(db_url) as store:
        one = store.add(article_one(), ArticleDate(dt.date(2024, 1, 5), DatedBy.MANIFEST), path="one.txt")
        assert one is not None
        assert store.add(article_one(), ArticleDate(dt.date(2024, 1, 5))) is None
        two = store.add(article_two(), ArticleDate(dt.date(2024, 3, 1), DatedBy.TEXT), path="two.txt")
        counts = store.counts()
        assert counts["articles"] == 2 and counts["claims"] == 4
        # iran by KB id; militias and rebels by normalised name + country, across articles
        ids = {a["id"] for a in store.actors()}
        assert ids == {"iran", "militias-irq", "rebels-syr", "syrian_government-syr"}
        local = {(r["article_id"], r["local_id"]): r["actor_id"] for r in store.article_actors()}
        assert local[(two, "militias")] == local[(one, "militias")] == "militias-irq"
        assert [a.date for a in store.articles()] == [dt.date(2024, 1, 5), dt.date(2024, 3, 1)]
        assert [a.dated_by for a in store.articles()] == ["manifest", "text"]


def test_corpus_graph_counts_articles_and_dates(db_url):
    with open_store(db_url) as store:
        one = store.add(article_one(), ArticleDate(dt.date(2024, 1, 5)))
        two = store.add(article_two(), ArticleDate(dt.date(2024, 3, 1)))
        G = corpus_graph(store)
        assert G.graph["articles"] == 2
        e = G.edges["iran", "militias-irq"]
        assert (e["relation"], e["articles"], e["first_seen"], e["last_seen"]) == \
            ("alliance", 2, "2024-01-05", "2024-03-01")
        assert e["history"] == [{"month": "2024-01", "alliance": 1, "hostility": 0},
                                {"month": "2024-03", "alliance": 1, "hostility": 0}]
        assert [ev["article"]["id"] for ev in e["evidence"]] == [one, two]
        assert e["evidence"][0]["article"] == {"id": one, "title": "Iran backs the militias", "date": "2024-01-05"}
        assert G.nodes["militias-irq"]["articles"] == 2
        assert G.nodes["militias-irq"]["mentions"] == ["the militias", "The Iraqi militias"]
        late = corpus_graph(store, since=dt.date(2024, 2, 1))
        assert late.graph["articles"] == 1
        assert late.edges["iran", "militias-irq"]["articles"] == 1
        assert not late.has_node("syrian_government-syr")
        syr = corpus_graph(store, countries=["SYR"])
        assert set(syr) == {"syrian_government-syr", "rebels-syr"}
        own = article_graph(store, two)  # an article's own graph, with its own ids
        assert set(own) == {"militias", "iran", "rebels"}
        assert own.nodes["militias"]["corpus_id"] == "militias-irq"


def test_failed_write_leaves_nothing(db_url):
    bad = Extraction(Article("x y z", title="x", source="bad.txt"),
                     actors=(_actor("a", "A", "state", "IRN", "a"),),
                     relations=(Relation("a", "a", "alliance", 0.5, Evidence(None, 0, 0, 0)),))
    # the claim's NULL sentence is refused by the database after the article row was written
    with open_store(db_url) as store:
        with pytest.raises(StoreError):
            store.add(bad)
        assert store.counts() == {"articles": 0, "actors": 0, "mentions": 0, "claims": 0, "failures": 0}


def test_failures_are_recorded_and_cleared(db_url):
    with open_store(db_url) as store:
        store.record_failure("one.txt", "The file is empty.")
        store.record_failure("one.txt", "The file is empty, again.")
        assert store.failures() == [("one.txt", "The file is empty, again.")]
        store.add(article_one(), path="one.txt")
        assert store.failures() == []


def test_a_database_with_other_tables_is_refused_and_kept(db_url):
    engine = sa.create_engine(db_url if "://" in db_url else f"sqlite:///{db_url}")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)"))
        conn.execute(sa.text("INSERT INTO invoices VALUES (1, 42)"))
    with pytest.raises(StoreError, match="not an ActorGraph store; nothing was changed"):
        open_store(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT total FROM invoices")).scalar_one() == 42
        assert sa.inspect(conn).get_table_names() == ["invoices"]
    engine.dispose()


def test_a_newer_schema_is_refused_and_kept(db_url):
    open_store(db_url).close()
    engine = sa.create_engine(db_url if "://" in db_url else f"sqlite:///{db_url}")
    with engine.begin() as conn:
        conn.execute(schema.meta.update().where(schema.meta.c.key == "schema_version")
                     .values(value=str(SCHEMA_VERSION + 1)))
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1}, newer"):
        open_store(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
                            ).scalar_one() == str(SCHEMA_VERSION + 1)
    engine.dispose()


def test_a_file_that_is_not_a_database(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not an ActorGraph store"):
        open_store(str(notes))
    assert notes.read_text() == "my notes, not a database\n" * 100


def test_an_sqlite_database_of_another_app(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (name TEXT)")
    with pytest.raises(StoreError, match="holds other tables"):
        open_store(str(path))


def test_places_that_cannot_be_a_store(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        open_store(str(tmp_path))
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "missing" / "corpus.db"))
    with pytest.raises(StoreError, match="There is no store"):
        open_store(str(tmp_path / "new.db"), create=False)
    assert not (tmp_path / "new.db").exists()
    with pytest.raises(StoreError, match="No database driver"):
        open_store("nosuchdb://host/db")


def test_an_unreachable_server_gets_a_message():
    # port 9 (discard) on localhost: nothing listens there
    with pytest.raises(StoreError, match="Cannot reach the store at postgresql") as err:
        open_store("postgresql+psycopg://someone:secret@127.0.0.1:9/nothing")
    assert "secret" not in str(err.value)
