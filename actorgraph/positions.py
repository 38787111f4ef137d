"""Where each actor is drawn: one layout of an article's whole graph, kept while filters change.

The drawing is given fixed x/y positions from here (see `actorgraph.render`), so a filter that
removes actors leaves the others where they were. `layout` places every actor once: networkx's
Fruchterman-Reingold spreads them evenly, then `_separate` pushes apart actors whose shape and
label (a box estimated from the label's length) overlap. `extend` places actors that appear
later (a correction that adds one, an actor without links shown again) beside those already
placed, without moving them; `article_layout` is the first layout of an article.

Positions are in vis-network's units (a label is 16 of them high); the drawing's side grows
with the square root of the number of actors (`SPACING` per root).

>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c"])
>>> pos = layout(G, seed=1)
>>> sorted(pos) == ["a", "b", "c"] and pos == layout(G, seed=1)
True
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import numpy as np

from actorgraph.graph import node_label

__all__ = ["layout", "extend", "article_layout", "Positions", "SPACING"]

Positions = dict[str, tuple[float, float]]

SPACING = 120.0  # the side of the drawing is this times the square root of the actors
_CHAR_WIDTH = 0.55  # a label's width per character, in label heights (sans-serif, average)
_LABEL_PX = 16  # the drawing's label height: actorgraph.render.LABEL_PX (a test checks)
_ITERATIONS = 300


def _halo(G: nx.Graph, n: object) -> float:
    """Half the width of the node's label, in drawing units: the room it needs."""
    return max(30.0, 0.5 * len(node_label(G, n)) * _CHAR_WIDTH * _LABEL_PX)


def layout(G: nx.Graph, *, seed: int = 0) -> Positions:
    """Positions of every node of ``G``; the same graph and seed give the same positions."""
    nodes = list(G)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    # Fruchterman-Reingold spreads the actors evenly; its unit box is scaled so that the
    # drawing's area grows with the number of actors, then overlapping labels are pushed apart
    # fewer rounds for big graphs: each costs n² (300 actors: 3.2 s at 300 rounds, 0.6 s at 50)
    rounds = max(50, min(_ITERATIONS, _ITERATIONS * 50 // len(nodes)))
    raw = nx.spring_layout(G, seed=seed, iterations=rounds, weight=None)
    xy = np.array([raw[n] for n in nodes], dtype=float)
    xy -= (xy.max(axis=0) + xy.min(axis=0)) / 2
    span = float(np.abs(xy).max()) or 1.0
    side = SPACING * math.sqrt(len(nodes))
    xy *= side / (2 * span)
    xy = _separate(xy, [_box(G, n) for n in nodes])
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, xy)}


def node_size(degree: int) -> float:
    """The radius of a node's shape in the drawing: larger for more links (render uses it)."""
    return round(min(12 + 6 * math.sqrt(degree), 45), 1)


def _box(G: nx.Graph, n: object) -> tuple[float, float, float]:
    """Half width, half height and downward offset of the box drawn for a node: its shape and
    the label below it."""
    size = 1.2 * node_size(G.degree(n))  # triangles and stars reach beyond their size
    label = 2.0 * _LABEL_PX  # the label and the gap above it
    return max(_halo(G, n), size) + 8.0, size + label / 2, label / 2


def _separate(xy: np.ndarray, boxes: list[tuple[float, float, float]],
              rounds: int = 200) -> np.ndarray:
    """Move apart nodes whose boxes (see `_box`) overlap, each pair along the axis where it
    overlaps least. A round costs n²: big graphs get fewer (300 actors: 22, about 0.4 s)."""
    n = len(xy)
    # nodes at the very same place are split by their order, so each push has a direction
    xy = xy + 1e-3 * np.arange(n, dtype=float)[:, None]
    half = np.array([b[:2] for b in boxes], dtype=float)
    below = np.array([[0.0, b[2]] for b in boxes], dtype=float)
    for _ in range(min(rounds, max(20, 2_000_000 // max(1, n * n)))):
        c = xy + below
        d = c[None, :, :] - c[:, None, :]  # d[i, j] = c[j] - c[i]
        over = half[:, None, :] + half[None, :, :] - np.abs(d)
        np.fill_diagonal(over[:, :, 0], 0.0)
        hit = (over[:, :, 0] > 0) & (over[:, :, 1] > 0)
        if not hit.any():
            break
        along_x = over[:, :, 0] < over[:, :, 1]
        sign = np.where(d >= 0, 1.0, -1.0)
        push = np.zeros_like(d)
        push[:, :, 0] = np.where(hit & along_x, (over[:, :, 0] / 2 + 0.5) * sign[:, :, 0], 0.0)
        push[:, :, 1] = np.where(hit & ~along_x, (over[:, :, 1] / 2 + 0.5) * sign[:, :, 1], 0.0)
        xy -= 0.5 * push.sum(axis=1)  # a node gives way to every box it overlaps, half each
    return xy


def extend(G: nx.Graph, known: Mapping[object, tuple[float, float]], *, seed: int = 0) -> Positions:
    """Positions of every node of ``G``: those in ``known`` stay where they are; a node with
    placed neighbours goes to the nearest free spot beside them, the others to a row below the
    drawing. Nodes of ``known`` that are not in ``G`` are left out."""
    pos: Positions = {n: (float(known[n][0]), float(known[n][1])) for n in G if n in known}
    if not pos:
        return layout(G, seed=seed)
    rng = np.random.default_rng(seed)
    loose = []
    for n in G:
        if n in pos:
            continue
        placed = [pos[m] for m in G[n] if m in pos]
        if not placed:
            loose.append(n)
            continue
        base = np.array(placed, dtype=float).mean(axis=0)
        start = rng.uniform(0, 2 * math.pi)
        for step in range(1, 400):  # the first free spot on a spiral around the neighbours
            angle = start + step * 2.4
            p = base + SPACING * (0.6 + 0.1 * step) * np.array([math.cos(angle), math.sin(angle)])
            if all(math.dist(p, q) >= 0.8 * SPACING for q in pos.values()):
                break
        pos[n] = (round(float(p[0]), 1), round(float(p[1]), 1))
    if loose:
        pts = np.array(list(pos.values()), dtype=float)
        left, right = float(pts[:, 0].min()), float(pts[:, 0].max())
        width = max(right - left, 4 * SPACING)
        x, y = left, float(pts[:, 1].max()) + SPACING
        for n in loose:  # left to right, wrapped to the drawing's width
            half = _halo(G, n)
            if x + 2 * half > left + width and x > left:
                x, y = left, y + 0.6 * SPACING
            pos[n] = (round(x + half, 1), round(y, 1))
            x += 2 * half + 0.3 * SPACING
    return pos


def article_layout(G: nx.Graph, *, seed: int = 0) -> Positions:
    """The first layout of an article's graph: its linked actors by `layout`, actors without
    any link in a row below them (they are hidden by default and would leave holes)."""
    linked = G.subgraph([n for n in G if G.degree(n) > 0])
    return extend(G, layout(linked, seed=seed), seed=seed)
