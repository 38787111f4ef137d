"""Import the Phoenix actor dictionaries of PETRARCH2 into the knowledge base.

    .venv/bin/python tools/import_petrarch_actors.py [--source DIR] [--out DIR] [--report]

Reads ``Phoenix.MilNonState.actors.txt``, ``Phoenix.International.actors.txt`` and
``Phoenix.Countries.actors.txt`` (formats: ``dictionaries.rst`` beside them; MIT, see
``actorgraph/kb/data/LICENSE.petrarch2``) and writes the derived files of
``actorgraph/kb/data/``, replacing them whole (the hand-written files are never written):

- ``petrarch_groups.jsonl``  armed non-state groups (role codes REB, INS; the dictionary's
  ``IMG`` list only where a name says it is an organisation: it mixes members and groups);
- ``petrarch_igos.jsonl``    intergovernmental organisations and their bodies (``IGO…``);
  NGOs and companies are left out: they are rarely parties to a conflict;
- ``petrarch_organs.jsonl``  state institutions (ministries, commands, agencies) that act for
  their state (``acts_for``): "the U.S. Department of the Treasury" is the United States;
- ``petrarch_persons.jsonl`` office-holders (role codes GOV, MIL, SPY, COP of a state, or of an
  IGO) whose office lasted into 2011 or later, with the years of that office.

Merging with the hand-written base (which stays authoritative): a record sharing a name or
alias with a hand-written entry is that entry and is skipped; an imported string another
hand-written entry or person already claims is dropped; a string two imported entries claim is
marked ``ambiguous`` on both; a person string two people claim is dropped from both.

Filters (general rules, data in ``tools/petrarch_import.json``):
- strings of fewer than three letters, and one-word strings that are common English words
  (wordfreq Zipf frequency >= ``min_zipf_common_word``, e.g. "Kach" stays, "Provos" goes);
- names made only of descriptor words and generic actor nouns ("Revolutionary Brigades",
  "Popular Resistance", "People's Liberation Army"): they name a kind, not one actor;
- strings with a person's title ("President Karzai") or a person named inside a group;
- acronyms only from brackets in the dictionary ("(ETA)") or one-word upper-case synonyms of
  organisations, three to eight characters, not a common word;
- persons: full names only, plus the one-word surnames the dictionary itself lists when they
  are not common words and no one else has them.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actorgraph.kb import DATA_DIR, read_kb  # noqa: E402

SOURCE = ROOT.parent / "shared" / "reference" / "petrarch2"
RULES = json.loads((Path(__file__).parent / "petrarch_import.json").read_text(encoding="utf-8"))
OUT_FILES = {"groups": "petrarch_groups.jsonl", "igos": "petrarch_igos.jsonl",
             "organs": "petrarch_organs.jsonl", "persons": "petrarch_persons.jsonl"}
ENTRY_KEYS = ("id", "name", "type", "country", "aliases", "acronyms", "demonyms", "metonyms",
              "ambiguous", "conflicts", "parent", "acts_for")
PERSON_KEYS = ("id", "name", "represents", "role", "aliases", "since", "until")
FIRST_YEAR = 2011  # persons whose office ended before this are not imported
CODE_RE = re.compile(r"\[([^\]\s]*)(?:\s+([^\]]*))?\]")
ROLE_NAMES = {"GOV": "government", "MIL": "military", "SPY": "intelligence", "COP": "police"}


@dataclass
class Period:
    code: str
    start: int | None  # year
    end: int | None


@dataclass
class Record:
    names: list[str]  # the primary phrase first, as written (upper case, underscores)
    codes: list[Period] = field(default_factory=list)
    separate: list[bool] = field(default_factory=list)  # names[i] is its own person (CountryInfo)
    note: str = ""


# --- reading the dictionaries -------------------------------------------------------------

def _year(d: str) -> int | None:
    d = d.strip()
    if not d.isdigit():
        return None
    if len(d) >= 8:
        return int(d[:4])
    yy = int(d[:2])
    return 2000 + yy if yy <= 20 else 1900 + yy


def parse_code(body: str, dates: str | None) -> Period:
    if not dates:
        return Period(body, None, None)
    dates = dates.strip()
    if dates.startswith(">"):
        return Period(body, _year(dates[1:]), None)
    if dates.startswith("<"):
        return Period(body, None, _year(dates[1:]))
    a, _, b = dates.partition("-")
    return Period(body, _year(a), _year(b))


def parse_actor_file(path: Path) -> list[Record]:
    """Records of a Phoenix ``.actors`` file: names with their (dated) codes."""
    records: list[Record] = []
    cur: Record | None = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        text, _, comment = raw.partition("#")
        if not text.strip():
            continue
        codes = [parse_code(c, d) for c, d in CODE_RE.findall(text)]
        bare = CODE_RE.sub("", text).strip()
        if raw[:1] in ("\t", " ") and not bare:
            if cur is not None:
                cur.codes.extend(codes)
            continue
        if bare.startswith("+"):
            if cur is not None:
                cur.names.append(bare[1:].split()[0] if bare[1:].split() else "")
                cur.separate.append("CountryInfo" in comment)
                cur.codes.extend(codes)
            continue
        if raw[:1] in ("\t", " "):
            continue
        cur = Record(names=[bare.split()[0]], codes=codes, separate=[False], note=comment)
        records.append(cur)
    return records


# --- strings ------------------------------------------------------------------------------

LOWER = set(RULES["lower_particles"])
HYPHEN = set(RULES["hyphen_particles"])


def _cap(word: str, keep_acronyms: bool = False) -> str:
    if not word:
        return word
    if "." in word or not re.search(r"[AEIOUY]", word):  # "U.S.", "DHKP/C"
        return word
    if keep_acronyms and len(word) <= 3 and len(re.findall(r"[AEIOU]", word)) <= 1 \
            and (len(word) <= 2 or not is_common_word(word)):
        return word  # "US", "UN", "PLA" inside an organisation's name
    if word.startswith("MC") and len(word) > 3:
        return "Mc" + word[2:].capitalize()
    if word.startswith("O'") and len(word) > 2:
        return "O'" + word[2:].capitalize()
    return word.capitalize()


def title_case(words: list[str], keep_acronyms: bool = False) -> str:
    """"ABU_BAKR_AL-BAGHDADI" words → "Abu Bakr al-Baghdadi"; organisations keep short
    acronyms inside their names ("US Department of Justice")."""
    out = []
    for k, w in enumerate(words):
        low = w.lower()
        if k and low in LOWER:
            out.append(low)
            continue
        parts = w.split("-")
        if len(parts) > 1 and parts[0].lower() in HYPHEN:
            head = parts[0].lower() if k else parts[0].capitalize()
            out.append("-".join([head] + [_cap(p) for p in parts[1:]]))
        else:
            out.append("-".join(_cap(p, keep_acronyms) for p in parts))
    return " ".join(out)


def split_phrase(phrase: str) -> tuple[list[str], list[str]]:
    """Words of a phrase and the acronyms it gives in brackets: "ETA_(X)_" → words, ["X"]."""
    phrase = phrase.replace("_", " ")
    acronyms = [a.strip() for a in re.findall(r"\(([^)]*)\)", phrase)]
    phrase = re.sub(r"\([^)]*\)", " ", phrase)
    words = [w for w in phrase.split() if w not in ("-",)]
    if len(words) > 1 and words[0].lower() == "the":  # the matcher finds the name without it
        words = words[1:]
    acronyms = [a for a in acronyms if re.fullmatch(r"[A-Z][A-Z0-9\-/]{2,7}", a)]
    return words, acronyms


def is_common_word(word: str) -> bool:
    low = word.lower()
    return low in STOP_WORDS or zipf_frequency(low, "en") >= RULES["min_zipf_common_word"]


GENERIC = set(RULES["descriptor_words"]) | set(RULES["org_words"]) | set(RULES["igo_words"]) | set(STOP_WORDS)


def is_generic_name(words: list[str]) -> bool:
    """Every word a descriptor, a generic actor noun or a stop word: a kind, not an actor."""
    parts = [p for w in words for p in re.split(r"[-/]", w.lower()) if p]
    return all(p in GENERIC or p.rstrip("'s") in GENERIC for p in parts)


def has_title(words: list[str]) -> bool:
    return any(w.lower().rstrip(".,") in RULES["person_title_words"] for w in words)


def name_strings(phrase: str) -> tuple[str | None, list[str]]:
    """A usable alias (or None) and the acronyms of one dictionary phrase."""
    words, acronyms = split_phrase(phrase)
    acronyms = [a for a in acronyms if not is_common_word(a)]
    if not words:
        return None, acronyms
    letters = re.sub(r"[^A-Za-z]", "", "".join(words))
    if len(letters) < 3 or has_title(words) or is_generic_name(words):
        return None, acronyms
    if len(words) == 1 and is_common_word(words[0]):
        return None, acronyms
    if any("," in w or w.rstrip(".").upper() in ("INC", "LTD", "CO") for w in words):
        return None, acronyms  # "Up the IRS, Inc.": a company-like or broken phrase
    return title_case(words, keep_acronyms=True), acronyms


def slug(text: str) -> str:
    import unicodedata
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


# --- building entries ---------------------------------------------------------------------

def _has_word(phrase: str, words: list[str]) -> bool:
    return bool({w.lower() for w in re.split(r"[_\s\-]+", phrase)} & set(words))


def _has_org_word(phrase: str) -> bool:
    return _has_word(phrase, RULES["org_words"])


def _one_word_acronym(phrase: str) -> str | None:
    """A synonym like "FARC" or "PFLP": one upper-case word, read as an acronym."""
    words, _ = split_phrase(phrase)
    if len(words) == 1 and re.fullmatch(r"[A-Z][A-Z0-9\-]{2,7}", words[0]) \
            and not is_common_word(words[0]) and len(re.findall(r"[AEIOU]", words[0])) <= 1:
        return words[0]
    return None


def entry_from_names(names: list[str], typ: str, country: str, acronym_words: bool) -> dict | None:
    aliases: list[str] = []
    acronyms: list[str] = []
    for phrase in names:
        alias, acr = name_strings(phrase)
        acronyms += acr
        one = _one_word_acronym(phrase) if acronym_words else None
        if one:
            acronyms.append(one)
        elif alias:
            aliases.append(alias)
    aliases = list(dict.fromkeys(aliases))
    folded = {a.casefold() for a in aliases}
    acronyms = [a for a in dict.fromkeys(acronyms) if a.casefold() not in folded]
    if not aliases:
        return None
    raw = [title_case(split_phrase(n)[0], keep_acronyms=True) for n in names if split_phrase(n)[0]]
    return {"id": slug(aliases[0]), "name": aliases[0], "type": typ, "country": country,
            "aliases": aliases, "acronyms": acronyms, "_raw": raw}


def country_of(code: str, states: dict[str, str]) -> str:
    return code[:3] if code[:3] in states else "INT"


def import_groups(records: list[Record], states: dict[str, str]) -> list[dict]:
    out = []
    for r in records:
        codes = [p.code for p in r.codes if p.code]
        if not codes:
            continue
        code = codes[0]
        role = code[3:6]
        is_img = code.startswith("IMG")
        if not is_img and role not in RULES["group_roles"] and code[:3] in states:
            continue  # a state organ or opposition party, not an armed group
        if is_img and not _has_org_word(r.names[0]):
            continue  # the IMG list mixes members' names with groups
        country = "INT" if is_img else country_of(code, states)
        e = entry_from_names(r.names, "armed_group", country, acronym_words=True)
        if e is not None:
            out.append(e)
    return out


def import_igos(records: list[Record]) -> tuple[list[dict], dict[str, str]]:
    """IGO entries, and the entry id each IGO code's first record got (for its officers)."""
    out, by_code = [], {}
    for r in records:
        undated = [p.code for p in r.codes if p.start is None and p.end is None]
        if not undated or not undated[0].startswith("IGO") or len(undated[0]) < 6:
            continue
        if all(p.start is not None or p.end is not None for p in r.codes if p.code.startswith("IGO")) \
                and any(p.start or p.end for p in r.codes):
            continue  # an officer, not the body
        if has_title(split_phrase(r.names[0])[0]):
            continue  # "UN Secretary General": a post, not the body
        names = [n for n in r.names if _has_word(n, RULES["igo_words"]) or _one_word_acronym(n)
                 or re.fullmatch(r"[A-Z]{3,6}_?", n)]
        if not names or not (_has_word(r.names[0], RULES["igo_words"]) or names[0] == r.names[0]):
            continue  # a person listed under a body ("goodwill ambassadors"), not the body
        e = entry_from_names(names, "igo", "INT", acronym_words=True)
        if e is None:
            continue
        by_code.setdefault(undated[0], e["id"])
        out.append(e)
    return out, by_code


