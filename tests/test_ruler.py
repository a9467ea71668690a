"""The gazetteer ruler finds the entities spaCy's own EntityRuler finds with the same patterns, though it runs
its token patterns only on the runs of tokens that could match."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.language import Language

from extractors.nlp.pipeline import gazetteer_patterns

TEXTS = [
    "Avi Carmeli, a spokesman for the Israel Defense Forces, said the strikes were a warning.",
    "The Japan Self-Defense Forces and the United States Armed Forces held drills near King Fahd International "
    "Airport.",
    "Analysts at the Washington Institute for Near East Policy and the Moscow Carnegie Center disagreed.",
    "Carnegie Moscow Center fellows wrote in The Washington Post and the Times of Israel.",
    "Protesters gathered in Tahrir Square, outside Al-Shifa Hospital and on Rustaveli Avenue.",
    "Russia, Iran and Turkey met in Astana; the Kremlin said Moscow backs Damascus.",
    "Airport staff in Iran struck",  # a head word with no name before it
    "Heathrow Airport",  # a match that is the whole text
    "flights left from Heathrow Airport",  # a match that ends the text
    "US Central Command said the U.S. Armed Forces and the Pakistan Security Forces would talk.",
    "PAKISTAN ARMED FORCES SAY NOTHING\n\nThe Pakistan Armed Forces said nothing.",
    "a naval base, the Tartus Naval Base of the Russian Navy, and Hmeimim Air Base of Syria",
]


def _pipeline(factory: str) -> Language:
    nlp = English()
    config = {"phrase_matcher_attr": "ORTH", "overwrite_ents": True} if factory == "entity_ruler" else {}
    nlp.add_pipe(factory, config=config).add_patterns(gazetteer_patterns())
    return nlp


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    return _pipeline("entity_ruler"), _pipeline("stancegraph_gazetteer_ruler")


@pytest.mark.parametrize("text", TEXTS)
def test_the_same_entities_as_spacys_entity_ruler(pipelines: tuple[Language, Language], text: str) -> None:
    spacy_ruler, ours = pipelines
    expected = [(e.start, e.end, e.label_, e.ent_id_) for e in spacy_ruler(text).ents]
    assert [(e.start, e.end, e.label_, e.ent_id_) for e in ours(text).ents] == expected
    assert expected  # every text names something, so the comparison is not empty == empty


def test_a_token_spec_it_cannot_bound_is_refused() -> None:
    nlp = English()
    ruler = nlp.add_pipe("stancegraph_gazetteer_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": [{"POS": "PROPN"}, {"LOWER": "group"}]}])
    with pytest.raises(ValueError, match="POS"):
        nlp("the Wagner group")


def test_the_official_pipeline_name_loads_the_reupload() -> None:
    from extractors.nlp.pipeline import DEFAULT_MODEL, load_pipeline

    assert load_pipeline("en_core_web_sm").meta["name"] == load_pipeline(DEFAULT_MODEL).meta["name"]
