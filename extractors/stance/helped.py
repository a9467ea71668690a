"""Who else holds a verb's stance, and which slots a verb fills: small readings shared by ``stance``.

Who helps the party that acts in a purpose clause, and so shares its purpose:

"The coalition supported the Iraqi forces in their efforts to defeat ISIL", "NATO is helping the Kurds to
defeat the militants", "the supporting role the United States can play in Iraq's efforts to destroy the
group": whoever supports a party in doing something takes the same stance on its target. The helping verb is
a support cue ("support", "help", "assist"), or a light verb whose object is support ("lend support to X in
its fight", "play a supporting role in X's efforts"). Also: the group an actor acts "as part of"; whose
resolve or unity a disposition noun names; relations that hold both ways; verbs of giving whose object is
the thing given; common actor nouns that hold a cue noun as its compound ("the coalition campaign").
"""

from __future__ import annotations

from spacy.tokens import Token

from extractors.lexicon import (
    Cue,
    actor_nouns,
    aid_nouns,
    disposition_nouns,
    receiving_verbs,
    speech_verbs,
    stance_cues,
)
from extractors.spans import ACTOR_ENTS, RELATIVE_TAGS, actor_mention, child, prep_objects

_HELP_CLASSES = frozenset({"cooperate", "aid"})
_CLIMB = frozenset({"acomp", "xcomp", "advcl", "pcomp", "acl", "pobj", "prep", "ccomp"})


def helper_of_purpose(verb: Token) -> Token | None:
    """The holder of the nearest helping verb above the purpose clause of ``verb``, if any.

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> words = ["NATO", "helps", "Kurds", "defeat", "ISIL"]
        >>> doc = Doc(Vocab(), words=words, heads=[1, 1, 1, 1, 3], deps=["nsubj", "ROOT", "dobj", "xcomp", "dobj"],
        ...           pos=["PROPN", "VERB", "PROPN", "VERB", "PROPN"], lemmas=["NATO", "help", "Kurds", "defeat",
        ...           "ISIL"])
        >>> helper_of_purpose(doc[3]).text
        'NATO'
    """
    node = verb
    for _ in range(4):
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return _holder(node) if _helps(node) else None
    return None


def _helps(verb: Token) -> bool:
    if _is_help(verb.lemma_.lower(), "VERB"):
        return True
    nouns = [child(verb, "dobj"), verb.head if verb.dep_ == "relcl" else None]
    for noun in (n for n in nouns if n is not None and n.pos_ == "NOUN"):
        modifiers = [c for c in noun.lefts if c.dep_ in ("amod", "compound")]
        if _is_help(noun.lemma_.lower(), "NOUN") or any(
                _is_help(m.lemma_.lower(), "VERB") or _is_help(m.lemma_.lower(), "NOUN") for m in modifiers):
            return True
    return False


def _is_help(lemma: str, pos: str) -> bool:
    return any(c.polarity == "supports" and c.cls in _HELP_CLASSES for c in stance_cues().get((lemma, pos), ()))


def _holder(verb: Token) -> Token | None:
    agent = next(prep_objects(verb, "by"), None)
    found = agent if agent is not None else child(verb, "nsubj")
    return None if found is None or found.tag_ in RELATIVE_TAGS else found


_PART_NOUNS = frozenset({"part", "member", "members"})


def collective_of(start: Token, holder: Token) -> Token | None:
    """The group an actor acts "as part of" in the clauses above ``start``, up to the clause of ``holder``:
    "the UK is working as part of the Global Coalition to defeat ISIL", "the UK, as part of the coalition,
    is committed to ..." -> the coalition acts too.

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> words = ["UK", "works", "as", "part", "of", "NATO", "to", "defend", "Poland"]
        >>> doc = Doc(Vocab(), words=words, heads=[1, 1, 1, 2, 3, 4, 7, 1, 7],
        ...           deps=["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "aux", "advcl", "dobj"],
        ...           pos=["PROPN", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PART", "VERB", "PROPN"],
        ...           lemmas=["UK", "work", "as", "part", "of", "NATO", "to", "defend", "Poland"])
        >>> collective_of(doc[7], doc[0]).text
        'NATO'
    """
    node = start
    for _ in range(8):
        for prep in (c for c in node.children if c.dep_ == "prep" and c.text.lower() == "as"):
            part = child(prep, "pobj")
            if part is not None and part.lemma_.lower() in _PART_NOUNS:
                group = next(prep_objects(part, "of"), None)
                if group is not None and group.i != holder.i:
                    return group
        if holder.head.i == node.i or node.head.i == node.i:
            return None
        node = node.head
    return None


