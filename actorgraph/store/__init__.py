"""The article store: articles, merged actors, mentions and claims in SQLite or PostgreSQL.

    store = open_store("corpus.db")            # a file path: SQLite (created on first use)
    store = open_store("postgresql+psycopg://user@host/db")
    store.add(extraction, date, path=...)      # one transaction; None when already stored

Opening never changes a database that is not an ActorGraph store, nor one of a newer schema:
it raises `StoreError` with a message fit to show a user.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from ..dates import ArticleDate
from ..errors import ActorGraphError
from ..model import Actor, Extraction
from . import schema
from .schema import SCHEMA_VERSION

__all__ = ["Store", "StoreError", "StoredArticle", "open_store", "text_hash", "actor_key",
           "normalise_name", "SCHEMA_VERSION"]


class StoreError(ActorGraphError):
    """The store cannot be opened or used; nothing in it was changed."""


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: str
    title: str
    source: str
    path: str
    kind: str
    date: dt.date | None
    dated_by: str


_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")


def text_hash(text: str) -> str:
    """sha256 of the text with Unicode NFC and every run of white space made one space."""
    norm = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def normalise_name(name: str) -> str:
    """Case-folded words of a name, without a leading "the": "The  Houthis" → "houthis"."""
    words = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", name).casefold()).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return "_".join(words)


def actor_key(actor: Actor) -> str:
    """The corpus-wide id of an article's actor: its KB id, else normalised name and country."""
    if actor.source == "kb" and actor.kb_id:
        return actor.kb_id
    name = normalise_name(actor.label) or normalise_name(actor.id) or "actor"
    return f"{name}-{actor.country.lower()}" if actor.country else name


def _describe(url: sa.URL) -> str:
    if url.get_backend_name() == "sqlite":
        return url.database or "an in-memory SQLite store"
    return url.render_as_string(hide_password=True)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def _url(db: str, create: bool = True) -> sa.URL:
    if "://" in db:
        try:
            return sa.make_url(db)
        except sa_exc.ArgumentError:
            raise StoreError(f"{db!r} is not a database URL (e.g. postgresql+psycopg://user@host/db) "
                             "nor a file path.") from None
    path = Path(db).expanduser()
    if path.is_dir():
        raise StoreError(f"{db} is a folder; give the store a file name, e.g. {path / 'corpus.db'}.")
    if not create and not path.exists():
        raise StoreError(f"There is no store at {db}: run `python -m actorgraph batch … --db {db}` first.")
    if not path.parent.exists():
        raise StoreError(f"The folder {path.parent} does not exist; create it or choose another "
                         "place for the store.")
    return sa.URL.create("sqlite", database=str(path.resolve()))


def open_store(db: str, *, create: bool = True) -> Store:
    """Open (and on first use create) the store at ``db``: a file path or a SQLAlchemy URL."""
    url = _url(str(db), create)
    where = _describe(url)
    try:
        kw: dict = {}
        if url.get_backend_name() == "sqlite":
            kw["connect_args"] = {"timeout": 30}
        engine = sa.create_engine(url, **kw)
    except (sa_exc.NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"No database driver for {where}: {_first_line(exc)}. PostgreSQL URLs "
                         "start with postgresql+psycopg://") from None
    except sa_exc.ArgumentError as exc:
        raise StoreError(f"{where} is not a usable database URL: {_first_line(exc)}.") from None
    if url.get_backend_name() == "sqlite":
        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # foreign keys are off by default in SQLite
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
    store = Store(engine, where)
    try:
        store._check_or_create(create)
    except StoreError:
        engine.dispose()
        raise
    except sa_exc.DatabaseError as exc:
        engine.dispose()
        msg = _first_line(exc)
        if "not a database" in msg or "malformed" in msg:
            raise StoreError(f"{where} is not an ActorGraph store (not an SQLite database); "
                             "nothing was changed. Choose another file.") from None
        raise StoreError(f"Cannot open the store at {where}: {msg}.") from None
    except sa_exc.SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"Cannot open the store at {where}: {_first_line(exc)}.") from None
    return store


