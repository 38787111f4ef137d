"""The actor graph: one NetworkX node per actor, one edge per pair of actors the article links.

`build_graph` turns an `Extraction` into an undirected ``nx.Graph``; the filters return new graphs
and never change the one they are given.

Node attributes
    ``id``, ``label``, ``type``, ``country`` (alpha-3, ``"INT"`` or ``""``), ``country_name``,
    ``mentions`` (list of surface strings), ``mention_count``, ``kb_id`` (str or None), ``source``.

Edge attributes
    ``relation``      the one label decided from all claims of the pair (see `decide_relation`)
    ``claims``        every claim, in article order: dicts with relation, source, target, directed,
                      confidence, sentence, sentence_index, cue, cue_start (offset of the cue in
                      the sentence, -1 when not known), rule, cameo, quad
    ``evidence``      the distinct evidence sentences, in article order
    ``weight``        how many distinct evidence sentences there are
    ``confidence``    ``1 - prod(1 - c)`` over the claims of the winning label, 3 decimals
    ``cameo``         CAMEO root (two digits) of the strongest claim of the winning label whose cue the
                      CAMEO dictionary codes, ``""`` when none does
    ``quad``          quad class of the strongest claim of the winning label that has one
                      (verbal/material cooperation/conflict), ``""`` when none has
    ``conflicting``   True when the pair has both alliance and hostility claims
    ``directed``      True when the directed claims of the winning label all point the same way;
                      then ``from``/``to`` hold the actor ids (e.g. Iran backs militias:
                      from="iran", to="militias"); otherwise both are None.

Edges carry no ``type``, ``label`` or ``sign`` keys on purpose: the evaluation script reads the
first of those it finds when ``relation`` is not a signed label.

Examples
--------
>>> from actorgraph.model import Actor, Article, Evidence, Extraction, Relation
>>> ev = Evidence("Iran backs the militias.", 0, 0, 24, cue="backs")
>>> ex = Extraction(Article("Iran backs the militias."),
...     actors=(Actor("iran", "Iran", "state", "IRN", ("Iran",)),
...             Actor("militias", "militias", "militia", "IRQ", ("militias",))),
...     relations=(Relation("iran", "militias", "alliance", 0.8, ev, directed=True),))
>>> G = build_graph(ex)
>>> e = G.edges["iran", "militias"]
>>> e["relation"], e["confidence"], e["directed"], e["from"], e["to"]
('alliance', 0.8, True, 'iran', 'militias')
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from actorgraph.kb import country_name
from actorgraph.model import ALLIANCE, HOSTILITY, RELATION_TYPES, Extraction

USER_RULE = "user"  # the rule of a claim the user made (actorgraph/corrections.py)
USER_ORIGIN = "user"  # ``origin`` of the edges and claims a user's correction made or changed

__all__ = ["build_graph", "decide_relation", "aggregate_claims", "filter_graph", "countries_present",
           "UNKNOWN_COUNTRY"]

UNKNOWN_COUNTRY = ""  # the country code of actors whose country is not known


def node_label(G: nx.Graph, n: object) -> str:
    """An actor's display name: its label, else its id."""
    return str(G.nodes[n].get("label") or n)


