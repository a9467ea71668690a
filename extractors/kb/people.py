"""US politicians from unitedstates/congress-legislators (CC0): current members of Congress, presidents and
vice-presidents, with Wikidata ids, party, office and dates. (The Factbook's current leaders are read with the
states, in ``extractors.kb.states``.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractors.kb.rows import Row, clean, local_id, qid, unique, usable_alias

# congress-legislators writes a party as a word; these are the Party Facts rows (country USA) of those parties.
US_PARTIES = {"Democrat": "Q29552", "Republican": "Q29468"}
_OFFICES = {"sen": "senator", "rep": "representative", "prez": "president", "viceprez": "vice president"}


def read_people(root: Path) -> Iterator[Row]:
    """One row per person in ``legislators-current.yaml`` and ``executive.yaml``."""
    import yaml  # build time only: the kb extra

    folder = root / "congress-legislators"
    for name in ("legislators-current.yaml", "executive.yaml"):
        people: list[dict[str, Any]] = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        for person in people:
            row = _person_row(person)
            if row is not None:
                yield row


def _person_row(person: dict[str, Any]) -> Row | None:
    ids, name, terms = person.get("id", {}), person.get("name", {}), person.get("terms", [])
    first, last = clean(name.get("first")), clean(name.get("last"))
    nickname, middle = clean(name.get("nickname")), clean(name.get("middle"))
    label = clean(name.get("official_full")) or f"{first} {last}".strip()
    if not usable_alias(label) or not terms:
        return None
    forms = [f"{first} {last}", f"{nickname} {last}" if nickname else "", f"{first} {middle} {last}" if middle else ""]
    person_id = qid(ids.get("wikidata")) or (local_id("bioguide", ids["bioguide"]) if ids.get("bioguide") else
                                             local_id("govtrack", str(ids.get("govtrack", label))))
    latest = terms[-1]
    return Row(person_id, "Person", label, "congress-legislators", "CC0-1.0",
               aliases=tuple(form for form in unique(forms) if usable_alias(form)), countries=("USA",),
               party=US_PARTIES.get(str(latest.get("party", "")), ""),
               role=_OFFICES.get(str(latest.get("type", "")), ""),
               start=str(terms[0].get("start", "")), end=str(latest.get("end", "")))
