"""Two names of one person in one document that the name chains alone keep apart.

- a full name with and without middle names or initials: "John R. Bolton" and "John Bolton", "Robert Gabriel
  Mugabe" and "Robert Mugabe" (never two names that both carry different middle parts: "George W. Bush" and
  "George H. W. Bush" are two people);
- a surname the article misspells by one letter ("Sarea" ... "Saree"), for names of five letters or more that no
  other person of the document comes as close to;
- a short name two full names end in that the article used for the first of them before it named the second
  ("Robert Mugabe ... Mugabe ... Grace Mugabe ... Mugabe": the writer keeps the established short name for the
  first and names the second in full);
- a transliterated Arabic name spelt two ways ("Bashar al-Assad", "Bashir al Assad"): the same letters but for
  vowels, doubled consonants, hyphens and the article al-/el- (``transliteration_key``); the resolver joins two
  such names only where the articles name a country in common (``graph.resolve.people``);
- a unit named after its parent organisation with a hyphen ("Islamic Revolutionary Guard Corps-Quds Force") that
  the article also names alone ("Quds Force"): the unit, never the parent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from graph.resolve.gazetteer import normalise

__all__ = ["established_short_names", "middle_name_variants", "spelling_variant", "transliteration_key",
           "unit_names"]

# Words of Arabic names that mark a name as transliterated (the article, "son of", "father of", "servant of").
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "abd", "abdel", "abdul"})
_VOWELS = frozenset("aeiouy")


def middle_name_variants(fulls: Sequence[str]) -> dict[str, str]:
    """Full name -> the full name of the same person it is a variant of (the one the document gave first), for
    a two-word name and the one longer name with the same first and last word.

    Examples:
        >>> middle_name_variants(["John R. Bolton", "John Bolton"])
        {'John Bolton': 'John R. Bolton'}
        >>> middle_name_variants(["George Bush", "George W. Bush", "George H. W. Bush"])
        {}
    """
    words = {name: normalise(name).split() for name in fulls}
    out: dict[str, str] = {}
    for short in fulls:
        if len(words[short]) != 2:
            continue
        longer = [name for name in fulls if len(words[name]) > 2 and words[name][0] == words[short][0]
                  and words[name][-1] == words[short][-1]]
        if len(longer) == 1:
            first, second = sorted((short, longer[0]), key=list(fulls).index)
            out[second] = first
    return out


def spelling_variant(name: str, owners: Mapping[str, str]) -> str | None:
    """The full name whose one-word short name ``name`` misspells by one letter (one substitution, insertion or
    deletion, the first letter kept), when exactly one short name in ``owners`` (short -> full) is that close.

    Examples:
        >>> spelling_variant("Saree", {"sarea": "Yahya Sarea", "hadi": "Abdrabbuh Mansur Hadi"})
        'Yahya Sarea'
        >>> spelling_variant("Rice", {"rich": "Mark Rich"}) is None  # too short to tell a misspelling from a name
        True
        >>> spelling_variant("Clintons", {"clinton": "Hillary Clinton"}) is None
        True
    """
    key = normalise(name)
    if " " in key or len(key) < 5:
        return None
    close = {full for short, full in owners.items()
             if " " not in short and len(short) >= 5 and short[0] == key[0] and _one_edit(key, short)
             and key.rstrip("s") != short.rstrip("s")}  # "the Trumps", "the Clintons": a family, no misspelling
    return next(iter(close)) if len(close) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def established_short_names(shared: Mapping[str, set[str]], first_seen: Mapping[str, int],
                            bare: Iterable[tuple[int, str]]) -> dict[str, str]:
    """Short name -> full name, for a short name several full names end in (``shared``) that the document used
    (``bare``: position, normalised short name) after the first of them and before any other appeared
    (``first_seen``: full name -> position of its first mention).

    Examples:
        >>> established_short_names({"mugabe": {"Robert Mugabe", "Grace Mugabe"}},
        ...                         {"Robert Mugabe": 0, "Grace Mugabe": 900}, [(50, "mugabe"), (950, "mugabe")])
        {'mugabe': 'Robert Mugabe'}
        >>> established_short_names({"berg": {"Anna Berg", "Tomas Berg"}}, {"Anna Berg": 0, "Tomas Berg": 10},
        ...                         [(20, "berg")])
        {}
    """
    uses: dict[str, list[int]] = {}
    for position, short in bare:
        uses.setdefault(short, []).append(position)
    out: dict[str, str] = {}
    for short, names in shared.items():
        first, *others = sorted(names, key=lambda name: first_seen[name])
        rival = min(first_seen[name] for name in others)
        if any(first_seen[first] < position < rival for position in uses.get(short, ())):
            out[short] = first
    return out


def unit_names(names: Iterable[str], is_organisation: Callable[[str], bool]) -> dict[str, str]:
    """Normalised "Parent-Unit" name -> the unit's name, for a name whose part before its last hyphen is an
    organisation (``is_organisation``) and whose part after it the document also gives alone (among ``names``).

    Examples:
        >>> unit_names(["Islamic Revolutionary Guard Corps-Quds Force", "Quds Force"], lambda n: n.endswith("Corps"))
        {'islamic revolutionary guard corps-quds force': 'Quds Force'}
        >>> unit_names(["Hewlett-Packard", "Packard"], lambda n: False)
        {}
    """
    alone = {normalise(name): name for name in names}
    out: dict[str, str] = {}
    for name in alone.values():
        parent, _, unit = name.rpartition("-")
        if parent[-1:].isalpha() and unit[:1].isupper() and normalise(unit) in alone and is_organisation(parent):
            out[normalise(name)] = alone[normalise(unit)]
    return out


def transliteration_key(name: str) -> str | None:
    """The letters of a transliterated Arabic name that all its spellings share, else None for a name without an
    Arabic particle (al-, el-, bin, abu, abd): each word without its inner vowels and doubled letters, the particles
    al- and el- left out.

    Examples:
        >>> transliteration_key("Bashar al-Assad"), transliteration_key("Bashir al] Assad")
        ('bshr asd', 'bshr asd')
        >>> transliteration_key("Ahmed al-Assadi"), transliteration_key("Abdel Fattah el-Sisi")
        ('ahmd asdi', 'abdl fth si')
        >>> transliteration_key("Dan Smith") is None  # no sign of a transliterated name: Dan and Don stay two
        True
    """
    tokens = normalise(name).replace("-", " ").split()
    if len(tokens) < 2 or not any(token in _PARTICLES for token in tokens[:-1]):
        return None
    return " ".join(_skeleton(token) for token in tokens if token not in ("al", "el"))


def _skeleton(word: str) -> str:
    inner = "".join(c for c in word[1:-1] if c not in _VOWELS)
    letters = word[:1] + inner + word[1:][-1:]
    return "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])
