"""What the HTML view shows, read from the RDF graph: actors, direct edges and the claims behind each edge.

Plain records (no RDF, no HTML) so that the selection, the layout and the page can be tested on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from ontology import SG, actor_types

RELATIONS = {SG.supports: "supports", SG.opposes: "opposes", SG.affiliatedWith: "affiliatedWith"}
_WIKIDATA_ENTITY = re.compile(r"^https?://www\.wikidata\.org/entity/(Q[0-9]+)$")


@dataclass
class Actor:
    iri: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None


@dataclass
class Evidence:
    """One claim behind an edge: its sentence with the spans to highlight, where the sentence comes from, and the
    extractor that made the claim ("stance.v1")."""

    sentence: str
    highlights: list[tuple[int, int, str]]
    document: str
    date: str
    speaker: str
    role: str
    cue: str
    confidence: float
    negated: bool
    hedged: bool
    extractor: str = ""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Edge:
    source: str
    relation: str
    target: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def asserted(self) -> int:
        """How many claims behind the edge are neither negated nor hedged."""
        return sum(not (e.negated or e.hedged) for e in self.evidence)

    @property
    def confidence(self) -> float:
        """The confidence of the most confident asserted claim (0 if there is none)."""
        return max((e.confidence for e in self.evidence if not (e.negated or e.hedged)), default=0.0)

    def between(self, since: str | None, until: str | None) -> Edge:
        """The edge with only the claims from documents dated from ``since`` to ``until`` (ISO dates or their
        prefixes, "2022-03", both ends included); with either given, undated claims are left out.

        Examples:
            >>> days = ("2022-01-31", "2022-03-02", "")
            >>> ev = [Evidence("", [], "", day, "", "", "", 0.9, False, False) for day in days]
            >>> [e.date for e in Edge("a", "supports", "b", ev).between("2022-02", "2022-03").evidence]
            ['2022-03-02']
            >>> len(Edge("a", "supports", "b", ev).between(None, None).evidence)
            3
        """
        if since is None and until is None:
            return self
        kept = [e for e in self.evidence if e.date and (since is None or e.date[:len(since)] >= since)
                and (until is None or e.date[:len(until)] <= until)]
        return Edge(self.source, self.relation, self.target, kept)


def collect_actors(graph: Graph) -> dict[str, Actor]:
    """Every actor of ``graph`` by IRI: preferred label, type, aliases and Wikidata id."""
    types = {f"{SG}{name}": name for name in actor_types()}
    actors: dict[str, Actor] = {}
    for iri, type_iri in graph.subject_objects(RDF.type):
        kind = types.get(str(type_iri))
        if kind is None:
            continue
        label = str(graph.value(iri, RDFS.label) or str(iri).rsplit("/", 1)[-1])
        aliases = sorted({str(a) for a in graph.objects(iri, SKOS.altLabel)} - {label}, key=str.lower)
        actors[str(iri)] = Actor(str(iri), label, kind, aliases, _wikidata_id(graph.objects(iri, OWL.sameAs)))
    return actors


def _wikidata_id(same: Any) -> str | None:
    for node in same:
        match = _WIKIDATA_ENTITY.match(str(node))
        if match:
            return match.group(1)
    return None


_CLAIM_PROPERTIES = (SG.relation, SG.subject, SG.object, SG.sentence, SG.speaker, SG.cue, SG.role, SG.confidence,
                     SG.negated, SG.hedged, SG.subjectText, SG.objectText, SG.extractor)


def collect_edges(graph: Graph, actors: dict[str, Actor] | None = None) -> list[Edge]:
    """Every direct edge of ``graph`` with every claim behind it, asserted claims first, most confident first.

    Negated and hedged claims about the same subject, relation and object are evidence too: they are listed
    with the edge (and marked), though they never make an edge on their own.
    """
    labels = {iri: a.label for iri, a in (actors or collect_actors(graph)).items()}
    edges: dict[tuple[str, str, str], Edge] = {}
    for prop, name in RELATIONS.items():
        for s, o in graph.subject_objects(prop):
            edges[(str(s), name, str(o))] = Edge(str(s), name, str(o))
    # one pass over the graph per property, then dictionary look-ups: far faster than a look-up per claim
    claims = {prop: dict(graph.subject_objects(prop)) for prop in _CLAIM_PROPERTIES}
    sentences = _Sentences(graph)
    for claim, relation in claims[SG.relation].items():
        edge = edges.get((str(claims[SG.subject].get(claim)), RELATIONS.get(relation, ""),  # type: ignore[call-overload]
                          str(claims[SG.object].get(claim))))
        if edge is not None:
            values: dict[Node, Node] = {prop: found[claim] for prop, found in claims.items() if claim in found}
            edge.evidence.append(_evidence(values, labels, sentences))
    for edge in edges.values():
        edge.evidence.sort(key=lambda e: (e.negated or e.hedged, -e.confidence, e.document, e.sentence))
    return sorted(edges.values(), key=lambda e: (e.source, e.relation, e.target))


class _Sentences:
    """Sentence text and the title and date of the sentence's document, read once for the whole graph."""

    def __init__(self, graph: Graph) -> None:
        self.text = dict(graph.subject_objects(SG.text))
        self.document = dict(graph.subject_objects(SG.document))
        self.title = dict(graph.subject_objects(DCTERMS.title))
        self.identifier = dict(graph.subject_objects(DCTERMS.identifier))
        self.date = dict(graph.subject_objects(DCTERMS.date))

    def source(self, sentence: Node | None) -> tuple[str, str]:
        doc = self.document.get(sentence) if sentence is not None else None
        if doc is None:
            return "", ""
        return str(self.title.get(doc) or self.identifier.get(doc) or ""), str(self.date.get(doc) or "")


