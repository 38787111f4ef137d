"""What the constructions of one document share: the resolution, the lexicon, the claims so far."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..actors import Resolution
from ..lexicon import Lexicon
from .cameo import annotate
from .registry import confidence, quad_override
from .words import Words

PRONOUN_DISCOUNT = 0.85  # a claim whose party is a pronoun ("its war") is less sure
WEAK_DISCOUNT = 0.6  # verbs that often say less than enmity ("pressure", "warn")


@dataclass(frozen=True)
class Claim:
    source: str
    target: str
    relation: str
    confidence: float
    directed: bool
    sentence: Span
    cue: str
    rule: str
    cue_char: int = -1  # offset of the cue in the text, to clip evidence from endless sentences
    cameo: str = ""  # CAMEO root (two digits) when the dictionary codes the cue as this relation
    quad: str = ""  # verbal_cooperation | material_cooperation | verbal_conflict | material_conflict


@dataclass
class Context:
    res: Resolution
    lex: Lexicon
    words: Words
    claims: list[Claim] = field(default_factory=list)
    promoted: dict[int, str] = field(default_factory=dict)  # place tokens a relation made into actors
    pending: dict[str, list[int]] = field(default_factory=dict)  # promotions waiting for a claim
    plural: dict[str, bool] = field(default_factory=dict)
    frames: dict[tuple[str, int], object] = field(default_factory=dict)  # per-token analyses shared by constructions

    @property
    def doc(self) -> Doc:
        return self.res.doc


def emit(ctx: Context, sources, targets, relation: str, rule: str, cue: Token | str, sent: Span,
         directed: bool = True, factor: float = 1.0) -> None:
    """One claim per (source, target) pair, at the confidence of ``rule`` times ``factor``."""
    conf = confidence(rule) * factor
    cue_text = cue if isinstance(cue, str) else cue.text
    cue_char = -1 if isinstance(cue, str) else cue.idx
    code: tuple[str, str] | None = None
    for s in sources:
        for t in targets:
            if s and t and s != t:
                if code is None:
                    code = _code(ctx, None if isinstance(cue, str) else cue, relation, rule)
                ctx.claims.append(Claim(s, t, relation, round(conf, 3), directed, sent, cue_text, rule, cue_char,
                                        *code))
                for aid in (s, t):
                    for tok_i in ctx.pending.pop(aid, ()):
                        ctx.promoted[tok_i] = aid


def frame(ctx: Context, kind: str, tok: Token, make):
    """The analysis ``make(ctx, tok)`` of one token, computed once for all constructions that read it."""
    key = (kind, tok.i)
    if key not in ctx.frames:
        ctx.frames[key] = make(ctx, tok)
    return ctx.frames[key]


def _code(ctx: Context, cue: Token | None, relation: str, rule: str) -> tuple[str, str]:
    """(cameo, quad) of a claim: the dictionary's code of its cue, or its construction's quad."""
    root, quad = annotate(cue, relation)
    own = quad_override(rule)
    return root, (own if own and not root else quad)
