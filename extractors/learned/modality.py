"""Whether a stance the classifier finds is asserted: negation, hedging modals, conditions and questions read
from the parse between the two actors. The classifier says which relation a sentence is about; these flags say
whether it is asserted, so "did not back X", "might recognise X" and "Will X abandon Y?" never become edges."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractors.nlp.headlines import in_headline
from extractors.spans import CONDITION_MARKS, HEDGE_MODALS, clause_flags

_MAX_PATH = 8


def common_head(a: Token, b: Token) -> Token | None:
    """The lowest token that has both ``a`` and ``b`` in its subtree."""
    ancestors = {x.i for x in (a, *a.ancestors)}
    return next((x for x in (b, *b.ancestors) if x.i in ancestors), None)


def pair_flags(a: Token, b: Token, sent: Span) -> tuple[bool, bool, Token]:
    """``(negated, hedged, top)`` for a stance held by the phrase headed by ``a`` on the one headed by ``b``:
    the clause flags of the verb governing ``b`` up its chain (negation, modality, a negating or hedging control
    verb), any negation or hedging modal or
    condition on the verbs from either actor up to ``top``, a condition anywhere in the sentence, and a question
    or headline, which asserts nothing."""
    top = common_head(a, b) or sent.root
    # The clause of the verb that governs the target, read up its chain of governing verbs: "refused to back
    # X" is negated by "refused" (data/control_verbs.tsv) although the holder is its subject.
    governing = next((x for x in (b, *b.ancestors) if x.pos_ in ("VERB", "AUX")), top)
    negated, hedged = clause_flags(governing)
    for start in (a, b):
        node = start
        for _ in range(_MAX_PATH):
            if node.i == top.i:
                break
            kids = list(node.children)
            negated = negated or any(c.dep_ == "neg" for c in kids)
            hedged = hedged or any(c.text.lower() in (HEDGE_MODALS if c.dep_ == "aux" else CONDITION_MARKS)
                                   for c in kids if c.dep_ in ("aux", "mark"))
            node = node.head
    conditional = any(x.dep_ == "mark" and x.text.lower() in CONDITION_MARKS for x in sent)
    question = sent.text.rstrip().rstrip("\"'\u201d\u2019").endswith("?")
    return negated, hedged or conditional or question or in_headline(top), top
