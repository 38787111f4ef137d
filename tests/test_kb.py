"""The shipped knowledge base: its files are well formed, consistent and know the world."""
from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from actorgraph.kb import (
    DATA_DIR,
    ENTRY_FILES,
    IMPORTED_ENTRY_FILES,
    IMPORTED_PERSON_FILE,
    PERSON_FILE,
    PERSON_FILES,
    Entry,
    Person,
    is_valid_country,
    load_kb,
    read_kb,
)
from actorgraph.model import ACTOR_TYPES

ALL_FILES = (*ENTRY_FILES, *PERSON_FILES)
ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
GROUP_TYPES = {"armed_group", "militia", "rebel_coalition", "party", "military", "government"}
EXACT_KINDS = ("acronyms", "demonyms", "metonyms")
# Words that name a kind of actor, not one actor: never an alias on their own.
GENERIC_WORDS = {
    "government", "army", "rebels", "rebel", "militia", "militias", "forces", "coalition",
    "junta", "regime", "police", "state", "group", "groups", "military", "troops",
    "soldiers", "fighters", "insurgents", "militants", "jihadists", "islamists",
    "separatists", "terrorists", "gangs", "gang", "cartel", "cartels", "guerrillas",
    "authorities", "administration", "alliance", "movement", "party", "front", "brigade",
    "brigades", "resistance", "opposition", "security forces", "armed forces",
    "the army", "the government", "the rebels", "the militia", "the group", "paramilitary",
    "paramilitaries", "council", "union", "organisation", "organization", "republic",
    "kingdom", "emirate", "caliphate", "mujahideen",
}
# UN member states, ISO 3166-1 alpha-3.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK
COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD
GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ
LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE
MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF
SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA
USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()
OBSERVERS_AND_OTHERS = ("VAT", "PSE", "XKX", "TWN")


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    """Every file's rows, as written (dicts, in file order)."""
    out = {}
    for name in ALL_FILES:
        with (DATA_DIR / name).open(encoding="utf-8") as fh:
            out[name] = [json.loads(line) for line in fh if line.strip()]
    return out


def _surfaces(e: Entry):
    """(text, exact) for every string of ``e``; ``exact`` strings match case-sensitively."""
    for s in (e.name, *e.aliases):
        yield s, False
    for kind in EXACT_KINDS:
        for s in getattr(e, kind):
            yield s, True


def _claims(entries) -> dict[str, list[tuple[str, str, bool]]]:
    """Case-folded text → [(entry id, text, exact)] over all entries."""
    out = defaultdict(list)
    for e in entries:
        for s, exact in set(_surfaces(e)):
            out[s.casefold()].append((e.id, s, exact))
    return out


def _clash(a: tuple[str, str, bool], b: tuple[str, str, bool]) -> bool:
    """Two claims on one case-folded text clash unless both are exact and differ in case."""
    return a[0] != b[0] and (not a[2] or not b[2] or a[1] == b[1])


# --- the files ----------------------------------------------------------------------------

def test_kb_files_exist_and_parse(rows):
    for name in ALL_FILES:
        assert rows[name], f"{name} is empty"


def test_kb_files_sorted_by_id(rows):
    for name, rs in rows.items():
        ids = [r["id"] for r in rs]
        assert ids == sorted(ids), f"{name} is not sorted by id"


def test_kb_only_known_keys_in_field_order(rows):
    entry_keys = [f.name for f in dataclasses.fields(Entry)]
    person_keys = [f.name for f in dataclasses.fields(Person)]
    for name, rs in rows.items():
        known = person_keys if name in PERSON_FILES else entry_keys
        for r in rs:
            keys = list(r)
            assert set(keys) <= set(known), f"{name} {r['id']}: unknown {set(keys) - set(known)}"
            assert keys == [k for k in known if k in r], f"{name} {r['id']}: key order {keys}"
            for k, v in r.items():
                if isinstance(v, list):
                    assert v, f"{name} {r['id']}: empty {k} (leave the key out)"
                    assert len(set(v)) == len(v), f"{name} {r['id']}: repeated string in {k}"
                    for s in v:
                        assert isinstance(s, str) and s == s.strip() and s, (name, r["id"], k, s)


