"""Actor graph → a standalone pyvis (vis-network) HTML page that works offline and never runs
article text.

The page is pyvis' own ``Network`` HTML, with vis-network inlined (``cdn_resources="in_line"``),
rendered from a cleaned copy of pyvis' template (`_clean_template`):

* vis-network's stylesheet loses the rules of the editing and navigation buttons, which are
  switched off here and carry ~200 KB of inline images (`_lean_vis_css`); the dashboard may also
  load vis-network's script from a URL of its own server (``vis_js_url``) instead of inlining
  its 470 KB in every drawing, so the browser fetches and compiles it once;

* every link to a CDN (Bootstrap, tom-select, vis) and the ``<h1>`` heading are removed;
* the select/filter menus and the custom tooltip popup are compiled out: pyvis switches to that
  popup whenever a node title contains "href", and it sets ``innerHTML`` from the title;
* node and edge data reach the page through Jinja's ``tojson``, which writes ``<``, ``>``, ``&``
  and ``'`` as ``\\u003c``…, so no label can close the ``<script>`` element;
* titles are plain text with newlines: vis-network 9 shows a string title with ``innerText``.

The page's own additions (CSS, the legend, a script that stops physics after stabilisation,
selects the highlighted node and posts clicks to the parent window) are built from fixed text
and from values escaped here; they are spliced in at two markers that contain ``<``, a character
the escaped data can never hold.

Clicks and moves are posted to ``window.parent`` (the dashboard's bridge component reads them):

* a node: ``{type: "actorgraph:select", id: <node id>}``;
* an edge: ``{type: "actorgraph:select-edge", id: <edge id>, from: <node id>, to: <node id>}``
  (``edge_id`` of the pair; from/to in the direction the text gives, when it gives one);
* nodes dragged (or moved by the physics): ``{type: "actorgraph:positions", positions:
  {<node id>: [x, y], ...}}``, so the next drawing keeps them where the user put them.

With ``positions`` every node is drawn where it is given (physics off, nothing moves by itself),
so a filter that removes actors leaves the others in place; see `actorgraph.positions`.
"""
from __future__ import annotations

import html
import json
import math
import re
import zlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader
from pyvis.network import Network

from actorgraph.errors import ActorGraphError
from actorgraph.graph import node_label
from actorgraph.kb import country_name
from actorgraph.model import ACTOR_TYPES, AFFILIATION, ALLIANCE, HOSTILITY, MEMBERSHIP, TALKS
from actorgraph.positions import node_size
from actorgraph.palette import (
    ALLIANCE_COLOR, HOSTILITY_COLOR, INTERNATIONAL_COLOR, UNKNOWN_COLOR, country_colors, palette,
)

__all__ = [
    "render_html", "render_network_data", "EDGE_STYLES", "TYPE_SHAPES", "TYPE_COLORS",
    "country_color", "js_literal", "edge_id",
]

TEMPLATE_NAME = "actorgraph.html"
_PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"
_VIS_JS_INCLUDE = re.compile(r"<script>\{%\s*include\s+'(lib/vis-[\d.]+/vis-network\.min\.js)'\s*%\}</script>")
_VIS_CSS_INCLUDE = re.compile(r"\{%\s*include\s+'(lib/vis-[\d.]+/vis-network\.css)'\s*%\}")
_VIS_JS_MARK = "<!--actorgraph:vis-js-->"
_HEAD_MARK = "<!--actorgraph:head-->"
_LEGEND_MARK = "<!--actorgraph:legend-->"

# relation → (colour, dashed, legend text)
EDGE_STYLES: dict[str, tuple[str, bool, str]] = {
    ALLIANCE: (ALLIANCE_COLOR, False, "alliance"),
    HOSTILITY: (HOSTILITY_COLOR, False, "hostility"),
    MEMBERSHIP: ("#757575", True, "membership"),
    AFFILIATION: ("#9e9e9e", True, "former affiliation"),
    TALKS: ("#90a4ae", True, "talks"),
}
_OTHER_EDGE = ("#9e9e9e", True, "other link")

