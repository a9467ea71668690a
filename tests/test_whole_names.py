"""Names the entity recogniser cut short ("the Office of the" + "UN", "Basel al-" + "Assad International Airport")
are mended after ``ner``: rule tests on hand-set entities, then through the real pipeline."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.nlp.whole_names import join_cut_names
from graph.pipeline import RULE_EXTRACTORS, extract_documents
from graph.readers.documents import Document
from graph.resolve.resolver import Resolver


def ents(text: str, *spans: tuple[str, str]) -> list[tuple[str, str]]:
    """Entities of ``text`` after mending, given the entities (text, label) the recogniser left, in order."""
    doc = English()(text)
    found: list[Span] = []
    for part, label in spans:
        start = text.index(part, found[-1].end_char if found else 0)
        span = doc.char_span(start, start + len(part), label=label)
        assert span is not None, part
        found.append(span)
    doc.ents = found
    return [(e.text, e.label_) for e in join_cut_names(doc).ents]


def test_a_name_cut_at_of_the_joins_the_next_entity_and_its_title_case_words() -> None:
    assert ents("a spokeswoman for the Office of the UN High Commissioner for Human Rights said",
                ("the Office of the", "ORG"), ("UN", "ORG")) == \
        [("the Office of the UN High Commissioner for Human Rights", "ORG")]


def test_a_name_cut_at_a_particle_takes_the_label_of_its_last_part() -> None:
    assert ents("flights landed at Basel al-Assad International Airport near Latakia",
                ("Basel al-", "PERSON"), ("Assad International Airport", "FAC"), ("Latakia", "GPE")) == \
        [("Basel al-Assad International Airport", "FAC"), ("Latakia", "GPE")]


def test_a_place_before_the_rest_of_an_institution_name_is_part_of_it() -> None:
    assert ents("a fellow at the Tel Aviv Strategic Forum said", ("Tel Aviv", "GPE"), ("Strategic Forum", "ORG")) \
        == [("Tel Aviv Strategic Forum", "ORG")]
    assert ents("Tel Aviv Strategic talks", ("Tel Aviv", "GPE")) == [("Tel Aviv", "GPE")]
    assert ents("in Tel Aviv the Forum met", ("Tel Aviv", "GPE"), ("the Forum", "ORG")) == \
        [("Tel Aviv", "GPE"), ("the Forum", "ORG")]


def test_a_dangling_word_with_nothing_to_join_is_dropped() -> None:
    assert ents("officials at the Ministry of said nothing", ("the Ministry of", "ORG")) == \
        [("the Ministry", "ORG")]


def test_a_title_cut_at_of_is_dropped_and_the_place_kept() -> None:
    assert ents("Carol reigned as King of Romania from 1930", ("King of", "GPE"), ("Romania", "GPE")) == \
        [("Romania", "GPE")]
    assert ents("the Prime Minister of Spain said", ("the Prime Minister of", "ORG"), ("Spain", "GPE")) == \
        [("Spain", "GPE")]


def test_a_person_or_a_date_after_the_cut_is_never_joined() -> None:
    assert ents("the Office of the Ingrid Solberg said", ("the Office of the", "ORG"), ("Ingrid Solberg", "PERSON")) \
        == [("the Office", "ORG"), ("Ingrid Solberg", "PERSON")]
    assert ents("a report for the Council of Friday", ("the Council of", "ORG"), ("Friday", "DATE")) == \
        [("the Council", "ORG"), ("Friday", "DATE")]


def test_whole_names_and_lower_case_words_after_them_are_left_alone() -> None:
    assert ents("the Council of the European Union met in Brussels", ("Council of the European Union", "ORG"),
                ("Brussels", "GPE")) == [("Council of the European Union", "ORG"), ("Brussels", "GPE")]
    assert ents("troops of the US-led coalition", ("US", "GPE")) == [("US", "GPE")]


def test_a_text_without_entities_is_left_alone() -> None:
    assert ents("nothing named here") == []


def test_a_name_never_runs_into_the_next_sentence() -> None:
    doc = English()("He spoke for the Office of the. Reuters reported it")
    doc.ents = [Span(doc, 3, 7, "ORG"), Span(doc, 8, 9, "ORG")]
    for token in doc:
        token.is_sent_start = token.i in (0, 8)
    assert [(e.text, e.label_) for e in join_cut_names(doc).ents] == [("the Office", "ORG"), ("Reuters", "ORG")]


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "label"), [
    ("Ingrid Solberg, a spokeswoman for the Office of the UN Special Envoy for Syria, said talks would resume.",
     "the Office of the UN Special Envoy for Syria", "ORG"),
    ("Flights resumed at Basel al-Assad International Airport near Latakia.",
     "Basel al-Assad International Airport", "FAC"),
])
def test_the_pipeline_keeps_names_the_gazetteer_cut_whole(nlp: Language, text: str, name: str, label: str) -> None:
    doc: Doc = nlp(text)
    assert (name, label) in [(e.text, e.label_) for e in doc.ents]
    assert not any(e.text.endswith((" of the", " al-", " of")) for e in doc.ents)


@pytest.mark.model
def test_the_spokeswoman_is_affiliated_with_the_whole_office() -> None:
    text = ('"We are asking all parties to engage," said Ingrid Solberg, a spokeswoman for the Office of the UN '
            "Special Envoy for Syria. Jets flew from Basel al-Assad International Airport.")
    resolver = Resolver()
    claims = next(extract_documents([Document(id="d", text=text)], resolver, extractors=RULE_EXTRACTORS)).claims
    assert [(c.subject.label, c.object.label) for c in claims if c.relation == "affiliated_with"] == \
        [("Ingrid Solberg", "Office of the UN Special Envoy for Syria")]
    assert not any(a.label == "Office of the" or a.label.startswith("Basel") for a in resolver.actors.values())


@pytest.mark.model
def test_an_untagged_institution_name_keeps_the_place_it_begins_with() -> None:
    text = "Israel keeps a hotline to Moscow, said Miriam Shalev, a fellow at the Tel Aviv Strategic Forum."
    claims = next(extract_documents([Document(id="d", text=text)], Resolver(), extractors=RULE_EXTRACTORS)).claims
    assert [(c.subject.label, c.object.label) for c in claims if c.relation == "affiliated_with"] == \
        [("Miriam Shalev", "Tel Aviv Strategic Forum")]


@pytest.mark.model
def test_a_mended_party_name_right_before_a_name_is_the_persons_party() -> None:
    text = "The victorious candidate was Liberal Party of Canada Frank Oliver ."
    claims = next(extract_documents([Document(id="d", text=text)], Resolver(), extractors=RULE_EXTRACTORS)).claims
    assert [(c.subject.label, c.object.label) for c in claims if c.relation == "affiliated_with"] == \
        [("Frank Oliver", "Liberal Party of Canada")]
