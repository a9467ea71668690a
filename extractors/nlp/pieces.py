"""Texts longer than the pipeline's ``max_length`` parsed in pieces and joined back into one ``Doc``.

spaCy refuses a text over ``nlp.max_length`` (error E088: the parser's memory grows with the text). Such a text is
cut at paragraph breaks (else at line breaks, sentence ends or spaces) into pieces of at most ``PIECE_CHARS``
characters, the pieces are parsed as ordinary texts, and ``Doc.from_docs`` joins them without adding anything, so
the joined ``Doc``'s text is the document's own and every character offset in it is an offset into that text.
A text within ``max_length`` is parsed whole, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["PIECE_CHARS", "pipe_pieces", "split_text"]

# An over-long text is parsed in pieces of at most this many characters. nlp.pipe parses a batch of pieces at
# once, so a batch holds at most batch_size x PIECE_CHARS characters (320,000 at 32), less than one text of
# max_length parsed whole: memory stays within what any text spaCy accepts may take, however long the text.
PIECE_CHARS = 10_000

# Where a text may be cut, best first: after a blank line, a line break, a sentence's end, any space. The cut
# falls after the whitespace, so each piece keeps the whitespace that ends it.
_CUTS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"),
         re.compile(r"\s+"))

Context = TypeVar("Context")


def split_text(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it exactly, each cut at the
    last paragraph break within reach (else the last line break, sentence end or space; a run of ``limit``
    characters without any is cut where it must).

    Examples:
        >>> split_text("Iran backs Hezbollah.\\n\\nTurkey opposes the YPG. Russia backs Syria.", 30)
        ['Iran backs Hezbollah.\\n\\n', 'Turkey opposes the YPG. ', 'Russia backs Syria.']
        >>> "".join(split_text("x" * 25, 10)) == "x" * 25
        True
    """
    if limit < 1:
        raise ValueError(f"limit must be 1 or more, not {limit}")
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((last.end() for pattern in _CUTS if (last := _last(pattern, window)) is not None), limit)
        pieces.append(text[start:start + cut])
        start += cut
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def _last(pattern: re.Pattern[str], window: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(window):  # noqa: B007  (the last match is the one wanted)
        pass
    return found


def pipe_pieces(nlp: Language, stream: Iterable[tuple[str, Context]], batch_size: int = 32,
                n_process: int = 1) -> Iterator[tuple[Doc, Context]]:
    """``nlp.pipe(stream, as_tuples=True, batch_size=..., n_process=...)``, except that a text longer than
    ``nlp.max_length`` is parsed in pieces (``split_text``, at most ``PIECE_CHARS`` characters each) and comes
    out as one ``Doc`` of the whole text, in its place in the stream. Lazy: one text's pieces are held at a time.

    Examples:
        >>> from spacy.lang.en import English
        >>> nlp = English()
        >>> nlp.max_length = 20
        >>> text = "Iran backs Hezbollah.\\n\\nTurkey opposes the YPG."
        >>> [(doc.text == text, doc[5].text, doc[5].idx, ctx) for doc, ctx in pipe_pieces(nlp, [(text, "a")])]
        [(True, 'Turkey', 23, 'a')]
    """
    whole = nlp.max_length
    limit = min(whole, PIECE_CHARS)

    def pieces() -> Iterator[tuple[str, tuple[Context, int, int]]]:
        for text, context in stream:
            parts = [text] if len(text) <= whole else split_text(text, limit)
            for index, part in enumerate(parts):
                yield part, (context, index, len(parts))

    held: list[Doc] = []
    for doc, (context, index, count) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size,
                                                 n_process=n_process):
        if count == 1:
            yield doc, context
            continue
        held.append(doc)
        if index == count - 1:
            joined = Doc.from_docs(held, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
            held = []
            yield joined, context
