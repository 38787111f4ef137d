"""The actor knowledge base: states, armed groups, international bodies and the people who
speak for them, read from the JSON Lines files in ``data/``.

Knowledge about the world lives in those files, never in code. Each line is one entry:

    {"id": "hezbollah", "name": "Hezbollah", "type": "armed_group", "country": "LBN",
     "aliases": ["Hezbollah", "Hizbollah"], "acronyms": [], "conflicts": ["lebanon-israel", "syria"]}

``aliases`` match case-insensitively, ``acronyms`` only as written; ``demonyms`` ("Turkish",
"Turks") and ``metonyms`` ("Ankara", "the Kremlin") belong to states; ``ambiguous`` lists the
aliases another entry may claim too; ``parent`` names an umbrella entry (membership).
Persons (``persons.jsonl``) carry ``represents``: the entry they speak for.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterator

import pycountry

DATA_DIR = Path(__file__).parent / "data"
ENTRY_FILES = ("states.jsonl", "groups.jsonl", "igos.jsonl")
PERSON_FILE = "persons.jsonl"
INTERNATIONAL = "INT"
# Codes pycountry lacks that the base uses: Kosovo's user-assigned code.
EXTRA_COUNTRIES = {"XKX": "Kosovo", INTERNATIONAL: "International"}


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str
    type: str
    country: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    represents: str  # id of the entry the person speaks for
    role: str = ""
    aliases: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """One string the matcher looks for, and what it stands for."""

    text: str
    target: str  # entry id, or person id when kind == "person"
    kind: str  # name | acronym | demonym | metonym | person
    case_sensitive: bool


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one base per process
class KnowledgeBase:
    entries: dict[str, Entry]
    persons: dict[str, Person]

    def state_of(self, country: str) -> Entry | None:
        """The state entry whose code is ``country``."""
        return _states_by_code(self).get(country)

    def surface_forms(self) -> Iterator[SurfaceForm]:
        for e in self.entries.values():
            for a in e.aliases:
                yield SurfaceForm(a, e.id, "name", False)
            if e.name not in e.aliases:
                yield SurfaceForm(e.name, e.id, "name", False)
            for a in e.acronyms:
                yield SurfaceForm(a, e.id, "acronym", True)
            for d in e.demonyms:
                yield SurfaceForm(d, e.id, "demonym", True)
            for m in e.metonyms:
                yield SurfaceForm(m, e.id, "metonym", True)
        for p in self.persons.values():
            for a in (p.name, *p.aliases):
                yield SurfaceForm(a, p.id, "person", True)


@cache
def _states_by_code(kb: KnowledgeBase) -> dict[str, Entry]:
    return {e.country: e for e in kb.entries.values() if e.type == "state"}


def _read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if line:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:  # a broken data file is a bug: say where
                    raise ValueError(f"{path.name}:{n}: {exc}") from exc


def _tuples(row: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in row.items()}


def read_kb(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """Read the base from ``data_dir`` (no caching; see ``load_kb``)."""
    entries: dict[str, Entry] = {}
    for name in ENTRY_FILES:
        path = data_dir / name
        if path.exists():
            for row in _read_jsonl(path):
                entry = Entry(**_tuples(row))
                if entry.id in entries:
                    raise ValueError(f"{name}: duplicate id {entry.id!r}")
                entries[entry.id] = entry
    persons: dict[str, Person] = {}
    path = data_dir / PERSON_FILE
    if path.exists():
        for row in _read_jsonl(path):
            person = Person(**_tuples(row))
            if person.id in persons:
                raise ValueError(f"{PERSON_FILE}: duplicate id {person.id!r}")
            persons[person.id] = person
    return KnowledgeBase(entries=entries, persons=persons)


@cache
def load_kb() -> KnowledgeBase:
    """The shipped base, read once per process."""
    return read_kb()


@cache
def country_name(code: str) -> str:
    """Display name of an ISO alpha-3 code ("TUR" → "Turkey"); "" for unknown."""
    if not code:
        return ""
    if code in EXTRA_COUNTRIES:
        return EXTRA_COUNTRIES[code]
    state = load_kb().state_of(code)
    if state is not None:  # the base's common name: "Turkey", "Russia", not "Russian Federation"
        return state.name
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


def is_valid_country(code: str) -> bool:
    return code in EXTRA_COUNTRIES or pycountry.countries.get(alpha_3=code) is not None
