"""Where the graph draws each actor: one layout per article, kept in the session.

Filters only hide actors: the others keep their place (``positions``). Actors the user drags
stay where they were dropped (the click bridge reports them: ``move``). "Re-lay out" computes a
fresh layout of what is shown (``relayout``); its round number is part of what the drawing is
memoised on, so only then is a new drawing made for the same filters.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import streamlit as st

from actorgraph.positions import Positions, article_layout, extend
from components import state
from components.view import View


def positions(view: View) -> Positions:
    """The position of every actor of the article (laid out on its first drawing)."""
    ss = st.session_state
    lay = ss.get(state.LAYOUT)
    if not lay or lay.get("input") != view.input_id:
        lay = {"input": view.input_id, "round": 0, "pos": article_layout(view.full)}
        ss[state.LAYOUT] = lay
    elif any(n not in lay["pos"] for n in view.full):  # actors a correction added
        lay["pos"] = {**lay["pos"], **extend(view.full, lay["pos"], seed=lay["round"])}
    return lay["pos"]


def layout_round() -> int:
    """How many times the user asked for a fresh layout of this article."""
    lay = st.session_state.get(state.LAYOUT)
    return int(lay.get("round", 0)) if lay else 0


def relayout(view: View) -> None:
    """on_click of "Re-lay out": a fresh layout of the actors shown; the hidden ones around it."""
    n = layout_round() + 1
    shown = article_layout(view.graph, seed=n)
    st.session_state[state.LAYOUT] = {"input": view.input_id, "round": n,
                                      "pos": extend(view.full, shown, seed=n)}


def move(moved: Mapping[str, object]) -> int:
    """Keep the positions the drawing reports for actors of the layout; return how many."""
    lay = st.session_state.get(state.LAYOUT)
    if not lay or not hasattr(moved, "items"):
        return 0
    kept = 0
    for node, xy in moved.items():
        if node not in lay["pos"] or not isinstance(xy, (list, tuple)) or len(xy) != 2:
            continue
        try:
            x, y = float(xy[0]), float(xy[1])
        except (TypeError, ValueError):
            continue
        if math.isfinite(x) and math.isfinite(y):
            lay["pos"][node] = (x, y)
            kept += 1
    return kept