# actor type → (vis shape, legend glyph)
TYPE_SHAPES: dict[str, tuple[str, str]] = {
    "state": ("dot", "\u25cf"),
    "government": ("box", "\u25ac"),
    "military": ("triangle", "\u25b2"),
    "armed_group": ("diamond", "\u25c6"),
    "militia": ("triangleDown", "\u25bc"),
    "rebel_coalition": ("hexagon", "\u2b22"),
    "party": ("square", "\u25a0"),
    "igo": ("star", "\u2605"),
    "person": ("ellipse", "\u2b2d"),
    "other": ("dot", "\u25cc"),  # drawn with a dashed border
}
# Actor types take the first colours of the same palette: none is a relation's colour.
TYPE_COLORS: dict[str, str] = dict(zip(ACTOR_TYPES, palette()))
LABEL_PX = 16  # label font size in graph units
MIN_LABEL_PX = 12  # the fitted view zooms in no further out than this on screen
FIT_MARGIN = 0.9  # the fitted view is zoomed out this much: labels at the rim stay inside
WEAK_CONFIDENCE = 0.5  # claims below this are drawn thin and dashed
PARTNER_OPACITY = 0.45  # a country filter's direct partners are drawn faded
_LABEL_INSIDE = {"box", "ellipse", "circle", "database", "text"}  # shapes that draw the label inside
_MAX_TITLE_SENTENCES = 3
_MAX_SENTENCE = 280
_LEGEND_MAX_COLORS = 12


def country_color(code: str) -> str:
    """The colour of a country code: stable across graphs and runs.

    >>> country_color("IRN") == country_color("IRN"), country_color("INT"), country_color("")
    (True, '#607d8b', '#cfd8dc')
    """
    if not code:
        return UNKNOWN_COLOR
    if code == "INT":
        return INTERNATIONAL_COLOR
    pal = palette()
    return pal[zlib.crc32(code.encode("utf-8", "replace")) % len(pal)]


def graph_country_colors(G: nx.Graph) -> dict[str, str]:
    """Distinct colours for the countries of ``G``, most actors first (see `palette`)."""
    counts: dict[str, int] = {}
    for _, code in G.nodes(data="country"):
        counts[str(code or "")] = counts.get(str(code or ""), 0) + 1
    return country_colors(sorted(counts, key=lambda c: (-counts[c], c)))


def edge_id(u: object, v: object) -> str:
    """The id of the edge between ``u`` and ``v`` in the drawing: the same for (u, v) and
    (v, u), and the same in every drawing of the pair, whatever the filters.

    >>> edge_id("iran", "hezbollah") == edge_id("hezbollah", "iran") == '["hezbollah", "iran"]'
    True
    """
    return json.dumps(sorted((str(u), str(v))), ensure_ascii=False)


def js_literal(value: object) -> str:
    """``value`` as a JSON literal safe inside an HTML ``<script>`` element.

    >>> js_literal("</script><b>")
    '"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"'
    """
    s = json.dumps(value, ensure_ascii=True)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))


def _text_color(hex_color: str) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def _short(s: str, n: int = _MAX_SENTENCE) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "\u2026"


def _edge_top_evidence(d: dict) -> list[str]:
    """Distinct sentences of an edge, those of the winning label by confidence first."""
    claims = sorted(d.get("claims") or (), key=lambda c: (c.get("relation") != d.get("relation"),
                                                          -float(c.get("confidence") or 0)))
    out: list[str] = []
    for s in [c.get("sentence", "") for c in claims] + list(d.get("evidence") or ()):
        if s and s not in out:
            out.append(s)
    return out


