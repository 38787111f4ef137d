"""How a click on the graph (a node or an edge) and a drag of its actors reach Python.

The graph is a standalone pyvis page shown with ``st.iframe``. It posts to its parent window (the
Streamlit page; see `actorgraph.render`):

* ``{type: "actorgraph:select", id}`` when a node is clicked,
* ``{type: "actorgraph:select-edge", id, from, to}`` when an edge is clicked,
* ``{type: "actorgraph:positions", positions: {id: [x, y]}}`` when actors were dragged.

This module mounts a small ``st.components.v2`` component (no sandbox: its JavaScript runs in the
Streamlit page) that listens for those messages, checks they come from a frame embedded in the
page and have the expected shape, and calls ``setTriggerValue`` with the event ``select``,
``edge`` or ``positions``. Streamlit then reruns the script; the component's callbacks run first:
a node of the article becomes the actor the details panel shows, an edge of the article the
relation it shows (``state.show_actor``/``show_relation``), and moved actors keep their new
place (``graph_layout.move``).
"""
from __future__ import annotations

import streamlit as st

from components import graph_layout, state
from components.view import get_view

EVENT = "select"
EDGE_EVENT = "edge"
POSITIONS_EVENT = "positions"
MESSAGE_TYPE = "actorgraph:select"
EDGE_MESSAGE_TYPE = "actorgraph:select-edge"
POSITIONS_MESSAGE_TYPE = "actorgraph:positions"
MAX_POSITIONS = 5000  # more than any drawing holds (the graph keeps 300 actors)

_JS = """
export default function (component) {
  const { setTriggerValue } = component;
  const w = window;
  // one listener per page, whatever the number of mounts and re-renders
  if (w.__actorgraphSelect) {
    w.removeEventListener("message", w.__actorgraphSelect);
  }
  const fromEmbeddedFrame = (source) =>
    Array.from(document.querySelectorAll("iframe")).some((f) => f.contentWindow === source);
  const isId = (v) => typeof v === "string" || typeof v === "number";
  const positionsOf = (p) => {
    if (!p || typeof p !== "object" || Array.isArray(p)) return null;
    const entries = Object.entries(p);
    if (entries.length === 0 || entries.length > %(max)d) return null;
    const out = {};
    for (const [id, xy] of entries) {
      if (!Array.isArray(xy) || xy.length !== 2 || !xy.every(Number.isFinite)) return null;
      out[id] = [xy[0], xy[1]];
    }
    return out;
  };
  const onMessage = (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== "object" || typeof msg.type !== "string") return;
    if (!fromEmbeddedFrame(event.source)) return;
    if (msg.type === "%(node)s") {
      if (!isId(msg.id)) return;
      setTriggerValue("%(event)s", String(msg.id));
    } else if (msg.type === "%(edge)s") {
      if (!isId(msg.from) || !isId(msg.to)) return;
      setTriggerValue("%(edge_event)s", [String(msg.from), String(msg.to)]);
    } else if (msg.type === "%(positions)s") {
      const out = positionsOf(msg.positions);
      if (out !== null) setTriggerValue("%(positions_event)s", out);
    }
  };
  w.__actorgraphSelect = onMessage;
  w.addEventListener("message", onMessage);
  return () => {
    if (w.__actorgraphSelect === onMessage) {
      w.removeEventListener("message", onMessage);
      w.__actorgraphSelect = null;
    }
  };
}
""" % {"node": MESSAGE_TYPE, "event": EVENT, "edge": EDGE_MESSAGE_TYPE, "edge_event": EDGE_EVENT,
       "positions": POSITIONS_MESSAGE_TYPE, "positions_event": POSITIONS_EVENT,
       "max": MAX_POSITIONS}

_HTML = ('<div class="ag-hint">Click an actor or a link in the graph to see its details and the '
         'sentences behind it. Drag to move, scroll to zoom.</div>')
_CSS = (".ag-hint { font-size: 0.8rem; color: var(--st-text-color); opacity: 0.65; "
        "margin: 0; }")

_component = st.components.v2.component(
    "actorgraph.graph_bridge", html=_HTML, css=_CSS, js=_JS,
)


def select_actor(actor_id: object) -> bool:
    """Show ``actor_id`` in the details panel when it is one of the current article's actors."""
    view = get_view()
    if view is None or not isinstance(actor_id, str) or actor_id not in view.full:
        return False
    state.show_actor(actor_id)
    return True


def select_edge(ends: object) -> bool:
    """Show the relation between the two ids of ``ends`` in the details panel when the article
    relates them (the order is kept: from, to as drawn)."""
    view = get_view()
    if view is None or not isinstance(ends, (list, tuple)) or len(ends) != 2:
        return False
    a, b = ends
    if not (isinstance(a, str) and isinstance(b, str)) or not view.full.has_edge(a, b):
        return False
    state.show_relation(a, b)
    return True


def _value(event: str) -> object:
    value = st.session_state.get(state.BRIDGE_KEY) or {}
    return value.get(event) if hasattr(value, "get") else None


def _on_select() -> None:
    select_actor(_value(EVENT))


def _on_edge() -> None:
    select_edge(_value(EDGE_EVENT))


def _on_positions() -> None:
    moved = _value(POSITIONS_EVENT)
    if isinstance(moved, dict):
        graph_layout.move(moved)


def graph_click_bridge() -> str | None:
    """Mount the listener (it shows a one-line hint); return the node id clicked in this run,
    if any."""
    result = _component(key=state.BRIDGE_KEY, on_select_change=_on_select,
                        on_edge_change=_on_edge, on_positions_change=_on_positions)
    clicked = result.get(EVENT) if result is not None else None
    if clicked is not None and st.session_state.get(state.SELECTED) != clicked:
        select_actor(clicked)  # in case the callback could not read the value
    edge = result.get(EDGE_EVENT) if result is not None else None
    if edge is not None and st.session_state.get(state.SELECTED_PAIR) != tuple(edge):
        select_edge(edge)
    return clicked
