"""Mend names the entity recogniser cut short, after ``ner``.

A name never ends in a connecting word ("the Office of the") or in a name particle with its hyphen ("Basel al-").
Such an entity stops where another begins: the gazetteer ruler runs first and tags "UN" inside "the Office of the
UN Special Envoy for Syria", and the model, which may not overlap it, ends its own entity before it. The cut
entity is joined with what follows: the next entity and any title-case words and "of/for <Title>" tails of the
same name. A name cut at "of the" keeps the first part's label (its head: "Office"); a name cut at a particle
takes the last part's ("Basel al-Assad International Airport" is a place, FAC). With nothing to join, the
dangling words are dropped. A place the ruler tagged right before the rest of an institution's name
("Tel Aviv" + "Strategic Forum") is joined with it. A title cut at its "of" ("King of" + "Romania") is no name at
all: it is dropped and the place stays on its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extractors.lexicon import resolution_words

__all__ = ["join_cut_names"]

_CONNECTORS = frozenset({"of", "for", "the", "and", "&"})
_TAILS = frozenset({"of", "for"})
_JOINABLE = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


def join_cut_names(doc: Doc) -> Doc:
    """Join each entity cut short at a connecting word or a name particle with the rest of its name.

    Examples:
        >>> from spacy.lang.en import English
        >>> doc = English()("a spokeswoman for the Office of the UN Special Envoy for Syria said")
        >>> doc.ents = [Span(doc, 3, 7, "ORG"), Span(doc, 7, 8, "ORG"), Span(doc, 11, 12, "GPE")]
        >>> [(e.text, e.label_) for e in join_cut_names(doc).ents]
        [('the Office of the UN Special Envoy for Syria', 'ORG')]
    """
    ents = list(doc.ents)
    follows = [nxt if nxt.start == ent.end else None for ent, nxt in zip(ents, ents[1:], strict=False)]
    follows.append(None)
    cuts = [_dangling(ent, nxt) for ent, nxt in zip(ents, follows, strict=False)]
    if not any(cuts):
        return doc
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent, nxt, cut = ents[i], follows[i], cuts[i]
        i += 1
        if cut is None or _is_title(ent):
            out.extend([] if cut else [ent])  # "King of" + "Romania": a title the model tagged, no name
            continue
        if nxt is not None and nxt.label_ not in _JOINABLE and nxt.label_ != ent.label_:
            nxt = None
        end = _name_end(doc, nxt.end if nxt is not None else ent.end, ents)
        if end == ent.end:
            out.append(_trimmed(ent))
            continue
        label = nxt.label_ if nxt is not None and cut != "connector" else ent.label_
        out.append(Span(doc, ent.start, end, label=label))
        while i < len(ents) and ents[i].start < end:
            i += 1
    doc.ents = [span for span in out if len(span)]
    return doc


def _dangling(ent: Span, nxt: Span | None) -> str | None:
    """"connector" for "the Office of the", "particle" for "Basel al-", "place" for "Tel Aviv" right before
    "Strategic Forum" (an organisation ending in an ``institution_head`` word), else None."""
    last = ent[-1]
    if len(ent) >= 2 and last.lower_ in _CONNECTORS:
        return "connector"
    if len(ent) >= 3 and last.text == "-" and not last.whitespace_ and ent[-2].is_lower and ent[-2].is_alpha:
        return "particle"
    if ent.label_ == "GPE" and nxt is not None and nxt.label_ == "ORG" and nxt[0].is_title \
            and nxt[-1].lower_ in resolution_words().get("institution_head", {}):
        return "place"
    return None


def _is_title(ent: Span) -> bool:
    """"King of", "the Prime Minister of": a title before its connecting word (``title`` words of
    ``resolution_words.tsv``)."""
    words = [t.lower_ for t in ent if t.lower_ not in _CONNECTORS]
    return bool(words) and " ".join(words) in resolution_words().get("title", {})


def _name_end(doc: Doc, end: int, ents: list[Span]) -> int:
    """Where the name that runs to ``end`` ends: over title-case words (not people's names or dates) and
    "of/for (the) <Title>" tails, within the sentence."""
    stop = len(doc)
    while end < stop:
        token = doc[end]
        if token.is_sent_start:
            break
        if _name_word(token):
            end = _entity_end(token, ents) or end + 1
            continue
        after = end + 2 if end + 1 < stop and doc[end + 1].lower_ == "the" else end + 1
        if token.lower_ in _TAILS and after < stop and _name_word(doc[after]) and not doc[after].is_sent_start:
            end = after
            continue
        break
    return end


def _name_word(token: Token) -> bool:
    if token.ent_type_ and token.ent_type_ not in _JOINABLE:
        return False  # "Ingrid Solberg", "Friday"
    return token.is_alpha and (token.is_title or token.is_upper)


def _entity_end(token: Token, ents: list[Span]) -> int | None:
    for ent in ents:
        if ent.start == token.i:
            return ent.end
    return None


def _trimmed(ent: Span) -> Span:
    end = ent.end
    while end > ent.start and (ent.doc[end - 1].lower_ in _CONNECTORS or ent.doc[end - 1].text == "-"):
        end -= 1
    return Span(ent.doc, ent.start, end, label=ent.label_)
