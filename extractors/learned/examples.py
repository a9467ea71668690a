"""Training data for the learned stance layer: SEESAW and Park et al. (2021) train splits -> labelled pairs.

Each sentence is parsed once by the project's pipeline and kept as a DocBin under the user's cache directory
(``$XDG_CACHE_HOME/stancegraph/parsed``), keyed by the file's bytes, the pipeline and the gazetteer, so that
retraining after a feature change does not parse again. Nothing here is written inside the repository.

Labels: a directed pair of named actors (``stance_features.candidates``) is ``supports``/``opposes`` when a gold
triple names the holder and the target (SEESAW: a distinctive word of the canonical name, the same locality the
scorer's ``--filter local`` uses; Park: the labelled entity spans), ``none`` when the sentence's gold says nothing
about it. SEESAW pairs touched by a non-local triple, and Park pairs other than the labelled one, are left out.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin, Span

from extractors.errors import TrainingDataError
from extractors.learned import features as stance_features
from extractors.learned.features import Candidate, candidates, pair_features, sentence_context
from extractors.nlp.pipeline import DEFAULT_MODEL, load_pipeline

_STOP = frozenset({"the", "and", "for", "party", "state", "states", "united", "republic", "government",
                   "president", "senator", "sen", "rep"})


@dataclass(frozen=True)
class Example:
    """One directed pair: where it comes from (``source``, ``group`` for cross-validation folds), its features
    and its gold class (``none``, ``supports``, ``opposes``); ``pair`` ties the two directions of a Park pair."""

    source: str
    group: str
    features: list[str]
    label: str
    pair: int = -1
    forward: bool = True


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise TrainingDataError(f"{path}: cannot read it as JSONL ({err.__class__.__name__}); give the converted "
                         f"train.jsonl of the data set") from None


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stancegraph" / "parsed"


def _cache_name(path: Path, model: str, *code: str) -> str:
    """A cache file name for ``path``: its bytes, the pipeline, the gazetteer and lexicon, and ``code``."""
    digest = hashlib.sha256(path.read_bytes())
    digest.update(f"{model}|{metadata.version('spacy')}".encode())
    for name in ("actors.tsv", "stance_lexicon.tsv"):
        digest.update(resources.files("extractors").joinpath("data", name).read_bytes())
    for module in code:
        digest.update(Path(module).read_bytes())
    return f"{path.parent.name}-{path.stem}-{digest.hexdigest()[:16]}"


def _cached_examples(path: Path, model: str, make: Callable[[], list[Example]]) -> list[Example]:
    """Examples of ``path`` from the cache when neither the data nor the feature code changed since."""
    target = cache_dir() / (_cache_name(path, model, stance_features.__file__, __file__) + ".examples.jsonl")
    if target.exists():
        return [Example(*json.loads(line)) for line in target.read_text(encoding="utf-8").splitlines()]
    examples = make()
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text("".join(json.dumps(astuple(e)) + "\n" for e in examples), encoding="utf-8")
    tmp.replace(target)
    return examples


def parsed(path: Path, texts: list[str], model: str = DEFAULT_MODEL) -> list[Doc]:
    """``texts`` parsed by the project's pipeline, from the cache when the same file was parsed before."""
    nlp = load_pipeline(model)
    target = cache_dir() / f"{_cache_name(path, model)}.spacy"
    if target.exists():
        return list(DocBin().from_disk(target).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=64))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    DocBin(store_user_data=False, docs=docs).to_disk(tmp)
    tmp.replace(target)
    return docs


def name_words(name: str) -> set[str]:
    """Distinctive lower-case words of a name ("Donald J. Trump" -> donald, trump).

    Examples:
        >>> sorted(name_words("the Republican Party"))
        ['republican']
    """
    return {w for w in re.findall(r"[a-z0-9][a-z0-9-]+", name.lower().replace("\u2019s", "").replace("'s", ""))
            if len(w) >= 3 and w not in _STOP}


