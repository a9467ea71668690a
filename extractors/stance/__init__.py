"""The rule stance extractor (``stance.v1``): who supports or opposes whom, from the dependency parse.

``rules`` walks each sentence's cues (words of ``data/stance_lexicon.tsv``) to their holder and target;
``slots`` finds the actors in a cue's subject and object slots (voice, relative, purpose and control clauses,
coordination); ``nouns`` reads stance nouns ("Washington's support for Taipei", "sanctions on X"); ``helped``
reads help and aid verbs; ``evaluation`` reads praise and blame in reported speech (``stance.evaluation.v1``).
"""

from extractors.stance.rules import NAME, extract_stance

__all__ = ["NAME", "extract_stance"]
