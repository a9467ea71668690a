"""Stance read off evaluations in reported speech: a speaker who praises or blames a named actor.

News often states a stance with no word of support or opposition: the speaker says something good or bad about
someone. ""Mr. Hale lied to the committee," Marsh said" is Marsh opposing Hale; "Brody did a terrific job, Walsh
said" is Walsh supporting Brody; "Marsh called Hale a reckless man" is Marsh opposing Hale. This module finds such
evaluations with ``data/evaluation_lexicon.tsv`` and gives them to the speaker:

- the **target** is a named actor the evaluation is said of: the subject of an evaluative predicate ("X is a
  liar", "X lied", "X did a terrific job", "X's record is disastrous": the possessor), the object of a judging
  verb ("called X a liar", "described X as reckless"), a name in apposition ("X, a fraud,") or one an evaluative
  adjective modifies ("the reckless X");
- the **holder** is the subject of the speech verb that reports the clause ("...," X said; X told reporters
  that ...) or of a judging verb (``data/report_verbs.tsv``). "According to X" is not a holder: it names a
  source of facts (a poll, a prosecutor), not someone who judges.

An evaluation outside reported speech has no holder in the sentence (the writer's) and gives no claim, and so
does one said of a thing ("the plan is a disaster") or of an unnamed party. Negation, modality, conditions,
questions and headlines set ``negated`` / ``hedged`` as for every stance claim. The claims are inferred, so their
confidence (``SPEECH_CONFIDENCE``, ``JUDGE_CONFIDENCE``) sits below every explicit cue of the stance lexicon
(0.5 and up); ``stance.v1`` adds them only for pairs its own rules left without a claim.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from extractors.lexicon import Evaluation, evaluation_words, report_verbs, speech_verbs
from extractors.nlp.headlines import in_headline, scare_quoted
from extractors.records import Claim, Mention
from extractors.spans import ACTOR_ENTS, RELATIVE_TAGS, child, clause_flags, prep_objects, sentence_text
from extractors.stance.slots import slot_mention

NAME = "stance.evaluation.v1"
SPEECH_CONFIDENCE = 0.4  # a praise or blame word in a clause the holder is reported to have said
JUDGE_CONFIDENCE = 0.45  # the holder judged the target in so many words ("called X a liar")
_NAMED = ACTOR_ENTS | {"PROPN"}  # mention kinds that name an actor (not "the rebels", not a pronoun)
_POS = {"ADJ": "ADJ", "NOUN": "NOUN", "PROPN": "NOUN", "VERB": "VERB"}
_REPORTED = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj"})  # how a said clause hangs off its verb
_CLIMB = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj", "acomp", "attr", "oprd", "csubj"})
_ARGUMENT = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos"})
_PREDICATED = frozenset({"attr", "oprd", "appos", "pobj"})  # a noun said of an actor ("pobj": "described as")
_PERSONAL = frozenset({"he", "she", "him", "her"})  # a pronoun target named by "said of X"


@dataclass(frozen=True)
class Reading:
    """One evaluation: the word, the token it is said of, its polarity, the verb of its clause, and the judging
    verb when the evaluation is the predicate of one ("called X a liar")."""

    cue: Token
    target: Token
    polarity: str
    clause: Token
    judge: Token | None = None


def evaluation_claims(sent: Span, doc_id: str, index: int,
                      covered: set[tuple[int, int]]) -> Iterator[Claim]:
    """Claims of speakers who praise or blame a named actor in ``sent``, for pairs not in ``covered``
    (character starts of the subject and object of the rule claims already found, either way round)."""
    seen: set[tuple[int, int]] = set()
    for reading in readings(sent):
        holder, verb = _holder(reading)
        if holder is None or verb is None:
            continue
        target = _said_of(verb) if reading.target.text.lower() in _PERSONAL else reading.target
        if target is None:
            continue
        subject, obj = slot_mention(holder), slot_mention(target)
        if not (_named(subject) and _named(obj)) or subject is None or obj is None:
            continue
        pair = (subject.start, obj.start)
        if _same(subject, obj) or pair in seen or pair in covered or pair[::-1] in covered:
            continue
        seen.add(pair)
        yield _claim(reading, subject, obj, verb, sent, doc_id, index)


def readings(sent: Span) -> Iterator[Reading]:
    """Every evaluation in ``sent`` said of some token (actor or not; the caller checks)."""
    words = evaluation_words()
    for token in sent:
        entry = words.get((token.lemma_.lower(), _POS.get(token.pos_, "")))
        if entry is None or entry.pattern == "work" or token.tag_ in ("JJR", "RBR"):
            continue  # a comparative compares ("a greater threat than X"), it does not praise
        if entry.pattern == "deed":
            subject = _deed_subject(token)
            target = _evaluated(subject) if subject is not None else None
            if target is not None:
                yield Reading(token, target, entry.polarity, token)
        elif token.pos_ == "ADJ":
            yield from _adjective(token, _first_conjunct(token), entry)
        else:
            yield from _carrier(token, _first_conjunct(token), entry.polarity)


def _deed_subject(verb: Token) -> Token | None:
    """The subject of a deed verb, shared by a verb it is coordinated with ("Hale ran and failed"); none for a
    passive ("was betrayed": the subject is the one wronged)."""
    if child(verb, "nsubjpass", "auxpass") is not None or any(c.dep_ == "aux" and c.text.lower() == "to"
                                                               for c in verb.children):
        return None  # nor for an infinitive: "encouraged X to lie" blames the encourager, "wants X to fail"
    found = child(verb, "nsubj")
    if found is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        found = child(verb.head, "nsubj")
    return found


def _first_conjunct(token: Token) -> Token:
    """The first of coordinated words, which holds their place in the clause ("careless and negligent")."""
    while token.dep_ == "conj" and token.head != token and token.head.pos_ == token.pos_:
        token = token.head
    return token


def _adjective(cue: Token, adj: Token, entry: Evaluation) -> Iterator[Reading]:
    """"X is reckless", "called X reckless", "found X extraordinary"; "the reckless X"; "a terrific job"
    (``adj`` is the first of coordinated adjectives, ``cue`` the evaluative one)."""
    if adj.dep_ in ("acomp", "oprd", "ccomp", "xcomp") or child(adj, "nsubj") is not None:
        yield from _predicate(cue, adj, entry.polarity)
    elif adj.dep_ == "amod":
        noun = adj.head
        if entry.pattern == "trait" and noun.ent_type_ in ACTOR_ENTS:  # not "tremendous Republican support"
            yield Reading(cue, noun, entry.polarity, _clause_of(noun))
        elif _is_work(noun) or (entry.pattern == "trait" and noun.dep_ in _PREDICATED):
            yield from _carrier(cue, noun, entry.polarity)  # "a terrific job"; "called X a tireless fighter"
        elif entry.pattern == "trait":
            yield from _possessed(cue, noun, entry.polarity)  # "her reckless use of a private server"


def _possessed(cue: Token, noun: Token, polarity: str) -> Iterator[Reading]:
    """An evaluated act or quality of a named owner: "X's disastrous policies", "Hale's corruption"."""
    owner = child(noun, "poss")
    if owner is not None and (_named(slot_mention(owner)) or owner.text.lower() in _PERSONAL):
        yield Reading(cue, owner, polarity, _clause_of(noun))


def _carrier(cue: Token, noun: Token, polarity: str) -> Iterator[Reading]:
    """The actor an evaluative noun phrase is said of: "X is a liar", "called X a liar", "X, a liar",
    "described X as a liar", "X did a terrific job", "X is one of the finest leaders"; else its owner."""
    if noun.dep_ == "pobj" and noun.head.text.lower() == "of" and noun.head.head.lower_ == "one":
        noun = noun.head.head  # "one of our most accomplished women"
    if noun.dep_ in ("attr", "oprd", "ccomp", "xcomp"):
        yield from _predicate(cue, noun, polarity)
    elif noun.dep_ == "appos" and _named(slot_mention(noun.head)):
        yield Reading(cue, noun.head, polarity, _clause_of(noun.head))
    elif noun.dep_ == "pobj" and noun.head.text.lower() == "as" and noun.head.head.pos_ == "VERB":
        verb = noun.head.head
        obj = child(verb, "dobj")
        if obj is not None and report_verbs().get(verb.lemma_.lower()) == "judge":
            target = _evaluated(obj)
            if target is not None:
                yield Reading(cue, target, polarity, verb, judge=verb)
    elif noun.dep_ == "dobj" and _is_work(noun):
        subject = child(noun.head, "nsubj")
        target = _evaluated(subject) if subject is not None else None
        if target is not None:
            yield Reading(cue, target, polarity, noun.head)
    elif noun.pos_ == "NOUN" and not _is_work(noun):
        yield from _possessed(cue, noun, polarity)


def _predicate(cue: Token, word: Token, polarity: str) -> Iterator[Reading]:
    """``word`` is predicated of something: the subject of its verb, the object of a judging verb, or the
    subject of a small clause ("made X extraordinary")."""
    own = child(word, "nsubj")
    verb = word.head
    carrier: Token | None
    if own is not None:
        if report_verbs().get(verb.lemma_.lower()) == "cause":
            return  # "make the country great again" is a wished result, not a judgement
        carrier, clause = own, word
        judge = verb if report_verbs().get(verb.lemma_.lower()) == "judge" else None
    elif report_verbs().get(verb.lemma_.lower()) == "judge" and child(verb, "dobj") is not None:
        carrier, clause, judge = child(verb, "dobj"), verb, verb
        if carrier is not None and carrier.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
            carrier = verb.head  # "Brody, whom he called a good man"
    else:
        carrier, clause, judge = child(verb, "nsubj"), verb, None
    target = _evaluated(carrier) if carrier is not None else None
    if target is not None:
        yield Reading(cue, target, polarity, clause, judge)


def _evaluated(token: Token) -> Token | None:
    """The actor a subject or object stands for: itself, or the possessor of a noun of conduct or judgement
    ("Brody's leadership", "Hale's record"), or its of-phrase ("the record of X")."""
    if _named(slot_mention(token)) or token.text.lower() in _PERSONAL:
        return token
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    owner = child(token, "poss")
    if owner is None and _is_work(token):
        owner = next(prep_objects(token, "of"), None)
    return owner if owner is not None and _named(slot_mention(owner)) else None


def _same(a: Mention, b: Mention) -> bool:
    """One name inside the other ("Moya", "Carlos Moya"): most likely one person, who holds no stance on
    themself."""
    x, y = a.text.lower(), b.text.lower()
    return x in y or y in x


def _is_work(noun: Token) -> bool:
    entry = evaluation_words().get((noun.lemma_.lower(), "NOUN"))
    return entry is not None and entry.pattern == "work"


def _named(mention: Mention | None) -> bool:
    """A mention that names an actor: an entity, or a capitalised name the NER missed, but not a capitalised
    function word ("It's a great honor")."""
    return mention is not None and mention.kind in _NAMED and mention.text.strip("\"'“”").lower() not in STOP_WORDS


def _clause_of(token: Token) -> Token:
    """The verb whose clause ``token`` sits in."""
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            return node
        node = node.head
    return node


def _holder(reading: Reading) -> tuple[Token | None, Token | None]:
    """Who utters or makes the evaluation, and the verb that says so; (None, None) if no one in the sentence
    does (the writer's own evaluation)."""
    if reading.judge is not None:
        return _subject(reading.judge), reading.judge
    node = reading.clause
    for _ in range(8):
        source = _inserted_speaker(node)
        if source is not None:
            return source
        if node.dep_ in _ARGUMENT or node.head == node:
            return None, None
        head = node.head
        if node.dep_ in _REPORTED and head.lemma_.lower() in speech_verbs():
            return _subject(head), head
        if node.dep_ not in _CLIMB:
            return None, None
        node = head
    return None, None


def _inserted_speaker(verb: Token) -> tuple[Token, Token] | None:
    """A speech verb hung off the quote it reports ("The plan, he said, is a disaster"; ""...," X said" when the
    parser makes the quote the root)."""
    for c in verb.children:
        if c.dep_ in ("parataxis", "advcl", "ccomp") and c.i > verb.i and \
                c.lemma_.lower() in speech_verbs() and child(c, "ccomp") is None:
            subject = _subject(c)
            if subject is not None:
                return subject, c
    return None


def _said_of(verb: Token) -> Token | None:
    """The person a quote is said of (""He is not an expert," Marsh said of Hale"), whom its "he" or "she"
    names."""
    return next(prep_objects(verb, "of"), None) if verb.lemma_.lower() in speech_verbs() else None


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb a subjectless participle hangs off ("stood by X, saying ...")."""
    found = child(verb, "nsubj")
    if found is None and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head != verb:
        found = child(verb.head, "nsubj")
    if found is not None and found.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
        return verb.head  # "Walsh, who said Brody is ..."
    if found is not None and not _named(slot_mention(found)):
        return next(prep_objects(found, "from"), found)  # "a statement from Governor Walsh"
    return found


def _claim(reading: Reading, subject: Mention, obj: Mention, verb: Token, sent: Span, doc_id: str,
           index: int) -> Claim:
    negated, hedged = clause_flags(reading.clause)
    said_negated, said_hedged = clause_flags(verb) if verb != reading.clause else (False, False)
    text, start = sentence_text(sent)
    confidence = JUDGE_CONFIDENCE if reading.judge is not None else SPEECH_CONFIDENCE
    return Claim(
        doc_id=doc_id, sentence_index=index, sentence=text, sentence_start=start,
        relation="supports" if reading.polarity == "supports" else "opposes",
        subject=subject, object=obj, cue=reading.cue.text.lower(), extractor=NAME, confidence=confidence,
        negated=negated != said_negated,
        hedged=hedged or said_hedged or in_headline(reading.cue) or scare_quoted(reading.cue),
    )
