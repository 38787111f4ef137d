"""positions.py: one layout of the whole graph, actors apart, new actors placed without moving
the others."""
from __future__ import annotations

import doctest
import math

import networkx as nx

import actorgraph.positions
from actorgraph.positions import SPACING, article_layout, extend, layout


def _graph() -> nx.Graph:
    G = nx.Graph()
    names = ["Iran", "Iraqi militias", "Syrian government", "Turkey", "Syrian rebels",
             "Hayat Tahrir al-Sham", "Russia", "United States", "Kurdish-led forces", "Hezbollah"]
    for i, name in enumerate(names):
        G.add_node(f"n{i}", label=name)
    G.add_edges_from([("n0", "n1"), ("n0", "n2"), ("n1", "n2"), ("n3", "n4"), ("n4", "n2"),
                      ("n5", "n4"), ("n6", "n2"), ("n7", "n8"), ("n8", "n3"), ("n9", "n0")])
    G.add_node("lonely", label="A group without links")
    return G


def test_positions_same_graph_same_layout_and_every_node_placed():
    G = _graph()
    pos = layout(G, seed=3)
    assert set(pos) == set(G) and pos == layout(G, seed=3)
    assert pos != layout(G, seed=4)  # "Re-lay out" gives another picture
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())


def test_positions_labels_do_not_pile_up():
    G = _graph()
    pos = layout(G)
    for a in G:
        for b in G:
            if a < b:  # every pair is apart by at least a label's height or most of its width
                dx, dy = abs(pos[a][0] - pos[b][0]), abs(pos[a][1] - pos[b][1])
                assert dx >= 40 or dy >= 40, (a, b, pos[a], pos[b])


def test_positions_extent_grows_with_the_actors():
    small = nx.path_graph([f"a{i}" for i in range(5)])
    big = nx.path_graph([f"a{i}" for i in range(40)])
    for H in (small, big):
        nx.set_node_attributes(H, {n: n for n in H}, "label")

    def extent(p):
        xs, ys = [x for x, _ in p.values()], [y for _, y in p.values()]
        return max(max(xs) - min(xs), max(ys) - min(ys))

    assert extent(layout(small)) < extent(layout(big)) <= 3 * SPACING * math.sqrt(40)


def test_positions_extend_keeps_known_places_and_places_the_new():
    G = _graph()
    known = layout(G)
    G.add_node("new", label="New actor")
    G.add_edge("new", "n0")
    G.add_node("loose", label="Loose")
    pos = extend(G, known)
    assert all(pos[n] == known[n] for n in known)  # nothing moved
    assert set(pos) == set(G)
    # the new one beside its neighbour, apart from everyone; the loose one below the drawing
    assert math.dist(pos["new"], pos["n0"]) < 4 * SPACING
    assert min(math.dist(pos["new"], q) for n, q in known.items()) >= 0.8 * SPACING - 1e-6
    assert pos["loose"][1] > max(y for _, y in known.values())
    # nodes no longer in the graph are left out
    G.remove_node("n9")
    assert "n9" not in extend(G, known)


def test_positions_article_layout_puts_actors_without_links_below():
    G = _graph()
    pos = article_layout(G)
    linked_bottom = max(pos[n][1] for n in G if G.degree(n) > 0)
    assert pos["lonely"][1] > linked_bottom
    assert article_layout(nx.Graph()) == {} and list(layout(nx.empty_graph(["x"]))) == ["x"]


def test_positions_doctests():
    result = doctest.testmod(actorgraph.positions)
    assert result.failed == 0 and result.attempted > 0


def test_positions_label_size_is_the_drawings():
    from actorgraph.render import LABEL_PX

    assert actorgraph.positions._LABEL_PX == LABEL_PX
