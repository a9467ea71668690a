"""The stancegraph vocabulary: ``SG`` (a closed namespace class), the paths of the Turtle files and the actor types."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import RDFS, Graph
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from ontology.iris import SG_IRI

__all__ = ["SG", "SG_IRI", "actor_types", "ontology_path", "shapes_path"]


class SG(DefinedNamespace):
    """Terms of ``ontology/stancegraph.ttl``; a misspelt term raises instead of minting a new IRI.

    Examples:
        >>> str(SG.supports)
        'https://w3id.org/stancegraph/ontology#supports'
        >>> SG.suports
        Traceback (most recent call last):
        ...
        AttributeError: term 'suports' not in namespace 'https://w3id.org/stancegraph/ontology#'
    """

    _NS = Namespace(SG_IRI)
    _fail = True

    Actor: URIRef
    Person: URIRef
    State: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    ArmedGroup: URIRef
    Group: URIRef
    supports: URIRef
    opposes: URIRef
    affiliatedWith: URIRef
    Claim: URIRef
    StanceClaim: URIRef
    AffiliationClaim: URIRef
    Sentence: URIRef
    Document: URIRef
    subject: URIRef
    object: URIRef
    relation: URIRef
    speaker: URIRef
    sentence: URIRef
    negated: URIRef
    hedged: URIRef
    confidence: URIRef
    cue: URIRef
    role: URIRef
    extractor: URIRef
    subjectText: URIRef
    objectText: URIRef
    text: URIRef
    startOffset: URIRef
    endOffset: URIRef
    sentenceIndex: URIRef
    document: URIRef


def ontology_path() -> Path:
    return Path(str(resources.files("ontology").joinpath("stancegraph.ttl")))


def shapes_path() -> Path:
    return Path(str(resources.files("ontology").joinpath("shapes.ttl")))


@cache
def actor_types() -> tuple[str, ...]:
    """The local names of the actor types: every class ``stancegraph.ttl`` declares under ``sg:Actor`` (directly or
    through ``sg:Organization``), in the order of the namespace class. Read once, on first use.

    Examples:
        >>> actor_types()
        ('Person', 'State', 'Organization', 'GovernmentBody', 'ArmedGroup', 'Group')
    """
    g = Graph().parse(ontology_path())
    below = {str(c)[len(SG_IRI):] for c in g.transitive_subjects(RDFS.subClassOf, SG.Actor) if c != SG.Actor}
    return tuple(name for name in SG.__annotations__ if name in below)