def same_name(mention: str, gold: str) -> bool:
    """Does the mention name the gold entity? A shared distinctive word, or one a prefix of the other
    ("Republicans" ~ "Republican Party").

    Examples:
        >>> same_name("Trump", "Donald Trump"), same_name("Democrats", "Democratic Party"), same_name("Iran", "Iraq")
        (True, True, False)
    """
    ours, theirs = name_words(mention), name_words(gold)
    return any(a == b or (min(len(a), len(b)) >= 5 and a[:6] == b[:6]) for a in ours for b in theirs)


def seesaw_examples(path: Path, model: str = DEFAULT_MODEL) -> list[Example]:
    """Labelled directed pairs of a SEESAW file (see the module docstring), cached."""
    return _cached_examples(path, model, lambda: _seesaw_examples(path, model))


def park_examples(path: Path, model: str = DEFAULT_MODEL) -> list[Example]:
    """Both directions of each labelled Park pair whose entities the pipeline finds in one sentence, cached."""
    return _cached_examples(path, model, lambda: _park_examples(path, model))


def _seesaw_examples(path: Path, model: str) -> list[Example]:
    records = read_jsonl(path)
    docs = parsed(path, [r["text"] for r in records], model)
    out: list[Example] = []
    for record, doc in zip(records, docs, strict=True):
        local: list[dict[str, Any]] = []
        other: list[dict[str, Any]] = []
        for t in record.get("triples", []):
            keep = (t.get("actor_pair") and t.get("subject_token_in_text") and t.get("object_token_in_text")
                    and not t["subject"].startswith("<") and not t["object"].startswith("<"))
            (local if keep else other).append(t)
        for sent in doc.sents:
            found = candidates(sent)
            context = sentence_context(sent) if len(found) > 1 else None
            for h, t in _directed(found):
                label = _gold_label(h.span.text, t.span.text, local)
                if label is None and _gold_label(h.span.text, t.span.text, other, either=True) is not None:
                    continue
                out.append(Example("seesaw", str(record["doc_id"]), pair_features(h, t, context), label or "none"))
    return out


def _directed(found: list[Candidate]) -> Iterator[tuple[Candidate, Candidate]]:
    for h in found:
        for t in found:
            if h.span.start != t.span.start and h.span.text.lower() != t.span.text.lower():
                yield h, t


def _gold_label(holder: str, target: str, triples: list[dict[str, Any]], either: bool = False) -> str | None:
    for t in triples:
        if same_name(holder, t["subject"]) and same_name(target, t["object"]):
            return str(t["relation"])
        if either and same_name(holder, t["object"]) and same_name(target, t["subject"]):
            return str(t["relation"])
    return None


def _park_examples(path: Path, model: str) -> list[Example]:
    records = read_jsonl(path)
    docs = parsed(path, [r["text"] for r in records], model)
    out: list[Example] = []
    pair_id = 0
    for n, (record, doc) in enumerate(zip(records, docs, strict=True)):
        spans = {e["text"]: (e["start"], e["end"]) for e in record.get("entities", []) if e.get("start") is not None}
        for t in record.get("triples", []):
            p_name, q_name = t.get("pair") or (t["subject"], t["object"])
            p, q = _entity(doc, spans.get(p_name)), _entity(doc, spans.get(q_name))
            if p is None or q is None or p.start == q.start or p.sent.start != q.sent.start:
                continue
            relation = str(t["relation"])
            holder_is_p = t["subject"] == p_name
            for h, tg, forward in ((p, q, True), (q, p, False)):
                label = "none" if relation == "neutral" or holder_is_p != forward else relation
                out.append(Example("park", f"park{n}", pair_features(Candidate(h), Candidate(tg)), label,
                                   pair_id, forward))
            pair_id += 1
    return out


def _entity(doc: Doc, where: tuple[int, int] | None) -> Span | None:
    """The named actor (as the pipeline found it) overlapping the labelled character span."""
    if where is None:
        return None
    start, end = where
    return next((e.span for e in candidates(doc[:]) if e.span.start_char < end and start < e.span.end_char), None)
