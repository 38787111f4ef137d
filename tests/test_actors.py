"""Actor recognition and resolution on short texts of our own."""
from conftest import actor_by_mention


def test_actors_kb_match_beats_ner_label(analyse):
    ex = analyse("Islamist group Hayat Tahrir al-Sham attacked government positions near Idlib.")
    hts = actor_by_mention(ex, "Hayat Tahrir al-Sham")
    assert hts is not None and hts.type == "armed_group" and hts.country == "SYR"


def test_actors_group_phrase_takes_country_from_demonym(analyse):
    ex = analyse("Iran-backed Iraqi militias attacked a US base in Syria.")
    militias = next(a for a in ex.actors if "Iraqi militias" in " ".join(a.mentions))
    assert militias.type == "militia" and militias.country == "IRQ"


def test_actors_titled_person_folds_into_state(analyse):
    ex = analyse("Turkish Foreign Minister Hakan Fidan said Turkey would keep backing the Syrian "
                 "National Army. Fidan also condemned the YPG.")
    turkey = actor_by_mention(ex, "Turkey")
    assert turkey is not None
    assert "Turkish Foreign Minister Hakan Fidan" in turkey.mentions
    assert "Fidan" in turkey.mentions


def test_actors_place_is_not_actor(analyse):
    ex = analyse("Thousands of refugees fled into Chad as the Rapid Support Forces shelled El Fasher.")
    assert actor_by_mention(ex, "Chad") is None
    assert actor_by_mention(ex, "Rapid Support Forces") is not None


def test_actors_acronym_in_brackets_joins_name(analyse):
    ex = analyse("The Popular Resistance Front (PRF) attacked army posts in the east. "
                 "Later the PRF said the army had shelled its bases.")
    prf = actor_by_mention(ex, "Popular Resistance Front")
    assert prf is not None and "PRF" in prf.mentions


def test_actors_the_government_resolves_to_focus_country(analyse):
    ex = analyse("Syrian rebels seized two towns near Aleppo. The government said its forces "
                 "would retake them, and government warplanes bombed rebel positions.")
    gov = actor_by_mention(ex, "government")
    assert gov is not None and gov.country == "SYR" and gov.type == "government"


def test_actors_every_mention_is_in_text(analyse):
    text = ("Hezbollah, Iran's main ally in Lebanon, fired rockets at Israel. "
            "The Israeli military said it struck Hezbollah targets.")
    ex = analyse(text)
    for a in ex.actors:
        for m in a.spans:
            assert text[m.start:m.end] == m.text


def test_actors_typeset_apostrophe_matches_base_name(analyse):
    ex = analyse("Fighters of the Kurdistan Workers\u2019 Party attacked a Turkish outpost.")
    pkk = actor_by_mention(ex, "Kurdistan Workers\u2019 Party")
    assert pkk is not None and pkk.kb_id == "pkk"


def test_actors_group_named_after_a_place_is_not_a_namesake_group(analyse):
    ex = analyse("The army clashed with the Sudan People's Liberation Army-North in Blue Nile.")
    assert all(a.country != "CHN" for a in ex.actors), [(a.label, a.country) for a in ex.actors]


def test_actors_named_person_is_a_candidate_found_again_by_surname(analyse):
    ex = analyse("The United States is designating Oleg Varenko, a Russian arms broker. "
                 "A court in Kyiv convicted Varenko in 2019.")
    varenko = actor_by_mention(ex, "Oleg Varenko")
    assert varenko is not None and varenko.type == "person" and "Varenko" in varenko.mentions


def test_actors_reporters_and_unplaced_officials_are_not_candidates(analyse):
    ex = analyse("Nabil Hasan, a photojournalist, praised the Houthis. Minister Tobias Elwin condemned ISIL. "
                 "Near Ar Raqqah, five strikes destroyed an ISIL vehicle.")
    for name in ("Nabil Hasan", "Tobias Elwin", "Near Ar Raqqah"):
        assert actor_by_mention(ex, name) is None, name


def test_actors_business_named_after_its_kind_is_a_candidate(analyse):
    ex = analyse("Germany banned Iranian airline Mahan Air from its airports.")
    mahan = actor_by_mention(ex, "Mahan Air")
    assert mahan is not None and mahan.source == "ner"


def test_actors_candidate_person_takes_the_whole_name(analyse):
    ex = analyse("The United States is designating Dmitry Aleksandrovich Pumpyanskiy, a Russian oligarch.")
    assert actor_by_mention(ex, "Dmitry Aleksandrovich Pumpyanskiy") is not None
