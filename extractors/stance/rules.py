"""``stance.v1``: who supports or opposes whom, read off the dependency parse.

Verb cues ("Iran backs Hezbollah", "were armed by Qatar", "the militia, which Iran financed", "sent troops to
prop up X", "sided with Turkey against the bloc") and noun cues ("Washington's support for Taipei", "the war
between Armenia and Azerbaijan", "imposed sanctions on Moscow") come from ``data/stance_lexicon.tsv``.
Agent nouns ("Gaetz, a Trump supporter", "a critic of Putin", "an Obama appointee") hold for the person they
describe. A party helped to act shares the stance of the purpose clause ("backs X against Y", "assists X to
defeat Y": X opposes Y too). Each entry has a CAMEO-style class; ``assault`` cues also hit places and things
(see ``stance_slots``); a person's assault on a thing is figurative. Adjectives read like verbs ("is critical
of X"); "at the hands of X", relative clauses on noun cues ("the threat they pose to Y"), possessed relational
nouns ("their Hezbollah allies") and a supported party sharing its clause's opposition noun ("support for Iraq in
the fight against ISIL") are in ``stance_nouns``. Coordination on either side distributes; negation, modality,
conditions, questions and headlines (``headlines``) set ``negated`` / ``hedged``; a clause reported by a speech
verb is attributed to its speaker. Confidence is the cue's prior, lowered for inherited holders, helped parties
and stand-in slot fillers.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import permutations

from spacy.tokens import Doc, Span, Token

from extractors.lexicon import Cue, control_verbs, stance_cues
from extractors.nlp.headlines import in_headline, scare_quoted
from extractors.records import Claim, Mention
from extractors.spans import (
    RELATIVE_TAGS,
    actor_mention,
    child,
    clause_flags,
    prep_objects,
    sentence_text,
    speaker_of,
)
from extractors.stance import helped
from extractors.stance.evaluation import evaluation_claims
from extractors.stance.nouns import (
    governing_verb,
    hyphen_parties,
    purpose_oppositions,
    relational_parties,
    relative_clause,
    relative_clause_targets,
    role_holder,
    role_targets,
    verb_level_targets,
    victims,
)
from extractors.stance.slots import Slot, coordinated, figurative, holder_mentions, target_mentions

NAME = "stance.v1"
_SUBJECT_DEPS = ("nsubj",)
_INHERIT_DEPS = frozenset({"acomp", "xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "pobj", "prep", "dobj", "ccomp"})
_ROLE_SLOTS = frozenset({"role", "role_rev", "mutual"})
_THROUGH_VERB = frozenset({"dobj", "attr", "nsubj", "nsubjpass"})  # a threat noun's holder: "X poses a threat"
_HOLDER_ENTS = frozenset({"GPE", "NORP", "ORG"})  # a modifier naming the holder of a noun cue
_VERBAL_OPPOSITION = frozenset({"disapprove", "reject"})  # classes whose object noun is someone else's act
_INFERRED = 0.85  # factor on confidence when the holder is inherited through a clause chain


def extract_stance(doc: Doc, doc_id: str) -> Iterator[Claim]:
    """Yield support/oppose claims from every sentence of ``doc``.

    Examples:
        >>> from spacy.vocab import Vocab
        >>> words = ["Iran", "backs", "Hezbollah", "."]
        >>> doc = Doc(Vocab(), words=words, heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"],
        ...           pos=["PROPN", "VERB", "PROPN", "PUNCT"], lemmas=["Iran", "back", "Hezbollah", "."],
        ...           ents=["B-GPE", "O", "B-ORG", "O"], sent_starts=[True, False, False, False])
        >>> [(c.subject.text, c.relation, c.object.text) for c in extract_stance(doc, "d")]
        [('Iran', 'supports', 'Hezbollah')]
    """
    for index, sent in enumerate(doc.sents):
        seen: set[tuple[int, str, int]] = set()
        for claim in _sentence_claims(sent, doc_id, index):
            key = (claim.subject.start, claim.relation, claim.object.start)
            if key not in seen:
                seen.add(key)
                yield claim
        yield from evaluation_claims(sent, doc_id, index, {(s, o) for s, _, o in seen})


def _sentence_claims(sent: Span, doc_id: str, index: int) -> Iterator[Claim]:
    cues = stance_cues()
    for token in sent:
        if token.pos_ in ("VERB", "AUX"):
            for cue in cues.get((_verb_lemma(token), "VERB"), ()):
                yield from _verb_claims(token, cue, sent, doc_id, index)
            yield from _misread_reports(token, sent, doc_id, index)
        elif token.pos_ == "ADJ":  # "is critical of X", "remains supportive of X": read like a verb
            for cue in cues.get((token.lemma_.lower(), "ADJ"), ()):
                yield from _verb_claims(token, cue, sent, doc_id, index)
        elif token.pos_ in ("NOUN", "PROPN"):
            for cue in cues.get((token.lemma_.lower(), "NOUN"), ()):
                yield from _noun_claims(token, cue, sent, doc_id, index)


def _misread_reports(verb: Token, sent: Span, doc_id: str, index: int) -> Iterator[Claim]:
    """A reported clause read by the parser as a noun phrase ("says Iran funds and arms Hezbollah")."""
    for cue_token, holder, target in helped.misread_reports(verb):
        negated, hedged = clause_flags(verb)
        for cue in (c for c in stance_cues()[(cue_token.lemma_.lower(), "VERB")] if c.slot == "obj"):
            yield from _pairs(holder_mentions(holder, cue), target_mentions([target], cue), cue_token, cue, sent,
                              doc_id, index, negated, hedged, cue.confidence * _INFERRED)


def _verb_lemma(verb: Token) -> str:
    particle = child(verb, "prt")
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle.text.lower()}" if particle is not None else lemma


def _is_passive(verb: Token) -> bool:
    """Passive voice, also a bare participle with a by-agent ("were armed and trained by Qatar")."""
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)


def _passive_patient(verb: Token) -> Token | None:
    """The passive subject, or for a participle coordinated under "be" the subject of "be" ("The brigades
    were armed and trained by Qatar", parsed as be -> armed (acomp) -> trained (conj))."""
    node = verb
    for _ in range(3):
        found = child(node, "nsubjpass")
        if found is not None:
            return found
        if node.lemma_ == "be":
            return child(node, "nsubj")
        if node.dep_ not in ("conj", "acomp") or node.head == node:
            return None
        node = node.head
    return None


def _verb_claims(verb: Token, cue: Cue, sent: Span, doc_id: str, index: int) -> Iterator[Claim]:
    holder, inherited = _verb_holder(verb)
    holder = helped.antecedent(holder) or holder if holder is not None else None
    if holder is None and cue.slot != "obj" and _is_passive(verb):  # stative "is opposed to X", "allied with"
        holder = _passive_patient(verb)
    targets = [helped.act_agent(t) or helped.antecedent(t) or t for t in _verb_targets(verb, cue)]
    if holder is None or not targets:
        return
    negated, hedged = clause_flags(verb)
    confidence = cue.confidence * (_INFERRED if inherited else 1.0)
    holders, objects = holder_mentions(holder, cue), target_mentions(_flatten(targets), cue)
    yield from _pairs(holders, objects, verb, cue, sent, doc_id, index, negated, hedged, confidence)
    if helped.reciprocal(cue):
        yield from _pairs(objects, holders, verb, cue, sent, doc_id, index, negated, hedged, confidence)
    partner = _supported_partner(verb, cue, inherited)
    if partner is not None:
        yield from _pairs(holder_mentions(partner, cue), objects, verb, cue, sent, doc_id, index, negated, hedged,
                          confidence * _INFERRED)
    helper = helped.helper_of_purpose(verb) if inherited else None
    for other in (helper, helped.collective_of(verb, holder)):  # "supported X in its efforts to ..."; "as part of"
        if other is not None and other.i != holder.i:
            yield from _pairs(holder_mentions(other, cue), objects, verb, cue, sent, doc_id, index, negated,
                              hedged, confidence * _INFERRED)


def _supported_partner(verb: Token, cue: Cue, inherited: bool) -> Token | None:
    """The party helped to do what ``verb`` says, which shares the stance: "backs X against Y", "helps X to
    defeat Y", "stands by X to defeat Y", "supported X in its efforts to defeat Y" -> X opposes Y too."""
    if cue.slot == "against" and cue.polarity == "opposes":  # "backs X against Y", not "sided with X against Y"
        return _supported_party(verb, direct_only=True)
    if not inherited:
        return None
    node = verb
    for _ in range(4):
        if node.dep_ not in _INHERIT_DEPS or node.head == node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return _supported_party(node)
    return None


def _supported_party(verb: Token, direct_only: bool = False) -> Token | None:
    """The object of ``verb`` if it is a verb of support ("assist the Iraqi government")."""
    cues = stance_cues().get((_verb_lemma(verb), "VERB"), ())
    if not any(c.polarity == "supports" for c in cues):
        return None
    passive = _is_passive(verb)
    found = child(verb, "nsubjpass") if passive else child(verb, "dobj")
    if found is None and not direct_only:
        found = next((t for c in cues if c.polarity == "supports" and c.slot != "obj"
                      for t in prep_objects(verb, c.slot)), None)
    return None if found is None or found.tag_ in RELATIVE_TAGS else found


def _verb_targets(verb: Token, cue: Cue) -> list[Token]:
    """The targets of ``verb``; a conjoined verb lends its object only when the object follows ``verb`` too
    ("funds and arms X" shares X; "join the SDF and fight" does not fight the SDF)."""
    for candidate in (verb, *verb.conjuncts):
        found = _slot_targets(candidate, cue, passive=_is_passive(verb))
        if candidate != verb and not _is_passive(verb):
            found = [t for t in found if t.i > verb.i]
        if found:
            return found
    if verb.dep_ == "relcl" and cue.slot == "obj" and not _is_passive(verb):
        obj, subject = child(verb, "dobj"), child(verb, "nsubj")
        whose = subject is not None and any(c.tag_ == "WP$" for c in subject.children)
        infinitive = subject is None and any(c.dep_ == "aux" and c.text.lower() == "to" for c in verb.children)
        if ((obj is None and not whose) or (obj is not None and obj.tag_ in RELATIVE_TAGS)) and not infinitive:
            return [verb.head]  # not "soldiers to assist": they assist
    return []


def _slot_targets(verb: Token, cue: Cue, passive: bool) -> list[Token]:
    if cue.slot == "obj" and helped.gives_things(verb) and not (passive or helped.named_object(verb)):
        return []  # "provided 125 soldiers", "supplied arms": the object is what is given
    if cue.slot == "to" and cue.cls == "aid" and not helped.gives_aid(verb):
        return []  # "gave the council latitude", "provided false statements to the department"
    if cue.slot == "obj":
        if passive:
            patient = _passive_patient(verb)
            found = [patient] if patient is not None else []
        else:
            # One direct object; coordinated ones hang off it as conjuncts. A second "dobj" is a parse of a list
            # after an instrument ("supports the SDF with weapons, special forces advisers and air cover").
            found = [c for c in verb.children if c.dep_ == "dobj"][:1]
        if passive and verb.dep_ == "relcl" and not found:
            return [verb.head]
        if found and found[0].tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
            return [verb.head]
        return found
    return list(prep_objects(verb, cue.slot))


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``; of two, the one nearest before it ("Near Sinjar, two strikes destroyed ..." is
    sometimes parsed with both "Sinjar" and "strikes" as subjects)."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else next(iter(subjects), None)


def _verb_holder(verb: Token) -> tuple[Token | None, bool]:
    """The token naming who holds the stance of ``verb``, and whether it was inherited from another clause."""
    if _is_passive(verb):
        for candidate in (verb, *verb.conjuncts):
            agent = next(prep_objects(candidate, "by"), None)
            if agent is not None:
                return agent, candidate != verb
        return None, False
    subject = _subject(verb)
    if subject is not None:
        whose = any(c.tag_ == "WP$" for c in subject.children)  # "the movement, whose fighters fought ..."
        if verb.dep_ == "relcl" and (subject.tag_ in RELATIVE_TAGS or whose):
            return verb.head, False
        return subject, False
    return _inherited_holder(verb), True


def _inherited_holder(token: Token, depth: int = 0) -> Token | None:
    """Climb from a subjectless clause to the actor that controls it (subject or object control)."""
    if depth > 6 or token.dep_ not in _INHERIT_DEPS or token.head == token:
        return None
    head = token.head
    if head.pos_ in ("VERB", "AUX"):
        owner = helped.quality_owner(head, token)
        if owner is not None:
            return owner
        controller = control_verbs().get(head.lemma_.lower(), ("", "subject"))[1]
        if controller == "object":
            obj = child(head, "dobj")
            if obj is not None:
                return obj
        subject = _subject(head)
        if subject is not None:
            if subject.tag_ in RELATIVE_TAGS and head.dep_ == "relcl":
                return head.head
            return subject
        if _is_passive(head):  # "Britain is committed to defeating X": the passive subject does it
            return next(prep_objects(head, "by"), None) or child(head, "nsubjpass")
        if head.dep_ == "acl" and head.tag_ in ("VBN", "VBG"):
            # A participle modifying a noun is understood of that noun: in "sanctioned firms accused of helping
            # to arm X" the firms help, not the sanctioning subject further up.
            return head.head
        return _inherited_holder(head, depth + 1)
    if head.pos_ in ("NOUN", "PROPN"):
        possessor = child(head, "poss")
        if possessor is not None:
            return possessor
    return _inherited_holder(head, depth + 1)


def _noun_claims(noun: Token, cue: Cue, sent: Span, doc_id: str, index: int) -> Iterator[Claim]:
    negated, hedged = _noun_flags(noun, cue)
    if cue.slot == "between":
        parties = _flatten(list(prep_objects(noun, "between"))) or hyphen_parties(noun)
        mentions = [m for m in (actor_mention(t) for t in parties) if m is not None]
        for a, b in permutations(mentions, 2):
            yield _claim(a, b, noun, cue, sent, doc_id, index, negated, hedged, cue.confidence)
        return
    if cue.slot in ("role", "mutual") and role_holder(noun) is None:  # "their Hezbollah allies"
        named, related = relational_parties(noun, cue)
        yield from _relational(named, related, noun, cue, sent, doc_id, index, negated, hedged)
        return
    if cue.slot in ("role", "mutual"):
        holder: Token | None = role_holder(noun)
        targets = role_targets(noun)
    elif cue.slot == "role_rev":  # "X, a Trump appointee": Trump backs X
        holder = next(iter(role_targets(noun)), None)
        described = role_holder(noun)
        targets = [described] if described is not None else []
    elif cue.slot == "victim":  # "killed at the hands of X": X holds, the victim is the target
        holder = next(prep_objects(noun, "of"), None)
        targets = victims(noun)
    elif cue.slot == "poss_of":
        holder = child(noun, "poss")
        targets = list(prep_objects(noun, "of"))
    else:
        holder = _noun_holder(noun, cue)
        targets = (list(prep_objects(noun, cue.slot)) or verb_level_targets(noun, cue)
                   or relative_clause_targets(noun, cue))
        if cue.slot == "of" and holder is not None and targets and helped.received(noun):
            holder, targets = targets[0], [holder]  # "X won the backing of Y": Y backs X
        elif not targets and (given := helped.received_from(noun)) is not None:
            holder, targets = given[0], [given[1]]  # "X drew criticism from Y": Y opposes X
    if holder is None or not targets:
        return
    holders, objects = holder_mentions(holder, cue), target_mentions(_flatten(targets), cue)
    yield from _relational(holders, objects, noun, cue, sent, doc_id, index, negated, hedged,
                           cue.confidence * (_INFERRED if holder.head != noun else 1.0))
    for other, other_cue, opposed in purpose_oppositions(noun, cue):  # "support for X in the fight against Y"
        yield from _pairs(objects, target_mentions(_flatten(opposed), other_cue), other, other_cue, sent, doc_id,
                          index, negated, hedged, other_cue.confidence * _INFERRED * _INFERRED)


def _relational(holders: list[Slot], objects: list[Slot], noun: Token, cue: Cue, sent: Span, doc_id: str,
                index: int, negated: bool, hedged: bool, confidence: float | None = None) -> Iterator[Claim]:
    """Claims from ``holders`` to ``objects``, and back for a mutual relation ("allies", "rivals")."""
    weight = cue.confidence * _INFERRED if confidence is None else confidence
    yield from _pairs(holders, objects, noun, cue, sent, doc_id, index, negated, hedged, weight)
    if helped.reciprocal(cue):
        yield from _pairs(objects, holders, noun, cue, sent, doc_id, index, negated, hedged, weight)


def _noun_holder(noun: Token, cue: Cue) -> Token | None:
    """"Washington's support" -> Washington; "Russian airstrikes" -> Russian; "support from Moscow", "attacks by
    the rebels" -> the PP object; "imposed sanctions" -> the subject of the governing verb."""
    possessor = child(noun, "poss")
    if possessor is not None:
        return possessor
    agent = next((t for prep in ("by", "from") for t in prep_objects(noun, prep)), None)
    if agent is not None:
        return agent
    for c in noun.lefts:
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in _HOLDER_ENTS or helped.actor_compound(c)):
            return c  # "Russian airstrikes", "the coalition campaign"
    clause = relative_clause(noun)  # "the threat they pose", "the aid Tehran gives"
    if clause is not None:
        return child(clause, "nsubj")
    verb = governing_verb(noun)
    if verb is None or (cue.cls == "threaten" and noun.dep_ not in _THROUGH_VERB):
        return None  # "warned of a threat to X" says nothing of who threatens
    support = helped.support_object(verb, noun)
    if support is not None:  # "reiterated UK support for Iraq in the fight against ISIL": the UK, not the speaker
        return _noun_holder(support, cue)
    if any(c.cls in _VERBAL_OPPOSITION for c in stance_cues().get((_verb_lemma(verb), "VERB"), ())):
        return None  # "the UN condemned the strikes on Gaza": who condemns an attack does not make it
    holder, _ = _verb_holder(verb)
    return holder


