"""International organisations and armed groups.

- IOs: the Factbook's organisations as dieghernan's membership table lists them (MIT), each with the Wikidata id
  supraverden gives the same name (the ids are CC0 by supraverden's README); and supraverden's own rows (names,
  abbreviations), which are CC BY-SA 4.0 and so go to a file of their own, marked share-alike.
- Armed and communal groups: the UCDP Actor Dataset 22.1 (CC BY 4.0, cite Davies, Pettersson & Öberg 2022);
  UCDP governments are the states themselves and are left out.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractors.kb.rows import Row, clean, local_id, qid, unique, usable_alias

_IO_CODE = re.compile(r"^[A-Z][A-Z0-9&\-]{1,11}$")
_UCDP_TYPES = {"1": "ArmedGroup", "2": "ArmedGroup", "3": "Group"}
_SUPRAVERDEN_NAMES = ("Name_en", "Name_other_en", "Name_other_2_en")
_SUPRAVERDEN_CODES = ("Abbreviation_en", "Abbreviation_other_en", "Abbreviation_former_en")


def read_supraverden(root: Path) -> list[tuple[str, dict[str, Any]]]:
    """supraverden's organisations, (English name, fields), in file order."""
    import yaml  # build time only: the kb extra

    path = root / "supraverden_CC-BY-SA-4.0" / "data" / "general_list.yaml"
    data: dict[str, dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data.items())


def read_organisations(root: Path, supraverden: list[tuple[str, dict[str, Any]]]) -> Iterator[Row]:
    """One row per Factbook organisation in dieghernan's table, with supraverden's id for the same name."""
    ids: dict[str, str] = {}
    for name, fields in supraverden:
        found = qid(str(fields.get("Wikidata_code")))
        codes = [str(fields.get(k) or "") for k in _SUPRAVERDEN_CODES]
        for form in (name, *(str(fields.get(k) or "") for k in _SUPRAVERDEN_NAMES)):
            if found and form:
                ids.setdefault(_io_key(form), found)
                ids.update({f"{code}/{_io_key(form).split()[0]}": found for code in codes if code})
    path = root / "dieghernan-io-membership" / "outputs" / "CountrycodesOrgs.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        organisations = {(row["org_id"].strip(), clean(row["org_name"])) for row in csv.DictReader(handle)}
    for code, name in sorted(organisations):
        aliases = [code] if _IO_CODE.match(code) else []
        io_id = ids.get(_io_key(name)) or ids.get(f"{code}/{_io_key(name).split()[0]}")
        yield Row(io_id or local_id("factbook-io", code), "InternationalOrganization", name,
                  "dieghernan", "MIT", aliases=tuple(aliases))


def read_share_alike(supraverden: list[tuple[str, dict[str, Any]]]) -> Iterator[Row]:
    """supraverden's rows: English names and abbreviations. CC BY-SA 4.0: kept apart and marked."""
    for name, fields in supraverden:
        forms = [name, *(str(fields.get(k) or "") for k in _SUPRAVERDEN_NAMES + _SUPRAVERDEN_CODES)]
        forms = [form for form in unique(forms) if usable_alias(form) and "No code found" not in form]
        if forms:
            yield Row(qid(str(fields.get("Wikidata_code"))) or local_id("supraverden", str(fields["SPRVD_id"])),
                      "InternationalOrganization", forms[0], "supraverden", "CC-BY-SA-4.0", aliases=tuple(forms))


def read_armed_groups(root: Path, country_codes: dict[str, str]) -> Iterator[Row]:
    """One row per UCDP non-government actor; ``country_codes`` maps a normalised state name to its ISO3 code.
    An alternative name that is another actor's own name (Darul Islam's "Islamic State") is left out."""
    path = root / "ucdp-actors" / "data" / "ucdp_ged" / "ucdp-actor-221.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        actors = [row for row in csv.DictReader(handle) if row["Org"] in _UCDP_TYPES]
    current: dict[str, set[str]] = {}  # a name an actor bears now is not also another actor's former or original name
    for row in actors:
        for form in _current_names(row):
            current.setdefault(_key(form), set()).add(row["ActorId"])
    for row in actors:
        forms = [*_current_names(row), row["NameOrigFullEng"], row["NameOrig"], row["NameOrigFull"]]
        forms = [form for form in unique(forms) if form != "n/a" and usable_alias(form)
                 and row["ActorId"] in current.get(_key(form), {row["ActorId"]})]
        places = [country_codes.get(_key(place)) for place in row["Location"].split(", ")]
        yield Row(local_id("ucdp", row["ActorId"]), _UCDP_TYPES[row["Org"]], clean(row["NameData"]), "ucdp",
                  "CC-BY-4.0", aliases=tuple(forms), countries=tuple(sorted({p for p in places if p})))


def _current_names(row: dict[str, str]) -> list[str]:
    """UCDP's name for the actor and the names it took later (comma-separated lists)."""
    later = [part for field in ("NewName", "NewNameFullEng") for part in re.split(r"\s*[,;]\s+", row[field])]
    return [row["NameData"], *later]


def _io_key(name: str) -> str:
    """An organisation's name as a join key: spelling (-isation), punctuation, "and" and "the" do not matter.

    Examples:
        >>> _io_key("the North Atlantic Treaty Organisation") == _io_key("North Atlantic Treaty Organization")
        True
    """
    words = re.sub(r"[^a-z0-9 ]+", " ", clean(name).casefold().replace("isation", "ization")).split()
    return " ".join(word for word in words if word not in ("the", "and", "of", "for")) or "?"


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^the\s+", "", clean(name).casefold())).strip()