def build_graph(extraction: Extraction) -> nx.Graph:
    """Build the actor graph of one extraction.

    Parameters
    ----------
    extraction : Extraction
        Actors and relations found in one article.

    Returns
    -------
    nx.Graph
        Nodes keyed by actor id in the order of ``extraction.actors``; edges in the order of
        their first claim. ``G.graph`` holds ``title`` and ``source`` of the article.
        Relations whose endpoints are not actors, and self-loops, are skipped. When two actors
        share an id, the first one is kept.
    """
    G = nx.Graph()
    G.graph["title"] = extraction.article.title
    G.graph["source"] = extraction.article.source
    for a in extraction.actors:
        if a.id in G:
            continue
        G.add_node(
            a.id, id=a.id, label=a.label, type=a.type, country=a.country or UNKNOWN_COUNTRY,
            country_name=country_name(a.country or ""), mentions=list(a.mentions),
            mention_count=len(a.spans) if a.spans else len(a.mentions),
            kb_id=a.kb_id, source=a.source,
        )
        if a.corrections:  # the user's corrections of this actor (actorgraph/corrections.py)
            G.nodes[a.id]["corrections"] = list(a.corrections)
    claims: dict[frozenset[str], list[dict]] = {}
    for r in extraction.relations:
        if r.source == r.target or r.source not in G or r.target not in G:
            continue
        ev = r.evidence
        claim = {
            "relation": r.relation, "source": r.source, "target": r.target,
            "directed": bool(r.directed), "confidence": float(r.confidence),
            "sentence": ev.sentence, "sentence_index": ev.sentence_index,
            "cue": ev.cue, "cue_start": ev.cue_start, "rule": ev.rule, "cameo": r.cameo,
            "quad": r.quad,
        }
        if r.correction:  # made or moved by the user's correction: say so
            claim["origin"] = USER_ORIGIN
            claim["correction"] = r.correction
        claims.setdefault(frozenset((r.source, r.target)), []).append(claim)
    for pair, cs in claims.items():
        # article order; a stable sort keeps extraction order inside one sentence
        cs.sort(key=lambda c: c["sentence_index"])
        u, v = cs[0]["source"], cs[0]["target"]
        G.add_edge(u, v, **aggregate_claims(cs))
    G.graph["notices"] = list(extraction.notices)
    _cap_actors(G, MAX_ACTORS)
    return G


# Actors kept in one graph: beyond a few hundred the picture cannot be read, and drawing
# and centrality grow faster than the count (6,831 actors: a 5.5 MB page).
MAX_ACTORS = 300


def _cap_actors(G: nx.Graph, cap: int) -> None:
    """Keep the ``cap`` most connected actors (then most mentioned, then first found)."""
    n = G.number_of_nodes()
    if n <= cap:
        return
    order = {node: i for i, node in enumerate(G)}
    ranked = sorted(G, key=lambda a: (-G.degree(a), -G.nodes[a].get("mention_count", 0), order[a]))
    G.remove_nodes_from(ranked[cap:])
    G.graph["notices"].append(
        f"Only the {cap:,} most connected actors of {n:,} are shown and analysed; "
        f"{n - cap:,} are hidden."
    )


def decide_relation(claims: Iterable[dict]) -> str:
    """The one label of a pair, from its claims (dicts with ``relation`` and ``confidence``).

    Confidences are summed per label. A signed label (alliance, hostility) beats every other
    label; between alliance and hostility the larger total wins, a tie goes to the label of the
    single most confident claim, then to hostility. Without signed claims the label with the
    largest total wins (ties: the most confident single claim, then the order of
    ``RELATION_TYPES``).

    Examples
    --------
    >>> decide_relation([{"relation": "hostility", "confidence": 0.5},
    ...                  {"relation": "hostility", "confidence": 0.4},
    ...                  {"relation": "alliance", "confidence": 0.8}])
    'hostility'
    >>> decide_relation([{"relation": "talks", "confidence": 0.9},
    ...                  {"relation": "alliance", "confidence": 0.3}])
    'alliance'
    """
    total: dict[str, float] = defaultdict(float)
    best: dict[str, float] = defaultdict(float)
    for c in claims:
        conf = _clamp(c["confidence"])
        total[c["relation"]] += conf
        best[c["relation"]] = max(best[c["relation"]], conf)
    if not total:
        raise ValueError("decide_relation needs at least one claim")
    signed = [lab for lab in (HOSTILITY, ALLIANCE) if lab in total]  # hostility first: wins ties
    candidates = signed or list(total)

    def order(lab: str) -> int:
        return RELATION_TYPES.index(lab) if lab in RELATION_TYPES else len(RELATION_TYPES)

    # round so that 0.1 + 0.2 and 0.3 tie as a reader would expect
    return min(candidates, key=lambda lab: (-round(total[lab], 9), -best[lab],
                                            0 if lab == HOSTILITY else 1, order(lab), lab))


