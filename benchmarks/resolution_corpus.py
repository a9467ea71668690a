#!/usr/bin/env python3
"""Score entity resolution on the second resolution dev set (``benchmarks/data/resolution_corpus``).

The set's ``expected.json`` names its articles by id in a corpus file; the texts stay in the shared corpus. This
writes each article's text into a temporary folder as ``<id>.txt`` beside the gold and runs the shared scorer
(``score_resolution.py``) on that folder, which builds one graph from the texts with this checkout's CLI.

Usage: python benchmarks/resolution_corpus.py CORPUS_DIR [--scorer PATH] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

SET = Path(__file__).parent / "data" / "resolution_corpus"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_resolution.py"


def write_set(corpus_dir: Path, folder: Path) -> int:
    """Write the set's articles and its gold into ``folder``; the number of articles written."""
    gold = json.loads((SET / "expected.json").read_text(encoding="utf-8"))
    wanted = set(gold["documents"])
    folder.mkdir(parents=True, exist_ok=True)
    found = 0
    with (corpus_dir / gold["corpus"]).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in wanted:
                (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
                found += 1
    if found != len(wanted):
        sys.exit(f"{corpus_dir / gold['corpus']}: found {found} of the set's {len(wanted)} articles")
    (folder / "expected.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus_dir", type=Path, help="the folder of the shared corpus (../shared/data/corpus)")
    ap.add_argument("--scorer", type=Path, default=SCORER)
    ap.add_argument("--keep", type=Path, help="write the articles here and keep them (default: a temporary folder)")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp()) / "resolution_corpus"
    write_set(args.corpus_dir, folder)
    command = shlex.join([sys.executable, "-m", "graph.cli"])
    env = {**os.environ, "SG_CMD": os.environ.get("SG_CMD", command)}
    sys.exit(subprocess.run([sys.executable, str(args.scorer), str(folder)], env=env).returncode)


if __name__ == "__main__":
    main()
