"""Words for searching: folding, tokens, stop words and stems per language (no Qt).

The index and the questions go through the same steps, so that what a patient types
meets what the bundle says:

1. fold: lower case, accents removed ("Diurético" -> "diuretico"), as patients type
   on a kiosk keyboard without accents;
2. tokens: runs of letters and digits;
3. stop words dropped ("what", "do", "i"; "qué", "me", "los");
4. stems: the Snowball stemmer of the language (English "cramps", "cramping" ->
   "cramp"; Spanish "calambres" -> "calambr"). snowballstemmer is pure Python and the
   stemmer Sphinx uses; it has both our languages and many more.

The stemmer's name and the stop words of each language are its entry in
:data:`kiosk.content.registry.LANGUAGES`.

A language without a stemmer still works: its words are matched whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from kiosk.content.markup import fold
from kiosk.content.registry import LANGUAGES, base_language

__all__ = ["base_language", "content_words", "fold", "stemmer", "tokens"]

_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(folded: str) -> list[str]:
    """The words of folded text."""
    return _TOKEN.findall(folded)


@cache
def stemmer(language: str) -> Callable[[str], str]:
    """The stemmer of ``language`` (a word maps to itself when there is none).

    It keeps no memory of the words it has seen: a visitor's question must not outlive
    the visit, so the stemmer's own cache (snowballstemmer before 3, and PyStemmer,
    which it uses when installed, keep 10,000 words) is switched off. The index keeps
    its own table of the bundle's words instead.
    """
    entry = LANGUAGES.get(language)
    name = entry.stemmer if entry is not None else None
    if name is None:
        return str
    import snowballstemmer

    algorithm = snowballstemmer.stemmer(name)
    if hasattr(algorithm, "maxCacheSize"):
        algorithm.maxCacheSize = 0
    stem_word = algorithm.stemWord

    def stem(word: str) -> str:
        return str(stem_word(word))

    return stem


def content_words(words: Iterable[str], language: str) -> list[str]:
    """``words`` without the language's stop words (folded words in, folded words out)."""
    entry = LANGUAGES.get(language)
    stop = entry.stop_words if entry is not None else frozenset()
    return [w for w in words if w not in stop]
