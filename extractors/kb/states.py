"""States from country-codes (ODC-PDDL) and the CIA World Factbook (public domain), and the Factbook's leaders.

country-codes gives each state its ISO codes, UN and CLDR names, capital and Wikidata id; the Factbook gives
conventional names, abbreviations, demonyms, capitals with their variants and the current chief of state and
head of government. The two join on the Factbook's file name, which is country-codes' ``FIPS`` column.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from extractors.kb.rows import Row, clean, local_id, qid, unique, usable_alias

# Wikidata ids that country-codes lacks, from the states.tsv this package already ships (country-coder, ISC).
_MISSING_QIDS = {"NAM": "Q1030", "XKX": "Q1246"}
# Words of a Factbook office, before the holder's name ("Prime Minister Keir STARMER").
_TITLE_WORDS = frozenset({"president", "vice", "prime", "minister", "king", "queen", "chancellor", "premier",
    "emir", "sultan", "supreme", "leader", "governor", "general", "governor-general", "chairman", "chairwoman",
    "chair", "crown", "prince", "princess", "pope", "grand", "duke", "co-prince", "captain", "captains", "regent",
    "regents", "chief", "executive", "state", "council", "federal", "head", "interim", "acting", "transitional",
    "first", "deputy", "secretary", "commander", "amir", "monarch", "emperor", "taoiseach", "raja",
    "administrator", "mayor", "high", "commissioner", "presidential"})


def read_states(root: Path) -> Iterator[Row]:
    """One row per state from country-codes, one from the Factbook's profile of it, one per Factbook leader."""
    codes = _country_codes(root / "country-codes" / "data" / "country-codes.csv")
    by_fips = {row["FIPS"].strip().lower(): row for row in codes if row["FIPS"].strip()}
    for row in codes:
        if row["is_independent"] == "Yes":
            yield _code_row(row)
    for path in sorted((root / "factbook").glob("*/*.json")):
        code_row = by_fips.get(path.stem)
        iso3 = code_row["ISO3166-1-Alpha-3"] if code_row else ""
        independent = code_row is not None and code_row["is_independent"] == "Yes"
        if path.stem == "kv":  # Kosovo: no ISO 3166 entry, the user-assigned code XKX
            iso3, independent = "XKX", True
        if not independent:
            continue
        profile = json.loads(path.read_text(encoding="utf-8"))
        state_id = _state_id(code_row, iso3)
        yield _factbook_row(profile, state_id, iso3)
        yield from _leaders(profile, path.stem, iso3)


def read_sovereigns(root: Path) -> dict[str, str]:
    """ISO3 of a territory, dependency or part -> ISO3 of the state it belongs to ("Part of DK": Greenland)."""
    codes = _country_codes(root / "country-codes" / "data" / "country-codes.csv")
    iso3 = {row["ISO3166-1-Alpha-2"]: row["ISO3166-1-Alpha-3"] for row in codes}
    out = {}
    for row in codes:
        found = re.search(r"\b(?:of|with) ([A-Z]{2})$", row["is_independent"])
        if found and found.group(1) in iso3:
            out[row["ISO3166-1-Alpha-3"]] = iso3[found.group(1)]
    return out


def _country_codes(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))  # csv keeps Namibia's "NA" a string


def _state_id(row: dict[str, str] | None, iso3: str) -> str:
    found = qid(row["wikidata_id"]) if row else ""
    return found or _MISSING_QIDS.get(iso3) or local_id("iso", iso3)


def _code_row(row: dict[str, str]) -> Row:
    iso3 = row["ISO3166-1-Alpha-3"]
    names = [_unterm(row["UNTERM English Short"]), _unterm(row["UNTERM English Formal"]), row["official_name_en"],
             row["CLDR display name"]]
    label = next((n for n in map(clean, names) if n), iso3)
    return Row(_state_id(row, iso3), "State", label, "country-codes", "PDDL-1.0",
               aliases=tuple(n for n in unique(names) if usable_alias(n)), seats=tuple(unique([row["Capital"]])),
               countries=(iso3,))


def _unterm(name: str) -> str:
    """A UN term without its markers: "United Kingdom of Great Britain and Northern Ireland (the)" -> "... Ireland"."""
    return clean(re.sub(r"^the\s+|\s*\((the)\)|\s*\*$", "", name.strip()))


def _text(node: Any, *path: str) -> str:
    for step in path:
        node = node.get(step, {}) if isinstance(node, dict) else {}
    return clean(node.get("text", "")) if isinstance(node, dict) else ""


