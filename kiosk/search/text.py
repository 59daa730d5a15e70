"""Words for searching: folding, tokens, stems and general word frequencies (no Qt).

The index and the questions go through the same steps, so that what a patient types
meets what the bundle says:

1. fold: lower case, accents removed ("Diurético" -> "diuretico"), as patients type
   on a kiosk keyboard without accents;
2. tokens: runs of letters and digits;
3. stems: the Snowball stemmer of the language (English "cramps", "cramping" ->
   "cramp"; Spanish "calambres" -> "calambr"). snowballstemmer is pure Python and the
   stemmer Sphinx uses; it has both our languages and many more. Tokens and stems are
   :mod:`kiosk.content.stems`' (the content checks read the bundle's words as the
   search does).

The stemmer's name of each language is its entry in
:data:`kiosk.content.registry.LANGUAGES`.

A language without a stemmer still works: its words are matched whole.

There is no list of stop words: how much a word says is how rare it is, in the
library (BM25's idf) and in the language at large (:func:`general_frequencies`).
"""

from __future__ import annotations

import re
from functools import cache

from kiosk.content.markup import fold, plain_text
from kiosk.content.registry import base_language
from kiosk.content.stems import stemmer, tokens

__all__ = ["base_language", "fold", "general_frequencies", "markup_words", "stemmer", "tokens"]

_CITATION_ON_ONE_LINE = re.compile(r"\[\d+(?:[ \t]*,[ \t]*\d+)*\]")
_MAY_BE_A_STEP = re.compile(r"\d\.")  # "1. Stand up.": its number is no word of it


def markup_words(text: str) -> list[str]:
    """The words of a bundle's text in its markup, folded: ``tokens(fold(plain_text(text)))``
    (citations and a numbered step's number are no words), without parsing the markup
    when the words are the same either way (a library's index reads every passage).

    Without emphasis (``*``) or a step's number, the markup's words are the text's once
    its citations are gone: lines, paragraphs and list items are joined with spaces,
    which part no other words; a citation over lines takes the parser's way.
    """
    if "*" not in text and not _MAY_BE_A_STEP.search(text):
        bare = _CITATION_ON_ONE_LINE.sub("", text)
        if "[" not in bare:
            return tokens(fold(bare))
    return tokens(fold(plain_text(text)))


def general_frequencies(language: str) -> dict[str, float]:
    """How common each word of ``language`` is in general use, as a Zipf value (6 or
    more: "the", "que"; 3: "cramp"; 0: unknown), folded like questions ("que" and "qué"
    are one word, the most common kept). From ``wordfreq``'s lists, which are built from
    many kinds of text (subtitles, web, books, social media), so that everyday and
    misspelled forms ("alot", "cuz") are in them too. Empty for a language it lacks.

    Read once per language and kept: general language data, never a visitor's words
    (wordfreq's own ``word_frequency`` keeps a cache of the words looked up, so the
    search never calls it with a question's words).
    """
    return _general(language)


# the accented letters of the Latin alphabet, folded at once (others go through fold)
_PLAIN = str.maketrans(
    "àáâãäåèéêëìíîïòóôõöùúûüýÿñç",
    "aaaaaaeeeeiiiiooooouuuuyync",
    "'\u2019",
)


@cache
def _general(language: str) -> dict[str, float]:
    from wordfreq import available_languages, get_frequency_list

    if language not in available_languages():
        return {}
    out: dict[str, float] = {}
    # bucket n holds the words of frequency 10^(-n/100), i.e. Zipf 9 - n/100
    for bucket, words in enumerate(get_frequency_list(language, wordlist="best")):
        zipf = 9 - bucket / 100
        for word in words:
            if not (word.isascii() and word.isalnum()):  # "qué", "don't"
                word = word.translate(_PLAIN)
                if not word.isascii():
                    word = fold(word)
            if word not in out:  # the commonest spelling first
                out[word] = zipf
    return out
