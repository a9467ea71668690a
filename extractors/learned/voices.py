"""Who says "I": the person a first-person pronoun stands for, read from the document's layout.

A document names the one who says "I" in one of three ways, tried in this order:

- a quotation: "I" inside quotation marks is whoever is quoted, never the writer; the candidates give it the
  person the speech verb names ("'I support the deal,' Smith said") and nobody otherwise;
- a transcript turn: the speaker label that opens a line ("SECRETARY BLINKEN:", "MR. GIBBS:") holds until the
  next label. A reporter's label ("Q", "QUESTION:") or a label that names no one ("MODERATOR:", "SENIOR STATE
  DEPARTMENT OFFICIAL ONE:") gives nobody;
- the byline of a statement without turns: the one line at the top that names a person and a post ("Antony J.
  Blinken, Secretary of State"). Two such lines, or none, give nobody.

The layout is read from the document's text, not its parse, so a sentence parsed apart from its document (the
training examples) reads the same speakers as at run time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.lang.en.lex_attrs import like_num

from extractors.affiliation.rules import honorifics
from extractors.lexicon import role_nouns

# A line that opens a turn: a label in capitals and a colon ("MR. GIBBS:"), or a reporter's bare "Q"
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z.'\u2019\- ]{0,60}?)(?::\s|\s*:$)|^Q(?=[\s:])", re.M)
_BYLINE = re.compile(r"(?P<name>[A-Z][\w.'\u2019\-]*(?: [A-Z][\w.'\u2019\-]*){1,4}), (?P<post>[^,\n]{3,80})")
_TOP_LINE_WORDS = 12  # longer lines at the top are text, not a byline or a place line
_OPEN_QUOTE = "\u201c"
_CLOSE_QUOTE = "\u201d"


@dataclass(frozen=True)
class Speaker:
    """A person's name in the document: character offsets and the text there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Voices:
    """The speakers a document's layout names: each transcript turn's label (its start and end in ``text``) and
    its speaker (None for a reporter or an unnamed label), or else the byline's person. A speaker's offsets, and
    those the methods take, are relative to ``origin``, where the parsed Doc's text starts in ``text``."""

    text: str
    turns: tuple[tuple[int, int, Speaker | None], ...]  # the label ("MR. GIBBS", "QUESTION", "Q") and who speaks
    byline: Speaker | None
    origin: int = 0

    def speaker_at(self, offset: int) -> Speaker | None:
        """The person who says "I" at ``offset`` (relative to ``origin``), outside quotation marks."""
        if not self.turns:
            return self.byline
        at = bisect_right(self.turns, offset + self.origin, key=lambda turn: turn[0]) - 1
        return self.turns[at][2] if at >= 0 else None

    def in_label(self, start: int, end: int) -> bool:
        """Whether ``start``-``end`` (relative to ``origin``) is layout in a turn's label, not an actor: in a label
        that names a person, anything but the name (the "MR" of "MR. PRICE" the parser may tag as a place); a
        one-word label that names nobody ("QUESTION", "MODERATOR"). A longer line in capitals that names nobody may
        be a headline ("TURKEY CONDEMNS ISRAEL:"), whose names stay."""
        at = bisect_right(self.turns, start + self.origin, key=lambda turn: turn[0]) - 1
        if at < 0 or end + self.origin > self.turns[at][1]:
            return False
        label_start, label_end, speaker = self.turns[at]
        if speaker is None:
            return " " not in self.text[label_start:label_end]
        return not (speaker.start <= start and end <= speaker.end)

    def quoted(self, offset: int) -> bool:
        """Whether ``offset`` (relative to ``origin``) lies inside quotation marks opened in its paragraph."""
        end = offset + self.origin
        before = self.text[self.text.rfind("\n\n", 0, end) + 1 : end]
        curly = before.count(_OPEN_QUOTE) - before.count(_CLOSE_QUOTE)
        return curly > 0 or before.count('"') % 2 == 1


def read_voices(text: str, origin: int = 0) -> Voices:
    """The speakers of a document ``text``, for a Doc whose text starts at ``origin`` in it. A label's speaker is
    the name after its titles ("GIBBS" of "MR. GIBBS"), the words the parser tags as the person.

    Examples:
        >>> voices = read_voices("MR. GIBBS: I agree.\\n\\nQ Do I?\\n\\nMR. GIBBS: Yes.")
        >>> voices.speaker_at(11), voices.speaker_at(24), voices.speaker_at(40)
        (Speaker(start=4, end=9, text='GIBBS'), None, Speaker(start=34, end=39, text='GIBBS'))
        >>> read_voices("Antony J. Blinken, Secretary of State\\n\\nI congratulate Chile.").speaker_at(45)
        Speaker(start=0, end=17, text='Antony J. Blinken')
    """
    turns = []
    for match in _LABEL.finditer(text):
        label = match.group("label")
        name = _name_in(label) if label is not None else None
        start = match.start() - origin
        speaker = Speaker(start + name[0], start + name[1], label[name[0] : name[1]]) if name is not None else None
        turns.append((match.start(), match.start() + len(label or "Q"), speaker))
    return Voices(text, tuple(turns), None if turns else _byline(text, origin), origin)


def _name_in(label: str) -> tuple[int, int] | None:
    """Where the name is in a label that names a person: after a title or an honorific, to the end ("MR.
    GIBBS", "FOREIGN MINISTER LAVROV"); None for a label that ends with a title or a number ("THE PRESIDENT",
    "SENIOR OFFICIAL ONE") or has no title ("Q", "QUESTION", "MODERATOR")."""
    words = list(re.finditer(r"\S+", label))
    titles = honorifics() | role_nouns().keys()
    titled = [k for k, w in enumerate(words) if w.group().strip(".").lower() in titles]
    if not titled or titled[-1] == len(words) - 1:
        return None
    last = words[-1].group().lower()
    if like_num(last):  # type: ignore[no-untyped-call]
        return None
    return words[titled[-1] + 1].start(), words[-1].end()


def _byline(text: str, origin: int) -> Speaker | None:
    """The one person named with a post in the short lines that open ``text``, or None."""
    found = []
    position = 0
    for line in text.split("\n"):
        if len(line.split()) > _TOP_LINE_WORDS:
            break
        match = _BYLINE.fullmatch(line.strip())
        if match and any(w.strip(".").lower() in role_nouns() for w in match.group("post").split()):
            start = position + line.index(match.group("name"))
            found.append(Speaker(start - origin, start + len(match.group("name")) - origin, match.group("name")))
        position += len(line) + 1
    return found[0] if len(found) == 1 else None
