"""The English parse: the look-up attribute ruler and numpy's matrix products give exactly the stock
pipeline's tokens, and the extractor parses only the sentences it reads."""

from __future__ import annotations

from typing import Any, cast

import pytest
from conftest import SEEDS
from spacy.pipeline import AttributeRuler, Tok2Vec
from spacy.tokens import Doc
from thinc.api import Model

from bot.pipeline.extract import Extractor, _worth_parsing
from bot.pipeline.numbers import find_numbers
from bot.pipeline.parse import SPACY_MODEL, EnglishParser, FastAttributeRuler, UnsupportedRule

# Every kind of rule of the model's ruler: tag rules, word-and-tag exceptions, the two-word exceptions
# ("gonna", "c'mon", "let's", "y'all", "ain't") and the "there is" rule that reads the dependency label.
TEXTS = [
    (SEEDS / "rt-pow-exchange-2024-01-31.txt").read_text(encoding="utf-8"),
    "Y'all gonna see it, c'mon. There are 5 left and there is one more.",
    "Let's go: we ain't done, I gotta run.",
    "The ministry said 1,280,000 people – about 12% of them children – had left by Tuesday, didn't it?",
    "“We have 40 of ours home,” she wrote on Telegram.   It's a start; they'd hoped for more.\n\nOK.",
    "",
    "   ",
]


def _uses_blis(model: Model) -> list[bool]:
    """Per layer: multiplies with BLIS? (`use_blis` belongs to thinc's NumpyOps, which has no type stubs.)"""
    return [bool(cast(Any, node.ops).use_blis) for node in model.walk()]


def _tokens(parsed: Doc) -> list[tuple[str, str, str, str, str, str, int]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in parsed]


def test_the_look_up_ruler_and_numpy_products_give_the_stock_pipelines_tokens(extractor: Extractor) -> None:
    import spacy

    stock = spacy.load(SPACY_MODEL, exclude=["ner"])
    fast = extractor.parser
    assert any(isinstance(step, FastAttributeRuler) for step in fast._after), "the stock ruler is in use"
    # Ours multiplies with numpy, the stock pipeline with BLIS: the tokens below must not tell them apart.
    ours_tok2vec, stock_tok2vec = fast.nlp.get_pipe("tok2vec"), stock.get_pipe("tok2vec")
    assert isinstance(ours_tok2vec, Tok2Vec) and isinstance(stock_tok2vec, Tok2Vec)
    assert not any(_uses_blis(ours_tok2vec.model))
    assert all(_uses_blis(stock_tok2vec.model))
    for text in TEXTS:
        for paragraph in text.split("\n\n"):
            (ours,) = fast.pipe([paragraph])
            assert _tokens(ours) == _tokens(stock(paragraph)), paragraph[:60]


def test_a_ruler_it_cannot_read_is_refused() -> None:
    with pytest.raises(UnsupportedRule):
        FastAttributeRuler([{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}}], [{}])
    with pytest.raises(UnsupportedRule):
        FastAttributeRuler([{"patterns": [[{"SHAPE": "dd"}]], "attrs": {"POS": "NUM"}}], [{}])


def test_stock_ruler_stays_when_the_look_up_one_cannot_read_it() -> None:
    import spacy

    nlp = spacy.load(SPACY_MODEL, exclude=["ner"])
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"TAG": "NN", "OP": "+"}]], {"POS": "NOUN"})
    parser = EnglishParser(nlp)
    assert parser._after == []
    assert "attribute_ruler" in nlp.pipe_names
    (doc,) = parser.pipe(["Officials counted 12 boats."])
    assert [t.pos_ for t in doc][:2] == ["NOUN", "VERB"]


def test_only_sentences_near_a_figure_or_naming_someone_are_parsed() -> None:
    paragraph = (
        "Rain fell all night. Roads were shut. Crews were out early. "
        "Officials said 12 people were hurt. Schools stayed closed. Maria Lopez visited the shelters."
    )
    kept = _worth_parsing(paragraph, find_numbers(paragraph, "en"))
    assert len(kept) == len(paragraph)  # offsets are kept
    assert "Rain fell" not in kept and "Schools" not in kept
    assert "Roads were shut. Crews were out early. Officials said 12 people were hurt." in kept
    assert "Maria Lopez visited the shelters." in kept


def test_a_paragraph_without_figures_or_names_is_not_parsed_at_all() -> None:
    paragraph = "Rain fell all night. Roads were shut."
    assert _worth_parsing(paragraph, []).strip() == ""
