"""Extractors are found through the entry-point group ``stancegraph.extractors``: ours, and one that a
throw-away distribution declares, built in a temporary folder and put on ``sys.path`` (nothing is installed)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from extractors.errors import UnknownExtractorError
from extractors.registry import get_extractor, list_extractors


def _distribution(root: Path, name: str, entry: str, module_source: str) -> None:
    """A minimal installed-looking distribution: a module and a ``.dist-info`` with its entry points."""
    (root / f"{name}.py").write_text(textwrap.dedent(module_source), encoding="utf-8")
    info = root / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[stancegraph.extractors]\n{entry}\n", encoding="utf-8")


def _python(code: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env={"PYTHONPATH": str(path), "PATH": ""}, check=False)


def test_our_extractors_are_declared_as_entry_points() -> None:
    assert {"stance.v1", "affiliation.v1"} <= set(list_extractors())
    assert get_extractor("affiliation.v1").__module__ == "extractors.affiliation.rules"


def test_an_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(UnknownExtractorError, match=r"no extractor named 'stance\.v9'; registered: .*stance\.v1"):
        get_extractor("stance.v9")


def test_a_third_party_distribution_adds_an_extractor(tmp_path: Path) -> None:
    _distribution(tmp_path, "toy_extractor", "toy.v1 = toy_extractor:extract_toy", """
        from extractors.records import Claim, Mention

        def extract_toy(doc, doc_id):
            first, second = doc.ents[0], doc.ents[1]
            yield Claim(doc_id, 0, doc.text, 0, "supports", Mention(first.text, first.start_char, first.end_char),
                        Mention(second.text, second.start_char, second.end_char), "toy", "toy.v1", 0.5)
    """)
    done = _python("""
        import spacy
        from spacy.tokens import Doc, Span
        from extractors.registry import get_extractor, list_extractors
        nlp = spacy.blank("en")
        doc = Doc(nlp.vocab, words=["Norway", "likes", "Chile"])
        doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 2, 3, "GPE")]
        claim, = get_extractor("toy.v1")(doc, "d1")
        print("toy.v1" in list_extractors(), claim.subject.text, claim.relation, claim.object.text)
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "Norway", "supports", "Chile"]


def test_two_distributions_declaring_one_name_differently_is_an_error(tmp_path: Path) -> None:
    _distribution(tmp_path, "clash_one", "stance.v1 = clash_one:f", "def f(doc, doc_id):\n    return iter(())\n")
    done = _python("""
        from extractors.registry import get_extractor
        get_extractor("stance.v1")
    """, tmp_path)
    assert done.returncode != 0
    assert "extractor 'stance.v1' is declared twice" in done.stderr
