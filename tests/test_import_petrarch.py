"""tools/import_petrarch_actors.py: the Phoenix formats are read, and generic strings filtered."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import import_petrarch_actors as imp  # noqa: E402

SAMPLE = """\
# comment
BASQUE_FATHERLAND_AND_FREEDOM_(ETA)_ [ESPREB] #  kkl 21 Mar 13
+BASQUE_HOMELAND_AND_FREEDOM_

REVOLUTIONARY_BRIGADES_ [GRCREB] #  kkl 21 Mar 13

HAMID_KARZAI_  # CountryInfo.txt
+KARZAI_
+PRESIDENT_KARZAI_
\t[AFGELI 750101-000101]
\t[AFGGOV >011222]
\t[AFGELI]
"""


def test_parse_records_with_dated_codes(tmp_path: Path):
    path = tmp_path / "x.actors.txt"
    path.write_text(SAMPLE, encoding="latin-1")
    recs = imp.parse_actor_file(path)
    assert [r.names[0] for r in recs] == ["BASQUE_FATHERLAND_AND_FREEDOM_(ETA)_", "REVOLUTIONARY_BRIGADES_",
                                          "HAMID_KARZAI_"]
    karzai = recs[2]
    assert karzai.names == ["HAMID_KARZAI_", "KARZAI_", "PRESIDENT_KARZAI_"]
    gov = [p for p in karzai.codes if p.code == "AFGGOV"]
    assert gov[0].start == 2001 and gov[0].end is None
    assert [(p.start, p.end) for p in karzai.codes if p.code == "AFGELI"][0] == (1975, 2000)


def test_groups_persons_and_filters(tmp_path: Path):
    path = tmp_path / "x.actors.txt"
    path.write_text(SAMPLE, encoding="latin-1")
    recs = imp.parse_actor_file(path)
    groups = imp.import_groups(recs, {"ESP": "spain", "GRC": "greece", "AFG": "afghanistan"})
    assert len(groups) == 1  # "Revolutionary Brigades" names a kind of group, not one
    eta = groups[0]
    assert eta["name"] == "Basque Fatherland and Freedom" and eta["acronyms"] == ["ETA"]
    assert eta["country"] == "ESP"
    persons = imp.import_persons(recs, {}, {"AFG": "afghanistan"})
    (karzai,) = persons
    assert karzai["name"] == "Hamid Karzai" and karzai["represents"] == "afghanistan"
    assert karzai["aliases"] == ["Karzai"]  # the title-bearing synonym is dropped
    assert karzai["since"] == 2001 and karzai["until"] is None


def test_strings():
    assert imp.title_case("ABU_BAKR_AL-BAGHDADI".split("_")) == "Abu Bakr al-Baghdadi"
    assert imp.title_case(["US", "DEPARTMENT", "OF", "STATE"], keep_acronyms=True) == "US Department of State"
    assert imp.title_case(["JOHN", "MCCAIN"]) == "John McCain"
    assert imp.name_strings("MAY_") == (None, [])  # a common word
    assert imp.name_strings("PEOPLES_LIBERATION_ARMY_")[0] is None  # a kind, not one actor
    assert imp.name_strings("SECURITY_COUNCIL")[0] is None
    assert imp.name_strings("UP_THE_IRS,_INC.")[0] is None
    assert imp.name_strings("KACH_")[0] == "Kach"
    assert imp.name_strings("AB")[0] is None  # too short
