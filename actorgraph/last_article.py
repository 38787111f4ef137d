"""The article a browser last opened, kept beside its corrections so a reload brings both back.

One JSON file per browser token, ``<folder>/<token>/last-article.json`` (the folder of
`actorgraph.correction_store`): the input's id and the `Article` as read (text, title, source,
kind, notices), unless the input was a shipped sample (then the sample's name is enough). Only the
last article is kept; a new one replaces it. The article as read, not the file: extracting it again
gives the same text, hence the same hash its corrections are kept by.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .correction_store import default_dir, valid_token, write_atomically
from .model import Article

__all__ = ["LastArticle", "remember", "recall", "forget", "FILE_NAME"]

FILE_NAME = "last-article.json"
_FORMAT = "actorgraph-last-article"
_MAX_TEXT = 2_000_000  # an analysed text is capped far below this; anything longer is not ours


@dataclass(frozen=True, slots=True)
class LastArticle:
    input_id: str  # "sample:<file name>", "upload:<id>" or "paste:<hash>"
    article: Article | None = None  # None for a sample

    @property
    def sample(self) -> str | None:
        """The shipped sample's file name when the input was one."""
        kind, _, name = self.input_id.partition(":")
        return name if kind == "sample" and name and Path(name).name == name else None


def _path(token: str, folder: Path | str | None) -> Path | None:
    if not valid_token(token):
        return None
    return Path(folder if folder is not None else default_dir()) / token / FILE_NAME


def remember(token: str, last: LastArticle, folder: Path | str | None = None) -> bool:
    """Keep ``last`` for the browser ``token``; False (nothing kept) when it cannot be written."""
    path = _path(token, folder)
    if path is None:
        return False
    body: dict = {"format": _FORMAT, "version": 1, "input_id": last.input_id}
    if last.sample is None and last.article is not None:
        a = last.article
        body["article"] = {"text": a.text, "title": a.title, "source": a.source, "kind": a.kind,
                           "notices": list(a.notices)}
    try:
        write_atomically(path, json.dumps(body, ensure_ascii=False))
    except OSError:
        return False
    return True


def recall(token: str, folder: Path | str | None = None) -> LastArticle | None:
    """The article kept for ``token``, or None when there is none or the file is not ours."""
    path = _path(token, folder)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("version") != 1:
        return None
    input_id = data.get("input_id")
    if not isinstance(input_id, str):
        return None
    last = LastArticle(input_id)
    if last.sample is not None:
        return last
    a = data.get("article")
    if not isinstance(a, dict):
        return None
    fields = [a.get(k) for k in ("text", "title", "source", "kind")]
    notices = a.get("notices")
    if (not all(isinstance(v, str) for v in fields) or not isinstance(notices, list)
            or not all(isinstance(n, str) for n in notices)):
        return None
    text, title, source, kind = fields
    if not text.strip() or len(text) > _MAX_TEXT:
        return None
    return LastArticle(input_id, Article(text, title, source, kind, tuple(notices)))


def forget(token: str, folder: Path | str | None = None) -> None:
    path = _path(token, folder)
    if path is not None:
        path.unlink(missing_ok=True)
