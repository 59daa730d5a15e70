"""Words as the question box reads them: tokens and stems (no Qt, no search).

The search (:mod:`kiosk.search.text`) and the content checks
(:func:`kiosk.content.checks.stem_clashes`) read words the same way, from here:

1. tokens: runs of letters and digits of folded text (:func:`kiosk.content.markup.fold`);
2. stems: the Snowball stemmer of the language (English "cramps", "cramping" ->
   "cramp"; Spanish "calambres" -> "calambr"), named by its entry in
   :data:`kiosk.content.registry.LANGUAGES`. A language without one keeps its words
   whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from kiosk.content.registry import LANGUAGES

__all__ = ["stemmer", "tokens"]

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
