"""Dated articles for the Corpus page tests: sample articles as web pages with a publication date."""
from __future__ import annotations

import html

from conftest import SAMPLES

# three samples and the dates their pages are given (three months)
DATED = (("02_sudan-el-fasher.txt", "2024-01-15"), ("05_drc-m23-south-kivu.txt", "2024-02-10"),
         ("01_syria-iraqi-militias.txt", "2024-03-05"))


def dated_page(sample: str, date: str) -> tuple[str, bytes]:
    """(file name, HTML bytes) of ``sample`` published on ``date`` (ISO) per its metadata."""
    title, _, body = (SAMPLES / sample).read_text(encoding="utf-8").partition("\n")
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    page = (f'<html><head><title>{html.escape(title)}</title><meta property="article:published_time" '
            f'content="{date}T08:00:00Z"></head><body><h1>{html.escape(title)}</h1>{paras}</body></html>')
    return sample.replace(".txt", ".html"), page.encode("utf-8")