def import_organs(records: list[Record], states: dict[str, str]) -> list[dict]:
    out = []
    organ_words = RULES["organ_words"]
    for r in records:
        if any(r.separate) or "CountryInfo" in r.note or any(p.start or p.end for p in r.codes):
            continue  # persons
        codes = [p.code for p in r.codes if p.code]
        if not codes or codes[0][:3] not in states or codes[0][3:6] not in RULES["office_roles"]:
            continue
        names = []
        for phrase in r.names:
            low = phrase.replace("_", " ").lower()
            if _has_word(phrase, RULES["organ_excluded_words"]):
                continue  # "Assad government", "Syria's government": the phrase rules read these
            if any(re.search(rf"\b{re.escape(w)}\b", low) for w in organ_words) or _one_word_acronym(phrase):
                names.append(phrase)
        if not names:
            continue
        role = codes[0][3:6]
        e = entry_from_names(names, "military" if role == "MIL" else "government", codes[0][:3],
                             acronym_words=True)
        if e is None:
            continue
        e["acts_for"] = states[codes[0][:3]]
        e["id"] = f"{e['id']}_{codes[0][:3].lower()}"
        out.append(e)
    return out


def import_persons(records: list[Record], owners: dict[str, str], states: dict[str, str]) -> list[dict]:
    """Office-holders: for each name, its latest office lasting into FIRST_YEAR or later."""
    out = []
    for r in records:
        offices = []
        for p in r.codes:
            if p.start is None and p.end is None:
                continue
            owner = owners.get(p.code) or owners.get(p.code[:6])
            if owner is None and p.code[:3] in states and p.code[3:6] in RULES["office_roles"]:
                owner = states[p.code[:3]]
            if owner is None or (p.end is not None and p.end < FIRST_YEAR):
                continue
            offices.append((p, owner))
        if not offices:
            continue
        p, owner = max(offices, key=lambda o: (o[0].end or 9999, o[0].start or 0))
        # names marked CountryInfo are separate people sharing the codes; others are aliases
        people: list[list[str]] = []
        for phrase, sep in zip(r.names, r.separate):
            if not people or sep:
                people.append([phrase])
            else:
                people[-1].append(phrase)
        for names in people:
            full: list[str] = []
            surnames: list[str] = []
            for phrase in names:
                words, _ = split_phrase(phrase)
                if not words or has_title(words) or any(
                        _has_word(phrase, RULES[k]) for k in ("org_words", "organ_words", "igo_words")):
                    continue  # a title, or a body listed among the people
                if len(words) == 1:
                    if len(words[0]) >= 4 and not is_common_word(words[0]):
                        surnames.append(title_case(words))
                else:
                    full.append(title_case(words))
            if not full:
                continue
            full = list(dict.fromkeys(full))
            role = f"{ROLE_NAMES.get(p.code[3:6], 'office')} ({p.code})"
            out.append({"id": slug(full[0]), "name": full[0], "represents": owner,
                        "role": f"Office-holder, {role}, per the Phoenix dictionaries",
                        "aliases": [a for a in dict.fromkeys(full[1:] + surnames) if a != full[0]],
                        "since": p.start if p.start and p.start >= 1950 else None, "until": p.end})
    return out


