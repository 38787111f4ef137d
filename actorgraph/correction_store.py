"""Where each browser's corrections are kept: one JSON file per token and article under a folder,
or the article store (``actorgraph.store``) when the app has one.

A *token* is a random string a browser holds in its URL (``?ag=…``): it names that browser's
corrections and nothing else, so one browser never sees another's. ``load`` returns None when
nothing was ever kept for the article (then corrections of the browser's other articles may be
carried over, see `actorgraph.corrections.carry_over`), and an empty list once the user undid
everything.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import Protocol

from .corrections import Corrections, CorrectionsError, from_dict, from_json, to_dict, to_json
from .store import Store

__all__ = ["CorrectionStore", "FileCorrectionStore", "DbCorrectionStore", "new_token",
           "valid_token", "default_dir", "write_atomically", "ENV_DIR"]

ENV_DIR = "ACTORGRAPH_CORRECTIONS_DIR"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_HASH = re.compile(r"[0-9a-f]{64}")


def new_token() -> str:
    return secrets.token_urlsafe(18)  # 24 characters, 144 random bits


def valid_token(token: object) -> bool:
    return isinstance(token, str) and _TOKEN.fullmatch(token) is not None


def default_dir() -> Path:
    """``$ACTORGRAPH_CORRECTIONS_DIR``, else ``actorgraph-corrections`` in the temporary folder."""
    value = os.environ.get(ENV_DIR, "").strip()
    return Path(value).expanduser() if value else Path(tempfile.gettempdir()) / "actorgraph-corrections"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (its folder made if need be) through a temporary file, so a
    crash never leaves half a file; OSError as it comes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _check(token: str, article_hash: str) -> None:
    # both end up in file names and queries: only the shapes we make are accepted
    if not valid_token(token) or not _HASH.fullmatch(article_hash):
        raise CorrectionsError("Corrections are kept by a browser token and an article hash; "
                               "one of them is malformed.")


class CorrectionStore(Protocol):
    carries_over: bool  # aliases and merges apply to the browser's next articles too
    where: str

    def load(self, token: str, article_hash: str) -> Corrections | None: ...

    def save(self, token: str, corrections: Corrections) -> None: ...

    def all(self, token: str) -> list[Corrections]: ...


class FileCorrectionStore:
    """``<folder>/<token>/<article hash>.json``, each the file `to_json` writes."""

    carries_over = False

    def __init__(self, folder: Path | str | None = None):
        self.folder = Path(folder) if folder is not None else default_dir()
        self.where = str(self.folder)

    def _path(self, token: str, article_hash: str) -> Path:
        _check(token, article_hash)
        return self.folder / token / f"{article_hash}.json"

    def load(self, token: str, article_hash: str) -> Corrections | None:
        path = self._path(token, article_hash)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise CorrectionsError(f"The kept corrections could not be read ({exc.strerror}).") from None
        try:
            return _for(from_json(data), article_hash)
        except CorrectionsError as exc:
            # keep the damaged file for the user, out of the way of the next save
            path.replace(path.with_suffix(".damaged.json"))
            raise CorrectionsError(f"The kept corrections of this article could not be read and "
                                   f"were set aside ({exc})") from None

    def save(self, token: str, corrections: Corrections) -> None:
        path = self._path(token, corrections.article)
        try:
            write_atomically(path, to_json(corrections))
        except OSError as exc:
            raise CorrectionsError(f"The corrections could not be saved in {self.folder} "
                                   f"({exc.strerror}); download them to keep them.") from None

    def all(self, token: str) -> list[Corrections]:
        if not valid_token(token):
            return []
        out = []
        for path in sorted((self.folder / token).glob("*.json"), key=_mtime):
            if path.name.endswith(".damaged.json"):
                continue
            try:
                out.append(from_json(path.read_bytes()))
            except (OSError, CorrectionsError):
                continue
        return out


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _for(corrections: Corrections, article_hash: str) -> Corrections:
    if corrections.article != article_hash:
        raise CorrectionsError("the file is for another article")
    return corrections


class DbCorrectionStore:
    """The ``corrections`` table of an article store (SQLite or PostgreSQL)."""

    carries_over = True

    def __init__(self, store: Store):
        self.store = store
        self.where = store.where

    def load(self, token: str, article_hash: str) -> Corrections | None:
        _check(token, article_hash)
        rows = self.store.corrections(token, article_hash)
        if not rows:
            return None
        return _for(from_dict(_as_dict(rows[-1])), article_hash)

    def save(self, token: str, corrections: Corrections) -> None:
        _check(token, corrections.article)
        self.store.save_corrections(token, corrections.article, corrections.title,
                                    to_dict(corrections))

    def all(self, token: str) -> list[Corrections]:
        if not valid_token(token):
            return []
        out = []
        for data in self.store.corrections(token):
            try:
                out.append(from_dict(_as_dict(data)))
            except CorrectionsError:
                continue
        return out


def _as_dict(data: object) -> object:
    return json.loads(data) if isinstance(data, str) else data
