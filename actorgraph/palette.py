"""Node colours: a qualitative palette (colorcet's Glasbey colours) thinned with coloraide's
CIEDE2000 so that no two colours are near, none is near a relation's colour (alliance green,
hostility red) or the greys of international and unknown actors.

Countries get colours per graph (`country_colors`): the countries of one view never share a
colour or get near ones, up to ``len(palette())`` (43) countries (then colours repeat).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import colorcet
from coloraide import Color

ALLIANCE_COLOR = "#2e7d32"
HOSTILITY_COLOR = "#c62828"
INTERNATIONAL_COLOR = "#607d8b"
UNKNOWN_COLOR = "#cfd8dc"
BORDER_COLOR = "#37474f"
MIN_DELTA_E = 12.0  # between two node colours (CIEDE2000); 10 is "clearly different"
MIN_DELTA_E_RESERVED = 15.0  # between a node colour and a relation colour or a grey
LIGHTNESS = (35.0, 88.0)  # CIE L*: dark labels stay readable beside the node, fills stay visible
RESERVED = (ALLIANCE_COLOR, HOSTILITY_COLOR, INTERNATIONAL_COLOR, UNKNOWN_COLOR, BORDER_COLOR,
            "#ffffff", "#9e9e9e")


def delta_e(a: str, b: str) -> float:
    """CIEDE2000 distance between two colours."""
    return float(Color(a).delta_e(b, method="2000"))


@cache
def palette() -> tuple[str, ...]:
    """Glasbey colours in their order, keeping each only if far enough from all kept before."""
    kept: list[str] = []
    for hex_color in colorcet.palette["glasbey_category10"]:
        c = Color(hex_color)
        if not LIGHTNESS[0] <= c.convert("lab")["lightness"] <= LIGHTNESS[1]:
            continue
        if min(c.delta_e(r, method="2000") for r in RESERVED) < MIN_DELTA_E_RESERVED:
            continue
        if kept and min(c.delta_e(k, method="2000") for k in kept) < MIN_DELTA_E:
            continue
        kept.append(hex_color)
    return tuple(kept)


def country_colors(codes: Iterable[str]) -> dict[str, str]:
    """A colour per country code, in the order given (put the most frequent first): ``"INT"``
    and ``""`` (unknown) get their greys, the others the palette's colours in turn."""
    out: dict[str, str] = {}
    pal = palette()
    i = 0
    for code in codes:
        if code in out:
            continue
        if code == "INT":
            out[code] = INTERNATIONAL_COLOR
        elif not code:
            out[code] = UNKNOWN_COLOR
        else:
            out[code] = pal[i % len(pal)]
            i += 1
    return out
