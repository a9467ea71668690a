"""Stances of people who speak for an organisation are also the organisation's.

"NATO Secretary General Jens Stoltenberg warned Moscow" is Stoltenberg's stance and, because a secretary
general speaks for the alliance, NATO's. Only roles that speak for the organisation (spokespeople, leaders,
officials; not experts or members) carry the stance over, and only within the sentence that states the role. A
former holder of the post speaks for it no more ("Former Ohio Governor Anna Berg"), and a party or
people adjective ("Republican Representative Tom Hale") says whose member the person is, not that they speak
for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from extractors.lexicon import role_nouns
from extractors.records import Claim

_SPEAKING_ROLES = frozenset({"spokesperson", "leader", "official"})
_LIFTED = 0.8  # factor on confidence for the organisation's copy of a person's stance
_FORMER = frozenset({"former", "ex", "ex-", "retired", "onetime", "then"})


def speaks_for(role: str | None) -> bool:
    """True when a person in ``role`` speaks for the organisation ("secretary general", "spokeswoman").

    Examples:
        >>> speaks_for("senior fellow"), speaks_for("foreign minister")
        (False, True)
    """
    if not role:
        return False
    kinds = role_nouns()
    words = role.lower().split()
    return not _FORMER.intersection(words) and any(kinds.get(word) in _SPEAKING_ROLES for word in words)


def _former(claim: Claim) -> bool:
    """The person is introduced as a former holder of the post ("Former Ohio Governor Anna Berg"), in
    the stretch of the sentence before their name, up to the previous comma or semicolon."""
    before = claim.sentence[: max(0, claim.subject.start - claim.sentence_start)]
    stretch = re.split(r"[,;(]", before)[-1]
    return any(word in _FORMER for word in stretch.lower().split())


def lift_to_organisations(claims: Iterable[Claim]) -> Iterator[Claim]:
    """Yield every claim, plus the organisation's copy of each stance held by someone who speaks for it."""
    claims = list(claims)
    spokes = {(c.sentence_index, c.subject.start): c.object for c in claims
              if c.relation == "affiliated_with" and speaks_for(c.role) and c.object.kind != "NORP"
              and not _former(c)}
    for claim in claims:
        yield claim
        if claim.relation == "affiliated_with" or claim.subject.kind != "PERSON":
            continue
        org = spokes.get((claim.sentence_index, claim.subject.start))
        if org is not None and org.start != claim.object.start:
            yield replace(claim, subject=org, attributed_to=claim.subject,
                          confidence=round(claim.confidence * _LIFTED, 3))
