"""What the actor graph says as a whole: who is central, which blocs hold together, and whether
the alliances and hostilities are structurally balanced.

Signed edges are those whose ``relation`` is alliance (+1) or hostility (-1); other labels
(membership, talks…) count for degree and betweenness but not for blocs or balance.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_edge("iran", "hezbollah", relation="alliance", weight=2)
>>> G.add_edge("iran", "israel", relation="hostility", weight=1)
>>> G.add_edge("hezbollah", "israel", relation="hostility", weight=3)
>>> [t.kind for t in triads(G)]
['enemy of my enemy is my friend']
>>> balance_summary(G).ratio_balanced
1.0
"""
from __future__ import annotations

import copy
import functools
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

import networkx as nx

from actorgraph.graph import node_label
from actorgraph.model import ALLIANCE, HOSTILITY, WEAK_CONFIDENCE

__all__ = [
    "Analysis", "BalanceSummary", "Finding", "Findings", "Triad", "TRIAD_KINDS", "WEAK_CONFIDENCE",
    "balance_summary", "bloc_finding", "blocs", "central_finding", "centrality", "edge_confidence",
    "enemy_findings", "enemy_of_enemy", "findings", "sign", "signed_subgraph", "summarize",
    "triad_finding", "triads", "without_weak",
]

# number of hostile edges in a triangle → (generic reading, balanced?)
TRIAD_KINDS: dict[int, tuple[str, bool]] = {
    0: ("friend of my friend is my friend", True),
    1: ("friend of my friend is my enemy", False),
    2: ("enemy of my enemy is my friend", True),
    3: ("enemy of my enemy is my enemy", False),
}


class Triad(NamedTuple):
    """A triangle of signed edges.

    ``signs`` are those of the edges (nodes[0], nodes[1]), (nodes[1], nodes[2]) and
    (nodes[0], nodes[2]); ``kind`` is the generic reading from `TRIAD_KINDS`, ``description``
    says it with the actors' labels.
    """

    nodes: tuple[str, str, str]
    signs: tuple[int, int, int]
    balanced: bool
    kind: str
    description: str


@dataclass(frozen=True)
class BalanceSummary:
    """Counts of balanced and unbalanced triads; ``ratio_balanced`` is None without triads."""

    triads: int
    balanced: int
    unbalanced: int
    ratio_balanced: float | None
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Analysis:
    """Everything `summarize` computes, as plain picklable data."""

    nodes: int
    edges: int
    relation_counts: dict[str, int]
    centrality: dict[str, dict[str, float]]
    blocs: list[list[str]]
    triads: list[Triad]
    balance: BalanceSummary
    enemy_of_enemy: list[tuple[str, str, str]]


def sign(data: dict) -> int:
    """+1 for an alliance edge, -1 for hostility, 0 for any other label."""
    rel = data.get("relation")
    return 1 if rel == ALLIANCE else -1 if rel == HOSTILITY else 0


def signed_subgraph(G: nx.Graph, relation: str | None = None) -> nx.Graph:
    """A view of ``G`` keeping only alliance and hostility edges (or only ``relation``)."""
    wanted = {relation} if relation else {ALLIANCE, HOSTILITY}
    return nx.subgraph_view(G, filter_edge=lambda u, v: G.edges[u, v].get("relation") in wanted)


_T = TypeVar("_T")
_MEMO_ENTRIES = 32  # graphs remembered per function (per process)


def graph_key(G: nx.Graph) -> tuple:
    """What centrality and blocs depend on: the nodes in order and each edge's relation and weight."""
    return (tuple(G), tuple((u, v, d.get("relation"), d.get("weight")) for u, v, d in G.edges(data=True)))


def _once_per_graph(fn: Callable[[nx.Graph], _T]) -> Callable[[nx.Graph], _T]:
    """Memoise ``fn`` on ``graph_key``: the pages ask for the same graph on every rerun, and
    betweenness of a few thousand actors takes seconds. Callers get a copy to change freely."""
    memo: OrderedDict[tuple, _T] = OrderedDict()

    @functools.wraps(fn)
    def wrapper(G: nx.Graph) -> _T:
        key = graph_key(G)
        if key in memo:
            memo.move_to_end(key)
        else:
            memo[key] = fn(G)
            while len(memo) > _MEMO_ENTRIES:
                memo.popitem(last=False)
        return copy.deepcopy(memo[key])

    return wrapper