def disposition_owner(noun: Token | None) -> Token | None:
    """Whose resolve, unity or part ``noun`` names: "the resolve of the international community" -> the
    community, who then does what the in-phrase beside it says ("... in its determination to defeat X")."""
    if noun is None or noun.lemma_.lower() not in disposition_nouns():
        return None
    return next(prep_objects(noun, "of"), None)


def gives_things(verb: Token) -> bool:
    """A verb of giving whose beneficiary is a to-phrase ("provide aid to X") takes the beneficiary as its
    object only with a with-phrase for the thing given ("provide X with aid", "X was supplied with arms")."""
    cues = stance_cues().get((verb.lemma_.lower(), "VERB"), ())
    return any(c.slot == "to" and c.cls == "aid" for c in cues) and next(prep_objects(verb, "with"), None) is None


def gives_aid(verb: Token) -> bool:
    """Whether what ``verb`` gives is aid ("gave weapons to X", "provided X with funding", "pledged support"),
    not something given in another sense ("gave the council latitude", "provided false statements to X").
    A verb whose thing given is not said counts as aid ("donated to X").

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["gave", "weapons", "gave", "latitude"], heads=[0, 0, 2, 2],
        ...           deps=["ROOT", "dobj", "ROOT", "dobj"], lemmas=["give", "weapon", "give", "latitude"])
        >>> gives_aid(doc[0]), gives_aid(doc[2])
        (True, False)
    """
    thing = child(verb, "dobj", "nsubjpass")
    if thing is not None and thing.ent_type_ in ACTOR_ENTS:  # "supplied Hezbollah with ...": the receiver
        thing = next(prep_objects(verb, "with"), None)
    if thing is None:
        return True
    aid = aid_nouns()
    return any(t.lemma_.lower() in aid for t in (thing, *thing.conjuncts, *thing.lefts))


def received(noun: Token) -> bool:
    """A noun cue its clause's subject receives: "X won the backing of Y", "X has the support of Y" (Y holds).

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Brody", "had", "the", "support", "of", "Walsh"], heads=[1, 1, 3, 1, 3, 4],
        ...           deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj"],
        ...           lemmas=["Brody", "have", "the", "support", "of", "Walsh"])
        >>> received(doc[3])
        True
    """
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in receiving_verbs() and child(noun, "poss") is None


def received_from(noun: Token) -> tuple[Token, Token] | None:
    """(holder, target) of a noun cue the clause's subject receives from someone: "X drew criticism from Y",
    "X received support from Y", "X won praise from Y" (Y holds the stance on X). The from-phrase may hang on
    the noun or on the verb.

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Hale", "drew", "criticism", "from", "Marsh"], heads=[1, 1, 1, 1, 3],
        ...           deps=["nsubj", "ROOT", "dobj", "prep", "pobj"],
        ...           lemmas=["Hale", "draw", "criticism", "from", "Marsh"])
        >>> [t.text for t in received_from(doc[2])]
        ['Marsh', 'Hale']
    """
    if not received(noun):
        return None
    verb = noun.head
    giver = next((t for head in (noun, verb) for prep in ("from", "by") for t in prep_objects(head, prep)), None)
    receiver = child(verb, "nsubj")
    return (giver, receiver) if giver is not None and receiver is not None else None


def named_object(verb: Token) -> bool:
    obj = child(verb, "dobj")
    return obj is not None and obj.ent_type_ in ACTOR_ENTS  # "supplied Hezbollah"


def quality_owner(verb: Token, came_from: Token) -> Token | None:
    """ "showed the unity of X in working to defeat Y": the actor whose quality the object names does it."""
    if came_from.dep_ != "prep" or came_from.text.lower() != "in":
        return None
    owner = disposition_owner(child(verb, "dobj"))
    return owner if owner is not None and actor_mention(owner) is not None else None


def actor_compound(token: Token) -> bool:
    """A common actor noun modifying a cue: "the coalition campaign", "a government offensive"."""
    return token.dep_ == "compound" and token.pos_ == "NOUN" and bool(actor_nouns().get(token.lemma_.lower()))


def reciprocal(cue: Cue) -> bool:
    """Relations that hold both ways: mutual agent nouns ("rivals") and fighting *with* someone ("their battle
    with IS", "clashed with the army": each side fights the other)."""
    return cue.slot == "mutual" or (cue.slot == "with" and cue.cls == "fight")


def act_agent(target: Token) -> Token | None:
    """The actor behind an act named as a target: "supported the re-taking of Tikrit by Iraqi forces",
    "condemned the killing of civilians by the militia", "against the terrorism of ISIL" (a conduct noun).

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["the", "advance", "by", "rebels"], heads=[1, 1, 1, 2],
        ...           deps=["det", "ROOT", "prep", "pobj"], pos=["DET", "NOUN", "ADP", "NOUN"],
        ...           lemmas=["the", "advance", "by", "rebel"])
        >>> act_agent(doc[1]).text
        'rebels'
    """
    if target.pos_ != "NOUN" or actor_mention(target) is not None:
        return None
    agent = next(prep_objects(target, "by"), None)
    if agent is None and disposition_nouns().get(target.lemma_.lower()) == "conduct":
        agent = next(prep_objects(target, "of"), None)
    return agent if agent is not None and actor_mention(agent) is not None else None


