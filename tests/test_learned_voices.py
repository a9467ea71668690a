"""Who says "I" where in a document (``extractors/learned/voices.py``): speaker labels, bylines, quotations."""

from __future__ import annotations

import pytest

from extractors.learned.voices import Speaker, read_voices


@pytest.mark.parametrize(("label", "named"), [
    ("MR. GIBBS", True), ("MR PRICE", True), ("SECRETARY BLINKEN", True), ("FOREIGN MINISTER LAVROV", True),
    ("QUESTION", False), ("MODERATOR", False), ("THE PRESIDENT", False),
    ("SENIOR STATE DEPARTMENT OFFICIAL ONE", False), ("VESSEL NAME", False),
])
def test_a_turn_has_a_speaker_only_when_its_label_ends_with_a_name(label: str, named: bool) -> None:
    text = f"{label}: I back Chile."
    speaker = read_voices(text).speaker_at(text.index("I "))
    assert (speaker.text if speaker else None) == (label if named else None)


def test_a_turn_lasts_until_the_next_label_and_offsets_follow_the_origin() -> None:
    text = "MR. GIBBS: Good.\n\nI back Chile.\n\nQ Do I?\n\nMS. PSAKI: I do."
    voices = read_voices(text, origin=18)  # a Doc that starts at "I back Chile."
    assert voices.speaker_at(0) == Speaker(-18, -9, "MR. GIBBS")
    assert voices.speaker_at(text.index("Do I") + 3 - 18) is None
    assert voices.speaker_at(text.index("I do") - 18) == Speaker(text.index("MS.") - 18, text.index(":", 45) - 18,
                                                                 "MS. PSAKI")


def test_a_byline_counts_only_without_turns_and_only_with_a_post() -> None:
    assert read_voices("Ned Price, Department Spokesperson\n\nI welcome this.").speaker_at(40) == Speaker(0, 9,
                                                                                                     "Ned Price")
    assert read_voices("Kangerlussuaq, Greenland\n\nI welcome this.").speaker_at(30) is None
    assert read_voices("Ned Price, Department Spokesperson\n\nQUESTION: Do I?").speaker_at(49) is None


def test_quotation_marks_opened_earlier_in_the_paragraph_still_hold() -> None:
    text = "Berg said: \u201cThe deal is good. I back it.\u201d Then I left.\n\nI stayed."
    voices = read_voices(text)
    assert voices.quoted(text.index("I back"))
    assert not voices.quoted(text.index("I left"))
    assert not voices.quoted(text.index("I stayed"))
    assert read_voices('He said "I back it" and I agree.').quoted(9)
