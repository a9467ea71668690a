"""Headline form: text that names an event without asserting it, like a question.

News copy carries two kinds of headline inside the text it reports:

- a title or subheading: a paragraph of its own (a line with a blank line after it, or the first line of the
  document with a line break after it) that does not end in sentence-final punctuation and is short
  ("Russia backs new Syria plan" followed by a blank line and the article);
- a kicker in capitals, often ending in a colon, that introduces a linked story ("SENATOR SLAMS GOVERNOR
  OVER BUDGET:"), on a line of its own or at the start of one.

A stance cue in either is emitted hedged, never as an edge. A one-line document is never a title: sentence
collections have no paragraphs to read, only their capitals. So is a cue in scare quotes, a single word the
writer distances themself from ("Assad's "war" on ISIL is a sham").
"""

from __future__ import annotations

import re
import weakref

from spacy.tokens import Doc, Token

_FINAL = frozenset(".!?;:\u2026")  # sentence-final punctuation (a colon ends a lead-in, not a title)
_CLOSERS = "\"'\u201d\u2019)]\u00bb "  # closing quotes and brackets that may follow the final punctuation
_TITLE_WORDS = 25  # longer unpunctuated lines are broken paragraphs, not titles
_KICKER_WORDS = 3  # fewest capitalised words that make a kicker ("US SLAMS IRAN")
_KICKER_SHARE = 0.8  # share of a segment's words written in capitals
_OPENING = frozenset({'"', "'", "\u201c", "\u2018", "``", "`"})
_CLOSING = frozenset({'"', "'", "\u201d", "\u2019", "''"})
_TEXT = re.compile(r"\S")
_WORD = re.compile(r"[^\W\d_][^\W\d_'\u2019.-]*")
# Each Doc's text, made once: spaCy joins every token's text each time ``doc.text`` is read, which made a long
# document's extraction grow with the square of its length. Entries go with their Doc.
_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def in_headline(token: Token) -> bool:
    """Whether ``token`` sits in a title line or a capitalised kicker.

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> words = ["Iran", "backs", "rebels", "\\n\\n", "Iran", "backs", "rebels", "."]
        >>> doc = Doc(Vocab(), words=words, spaces=[True, True, False, False, True, True, False, False])
        >>> in_headline(doc[1]), in_headline(doc[5])
        (True, False)
    """
    text = _text_of(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    line = text[start : end if end >= 0 else len(text)]
    return _is_kicker(line, token.idx - start) or (end >= 0 and _is_title(text, start, end, line))


def _text_of(doc: Doc) -> str:
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def _is_title(text: str, start: int, end: int, line: str) -> bool:
    """A short line with no final punctuation that stands as a paragraph of its own."""
    stripped = line.strip().rstrip(_CLOSERS)
    if not stripped or stripped[-1] in _FINAL or _TEXT.search(text, end) is None:
        return False
    if len(_WORD.findall(stripped)) > _TITLE_WORDS:
        return False
    first_line = _TEXT.search(text, 0, start) is None
    next_end = text.find("\n", end + 1)
    blank_after = _TEXT.search(text, end + 1, next_end if next_end >= 0 else len(text)) is None
    return first_line or blank_after


def _is_kicker(line: str, offset: int) -> bool:
    """``offset`` falls in the start of ``line`` up to its first colon, and that start is written in capitals
    (a quoted chant after a colon, "chanting: "USA! USA!"", is not a kicker)."""
    seg_end = line.find(":")
    if 0 <= seg_end < offset:
        return False
    words = _WORD.findall(line[: seg_end if seg_end >= 0 else len(line)])
    words = [w for w in words if len(w) >= 2]
    capitals = [w for w in words if w.isupper()]
    return len(capitals) >= _KICKER_WORDS and len(capitals) >= _KICKER_SHARE * len(words)


def scare_quoted(token: Token) -> bool:
    """``token`` alone between quotation marks: "its "support" for X".

    Examples:
        >>> from spacy.tokens import Doc
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["its", "\u201c", "war", "\u201d", "on", "ISIL"])
        >>> scare_quoted(doc[2]), scare_quoted(doc[5])
        (True, False)
    """
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc):
        return False
    return doc[token.i - 1].text in _OPENING and doc[token.i + 1].text in _CLOSING
