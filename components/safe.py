"""Showing article text safely.

Article text (actor names, sentences, file names) is data, never markup: it goes to the page either
as plain text (dataframes, widget options), through ``md_escape`` where Streamlit reads markdown
(labels, alerts, captions), or through ``highlight``/``esc`` into ``st.html``, where every piece of
it is HTML-escaped and only the ``<mark>`` tags we add are markup.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

__all__ = ["esc", "md_escape", "highlight", "find_spans"]

# CommonMark lets a backslash escape any ASCII punctuation; Streamlit's markdown adds
# :emoji:/:color[..]: directives and $math$, covered by ':' and '$'.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&\"'=^])")


def esc(text: object) -> str:
    """HTML-escape ``text`` (quotes too)."""
    return html.escape(str(text), quote=True)


def md_escape(text: object) -> str:
    """``text`` for a place that renders markdown, shown literally (no links, no HTML, no
    emphasis, no directives); newlines become spaces."""
    s = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", s)


def find_spans(text: str, terms: Iterable[str],
               fixed: Iterable[tuple[int, int, int]] = ()) -> list[tuple[int, int, int]]:
    """Non-overlapping ``(start, end, group)`` of the terms in ``text``, case-insensitive, on word
    boundaries where the term starts/ends with a word character, longest match first.

    ``terms`` is an iterable of ``(term, group)`` pairs or plain strings (group 0). ``fixed``
    spans ``(start, end, group)`` (e.g. where the engine found the cue) come first; those out of
    bounds or overlapping an earlier one are left out.
    """
    pairs: list[tuple[str, int]] = []
    for t in terms:
        term, group = (t, 0) if isinstance(t, str) else t
        term = term.strip()
        if term:
            pairs.append((term, group))
    found: list[tuple[int, int, int]] = []
    taken = [False] * len(text)
    for s, e, group in fixed:
        if 0 <= s < e <= len(text) and not any(taken[s:e]):
            found.append((s, e, group))
            for i in range(s, e):
                taken[i] = True
    for term, group in sorted(pairs, key=lambda p: -len(p[0])):
        pre = r"(?<!\w)" if re.match(r"\w", term) else ""
        post = r"(?!\w)" if re.search(r"\w$", term) else ""
        for m in re.finditer(pre + re.escape(term) + post, text, flags=re.IGNORECASE):
            s, e = m.span()
            if not any(taken[s:e]):
                found.append((s, e, group))
                for i in range(s, e):
                    taken[i] = True
    return sorted(found)


def highlight(
    text: str,
    terms: Iterable[str | tuple[str, int]],
    styles: tuple[str, ...] = ("",),
    fixed: Iterable[tuple[int, int, int]] = (),
) -> str:
    """HTML of ``text`` with each term found (and each ``fixed`` span, see `find_spans`) wrapped
    in ``<mark>``.

    Every slice of ``text`` is escaped; the ``<mark>`` tags are the only markup.
    ``styles[group]`` is the inline CSS of the marks of a term of that group.
    """
    out: list[str] = []
    pos = 0
    for s, e, group in find_spans(text, terms, fixed):
        out.append(esc(text[pos:s]))
        style = styles[group] if group < len(styles) else styles[-1]
        attr = f' style="{esc(style)}"' if style else ""
        out.append(f"<mark{attr}>{esc(text[s:e])}</mark>")
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)