def _node_title(G: nx.Graph, n: object) -> str:
    d = G.nodes[n]
    typ = str(d.get("type") or "other")
    code = str(d.get("country") or "")
    lines = [node_label(G, n), f"Type: {typ.replace('_', ' ')}"]
    name = d.get("country_name") or country_name(code)
    lines.append(f"Country: {name} ({code})" if code else "Country: unknown")
    mentions = [str(m) for m in d.get("mentions") or ()]
    if mentions:
        shown = ", ".join(_short(m, 60) for m in mentions[:8])
        more = f" (+{len(mentions) - 8} more)" if len(mentions) > 8 else ""
        lines.append(f"Mentions ({d.get('mention_count', len(mentions))}): {shown}{more}")
    counts: dict[str, int] = {}
    edges = sorted(G.edges(n, data=True), key=lambda e: -float(e[2].get("confidence") or 0))
    for _, _, ed in edges:
        rel = str(ed.get("relation", ""))
        counts[rel] = counts.get(rel, 0) + 1
    if counts:
        lines.append("Links: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    sentences: list[str] = []
    for _, _, ed in edges:
        for s in _edge_top_evidence(ed)[:1]:
            if s not in sentences:
                sentences.append(s)
        if len(sentences) >= _MAX_TITLE_SENTENCES:
            break
    if sentences:
        lines.append("Evidence:")
        lines += [f"\u2022 {_short(s)}" for s in sentences]
    return "\n".join(lines)


def _edge_title(G: nx.Graph, u: object, v: object, d: dict) -> str:
    rel = str(d.get("relation", ""))
    if d.get("directed") and d.get("from") in G and d.get("to") in G:
        head = f"{node_label(G, d['from'])} \u2192 {node_label(G, d['to'])}: {rel}"
    else:
        head = f"{node_label(G, u)} \u2014 {node_label(G, v)}: {rel}"
    if d.get("confidence") is not None:
        head += f" (confidence {float(d['confidence']):.2f})"
    lines = [head]
    if d.get("conflicting"):
        claims = d.get("claims") or ()
        na = sum(c.get("relation") == ALLIANCE for c in claims)
        nh = sum(c.get("relation") == HOSTILITY for c in claims)
        lines.append(f"Conflicting evidence: {na} alliance, {nh} hostility claims")
    sentences = _edge_top_evidence(d)
    if sentences:
        n = int(d.get("weight") or len(sentences))
        lines.append(f"Evidence ({n} sentence{'s' if n != 1 else ''}):")
        lines += [f"\u2022 {_short(s)}" for s in sentences[:_MAX_TITLE_SENTENCES]]
        if len(sentences) > _MAX_TITLE_SENTENCES:
            lines.append(f"\u2026 and {len(sentences) - _MAX_TITLE_SENTENCES} more")
    return "\n".join(lines)


def _options(G: nx.Graph, *, positioned: bool = False, physics: bool = False) -> dict:
    """vis-network's options; ``positioned``: every node has its x/y, so physics stays off
    unless ``physics`` (then it starts from them)."""
    n, m = G.number_of_nodes(), G.number_of_edges()
    return {
        "physics": {
            "enabled": physics or not positioned,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "centralGravity": 0.25,
                          "springLength": 140, "springConstant": 0.04, "damping": 0.25,
                          "avoidOverlap": 0.3},
            "stabilization": {"enabled": not positioned or physics,
                              "iterations": (400 if n <= 150 else 250) if not positioned else 150,
                              "updateInterval": 25, "fit": True},
            "minVelocity": 0.75,
        },
        "edges": {"smooth": {"enabled": m <= 300, "type": "continuous", "roundness": 0.2},
                  "selectionWidth": 2, "hoverWidth": 1},
        "nodes": {"font": {"size": LABEL_PX, "face": "sans-serif"}, "borderWidth": 1},
        # a fixed seed draws the same graph the same way on every rerun; vis advises against
        # its improved (clustering) initial layout for large graphs
        "layout": {"randomSeed": 7, "improvedLayout": n <= 150},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "keyboard": False, "multiselect": False},
    }