# --- merging ------------------------------------------------------------------------------

def _strings(e: dict) -> list[tuple[str, bool]]:
    """(text, exact) of an entry; exact strings compare case-sensitively."""
    out = [(s, False) for s in [e["name"], *e.get("aliases", ())]]
    out += [(s, True) for k in ("acronyms", "demonyms", "metonyms") for s in e.get(k, ())]
    return out


def merge_entries(hand: list[dict], imported: list[dict], person_names: set[str]) -> tuple[list[dict], Counter]:
    """Imported entries that are not hand-written ones, their strings deduplicated; a
    person's name listed among a group's synonyms ("Khaled Meshaal" under Hamas) is dropped."""
    stats: Counter = Counter()
    hand_names = {s.casefold() for e in hand for s, exact in _strings(e) if not exact}
    hand_all = {s.casefold() for e in hand for s, _ in _strings(e)}
    ids = {e["id"] for e in hand}
    kept: dict[str, dict] = {}
    for e in imported:
        if any(a.casefold() in hand_names for a in [e["name"], *e["aliases"], *e.pop("_raw")]):
            stats["same as a hand-written entry"] += 1
            continue
        e["aliases"] = [a for a in e["aliases"] if a.casefold() not in hand_all and a.casefold() not in person_names]
        e["acronyms"] = [a for a in e["acronyms"] if a.casefold() not in hand_all]
        if not e["aliases"]:
            stats["nothing left after hand-written strings"] += 1
            continue
        e["name"] = e["aliases"][0]
        if e["id"] in kept:  # the same group twice in the dictionaries: one entry
            old = kept[e["id"]]
            if old["country"] == e["country"] and old["type"] == e["type"]:
                old["aliases"] = list(dict.fromkeys(old["aliases"] + e["aliases"]))
                old["acronyms"] = list(dict.fromkeys(old["acronyms"] + e["acronyms"]))
                stats["merged duplicate records"] += 1
                continue
            e["id"] = f"{e['id']}_{e['country'].lower()}"
        while e["id"] in ids or e["id"] in kept:
            e["id"] += "_2"
        kept[e["id"]] = e
    # the same string in two imported entries: ambiguous on both
    claims: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for e in kept.values():
        for s, exact in set(_strings(e)):
            claims[s.casefold()].append((e["id"], s, exact))
    for key, cl in claims.items():
        owners = {c[0] for c in cl}
        if len(owners) > 1:
            for eid, s, _exact in cl:
                amb = kept[eid].setdefault("ambiguous", [])
                if s not in amb:
                    amb.append(s)
            stats["strings marked ambiguous"] += 1
    return sorted(kept.values(), key=lambda e: e["id"]), stats


