"""The papercuts of issue 19 that no other test file covers, each through the real command line: the README's
model name, the extractor options after the subcommand, and `view --actor` matching part of a name as the
page's search does. (The others: README.md in a directory, tests/test_cli.py; extract's help, test_cli.py;
--append's counts, test_store.py; the sliders and the mutual-direction panel, test_view_browser.py.)"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli.app import _parser
from graph.cli.app import main as cli_main
from graph.store.files import save_graph
from tests.view_graph import ACTORS, small_graph

ARTICLE = "Russia continues to back the Syrian government of Bashar al-Assad, the Kremlin said on Monday.\n"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.model
def test_the_model_name_the_readme_uses_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    done = _run("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "g.ttl"), "--model", "en_core_web_sm")
    assert done.returncode == 0, done.stderr
    assert "built" in done.stderr and "1 documents" in done.stderr


def test_extractor_options_follow_the_subcommand() -> None:
    for command in ("build", "extract"):
        args = _parser().parse_args([command, "a.txt", "-o", "out.jsonl", "--learned", "--classifier", "model"])
        assert args.learned and args.classifier == Path("model")


def test_a_classifier_without_learned_is_one_usage_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code = cli_main(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "c.jsonl"), "--classifier", "m"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and "--classifier goes with --learned" in err


def test_view_actor_matches_part_of_a_name_like_the_page(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    save_graph(small_graph(), tmp_path / "g.ttl")
    out = tmp_path / "v.html"
    assert cli_main(["view", str(tmp_path / "g.ttl"), "-o", str(out), "--actor", "kreml", "--hops", "1"]) == 0
    found = re.search(r'id="stancegraph-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.S)
    assert found and json.loads(found.group(1))["settings"]["focus"] == ACTORS["russia"].iri
    assert cli_main(["view", str(tmp_path / "g.ttl"), "-o", str(out), "--actor", "a"]) == 2
    assert "'a' names" in capsys.readouterr().err
