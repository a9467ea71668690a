"""The actor knowledge base: states, international organisations, parties, politicians, armed groups and
government bodies from openly licensed sources (``extractors.kb.build``), plus a hand-written overlay.

At run time only ``load_kb`` and its records are needed; the source readers run when the KB is rebuilt.
"""

from extractors.kb.actors import KbActor, KnowledgeBase, load_kb, name_key

__all__ = ["KbActor", "KnowledgeBase", "load_kb", "name_key"]
