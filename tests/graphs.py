"""Small hand-built stancegraph graphs for query and analysis tests, made with the real graph builders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph

from extractors.records import Claim, Mention
from graph.build import add_actor, add_claim, add_document, new_graph
from graph.readers.documents import Document
from graph.resolve.resolver import Actor

# A query that runs for hours on any graph of more than a handful of triples (a seven-way cross product counted:
# 30 triples give 2e10 rows), for the tests of timeouts and cancelled queries; five ways finished inside 3 s on a
# quiet machine.
RUNAWAY_QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . "
                 "?p ?q ?r . ?s ?t ?u }")


@dataclass(frozen=True)
class Stated:
    """``subject`` --relation--> ``object`` said in one sentence of the document dated ``date``."""

    subject: str
    relation: str
    object: str
    date: str | None = None
    negated: bool = False
    hedged: bool = False
    role: str | None = None
    speaker: str | None = None


def actor_key(label: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in label.lower())


def make_graph(statements: Iterable[Stated], aliases: dict[str, set[str]] | None = None,
               types: dict[str, str] | None = None) -> Graph:
    """A graph of the ``statements``, one document per statement, actors typed State unless ``types`` says."""
    graph, labels = new_graph(), set()
    for i, st in enumerate(statements):
        text = f"Sentence {i}: {st.subject} {st.relation} {st.object}."
        doc = add_document(graph, Document(id=f"d{i}.txt", text=text, title=f"Article {i}", date=st.date))
        mentions = [_mention(text, name, types) for name in (st.subject, st.object)]
        speaker = _mention(text, st.speaker, types) if st.speaker else None
        add_claim(graph, Claim(doc_id=f"d{i}.txt", sentence_index=0, sentence=text, sentence_start=0,
                               relation=st.relation, subject=mentions[0], object=mentions[1],  # type: ignore[arg-type]
                               cue=st.relation, extractor="test.v1", confidence=0.9, negated=st.negated,
                               hedged=st.hedged, role=st.role, attributed_to=speaker), doc)
        labels |= {st.subject, st.object} | ({st.speaker} if st.speaker else set())
    for label in sorted(labels):
        add_actor(graph, Actor(actor_key(label), label, (types or {}).get(label, "State"), None,
                               {label} | (aliases or {}).get(label, set())))
    return graph


def _mention(text: str, name: str, types: dict[str, str] | None) -> Mention:
    start = text.find(name)
    return Mention(text=name, start=start, end=start + len(name), label=name,
                   id=Actor(actor_key(name), name, "State").iri, type=(types or {}).get(name, "State"))