def _noun_flags(noun: Token, cue: Cue) -> tuple[bool, bool]:
    """Negation and hedging for a noun cue; an appositive agent noun ("X, a Trump critic, said ...") is
    background fact, never hedged by the verb of its clause."""
    if cue.slot in _ROLE_SLOTS and noun.dep_ != "attr":
        return False, noun.sent.text.rstrip().endswith("?")
    if cue.slot in _ROLE_SLOTS:
        return clause_flags(noun.head)
    return clause_flags(governing_verb(noun) or noun)


def _flatten(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        for t in coordinated(token):
            if t not in out:
                out.append(t)
    return out


def _pairs(holders: list[Slot], objects: list[Slot], cue_token: Token, cue: Cue, sent: Span, doc_id: str,
           index: int, negated: bool, hedged: bool, confidence: float) -> Iterator[Claim]:
    for subject, subject_weight in holders:
        for obj, obj_weight in objects:
            if subject.start == obj.start or subject.text.lower() == obj.text.lower():
                continue
            if figurative(subject, (obj, obj_weight)):
                continue
            yield _claim(subject, obj, cue_token, cue, sent, doc_id, index, negated, hedged,
                         confidence * subject_weight * obj_weight)


def _claim(subject: Mention, obj: Mention, cue_token: Token, cue: Cue, sent: Span, doc_id: str, index: int,
           negated: bool, hedged: bool, confidence: float) -> Claim:
    speaker = speaker_of(cue_token)
    attributed = actor_mention(speaker) if speaker is not None else None
    text, start = sentence_text(sent)
    return Claim(
        doc_id=doc_id, sentence_index=index, sentence=text, sentence_start=start,
        relation="supports" if cue.polarity == "supports" else "opposes",
        subject=subject, object=obj, cue=cue_token.text.lower(), extractor=NAME,
        confidence=round(confidence, 3), negated=negated, attributed_to=attributed,
        hedged=hedged or in_headline(cue_token) or scare_quoted(cue_token),
    )
