"""Features of a directed pair of actor mentions in one sentence, for the learned stance layer.

The candidates are the sentence's named actors (NER PERSON/ORG/GPE/NORP and the gazetteer's names), the same
entities the rules read; a pair's features describe how the parse joins them: the dependency path and the lemmas
on it, which of the two is the subject or the speaker of a speech verb, the words around the target, the stance
lexicon's polarity and class hits on the path and in the sentence, negation and modality on the path, quotes, and
order. Features are plain strings; ``stance_model`` hashes them into a weight table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from extractors.lexicon import Cue, stance_cues
from extractors.spans import ACTOR_ENTS, CONDITION_MARKS, is_modal

FEATURE_VERSION = 2
_SPEECH = frozenset({"say", "tell", "claim", "allege", "insist", "argue", "state", "add", "announce", "declare",
                     "warn", "believe", "think", "write", "call", "accuse", "praise", "blame", "criticize",
                     "criticise", "urge", "ask", "suggest", "note", "acknowledge", "contend", "complain"})
_QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})
_SKIP_POS = frozenset({"PUNCT", "SPACE", "DET", "NUM", "SYM", "X"})
_MAX_PATH = 8
_CONTENT_POS = frozenset({"ADJ", "VERB", "NOUN"})


@dataclass(frozen=True)
class Candidate:
    """An actor named in a sentence: the entity span and its head token."""

    span: Span

    @property
    def head(self) -> Token:
        return self.span.root


@dataclass(frozen=True)
class SentenceContext:
    """What every pair of a sentence shares: its stance-lexicon hits."""

    cues: tuple[tuple[Token, Cue], ...]


def sentence_context(sent: Span) -> SentenceContext:
    """The lexicon hits of ``sent`` (first cue per word), computed once per sentence. (A bag of the sentence's
    words was tried as well and dropped: it lowered precision in cross-validation on train.)"""
    table = stance_cues()
    hits = []
    for x in sent:
        pos = "NOUN" if x.pos_ in ("NOUN", "PROPN") else x.pos_ if x.pos_ in ("VERB", "ADJ") else ""
        found = table.get((x.lemma_.lower(), pos), ()) if pos else ()
        if found:
            hits.append((x, found[0]))
    return SentenceContext(tuple(hits))


def candidates(sent: Span) -> list[Candidate]:
    """The sentence's named actors, in order, one per entity span.

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Iran", "backs", "Hezbollah", "in", "May"],
        ...           ents=["B-GPE", "O", "B-ORG", "O", "B-DATE"])
        >>> [c.span.text for c in candidates(doc[:])]
        ['Iran', 'Hezbollah']
    """
    return [Candidate(ent) for ent in sent.ents if ent.label_ in ACTOR_ENTS]


def pair_features(holder: Candidate, target: Candidate, context: SentenceContext | None = None) -> list[str]:
    """Feature strings for "``holder`` supports/opposes ``target``" (directed); ``context`` is
    ``sentence_context`` of their sentence, passed in when scoring many pairs of one sentence."""
    context = context or sentence_context(holder.span.sent)
    h, t = holder.head, target.head
    feats = ["bias", f"order={'ht' if h.i < t.i else 'th'}", f"htype={holder.span.label_}",
             f"ttype={target.span.label_}", f"types={holder.span.label_}>{target.span.label_}",
             f"hdep={_role(h)}", f"tdep={_role(t)}", f"deps={_role(h)}>{_role(t)}"]
    up_h, up_t, top = _path(h, t)
    path = [*up_h, top, *reversed(up_t)] if top is not None else []
    feats.append(f"dist={min(abs(h.i - t.i) // 3, 6)}")
    if top is None:
        feats.append("path=none")
    else:
        steps = "|".join([*(f"{x.dep_}^" for x in up_h), *(f"{x.dep_}v" for x in reversed(up_t))])
        feats.append(f"pathdeps={steps}" if len(path) <= 5 else "pathdeps=long")
        feats.append(f"top={top.lemma_.lower()}")
        feats.append(f"top={top.lemma_.lower()}|{_role(h)}>{_role(t)}")
        feats.extend(f"onpath={x.lemma_.lower()}" for x in path[1:-1] if x.pos_ not in _SKIP_POS)
        feats.extend(_flag_features(path, top))
    feats.extend(_speaker_features(h, t, top))
    feats.extend(_clause_features(h, t, [f for f in feats if f.startswith(("h_speaker", "t_in_speech"))]))
    feats.extend(_lexicon_features(context, {x.i for x in path}, f"{_role(h)}>{_role(t)}"))
    feats.extend(f"near_t={x.lemma_.lower()}" for x in _window(target.span, 3))
    feats.extend(f"between={x.lemma_.lower()}" for x in _between(holder.span, target.span))
    if _in_quote(target.span) and not _in_quote(holder.span):
        feats.append("t_quoted_h_outside")
    return feats


def _role(token: Token) -> str:
    """The grammatical slot of the entity head: its dep, with the preposition for a PP object."""
    if token.dep_ == "pobj":
        return f"pobj:{token.head.text.lower()}"
    if token.dep_ in ("compound", "amod", "nmod", "poss"):
        return f"{token.dep_}:{token.head.lemma_.lower()}"
    return token.dep_


def _path(a: Token, b: Token) -> tuple[list[Token], list[Token], Token | None]:
    """Tokens from ``a`` and from ``b`` up to (not including) their lowest common head, and that head."""
    chain_a = [a, *list(a.ancestors)[:_MAX_PATH]]
    index = {x.i: n for n, x in enumerate(chain_a)}
    up_b: list[Token] = []
    node = b
    for _ in range(_MAX_PATH + 1):
        if node.i in index:
            return chain_a[: index[node.i]], up_b, node
        up_b.append(node)
        if node.head.i == node.i:
            break
        node = node.head
    return chain_a, up_b, None


def _flag_features(path: list[Token], top: Token) -> Iterator[str]:
    for x in path:
        for c in x.children:
            if c.dep_ == "neg":
                yield "neg_on_path"
            elif c.dep_ == "aux" and is_modal(c):
                yield "modal_on_path"
            elif c.dep_ == "mark" and c.text.lower() in CONDITION_MARKS:
                yield "condition_on_path"
    if top.sent.text.rstrip().endswith("?"):
        yield "question"


def _speaker_features(h: Token, t: Token, top: Token | None) -> Iterator[str]:
    """Is the holder the subject of a speech verb, and does the target sit in what is said?"""
    verb = h.head
    if h.dep_ == "nsubj" and verb.lemma_.lower() in _SPEECH:
        yield f"h_speaker={verb.lemma_.lower()}"
        said = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis", "xcomp", "dobj")]
        if any(c.left_edge.i <= t.i <= c.right_edge.i for c in said) or (top is not None and top.i == verb.i):
            yield "t_in_speech_of_h"
    if h.dep_ in ("nsubj", "nsubjpass") and top is not None and top.i == h.head.i:
        yield "h_subject_of_top"
    if t.dep_ in ("dobj", "nsubjpass") and top is not None and top.i == t.head.i:
        yield "t_object_of_top"


def _clause_features(h: Token, t: Token, speech: list[str]) -> Iterator[str]:
    """The verb governing each side and the content words of the target's clause ("Y's plan was a disaster"),
    also joined with the speech features, so that an evaluation in what a speaker says reads as their stance."""
    h_verb, t_verb = _governor(h), _governor(t)
    if h_verb is not None:
        yield f"hverb={h_verb.lemma_.lower()}"
    if t_verb is None:
        return
    yield f"tverb={t_verb.lemma_.lower()}"
    said = "said" if speech else "plain"
    for x in t_verb.subtree:
        if x.pos_ in _CONTENT_POS and abs(x.i - t_verb.i) <= 10:
            yield f"tclause={x.lemma_.lower()}"
            yield f"tclause_{said}={x.lemma_.lower()}"


def _governor(token: Token) -> Token | None:
    node = token
    for _ in range(6):
        if node.head.i == node.i:
            return node if node.pos_ in ("VERB", "AUX") else None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _lexicon_features(context: SentenceContext, on_path: set[int], role: str) -> Iterator[str]:
    for x, cue in context.cues:
        where = "path" if x.i in on_path else "sent"
        yield f"cue_{where}={cue.polarity}"
        yield f"cue_{where}_cls={cue.cls}"
        if where == "path":
            yield f"cue_path_lemma={cue.lemma}"
            yield f"cue_path={cue.polarity}|{role}"
            negated = any(c.dep_ == "neg" for c in x.children)
            yield f"cue_path_neg={negated}|{cue.polarity}"


def _window(span: Span, size: int) -> Iterator[Token]:
    doc, sent = span.doc, span.sent
    for i in [*range(max(sent.start, span.start - size), span.start), *range(span.end, min(sent.end, span.end + size))]:
        if doc[i].pos_ not in _SKIP_POS:
            yield doc[i]


def _between(a: Span, b: Span) -> Iterator[Token]:
    first, second = (a, b) if a.start < b.start else (b, a)
    gap = first.doc[first.end : second.start]
    if len(gap) > 12:
        return
    for x in gap:
        if x.pos_ not in _SKIP_POS:
            yield x


def _in_quote(span: Span) -> bool:
    """An odd number of quote marks before the span in its sentence: it sits inside a quotation."""
    sent = span.sent
    return sum(1 for x in span.doc[sent.start : span.start] if x.text in _QUOTES) % 2 == 1
