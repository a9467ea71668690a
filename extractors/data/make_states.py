#!/usr/bin/env python3
"""Generate ``states.tsv``: every UN member and observer state and the common de-facto ones, from two packages.

Sources (build time only; neither is a runtime dependency):
  - npm ``@ideditor/country-coder`` 5.1.0 (ISC licence, maintained by the OpenStreetMap iD editor team), file
    ``src/data/borders.json``: ISO 3166-1 codes, English names and the **Wikidata ids** of every country.
  - PyPI ``countryinfo`` 1.0.1: common short names, capitals, demonyms and alternative spellings.

A state is a country-coder feature with an ISO alpha-2 code that belongs to no other country (this is the 193 UN
members, the two observers Vatican City and Palestine, Taiwan, Kosovo and Western Sahara), plus Northern Cyprus
(country-coder has its Wikidata id but no ISO code). De-facto states neither package knows (Abkhazia, South
Ossetia, Transnistria, Somaliland ...) are rows of ``actors.tsv`` without a Wikidata id.
Hand corrections (current names such as Eswatini, seats of government, extra demonyms) live in ``actors.tsv``
under the same key; the loader merges the two.

Usage:
    npm pack @ideditor/country-coder@5.1.0 && tar xzf ideditor-country-coder-5.1.0.tgz
    pip install countryinfo==1.0.1
    python extractors/data/make_states.py package/src/data/borders.json > extractors/data/states.tsv
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

HEADER = """\
# States: UN members and observers, Taiwan, Kosovo, Western Sahara, Northern Cyprus. GENERATED, do not edit:
# run extractors/data/make_states.py (see its docstring); hand corrections belong in actors.tsv under the same key.
# Sources: ISO codes, English names and Wikidata ids from the npm package @ideditor/country-coder 5.1.0
# (src/data/borders.json, property "wikidata"); short names, capitals, demonyms and alternative spellings from the
# PyPI package countryinfo 1.0.1. A demonym two states share (Congolese) is left out: it is ambiguous.
# Columns:
#   key        stable identifier (lower_snake_case of the label); the actor IRI's local name
#   label      preferred name (rdfs:label)
#   type       always State
#   wikidata   Wikidata entity id from country-coder
#   iso2       ISO 3166-1 alpha-2 code (empty for Northern Cyprus)
#   aliases    other names, |-separated: country-coder's English name and countryinfo's ASCII multi-word spellings
#              (no bare ISO codes, no one-word native names such as "Island" for Iceland)
#   demonyms   adjective / people, |-separated (countryinfo)
#   seats      capital (countryinfo), |-separated
"""
_EXTRA_WIKIDATA = {"Q23681"}  # Northern Cyprus: in country-coder without an ISO code


def _key(label: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_).strip("_")


def _countryinfo() -> dict[str, dict[str, Any]]:
    by_iso: dict[str, dict[str, Any]] = {}
    folder = resources.files("countryinfo").joinpath("data")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".json"):
            continue
        data = json.loads(item.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso and iso not in by_iso:
            by_iso[iso] = data
    return by_iso


def _states(borders: Path) -> list[dict[str, Any]]:
    features = json.loads(borders.read_text(encoding="utf-8"))["features"]
    props = [f["properties"] for f in features]
    return [p for p in props if (p.get("iso1A2") and not p.get("country") and p.get("level") is None
                                 and p["iso1A2"] not in ("AQ",)) or p.get("wikidata") in _EXTRA_WIKIDATA]


def _names(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        value = value.strip()
        if not value or not value.isascii() or "," in value or re.fullmatch(r"[A-Z]{2,3}", value):
            continue
        if " " not in value and "-" not in value:  # single words are mostly native names ("Island", "Nippon")
            continue
        if value not in out:
            out.append(value)
    return out


def rows(borders: Path) -> list[list[str]]:
    info = _countryinfo()
    out: list[list[str]] = []
    for state in _states(borders):
        iso = state.get("iso1A2", "")
        data = info.get(iso, {})
        label = str(data.get("name") or state["nameEn"])
        capital = data.get("capital") or ""
        capitals = capital if isinstance(capital, list) else [capital]
        capitals = [re.sub(r"\s+D\.?C\.?$", "", c) for c in capitals]
        aliases = [a for a in [state["nameEn"], *_names(data.get("altSpellings", []))] if a != label]
        aliases = list(dict.fromkeys(aliases))
        demonym = "|".join(d.strip() for d in str(data.get("demonym") or "").split(",") if d.strip())
        out.append([_key(label), label, "State", state["wikidata"], iso, "|".join(aliases), demonym,
                    "|".join(c for c in capitals if c)])
    shared = Counter(row[6].lower() for row in out if row[6])
    for row in out:
        if shared[row[6].lower()] > 1:
            row[6] = ""
    return sorted(out)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: make_states.py PATH/TO/country-coder/src/data/borders.json > states.tsv")
    sys.stdout.write(HEADER)
    sys.stdout.write("key\tlabel\ttype\twikidata\tiso2\taliases\tdemonyms\tseats\n")
    for row in rows(Path(sys.argv[1])):
        sys.stdout.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