@_once_per_graph
def centrality(G: nx.Graph) -> dict[str, dict[str, float]]:
    """Per node: ``degree``, ``degree_centrality``, ``betweenness`` (normalised, unweighted),
    ``alliance_degree`` and ``hostility_degree``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", relation="alliance"); G.add_edge("b", "c", relation="hostility")
    >>> c = centrality(G)["b"]
    >>> c["degree"], c["alliance_degree"], c["hostility_degree"], c["betweenness"]
    (2, 1, 1, 1.0)
    """
    dc = nx.degree_centrality(G) if len(G) > 1 else {n: 0.0 for n in G}
    bc = nx.betweenness_centrality(G)
    out: dict[str, dict[str, float]] = {}
    for n in G:
        signs = [sign(d) for _, _, d in G.edges(n, data=True)]
        out[n] = {
            "degree": G.degree(n),
            "degree_centrality": dc[n],
            "betweenness": bc[n],
            "alliance_degree": signs.count(1),
            "hostility_degree": signs.count(-1),
        }
    return out


@_once_per_graph
def blocs(G: nx.Graph) -> list[list[str]]:
    """Alliance blocs: groups of two or more actors held together by alliance edges, with no
    hostility edge inside a group.

    Start from the connected components of the alliance edges. While a component holds a hostile
    pair, cut it between the two: remove a minimum set of alliance edges separating them, with
    each edge's ``weight`` (evidence count) as its capacity, so the links the text supports least
    go first. Repeat until no component holds a hostile pair.

    Returns the blocs largest first (then by their sorted ids), members sorted by id.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", relation="alliance", weight=3)
    >>> G.add_edge("b", "c", relation="alliance", weight=1)
    >>> G.add_edge("c", "d", relation="alliance", weight=3)
    >>> G.add_edge("a", "d", relation="hostility", weight=1)
    >>> blocs(G)
    [['a', 'b'], ['c', 'd']]
    """
    A = nx.Graph()
    for u, v, d in G.edges(data=True):
        if d.get("relation") == ALLIANCE:
            A.add_edge(u, v, capacity=max(float(d.get("weight", 1) or 1), 1e-6))
    hostile = [(u, v) for u, v, d in G.edges(data=True) if d.get("relation") == HOSTILITY]
    out: list[list[str]] = []
    pending = [set(c) for c in nx.connected_components(A)]
    while pending:
        comp = pending.pop()
        pair = next(((u, v) for u, v in hostile if u in comp and v in comp), None)
        if pair is None:
            if len(comp) > 1:
                out.append(sorted(comp, key=str))
            continue
        sub = A.subgraph(comp).copy()
        _, (side, _) = nx.minimum_cut(sub, pair[0], pair[1], capacity="capacity")
        cut = [(u, v) for u, v in sub.edges if (u in side) != (v in side)]
        sub.remove_edges_from(cut)
        pending.extend(set(c) for c in nx.connected_components(sub))
    out.sort(key=lambda b: (-len(b), [str(x) for x in b]))
    return out


def triads(G: nx.Graph) -> list[Triad]:
    """Every triangle whose three edges are signed, in node order of ``G``.

    A triad is balanced when the product of its signs is positive (classical structural
    balance: +++ and +--).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", relation="alliance"); G.add_edge("b", "c", relation="alliance")
    >>> G.add_edge("a", "c", relation="hostility")
    >>> t = triads(G)[0]
    >>> t.nodes, t.signs, t.balanced, t.kind
    (('a', 'b', 'c'), (1, 1, -1), False, 'friend of my friend is my enemy')
    """
    S = signed_subgraph(G)
    rank = {n: i for i, n in enumerate(G)}
    out: list[Triad] = []
    for a in G:
        later = [b for b in S[a] if rank[b] > rank[a]]
        for b in sorted(later, key=rank.__getitem__):
            for c in sorted((set(S[a]) & set(S[b])), key=rank.__getitem__):
                if rank[c] <= rank[b]:
                    continue
                signs = (sign(S.edges[a, b]), sign(S.edges[b, c]), sign(S.edges[a, c]))
                kind, balanced = TRIAD_KINDS[signs.count(-1)]
                out.append(Triad((a, b, c), signs, balanced, kind, _describe(G, (a, b, c), signs)))
    return out


def _describe(G: nx.Graph, nodes: tuple[str, str, str], signs: tuple[int, int, int]) -> str:
    a, b, c = (node_label(G, n) for n in nodes)
    pairs = {(0, 1): signs[0], (1, 2): signs[1], (0, 2): signs[2]}
    neg = signs.count(-1)
    names = (a, b, c)
    if neg == 0:
        return f"{a}, {b} and {c} are all allies"
    if neg == 3:
        return f"{a}, {b} and {c} are all hostile to one another"
    # the odd one out: the node not on the edge whose sign is in the minority
    odd_sign = -1 if neg == 1 else 1
    (i, j) = next(p for p, s in pairs.items() if s == odd_sign)
    k = ({0, 1, 2} - {i, j}).pop()
    if neg == 1:  # i–j hostile, both allied with k
        return f"{names[i]} and {names[j]} are both allied with {names[k]} but hostile to each other"
    return f"{names[i]} and {names[j]} are allies against their common enemy {names[k]}"


