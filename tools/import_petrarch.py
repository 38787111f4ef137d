"""Turn PETRARCH2's CAMEO verb dictionary into the project's own data file.

    python tools/import_petrarch.py [CAMEO.2.0.txt] [-o actorgraph/kb/data/cameo_verbs.json]

Reads ``../shared/reference/petrarch2/CAMEO.2.0.txt`` (format: ``dictionaries.rst`` beside it) and
writes ``actorgraph/kb/data/cameo_verbs.json``: every verb set (``--- NAME [code] ---``) with each
verb, its forms and its CAMEO code, every phrase pattern of the set with its code (so that "fight
for statehood" keeps a code of its own), and the noun synsets (``&WEAPON``). Each CAMEO root
(two digits) is mapped to one of the project's relation classes — alliance, hostility, talks or
none — with the reason, in ``ROOTS`` below; the file says so, and keeps the MIT notice of the
dictionaries (the licence is copied to ``actorgraph/kb/data/LICENSE.petrarch2``).
The output is sorted and deterministic: running the importer twice gives the same bytes.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "reference" / "petrarch2" / "CAMEO.2.0.txt"
OUT = ROOT / "actorgraph" / "kb" / "data" / "cameo_verbs.json"

VERBAL_COOPERATION, MATERIAL_COOPERATION = "verbal_cooperation", "material_cooperation"
VERBAL_CONFLICT, MATERIAL_CONFLICT = "verbal_conflict", "material_conflict"

# CAMEO root → (name, quad class, relation class or None, why). The relation classes follow the
# project's annotation rules (../shared/eval/README.md): backing, arming, funding and joining
# are alliance; sanctions, designations, condemnations and attacks are hostility; meetings and
# talks are talks; the rest is no stance between the parties.
ROOTS: dict[str, tuple[str, str, str | None, str]] = {
    "01": ("make public statement", VERBAL_COOPERATION, None,
           "a statement, comment or denial by itself takes no side towards anyone"),
    "02": ("appeal", VERBAL_COOPERATION, None,
           "an appeal or request asks for something; it is not yet support or enmity"),
    "03": ("express intent to cooperate", VERBAL_COOPERATION, None,
           "an intention is not the cooperation itself; the annotation counts what is done"),
    "04": ("consult", VERBAL_COOPERATION, "talks",
           "meeting, visiting, hosting and negotiating are talks, which parties at war also hold"),
    "05": ("engage in diplomatic cooperation", VERBAL_COOPERATION, "alliance",
           "praise, endorsement, defence of a party's policy and recognition side with it"),
    "06": ("engage in material cooperation", MATERIAL_COOPERATION, "alliance",
           "economic, military, judicial and intelligence cooperation are material backing"),
    "07": ("provide aid", MATERIAL_COOPERATION, "alliance",
           "military, economic and humanitarian aid and protection back the one who receives them"),
    "08": ("yield", MATERIAL_COOPERATION, None,
           "easing sanctions, releasing prisoners, withdrawing or ceasing fire end hostility "
           "without making the parties allies"),
    "09": ("investigate", MATERIAL_COOPERATION, None,
           "an investigation takes no side by itself"),
    "10": ("demand", VERBAL_CONFLICT, None,
           "a demand or call is pressure in words; the annotation does not count it as enmity "
           "unless a threat (13) or a sanction (16) comes with it"),
    "11": ("disapprove", VERBAL_CONFLICT, "hostility",
           "criticising, accusing and condemning a party is hostility in words"),
    "12": ("reject", VERBAL_CONFLICT, "hostility",
           "rejecting a party's proposal, demand or mediation is hostility in words"),
    "13": ("threaten", VERBAL_CONFLICT, "hostility",
           "threats of force, sanctions or other harm are hostility in words"),
    "14": ("protest", VERBAL_CONFLICT, None,
           "protests and demonstrations are mostly by crowds, not by the parties to a conflict; "
           "CAMEO codes them whoever marches"),
    "15": ("exhibit force posture", MATERIAL_CONFLICT, "hostility",
           "mobilising, putting forces on alert or fortifying against a party is hostility in deeds"),
    "16": ("reduce relations", MATERIAL_CONFLICT, "hostility",
           "sanctions, embargoes, expulsions and breaking off relations are hostility in deeds"),
    "17": ("coerce", MATERIAL_CONFLICT, "hostility",
           "arrests, seizures, restrictions and repression are hostility in deeds"),
    "18": ("assault", MATERIAL_CONFLICT, "hostility",
           "abductions, bombings, killings and other assaults are hostility in deeds"),
    "19": ("fight", MATERIAL_CONFLICT, "hostility",
           "armed clashes, artillery, air strikes and occupation are hostility in deeds"),
    "20": ("use unconventional mass violence", MATERIAL_CONFLICT, "hostility",
           "mass killing and weapons of mass destruction are hostility in deeds"),
}
# Codes whose class differs from their root's, and why.
CODES: dict[str, tuple[str | None, str]] = {
    "050": (None, "'engage in diplomatic cooperation, not specified' is mostly a verb used for anything"),
    "054": ("talks", "granting diplomatic recognition is a tie between governments, not backing in a conflict"),
    "055": (None, "an apology takes no side"),
    "056": (None, "forgiving takes no side"),
    "057": ("talks", "signing a formal agreement (a ceasefire, a peace deal) is talks between former foes"),
    "036": ("talks", "expressing intent to meet or negotiate is talks"),
    "1011": (None, "a demand for material cooperation"),
    "074": ("alliance", "peacekeeping protects one party"),
    "075": (None, "granting asylum protects persons, not a party"),
}
# Which dictionary verbs the engine takes as stance or talks verbs of their own (besides the
# project's lexicon). A "not specified" code (third digit 0) groups WordNet near-synonyms ("add",
# "give", "lead" under 060; "go", "think" under 040; "die", "match" under 190): only the three whose
# members are nearly all violence or ruptures are used. Verbs whose everyday sense is not the
# coded event in news text are left out, each with the reason.
UNSPECIFIED_USED = {"160": "reduce relations: sabotage, betray, blacklist, undermine",
                    "180": "assault: abuse, harm, wound, terrorize",
                    "190": "fight: assail, blitz, pillage, raze, skirmish"}
EXCLUDED: dict[str, str] = {
    **{v: "everyday sense is not a stance towards a party" for v in (
        "abort", "admire", "affirm", "attire", "best", "bill", "bless", "blow", "break", "bust", "buy", "call",
        "catch", "celebrate", "cheer", "circle", "clap", "commemorate", "compensate", "conflict", "die",
        "disarray", "disband", "disorder", "dominate", "enliven", "esteem", "evacuate", "explode", "extract",
        "fire", "galvanize", "gear", "grab", "hang", "honor", "honour", "import", "infest", "inhabit",
        "inspire", "invigorate", "invest", "master", "match", "nationalise", "nationalize", "overcome",
        "overshadow", "overtake", "overturn", "pay", "pluck", "prefer", "prize", "pull", "reassert",
        "reassure", "remove", "render", "rescind", "reside", "respect", "revitalize", "revolutionise",
        "revolutionize", "ring", "risk", "rouse", "ruin", "sanctify", "shatter", "smash", "snatch", "spur",
        "stabilise", "stabilize", "steal", "stock", "struggle", "surmount", "take", "tax", "tend", "tender",
        "toast", "value", "ward", "welcome")},
    **{v: "its object is rarely a party, and the project reads it elsewhere" for v in (
        "contribute", "endanger", "extradite", "guard", "safeguard")},
    **{v: "intervening or interfering in a war does not say on whose side" for v in ("interfere", "intervene")},
    **{v: "encouraging or exhorting a party is an appeal, not backing" for v in ("encourage",)},
    **{v: "mostly intransitive or verbal disagreement" for v in ("grapple", "quarrel")},
}
CODE_RE = re.compile(r"\[([^\]]*)\]")
HEADER_RE = re.compile(r"^---\s+(.+?)\s+\[([^\]]*)\]\s*-*\s+---")


def clean_code(raw: str) -> str | None:
    """'042:043' → '042', ':075' → '075', '080!' → '080', '---' → None."""
    parts = [p.strip().rstrip("!") for p in raw.split(":")]
    code = next((p for p in parts if p and p != "---"), None)
    return code if code and code.isdigit() else None


def regular_forms(verb: str) -> list[str]:
    """The forms PETRARCH generates for a regular verb: -s, -ed, -ing."""
    if verb.endswith("e"):
        return [verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return [verb + "es", verb + "ed", verb + "ing"]
    return [verb + "s", verb + "ed", verb + "ing"]


def phrase(raw: str) -> dict:
    """'+WAGE_WAR' → head 'wage', after ['war']; 'WIRE_+TAP' → head 'tap', before ['wire']."""
    words = raw.lower().split("_")
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    at = marked[0] if marked else 0
    words = [w.lstrip("+") for w in words]
    return {"head": words[at], "before": words[:at], "after": words[at + 1:], "verb": " ".join(words)}


def parse_verb_line(line: str, block_code: str | None) -> dict | None:
    text = line.split("#", 1)[0].strip()
    if not text:
        return None
    forms_raw = ""
    m = re.search(r"\{([^}]*)\}", text)
    if m:
        forms_raw = m.group(1)
        text = (text[:m.start()] + text[m.end():]).strip()
    code_m = CODE_RE.search(text)
    own = clean_code(code_m.group(1)) if code_m else None
    text = CODE_RE.sub("", text).strip()
    if not text or " " in text:
        return None
    p = phrase(text)
    if m:
        forms = sorted({" ".join(w.lstrip("+") for w in f.lower().split("_")) for f in forms_raw.split() if f})
    elif not p["before"] and not p["after"]:
        forms = regular_forms(p["head"])
    else:
        forms = [" ".join(p["before"] + [f] + p["after"]) for f in regular_forms(p["head"])]
    entry = {"verb": p["verb"], "head": p["head"], "forms": forms, "code": own or block_code}
    if p["before"]:
        entry["before"] = p["before"]
    if p["after"]:
        entry["after"] = p["after"]
    return entry


def parse_pattern(line: str, source_verb: str) -> dict | None:
    body = line[1:].split("#", 1)
    text, comment = body[0], (body[1].strip() if len(body) > 1 else "")
    code_m = CODE_RE.search(text)
    if not code_m:
        return None
    code = clean_code(code_m.group(1))
    pattern = " ".join(text[:code_m.start()].split())
    verb = (comment.split(",")[0].split()[0].lower() if comment.split() else source_verb)
    out = {"pattern": pattern, "code": code, "from_verb": verb}
    # the shape the engine reads: after the verb, an optional object noun and prepositions
    after = pattern.split("*", 1)[1] if "*" in pattern else ""
    preps = re.findall(r"\(([A-Z_&]+)(?:\s+([^)]*))?\)", after)
    if preps:
        out["preps"] = [{"prep": p.lower(), "object": [w.lower().strip("{}") for w in obj.split()]} for p, obj in preps]
    bare = re.sub(r"\([^)]*\)", "", after).strip()
    if bare:
        out["object"] = [w.lower().strip("{}") for w in bare.split() if w not in ("+", "$", "%", "^")]
    return out


def parse(text: str) -> dict:
    noun_sets: dict[str, list[str]] = {}
    sets: dict[str, dict] = {}
    section = "head"
    current_set: str | None = None
    block: dict | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("#######"):
            section = "synsets" if "SYNONYM" in line else "verbs" if "VERB PATTERNS" in line else \
                "transformations" if "TRANSFORMATION" in line else section
            continue
        if section == "synsets":
            if line.startswith("&"):
                current_set = line.split()[0]
                noun_sets[current_set] = []
            elif line.startswith("+") and current_set:
                noun_sets[current_set].append(line[1:].split("#")[0].strip().lower().replace("_", " "))
            continue
        if section != "verbs":
            continue
        h = HEADER_RE.match(line)
        if h:
            name = h.group(1).strip()
            while name in sets:  # a few names are used twice in the file
                name += "_2"
            block = {"name": name, "code": clean_code(h.group(2)), "verbs": [], "patterns": []}
            sets[name] = block
            continue
        if block is None or not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("-"):
            pat = parse_pattern(line, block["verbs"][0]["head"] if block["verbs"] else block["name"].lower())
            if pat:
                block["patterns"].append(pat)
        else:
            v = parse_verb_line(line, block["code"])
            if v:
                block["verbs"].append(v)
    for b in sets.values():
        b["verbs"] = sorted({v["verb"]: v for v in b["verbs"]}.values(), key=lambda v: v["verb"])
        b["patterns"] = sorted({json.dumps(p, sort_keys=True): p for p in b["patterns"]}.values(),
                               key=lambda p: (p["pattern"], p["code"] or "", p["from_verb"]))
        del b["name"]
    return {"verb_sets": dict(sorted(sets.items())),
            "noun_sets": {k: sorted(set(v)) for k, v in sorted(noun_sets.items())}}


def build(source: Path = SOURCE) -> dict:
    parsed = parse(source.read_text(encoding="utf-8", errors="replace"))
    return {
        "_about": ("CAMEO verb dictionary of the PETRARCH2 event coder, turned into the project's data by "
                   "tools/import_petrarch.py (do not edit by hand; rerun the importer). Every verb set with "
                   "its verbs, their forms and CAMEO codes, its phrase patterns with their codes, and the "
                   "noun synsets. 'roots' maps each CAMEO root (two digits) to its quad class and to the "
                   "project's relation class (alliance, hostility, talks or null), saying why; 'codes' "
                   "lists the finer codes whose class differs from their root's."),
        "_licence": ("Derived from CAMEO.2.0.txt of PETRARCH2 (github.com/openeventdata/petrarch2, commit "
                     "676801cd9cb2924bbbad09f86d15c9323e7097bf). The MIT License (MIT). Copyright (c) 2014 "
                     "Open Event Data; Copyright (c) 2015 Open Event Data Alliance. Permission notice: "
                     "actorgraph/kb/data/LICENSE.petrarch2."),
        "roots": {code: {"name": n, "quad": q, "relation": r, "why": w} for code, (n, q, r, w) in ROOTS.items()},
        "codes": {code: {"relation": r, "why": w} for code, (r, w) in sorted(CODES.items())},
        "engine": {"_about": ("which dictionary verbs the engine reads as stance or talks verbs of their own: "
                              "those with a specific code (third digit not 0) or one of 'unspecified_used', "
                              "except 'excluded'"),
                   "unspecified_used": dict(sorted(UNSPECIFIED_USED.items())),
                   "excluded": dict(sorted(EXCLUDED.items()))},
        **parsed,
    }


def dumps(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv and not argv[0].startswith("-") else SOURCE
    out = Path(argv[argv.index("-o") + 1]) if "-o" in argv else OUT
    data = build(source)
    out.write_text(dumps(data), encoding="utf-8")
    lic = source.parent / "LICENSE"
    if lic.exists():
        (out.parent / "LICENSE.petrarch2").write_text(lic.read_text(encoding="utf-8"), encoding="utf-8")
    n_verbs = sum(len(b["verbs"]) for b in data["verb_sets"].values())
    n_pat = sum(len(b["patterns"]) for b in data["verb_sets"].values())
    print(f"{len(data['verb_sets'])} verb sets, {n_verbs} verbs, {n_pat} patterns, "
          f"{len(data['noun_sets'])} noun sets -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
