"""The records an extractor yields: mentions of actors and claims about them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Relation = Literal["supports", "opposes", "affiliated_with"]


@dataclass(frozen=True)
class Mention:
    """A span of the document that names an actor.

    ``start``/``end`` are character offsets into the document text. ``kind`` is the coarse type the
    extractor saw (a spaCy entity label, ``NOUN`` for a common-noun actor such as "the rebels", ``PRON``
    for a pronoun); the resolver turns it into an actor type. ``is_actor`` is False for a slot filled by
    something that holds no stance: a thing or place a strike hits ("destroyed three bridges"), an unnamed
    generic group that is no party ("sanctions targeting banks"), or an attack noun standing in for its unnamed
    attacker ("one strike destroyed a tank"). Such claims are emitted by ``extract`` but stay out of the actor
    graph.
    """

    text: str
    start: int
    end: int
    kind: str = "NOUN"
    label: str | None = None
    id: str | None = None
    type: str | None = None
    is_actor: bool = True

    def resolved(self, label: str, id: str, type: str) -> Mention:
        return replace(self, label=label, id=id, type=type)


@dataclass(frozen=True)
class Claim:
    """One assertion found in one sentence: subject --relation--> object."""

    doc_id: str
    sentence_index: int
    sentence: str
    sentence_start: int
    relation: Relation
    subject: Mention
    object: Mention
    cue: str
    extractor: str
    confidence: float
    negated: bool = False
    hedged: bool = False
    role: str | None = None
    attributed_to: Mention | None = None
    extras: tuple[tuple[str, str], ...] = field(default=())

    @property
    def between_actors(self) -> bool:
        """Whether both sides name actors: only such claims enter the actor graph (``Mention.is_actor``)."""
        return self.subject.is_actor and self.object.is_actor

    def to_json(self) -> dict[str, Any]:
        """The claim as the JSONL object of the claims contract (DESIGN.md)."""
        out = asdict(self)
        out.pop("extras")
        out.pop("sentence_start")
        for key in ("subject", "object", "attributed_to"):
            if out[key] is not None:
                out[key].pop("kind", None)
        return out
