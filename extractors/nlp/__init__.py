"""The spaCy side before any extractor runs: loading the pipeline once, the actor gazetteer as an entity ruler
(``ruler``), mending names the model cut short (``whole_names``), and telling headlines from sentences
(``headlines``)."""

from extractors.nlp.pipeline import DEFAULT_MODEL, gazetteer_patterns, load_pipeline, mark_paragraphs

__all__ = ["DEFAULT_MODEL", "gazetteer_patterns", "load_pipeline", "mark_paragraphs"]
