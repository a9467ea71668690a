"""Read the data files beside this package (lexicons, gazetteer), lazily and once."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str
    polarity: str
    slot: str
    confidence: float
    cls: str = ""  # CAMEO-style event category (cooperate, aid, disapprove, reject, threaten, coerce, assault, fight)


@dataclass(frozen=True)
class ActorEntry:
    key: str
    label: str
    type: str
    wikidata: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    seats: tuple[str, ...]


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of ``extractors/data/NAME`` as dicts; ``#`` lines are the header comment."""
    text = resources.files("extractors").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


@cache
def stance_cues() -> dict[tuple[str, str], tuple[Cue, ...]]:
    """Stance cues keyed by (lemma, pos)."""
    out: dict[tuple[str, str], list[Cue]] = {}
    for row in read_table("stance_lexicon.tsv"):
        cue = Cue(row["lemma"], row["pos"], row["polarity"], row["slot"], float(row["confidence"]),
                  row.get("class") or "")
        out.setdefault((cue.lemma, cue.pos), []).append(cue)
    return {key: tuple(cues) for key, cues in out.items()}


@cache
def control_verbs() -> dict[str, tuple[str, str]]:
    """Control verbs: lemma -> (effect, controller)."""
    return {row["lemma"]: (row["effect"], row["controller"]) for row in read_table("control_verbs.tsv")}


@cache
def actor_nouns() -> dict[str, bool]:
    """Actor nouns: lemma -> whether the bare noun names an actor on its own."""
    return {row["lemma"]: row["bare"] == "yes" for row in read_table("actor_nouns.tsv")}


@cache
def role_nouns() -> dict[str, str]:
    return {row["lemma"]: row["kind"] for row in read_table("role_nouns.tsv")}


@cache
def actors() -> tuple[ActorEntry, ...]:
    return tuple(
        ActorEntry(
            row["key"], row["label"], row["type"], row["wikidata"],
            _split(row["aliases"]), _split(row["demonyms"]), _split(row["seats"]),
        )
        for row in read_table("actors.tsv")
    )