def render_network_data(G: nx.Graph, *, color_by: str = "country",
                        highlight: str | None = None,
                        colors: dict[str, str] | None = None,
                        positions: Mapping[object, tuple[float, float]] | None = None,
                        physics: bool = False) -> dict:
    """The data given to vis-network: ``{"nodes": [...], "edges": [...], "options": {...},
    "legend": {...}}``.

    Nodes: id, label, title (plain text), shape, color, size (by degree), font, borderWidth, and
    x/y where ``positions`` has them (when it has them all, the drawing keeps them: physics is
    off, unless ``physics``).
    Edges: id (`edge_id`), from, to, color, width (by evidence count), dashes, arrows (when
    directed), title.
    ``legend`` lists what is drawn: ``edges`` as (relation, colour, dashed, text), ``shapes`` as
    (type, shape, glyph), ``colors`` as (key, name, colour).
    """
    if color_by not in ("country", "type"):
        raise ActorGraphError(f"color_by must be 'country' or 'type', not {color_by!r}.")
    nodes: list[dict] = []
    by_country = graph_country_colors(G) if colors is None else colors
    colors_seen: dict[str, tuple[str, str]] = {}
    types_seen: list[str] = []
    for n, d in G.nodes(data=True):
        typ = str(d.get("type") or "other")
        typ = typ if typ in TYPE_SHAPES else "other"
        shape = TYPE_SHAPES[typ][0]
        code = str(d.get("country") or "")
        if color_by == "country":
            fill = by_country.get(code) or country_color(code)
            key, name = code, (country_name(code) or "unknown country") if code else "unknown country"
        else:
            fill, key, name = TYPE_COLORS[typ], typ, typ.replace("_", " ")
        colors_seen.setdefault(key, (name, fill))
        if typ not in types_seen:
            types_seen.append(typ)
        deg = G.degree(n)
        node = {
            "id": n, "label": node_label(G, n), "title": _node_title(G, n), "shape": shape,
            "color": {"background": fill, "border": "#37474f",
                      "highlight": {"background": fill, "border": "#000000"},
                      "hover": {"background": fill, "border": "#000000"}},
            "size": node_size(deg),
            "borderWidth": 1,
            "font": {"color": _text_color(fill) if shape in _LABEL_INSIDE else "#212121"},
        }
        if positions is not None and n in positions:
            x, y = positions[n]
            node["x"], node["y"] = round(float(x), 1), round(float(y), 1)
        if typ == "other":
            node["shapeProperties"] = {"borderDashes": [4, 3]}
        if d.get("partner"):
            node["opacity"] = PARTNER_OPACITY
            node["font"]["color"] = "#757575"
            node["title"] = "Partner of the chosen countries (shown faded)\n" + node["title"]
        if highlight is not None and n == highlight:
            node["borderWidth"] = 3
            node["borderWidthSelected"] = 4
            node["color"]["border"] = "#000000"
            node["font"]["size"] = 17
        nodes.append(node)
    edges: list[dict] = []
    rels_seen: list[str] = []
    weak_seen = False
    for u, v, d in G.edges(data=True):
        rel = str(d.get("relation", ""))
        colour, dashed, _ = EDGE_STYLES.get(rel, _OTHER_EDGE)
        if rel not in rels_seen:
            rels_seen.append(rel)
        directed = bool(d.get("directed")) and d.get("from") in G and d.get("to") in G
        frm, to = (d["from"], d["to"]) if directed else (u, v)
        weight = max(1, int(d.get("weight") or 1))
        weak = float(d.get("confidence") if d.get("confidence") is not None else 1.0) < WEAK_CONFIDENCE
        if weak:
            weak_seen = True
        edges.append({
            "id": edge_id(u, v), "from": frm, "to": to, "title": _edge_title(G, u, v, d),
            "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.9},
            "width": 1 if weak else round(min(1.5 + 1.5 * math.log2(weight), 8), 2),
            "dashes": [2, 5] if weak else dashed,
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.6}},
        })
    legend = {
        "edges": [(r, *EDGE_STYLES.get(r, (*_OTHER_EDGE[:2], r.replace("_", " ") or _OTHER_EDGE[2])))
                  for r in sorted(rels_seen, key=_relation_order)],
        "shapes": [(t, TYPE_SHAPES[t][0], TYPE_SHAPES[t][1])
                   for t in sorted(types_seen, key=ACTOR_TYPES.index)],
        "weak": weak_seen,
        "colors": [(k, name, fill) for k, (name, fill) in sorted(
            colors_seen.items(), key=lambda kv: (kv[0] == "", kv[1][0].casefold()))],
    }
    positioned = positions is not None and len(G) > 0 and all(n in positions for n in G)
    return {"nodes": nodes, "edges": edges, "legend": legend,
            "options": _options(G, positioned=positioned, physics=physics)}


def _relation_order(rel: str) -> tuple[int, str]:
    order = list(EDGE_STYLES)
    return (order.index(rel) if rel in order else len(order), rel)


