"""Documents through spaCy and the registered extractors to resolved claims, as a map (per document, on this
process, local worker processes or a Dask cluster: ``mapping``, ``cluster``) and a reduce across documents in
input order (``stream``)."""

from extractors.registry import DEFAULT_EXTRACTORS, LEARNED_EXTRACTORS, RULE_EXTRACTORS
from graph.pipeline.stream import Extracted, extract_documents

__all__ = ["DEFAULT_EXTRACTORS", "LEARNED_EXTRACTORS", "RULE_EXTRACTORS", "Extracted", "extract_documents"]
