"""Read the data files beside this package (lexicons, gazetteer), lazily and once."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str
    polarity: str
    slot: str
    confidence: float
    cls: str = ""  # CAMEO-style event category (cooperate, aid, disapprove, reject, threaten, coerce, assault, fight)


@dataclass(frozen=True)
class Evaluation:
    """A word of praise or blame (``data/evaluation_lexicon.tsv``): its polarity and how it evaluates."""

    lemma: str
    pos: str
    polarity: str
    pattern: str  # trait | deed | conduct | work


@dataclass(frozen=True)
class ActorEntry:
    key: str
    label: str
    type: str
    wikidata: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    seats: tuple[str, ...]
    base: tuple[str, ...] = ()


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of ``extractors/data/NAME`` as dicts; ``#`` lines are the header comment."""
    text = resources.files("extractors").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


@cache
def stance_cues() -> dict[tuple[str, str], tuple[Cue, ...]]:
    """Stance cues keyed by (lemma, pos)."""
    out: dict[tuple[str, str], list[Cue]] = {}
    for row in read_table("stance_lexicon.tsv"):
        cue = Cue(row["lemma"], row["pos"], row["polarity"], row["slot"], float(row["confidence"]),
                  row.get("class") or "")
        out.setdefault((cue.lemma, cue.pos), []).append(cue)
    return {key: tuple(cues) for key, cues in out.items()}


@cache
def evaluation_words() -> dict[tuple[str, str], Evaluation]:
    """Words of praise and blame keyed by (lemma, pos).

    Examples:
        >>> evaluation_words()[("liar", "NOUN")].polarity, evaluation_words()[("lie", "VERB")].pattern
        ('opposes', 'deed')
    """
    rows = read_table("evaluation_lexicon.tsv")
    return {(r["lemma"], r["pos"]): Evaluation(r["lemma"], r["pos"], r["polarity"], r["pattern"]) for r in rows}


@cache
def aid_nouns() -> frozenset[str]:
    """Lemmas of things whose giving to an actor is support of it ("weapons", "funding", "military")."""
    return frozenset(row["lemma"] for row in read_table("aid_nouns.tsv"))


@cache
def receiving_verbs() -> frozenset[str]:
    """Verbs whose subject receives the stance of its noun-cue object ("won the backing of X")."""
    return frozenset(row["lemma"] for row in read_table("receiving_verbs.tsv"))


@cache
def report_verbs() -> dict[str, str]:
    """Verbs that report what their subject said or judged: lemma -> frame (speech | judge)."""
    return {row["lemma"]: row["frame"] for row in read_table("report_verbs.tsv")}


@cache
def speech_verbs() -> frozenset[str]:
    """Verbs whose subject said the clause they govern: the ``speech`` frame of ``report_verbs``.

    Examples:
        >>> "say" in speech_verbs(), "call" in speech_verbs()
        (True, False)
    """
    return frozenset(lemma for lemma, frame in report_verbs().items() if frame == "speech")


@cache
def control_verbs() -> dict[str, tuple[str, str]]:
    """Control verbs: lemma -> (effect, controller)."""
    return {row["lemma"]: (row["effect"], row["controller"]) for row in read_table("control_verbs.tsv")}


@cache
def actor_nouns() -> dict[str, bool]:
    """Actor nouns: lemma -> whether the bare noun names an actor on its own."""
    return {row["lemma"]: row["bare"] == "yes" for row in read_table("actor_nouns.tsv")}


@cache
def disposition_nouns() -> dict[str, str]:
    """Nouns of a party's disposition or part in an effort ("the resolve of X in ..."), with their kind."""
    return {row["lemma"]: row["kind"] for row in read_table("disposition_nouns.tsv")}


@cache
def role_nouns() -> dict[str, str]:
    return {row["lemma"]: row["kind"] for row in read_table("role_nouns.tsv")}


@cache
def actors() -> tuple[ActorEntry, ...]:
    """The gazetteer: the generated ``states.tsv`` merged with the hand-written ``actors.tsv``.

    A row of ``actors.tsv`` whose key is a state's adds its aliases, demonyms and seats to that state and, when
    its label is set, replaces the generated label.

    Examples:
        >>> russia = next(e for e in actors() if e.key == "russia")
        >>> russia.wikidata, "Kremlin" in russia.seats, "Moscow" in russia.seats
        ('Q159', True, True)
    """
    merged: dict[str, ActorEntry] = {}
    for row in (*read_table("states.tsv"), *read_table("actors.tsv")):
        entry = ActorEntry(row["key"], row["label"], row["type"], row["wikidata"],
                           _split(row["aliases"]), _split(row["demonyms"]), _split(row["seats"]),
                           _split(row.get("base") or ""))
        base = merged.get(entry.key)
        merged[entry.key] = entry if base is None else _merge_entries(base, entry)
    return tuple(merged.values())


@cache
def actor_adjectives() -> frozenset[str]:
    """Adjectives that stand for an actor, lower case: the gazetteer's demonyms and names ("Israeli jets" is
    Israel, "Houthi fighters" the Houthis) and party words ("Republican senators"); "European", "Hispanic" are not.

    Examples:
        >>> "israeli" in actor_adjectives(), "republican" in actor_adjectives(), "european" in actor_adjectives()
        (True, True, False)
    """
    gazetteer = {form.lower() for entry in actors() for form in (entry.label, *entry.aliases, *entry.demonyms)}
    return frozenset(gazetteer | {row["word"] for row in read_table("party_words.tsv")})


@cache
def actor_types() -> dict[str, str]:
    """Every gazetteer name and alias, lower case -> the actor's type.

    Examples:
        >>> actor_types()["nato"], actor_types()["hezbollah"]
        ('Organization', 'ArmedGroup')
    """
    return {name.lower(): entry.type for entry in actors() for name in (entry.label, *entry.aliases) if name}


def _merge_entries(base: ActorEntry, extra: ActorEntry) -> ActorEntry:
    def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*a, *b)))

    label = extra.label or base.label
    aliases = union(base.aliases, extra.aliases)
    if label != base.label:
        aliases = union((base.label,), aliases)
    return ActorEntry(base.key, label, base.type, base.wikidata or extra.wikidata, aliases,
                      union(base.demonyms, extra.demonyms), union(base.seats, extra.seats),
                      union(base.base, extra.base))


@cache
def ambiguous_forms() -> dict[str, str]:
    """Gazetteer forms that name more than one thing: form -> the actor key it resolves to ("" = none)."""
    return {row["form"]: row["actor"] for row in read_table("ambiguous.tsv")}


@cache
def institution_words() -> frozenset[str]:
    """Words of the generic names of a state's institutions ("house", "parliament", "ministry", "court")."""
    return frozenset(row["word"] for row in read_table("institution_words.tsv"))


@cache
def resolution_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """Words by role (state_head, group_head, title, place_head, institution_head, anaphor): word -> types."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for row in read_table("resolution_words.tsv"):
        out.setdefault(row["role"], {})[row["word"]] = _split(row["types"])
    return out
