"""NLP side of stancegraph: spaCy pipelines and extractors that turn a Doc into claims.

Nothing here imports rdflib; records cross into ``graph`` as frozen dataclasses.
"""

from extractors.records import Claim, Mention
from extractors.registry import get_extractor, list_extractors

__all__ = ["Claim", "Mention", "get_extractor", "list_extractors"]