def support_object(verb: Token, noun: Token) -> Token | None:
    """The support noun with a beneficiary that ``verb`` takes as object, beside the opposition ``noun`` in an
    in-phrase: "reiterated UK support for Iraq in the fight against ISIL" -> "support"."""
    obj = child(verb, "dobj")
    if obj is None or obj.i == noun.i or noun.head.dep_ != "prep" or noun.head.text.lower() != "in":
        return None
    cues = stance_cues().get((obj.lemma_.lower(), "NOUN"), ())
    helped = any(c.polarity == "supports" and next(prep_objects(obj, c.slot), None) is not None for c in cues)
    return obj if helped else None


def misread_reports(verb: Token) -> list[tuple[Token, Token, Token]]:
    """(cue, holder, target) of a reported clause the parser read as the speech verb's noun object: in "Israel
    says Iran funds and arms Hezbollah" the small model makes "funds" a noun with "Iran" as its compound. A
    verb cue in -s form right after an actor name, with an actor name after it, is that clause.

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> words = ["Israel", "says", "Iran", "funds", "Hamas"]
        >>> doc = Doc(Vocab(), words=words, heads=[1, 1, 3, 1, 3], deps=["nsubj", "ROOT", "compound", "dobj",
        ...           "appos"], tags=["NNP", "VBZ", "NNP", "NNS", "NNP"], lemmas=["Israel", "say", "Iran", "fund",
        ...           "Hamas"], ents=["B-GPE", "O", "B-GPE", "O", "B-ORG"])
        >>> [(c.text, h.text, t.text) for c, h, t in misread_reports(doc[1])]
        [('funds', 'Iran', 'Hamas')]
    """
    obj = child(verb, "dobj")
    if verb.lemma_.lower() not in speech_verbs() or obj is None or child(verb, "ccomp") is not None:
        return []
    tokens = list(obj.subtree)
    found = []
    for k in range(1, len(tokens) - 1):
        cue, before = tokens[k], tokens[k - 1]
        if cue.tag_ not in ("VBZ", "NNS") or cue.ent_type_ or before.ent_type_ not in ACTOR_ENTS:
            continue
        if not any(c.slot == "obj" for c in stance_cues().get((cue.lemma_.lower(), "VERB"), ())):
            continue
        target = next((t for t in tokens[k + 1 :] if t.ent_type_ in ACTOR_ENTS), None)
        if target is not None:
            found.append((cue, before, target))
    return found


_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_PLURAL_PRONOUNS = frozenset({"they", "them"})


def antecedent(pronoun: Token) -> Token | None:
    """The actor a "they"/"them" stands for where the text makes it clear: the only plural actor before it in
    the clause an adverbial clause modifies ("stand with the Iraqi people as they confront ISIL"), or, for the
    subject opening a sentence, the plural actor subject of the sentence before ("The rebels took the town.
    They then attacked the army.").

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> words = ["Kurds", "fought", "as", "they", "retreated"]
        >>> doc = Doc(Vocab(), words=words, heads=[1, 1, 4, 4, 1], deps=["nsubj", "ROOT", "mark", "nsubj", "advcl"],
        ...           tags=["NNPS", "VBD", "IN", "PRP", "VBD"], pos=["PROPN", "VERB", "SCONJ", "PRON", "VERB"],
        ...           ents=["B-NORP", "O", "O", "O", "O"])
        >>> antecedent(doc[3]).text
        'Kurds'
    """
    if pronoun.text.lower() not in _PLURAL_PRONOUNS:
        return None
    clause = pronoun.head
    if clause.dep_ == "advcl" and pronoun.dep_ == "nsubj":
        inside = {t.i for t in clause.subtree}
        found = [t for t in clause.head.subtree if t.i < pronoun.i and t.i not in inside and _plural_actor(t)]
        return found[0] if len(found) == 1 else None
    if pronoun.dep_ == "nsubj" and clause.dep_ == "ROOT" and pronoun.i == pronoun.sent.start:
        start = pronoun.sent.start
        before = pronoun.doc[start - 1].sent if start > 0 else None
        subject = next((t for t in before if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None) if before else None
        return subject if subject is not None and _plural_actor(subject) else None
    return None


def _plural_actor(token: Token) -> bool:
    return token.tag_ in _PLURAL_TAGS and actor_mention(token) is not None
