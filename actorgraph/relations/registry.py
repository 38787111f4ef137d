"""The constructions: small named functions, registered once, run on every token of a sentence.

A construction's name is its id in the construction table (tests/data/constructions.jsonl), the
``rule`` of the claims it makes and the key of its confidence: how often it is right when it
fires. Constructions run in the order they are registered (their module's place in ``FAMILIES``,
then their place in the module), so that claims come out in a stable order.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

Rule = Callable[["object", Token, Span], None]


@dataclass(frozen=True)
class Construction:
    name: str
    family: str  # the module that holds it
    confidence: float
    fn: Rule
    doc: str
    quad: str = ""  # the quad class of its claims when the cue is not in the CAMEO dictionary


CONSTRUCTIONS: dict[str, Construction] = {}


def construction(name: str, confidence: float, quad: str = "") -> Callable[[Rule], Rule]:
    """Register ``fn`` as the construction ``name`` with its confidence (and its claims' quad
    class when the relation alone does not say it: a designation is conflict in words)."""
    def register(fn: Rule) -> Rule:
        if name in CONSTRUCTIONS:
            raise ValueError(f"construction {name!r} registered twice")
        if not 0 < confidence <= 1:
            raise ValueError(f"construction {name!r}: confidence {confidence} not in (0, 1]")
        family = fn.__module__.rsplit(".", 1)[-1]
        CONSTRUCTIONS[name] = Construction(name, family, confidence, fn, (fn.__doc__ or "").strip(), quad)
        return fn
    return register


def confidence(name: str) -> float:
    return CONSTRUCTIONS[name].confidence


def quad_override(name: str) -> str:
    return CONSTRUCTIONS[name].quad