def _evidence(values: dict[Node, Node], labels: dict[str, str], sentences: _Sentences) -> Evidence:
    sentence_node = values.get(SG.sentence)
    sentence = str(sentences.text.get(sentence_node, "")) if sentence_node is not None else ""
    title, date = sentences.source(sentence_node)
    speaker = values.get(SG.speaker)
    cue = str(values.get(SG.cue) or "")
    return Evidence(
        sentence=sentence,
        highlights=highlight_spans(sentence, cue, str(values.get(SG.subjectText) or ""),
                                   str(values.get(SG.objectText) or "")),
        document=title, date=date,
        speaker=labels.get(str(speaker), str(speaker).rsplit("/", 1)[-1]) if isinstance(speaker, URIRef) else "",
        role=str(values.get(SG.role) or ""), cue=cue, extractor=str(values.get(SG.extractor) or ""),
        confidence=float(str(values.get(SG.confidence) or 0)),
        negated=_true(values.get(SG.negated)), hedged=_true(values.get(SG.hedged)),
    )


def _true(node: Node | None) -> bool:
    return node is not None and str(node).lower() in ("true", "1")


def highlight_spans(sentence: str, cue: str, subject: str, obj: str) -> list[tuple[int, int, str]]:
    """Character spans of ``sentence`` to mark: the subject and object as written, and the cue word.

    The cue is matched as a word that starts like it ("support" marks "supported"), so inflected forms are found.
    Spans never overlap; the first found wins.

    Examples:
        >>> highlight_spans("Moscow has long supported Assad.", "support", "Moscow", "Assad")
        [(0, 6, 'subject'), (16, 25, 'cue'), (26, 31, 'object')]
    """
    found: list[tuple[int, int, str]] = []
    for text, kind in ((subject, "subject"), (obj, "object")):
        at = sentence.find(text) if text else -1
        if at >= 0:
            found.append((at, at + len(text), kind))
    stem = re.escape(cue.split()[0][: max(4, len(cue.split()[0]) - 2)]) if cue.strip() else ""
    if stem:
        for match in re.finditer(rf"\b{stem}\w*", sentence, flags=re.IGNORECASE):
            if not any(s < match.end() and match.start() < e for s, e, _ in found):
                found.append((match.start(), match.end(), "cue"))
                break
    kept: list[tuple[int, int, str]] = []
    for span in sorted(found):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def contested_pairs(edges: list[Edge]) -> set[tuple[str, str]]:
    """(source, target) pairs with asserted evidence both that the source supports and that it opposes the target.

    Examples:
        >>> ev = Evidence("", [], "", "", "", "", "", 0.9, False, False)
        >>> sorted(contested_pairs([Edge("a", "supports", "b", [ev]), Edge("a", "opposes", "b", [ev]),
        ...                         Edge("b", "supports", "a", [ev])]))
        [('a', 'b')]
    """
    relations: dict[tuple[str, str], set[str]] = {}
    for edge in edges:
        if edge.asserted:
            relations.setdefault((edge.source, edge.target), set()).add(edge.relation)
    return {pair for pair, found in relations.items() if {"supports", "opposes"} <= found}
