"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

``actorgraph_meta`` holds the schema version, so that a later change can migrate an older store
and an older ActorGraph refuses a newer one. Articles are keyed by the hash of their normalised
text; actors are the merged, corpus-wide actors; ``article_actors`` keeps each article's own
actor ids (traceable to the merged one); claims keep sentence, rule and confidence.
``corrections`` keeps each browser's corrections of an article (see actorgraph/corrections.py),
by the browser's token and the article's hash.
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer,
                        MetaData, String, Table, Text)

SCHEMA_VERSION = 2  # 2: the corrections table
# tables added by each version: an older store gets them when opened (nothing else changes)
ADDED_IN = {2: ("corrections",)}
APP = "actorgraph"

metadata = MetaData()

meta = Table(
    "actorgraph_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(16), primary_key=True),  # the first 16 hex digits of the hash
    Column("hash", String(64), nullable=False, unique=True),  # sha256 of the normalised text
    Column("title", Text, nullable=False),
    Column("source", Text, nullable=False),  # file name (or "pasted text")
    Column("path", Text, nullable=False),  # where the batch read it
    Column("kind", String(16), nullable=False),
    Column("date", Date, nullable=True),
    Column("dated_by", String(16), nullable=False),  # manifest | metadata | text | ""
    Column("text", Text, nullable=False),
    Column("notices", JSON, nullable=False),
    Column("added_at", DateTime, nullable=False),
)
Index("ix_articles_date", articles.c.date)

actors = Table(
    "actors", metadata,
    Column("id", String(300), primary_key=True),  # the KB id, else normalised name + country
    Column("label", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("country", String(8), nullable=False),
    Column("kb_id", String(200), nullable=True),
)

article_actors = Table(
    "article_actors", metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("local_id", String(300), primary_key=True),  # the actor's id in the article's own graph
    Column("actor_id", String(300), ForeignKey("actors.id"), nullable=False),
    Column("label", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("country", String(8), nullable=False),
    Column("kb_id", String(200), nullable=True),
    Column("source", String(16), nullable=False),
    Column("mentions", JSON, nullable=False),  # distinct surface strings, first appearance first
    Column("mention_count", Integer, nullable=False),
    Column("seq", Integer, nullable=False),  # order in the extraction
)
Index("ix_article_actors_actor", article_actors.c.actor_id)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(300), nullable=False),
    Column("text", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("sentence", Integer, nullable=False),
)
Index("ix_mentions_article", mentions.c.article_id)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),  # order in the extraction
    Column("source_id", String(300), ForeignKey("actors.id"), nullable=False),
    Column("target_id", String(300), ForeignKey("actors.id"), nullable=False),
    Column("source_local", String(300), nullable=False),
    Column("target_local", String(300), nullable=False),
    Column("relation", String(32), nullable=False),
    Column("directed", Boolean, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("cue", Text, nullable=False),
    Column("rule", String(100), nullable=False),
)
Index("ix_claims_article", claims.c.article_id)

failures = Table(
    "failures", metadata,
    Column("path", String(1000), primary_key=True),
    Column("message", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)

corrections = Table(
    "corrections", metadata,
    Column("token", String(64), primary_key=True),  # the browser's token (from its URL)
    Column("article_hash", String(64), primary_key=True),  # sha256 of the normalised text
    Column("title", Text, nullable=False),
    Column("data", JSON, nullable=False),  # actorgraph.corrections.to_dict
    Column("updated_at", DateTime, nullable=False),
)
