"""Who says "I" where in a document (``extractors/learned/voices.py``): speaker labels, bylines, quotations."""

from __future__ import annotations

import pytest

from extractors.learned.voices import Speaker, read_voices


@pytest.mark.parametrize(("label", "name"), [
    ("MR. GIBBS", "GIBBS"), ("MR PRICE", "PRICE"), ("SECRETARY BLINKEN", "BLINKEN"),
    ("FOREIGN MINISTER LAVROV", "LAVROV"), ("REPRESENTATIVE WASSERMAN SCHULTZ", "WASSERMAN SCHULTZ"),
    ("QUESTION", None), ("MODERATOR", None), ("THE PRESIDENT", None),
    ("SENIOR STATE DEPARTMENT OFFICIAL ONE", None), ("VESSEL NAME", None),
])
def test_a_turn_s_speaker_is_the_name_after_the_label_s_titles(label: str, name: str | None) -> None:
    text = f"{label}: I back Chile."
    speaker = read_voices(text).speaker_at(text.index("I "))
    assert speaker == (Speaker(label.index(name), len(label), name) if name else None)


def test_a_turn_lasts_until_the_next_label_and_offsets_follow_the_origin() -> None:
    text = "MR. GIBBS: Good.\n\nI back Chile.\n\nQ Do I?\n\nMS. PSAKI: I do."
    voices = read_voices(text, origin=18)  # a Doc that starts at "I back Chile."
    assert voices.speaker_at(0) == Speaker(-14, -9, "GIBBS")
    assert voices.speaker_at(text.index("Do I") + 3 - 18) is None
    assert voices.speaker_at(text.index("I do") - 18) == Speaker(text.index("PSAKI") - 18,
                                                                 text.index("PSAKI") + 5 - 18, "PSAKI")


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
