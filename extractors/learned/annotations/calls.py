"""List the annotated sentences that call on, urge, press or ask an actor to act, for re-reading them by hand.

    python extractors/learned/annotations/calls.py --corpus ../shared/data/corpus > calls.txt

The guidelines' "Demands" rule (``docs/annotation.md``) was amended after round 3: a call on B to stop, end, cease,
withdraw, release or refrain is A ``opposes`` B, a call with no fault found is ``none``. This lists every annotated,
not skipped sentence of the three source files (not the second pass) whose text holds a call or demand cue
(``CUE``), one block a sentence: its id and annotator, the cue found, the text, the mentions and the pairs that
are not ``none``; where the second pass labelled the sentence too, its non-``none`` pairs follow. It changes
nothing: the labels are fixed in the source files by hand, and each change logged in ``calls_reread.tsv``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractors.errors import TrainingDataError
from extractors.learned.examples import ANNOTATIONS, read_annotations, read_corpus

# call(s/ed/ing) on/upon/for, "we call", urge, press ... to, demand, appeal to, ask ... (not) to, insist that;
# "press" is not taken before the nouns it heads in briefings ("press briefing", "press secretary").
CUE = re.compile(
    r"\bcall(?:s|ed|ing)?\s+(?:on|upon|for)\b|\bwe\s+call\b|\burg(?:e|es|ed|ing)\b"
    r"|\bpress(?:es|ed|ing)?\s+(?!briefing|conference|release|secretary|office|corps|availability|statement)"
    r"(?:[\w'.,-]+\s+){1,6}?to\b"
    r"|\bdemand(?:s|ed|ing)?\b|\bappeal(?:s|ed|ing)?\s+to\b"
    r"|\bask(?:s|ed|ing)?\s+(?:[\w'.,-]+\s+){1,6}?(?:not\s+)?to\b|\binsist(?:s|ed|ing)?\s+that\b",
    re.IGNORECASE,
)


def find_cue(text: str) -> str | None:
    """The first call or demand cue in ``text``, as written, or None.

    Examples:
        >>> find_cue("Oslo urged the junta to free the prisoners.")
        'urged'
        >>> find_cue("She pressed Moscow hard to halt its strikes.")
        'pressed Moscow hard to'
        >>> find_cue("The press secretary said he would be ready to answer.") is None
        True
    """
    found = CUE.search(text)
    return found.group(0) if found else None


def call_sentences(rows: list[dict[str, Any]], texts: dict[str, str]) -> Iterator[tuple[dict[str, Any], str, str]]:
    """Each annotated sentence whose text holds a cue, with its text and the cue, in file order."""
    for row in rows:
        text = texts[row["doc_id"]][row["start"] : row["end"]]
        cue = find_cue(text)
        if cue is not None:
            yield row, text, cue


def describe_pairs(row: dict[str, Any]) -> list[str]:
    """A line for each pair of ``row`` that is not ``none``: ``a label b (mod or role)`` by mention text."""
    names = [m["text"] for m in row["mentions"]]
    return [f"{p['a']} {names[p['a']]} {p['label']} {p['b']} {names[p['b']]} ({p.get('mod') or p.get('role')})"
            for p in row["pairs"] if p["label"] != "none"]


def format_block(row: dict[str, Any], text: str, cue: str, second: dict[str, Any] | None) -> str:
    """One sentence's block: id, annotator and cue, the text, the mentions, the non-``none`` pairs."""
    lines = [f"== {row['sid']}  [{row['annotator']}]  cue: {cue}", text]
    lines += [f"  m{k} {m['text']} ({m['type']}{', ref ' + m['ref'] if m['ref'] else ''})"
              for k, m in enumerate(row["mentions"])]
    lines += [f"  pair {line}" for line in describe_pairs(row)] or ["  (every pair none)"]
    if second is not None:
        lines += [f"  second pass: {line}" for line in describe_pairs(second)] or ["  second pass: every pair none"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="the folder of the corpus JSONL files")
    args = parser.parse_args()
    try:
        texts = read_corpus(args.corpus)
    except TrainingDataError as err:
        raise SystemExit(str(err)) from None
    lines = (ANNOTATIONS / "second_pass.jsonl").read_text(encoding="utf-8").splitlines()
    second = {r["sid"]: r for r in map(json.loads, lines)}
    count = 0
    for row, text, cue in call_sentences(read_annotations(), texts):
        print(format_block(row, text, cue, second.get(row["sid"])) + "\n")
        count += 1
    print(f"{count} sentences with a call or demand cue")


if __name__ == "__main__":
    main()
