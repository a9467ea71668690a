"""A small hand-made graph for the view tests, built with the project's own graph builder (no model needed).

Russia supports Assad (two asserted claims and a hedged one); Turkey both supports and opposes Russia (a contested
pair); Turkey opposes the YPG and the YPG opposes Turkey; a spokesman is affiliated with Turkey; one sentence
and one alias carry markup that must never run.
"""

from __future__ import annotations

from rdflib import Graph

from extractors.records import Claim, Mention
from graph.build import add_actor, add_claim, add_document, new_graph
from graph.readers.documents import Document
from graph.resolve.resolver import Actor

ACTORS = {
    "russia": Actor("russia", "Russia", "State", "Q159", {"Russia", "Moscow", "the Kremlin"}),
    "assad": Actor("bashar-al-assad", "Bashar al-Assad", "Person", None, {"Bashar al-Assad", "Assad"}),
    "turkey": Actor("turkey", "Turkey", "State", "Q43", {"Turkey", "Ankara"}),
    "ypg": Actor("ypg", "YPG", "ArmedGroup", None, {"YPG", "<img src=y onerror=window.pwned=2>"}),
    "kaya": Actor("omer-kaya", "Omer Kaya", "Person", None, {"Omer Kaya"}),
}
EVIL = 'Moscow backs Assad, "</script><img src=x onerror=window.pwned=1>" a banner read.'
# (subject, relation, object, sentence, subject text, object text, cue, confidence, negated, hedged, speaker)
CLAIMS = [
    ("russia", "supports", "assad", "Moscow has long supported Assad with jets and advisers.", "Moscow", "Assad",
     "supported", 0.9, False, False, None),
    ("russia", "supports", "assad", EVIL, "Moscow", "Assad", "backs", 0.6, False, False, None),
    ("russia", "supports", "assad", "Moscow may back Assad for a while longer.", "Moscow", "Assad", "back", 0.5,
     False, True, None),
    ("turkey", "supports", "russia", "Ankara endorsed the Russian plan for a buffer zone.", "Ankara", "Russian",
     "endorsed", 0.5, False, False, None),
    ("turkey", "opposes", "russia", "Turkey condemned Russia over the strikes in Idlib.", "Turkey", "Russia",
     "condemned", 0.8, False, False, "kaya"),
    ("turkey", "opposes", "russia", "Ankara rejects the Kremlin's demands, Kaya said.", "Ankara", "the Kremlin",
     "rejects", 0.7, False, False, "kaya"),
    ("turkey", "opposes", "ypg", "Turkey shelled YPG positions near the border.", "Turkey", "YPG", "shelled", 0.9,
     False, False, None),
    ("turkey", "opposes", "ypg", "Ankara vowed to crush the YPG.", "Ankara", "YPG", "vowed", 0.6, False, False,
     None),
    ("turkey", "supports", "ypg", "Turkey does not support the YPG.", "Turkey", "YPG", "support", 0.7, True, False,
     None),
    ("ypg", "opposes", "turkey", "The YPG accused Turkey of attacking civilians.", "YPG", "Turkey", "accused", 0.8,
     False, False, None),
    ("kaya", "affiliated_with", "turkey", "Omer Kaya, a spokesman for the Turkish government, spoke.", "Omer Kaya",
     "Turkish government", "spokesman", 0.85, False, False, None),
]


# the extractor behind each claim is "stance.v1" or "affiliation.v1", but for one made-up name full of markup
_EXTRACTORS = {1: "<img src=z onerror=window.pwned=3>.v1"}


def small_graph() -> Graph:
    """The graph described in the module docstring, one document per claim."""
    graph = new_graph()
    for i, (subj, relation, obj, sentence, s_text, o_text, cue, conf, neg, hedged, speaker) in enumerate(CLAIMS):
        doc = Document(id=f"doc{i}.txt", text=sentence, title=f"Report {i}", date=f"2024-03-{i + 1:02d}")
        doc_iri = add_document(graph, doc)
        start, o_start = sentence.find(s_text), sentence.find(o_text)
        add_claim(graph, Claim(
            doc_id=doc.id, sentence_index=0, sentence=sentence, sentence_start=0, relation=relation,  # type: ignore[arg-type]
            subject=_mention(subj, s_text, start), object=_mention(obj, o_text, o_start), cue=cue,
            extractor=_EXTRACTORS.get(i, "stance.v1" if relation != "affiliated_with" else "affiliation.v1"),
            confidence=conf, negated=neg, hedged=hedged,
            role="spokesman" if speaker else None,
            attributed_to=_mention(speaker, ACTORS[speaker].label, 0) if speaker else None), doc_iri)
    for actor in ACTORS.values():
        add_actor(graph, actor)
    return graph


def _mention(key: str, text: str, start: int) -> Mention:
    actor = ACTORS[key]
    return Mention(text, start, start + len(text), label=actor.label, id=actor.iri, type=actor.type)
