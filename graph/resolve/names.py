"""Personal names: titles before a name, and the short forms a full name goes by in one document."""

from __future__ import annotations

from functools import lru_cache

from graph.resolve.gazetteer import lookup_demonym, normalise, words

__all__ = ["honorific_gender", "office", "short_forms", "split_title", "strip_title"]


@lru_cache(maxsize=65536)  # a document names the same people many times; the tables it reads never change
def split_title(name: str) -> tuple[str, str]:
    """(title, name): leading titles, and demonyms before them, split off the name.

    Examples:
        >>> split_title("Turkish President Recep Tayyip Erdogan")
        ('Turkish President', 'Recep Tayyip Erdogan')
        >>> split_title("Mr. Toner"), split_title("Martin Luther King Jr.")
        (('Mr.', 'Toner'), ('', 'Martin Luther King Jr.'))
    """
    titles = words("title")
    tokens = name.split()
    start = 0
    i = 0
    while i < len(tokens) - 1:
        for size in (3, 2, 1):
            if " ".join(tokens[i : i + size]).lower() in titles and i + size < len(tokens):
                i = start = i + size
                break
        else:
            if lookup_demonym(tokens[i]) is None:
                break
            i += 1
    return " ".join(tokens[:start]), " ".join(tokens[start:])


def strip_title(name: str) -> str:
    """The name without leading titles ("President Bashar al-Assad" -> "Bashar al-Assad").

    Examples:
        >>> strip_title("Turkish President Recep Tayyip Erdogan"), strip_title("Mr. Toner")
        ('Recep Tayyip Erdogan', 'Toner')
    """
    return split_title(name)[1]


def office(title: str) -> bool:
    """Whether a title names an office ("President", "Sen.") rather than a courtesy ("Mr", "Dr")."""
    titles = words("title")
    return any(titles.get(word.lower()) == () for word in title.split())


def honorific_gender(title: str) -> str | None:
    """"male" or "female" when the title has a gendered honorific ("Mr.", "Ms", "Mrs"), else None.

    Examples:
        >>> honorific_gender("Mr."), honorific_gender("Ms"), honorific_gender("Dr."), honorific_gender("")
        ('male', 'female', None, None)
    """
    titles = words("title")
    for word in title.split():
        found = [g for g in ("male", "female") if g in titles.get(word.lower(), ())]
        if found:
            return found[0]
    return None


def short_forms(full: str) -> set[str]:
    parts = full.split()
    last = parts[-1]
    forms = {last, " ".join(parts[-2:])}
    for prefix in ("al-", "el-", "Al-", "El-"):
        if last.startswith(prefix) and len(last) > len(prefix) + 1:
            forms.add(last[len(prefix):])
    return {normalise(f) for f in forms}