def merge_persons(hand: list[dict], imported: list[dict], entry_strings: set[str],
                  entry_ids: set[str]) -> tuple[list[dict], Counter]:
    stats: Counter = Counter()
    taken = {s for p in hand for s in [p["name"], *p.get("aliases", ())]}
    taken_fold = {s.casefold() for s in taken}
    ids = {p["id"] for p in hand} | entry_ids
    count = Counter(s for p in imported for s in {p["name"], *p["aliases"]})
    out: dict[str, dict] = {}
    for p in imported:
        if p["name"].casefold() in taken_fold or any(a.casefold() in taken_fold for a in p["aliases"]
                                                     if " " in a):
            stats["same as a hand-written person"] += 1
            continue
        strings = [s for s in [p["name"], *p["aliases"]]
                   if count[s] == 1 and s not in taken and s.casefold() not in entry_strings]
        if not strings or " " not in strings[0]:
            stats["name shared by two people or an entry"] += 1
            continue
        p["name"], p["aliases"] = strings[0], strings[1:]
        while p["id"] in ids or p["id"] in out:
            p["id"] += "_2"
        out[p["id"]] = p
    return sorted(out.values(), key=lambda p: p["id"]), stats


def tag_conflicts(groups: list[dict], hand: list[dict], names: dict[str, str]) -> None:
    """Each imported group gets the conflict tag hand-written groups of its country use most,
    or its country's name when two imported groups share it."""
    by_country: dict[str, Counter] = defaultdict(Counter)
    for e in hand:
        by_country[e["country"]].update(e.get("conflicts", ()))
    tags = {}
    for e in groups:
        c = e["country"]
        own = slug(names.get(c, c)).replace("_", "-")
        # a hand-written tag that names the country ("dr-congo", "turkey-kurds"), else its name
        named = [t for t, _n in by_country[c].most_common() if own in t.split("-") or t == own]
        tags[e["id"]] = "transnational" if c == "INT" else (named[0] if named else own)
    used = Counter(tags.values()) + Counter(t for e in hand for t in e.get("conflicts", ()))
    for e in groups:
        if used[tags[e["id"]]] >= 2:
            e["conflicts"] = [tags[e["id"]]]


