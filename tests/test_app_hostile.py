"""Hostile and odd input through the dashboard (AppTest): what a user sees, and that nothing they
had is lost or mixed with another session's. The engine-level cases live in test_ingest*.py and
test_pipeline*.py; the real-browser ones in test_browser.py."""
from __future__ import annotations

from apptest_support import REFERENCE, assert_ok, metrics, new_app

from actorgraph.ingest import MAX_FILE_BYTES
from components import state

SUDAN = REFERENCE.parent / "02_sudan-el-fasher.txt"
UPLOAD = "ag_upload"


def _upload(at, name: str, data: bytes):
    at.file_uploader(key=UPLOAD).set_value((name, data, "text/plain")).run()
    assert_ok(at)
    return at


def _labels(at) -> set[str]:
    return {a.label for a in at.session_state[state.EXTRACTION].actors}


def test_app_hostile_empty_file_says_so_and_keeps_the_graph():
    at = new_app().run()
    at.button(key="ag_try_reference").click().run()
    before = metrics(at)
    _upload(at, "empty.txt", b"   \n\t  ")
    assert any("the file is empty" in e.value.lower() for e in at.error)
    assert metrics(at) == before


def test_app_hostile_binary_junk_named_txt_is_refused_by_content():
    at = new_app().run()
    _upload(at, "notes.txt", bytes(range(256)) * 40)
    assert at.error, "a clear message, not a graph of junk"
    assert at.session_state[state.EXTRACTION] is None


def test_app_hostile_non_english_text_gets_a_notice_and_english_actors_still_show():
    text = ("Военные действия продолжаются на востоке страны. 战争仍在继续。 "
            "الحرب مستمرة في الشمال 🙂. Russia attacked Ukraine and Iran backed Hezbollah. "
            "Военные действия продолжаются на востоке страны, сообщили официальные лица.")
    at = new_app().run()
    _upload(at, "mixed.txt", text.encode("utf-8"))
    notices = " ".join(n.value for n in list(at.info) + list(at.warning))
    assert "English" in notices
    assert {"Russia", "Ukraine", "Hezbollah"} <= _labels(at)


def test_app_hostile_same_file_twice_keeps_one_graph():
    at = new_app().run()
    _upload(at, "ref.txt", REFERENCE.read_bytes())
    first = metrics(at)
    _upload(at, "ref.txt", REFERENCE.read_bytes())
    assert not at.error and metrics(at) == first


def test_app_hostile_two_sessions_see_only_their_own_article():
    # AppTests in one process share st.cache_data as two browser sessions on one server do
    a, b = new_app().run(), new_app().run()
    _upload(a, "syria.txt", REFERENCE.read_bytes())
    _upload(b, "sudan.txt", SUDAN.read_bytes())
    _upload(a, "syria.txt", REFERENCE.read_bytes())  # a rerun after b's upload
    a_labels, b_labels = _labels(a), _labels(b)
    assert "Hezbollah" in a_labels and "Hezbollah" not in b_labels
    assert "Rapid Support Forces" in b_labels and "Rapid Support Forces" not in a_labels
    assert a.session_state[state.EXTRACTION].article.source == "syria.txt"
    assert b.session_state[state.EXTRACTION].article.source == "sudan.txt"


def test_app_hostile_size_limit_is_stated_and_matches_streamlit():
    at = new_app().run()
    limit_mb = MAX_FILE_BYTES // (1024 * 1024)
    shown = " ".join(str(x.value) for x in list(at.caption) + list(at.markdown) + list(at.info))
    assert f"{limit_mb} MB" in shown


def test_app_hostile_actor_cap_notice_reaches_the_page(monkeypatch):
    import actorgraph.graph

    monkeypatch.setattr(actorgraph.graph, "MAX_ACTORS", 3)  # the reference article has more
    at = new_app().run()
    at.button(key="ag_try_reference").click().run()
    assert_ok(at)
    shown = " ".join(n.value for n in at.info)
    assert "Only the 3 most connected actors of" in shown and "are hidden" in shown