def _legend_html(legend: dict, color_by: str) -> str:
    e = html.escape
    rows = ['<div class="ag-legend-title">Links</div>']
    for _, colour, dashed, text in legend["edges"]:
        style = "dashed" if dashed else "solid"
        rows.append(f'<div><span class="ag-line" style="border-top:3px {style} {e(colour)}">'
                    f'</span>{e(text)}</div>')
    if legend.get("weak"):
        rows.append('<div><span class="ag-line" style="border-top:1px dashed #616161"></span>'
                    f'weak claim (confidence &lt; {WEAK_CONFIDENCE:.1f})</div>')
    rows.append('<div class="ag-legend-title">Actors</div>')
    for typ, shape, glyph in legend["shapes"]:
        # common fonts lack an ellipse glyph: draw that one with CSS
        mark = '<span class="ag-ellipse"></span>' if shape == "ellipse" else e(glyph)
        rows.append(f'<div><span class="ag-glyph">{mark}</span>{e(typ.replace("_", " "))}</div>')
    shown = "country" if color_by == "country" else "type"
    rows.append(f'<div class="ag-legend-title">Colour: {shown}</div>')
    cols = legend["colors"]
    for _, name, fill in cols[:_LEGEND_MAX_COLORS]:
        rows.append(f'<div><span class="ag-swatch" style="background:{e(fill)}"></span>{e(name)}</div>')
    if len(cols) > _LEGEND_MAX_COLORS:
        rows.append(f"<div>\u2026 {len(cols) - _LEGEND_MAX_COLORS} more</div>")
    # below the canvas (never over labels or the tooltip), one wrapped strip, folded on request
    return ('<details class="ag-legend" open><summary>Legend</summary>' + "".join(rows)
            + "</details>")


_EXTRA_CSS = """<style>
html, body { margin: 0; padding: 0; }
.card { width: 100%; position: relative; }
#mynetwork { box-sizing: border-box; float: none !important; }
div.vis-tooltip { white-space: pre-wrap; max-width: 460px; font-family: sans-serif;
  font-size: 13px; line-height: 1.35; }
.ag-legend { background: #fff; border-top: 1px solid #ddd; padding: 2px 6px; font: 12px sans-serif;
  max-height: 64px; overflow: auto; }
.ag-legend > div { display: inline-block; margin-right: 12px; }
.ag-legend summary { cursor: pointer; font-weight: bold; }
.ag-legend-title { font-weight: bold; margin-top: 4px; }
.ag-line { display: inline-block; width: 26px; margin-right: 6px; vertical-align: middle; }
.ag-glyph { display: inline-block; width: 18px; text-align: center; margin-right: 4px; }
.ag-ellipse { display: inline-block; width: 13px; height: 8px; border-radius: 50%;
  background: #000; vertical-align: middle; }
.ag-swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin: 0 8px 0 3px; vertical-align: middle; border: 1px solid #37474f; }
</style>"""

_HOOK_JS = """<script type="text/javascript">
var agKeepPhysics = %(keep)s;
var agPositioned = %(positioned)s;  // every node at its given x/y (the dashboard keeps them)
var agHighlight = %(highlight)s;
function agPost(msg) {
  try {
    if (window.parent && window.parent !== window) { window.parent.postMessage(msg, "*"); }
  } catch (err) { /* a sandboxed frame may refuse; nothing to do */ }
}
function agHideTooltip(network) {
  var ih = network.interactionHandler;
  if (ih && ih.popup !== undefined) { ih.popup.hide(); }
  var tip = document.querySelector("div.vis-tooltip");
  if (tip) { tip.style.visibility = "hidden"; }
}
function agFit(network) {
  // vis measures labels while drawing: fit once they are drawn, then leave a margin so that
  // labels at the rim are not cut; labels at least %(min_px)s px on screen (the user pans)
  network.fit({animation: false});
  var scale = network.getScale() * %(margin)s;
  if (scale * %(label_px)s < %(min_px)s) { scale = %(min_px)s / %(label_px)s; }
  network.moveTo({scale: scale});
  window.agFitted = true;  // for tests: the first view is in place
}
function agPostPositions(network) {
  var p = network.getPositions(), out = {};
  for (var id in p) { out[id] = [Math.round(p[id].x * 10) / 10, Math.round(p[id].y * 10) / 10]; }
  agPost({type: "actorgraph:positions", positions: out});
}
function agAfterDraw(network, nodes, edges) {
  if (agPositioned && !agKeepPhysics) {
    network.once("afterDrawing", function () { agFit(network); });
  } else {
    network.once("stabilizationIterationsDone", function () {
      if (!agKeepPhysics) { network.setOptions({physics: {enabled: false}}); }
      setTimeout(function () {  // after vis-network's own fit
        agFit(network);
        if (agPositioned) { agPostPositions(network); }
      }, 0);
    });
  }
  if (agPositioned) {
    network.on("dragEnd", function (params) {
      if (params && params.nodes && params.nodes.length > 0) { agPostPositions(network); }
    });
    if (agKeepPhysics) {
      network.on("stabilized", function () { agPostPositions(network); });
    }
  }
  network.on("dragStart", function () { agHideTooltip(network); });
  network.on("click", function (params) {
    agHideTooltip(network);  // no tooltip left standing after a click
    if (!params) { return; }
    if (params.nodes && params.nodes.length > 0) {
      agPost({type: "actorgraph:select", id: params.nodes[0]});
    } else if (params.edges && params.edges.length > 0) {
      var e = edges.get(params.edges[0]);
      if (e) { agPost({type: "actorgraph:select-edge", id: e.id, from: e.from, to: e.to}); }
    }
  });
  if (agHighlight !== null && nodes.get(agHighlight) !== null) {
    network.selectNodes([agHighlight]);
  }
}
</script>"""


