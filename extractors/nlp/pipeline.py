"""Load the spaCy pipeline once, with the actor gazetteer as an EntityRuler in front of the NER."""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractors.errors import ModelNotFoundError
from extractors.lexicon import actors, ambiguous_forms, resolution_words
from extractors.nlp.models import DEFAULT_MODEL, REUPLOADS
from extractors.nlp.ruler import GazetteerRuler  # noqa: F401  (registers the stancegraph_gazetteer_ruler factory)
from extractors.nlp.whole_names import join_cut_names

_TYPE_TO_LABEL = {"State": "GPE", "Person": "PERSON"}


def gazetteer_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns for every name, alias and seat of government of the gazetteer's actors (not
    demonyms, which the model tags as NORP and the resolver maps), and for names that end in a place or an
    institution word: "King Fahd International Airport" is a place (FAC), "Moscow Carnegie Center" an ORG; as
    the longer match they win over "King Fahd" and "Moscow".

    Examples:
        >>> patterns = gazetteer_patterns()
        >>> {"label": "GPE", "pattern": "Kremlin", "id": "russia"} in patterns
        True
        >>> any(p["pattern"] == "Victoria" for p in patterns)  # ambiguous capital: never tagged
        False
    """
    ambiguous = ambiguous_forms()
    patterns: list[dict[str, Any]] = []
    for entry in actors():
        label = _TYPE_TO_LABEL.get(entry.type, "ORG")
        for name in (entry.label, *entry.aliases):
            if name.lower().startswith("the ") or len(name) < 2 or ambiguous.get(name) == "":
                continue
            patterns.append({"label": label, "pattern": name, "id": entry.key})
        for seat in entry.seats:
            if not seat.lower().startswith("the ") and ambiguous.get(seat) != "":
                patterns.append({"label": "GPE", "pattern": seat, "id": entry.key})
    return patterns + _force_name_patterns() + _headed_name_patterns()


def _force_name_patterns() -> list[dict[str, Any]]:
    """A state's name and a force word in title case ("Israel Defense Forces", "Pakistan Armed Forces") is one
    organisation; as the longer match it wins over the state's name, which would leave "Defense Forces". Token
    patterns, one per name length and force-word shape: thousands of phrases would slow loading the pipeline.

    Examples:
        >>> from spacy.lang.en import English
        >>> nlp = English()
        >>> nlp.add_pipe("entity_ruler").add_patterns(_force_name_patterns())
        >>> [(e.text, e.label_) for e in nlp("a spokesman for the Israel Defense Forces said").ents]
        [('Israel Defense Forces', 'ORG')]
    """
    ambiguous = ambiguous_forms()
    names = {name for entry in actors() if entry.type == "State" for name in (entry.label, *entry.aliases)
             if name and not name.lower().startswith("the ") and ambiguous.get(name) != ""}
    by_length: dict[int, list[list[str]]] = {}
    for name in sorted(names):
        tokens = name.split()
        by_length.setdefault(len(tokens), []).append(tokens)
    forces = [re.findall(r"[^\s-]+|-", force.title()) for force in resolution_words().get("force_name", {})]
    out: list[dict[str, Any]] = []
    for tail in _alternatives(forces, "ORTH"):
        for names_of_length in by_length.values():
            lead = [{"ORTH": {"IN": sorted({tokens[i] for tokens in names_of_length})}}
                    for i in range(len(names_of_length[0]))]
            out.append({"label": "ORG", "pattern": [*lead, *tail]})
    return out


def _headed_name_patterns() -> list[dict[str, Any]]:
    """Places: any title-case name ending in a place word. Institutions: only names around a gazetteer word
    ("Moscow Carnegie Center", "Carnegie Moscow Center"), so that the model keeps other names whole. Both may go
    on with "of/for ..." ("Washington Institute for Near East Policy")."""
    words = resolution_words()
    anchors = sorted({form for entry in actors() for form in (*entry.aliases, entry.label, *entry.seats,
                                                             *entry.demonyms) if " " not in form})
    tail_of = [{"LOWER": {"IN": ["of", "for"]}}, {"IS_TITLE": True, "OP": "+"}]
    out: list[dict[str, Any]] = []
    for role, label in (("place_head", "FAC"), ("institution_head", "ORG")):
        for tail in _alternatives([head.split() for head in words.get(role, {})], "LOWER"):
            if role == "place_head":
                lead: list[dict[str, Any]] = [{"IS_TITLE": True, "OP": "+"}]
            else:  # "Washington Post", never "the U.N. post"
                tail[-1]["IS_TITLE"] = True
                lead = [{"IS_TITLE": True, "OP": "*"}, {"ORTH": {"IN": anchors}}, {"IS_TITLE": True, "OP": "*"}]
            out.append({"label": label, "pattern": [*lead, *tail]})
            out.append({"label": label, "pattern": [*lead, *tail, *tail_of]})
    return out


def _alternatives(phrases: list[list[str]], attr: str) -> list[list[dict[str, Any]]]:
    """Token specs on ``attr`` that match exactly ``phrases`` (token lists), in as few patterns as this simple
    rule finds: phrases of one length share a pattern, one set of tokens a position, when every combination of
    those sets is one of the phrases ("Defense/Defence/Armed/Security" + "Forces"); otherwise each phrase has
    its own. The Matcher's time grows with the number of patterns, as each is tried from every token.

    Examples:
        >>> _alternatives([["Armed", "Forces"], ["Defense", "Forces"]], "ORTH")
        [[{'ORTH': {'IN': ['Armed', 'Defense']}}, {'ORTH': 'Forces'}]]
        >>> len(_alternatives([["air", "base"], ["naval", "port"]], "LOWER"))  # "air port" is neither
        2
    """
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for phrase in phrases:
        by_length.setdefault(len(phrase), set()).add(tuple(phrase))
    out: list[list[dict[str, Any]]] = []
    for group in by_length.values():
        columns = [sorted({phrase[i] for phrase in group}) for i in range(len(next(iter(group))))]
        if math.prod(len(column) for column in columns) == len(group):
            out.append([{attr: column[0]} if len(column) == 1 else {attr: {"IN": column}} for column in columns])
        else:
            out.extend([{attr: token} for token in phrase] for phrase in sorted(group))
    return out


@Language.component("stancegraph_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines, captions and credits never run into the next paragraph."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


Language.component("stancegraph_whole_names", func=join_cut_names)


@cache
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load pipeline ``name`` (cached per process), add the gazetteer ruler before ``ner`` and the mending of
    names it cut short after it (``extractors.nlp.whole_names``). The official names of the re-uploaded
    pipelines ("en_core_web_sm", the name spaCy's documentation and our README use) load the re-upload when
    the official package is not installed."""
    try:
        nlp = spacy.load(name)
    except OSError:
        if name in REUPLOADS and spacy.util.is_package(REUPLOADS[name]):
            return load_pipeline(REUPLOADS[name])
        raise ModelNotFoundError(name) from None
    if "parser" in nlp.pipe_names and "stancegraph_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("stancegraph_paragraphs", before="parser")
    if "ner" in nlp.pipe_names and "stancegraph_gazetteer" not in nlp.pipe_names:
        ruler = nlp.add_pipe("stancegraph_gazetteer_ruler", name="stancegraph_gazetteer", before="ner")
        # The ruler turns phrase patterns into Docs with every component before it (the tagger, parser, ...);
        # matching on ORTH needs the tokenizer alone, which is a second faster to load.
        with nlp.select_pipes(enable=["stancegraph_gazetteer"]):
            ruler.add_patterns(gazetteer_patterns())  # type: ignore[attr-defined]
    if "ner" in nlp.pipe_names and "stancegraph_whole_names" not in nlp.pipe_names:
        nlp.add_pipe("stancegraph_whole_names", after="ner")
    return nlp