def test_kb_ids_unique_across_all_files(rows):
    seen: dict[str, str] = {}
    for name, rs in rows.items():
        for r in rs:
            assert r["id"] not in seen, f"id {r['id']!r} in {seen.get(r['id'])} and {name}"
            seen[r["id"]] = name


def test_kb_id_format(rows):
    for rs in rows.values():
        for r in rs:
            assert ID_RE.match(r["id"]), r["id"]


def test_kb_loader_rejects_duplicate_ids(tmp_path: Path):
    row = {"id": "dup", "name": "Dup", "type": "armed_group", "country": "INT"}
    (tmp_path / "states.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (tmp_path / "groups.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate id"):
        read_kb(tmp_path)


def test_kb_loader_rejects_duplicate_person_ids(tmp_path: Path):
    row = {"id": "p", "name": "P", "represents": "x"}
    (tmp_path / "persons.jsonl").write_text(json.dumps(row) + "\n" + json.dumps(row) + "\n",
                                            encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate id"):
        read_kb(tmp_path)


def test_kb_loader_names_broken_line(tmp_path: Path):
    (tmp_path / "igos.jsonl").write_text('{"id": "x",\n', encoding="utf-8")
    with pytest.raises(ValueError, match="igos.jsonl:1"):
        read_kb(tmp_path)


def test_kb_loads_every_row(kb, rows):
    assert len(kb.entries) == sum(len(rows[n]) for n in ENTRY_FILES)
    assert len(kb.persons) == sum(len(rows[n]) for n in PERSON_FILES)


def test_kb_holds_at_least_3000_actors(kb, rows):
    assert len(kb.entries) + len(kb.persons) >= 3000
    for name in (*IMPORTED_ENTRY_FILES, IMPORTED_PERSON_FILE):
        assert len(rows[name]) >= 30, name  # the import ran and was kept


# --- entries ------------------------------------------------------------------------------

def test_kb_types_are_actor_types(kb):
    for e in kb.entries.values():
        assert e.type in ACTOR_TYPES and e.type != "person", (e.id, e.type)


def test_kb_countries_valid(kb):
    for e in kb.entries.values():
        assert is_valid_country(e.country), (e.id, e.country)


def test_kb_file_holds_its_kinds(rows):
    assert {r["type"] for r in rows["states.jsonl"]} == {"state"}
    for name in ENTRY_FILES:
        if name != "states.jsonl":
            assert "state" not in {r["type"] for r in rows[name]}, name
    for name in ("igos.jsonl", "petrarch_igos.jsonl"):
        for r in rows[name]:
            assert r["type"] != "igo" or r["country"] == "INT", r["id"]
    assert {r["type"] for r in rows["petrarch_igos.jsonl"]} == {"igo"}
    assert {r["type"] for r in rows["petrarch_groups.jsonl"]} == {"armed_group"}
    for name in ("organs.jsonl", "petrarch_organs.jsonl"):
        for r in rows[name]:
            assert r.get("acts_for") and r["type"] in ("government", "military"), (name, r["id"])
    for name in ENTRY_FILES:
        if name not in ("organs.jsonl", "petrarch_organs.jsonl"):
            assert not [r["id"] for r in rows[name] if "acts_for" in r], name


def test_kb_organs_act_for_their_own_state(kb):
    """"The Treasury's OFAC", "the Defense Department": a state's organ names the state."""
    for e in kb.entries.values():
        if e.acts_for is not None:
            state = kb.entries[e.acts_for]
            assert state.type == "state" and state.country == e.country, e.id
    for text, state in (("OFAC", "united_states"), ("Department of State", "united_states"),
                        ("Foreign Office", "united_kingdom"), ("MI6", "united_kingdom")):
        (target,) = _resolve(kb, text)
        assert kb.entries[target].acts_for == state, text


def test_kb_states_cover_the_un_and_observers(kb):
    states = [e for e in kb.entries.values() if e.type == "state"]
    codes = [e.country for e in states]
    assert len(codes) == len(set(codes)), "two states share a code"
    assert len(UN_MEMBERS) == 193 and len(set(UN_MEMBERS)) == 193
    missing = set(UN_MEMBERS) - set(codes)
    assert not missing, f"UN members missing: {sorted(missing)}"
    for code in OBSERVERS_AND_OTHERS:
        assert code in codes
    assert len(states) >= 197


def test_kb_demonyms_and_metonyms_belong_to_states_and_igos(kb):
    for e in kb.entries.values():
        if e.type != "state":
            assert not e.demonyms, e.id
        if e.type not in ("state", "igo"):
            assert not e.metonyms, e.id


def test_kb_parents_exist(kb):
    for e in kb.entries.values():
        if e.parent is not None:
            assert e.parent in kb.entries, (e.id, e.parent)
            assert e.parent != e.id


def test_kb_parent_chains_end(kb):
    for e in kb.entries.values():
        seen = {e.id}
        p = e.parent
        while p is not None:
            assert p not in seen, f"parent cycle through {e.id}"
            seen.add(p)
            p = kb.entries[p].parent


def test_kb_group_counts(rows):
    groups = [r for r in rows["groups.jsonl"] if r["type"] in GROUP_TYPES]
    assert len(groups) >= 150
    tags = {t for r in rows["groups.jsonl"] for t in r.get("conflicts", ())}
    assert len(tags) >= 15
    assert len(rows["igos.jsonl"]) >= 25
    assert len(rows[PERSON_FILE]) >= 80


def test_kb_groups_carry_conflict_tags(rows):
    """Hand-written groups all have one; imported ones when their country has two groups."""
    for r in rows["groups.jsonl"] + rows["petrarch_groups.jsonl"]:
        if r not in rows["groups.jsonl"] and "conflicts" not in r:
            continue
        assert r.get("conflicts"), f"{r['id']} has no conflict tag"
        for t in r["conflicts"]:
            assert re.match(r"^[a-z]+(?:-[a-z]+)*$", t), (r["id"], t)


def test_kb_conflict_tags_shared(rows):
    """Tags are a small vocabulary: each names a conflict more than one entry is part of."""
    count = defaultdict(int)
    for name in ENTRY_FILES:
        for r in rows[name]:
            for t in r.get("conflicts", ()):
                count[t] += 1
    assert not [t for t, n in count.items() if n < 2], count


# --- surface strings ----------------------------------------------------------------------

def test_kb_no_string_claimed_twice_unless_ambiguous(kb):
    """A string two entries claim must be in both entries' ``ambiguous``.

    Aliases and names compare case-insensitively with everything (an alias equal to another
    entry's acronym counts); acronyms, demonyms and metonyms compare exactly among themselves.
    """
    amb = {e.id: {s.casefold() for s in e.ambiguous} for e in kb.entries.values()}
    problems = []
    for key, claims in _claims(kb.entries.values()).items():
        for i, a in enumerate(claims):
            for b in claims[i + 1:]:
                if _clash(a, b) and (key not in amb[a[0]] or key not in amb[b[0]]):
                    problems.append((a[1], a[0], b[0]))
    assert not problems, f"strings claimed twice, not marked ambiguous: {sorted(set(problems))}"


def test_kb_ambiguous_strings_are_the_entrys_own(kb):
    for e in kb.entries.values():
        own = {s.casefold() for s, _ in _surfaces(e)}
        for s in e.ambiguous:
            assert s.casefold() in own, (e.id, s)


def test_kb_no_string_twice_within_an_entry(kb):
    for e in kb.entries.values():
        for kind in ("aliases", *EXACT_KINDS):
            vals = getattr(e, kind)
            folded = [s.casefold() for s in vals] if kind == "aliases" else list(vals)
            assert len(folded) == len(set(folded)), (e.id, kind)


def test_kb_aliases_are_not_common_words(kb):
    for e in kb.entries.values():
        for s in (e.name, *e.aliases):
            low = s.casefold()
            assert low not in STOP_WORDS, (e.id, s)
            assert low not in GENERIC_WORDS, (e.id, s)
            assert len(low) >= 2, (e.id, s)


def test_kb_exact_strings_look_like_names(kb):
    for e in kb.entries.values():
        for kind in EXACT_KINDS:
            for s in getattr(e, kind):
                assert s.casefold() not in GENERIC_WORDS, (e.id, kind, s)
                assert s[0].isupper() or s[0].isdigit() or s.startswith("the "), (e.id, kind, s)


# --- persons ------------------------------------------------------------------------------

def test_kb_persons_represent_existing_entries(kb):
    for p in kb.persons.values():
        assert p.represents in kb.entries, (p.id, p.represents)
        assert p.role, p.id


def test_kb_person_years(kb):
    for p in kb.persons.values():
        for y in (p.since, p.until):
            assert y is None or (isinstance(y, int) and 1950 <= y <= 2026), (p.id, y)
        if p.since is not None and p.until is not None:
            assert p.since <= p.until, p.id
        assert p.until is None or p.until >= 2011, f"{p.id} left before 2011"


def test_kb_person_strings_unique(kb):
    claims = _claims(kb.entries.values())
    seen: dict[str, str] = {}
    for p in kb.persons.values():
        strings = (p.name, *p.aliases)
        assert len(set(strings)) == len(strings), p.id
        for s in strings:
            assert s not in seen, f"{s!r} names {seen.get(s)} and {p.id}"
            seen[s] = p.id
            for eid, text, exact in claims.get(s.casefold(), ()):
                assert exact and text != s, f"person {p.id} string {s!r} is also {eid}'s"
            assert s.casefold() not in STOP_WORDS, (p.id, s)
            assert s[0].isupper() or s.startswith(("al-", "el-", "bin ", "von ")), (p.id, s)


# --- knowledge ----------------------------------------------------------------------------

def _resolve(kb, text: str) -> set[str]:
    """Ids of the entries a string names, the way the matcher sees it."""
    out = set()
    for f in kb.surface_forms():
        if f.kind == "person":
            continue
        if (f.text == text) if f.case_sensitive else (f.text.casefold() == text.casefold()):
            out.add(f.target)
    return out


def _person(kb, text: str):
    for p in kb.persons.values():
        if text == p.name or text in p.aliases:
            return p
    raise AssertionError(f"no person called {text!r}")


@pytest.mark.parametrize("text, expected", [
    ("Ankara", "turkey"), ("the Kremlin", "russia"), ("Kremlin", "russia"),
    ("Turkish", "turkey"), ("Turks", "turkey"), ("Türkiye", "turkey"),
    ("Washington", "united_states"), ("US", "united_states"), ("U.S.", "united_states"),
    ("Americans", "united_states"), ("the Pentagon", "united_states"),
    ("Russian Federation", "russia"), ("Islamic Republic of Iran", "iran"),
    ("Tehran", "iran"), ("Kyiv", "ukraine"), ("Kiev", "ukraine"), ("UK", "united_kingdom"),
    ("Downing Street", "united_kingdom"), ("Britain", "united_kingdom"),
    ("UAE", "united_arab_emirates"), ("Emirati", "united_arab_emirates"),
    ("Saudis", "saudi_arabia"), ("Riyadh", "saudi_arabia"), ("DRC", "dr_congo"),
    ("Democratic Republic of the Congo", "dr_congo"), ("Ivory Coast", "ivory_coast"),
    ("Côte d'Ivoire", "ivory_coast"), ("Burma", "myanmar"), ("Naypyidaw", "myanmar"),
    ("Rawalpindi", "pakistan"), ("Tel Aviv", "israel"), ("Israelis", "israel"),
    ("Brussels", "european_union"), ("Khartoum", "sudan"), ("Syrians", "syria"),
    ("Damascus", "syria"), ("Taipei", "taiwan"), ("PRC", "china"), ("DPRK", "north_korea"),
    ("Pristina", "kosovo"), ("Vatican", "holy_see"), ("Ramallah", "palestine"),
])
def test_kb_state_strings(kb, text, expected):
    assert _resolve(kb, text) == {expected}


def test_kb_ambiguous_strings_are_marked(kb):
    for text in ("Tripoli", "Sanaa", "Congo", "Congolese", "America"):
        targets = _resolve(kb, text)
        assert targets, text
        for t in targets:
            assert text.casefold() in {s.casefold() for s in kb.entries[t].ambiguous}, (t, text)
    assert "Jerusalem" not in {f.text for f in kb.surface_forms()}


@pytest.mark.parametrize("text, country, types", [
    ("Hezbollah", "LBN", {"armed_group"}), ("Hizballah", "LBN", {"armed_group"}),
    ("ISIS", "INT", {"armed_group"}), ("Daesh", "INT", {"armed_group"}),
    ("al-Qaida", "INT", {"armed_group"}), ("RSF", "SDN", {"armed_group"}),
    ("Sudanese Armed Forces", "SDN", {"military"}), ("M23", "COD", {"armed_group"}),
    ("Houthis", "YEM", {"armed_group"}), ("Ansar Allah", "YEM", {"armed_group"}),
    ("NATO", "INT", {"igo"}), ("Nujabaa", "IRQ", {"militia"}), ("Badr", "IRQ", {"militia"}),
    ("Hashd al-Shaabi", "IRQ", {"militia"}), ("Peshmerga", "IRQ", {"military"}),
    ("PKK", "TUR", {"armed_group"}), ("HTS", "SYR", {"armed_group"}),
    ("JNIM", "MLI", {"armed_group"}), ("ISWAP", "NGA", {"armed_group"}),
    ("Tatmadaw", "MMR", {"military"}), ("IRGC", "IRN", {"military"}),
    ("IDF", "ISR", {"military"}), ("Wagner Group", "RUS", {"armed_group"}),
    ("ELN", "COL", {"armed_group"}), ("TTP", "PAK", {"armed_group"}),
    ("Saudi-led coalition", "SAU", {"military"}), ("UN", "INT", {"igo"}),
    ("African Union", "INT", {"igo"}), ("Arab League", "INT", {"igo"}),
])
def test_kb_group_strings(kb, text, country, types):
    targets = _resolve(kb, text)
    assert len(targets) == 1, (text, targets)
    e = kb.entries[targets.pop()]
    assert e.country == country and e.type in types, (text, e)


def test_kb_memberships(kb):
    assert kb.entries["qassam_brigades"].parent == "hamas"
    assert kb.entries["quds_force"].parent == "irgc"
    assert kb.entries["un_security_council"].parent == "united_nations"
    assert kb.entries["harakat_al_nujaba"].parent == "popular_mobilization_forces"
    assert kb.entries["jnim"].parent == "al_qaeda"
    assert kb.entries["iswap"].parent == "islamic_state"


def test_kb_known_persons(kb):
    cases = {
        "Assad": "syria", "Putin": "russia", "Erdogan": "turkey", "Erdoğan": "turkey",
        "Netanyahu": "israel", "Zelenskyy": "ukraine", "Khamenei": "iran",
        "Nasrallah": "hezbollah", "Hemedti": "rapid_support_forces",
        "Burhan": "sudanese_armed_forces", "Haftar": "libyan_national_army",
        "Sinwar": "hamas", "Jolani": "hts", "al-Sharaa": "syria",
        "Min Aung Hlaing": "tatmadaw", "Fidan": "turkey", "Araqchi": "iran",
        "Abbas Araqchi": "iran", "Abdul-Malik al-Houthi": "houthis",
        "Guterres": "united_nations", "Yahya Saree": "houthis",
    }
    for text, rep in cases.items():
        assert _person(kb, text).represents == rep, text
    assert _person(kb, "Assad").until == 2024
    assert _person(kb, "al-Sharaa").until is None
