"""The user's corrections: each kind, undo, merged edges and evidence, files and their errors."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from actorgraph import corrections as cx
from actorgraph.corrections import Corrections, CorrectionsError
from actorgraph.export import edges_csv, nodes_csv, to_graphml, to_node_link_json
from actorgraph.graph import build_graph
from actorgraph.model import Actor, Article, Evidence, Extraction, Mention, Relation
from store_support import db_url  # noqa: F401  (fixture: SQLite, and PostgreSQL when there is one)

HASH = "ab" * 32
S = [
    "Turkey backs the Syrian National Army against the YPG.",
    "The SNA fought the YPG near Manbij.",
    "Ankara struck YPG positions; Iran met the SNA.",
]
TEXT = "\n".join(S)


def _ev(i: int, cue: str) -> Evidence:
    start = TEXT.index(S[i])
    return Evidence(S[i], i, start, start + len(S[i]), cue=cue, rule="test")


def _spans(name: str, sentence_of=lambda pos: TEXT.count("\n", 0, pos)) -> tuple[Mention, ...]:
    out, pos = [], TEXT.find(name)
    while pos >= 0:
        out.append(Mention(name, pos, pos + len(name), sentence_of(pos)))
        pos = TEXT.find(name, pos + 1)
    return tuple(out)


def extraction() -> Extraction:
    actors = (
        Actor("turkey", "Turkey", "state", "TUR", ("Turkey",), spans=_spans("Turkey")),
        Actor("sna", "Syrian National Army", "armed_group", "SYR", ("Syrian National Army",),
              spans=_spans("Syrian National Army")),
        Actor("sna_2", "SNA", "armed_group", "SYR", ("SNA",), spans=_spans("SNA"), source="ner",
              kb_id=None),
        Actor("ypg", "YPG", "militia", "SYR", ("YPG",), spans=_spans("YPG")),
        Actor("iran", "Iran", "state", "IRN", ("Iran",), spans=_spans("Iran")),
    )
    relations = (
        Relation("turkey", "sna", "alliance", 0.9, _ev(0, "backs"), directed=True),
        Relation("turkey", "ypg", "hostility", 0.7, _ev(0, "against")),
        Relation("sna_2", "ypg", "hostility", 0.8, _ev(1, "fought")),
        Relation("turkey", "ypg", "hostility", 0.8, _ev(2, "struck")),
        Relation("iran", "sna_2", "talks", 0.6, _ev(2, "met")),
        Relation("sna", "sna_2", "alliance", 0.4, _ev(1, "fought")),
    )
    return Extraction(Article(TEXT, title="Test article"), actors, relations)


def fix(*items: cx.Correction) -> Extraction:
    return cx.apply(extraction(), Corrections(HASH, tuple(items)))


def test_corrections_apply_never_changes_the_extraction_given():
    ex = extraction()
    before = (ex.actors, ex.relations)
    out = cx.apply(ex, Corrections(HASH, (cx.remove("iran"), cx.merge("sna_2", "sna"),
                                          cx.relabel("turkey", "ypg", "alliance"))))
    assert (ex.actors, ex.relations) == before
    assert out is not ex and out.article is ex.article
    assert cx.apply(ex, Corrections(HASH)) is ex  # nothing to do: the very same object


def test_corrections_relabel_flips_the_edge_and_marks_it_as_the_users():
    G = build_graph(fix(cx.relabel("ypg", "turkey", "alliance")))
    e = G.edges["turkey", "ypg"]
    assert e["relation"] == "alliance"
    assert e["origin"] == "user" and e["confidence"] == 1.0
    note = e["evidence"][0]
    assert note == ("Corrected by the user: the relation between YPG and Turkey set to alliance "
                    "(was hostility)")
    assert e["corrections"] == [note]
    assert e["weight"] == 2  # the article's two sentences; the note is not one of them
    assert not e["conflicting"]  # the text itself has hostility claims only
    user = [c for c in e["claims"] if c.get("origin") == "user"]
    assert len(user) == 1 and user[0]["rule"] == "user" and user[0]["sentence"] == note
    # other edges are untouched
    assert "origin" not in G.edges["turkey", "sna"]


def test_corrections_relabel_again_replaces_the_earlier_one_and_none_removes_the_edge():
    cs = Corrections(HASH).added(cx.relabel("turkey", "ypg", "alliance"))
    cs = cs.added(cx.relabel("ypg", "turkey", "hostility"))
    assert len(cs) == 1  # the same pair: the later label supersedes
    G = build_graph(cx.apply(extraction(), cs))
    assert G.edges["turkey", "ypg"]["relation"] == "hostility"
    assert "confirmed as hostility" in G.edges["turkey", "ypg"]["evidence"][0]
    G = build_graph(fix(cx.relabel("turkey", "ypg", "none")))
    assert not G.has_edge("turkey", "ypg")
    assert G.has_node("turkey") and G.has_node("ypg")


def test_corrections_remove_drops_the_actor_and_its_relations():
    out, notes = cx.applied(extraction(), [cx.remove("ypg")])
    assert "ypg" not in {a.id for a in out.actors}
    assert all("ypg" not in (r.source, r.target) for r in out.relations)
    assert notes == ("Corrected by the user: YPG removed, with its 3 claims",)


def test_corrections_merge_joins_names_edges_and_evidence():
    G = build_graph(fix(cx.merge("sna_2", "sna")))
    assert "sna_2" not in G
    node = G.nodes["sna"]
    assert node["label"] == "Syrian National Army"
    assert node["mentions"] == ["Syrian National Army", "SNA"]
    assert node["mention_count"] == 1 + 2  # its own span and the two of "SNA"
    assert node["corrections"] == ["Corrected by the user: SNA merged into Syrian National Army"]
    # SNA's edges now belong to the Syrian National Army, marked; the edge between them went
    e = G.edges["sna", "ypg"]
    assert e["relation"] == "hostility" and e["origin"] == "user"
    assert e["evidence"] == [S[1], "Corrected by the user: SNA merged into Syrian National Army"]
    assert G.edges["iran", "sna"]["relation"] == "talks"
    assert not G.has_edge("sna", "sna")
    assert "origin" not in G.edges["turkey", "sna"]  # not moved: not marked


def test_corrections_merge_of_two_edges_aggregates_their_claims():
    # Turkey–YPG (2 claims) and, after merging Turkey into YPG's enemy SNA, SNA–YPG (1 claim)
    G = build_graph(fix(cx.merge("turkey", "sna_2")))
    e = G.edges["sna_2", "ypg"]
    assert len(e["claims"]) == 3 and e["weight"] == 3
    assert e["confidence"] == round(1 - (1 - 0.8) * (1 - 0.7) * (1 - 0.8), 3)
    assert e["evidence"][:3] == [S[0], S[1], S[2]]


def test_corrections_rename_changes_the_label_only():
    G = build_graph(fix(cx.rename("sna_2", "  Syrian  National Army (SNA) ")))
    assert G.nodes["sna_2"]["label"] == "Syrian National Army (SNA)"
    assert G.nodes["sna_2"]["mentions"] == ["SNA"]
    assert G.nodes["sna_2"]["corrections"] == [
        "Corrected by the user: SNA renamed Syrian National Army (SNA)"]
    assert G.number_of_edges() == build_graph(extraction()).number_of_edges()


def test_corrections_alias_adds_a_mention_and_its_places_in_the_text():
    G = build_graph(fix(cx.alias("turkey", "Ankara")))
    node = G.nodes["turkey"]
    assert node["mentions"] == ["Turkey", "Ankara"]
    assert node["mention_count"] == 2
    assert node["corrections"] == ["Corrected by the user: Ankara added as a name of Turkey"]
    out = fix(cx.alias("turkey", "Ankara"))
    ankara = [m for m in out.actor("turkey").spans if m.text == "Ankara"]
    assert ankara and TEXT[ankara[0].start:ankara[0].end] == "Ankara" and ankara[0].sentence == 2


def test_corrections_alias_naming_another_actor_merges_it():
    G = build_graph(fix(cx.alias("sna", "sna")))  # the article's actor "SNA" is this one
    assert "sna_2" not in G
    assert G.nodes["sna"]["mentions"] == ["Syrian National Army", "SNA"]
    assert G.has_edge("sna", "ypg") and G.edges["sna", "ypg"]["origin"] == "user"


def test_corrections_undo_restores_the_article():
    ex = extraction()
    cs = Corrections(HASH).added(cx.remove("iran")).added(cx.merge("sna_2", "sna"))
    cs = cs.added(cx.relabel("turkey", "ypg", "none"))
    assert len(cs) == 3
    undone = cs.without(1)
    assert [c.kind for c in undone.items] == ["remove", "relabel"]
    G = build_graph(cx.apply(ex, undone))
    assert "sna_2" in G and "iran" not in G and not G.has_edge("turkey", "ypg")
    G0 = build_graph(cx.apply(ex, undone.without(0).without(0)))
    assert nx.utils.graphs_equal(G0, build_graph(ex))
    assert cs.without(7) == cs  # out of range: nothing undone


def test_corrections_naming_a_missing_actor_do_nothing_and_say_so():
    out, notes = cx.applied(extraction(), [cx.remove("iran"), cx.rename("iran", "Persia"),
                                           cx.merge("nobody", "sna")])
    assert notes[1:] == (None, None)
    assert {a.id for a in out.actors} == {"turkey", "sna", "sna_2", "ypg"}


def test_corrections_are_marked_in_every_export():
    G = build_graph(fix(cx.relabel("turkey", "ypg", "alliance"), cx.rename("iran", "Iran (IRGC)")))
    data = json.loads(to_node_link_json(G))
    edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {"turkey", "ypg"})
    assert edge["origin"] == "user" and edge["relation"] == "alliance"
    assert edge["evidence"][0].startswith("Corrected by the user: ")
    node = next(n for n in data["nodes"] if n["id"] == "iran")
    assert node["label"] == "Iran (IRGC)" and node["corrections"]
    assert "Corrected by the user: the relation between Turkey and YPG" in edges_csv(G)
    assert "Corrected by the user: Iran renamed Iran (IRGC)" in nodes_csv(G)
    back = nx.read_graphml(__import__("io").BytesIO(to_graphml(G)))
    assert back.edges["turkey", "ypg"]["origin"] == "user"
    assert "Corrected by the user" in back.edges["turkey", "ypg"]["evidence"]


@pytest.mark.parametrize("make, message", [
    (lambda: cx.relabel("a", "b", "friendship"), "can be set to alliance, hostility, none"),
    (lambda: cx.relabel("a", "a", "alliance"), "two different actors"),
    (lambda: cx.merge("a", ""), "needs a second actor"),
    (lambda: cx.rename("a", " \n\t"), "is empty"),
    (lambda: cx.alias("a", "x" * 201), "longer than 200"),
    (lambda: cx.remove(""), "needs the id of an actor"),
])
def test_corrections_bad_corrections_are_refused_with_a_message(make, message):
    with pytest.raises(CorrectionsError, match=message):
        make()


def test_corrections_json_round_trip():
    cs = Corrections(HASH, (cx.relabel("turkey", "ypg", "none"), cx.merge("sna_2", "sna"),
                            cx.alias("turkey", "Ankara"),
                            cx.Correction("alias", "iran", value="Tehran", carried_from="Other")),
                     title="Test article")
    text = cx.to_json(cs)
    data = json.loads(text)
    assert data["format"] == "actorgraph-corrections" and data["version"] == 1
    assert data["article"] == {"hash": HASH, "title": "Test article"}
    assert cx.from_json(text) == cs
    assert cx.from_json(text.encode("utf-8")) == cs


GOOD = {"format": "actorgraph-corrections", "version": 1, "article": {"hash": HASH},
        "corrections": [{"kind": "remove", "actor": "iran"}]}


@pytest.mark.parametrize("data, message", [
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not an ActorGraph corrections file"),
    (json.dumps({**GOOD, "format": "other"}), "not an ActorGraph corrections file"),
    (json.dumps({**GOOD, "version": 9}), "version 9, newer"),
    (json.dumps({**GOOD, "version": "1"}), "no valid \"version\""),
    (json.dumps({**GOOD, "article": {"hash": "123"}}), "which article"),
    (json.dumps({**GOOD, "corrections": "all"}), "no list of"),
    (json.dumps({**GOOD, "corrections": [{"kind": "explode", "actor": "x"}]}),
     "Correction 1 of the file: Unknown kind"),
    (json.dumps({**GOOD, "corrections": [{"kind": "remove", "actor": "x"}, 3]}),
     "Correction 2 of the file is not an object"),
    (json.dumps({**GOOD, "corrections": [{"kind": "rename", "actor": "x", "value": 5}]}),
     "\"value\" must be text"),
    (json.dumps({**GOOD, "corrections": [{"kind": "relabel", "actor": "x", "other": "y",
                                          "value": "love"}]}), "Correction 1 of the file"),
    ("[" * 100_000 + "]" * 100_000, "JSON|nested"),
    (b" " * (cx.MAX_FILE_BYTES + 1), "larger than"),
])
def test_corrections_bad_files_get_a_clear_message(data, message):
    with pytest.raises(CorrectionsError, match=message):
        cx.from_json(data)


def test_corrections_carry_over_takes_aliases_and_merges_whose_actors_are_there():
    earlier = Corrections("cd" * 32, (
        cx.merge("sna_2", "sna"), cx.alias("turkey", "Ankara"), cx.rename("ypg", "People's"),
        cx.relabel("turkey", "ypg", "none"), cx.merge("hts", "sna"), cx.alias("hts", "HTS"),
    ), title="Earlier article")
    carried = cx.carry_over(extraction(), [earlier, earlier])
    assert [(c.kind, c.actor) for c in carried] == [("merge", "sna_2"), ("alias", "turkey")]
    assert {c.carried_from for c in carried} == {"Earlier article"}


# --- where they are kept ----------------------------------------------------------------------------

def test_corrections_file_store_keeps_each_token_apart(tmp_path):
    from actorgraph.correction_store import FileCorrectionStore, new_token

    store = FileCorrectionStore(tmp_path)
    mine, theirs = new_token(), new_token()
    assert store.load(mine, HASH) is None
    cs = Corrections(HASH, (cx.remove("iran"),), title="Test article")
    store.save(mine, cs)
    assert store.load(mine, HASH) == cs
    assert store.load(theirs, HASH) is None
    assert store.all(mine) == [cs] and store.all(theirs) == []
    store.save(mine, Corrections(HASH, (), title="Test article"))  # all undone: kept as empty
    assert store.load(mine, HASH) == Corrections(HASH, (), title="Test article")
    with pytest.raises(CorrectionsError, match="malformed"):
        store.load("../../etc", HASH)
    with pytest.raises(CorrectionsError, match="malformed"):
        store.save(mine, Corrections("../x", ()))


def test_corrections_file_store_sets_a_damaged_file_aside(tmp_path):
    from actorgraph.correction_store import FileCorrectionStore, new_token

    store, token = FileCorrectionStore(tmp_path), new_token()
    path = tmp_path / token / f"{HASH}.json"
    path.parent.mkdir()
    path.write_text("{broken")
    with pytest.raises(CorrectionsError, match="set aside"):
        store.load(token, HASH)
    assert (tmp_path / token / f"{HASH}.damaged.json").read_text() == "{broken"
    assert store.load(token, HASH) is None


def test_corrections_db_store_keeps_them_and_old_stores_gain_the_table(db_url):
    import sqlalchemy as sa

    from actorgraph.correction_store import DbCorrectionStore, new_token
    from actorgraph.store import SCHEMA_VERSION, open_store, schema

    db = db_url
    open_store(db).close()
    # make it a store of schema version 1, without the corrections table
    engine = sa.create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE corrections"))
        conn.execute(schema.meta.update().where(schema.meta.c.key == "schema_version")
                     .values(value="1"))
    engine.dispose()
    store = open_store(db)
    with store.engine.connect() as conn:
        assert "corrections" in sa.inspect(conn).get_table_names()
        version = conn.execute(sa.select(schema.meta.c.value)
                               .where(schema.meta.c.key == "schema_version")).scalar_one()
    assert version == str(SCHEMA_VERSION)
    kept, token = DbCorrectionStore(store), new_token()
    cs = Corrections(HASH, (cx.merge("sna_2", "sna"),), title="Test article")
    kept.save(token, cs)
    kept.save(token, cs.added(cx.alias("turkey", "Ankara")))
    assert kept.load(token, HASH).items[-1].value == "Ankara"
    assert kept.load(new_token(), HASH) is None
    assert len(kept.all(token)) == 1 and kept.carries_over
    store.close()


def test_corrections_cli_applies_a_downloaded_file(tmp_path, capsys):
    from actorgraph.cli import main
    from actorgraph.ingest import read_path
    from actorgraph.store import text_hash

    article = tmp_path / "a.txt"
    article.write_text("Fighting in the north\n\nIran backed Hezbollah against Israel.\n",
                       encoding="utf-8")
    digest = text_hash(read_path(article).text)
    fixes = tmp_path / "fixes.json"
    fixes.write_text(cx.to_json(Corrections(digest, (cx.relabel("iran", "hezbollah", "hostility"),))),
                     encoding="utf-8")
    assert main(["extract", str(article), "--corrections", str(fixes)]) == 0
    data = json.loads(capsys.readouterr().out)
    edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {"iran", "hezbollah"})
    assert edge["relation"] == "hostility" and edge["origin"] == "user"
    other = tmp_path / "other.json"
    other.write_text(cx.to_json(Corrections(HASH, (), title="Another")), encoding="utf-8")
    assert main(["extract", str(article), "--corrections", str(other)]) == 2
    assert "corrections of another article (Another)" in capsys.readouterr().err
    fixes.write_text("{oops", encoding="utf-8")
    assert main(["extract", str(article), "--corrections", str(fixes)]) == 2
    assert "error: The corrections file is not valid JSON" in capsys.readouterr().err


def test_corrections_combine_adds_what_a_file_of_the_same_article_has_new():
    mine = Corrections(HASH, (cx.remove("iran"), cx.rename("ypg", "People's Protection Units")))
    loaded = Corrections(HASH, (cx.remove("iran"), cx.merge("sna_2", "sna"),
                                cx.rename("ypg", "YPG militia")))
    new, added = cx.combine(mine, loaded)
    assert added == 2
    assert [c.kind for c in new.items] == ["remove", "merge", "rename"]
    assert new.items[-1].value == "YPG militia"  # the file's rename supersedes mine
    with pytest.raises(CorrectionsError, match=r"another article \(Other\)"):
        cx.combine(mine, Corrections("cd" * 32, (), title="Other"))
