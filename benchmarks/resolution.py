#!/usr/bin/env python3
"""Entity resolution on a corpus: actor nodes before and after resolution, its time share, a sample of merges.

"Before" is one node per distinct surface string of the mentions resolution placed (no merging beyond exact
string); "after" is the resolver's actor nodes. A merge is a surface form that joined a node labelled otherwise;
``--sample N`` writes N of them (random, ``--seed``) as TSV with an empty verdict column to check by hand.
``nodes_mixing_kb_ids`` lists the nodes whose forms name two different KB actors (``kb_ids``).
The time share is resolution (document mentions + resolving) over the whole in-process pipeline (spaCy,
extractors, resolution); graph building and serialisation are left out, so the share is an upper bound.

Usage: python benchmarks/resolution.py CORPUS.jsonl [--limit N] [--sample 50] [--seed 6] [--merges OUT.tsv]
       [--nodes NODES.tsv]
Corpus lines: {"id"|"doc_id", "text"} or {"doc_id", "title", "sentences": [...]} (SEESAW articles).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

from extractors.kb import load_kb
from extractors.nlp.pipeline import load_pipeline
from extractors.registry import get_extractor
from extractors.speakers import lift_to_organisations
from graph.pipeline import DEFAULT_EXTRACTORS
from graph.resolve.document import resolve_with_context
from graph.resolve.gazetteer import lookup
from graph.resolve.mentions import document_mentions
from graph.resolve.resolver import Resolver, surface


def read_corpus(path: Path, limit: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or len(out) >= limit:
            continue
        record: dict[str, Any] = json.loads(line)
        text = record.get("text") or "\n\n".join([record.get("title", ""), " ".join(record.get("sentences", []))])
        out.append((str(record.get("id") or record.get("doc_id") or i), text))
    return out


def kb_ids(forms: set[str]) -> set[str]:
    """The KB ids the surface forms of one node name where a form names exactly one KB actor (gazetteer forms by
    their Wikidata id): a node with two is a wrong merge, or a form the KB gives two actors."""
    ids: set[str] = set()
    for form in forms:
        entry = lookup(form)
        found = [entry.wikidata] if entry is not None and entry.wikidata else \
            [actor.id for actor in load_kb().candidates(form)]
        ids.update(found if len(found) == 1 else ())
    return ids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=10**9)
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--merges", type=Path, help="write the sampled merges here (TSV)")
    ap.add_argument("--nodes", type=Path, help="write every actor node here (TSV: key, label, type, forms)")
    args = ap.parse_args()

    docs = read_corpus(args.corpus, args.limit)
    nlp = load_pipeline()
    funcs = [get_extractor(name) for name in DEFAULT_EXTRACTORS]
    resolver = Resolver()
    forms: dict[str, set[str]] = {}  # actor key -> surface forms that landed on it
    t_resolution = 0.0
    start = time.perf_counter()
    for spacy_doc, doc_id in nlp.pipe(((t, i) for i, t in docs), as_tuples=True, batch_size=32):
        claims = list(lift_to_organisations(c for f in funcs for c in f(spacy_doc, doc_id)))
        t1 = time.perf_counter()
        mentions, definitions = document_mentions(spacy_doc)
        _, context = resolve_with_context(claims, mentions, resolver, definitions)
        t_resolution += time.perf_counter() - t1
        text = spacy_doc.text
        for (begin, end), actor in context.resolved.items():
            if actor is not None:
                forms.setdefault(actor.key, set()).add(surface(text[begin:end]))
    t_pipeline = time.perf_counter() - start
    strings = {f for fs in forms.values() for f in fs}
    merges = sorted((form, resolver.actors[key].label, resolver.actors[key].type, key)
                    for key, fs in forms.items() for form in fs if surface(form) != resolver.actors[key].label)
    mixed = {key: ids for key, fs in forms.items() if len(ids := kb_ids(fs)) > 1}
    print(json.dumps({
        "corpus": args.corpus.name, "documents": len(docs),
        "actor_nodes_before": len(strings), "actor_nodes_after": len(resolver.actors),
        "merged_forms": len(merges),
        "nodes_mixing_kb_ids": {resolver.actors[key].label: sorted(ids) for key, ids in sorted(mixed.items())},
        "pipeline_seconds": round(t_pipeline, 2), "resolution_seconds": round(t_resolution, 2),
        "resolution_share": round(t_resolution / t_pipeline, 4) if t_pipeline else None,
    }, indent=1))
    if args.nodes:
        rows = ["\t".join((key, actor.label, actor.type, "|".join(sorted(forms.get(key, ())))))
                for key, actor in sorted(resolver.actors.items())]
        args.nodes.write_text("\n".join(["key\tlabel\ttype\tforms", *rows]) + "\n", encoding="utf-8")
    if args.merges:
        sample = random.Random(args.seed).sample(merges, min(args.sample, len(merges)))
        lines = ["form\tnode_label\ttype\tkey\tverdict"] + ["\t".join(m) + "\t" for m in sorted(sample)]
        args.merges.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
