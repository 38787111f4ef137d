"""Helpers for the dashboard tests (``test_app.py``, ``test_pages_*.py``): AppTest set-up, a
hand-built extraction, the reference article's real extraction, and a simulated graph click."""
from __future__ import annotations

import html
import json
import re
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # until the project adds pythonpath
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetStates  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from actorgraph.model import (  # noqa: E402
    Actor, Article, Evidence, Extraction, Mention, Relation,
)
import pages  # noqa: E402
from components import state  # noqa: E402

APP = ROOT / "app.py"
REFERENCE = ROOT / "sample_articles" / "01_syria-iraqi-militias.txt"
TIMEOUT = 60  # the first run in a process loads the spaCy model
PAGES = tuple(pages.PAGES)  # "home", "explorer", … (module names in pages/ = URL paths)
XSS = "<img src=x onerror=alert(1)>"


def new_app(extraction: Extraction | None = None, input_id: str = "test:fixture") -> AppTest:
    """An AppTest of app.py; with ``extraction`` it starts as if that article had been loaded."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if extraction is not None:
        at.session_state[state.EXTRACTION] = extraction
        at.session_state[state.INPUT_ID] = input_id
    return at


def go(at: AppTest, page: str) -> AppTest:
    """Open a page as its menu entry does: the next run asks for that page of ``st.navigation``.

    (``AppTest.switch_page`` takes a script path; our pages are callables, registered under
    their URL path: the default page, Home, under "".)"""
    if not at._registered_pages:
        at.run()
    url = "" if page == pages.HOME else page
    found = [h for h, info in at._registered_pages.items() if info.get("url_pathname") == url]
    assert len(found) == 1, f"no page {page!r} in {list(at._registered_pages.values())}"
    at._page_hash = found[0]
    return at.run()


def assert_ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


_METRIC = re.compile(r'class="ag-metric" data-label="([^"]*)" data-value="(\d+)"')


def metrics(at: AppTest) -> dict[str, int]:
    """The overview counts shown (``components.overview``): {"Actors": 12, ...}."""
    return {html.unescape(label): int(value) for h in at.main.get("html")
            for label, value in _METRIC.findall(h.value)}


# a column that tells each table apart (display-only tables keep their key out of the tree)
TABLE_MARKERS = {
    "ag_actors_table": "Also called",
    "ag_relations_table": "Evidence",
    "ag_blocs_table": "Members",
    "ag_enemy_table": "Common enemies",
}


def table(at: AppTest, key: str) -> pd.DataFrame:
    """The table drawn with this key."""
    try:
        return at.dataframe(key=key).value
    except KeyError:
        found = [d.value for d in at.main.dataframe if TABLE_MARKERS[key] in d.value.columns]
        assert len(found) == 1, f"{len(found)} tables look like {key!r}"
        return found[0]


def htmls(at: AppTest) -> list[str]:
    """The HTML blocks of the page other than the overview counts (see ``metrics``)."""
    return [h.value for h in at.main.get("html") if 'class="ag-metrics"' not in h.value]


def elements(at: AppTest, kind: str) -> list:
    return list(at.get(kind))


def bridge_event(at: AppTest, event: str, value: object) -> AppTest:
    """Do what the browser does when the graph posts a message: the bridge component calls
    ``setTriggerValue(event, value)``, which sends the component's trigger widget with the next
    rerun. The trigger id is read from the mounted component, as the frontend does."""
    from streamlit.components.v2.bidi_component.main import _make_trigger_id

    bridges = [e for e in at.get("bidi_component")
               if e.proto.component_name == "actorgraph.graph_bridge"]
    assert bridges, "the graph's click bridge is not mounted on this page"
    states: WidgetStates = at._tree.get_widget_states()
    trigger = states.widgets.add()
    trigger.id = _make_trigger_id(bridges[0].proto.id, "events")
    trigger.json_trigger_value = json.dumps([{"event": event, "value": value}])
    return at._run(states)


def click_node(at: AppTest, node_id: str) -> AppTest:
    """A click on a node of the graph (``setTriggerValue("select", id)``)."""
    return bridge_event(at, "select", node_id)


def click_edge(at: AppTest, a: str, b: str) -> AppTest:
    """A click on the edge a–b of the graph (``setTriggerValue("edge", [from, to])``)."""
    return bridge_event(at, "edge", [a, b])


def click_row(at: AppTest, key: str, row: int) -> AppTest:
    """Do what the browser does when a row of a selectable table is clicked."""
    frames = [d for d in at.dataframe if d.key == key]
    assert frames, f"no selectable table {key!r} on this page"
    states: WidgetStates = at._tree.get_widget_states()
    ws = states.widgets.add()
    ws.id = frames[0].proto.id
    ws.string_value = json.dumps({"selection": {"rows": [row], "columns": [], "cells": []}})
    return at._run(states)


# --- data ----------------------------------------------------------------------------------------

def _ev(sentence: str, i: int, cue: str = "") -> Evidence:
    return Evidence(sentence, i, i * 200, i * 200 + len(sentence), cue=cue, rule="test")


def fixture_extraction() -> Extraction:
    """Five actors in three countries, every relation type, one pair with two sentences, one
    isolated actor, and an actor whose name is HTML."""
    s = [
        "Turkey backs the Syrian National Army against the YPG.",
        "The Syrian National Army fought the YPG near Manbij.",
        "Turkish drones struck YPG positions, and the Syrian National Army advanced.",
        f"The {XSS} group met Turkey in Ankara.",
        "Iran said nothing.",
    ]
    text = "\n".join(s)
    actors = (
        Actor("turkey", "Turkey", "state", "TUR", ("Turkey", "Turkish", "Ankara"),
              spans=(Mention("Turkey", 0, 6, 0),)),
        Actor("sna", "Syrian National Army", "armed_group", "TUR", ("Syrian National Army",)),
        Actor("ypg", "YPG", "militia", "SYR", ("YPG",)),
        Actor("xss", XSS, "armed_group", "SYR", (XSS,)),
        Actor("iran", "Iran", "state", "IRN", ("Iran",)),
    )
    relations = (
        Relation("turkey", "sna", "alliance", 0.9, _ev(s[0], 0, "backs"), directed=True),
        Relation("turkey", "ypg", "hostility", 0.7, _ev(s[0], 0, "against")),
        Relation("sna", "ypg", "hostility", 0.8, _ev(s[1], 1, "fought")),
        Relation("sna", "ypg", "hostility", 0.6, _ev(s[2], 2, "advanced")),
        Relation("turkey", "ypg", "hostility", 0.8, _ev(s[2], 2, "struck")),
        Relation("xss", "turkey", "talks", 0.6, _ev(s[3], 3, "met")),
    )
    article = Article(text, title="Fixture: Turkey and the YPG", source="fixture.txt", kind="txt",
                      notices=("Only the first 10 characters were analysed (test notice).",))
    return Extraction(article, actors, relations, notices=("An extraction notice (test).",))


@cache
def reference_extraction() -> Extraction:
    """The real engine on the reference article (once per test process)."""
    from actorgraph.ingest import read_bytes
    from actorgraph.nlp import load_nlp
    from actorgraph.pipeline import extract

    return extract(read_bytes(REFERENCE.read_bytes(), REFERENCE.name), nlp=load_nlp())
