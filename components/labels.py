"""Display names and colours the pages share (plain data; no Streamlit)."""
from __future__ import annotations

from actorgraph.model import AFFILIATION, ALLIANCE, HOSTILITY, MEMBERSHIP, TALKS

RELATION_LABELS: dict[str, str] = {
    ALLIANCE: "Alliance",
    HOSTILITY: "Hostility",
    MEMBERSHIP: "Membership",
    AFFILIATION: "Former affiliation",
    TALKS: "Talks",
}
TYPE_LABELS: dict[str, str] = {
    "state": "State",
    "government": "Government",
    "military": "Military",
    "armed_group": "Armed group",
    "militia": "Militia",
    "rebel_coalition": "Rebel coalition",
    "party": "Party",
    "igo": "International body",
    "person": "Person",
    "other": "Other",
}
def relation_label(code: str) -> str:
    return RELATION_LABELS.get(code, code.replace("_", " ").capitalize())


def type_label(code: str) -> str:
    return TYPE_LABELS.get(code, code.replace("_", " ").capitalize())


def country_label(code: str, name: str) -> str:
    if not code:
        return "Unknown country"
    return name or code
