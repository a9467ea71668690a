"""The rule affiliation extractor (``affiliation.v1``): which person works for or speaks for which organisation.

``rules`` is the extractor; ``roles`` reads titles and role nouns ("Foreign Minister X", "X, a spokesman for Y");
``posts`` knows the posts and portfolios; ``links`` joins a person to the organisation a role names;
``party`` reads party membership ("X, a Labour MP", "Republican Senator X").
"""

from extractors.affiliation.rules import NAME, extract_affiliation

__all__ = ["NAME", "extract_affiliation"]
