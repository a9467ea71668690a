"""People across documents: a short name ("Putin") joins the one person node whose full name it is a short form
of ("Vladimir Putin"), in whichever order the documents come.

Within one document ``graph.resolve.document`` chains names; this index covers a short name whose document gives no
full name. It joins only when that is unambiguous: exactly one person node fits, no document has shown the short
name shared by two people, and the titles agree (an office title such as "President Trump" needs a node the news
also gives an office title; "Ms. X" never joins a node called "Mr. ...", nor the reverse). A full name that comes
after its short form takes over the short form's node, which then carries the full name as its label. A
transliterated Arabic name finds the one node spelt otherwise (``graph.resolve.variants.transliteration_key``) in
an article that names a country the node's first article named.
"""

from __future__ import annotations

from typing import Protocol

from graph.resolve.gazetteer import normalise
from graph.resolve.names import honorific_gender, office, short_forms, split_title
from graph.resolve.variants import transliteration_key

__all__ = ["PeopleIndex"]


class _Person(Protocol):
    key: str
    label: str
    aliases: set[str]


class PeopleIndex:
    """Person nodes by the short forms of their full names, and the nodes still named by a short form only.

    Examples:
        >>> from graph.resolve.resolver import Actor
        >>> people = PeopleIndex()
        >>> people.add(Actor("person/vladimir_putin", "Vladimir Putin", "Person", None, {"Vladimir Putin"}))
        >>> people.full_name_of("Putin")
        'person/vladimir_putin'
        >>> people.full_name_of("Putin", "President") is None  # the news never gave that node an office title
        True
    """

    def __init__(self) -> None:
        self._actors: dict[str, _Person] = {}
        self._by_short: dict[str, set[str]] = {}
        self._short_only: dict[str, set[str]] = {}
        self._spellings: dict[str, set[str]] = {}  # transliteration key -> person nodes
        self._countries: dict[str, frozenset[str]] = {}  # node key -> the countries of the article that made it
        self.shared: set[str] = set()

    def add(self, actor: _Person) -> None:
        """Index a person node (again, after its label or aliases changed)."""
        self._actors[actor.key] = actor
        full = normalise(actor.label)
        if len(full.split()) >= 2:
            for short in short_forms(actor.label) - {full}:
                self._by_short.setdefault(short, set()).add(actor.key)
        else:
            self._short_only.setdefault(full, set()).add(actor.key)
        spelling = transliteration_key(actor.label)
        if spelling is not None:
            self._spellings.setdefault(spelling, set()).add(actor.key)

    def note_countries(self, key: str, countries: frozenset[str]) -> None:
        """The countries (ISO codes) the article that made the node ``key`` names, the first time it is called."""
        self._countries.setdefault(key, countries)

    def spelt_otherwise(self, name: str, countries: frozenset[str]) -> str | None:
        """The key of the one person node whose full name is ``name`` transliterated otherwise ("Bashir al Assad"
        for "Bashar al-Assad") and whose first article named one of ``countries``, else None."""
        spelling = transliteration_key(name)
        keys = self._spellings.get(spelling, set()) if spelling is not None else set()
        found = {key for key in keys if self._countries.get(key, frozenset()) & countries}
        return next(iter(found)) if len(keys) == 1 and len(found) == 1 else None

    def full_name_of(self, name: str, title: str = "") -> str | None:
        """The key of the one person node whose full name ``name`` (a short name the document titles ``title``)
        is a short form of, else None."""
        short = normalise(name)
        keys = self._by_short.get(short, set())
        if short in self.shared or len(keys) != 1:
            return None
        key = next(iter(keys))
        return key if _agree(title, self._titles(key)) else None

    def short_node_for(self, name: str, title: str = "") -> str | None:
        """The key of the one node still named by a short form of the full name ``name`` (titled ``title``),
        which that name may take over; None when there is none, or when another full name has that short form."""
        full = normalise(name)
        if len(full.split()) < 2:
            return None
        for short in sorted(short_forms(name) - {full}, key=len, reverse=True):
            keys = self._short_only.get(short, set())
            if short in self.shared or len(keys) != 1 or self._by_short.get(short):
                continue
            key = next(iter(keys))
            if _agree(" ".join(self._titles(key)), [title]):
                return key
        return None

    def rename(self, actor: _Person, label: str) -> None:
        """``actor`` (named by a short form) now carries the full name ``label``."""
        old = normalise(actor.label)
        self._short_only.get(old, set()).discard(actor.key)
        actor.label = label
        actor.aliases.add(label)
        self.add(actor)

    def _titles(self, key: str) -> list[str]:
        return [split_title(alias)[0] for alias in self._actors[key].aliases]


def _agree(title: str, others: list[str]) -> bool:
    """Whether a name titled ``title`` may be the person also titled ``others``: an office title needs an office
    title on the other side; gendered honorifics must not differ."""
    if office(title) and not any(office(other) for other in others):
        return False
    gender = honorific_gender(title)
    return gender is None or all(honorific_gender(other) in (None, gender) for other in others)