def _clean(row: dict, keys: tuple[str, ...]) -> dict:
    out = {}
    for k in keys:
        if k not in row:
            continue
        v = row[k]
        if isinstance(v, list):
            if not v:
                continue
        elif v is None and k not in ("since", "until"):
            continue
        out[k] = v
    return out


def write_jsonl(path: Path, rows: list[dict], keys: tuple[str, ...]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(_clean(r, keys), ensure_ascii=False) + "\n")


def run(source: Path, out_dir: Path) -> dict[str, int]:
    kb = read_kb(DATA_DIR)
    hand_rows = [json.loads(line) for name in ("states.jsonl", "groups.jsonl", "igos.jsonl", "organs.jsonl")
                 if (DATA_DIR / name).exists()
                 for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    hand_persons = [json.loads(line) for line in (DATA_DIR / "persons.jsonl").read_text(encoding="utf-8").splitlines()
                    if line.strip()]
    states = {e.country: e.id for e in kb.entries.values() if e.type == "state"}
    names = {e.country: e.name for e in kb.entries.values() if e.type == "state"}
    mil = parse_actor_file(source / "Phoenix.MilNonState.actors.txt")
    intl = parse_actor_file(source / "Phoenix.International.actors.txt")
    ctry = parse_actor_file(source / "Phoenix.Countries.actors.txt")

    igos_raw, igo_codes = import_igos(intl)
    raw = {"groups": import_groups(mil, states), "igos": igos_raw, "organs": import_organs(ctry, states)}
    # organ strings two states claim ("Ministry of Defence") say nothing of whose they are
    organ_count = Counter(s.casefold() for e in raw["organs"] for s, _ in set(_strings(e)))
    for e in raw["organs"]:
        e["aliases"] = [a for a in e["aliases"] if organ_count[a.casefold()] == 1]
        e["acronyms"] = [a for a in e["acronyms"] if organ_count[a.casefold()] == 1]
    raw["organs"] = [e for e in raw["organs"] if e["aliases"]]
    for e in raw["organs"]:
        e["name"] = e["aliases"][0]

    merged: dict[str, list[dict]] = {}
    stats: dict[str, Counter] = {}
    pool = list(imported for k in ("groups", "igos", "organs") for imported in raw[k])
    kinds = {id(e): k for k in ("groups", "igos", "organs") for e in raw[k]}
    person_names = {s.casefold() for p in hand_persons for s in [p["name"], *p.get("aliases", ())]}
    person_names |= {title_case(split_phrase(n)[0]).casefold() for r in ctry + intl
                     if any(p.start or p.end for p in r.codes) for n in r.names if split_phrase(n)[0]}
    kept, st = merge_entries(hand_rows, pool, person_names)
    for k in ("groups", "igos", "organs"):
        merged[k] = [e for e in kept if kinds[id(e)] == k]
    stats["entries"] = st
    tag_conflicts(merged["groups"], hand_rows, names)

    # officers of IGOs: the entry of their code (hand-written one when the body was merged)
    owners = {}
    hand_fold = {s.casefold(): e["id"] for e in hand_rows for s, exact in _strings(e) if not exact}
    by_id = {e["id"]: e for e in kept}
    igo_by_id = {e["id"]: e for e in igos_raw}
    for code, eid in igo_codes.items():
        if eid in by_id:
            owners[code] = eid
        else:
            e = igo_by_id[eid]
            hit = next((hand_fold[a.casefold()] for a in [e["name"], *e["aliases"]] if a.casefold() in hand_fold), None)
            if hit:
                owners[code] = hit
    entry_strings = {s.casefold() for e in hand_rows + kept for s, exact in _strings(e) if not exact}
    persons_raw = import_persons(ctry + intl, owners, states)
    merged["persons"], stats["persons"] = merge_persons(hand_persons, persons_raw, entry_strings,
                                                        {e["id"] for e in hand_rows + kept})

    out_dir.mkdir(parents=True, exist_ok=True)
    for k, fname in OUT_FILES.items():
        write_jsonl(out_dir / fname, merged[k], PERSON_KEYS if k == "persons" else ENTRY_KEYS)
    counts = {fname: len(merged[k]) for k, fname in OUT_FILES.items()}
    for k, st in stats.items():
        for what, n in sorted(st.items()):
            print(f"{k}: {what}: {n}")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE, help="folder of the Phoenix .actors.txt files")
    ap.add_argument("--out", type=Path, default=DATA_DIR, help="folder the petrarch_*.jsonl files go to")
    args = ap.parse_args(argv)
    if not (args.source / "Phoenix.Countries.actors.txt").exists():
        print(f"error: no Phoenix dictionaries in {args.source}", file=sys.stderr)
        return 2
    for fname, n in run(args.source, args.out).items():
        print(f"{fname}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
