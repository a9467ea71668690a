"""Inputs -> ``Document`` records: text, Markdown, HTML (``html``) and JSONL files, directories and stdin."""

from graph.readers.documents import Document, looks_english, read_documents

__all__ = ["Document", "looks_english", "read_documents"]
