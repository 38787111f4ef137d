"""How a click on a node in the graph reaches Python.

The graph is a standalone pyvis page shown with ``st.iframe``. When a node is clicked, that page
posts ``{type: "actorgraph:select", id: <actor id>}`` to its parent window (the Streamlit page).
This module mounts a small ``st.components.v2`` component (no sandbox: its JavaScript runs in the
Streamlit page) that listens for those messages, checks they come from a frame embedded in the
page, and calls ``setTriggerValue("select", id)``. Streamlit then reruns the script; the
``on_select_change`` callback runs first and makes the id the selected actor
(``state.SELECTED``) when it names an actor of the current article.
"""
from __future__ import annotations

import streamlit as st

from components import state

EVENT = "select"
MESSAGE_TYPE = "actorgraph:select"

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
  const onMessage = (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== "object" || msg.type !== "%(type)s") return;
    if (typeof msg.id !== "string" && typeof msg.id !== "number") return;
    if (!fromEmbeddedFrame(event.source)) return;
    setTriggerValue("%(event)s", String(msg.id));
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
""" % {"type": MESSAGE_TYPE, "event": EVENT}

_HTML = ('<div class="ag-hint">Click an actor in the graph to see its allies, enemies and the '
         'sentences behind each link. Drag to move, scroll to zoom.</div>')
_CSS = (".ag-hint { font-size: 0.8rem; color: var(--st-text-color); opacity: 0.65; "
        "margin: 0; }")

_component = st.components.v2.component(
    "actorgraph.graph_bridge", html=_HTML, css=_CSS, js=_JS,
)


def select_actor(actor_id: object) -> bool:
    """Make ``actor_id`` the selected actor when it is one of the current article's actors."""
    extraction = state.current()
    if extraction is None or not isinstance(actor_id, str):
        return False
    if not any(a.id == actor_id for a in extraction.actors):
        return False
    st.session_state[state.SELECTED] = actor_id
    return True


def _on_select() -> None:
    value = st.session_state.get(state.BRIDGE_KEY) or {}
    select_actor(value.get(EVENT) if hasattr(value, "get") else None)


def graph_click_bridge() -> str | None:
    """Mount the listener (it shows a one-line hint); return the id clicked in this run, if any."""
    result = _component(key=state.BRIDGE_KEY, on_select_change=_on_select)
    clicked = result.get(EVENT) if result is not None else None
    if clicked is not None and st.session_state.get(state.SELECTED) != clicked:
        select_actor(clicked)  # in case the callback could not read the value
    return clicked
