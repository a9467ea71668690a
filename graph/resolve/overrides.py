"""The analyst's override file: corrections to resolution that every build applies, so they survive re-extraction.

A TSV file, one correction a line, ``#`` lines are comments; columns separated by tabs:

    merge         FORM    TARGET    FORM resolves to whatever TARGET resolves to (two nodes become one); a chain of
                                    merges is followed to its end, and a TARGET that differs from FORM only in
                                    case or accents is the same node under TARGET's spelling
    split         FORM              FORM gets a node of its own: no gazetteer entry, name chain or alias joins it
    not-an-actor  FORM              FORM never becomes an actor (a photographer, a news agency, a place)

Forms are compared after normalisation (case, accents, a leading "the" and a trailing "'s" do not matter). A line
whose form no mention of a build names is reported (``Overrides.unmatched``), never ignored in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InputError
from graph.resolve.gazetteer import normalise

DEFAULT_NAME = "stancegraph-overrides.tsv"
_ACTIONS = {"merge": 3, "split": 2, "not-an-actor": 2}


@dataclass(frozen=True)
class Overrides:
    merge: dict[str, str] = field(default_factory=dict)
    split: frozenset[str] = frozenset()
    not_actors: frozenset[str] = frozenset()
    source: str = "overrides"
    lines: tuple[tuple[str, str], ...] = ()  # (action, form as written), in file order

    @property
    def forms(self) -> frozenset[str]:
        """Every normalised form a line names."""
        return frozenset(self.merge) | self.split | self.not_actors

    def unmatched(self, matched: set[str]) -> list[str]:
        """One warning per line whose form no mention in ``matched`` (normalised forms) named.

        Examples:
            >>> o = parse_overrides("merge\\tConservative party\\tConservative Party\\nsplit\\tWagner\\n", "o.tsv")
            >>> o.unmatched({"wagner"})
            ["o.tsv: merge 'Conservative party' matched no mention; check its spelling or delete the line"]
        """
        return [f"{self.source}: {action} {form!r} matched no mention; check its spelling or delete the line"
                for action, form in self.lines if normalise(form) not in matched]


def parse_overrides(text: str, source: str = "overrides") -> Overrides:
    """Read the override file's text; a bad line raises ``InputError`` naming the file and line.

    Examples:
        >>> o = parse_overrides("merge\\tSheikh Tamim\\tTamim bin Hamad\\nnot-an-actor\\tReuters\\n")
        >>> o.merge, sorted(o.not_actors)
        ({'sheikh tamim': 'Tamim bin Hamad'}, ['reuters'])
    """
    merge: dict[str, str] = {}
    split: set[str] = set()
    not_actors: set[str] = set()
    lines: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split("\t")]
        action = parts[0].lower()
        if action not in _ACTIONS or len([p for p in parts if p]) != _ACTIONS[action]:
            raise InputError(f"{source}, line {number}: expected 'merge<TAB>FORM<TAB>TARGET', 'split<TAB>FORM' "
                             f"or 'not-an-actor<TAB>FORM', got {line.strip()!r}; fix or delete the line")
        lines.append((action, parts[1]))
        if action == "merge":
            merge[normalise(parts[1])] = parts[2]
        elif action == "split":
            split.add(normalise(parts[1]))
        else:
            not_actors.add(normalise(parts[1]))
    return Overrides(merge, frozenset(split), frozenset(not_actors), source, tuple(lines))


def load_overrides(path: Path | None, graph_output: Path | None = None) -> Overrides:
    """The overrides of ``path``, else of ``stancegraph-overrides.tsv`` beside the graph if it exists, else none."""
    if path is None and graph_output is not None:
        default = graph_output.parent / DEFAULT_NAME
        path = default if default.is_file() else None
    if path is None:
        return Overrides()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read the override file ({err.__class__.__name__}); check the path") from None
    return parse_overrides(text, str(path))
