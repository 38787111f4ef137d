"""Many stored articles → one actor graph over time.

`build_corpus_graph` is a pure function over the rows the store returns; `corpus_graph` reads
them from a store. Nodes are the merged actors; each edge aggregates the claims of its pair over
every article (with `graph.aggregate_claims`, as for one article) and adds:

``articles``      how many articles hold a claim of the edge's winning relation
``first_seen``    ISO date of the earliest dated article with a claim of the pair (None if undated)
``last_seen``     the latest such date
``history``       per month ``{"month": "YYYY-MM", "alliance": n, "hostility": m}`` (dated claims)
``evidence``      ``{"sentence", "article": {"id", "title", "date"}}``, one per article and sentence

Nodes add ``articles`` (how many articles mention them); ``G.graph["articles"]`` is how many
articles the graph covers. The result does not depend on the order the articles were stored in.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from .graph import aggregate_claims, filter_graph
from .kb import country_name
from .model import ALLIANCE, HOSTILITY
from .store import Store, StoredArticle

__all__ = ["build_corpus_graph", "corpus_graph", "article_graph", "pair_history"]

_FAR_FUTURE = dt.date.max


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _article_ref(a: StoredArticle) -> dict:
    return {"id": a.id, "title": a.title, "date": _iso(a.date)}


def _order(a: StoredArticle) -> tuple:
    return (a.date or _FAR_FUTURE, a.id)  # oldest first, undated last; the id breaks ties


def _claim_dict(c: dict, a: StoredArticle, source: str, target: str) -> dict:
    return {
        "relation": c["relation"], "source": source, "target": target,
        "directed": bool(c["directed"]), "confidence": float(c["confidence"]),
        "sentence": c["sentence"], "sentence_index": c["sentence_index"],
        "cue": c["cue"], "rule": c["rule"], "article_id": a.id, "date": _iso(a.date),
    }


def build_corpus_graph(articles: Iterable[StoredArticle], actors: Iterable[dict],
                       claims: Iterable[dict], *, countries: Iterable[str] | None = None) -> nx.Graph:
    """The merged graph of ``articles`` from their actor rows and claim rows (see the module)."""
    arts = {a.id: a for a in articles}
    G = nx.Graph()
    G.graph["title"] = "Corpus"
    G.graph["source"] = "store"
    dates = sorted(a.date for a in arts.values() if a.date)
    G.graph["since"] = _iso(dates[0]) if dates else None
    G.graph["until"] = _iso(dates[-1]) if dates else None

    labels: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, Counter] = defaultdict(Counter)
    info: dict[str, dict] = {}
    mentions: dict[str, dict[str, tuple]] = defaultdict(dict)
    in_articles: dict[str, set[str]] = defaultdict(set)
    counts: Counter = Counter()
    rows = sorted((r for r in actors if r["article_id"] in arts),
                  key=lambda r: (_order(arts[r["article_id"]]), r["seq"]))
    for r in rows:
        gid = r["actor_id"]
        labels[gid][r["label"]] += 1
        types[gid][r["type"]] += 1
        in_articles[gid].add(r["article_id"])
        counts[gid] += int(r["mention_count"])
        first = info.setdefault(gid, {"country": r["country"], "kb_id": r["kb_id"], "source": r["source"]})
        if r["source"] == "kb" and first["source"] != "kb":
            first.update(kb_id=r["kb_id"], source="kb")
        for m in r["mentions"]:
            mentions[gid].setdefault(m, None)

    def most_common(c: Counter) -> str:
        return min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    for gid in sorted(info, key=lambda g: (min(_order(arts[i]) for i in in_articles[g]), g)):
        d = info[gid]
        G.add_node(gid, id=gid, label=most_common(labels[gid]), type=most_common(types[gid]),
                   country=d["country"], country_name=country_name(d["country"]),
                   mentions=list(mentions[gid]), mention_count=counts[gid], kb_id=d["kb_id"],
                   source=d["source"], articles=len(in_articles[gid]))

    pairs: dict[frozenset, list[tuple]] = defaultdict(list)
    for c in claims:
        a = arts.get(c["article_id"])
        s, t = c["source_id"], c["target_id"]
        if a is None or s == t or s not in G or t not in G:
            continue
        pairs[frozenset((s, t))].append((_order(a), c["sentence_index"], c["seq"], c, a))
    for pair, items in sorted(pairs.items(), key=lambda kv: (min(kv[1], key=_key)[:3], sorted(kv[0]))):
        items.sort(key=_key)
        cs = [_claim_dict(c, a, c["source_id"], c["target_id"]) for *_, c, a in items]
        attrs = aggregate_claims(cs)
        evidence, seen = [], set()
        for *_, c, a in items:
            if (a.id, c["sentence"]) not in seen:
                seen.add((a.id, c["sentence"]))
                evidence.append({"sentence": c["sentence"], "article": _article_ref(a)})
        supporting = {a.id for *_, c, a in items if c["relation"] == attrs["relation"]}
        pair_dates = sorted(a.date for *_, a in items if a.date)
        attrs.update(evidence=evidence, weight=len(evidence), articles=len(supporting),
                     first_seen=_iso(pair_dates[0]) if pair_dates else None,
                     last_seen=_iso(pair_dates[-1]) if pair_dates else None,
                     history=_history(items))
        u, v = cs[0]["source"], cs[0]["target"]
        G.add_edge(u, v, **attrs)

    if countries is not None:
        G = filter_graph(G, countries=countries)
    covered = {i for n in G for i in in_articles[n]}
    G.graph["articles"] = len(covered) if countries is not None else len(arts)
    return G


def _key(item: tuple) -> tuple:
    return item[:3] + (item[4].id,)


def _history(items: list[tuple]) -> list[dict]:
    months: dict[str, Counter] = defaultdict(Counter)
    for *_, c, a in items:
        if a.date:
            months[a.date.strftime("%Y-%m")][c["relation"]] += 1
    return [{"month": m, ALLIANCE: n[ALLIANCE], HOSTILITY: n[HOSTILITY]} for m, n in sorted(months.items())]


def pair_history(G: nx.Graph, u: str, v: str) -> list[dict]:
    """One row per dated claim of the pair: month, date, relation, sentence, article title."""
    if not G.has_edge(u, v):
        return []
    titles = {e["article"]["id"]: e["article"]["title"] for e in G.edges[u, v]["evidence"]}
    return [{"month": c["date"][:7], "date": c["date"], "relation": c["relation"],
             "sentence": c["sentence"], "article_id": c["article_id"],
             "title": titles.get(c["article_id"], "")}
            for c in G.edges[u, v]["claims"] if c.get("date")]


def corpus_graph(store: Store, *, since: dt.date | None = None, until: dt.date | None = None,
                 countries: Iterable[str] | None = None,
                 include_undated: bool | None = None) -> nx.Graph:
    """The corpus graph of the store's articles within the dates (and countries) given.

    Undated articles are left out when a date bound is given, unless ``include_undated``.
    """
    bounded = since is not None or until is not None
    keep_undated = (not bounded) if include_undated is None else include_undated
    every = store.articles()
    arts = [a for a in every
            if (a.date is None and keep_undated)
            or (a.date is not None and (since is None or a.date >= since)
                and (until is None or a.date <= until))]
    ids = None if len(arts) == len(every) else [a.id for a in arts]
    G = build_corpus_graph(arts, store.article_actors(ids), store.claims(ids), countries=countries)
    if since is not None:
        G.graph["since"] = since.isoformat()
    if until is not None:
        G.graph["until"] = until.isoformat()
    return G


def article_graph(store: Store, article_id: str) -> nx.Graph:
    """One stored article's own graph, with its own actor ids (as `extract` gives it)."""
    arts = [a for a in store.articles() if a.id == article_id]
    if not arts:
        raise KeyError(article_id)
    a = arts[0]
    G = nx.Graph()
    G.graph.update(title=a.title, source=a.source, date=_iso(a.date), article_id=a.id)
    for r in store.article_actors([article_id]):
        G.add_node(r["local_id"], id=r["local_id"], label=r["label"], type=r["type"],
                   country=r["country"], country_name=country_name(r["country"]),
                   mentions=list(r["mentions"]), mention_count=r["mention_count"], kb_id=r["kb_id"],
                   source=r["source"], corpus_id=r["actor_id"])
    pairs: dict[frozenset, list[dict]] = {}
    for c in store.claims([article_id]):
        s, t = c["source_local"], c["target_local"]
        if s == t or s not in G or t not in G:
            continue
        pairs.setdefault(frozenset((s, t)), []).append(_claim_dict(c, a, s, t) | {"_seq": c["seq"]})
    for cs in pairs.values():
        cs.sort(key=lambda c: (c["sentence_index"], c.pop("_seq")))
        G.add_edge(cs[0]["source"], cs[0]["target"], **aggregate_claims(cs))
    return G
