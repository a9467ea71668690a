"""The knowledge base's row: one actor as one source describes it, and the name cleaning every source needs.

Build time only (``extractors.kb.build`` and the source readers); the run time reads rows with
``extractors.kb.actors``. A row is the facts a build selects from one source, never a copy of a source's record.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

COLUMNS = ("id", "type", "label", "aliases", "demonyms", "seats", "countries", "party", "role", "start", "end",
           "source", "licence")
TYPES = frozenset({"State", "InternationalOrganization", "Party", "Person", "ArmedGroup", "Group", "GovernmentBody"})
LICENCES = frozenset({"PDDL-1.0", "CC0-1.0", "MIT", "CC-BY-4.0", "CC-BY-SA-4.0"})
SHARE_ALIKE = frozenset({"CC-BY-SA-4.0"})
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Row:
    """One actor from one source: ``id`` is a Wikidata QID where the source gives one, else ``source:local``."""

    id: str
    type: str
    label: str
    source: str
    licence: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    party: str = ""
    role: str = ""
    start: str = ""
    end: str = ""

    def cells(self) -> list[str]:
        """The row's TSV cells in ``COLUMNS`` order; lists are ``|``-joined, the label left out of the aliases."""
        aliases = unique(a for a in self.aliases if a != self.label)
        return [self.id, self.type, self.label, "|".join(aliases), "|".join(unique(self.demonyms)),
                "|".join(unique(self.seats)), "|".join(unique(self.countries)), self.party, self.role, self.start,
                self.end, self.source, self.licence]


def clean(text: str | None) -> str:
    """Plain text: no HTML tags or entities, no no-break or repeated spaces, straight dashes and quotes.

    Examples:
        >>> clean(" Asian Development Bank\\u00a0<br>")
        'Asian Development Bank'
    """
    text = html.unescape(_TAGS.sub(" ", text or "")).replace("\u2010", "-").replace("\u2019", "'")
    return _SPACES.sub(" ", text.replace("\u00a0", " ").replace("|", "/")).strip()


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is Latin (accents allowed): English news writes names this way.

    Examples:
        >>> is_latin("Sinn Féin"), is_latin("Единая Россия")
        (True, False)
    """
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def usable_alias(text: str) -> bool:
    """Whether a name may serve as an alias: Latin script, two characters or more, not a bare number.

    Examples:
        >>> usable_alias("SNP"), usable_alias("D"), usable_alias("1 percent")
        (True, False, False)
    """
    text = text.strip()
    return len(text) >= 2 and is_latin(text) and not text[0].isdigit()


def unique(items: Iterable[str]) -> list[str]:
    """The non-empty items, first occurrence kept, in order."""
    seen: set[str] = set()
    out = []
    for item in items:
        item = clean(item)
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def qid(text: str | None) -> str:
    """A bare Wikidata id from a QID or a Wikidata URL; empty when there is none.

    Examples:
        >>> qid("https://www.wikidata.org/wiki/Q145"), qid("[No code found.]")
        ('Q145', '')
    """
    found = re.search(r"\bQ[1-9][0-9]*\b", text or "")
    return found.group(0) if found else ""


def local_id(source: str, local: str) -> str:
    """The id of an actor no source gives a QID for: the source's name and its own key, made id-safe.

    Examples:
        >>> local_id("ucdp", "217"), local_id("factbook", "uk/Keir Starmer")
        ('ucdp:217', 'factbook:uk_keir_starmer')
    """
    ascii_key = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode().lower()
    return f"{source}:{re.sub(r'[^a-z0-9]+', '_', ascii_key).strip('_')}"