def balance_summary(G: nx.Graph) -> BalanceSummary:
    """How many signed triads are balanced.

    Examples
    --------
    >>> G = nx.Graph()
    >>> balance_summary(G)
    BalanceSummary(triads=0, balanced=0, unbalanced=0, ratio_balanced=None, by_kind={})
    """
    ts = triads(G)
    return _summary(ts)


def _summary(ts: list[Triad]) -> BalanceSummary:
    ok = sum(t.balanced for t in ts)
    by_kind: dict[str, int] = {}
    for t in ts:
        by_kind[t.kind] = by_kind.get(t.kind, 0) + 1
    return BalanceSummary(len(ts), ok, len(ts) - ok, ok / len(ts) if ts else None, by_kind)


def enemy_of_enemy(G: nx.Graph, related: nx.Graph | None = None) -> list[tuple[str, str, str]]:
    """``(a, b, common_enemy)`` for actors hostile to the same enemy with no edge between them,
    neither in ``G`` nor in ``related`` (the whole article's graph, when ``G`` is a filtered part
    of it): candidates for an alliance the text does not state. One row per common enemy; ``a``
    precedes ``b`` in node order of ``G``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("turkey", "pkk", relation="hostility")
    >>> G.add_edge("isis", "pkk", relation="hostility")
    >>> enemy_of_enemy(G)
    [('turkey', 'isis', 'pkk')]
    """
    rank = {n: i for i, n in enumerate(G)}
    H = signed_subgraph(G, HOSTILITY)
    out: list[tuple[str, str, str]] = []
    for enemy in G:
        foes = sorted(H[enemy], key=rank.__getitem__)
        for i, a in enumerate(foes):
            for b in foes[i + 1:]:
                if not G.has_edge(a, b) and not (related is not None and related.has_edge(a, b)):
                    out.append((a, b, enemy))
    out.sort(key=lambda t: (rank[t[0]], rank[t[1]], rank[t[2]]))
    return out


def summarize(G: nx.Graph, related: nx.Graph | None = None) -> Analysis:
    """All of the above in one `Analysis` (``related``: see `enemy_of_enemy`).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", relation="alliance")
    >>> s = summarize(G)
    >>> s.nodes, s.edges, s.relation_counts, s.blocs
    (2, 1, {'alliance': 1}, [['a', 'b']])
    """
    counts: dict[str, int] = {}
    for _, _, rel in G.edges(data="relation"):
        counts[str(rel)] = counts.get(str(rel), 0) + 1
    ts = triads(G)
    return Analysis(
        nodes=G.number_of_nodes(), edges=G.number_of_edges(), relation_counts=counts,
        centrality=centrality(G), blocs=blocs(G), triads=ts, balance=_summary(ts),
        enemy_of_enemy=enemy_of_enemy(G, related),
    )


# --- findings: what each result rests on, and how sure the text is of it ------------------------

def edge_confidence(data: dict) -> float:
    """An edge's ``confidence``; an edge without one (a hand-made graph) counts as certain."""
    c = data.get("confidence")
    return 1.0 if c is None else float(c)


def without_weak(G: nx.Graph, threshold: float = WEAK_CONFIDENCE) -> nx.Graph:
    """A copy of ``G`` without the edges whose confidence is below ``threshold``; every node stays.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", relation="alliance", confidence=0.9)
    >>> G.add_edge("b", "c", relation="alliance", confidence=0.4)
    >>> H = without_weak(G)
    >>> sorted(H.edges), sorted(H)
    ([('a', 'b')], ['a', 'b', 'c'])
    """
    H = G.copy()
    H.remove_edges_from([(u, v) for u, v, d in G.edges(data=True)
                         if edge_confidence(d) < threshold])
    return H


@dataclass(frozen=True)
class Finding:
    """One result and what it rests on: the ``edges`` (pairs of node ids) it needs, and
    ``confidence``, that of the weakest claim it cannot do without (see each ``*_finding``)."""

    actors: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    confidence: float

    def is_weak(self, threshold: float = WEAK_CONFIDENCE) -> bool:
        return self.confidence < threshold


def _conf(G: nx.Graph, u: str, v: str) -> float:
    return edge_confidence(G.edges[u, v])