def _clean_template(src: str, external_js: bool = False) -> str:
    """pyvis' template without CDN links, heading, menus or the innerHTML popup, with markers
    (and with a marker instead of the inlined vis-network script when ``external_js``)."""
    src = re.sub(r"<!--.*?-->", "", src, flags=re.S)  # commented-out links to node_modules
    src = re.sub(r"{#.*?#}", "", src, flags=re.S)  # Jinja comments holding CDN links
    src = re.sub(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", "", src, flags=re.I)
    src = re.sub(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", "", src,
                 flags=re.I)
    src = re.sub(r"<center>\s*<h1>\s*{{\s*heading\s*}}\s*</h1>\s*</center>", "", src)
    for flag in ("select_menu or filter_menu", "select_menu", "filter_menu", "tooltip_link",
                 "conf", "use_DOT"):
        src = re.sub(r"{%\s*if\s+" + re.escape(flag) + r"\s*%}", "{% if false %}", src)
    src = src.replace("<html>", "<!DOCTYPE html>\n<html lang=\"en\">", 1)
    src = src.replace("</head>", _HEAD_MARK + "\n</head>", 1)
    src = src.replace('<div id="mynetwork" class="card-body"></div>',
                      '<div id="mynetwork" class="card-body"></div>' + _LEGEND_MARK, 1)
    src = src.replace("return network;", "agAfterDraw(network, nodes, edges);\n                  return network;", 1)
    if external_js:
        src = _VIS_JS_INCLUDE.sub(_VIS_JS_MARK, src, count=1)
    left = [s for s in ("{{heading}}", "bootstrap", "{% if tooltip_link", "https://") if s in src]
    missing = [s for s in (_HEAD_MARK, _LEGEND_MARK, "agAfterDraw") if s not in src]
    if external_js and _VIS_JS_MARK not in src:
        missing.append(_VIS_JS_MARK)
    if left or missing:  # a pyvis upgrade changed the template: refuse rather than render unsafely
        raise RuntimeError(f"unexpected pyvis template: {left or missing}")
    return src


_UNUSED_VIS_RULE = re.compile(r"[^{}]*\{[^{}]*url\(\s*[\"']?data:[^{}]*\}")


def _lean_vis_css(css: str) -> str:
    """vis-network's stylesheet without the rules that draw a button from an inline image: the
    editing toolbar, the navigation buttons and the configurator's close button, none of which
    the graph shows (``navigationButtons`` off, no manipulation, no configurator)."""
    return _UNUSED_VIS_RULE.sub("", css)


def _pyvis_template() -> str:
    return (_PYVIS_TEMPLATES / "template.html").read_text(encoding="utf-8")


@cache
def vis_js_path() -> Path:
    """The vis-network script pyvis' template inlines (what ``vis_js_url`` must serve)."""
    found = _VIS_JS_INCLUDE.search(_pyvis_template())
    if not found:
        raise RuntimeError("unexpected pyvis template: no inlined vis-network script")
    return _PYVIS_TEMPLATES / found.group(1)


@cache
def _environment(external_js: bool = False) -> Environment:
    base = FileSystemLoader(str(_PYVIS_TEMPLATES))
    env = Environment(loader=base)
    src = _pyvis_template()
    templates = {TEMPLATE_NAME: _clean_template(src, external_js)}
    css = _VIS_CSS_INCLUDE.search(src)
    if css:  # the lean stylesheet stands in for pyvis' own under the same name
        templates[css.group(1)] = _lean_vis_css(base.get_source(env, css.group(1))[0])
    return Environment(loader=ChoiceLoader([DictLoader(templates), base]))


_EXTERNAL = re.compile(
    r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>"
    r"(?:\s*</script>)?", re.I)


def render_html(G: nx.Graph, *, color_by: str = "country", height_px: int = 700,
                physics: bool = False, highlight: str | None = None,
                vis_js_url: str | None = None, colors: dict[str, str] | None = None,
                positions: Mapping[object, tuple[float, float]] | None = None) -> str:
    """A complete HTML page drawing ``G`` with vis-network, with no external resource.

    Parameters
    ----------
    G : nx.Graph
        An actor graph (see `actorgraph.graph`); it is not changed.
    color_by : {"country", "type"}
        What the node colour shows; the shape always shows the actor type.
    height_px : int
        Height of the drawing; its width is 100 % of the frame.
    physics : bool
        Without ``positions`` the layout always stabilises first. True keeps the physics on
        afterwards (dragging a node pulls its neighbours); False switches it off once
        stabilised so nodes stay where dropped. With ``positions``, False draws every node
        where it is given and nothing moves by itself; True lets the physics start from there.
    highlight : str, optional
        A node id to draw with a thick border and select.
    colors : dict, optional
        Country code → colour (e.g. `graph_country_colors` of the whole article, so a country
        keeps its colour while filters change); None: distinct colours for the countries of
        ``G``.
    positions : mapping, optional
        Node id → (x, y) in drawing units (see `actorgraph.positions`). When every node has one,
        the drawing keeps them (see ``physics``) and posts the positions of nodes the user drags
        to the parent window; nodes without one are placed by vis-network.
    vis_js_url : str, optional
        Load vis-network's script (the file `vis_js_path`) from this same-origin URL instead of
        inlining it; the page then needs the server that serves it. None (default): the page
        stands alone.
    """
    data = render_network_data(G, color_by=color_by, highlight=highlight, colors=colors,
                               positions=positions, physics=physics)
    positioned = all("x" in nd for nd in data["nodes"]) and bool(data["nodes"])
    net = Network(height=f"{max(100, int(height_px))}px", width="100%", directed=False,
                  cdn_resources="in_line", heading="")
    net.templateEnv = _environment(external_js=vis_js_url is not None)
    net.path = TEMPLATE_NAME
    # The Network's own add_node/add_edge check every edge against every other (quadratic);
    # its lists are filled directly with the same dicts they would hold.
    net.nodes = data["nodes"]
    net.edges = data["edges"]
    net.node_ids = [nd["id"] for nd in data["nodes"]]
    net.node_map = {nd["id"]: nd for nd in data["nodes"]}
    net.options = data["options"]
    page = net.generate_html()
    hook = _HOOK_JS % {"keep": "true" if physics else "false",
                       "positioned": "true" if positioned else "false",
                       "label_px": LABEL_PX, "min_px": MIN_LABEL_PX, "margin": FIT_MARGIN,
                       "highlight": js_literal(highlight if highlight in G else None)}
    page = page.replace(_HEAD_MARK, _title_tag(G) + _EXTRA_CSS + "\n" + hook, 1)
    page = page.replace(_LEGEND_MARK, _legend_html(data["legend"], color_by), 1)
    if vis_js_url is not None:
        page = page.replace(_VIS_JS_MARK, _script_tag(vis_js_url), 1)
    return _EXTERNAL.sub("", page)


def _title_tag(G: nx.Graph) -> str:
    """``<title>``: the article's title, its source and the filters the drawing reflects
    (``G.graph`` keys ``title``, ``source``, ``filters``), escaped."""
    title = str(G.graph.get("title") or G.graph.get("source") or "Actor graph")
    parts = [f"ActorGraph: {title}"]
    if G.graph.get("source"):
        parts.append(f"source: {G.graph['source']}")
    if G.graph.get("filters"):
        parts.append(f"filters: {G.graph['filters']}")
    return f"<title>{html.escape(' · '.join(parts))}</title>\n"


def _script_tag(url: str) -> str:
    """``<script src=url>`` for a relative URL of the app's own server (never another site)."""
    if re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\)", url, re.I) or "\n" in url:
        raise ValueError(f"vis_js_url must be a relative URL of the app's server: {url!r}")
    return f'<script src="{html.escape(url, quote=True)}"></script>'
