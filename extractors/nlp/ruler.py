"""The gazetteer's EntityRuler, with its token patterns tried only where they could match.

spaCy's Matcher starts every token pattern at every token, so its time grows with patterns x tokens, and the
gazetteer's token patterns ("<state name> Defense Forces", "<Title Case words> Airport", ...) took several
milliseconds an article. Every token of a match satisfies some token spec of some pattern: it is title case, or
its text or lower-case form is a value a pattern names. So each match lies inside one run of such tokens, and
matching those runs alone finds exactly the matches the whole document gives: the entities are the same.
"""

from __future__ import annotations

import warnings
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token

__all__ = ["GazetteerRuler"]

_OPTIONAL = ("*", "?")


class GazetteerRuler(EntityRuler):
    """An EntityRuler (matching phrases on ORTH, overwriting the model's entities) that runs its token patterns
    on the runs of tokens that could take part in a match.

    Examples:
        >>> from spacy.lang.en import English
        >>> nlp = English()
        >>> ruler = nlp.add_pipe("stancegraph_gazetteer_ruler")
        >>> ruler.add_patterns([{"label": "FAC", "pattern": [{"IS_TITLE": True, "OP": "+"}, {"LOWER": "airport"}]}])
        >>> [(e.text, e.label_) for e in nlp("they landed at King Fahd International Airport on Sunday").ents]
        [('King Fahd International Airport', 'FAC')]
    """

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        # EntityRuler.match, with the token matcher run on candidate runs instead of the whole document.
        self._require_patterns()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")
            matches = [(key, run.start + start, run.start + end)
                       for run in self._candidate_runs(doc) for key, start, end in self.matcher(run)]
            matches += list(self.phrase_matcher(doc))
        final_matches = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final_matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def _candidate_runs(self, doc: Doc) -> list[Span]:
        """Maximal runs of tokens some token spec could accept, as long as the shortest pattern or longer."""
        if getattr(self, "_filter_for", None) != len(self):  # built once, again only if patterns were added
            self._filter = _token_filter([p for ps in self.token_patterns.values() for p in ps])
            self._filter_for = len(self)
        could_match, shortest = self._filter
        runs: list[Span] = []
        start = None
        for token in doc:
            if could_match(token):
                start = token.i if start is None else start
                continue
            if start is not None and token.i - start >= shortest:
                runs.append(doc[start : token.i])
            start = None
        if start is not None and len(doc) - start >= shortest:
            runs.append(doc[start:])
        return runs


def _token_filter(patterns: list[list[dict[str, Any]]]) -> tuple[Any, int]:
    """(a test true for every token any spec of ``patterns`` accepts, the fewest tokens a pattern matches).

    The test may accept more tokens than the specs do (it checks each attribute alone), never fewer. A spec on
    an attribute it does not know raises, rather than let matches go missing.
    """
    title = False
    orths: set[str] = set()
    lowers: set[str] = set()
    for pattern in patterns:
        for spec in pattern:
            for attr, value in spec.items():
                if attr == "OP":
                    continue
                values = _strings(value)
                if attr == "IS_TITLE" and value is True:
                    title = True
                elif attr == "ORTH" and values is not None:
                    orths |= values
                elif attr == "LOWER" and values is not None:
                    lowers |= values
                else:
                    raise ValueError(f"GazetteerRuler: token spec {attr}={value!r} is not supported; "
                                     f"use ORTH, LOWER (a string or IN) or IS_TITLE")
    shortest = min((sum(spec.get("OP") not in _OPTIONAL for spec in p) for p in patterns), default=1)

    def could_match(token: Token) -> bool:
        return (title and token.is_title) or token.orth_ in orths or token.lower_ in lowers

    return could_match, max(shortest, 1)


def _strings(value: Any) -> set[str] | None:
    """The strings a spec value matches: itself, or its IN list; None for any other kind of value."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict) and set(value) == {"IN"}:
        return set(value["IN"])
    return None


@Language.factory("stancegraph_gazetteer_ruler")
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler(nlp, name, phrase_matcher_attr="ORTH", overwrite_ents=True)
