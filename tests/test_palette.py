"""Node colours: distinct countries in every sample's view, never a relation's colour."""
from __future__ import annotations

import itertools

import pytest

from actorgraph.graph import build_graph
from actorgraph.palette import (
    ALLIANCE_COLOR, HOSTILITY_COLOR, MIN_DELTA_E, country_colors, delta_e, palette,
)
from actorgraph.render import TYPE_COLORS, graph_country_colors, render_network_data
from tests.conftest import SAMPLES

NEAR = 10.0  # CIEDE2000: below this two colours read as the same or near


def test_palette_colours_are_pairwise_far_and_far_from_relation_colours():
    pal = palette()
    assert len(pal) >= 40
    for a, b in itertools.combinations(pal, 2):
        assert delta_e(a, b) >= MIN_DELTA_E, (a, b)
    for c in (*pal, *TYPE_COLORS.values()):
        assert delta_e(c, ALLIANCE_COLOR) >= 15 and delta_e(c, HOSTILITY_COLOR) >= 15, c


def test_palette_country_colors_are_distinct_for_forty_countries():
    codes = [f"C{i:02d}" for i in range(40)] + ["INT", ""]
    colors = country_colors(codes)
    for a, b in itertools.combinations(codes, 2):
        assert delta_e(colors[a], colors[b]) >= NEAR, (a, b, colors[a], colors[b])


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_palette_no_two_countries_of_a_sample_share_a_colour(path, nlp):
    from actorgraph.ingest import read_path
    from actorgraph.pipeline import extract

    G = build_graph(extract(read_path(path), nlp))
    data = render_network_data(G, color_by="country", colors=graph_country_colors(G))
    swatches = [(key, fill) for key, _, fill in data["legend"]["colors"]]
    assert len(swatches) == len({k for k, _ in swatches})
    for (ka, a), (kb, b) in itertools.combinations(swatches, 2):
        assert delta_e(a, b) >= NEAR, (path.stem, ka, kb, a, b)