def bloc_finding(G: nx.Graph, bloc: list[str]) -> Finding:
    """A bloc rests on the alliance edges among its members; its confidence is the largest ``c``
    such that the alliances of confidence ``c`` or more still hold every member in (the weakest
    edge of a maximum spanning tree): one member tied in by a weak claim only makes it weak.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", relation="alliance", confidence=0.9)
    >>> G.add_edge("b", "c", relation="alliance", confidence=0.4)
    >>> G.add_edge("a", "c", relation="alliance", confidence=0.7)
    >>> f = bloc_finding(G, ["a", "b", "c"])
    >>> f.confidence, len(f.edges)
    (0.7, 3)
    """
    members = set(bloc)
    edges = tuple((u, v) for u, v, d in G.edges(data=True)
                  if u in members and v in members and d.get("relation") == ALLIANCE)
    A = nx.Graph()
    A.add_nodes_from(members)
    A.add_weighted_edges_from((u, v, _conf(G, u, v)) for u, v in edges)
    if len(members) < 2 or not nx.is_connected(A):
        return Finding(tuple(bloc), edges, 0.0)
    tree = nx.maximum_spanning_tree(A)
    return Finding(tuple(bloc), edges, min(w for _, _, w in tree.edges(data="weight")))


def triad_finding(G: nx.Graph, t: Triad) -> Finding:
    """A triad rests on its three edges and is as sure as the weakest of them."""
    a, b, c = t.nodes
    edges = ((a, b), (b, c), (a, c))
    return Finding(t.nodes, edges, min(_conf(G, u, v) for u, v in edges))


def enemy_findings(G: nx.Graph, rows: list[tuple[str, str, str]]) -> list[Finding]:
    """One finding per pair of `enemy_of_enemy` rows: ``actors`` is ``(a, b, *common enemies)``,
    ``edges`` the hostilities towards those enemies; the pair is as sure as its best common enemy
    (the weaker of the two hostilities towards it). Pairs keep the order of ``rows``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "x", relation="hostility", confidence=0.9)
    >>> G.add_edge("b", "x", relation="hostility", confidence=0.6)
    >>> [(f.actors, f.confidence) for f in enemy_findings(G, enemy_of_enemy(G))]
    [(('a', 'b', 'x'), 0.6)]
    """
    pairs: dict[tuple[str, str], list[str]] = {}
    for a, b, enemy in rows:
        pairs.setdefault((a, b), []).append(enemy)
    out = []
    for (a, b), enemies in pairs.items():
        edges = tuple(e for x in enemies for e in ((a, x), (b, x)))
        conf = max(min(_conf(G, a, x), _conf(G, b, x)) for x in enemies)
        out.append(Finding((a, b, *enemies), edges, conf))
    return out


def central_finding(G: nx.Graph, n: str) -> Finding:
    """An actor's centrality rests on its links; it rests on weak claims only when every link is
    weak, so its confidence is that of its strongest link (0 without links)."""
    edges = tuple((n, m) for m in G[n])
    return Finding((n,), edges, max((_conf(G, n, m) for _, m in edges), default=0.0))


@dataclass(frozen=True)
class Findings:
    """The Analysis page's results with what each rests on.

    ``analysis`` is computed on ``graph``: the graph given, or (``include_weak`` False) a copy
    without its weak edges, so that no finding rests on a weak claim. ``weak_edges`` counts the
    edges of the graph given below ``threshold``.
    """

    graph: nx.Graph
    analysis: Analysis
    blocs: list[Finding]
    triads: list[Finding]
    central: dict[str, Finding]
    enemy_pairs: list[Finding]
    threshold: float
    include_weak: bool
    weak_edges: int


def findings(G: nx.Graph, whole: nx.Graph | None = None, *, include_weak: bool = False,
             threshold: float = WEAK_CONFIDENCE) -> Findings:
    """Everything `summarize` finds in ``G``, each result with its `Finding`.

    Without ``include_weak``, edges weaker than ``threshold`` are left out first: a bloc, triad
    or central actor held only by weak claims is not found at all. "Enemy of my enemy" pairs are
    those no edge joins in ``G`` (weak ones included) nor in ``whole``, the article's whole
    graph when ``G`` is a filtered part of it.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", relation="alliance", confidence=0.9)
    >>> G.add_edge("b", "c", relation="alliance", confidence=0.4)
    >>> findings(G).analysis.blocs, findings(G, include_weak=True).analysis.blocs
    ([['a', 'b']], [['a', 'b', 'c']])
    """
    weak = sum(edge_confidence(d) < threshold for _, _, d in G.edges(data=True))
    A = G if include_weak or not weak else without_weak(G, threshold)
    related = nx.compose(whole, G) if whole is not None else G
    result = summarize(A, related)
    return Findings(
        graph=A, analysis=result,
        blocs=[bloc_finding(A, b) for b in result.blocs],
        triads=[triad_finding(A, t) for t in result.triads],
        central={n: central_finding(A, n) for n in A},
        enemy_pairs=enemy_findings(A, result.enemy_of_enemy),
        threshold=threshold, include_weak=include_weak, weak_edges=weak,
    )
