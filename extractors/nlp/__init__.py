"""The spaCy side before any extractor runs: loading the pipeline once (``pipeline``; the pipelines we know by
name in ``models``), the actor gazetteer as an entity ruler (``ruler``), mending names the model cut short
(``whole_names``), and telling headlines from sentences (``headlines``).

The package's names are loaded on first use, so ``extractors.nlp.models`` can be read without importing spaCy.
"""

from typing import Any

from extractors.nlp.models import DEFAULT_MODEL

__all__ = ["DEFAULT_MODEL", "gazetteer_patterns", "load_pipeline", "mark_paragraphs"]


def __getattr__(name: str) -> Any:
    if name in ("gazetteer_patterns", "load_pipeline", "mark_paragraphs"):
        from extractors.nlp import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extractors.nlp' has no attribute {name!r}")