def aggregate_claims(claims: list[dict]) -> dict:
    """Edge attributes of one pair from its claims (already in article order).

    A claim the user made (``rule == "user"``, see `actorgraph.corrections`) decides the label;
    its note is the first evidence item and the edge gets ``origin: "user"`` and
    ``corrections`` (the notes of every correction behind its claims). ``weight`` and
    ``conflicting`` count the article's own claims only.
    """
    by_user = [c for c in claims if c.get("rule") == USER_RULE]
    relation = by_user[-1]["relation"] if by_user else decide_relation(claims)
    text_claims = [c for c in claims if c.get("rule") != USER_RULE]
    winning = [c for c in claims if c["relation"] == relation]
    keep = 1.0
    for c in winning:
        keep *= 1.0 - _clamp(c["confidence"])
    evidence: list[str] = []
    seen: set[str] = set()
    for c in (*by_user, *text_claims):
        if c["sentence"] not in seen:
            seen.add(c["sentence"])
            evidence.append(c["sentence"])
    directions = {(c["source"], c["target"]) for c in winning if c["directed"]}
    directed = len(directions) == 1
    frm, to = next(iter(directions)) if directed else (None, None)
    labels = {c["relation"] for c in text_claims}
    # the strongest claims of the winning label say what kind of event the edge is
    ranked = sorted(winning, key=lambda c: -_clamp(c["confidence"]))
    quad = next((c.get("quad") for c in ranked if c.get("quad")), "")
    cameo = next((c.get("cameo") for c in ranked if c.get("cameo") and c.get("quad") == quad), "")
    weight = len(evidence) - len({c["sentence"] for c in by_user})  # the article's sentences
    marks = _user_marks(claims, evidence)
    return {
        "relation": relation,
        "cameo": cameo,
        "quad": quad,
        "confidence": round(1.0 - keep, 3),
        "conflicting": ALLIANCE in labels and HOSTILITY in labels,
        "weight": weight,
        "directed": directed,
        "from": frm,
        "to": to,
        "evidence": evidence,
        "claims": claims,
        **marks,
    }


def _user_marks(claims: list[dict], evidence: list[str]) -> dict:
    """``origin`` and ``corrections`` of an edge some correction made or changed (else none);
    the note of a merge that moved claims onto the edge is added to its evidence."""
    notes: list[str] = []
    for c in claims:
        for note in str(c.get("correction") or "").split("; "):
            if note and note not in notes:
                notes.append(note)
    if not notes:
        return {}
    evidence.extend(n for n in notes if n not in evidence)
    return {"origin": USER_ORIGIN, "corrections": notes}


def _clamp(x: float) -> float:
    x = float(x)
    if math.isnan(x):
        return 0.0
    return min(1.0, max(0.0, x))


def _matches(data: dict, needle: str) -> bool:
    if needle in str(data.get("label", "")).casefold():
        return True
    return any(needle in str(m).casefold() for m in data.get("mentions") or ())