def _factbook_row(profile: dict[str, Any], state_id: str, iso3: str) -> Row:
    names = profile.get("Government", {}).get("Country name", {})
    forms = [_text(names, key) for key in ("conventional short form", "conventional long form", "abbreviation",
                                           "local short form", "local long form")]
    forms = [part.strip(" ,") for form in forms for part in re.split(r"\bor\b", re.split(r";|\bnote\b", form)[0])]
    forms = [form for form in forms if form.lower() != "none" and usable_alias(form) and not re.search(r"[(/]", form)]
    nationality = profile.get("People and Society", {}).get("Nationality", {})
    demonyms = _demonyms(_text(nationality, "noun")) + _demonyms(_text(nationality, "adjective"))
    capital = _text(profile, "Government", "Capital", "name")
    return Row(state_id, "State", forms[0] if forms else iso3, "factbook", "CC0-1.0", aliases=tuple(forms),
               demonyms=tuple(demonyms), seats=tuple(_variants(capital)), countries=(iso3,))


def _demonyms(text: str) -> list[str]:
    """"Briton(s), British (collective plural)" -> Briton, Britons, British; "Taiwan (or Taiwanese)" -> both.

    Examples:
        >>> _demonyms("Briton(s), British (collective plural)")
        ['Briton', 'Britons', 'British']
    """
    text = re.split(r"\bnote\b", text)[0]
    text = re.sub(r"\((?:or|also)\s+([^)]*)\)", r", \1", text)
    text = re.sub(r"\([^)]*(?:singular|plural|collective|masculine|feminine)[^)]*\)", "", text)
    out: list[str] = []
    for part in re.split(r"[,;/]|\bor\b", text):
        part = re.sub(r"\((?!s\))\w+\)", "", part).strip(" .")
        if "(s)" in part:
            out += [part.replace("(s)", ""), part.replace("(s)", "s")]
        elif part and len(part.split()) <= 3:
            out.append(part)
    return [form for form in unique(out) if usable_alias(form) and form[0].isupper()]


def _variants(text: str) -> list[str]:
    """"Pristina (Prishtine, Prishtina)" -> the name and its variants; notes dropped."""
    text = re.split(r";|\bnote\b", text)[0]
    main, _, rest = text.partition("(")
    forms = [main, *rest.rstrip(") ").split(",")] if rest else [main]
    return [form for form in unique(forms) if usable_alias(form) and form[0].isupper()]


def _leaders(profile: dict[str, Any], gec: str, iso3: str) -> Iterator[Row]:
    branch = profile.get("Government", {}).get("Executive branch", {})
    for office in ("chief of state", "head of government"):
        text = re.split(r"\bnote\b", _text(branch, office))[0]
        for part in text.split(";"):
            found = _leader(part)
            if found is not None:
                name, role, since = found
                yield Row(local_id("factbook", f"{gec}/{name}"), "Person", name, "factbook", "CC0-1.0",
                          countries=(iso3,), role=role, start=since)


def _leader(text: str) -> tuple[str, str, str] | None:
    """(name, office, ISO start date) of "Prime Minister Keir STARMER (since 5 July 2024)", else None.

    Examples:
        >>> _leader("Prime Minister Keir STARMER (since 5 July 2024)")
        ('Keir Starmer', 'prime minister', '2024-07-05')
        >>> _leader("President XI Jinping (since 14 March 2013)")
        ('Xi Jinping', 'president', '2013-03-14')
    """
    found = re.match(r"\s*(?P<who>[^(]+?)\s*\(since (?P<since>[^)]+)\)", text)
    if found is None:
        return None
    tokens = found["who"].split()
    caps = [i for i, t in enumerate(tokens) if len(t) > 1 and t.replace("-", "").replace("'", "").isupper()
            and t.isalpha() is not False]
    if not caps:
        return None
    start = caps[0]
    while start > 0 and tokens[start - 1].lower().strip(",") not in _TITLE_WORDS and tokens[start - 1][0].isupper():
        start -= 1
    name = " ".join(t.title() if i in caps else t for i, t in enumerate(tokens) if i >= start)
    name = re.sub(r"\b(Ii|Iii|Iv|Vi|Vii|Viii|Ix|Xi{1,3})\b$", lambda m: m.group(0).upper(), name)
    role = " ".join(tokens[:start]).lower()
    if not role or not usable_alias(name):
        return None
    return name, role, _iso_date(found["since"])


def _iso_date(text: str) -> str:
    for pattern in ("%d %B %Y", "%B %Y", "%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date().isoformat()[: {"%Y": 4, "%B %Y": 7}.get(pattern, 10)]
        except ValueError:
            continue
    return ""
