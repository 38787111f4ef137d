"""dates: manifest, then page metadata, then the dateline or first paragraph, else undated."""
from __future__ import annotations

import datetime as dt

import pytest

from actorgraph.dates import (DatedBy, ManifestError, article_date, date_from_html, date_from_text,
                              read_manifest)
from conftest import ROOT

NEWS = ROOT.parent / "shared" / "eval" / "news"


def test_manifest_of_the_news_set():
    if not (NEWS / "sources.tsv").exists():
        pytest.skip("../shared/eval/news is not beside the work tree")
    dates = read_manifest(NEWS / "sources.tsv")
    assert len(dates) == 28
    assert dates["01_iran-germany-mahan-air-ban.txt"] == dt.date(2019, 1, 23)


def test_manifest_errors(tmp_path):
    with pytest.raises(ManifestError, match="not found"):
        read_manifest(tmp_path / "none.tsv")
    (tmp_path / "bad.tsv").write_text("name\twhen\na.txt\t2020-01-01\n")
    with pytest.raises(ManifestError, match="`file` and `date` columns"):
        read_manifest(tmp_path / "bad.tsv")
    (tmp_path / "worse.tsv").write_text("file\tdate\na.txt\tlast Tuesday\n")
    with pytest.raises(ManifestError, match="line 2"):
        read_manifest(tmp_path / "worse.tsv")
    (tmp_path / "ok.tsv").write_text("file\tdate\tnote\ndir/a.txt\t2020-01-02T10:00:00Z\tx\nb.txt\t\t\n")
    assert read_manifest(tmp_path / "ok.tsv") == {"a.txt": dt.date(2020, 1, 2)}


@pytest.mark.parametrize("head", [
    '<meta property="article:published_time" content="2021-03-04T10:00:00Z">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-03-04"}</script>',
])
def test_page_metadata(head):
    html = f"<html><head>{head}</head><body><p>Iran backs the militias.</p></body></html>"
    assert date_from_html(html) == dt.date(2021, 3, 4)


def test_time_element_and_no_metadata():
    html = '<html><body><article><time datetime="2018-05-06">6 May</time><p>Text.</p></article></body></html>'
    assert date_from_html(html) == dt.date(2018, 5, 6)
    assert date_from_html("<html><body><p>No date here.</p></body></html>") is None
    assert date_from_html(b"\x00\xff not html") is None


@pytest.mark.parametrize("body, expected", [
    ("GOMA, Democratic Republic of Congo, March 4, 2024 - M23 rebels said...", dt.date(2024, 3, 4)),
    ("BEIRUT, 12 January 2025 (Staff) - Hezbollah said on Sunday...", dt.date(2025, 1, 12)),
    ("Late on Sunday the president announced troops would leave.", None),
    ("The talks failed.\n\nOn 2 May 2020 the army attacked.", None),  # only the first paragraph
    # relative phrases are not the article's date (dateparser resolves them against today)
    ("Fighters crossed the border last night to help the army, a week after the city fell.", None),
    ("Rebels seized the town yesterday; on 3 June 2023 they had lost it.", dt.date(2023, 6, 3)),
])
def test_dateline_or_first_date(body, expected):
    assert date_from_text(body) == expected


def test_order_of_sources():
    html = b'<html><head><meta property="article:published_time" content="2021-03-04"></head><body><p>On 5 June 2020 ...</p></body></html>'
    manifest = {"a.html": dt.date(2019, 1, 1)}
    assert article_date("x/a.html", manifest=manifest, raw=html, kind="html", body="On 5 June 2020").source == DatedBy.MANIFEST
    got = article_date("a.html", raw=html, kind="html", body="On 5 June 2020 the army")
    assert (got.date, got.source) == (dt.date(2021, 3, 4), DatedBy.METADATA)
    got = article_date("a.txt", raw=html, kind="txt", body="On 5 June 2020 the army")
    assert (got.date, got.source) == (dt.date(2020, 6, 5), DatedBy.TEXT)
    got = article_date("a.txt", kind="txt", body="No date.")
    assert (got.date, got.source) == (None, DatedBy.NONE)