class Store:
    """One store; every write is one transaction (a failed write leaves nothing behind)."""

    def __init__(self, engine: sa.Engine, where: str):
        self.engine = engine
        self.where = where

    # ---- opening ---------------------------------------------------------------------------
    def _check_or_create(self, create: bool) -> None:
        try:
            conn = self.engine.connect()
        except sa_exc.OperationalError as exc:
            raise StoreError(f"Cannot reach the store at {self.where}: {_first_line(exc)}. "
                             "Check that the database server runs and the URL is right.") from None
        with conn:
            tables = set(sa.inspect(conn).get_table_names())
            if schema.meta.name in tables:
                rows = dict(conn.execute(sa.select(schema.meta.c.key, schema.meta.c.value)).all())
                if rows.get("app") != schema.APP:
                    raise StoreError(f"{self.where} is not an ActorGraph store; nothing was changed.")
                try:
                    version = int(rows.get("schema_version", ""))
                except ValueError:
                    raise StoreError(f"{self.where} has no readable schema version; "
                                     "nothing was changed.") from None
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.where} is a store of schema version {version}, newer than this "
                        f"ActorGraph reads ({SCHEMA_VERSION}); upgrade ActorGraph to open it. "
                        "Nothing was changed.")
                missing = {t.name for t in schema.metadata.sorted_tables} - tables
                if version < SCHEMA_VERSION:
                    missing = self._migrate(conn, version, missing)
                if missing:
                    raise StoreError(f"{self.where} lacks the tables {', '.join(sorted(missing))}; "
                                     "it is damaged. Nothing was changed.")
                return
            if tables:
                raise StoreError(f"{self.where} holds other tables ({', '.join(sorted(tables)[:5])}) "
                                 "and is not an ActorGraph store; nothing was changed. "
                                 "Choose an empty database or a new file.")
            if not create:
                raise StoreError(f"{self.where} is empty: there is no ActorGraph store there yet.")
        with self.engine.begin() as conn:
            schema.metadata.create_all(conn)
            conn.execute(schema.meta.insert(), [
                {"key": "app", "value": schema.APP},
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            ])

    def _migrate(self, conn: sa.Connection, version: int, missing: set[str]) -> set[str]:
        """Add the tables of the versions after ``version``; return the tables still missing."""
        added = {name for v, names in schema.ADDED_IN.items() if v > version for name in names}
        schema.metadata.create_all(conn, tables=[schema.metadata.tables[n]
                                                 for n in sorted(added & missing)])
        conn.execute(schema.meta.update().where(schema.meta.c.key == "schema_version")
                     .values(value=str(SCHEMA_VERSION)))
        conn.commit()  # the connection's transaction began with the version check
        return missing - added

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing ---------------------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The hashes among ``hashes`` whose article is already stored."""
        wanted = list(set(hashes))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                q = sa.select(schema.articles.c.hash).where(schema.articles.c.hash.in_(wanted[i:i + 500]))
                found.update(conn.execute(q).scalars())
        return found

    def add(self, extraction: Extraction, date: ArticleDate | None = None, *, path: str = "",
            digest: str | None = None) -> str | None:
        """Store one article with its actors, mentions and claims; its id, or None if stored already."""
        art = extraction.article
        digest = digest or text_hash(art.text)
        article_id = digest[:16]
        date = date or ArticleDate(None)
        t = schema
        try:
            with self.engine.begin() as conn:
                if conn.execute(sa.select(t.articles.c.id).where(t.articles.c.hash == digest)).first():
                    return None
                conn.execute(t.articles.insert().values(
                    id=article_id, hash=digest, title=art.title, source=art.source, path=path,
                    kind=art.kind, date=date.date, dated_by=date.source, text=art.text,
                    notices=list(extraction.notices or art.notices),
                    added_at=dt.datetime.now(dt.UTC).replace(tzinfo=None)))
                keys = {a.id: actor_key(a) for a in extraction.actors}
                merged: dict[str, Actor] = {}
                for a in extraction.actors:
                    merged.setdefault(keys[a.id], a)
                existing = set()
                ids = list(merged)
                for i in range(0, len(ids), 500):
                    existing.update(conn.execute(sa.select(t.actors.c.id).where(
                        t.actors.c.id.in_(ids[i:i + 500]))).scalars())
                new = [{"id": k, "label": a.label, "type": a.type, "country": a.country or "",
                        "kb_id": a.kb_id} for k, a in merged.items() if k not in existing]
                if new:
                    conn.execute(t.actors.insert(), new)
                seen: set[str] = set()
                rows, spans = [], []
                for seq, a in enumerate(extraction.actors):
                    if a.id in seen:
                        continue
                    seen.add(a.id)
                    rows.append({"article_id": article_id, "local_id": a.id, "actor_id": keys[a.id],
                                 "label": a.label, "type": a.type, "country": a.country or "",
                                 "kb_id": a.kb_id, "source": a.source, "mentions": list(a.mentions),
                                 "mention_count": len(a.spans) if a.spans else len(a.mentions),
                                 "seq": seq})
                    spans.extend({"article_id": article_id, "local_id": a.id, "text": m.text,
                                  "start_char": m.start, "end_char": m.end, "sentence": m.sentence}
                                 for m in a.spans)
                if rows:
                    conn.execute(t.article_actors.insert(), rows)
                if spans:
                    conn.execute(t.mentions.insert(), spans)
                claims = [{
                    "article_id": article_id, "seq": seq,
                    "source_id": keys[r.source], "target_id": keys[r.target],
                    "source_local": r.source, "target_local": r.target,
                    "relation": r.relation, "directed": bool(r.directed),
                    "confidence": float(r.confidence), "sentence": r.evidence.sentence,
                    "sentence_index": r.evidence.sentence_index, "start_char": r.evidence.start,
                    "end_char": r.evidence.end, "cue": r.evidence.cue, "rule": r.evidence.rule,
                } for seq, r in enumerate(extraction.relations) if r.source in keys and r.target in keys]
                if claims:
                    conn.execute(t.claims.insert(), claims)
                if path:
                    conn.execute(t.failures.delete().where(t.failures.c.path == path))
        except sa_exc.IntegrityError as exc:
            # stored meanwhile by another writer: the article is there, which is what was wanted
            if self.known_hashes([digest]):
                return None
            raise StoreError(f"Could not store {art.source}: {_first_line(exc)}.") from None
        except sa_exc.SQLAlchemyError as exc:
            raise StoreError(f"Could not write to the store at {self.where}: {_first_line(exc)}.") from None
        return article_id

    def record_failure(self, path: str, message: str) -> None:
        """Remember that ``path`` could not be read or analysed, and why (the batch goes on)."""
        with self.engine.begin() as conn:
            conn.execute(schema.failures.delete().where(schema.failures.c.path == path))
            conn.execute(schema.failures.insert().values(
                path=path, message=message, at=dt.datetime.now(dt.UTC).replace(tzinfo=None)))

    # ---- the users' corrections (by browser token and article hash) -------------------------
    def save_corrections(self, token: str, article_hash: str, title: str, data: dict) -> None:
        """Keep one browser's corrections of one article (replacing the ones kept before)."""
        c = schema.corrections
        key = (c.c.token == token) & (c.c.article_hash == article_hash)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        try:
            with self.engine.begin() as conn:
                conn.execute(c.delete().where(key))
                conn.execute(c.insert().values(token=token, article_hash=article_hash,
                                               title=title, data=data, updated_at=now))
        except sa_exc.SQLAlchemyError as exc:
            raise StoreError(f"Could not save the corrections in the store at {self.where}: "
                             f"{_first_line(exc)}.") from None

    def corrections(self, token: str, article_hash: str | None = None) -> list[dict]:
        """The browser's kept corrections (``data`` of each article, oldest first); only those of
        ``article_hash`` when given."""
        c = schema.corrections
        q = sa.select(c.c.article_hash, c.c.data).where(c.c.token == token)
        if article_hash is not None:
            q = q.where(c.c.article_hash == article_hash)
        try:
            with self.engine.connect() as conn:
                return [r.data for r in conn.execute(q.order_by(c.c.updated_at, c.c.article_hash))]
        except sa_exc.SQLAlchemyError as exc:
            raise StoreError(f"Could not read the corrections in the store at {self.where}: "
                             f"{_first_line(exc)}.") from None

    # ---- reading ---------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(sa.select(sa.func.count()).select_from(tbl)).scalar_one()
                    for name, tbl in (("articles", schema.articles), ("actors", schema.actors),
                                      ("mentions", schema.mentions), ("claims", schema.claims),
                                      ("failures", schema.failures))}

    def failures(self) -> list[tuple[str, str]]:
        with self.engine.connect() as conn:
            q = sa.select(schema.failures.c.path, schema.failures.c.message).order_by(schema.failures.c.path)
            return [tuple(r) for r in conn.execute(q)]

    def articles(self, since: dt.date | None = None, until: dt.date | None = None) -> list[StoredArticle]:
        """Stored articles, oldest first (undated last), within the dates when given."""
        a = schema.articles
        q = sa.select(a.c.id, a.c.title, a.c.source, a.c.path, a.c.kind, a.c.date, a.c.dated_by)
        q = _date_filter(q, a.c.date, since, until)
        q = q.order_by(a.c.date.is_(None), a.c.date, a.c.id)
        with self.engine.connect() as conn:
            return [StoredArticle(*r) for r in conn.execute(q)]

    def article_text(self, article_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(schema.articles.c.text)
                                .where(schema.articles.c.id == article_id)).scalar_one_or_none()

    def article_actors(self, article_ids: Iterable[str] | None = None) -> list[dict]:
        """Each article's actors (article_id, local_id, actor_id, label, type, country, …)."""
        aa = schema.article_actors
        q = sa.select(aa).order_by(aa.c.article_id, aa.c.seq)
        return self._rows(q, aa.c.article_id, article_ids)

    def claims(self, article_ids: Iterable[str] | None = None) -> list[dict]:
        """Claims (with their article's id), in article then extraction order."""
        c = schema.claims
        q = sa.select(c).order_by(c.c.article_id, c.c.seq)
        return self._rows(q, c.c.article_id, article_ids)

    def actors(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(schema.actors).order_by(schema.actors.c.id))]

    def _rows(self, q, col, ids: Iterable[str] | None) -> list[dict]:
        with self.engine.connect() as conn:
            if ids is None:
                return [dict(r._mapping) for r in conn.execute(q)]
            ids = list(ids)
            out: list[dict] = []
            for i in range(0, len(ids), 500):
                out.extend(dict(r._mapping) for r in conn.execute(q.where(col.in_(ids[i:i + 500]))))
            return out


def _date_filter(q, col, since: dt.date | None, until: dt.date | None):
    if since is not None:
        q = q.where(col >= since)
    if until is not None:
        q = q.where(col <= until)
    return q
