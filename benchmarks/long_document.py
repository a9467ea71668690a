"""Time and peak memory of one long document through the real CLI (`stancegraph extract`), and the phases of the
per-document work in process, for texts of growing length: does the work grow in proportion to the text, and does
memory stay bounded once a text is over spaCy's max_length and parsed in pieces?

    python benchmarks/long_document.py --chars 20000 80000 320000      # phases in process
    python benchmarks/long_document.py --cli 1200000                     # one CLI run: seconds, peak RSS, offsets

The text is made of news-like paragraphs (three sentences, repeated in turn) separated by blank lines.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPHS = [
    "Turkey condemned the Kurdish militia after the bombing in Ankara on Tuesday, officials said.",
    "Iran continues to back the Houthi rebels in Yemen, according to diplomats in the region.",
    "Washington imposed new sanctions on Moscow and Tehran on Friday over the war in Syria.",
]


def long_text(chars: int) -> str:
    out: list[str] = []
    size, i = 0, 0
    while size < chars:
        paragraph = f"{PARAGRAPHS[i % 3]} {PARAGRAPHS[(i + 1) % 3]}"
        out.append(paragraph)
        size += len(paragraph) + 2
        i += 1
    return "Long report\n\n" + "\n\n".join(out) + "\n"


def phases(chars: int) -> dict[str, float]:
    from extractors.nlp.models import DEFAULT_MODEL
    from extractors.nlp.pieces import pipe_pieces
    from extractors.nlp.pipeline import load_pipeline
    from extractors.registry import DEFAULT_EXTRACTORS, get_extractor
    from extractors.speakers import lift_to_organisations
    from graph.resolve.document import resolve_document
    from graph.resolve.mentions import document_mentions
    from graph.resolve.resolver import Resolver

    nlp = load_pipeline(DEFAULT_MODEL)
    text = long_text(chars)
    t0 = time.perf_counter()
    doc, _ = next(pipe_pieces(nlp, [(text, None)]))
    t1 = time.perf_counter()
    claims = [c for name in DEFAULT_EXTRACTORS for c in get_extractor(name)(doc, "d")]
    t2 = time.perf_counter()
    mentions, definitions = document_mentions(doc)
    t3 = time.perf_counter()
    resolve_document(list(lift_to_organisations(claims)), mentions, Resolver(), definitions)
    t4 = time.perf_counter()
    return {"chars": len(text), "parse_s": t1 - t0, "extract_s": t2 - t1, "mentions_s": t3 - t2,
            "resolve_s": t4 - t3, "claims": len(claims)}


def cli(chars: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "long.txt", Path(tmp) / "claims.jsonl"
        text = long_text(chars)
        source.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "graph.cli", "extract", str(source), "-o", str(out)],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        claims = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
        wrong = sum(text[c[side]["start"]:c[side]["end"]] != c[side]["text"] for c in claims
                    for side in ("subject", "object"))
        return {"chars": len(text), "exit": done.returncode, "seconds": seconds, "peak_rss_mb": peak_mb,
                "claims": len(claims), "wrong_offsets": wrong}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, nargs="*", default=[], help="text lengths to time phase by phase")
    parser.add_argument("--cli", type=int, help="text length for one `stancegraph extract` run")
    args = parser.parse_args()
    for chars in args.chars:
        print(json.dumps({k: round(v, 2) for k, v in phases(chars).items()}), flush=True)
    if args.cli:
        print(json.dumps({k: round(v, 2) for k, v in cli(args.cli).items()}), flush=True)


if __name__ == "__main__":
    main()
