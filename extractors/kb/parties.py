"""Political parties from Party Facts (MIT; Wikidata ids, names, founding years) and ParlGov (CC0; names, name
changes, foundation dates, countries), joined through their English Wikipedia URLs.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from extractors.kb.rows import Row, clean, local_id, qid, unique, usable_alias

_PARLGOV = Path("parlgov/scripts/migrate_parlgov-db/import-data-legacy")
_PLACEHOLDERS = frozenset({"none", "etc", "one-seat", "others", "independent", "independents"})
_ABBREVIATION = re.compile(r"^[A-Z0-9&.\-'ÁÉÍÓÚÄÖÜ]+$")


def read_parties(root: Path) -> Iterator[Row]:
    """One row per Party Facts party with a Wikidata id (rows sharing an id become one), one per ParlGov party."""
    wikipedia = _csv(root / "partyfacts" / "import" / "wikipedia" / "wikipedia.csv")
    years = {row["partyfacts_id"]: (row["year_founded"], row["year_dissolved"]) for row in wikipedia}
    qids_by_url = {}
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    wikidata = _csv(root / "partyfacts" / "import" / "wikipedia" / "wikidata.csv")
    qid_of = {row["partyfacts_id"]: qid(row["wikidata_id"]) for row in wikidata}
    for row in wikidata:
        grouped[qid_of[row["partyfacts_id"]]].append(row)
    for row in wikipedia:
        if qid_of.get(row["partyfacts_id"]):
            qids_by_url[_url_key(row["url"])] = qid_of[row["partyfacts_id"]]
    for party_qid, rows in grouped.items():
        if party_qid:
            yield _partyfacts_row(party_qid, rows, years)
    yield from _parlgov_rows(root / _PARLGOV, qids_by_url)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _url_key(url: str) -> str:
    """An English Wikipedia URL as a join key: scheme, percent-encoding, case of the host and ``_``/space unified.

    Examples:
        >>> _url_key("http://en.wikipedia.org/wiki/Labour_Party_%28UK%29")
        'labour party (uk)'
    """
    title = unquote(url.strip()).rsplit("/wiki/", 1)[-1]
    return title.replace("_", " ").strip().casefold()


def short_names(text: str) -> list[str]:
    """Party Facts' short name as aliases: a ``/`` between abbreviations separates alternatives, elsewhere it
    stands for a space.

    Examples:
        >>> short_names("CC/ARI"), short_names("Lib/Dems"), short_names("D")
        (['CC', 'ARI'], ['Lib Dems'], [])
    """
    parts = [part for part in text.split("/") if part]
    if len(parts) > 1 and all(_ABBREVIATION.match(part) or not usable_alias(part) for part in parts):
        names = parts
    else:
        names = [" ".join(parts)]
    return [name for name in unique(names) if usable_alias(name)]


def _partyfacts_row(party_qid: str, rows: list[dict[str, str]], years: dict[str, tuple[str, str]]) -> Row:
    names = [rows[0]["name"]]
    for row in rows:
        names += [row["name"], *short_names(row["name_short"]), row["name_native"]]
    founded = sorted(years.get(row["partyfacts_id"], ("", ""))[0] for row in rows)
    dissolved = sorted(years.get(row["partyfacts_id"], ("", ""))[1] for row in rows)
    return Row(party_qid, "Party", clean(rows[0]["name"]), "partyfacts", "MIT",
               aliases=tuple(n for n in unique(names) if usable_alias(n)),
               countries=tuple(sorted({row["country"] for row in rows})),
               start=next((y for y in founded if y), ""), end=dissolved[-1] if all(dissolved) else "")


def _parlgov_rows(folder: Path, qids_by_url: dict[str, str]) -> Iterator[Row]:
    iso3 = {row["id"]: row["name_short"] for row in _csv(folder / "02__datacore__Country.csv")}
    changes: dict[str, list[str]] = defaultdict(list)
    for row in _csv(folder / "23__parties__PartyNameChange.csv"):
        changes[row["party"]] += [row["name_english"], row["name_short"], row["name_ascii"].replace("--", "-")]
    for row in _csv(folder / "21__parties__Party.csv"):
        if row["name_short"].casefold() in _PLACEHOLDERS or row["name_english"].casefold() in _PLACEHOLDERS \
                or "no party" in row["name_english"].casefold():
            continue
        names = [row["name_english"], row["name_short"], row["name_ascii"].replace("--", "-"), row["name"],
                 *changes[row["id"]]]
        party_id = qids_by_url.get(_url_key(row["wikipedia"])) if row["wikipedia"] else None
        yield Row(party_id or local_id("parlgov", row["id"]), "Party", clean(row["name_english"]), "parlgov",
                  "CC0-1.0", aliases=tuple(n for n in unique(names) if usable_alias(n)),
                  countries=(iso3[row["country"]],), start=row["foundation_date"][:10],
                  end=row["dissolution_date"][:10])
