"""How many documents a build commits to a store at a time; apart from the writer (``chunks``), so the command
line reads it without loading rdflib."""

CHUNK_DOCUMENTS = 256  # documents a transaction holds: a few thousand triples, a fraction of a second to commit
