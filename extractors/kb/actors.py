"""The actor knowledge base at run time: the generated rows and the hand-written overlay, merged by id.

Loaded lazily and once (``load_kb``). Rows of one id from several sources become one ``KbActor``: every name any
source gives, the label of the most trusted source, the sources and their licences. Look actors up by any of
their names with ``KnowledgeBase.candidates``; the choice among candidates is the linker's.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

FILES = ("actors.tsv.gz", "actors_share_alike.tsv.gz")
OVERLAY = "overlay.tsv"
# Whose label wins when sources name an actor differently: the overlay, then the most edited sources.
_LABEL_ORDER = ("overlay", "factbook", "congress-legislators", "partyfacts", "parlgov", "dieghernan", "supraverden",
                "ucdp", "country-codes")
_ONTOLOGY_TYPES = {"Party": "Organization", "InternationalOrganization": "Organization"}


@dataclass(frozen=True)
class KbActor:
    """One actor of the knowledge base, all its sources merged."""

    id: str
    type: str
    label: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    seats: tuple[str, ...]
    countries: tuple[str, ...]
    party: str
    role: str
    start: str
    end: str
    sources: tuple[str, ...]
    licences: tuple[str, ...]

    @property
    def wikidata(self) -> str | None:
        """The Wikidata id, or None for an actor known only by a source's or the project's own id."""
        return self.id if self.id.startswith("Q") else None

    @property
    def share_alike(self) -> bool:
        """Whether a share-alike (CC BY-SA) source contributed to this actor."""
        return "CC-BY-SA-4.0" in self.licences

    @property
    def ontology_type(self) -> str:
        """The type under ``sg:Actor``: a party or an international organisation is an ``Organization``."""
        return _ONTOLOGY_TYPES.get(self.type, self.type)


def name_key(name: str) -> str:
    """A name as the KB compares it: case, accents, punctuation and a leading "the" do not matter.

    Examples:
        >>> name_key("the Élysée"), name_key("U.S."), name_key("Lib-Dems")
        ('elysee', 'us', 'lib dems')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    ascii_name = re.sub(r"(?<=\b[a-z])\.", "", ascii_name)
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name).split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


class KnowledgeBase:
    """Actors by id and by every name, demonym and seat they have.

    Examples:
        >>> kb = KnowledgeBase.from_rows([
        ...     {"id": "Q1", "type": "State", "label": "Ruritania", "aliases": "Kingdom of Ruritania",
        ...      "demonyms": "Ruritanian", "seats": "Strelsau", "countries": "RUR", "source": "factbook",
        ...      "licence": "CC0-1.0"}])
        >>> [a.id for a in kb.candidates("the Kingdom of Ruritania")], [a.label for a in kb.candidates("Strelsau")]
        (['Q1'], ['Ruritania'])
    """

    def __init__(self, actors: Mapping[str, KbActor]) -> None:
        self.actors = dict(actors)
        self._by_name: dict[str, list[str]] = defaultdict(list)
        for actor in self.actors.values():
            for name in {name_key(n) for n in (*actor.names, *actor.demonyms, *actor.seats)}:
                if name:
                    self._by_name[name].append(actor.id)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> KnowledgeBase:
        grouped: dict[str, list[Mapping[str, str]]] = defaultdict(list)
        for row in rows:
            grouped[row["id"]].append(row)
        return cls({actor_id: _merge(actor_id, rows) for actor_id, rows in grouped.items()})

    def candidates(self, name: str) -> tuple[KbActor, ...]:
        """Every actor one of whose names, demonyms or seats ``name`` is, in id order."""
        return tuple(self.actors[i] for i in sorted(self._by_name.get(name_key(name), ())))

    def get(self, actor_id: str) -> KbActor | None:
        return self.actors.get(actor_id)

    def __len__(self) -> int:
        return len(self.actors)


def _merge(actor_id: str, rows: list[Mapping[str, str]]) -> KbActor:
    rows = sorted(rows, key=lambda r: _LABEL_ORDER.index(r["source"]) if r["source"] in _LABEL_ORDER else 99)
    labelled = [row for row in rows if row.get("label")]

    def every(column: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for row in rows for v in (row.get(column) or "").split("|") if v))

    def first(column: str) -> str:
        return next((row[column] for row in rows if row.get(column)), "")

    return KbActor(actor_id, labelled[0]["type"] if labelled else rows[0]["type"],
                   labelled[0]["label"] if labelled else actor_id,
                   tuple(dict.fromkeys([*(row["label"] for row in labelled), *every("aliases")])),
                   every("demonyms"), every("seats"), every("countries"), first("party"), first("role"),
                   first("start"), first("end"), every("source"), every("licence"))


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of one KB file in ``extractors/kb/data`` (gzipped or not); ``#`` lines are the header comment."""
    raw = resources.files("extractors.kb").joinpath("data", name).read_bytes()
    text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def overlay_rows() -> list[dict[str, str]]:
    """The hand-written overlay's rows, each marked with its source (``overlay``) and licence (CC0)."""
    return [{**row, "source": "overlay", "licence": "CC0-1.0"} for row in read_rows(OVERLAY)]


@lru_cache(maxsize=2)
def load_kb(share_alike: bool = True) -> KnowledgeBase:
    """The knowledge base shipped with the package, read on first use and kept; ``share_alike=False`` leaves out
    the CC BY-SA rows (for a use that cannot honour share-alike)."""
    files = FILES if share_alike else FILES[:1]
    return KnowledgeBase.from_rows([*(row for name in files for row in read_rows(name)), *overlay_rows()])