def filter_graph(
    G: nx.Graph,
    *,
    countries: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    min_evidence: int = 1,
    hide_isolated: bool = False,
    focus: str | None = None,
    depth: int = 1,
    search: str | None = None,
    partners: bool = False,
    min_confidence: float = 0.0,
) -> nx.Graph:
    """A new graph holding the part of ``G`` the filters keep; ``G`` is not changed.

    The filters apply in this order:

    1. ``types`` keeps nodes; ``relations``, ``min_evidence`` (edge ``weight`` >= n) and
       ``min_confidence`` (edge ``confidence`` >= c) keep edges among them;
    2. ``countries`` (codes; ``""`` selects actors of unknown country) keeps those countries'
       actors; with ``partners`` also their direct partners over the remaining edges (whom they
       back and fight), each marked ``partner=True`` in the result (other nodes get False);
    3. ``search`` (case-insensitive substring of the label or of any mention) keeps the matching
       nodes and their direct neighbours over the remaining edges (with the edges among them);
       a blank search is ignored;
    4. ``focus`` keeps the neighbourhood of that node to ``depth`` hops over the remaining edges
       (``depth=0``: the node alone); when the focus node did not survive steps 1–3 the result is
       empty;
    5. ``hide_isolated`` drops nodes left without edges (the focus node stays).

    ``None`` means "no filter". Node and edge attribute dicts are copied; the values in them
    (lists of mentions, claims) are shared with ``G``, as with ``G.subgraph(...).copy()``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("a", label="A", type="state", country="IRN", mentions=["A"])
    >>> G.add_node("b", label="B", type="militia", country="IRQ", mentions=["B"])
    >>> G.add_node("c", label="C", type="state", country="IRN", mentions=["C"])
    >>> G.add_edge("a", "b", relation="alliance", weight=2)
    >>> G.add_edge("a", "c", relation="hostility", weight=1)
    >>> sorted(filter_graph(G, countries={"IRN"}).edges)
    [('a', 'c')]
    >>> H = filter_graph(G, countries={"IRQ"}, partners=True)
    >>> sorted(H.edges), H.nodes["a"]["partner"], H.nodes["b"]["partner"]
    ([('a', 'b')], True, False)
    >>> sorted(filter_graph(G, min_evidence=2, hide_isolated=True))
    ['a', 'b']
    """
    nodes = set(G)
    if types is not None:
        wanted = set(types)
        nodes = {n for n in nodes if G.nodes[n].get("type") in wanted}
    rels = set(relations) if relations is not None else None
    edges = {
        (u, v) for u, v, d in G.edges(data=True)
        if u in nodes and v in nodes
        and (rels is None or d.get("relation") in rels)
        and d.get("weight", 1) >= min_evidence
        and float(d.get("confidence", 1.0) or 0.0) >= min_confidence
    }
    adj: dict = {n: set() for n in nodes}
    for u, v in edges:
        adj[u].add(v)
        adj[v].add(u)
    core: set | None = None
    if countries is not None:
        wanted = set(countries)
        core = {n for n in nodes if (G.nodes[n].get("country") or UNKNOWN_COUNTRY) in wanted}
        nodes = core.union(*(adj[n] for n in core)) if partners else core
        edges = {(u, v) for u, v in edges if u in nodes and v in nodes}
        adj = {n: {m for m in adj[n] if m in nodes} for n in nodes}
    needle = (search or "").strip().casefold()
    if needle:
        hits = {n for n in nodes if _matches(G.nodes[n], needle)}
        nodes = hits.union(*(adj[n] for n in hits))
    if focus is not None:
        if focus not in nodes:
            nodes = set()
        else:
            seen, frontier = {focus}, {focus}
            for _ in range(max(0, depth)):
                frontier = {m for n in frontier for m in adj[n] if m in nodes} - seen
                if not frontier:
                    break
                seen |= frontier
            nodes = seen
    edges = {(u, v) for u, v in edges if u in nodes and v in nodes}
    if hide_isolated:
        linked = {n for e in edges for n in e}
        nodes = {n for n in nodes if n in linked or n == focus}
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True) if n in nodes)
    if core is not None and partners:
        for n in H:
            H.nodes[n]["partner"] = n not in core
    H.add_edges_from((u, v, dict(d)) for u, v, d in G.edges(data=True) if (u, v) in edges)
    return H


def countries_present(G: nx.Graph) -> list[tuple[str, str, int]]:
    """``(code, name, number of actors)`` for each country in ``G``, most actors first, then by name.

    Actors of unknown country count under code ``""``, named "Unknown".

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("a", {"country": "IRN"}), ("b", {"country": "TUR"}),
    ...                   ("c", {"country": "TUR"}), ("d", {"country": ""})])
    >>> countries_present(G)
    [('TUR', 'Turkey', 2), ('IRN', 'Iran', 1), ('', 'Unknown', 1)]
    """
    counts: dict[str, int] = defaultdict(int)
    for _, code in G.nodes(data="country"):
        counts[code or UNKNOWN_COUNTRY] += 1
    rows = [(code, country_name(code) or "Unknown", n) for code, n in counts.items()]
    rows.sort(key=lambda r: (-r[2], r[1].casefold(), r[0]))
    return rows
