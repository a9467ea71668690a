"""Candidate actor mentions of a sentence, whose pairs the classifier labels.

A candidate is a named entity of an actor type (the model's and the gazetteer ruler's PERSON, ORG, GPE, NORP),
a common-noun actor ("the rebels", "the administration"; the nouns of ``data/actor_nouns.tsv``), with the name
that says whose it is ("the Kurdish militia", "the Syrian government": one actor, as the rules and the resolver
read it, not a demonym and a noun), or a title that names one person in context ("the president"); and a
pronoun that stands for an actor: "we"/"us"/"our" (the resolver gives it the speaker's organisation where a
speech verb names the speaker), "he"/"she" (the nearest person named in this or the two sentences before,
when exactly one fits, no title comes after the name, "the President ... he", and the name is not the one spoken
to, "Eric, ...") and "I"/"me"/"my" (the person who says it: the one the speech verb of a quotation names,
else the transcript turn's speaker or the statement's byline, ``voices``; nobody when none is named).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from extractors.affiliation.roles import is_role
from extractors.learned.voices import Speaker, Voices
from extractors.lexicon import actor_nouns
from extractors.spans import ACTOR_ENTS, entity_of, noun_phrase, speaker_of, with_place

_WE = frozenset({"we", "us", "our"})
_HE_SHE = frozenset({"he", "she", "him", "her", "his"})
_I = frozenset({"i", "me", "my"})
_TITLES = frozenset({"president", "minister", "secretary", "ambassador", "spokesperson", "spokesman",
                     "spokeswoman", "chancellor", "premier", "senator", "governor", "king", "queen", "prime"})
_LOOKBACK = 2
_NAMING_DEPS = frozenset({"amod", "compound", "nmod"})  # a name that says which group: "Kurdish", "Houthi"


@dataclass(frozen=True)
class Candidate:
    """One actor mention: its character span, the text the resolver reads, and its coarse kind.

    ``start``/``end`` are offsets into the document; for a pronoun resolved to a person they are those of the
    person's name, so the claim names the person. ``token`` is the head the parse joins to the rest of the
    sentence (the pronoun itself for a resolved pronoun).
    """

    start: int
    end: int
    text: str
    kind: str
    token: Token

    @property
    def anchor(self) -> tuple[int, int]:
        """Where the mention is in its sentence: the pronoun itself for a pronoun resolved to a person."""
        if self.token.pos_ == "PRON":
            return self.token.idx, self.token.idx + len(self.token)
        return self.start, self.end


def sentence_candidates(sent: Span, voices: Voices | None = None) -> list[Candidate]:
    """The actor candidates of ``sent`` in text order, none overlapping another. ``voices`` (``read_voices`` of
    the document) says who says "I", and which names are a transcript label's layout ("QUESTION:", the "MR" of
    "MR. PRICE:"; never candidates); without it a first-person pronoun is no candidate.

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Iran", "backs", "the", "rebels", "and", "we", "object"],
        ...           pos=["PROPN", "VERB", "DET", "NOUN", "CCONJ", "PRON", "VERB"],
        ...           lemmas=["Iran", "back", "the", "rebel", "and", "we", "object"],
        ...           heads=[1, 1, 3, 1, 1, 6, 1], deps=["nsubj", "ROOT", "det", "dobj", "cc", "nsubj", "conj"],
        ...           ents=["B-GPE", "O", "O", "O", "O", "O", "O"])
        >>> [(c.text, c.kind) for c in sentence_candidates(doc[:])]
        [('Iran', 'GPE'), ('rebels', 'NOUN'), ('we', 'PRON')]
    """
    found: list[Candidate] = [Candidate(e.start_char, e.end_char, e.text, e.label_, e.root)
                              for e in sent.ents if e.label_ in ACTOR_ENTS
                              and (voices is None or not voices.in_label(e.start_char, e.end_char))]
    taken = {i for e in sent.ents for i in range(e.start, e.end)}
    nouns = actor_nouns()
    for token in sent:
        if token.i in taken:
            continue
        lower = token.text.lower()
        if token.pos_ == "PRON" and lower in _WE:
            found.append(Candidate(token.idx, token.idx + len(token), token.text, "PRON", token))
        elif token.pos_ == "PRON" and lower in _HE_SHE:
            person = _antecedent(token)
            if person is not None:
                found.append(Candidate(person.start_char, person.end_char, person.text, "PERSON", token))
        elif token.pos_ == "PRON" and lower in _I and voices is not None:
            speaker = _first_person(token, voices)
            if speaker is not None:
                found.append(Candidate(speaker.start, speaker.end, speaker.text, "PERSON", token))
        elif token.pos_ in ("NOUN", "PROPN") and (token.lemma_.lower() in nouns or lower in _TITLES) \
                and token.dep_ != "compound":
            phrase = noun_phrase(token)
            inside = [c for c in found if phrase.start_char <= c.start and c.end <= phrase.end_char]
            if lower not in _TITLES and inside and all(c.token.dep_ in _NAMING_DEPS for c in inside):
                phrase = with_place(phrase)  # "the government in Damascus" says whose government
                inside = [c for c in found if phrase.start_char <= c.start and c.end <= phrase.end_char]
                found = [c for c in found if c not in inside]  # "the Kurdish militia" is one actor, not two
            elif any(i in taken for i in range(phrase.start, phrase.end)):
                # "Russia's army": the owner stays an actor of its own; "the German chancellor" is a person
                # whose state is "German"
                phrase = token.doc[token.i : token.i + 1]
            else:
                phrase = with_place(phrase)
                inside = [c for c in found if phrase.start_char <= c.start and c.end <= phrase.end_char]
                found = [c for c in found if c not in inside]
            found.append(Candidate(phrase.start_char, phrase.end_char, phrase.text, "NOUN", token))
            taken.update(range(phrase.start, phrase.end))
    return sorted(found, key=lambda c: (c.token.i, c.start))


def _antecedent(pronoun: Token) -> Span | None:
    """The one person named nearest before ``pronoun`` in its sentence or the two before; None if two people
    are named in the closest window that names any (the pronoun could be either), or if a title nearer the
    pronoun than any name may be whom it means ("the President ... he"; a plural, "politicians", cannot). A
    name that is addressed ("Eric, is the President ...") is no antecedent."""
    doc = pronoun.doc
    sent = pronoun.sent
    window_start = sent.start
    for _ in range(_LOOKBACK):
        if window_start == 0:
            break
        window_start = doc[window_start - 1].sent.start
    # the window's names from its tokens: ``doc.ents`` makes every entity of the document on each read
    named = (entity_of(t) for t in doc[window_start : pronoun.i] if t.ent_iob_ == "B" and t.ent_type_ == "PERSON")
    people = [e for e in named if e is not None and e.end <= pronoun.i and not _addressed(e)]
    names = {e.text.split()[-1] for e in people}
    if len(names) != 1:
        return None
    titled = any(not t.ent_type_ and t.dep_ != "compound" and t.tag_ not in ("NNS", "NNPS")
                 and (is_role(t) or (t.pos_ in ("NOUN", "PROPN") and t.lower_ in _TITLES))
                 for t in doc[people[-1].end : pronoun.i])
    return None if titled else people[-1]


def _addressed(person: Span) -> bool:
    """Whether ``person`` is the one spoken to, a name before a comma that opens its sentence or a reporter's
    turn ("Eric, ...", "Q Eric, ...")."""
    doc = person.doc
    before = doc[person.start - 1] if person.start > person.sent.start else None
    opens = before is None or before.text == "Q" or before.is_space
    return opens and person.end < len(doc) and doc[person.end].text == ","


def _first_person(pronoun: Token, voices: Voices) -> Speaker | None:
    """The person ``pronoun`` ("I", "me", "my") stands for: in a quotation, the person its speech verb names
    (or the one person a "he"/"she" there stands for); elsewhere the speaker the layout names; or None."""
    if not voices.quoted(pronoun.idx):
        return voices.speaker_at(pronoun.idx)
    said_by = speaker_of(pronoun)
    if said_by is None:
        return None
    person = _antecedent(said_by) if said_by.lower_ in _HE_SHE else entity_of(said_by)
    if person is None or person.label_ != "PERSON":
        return None
    return Speaker(person.start_char, person.end_char, person.text)
