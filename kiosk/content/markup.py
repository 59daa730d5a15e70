"""The small inline markup of content text, parsed into blocks (no HTML, ever).

- a blank line separates paragraphs;
- a line that starts with ``- `` is a list item; one that starts with a number and a
  full stop (``1. ``) is an item of a numbered list (steps to follow in order);
- ``*words*`` is emphasis, ``**words**`` is strong;
- ``[1]`` or ``[1, 2]`` cites references by number.

Anything else, ``<b>`` included, is text and is shown exactly as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CITATION",
    "Block",
    "Cite",
    "Emphasis",
    "Inline",
    "ListBlock",
    "Paragraph",
    "Strong",
    "Text",
    "citations",
    "fold",
    "parse",
    "plain_text",
]

_STEP = re.compile(r"(\d{1,2})\.\s+(\S.*)")  # "1. Stand up." : an item of a numbered list
_TIGHT = re.compile(r" ([.,;:!?])")  # no space before punctuation left by a removed citation
CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_INLINE = re.compile(r"\*\*(?P<strong>[^*\n]+?)\*\*|\*(?P<em>[^*\s][^*\n]*?)\*|" + CITATION.pattern)


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    text: str


@dataclass(frozen=True, slots=True)
class Cite:
    numbers: tuple[int, ...]


Inline = Text | Emphasis | Strong | Cite


@dataclass(frozen=True, slots=True)
class Paragraph:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[tuple[Inline, ...], ...]
    numbered: bool = False  # steps in order ("1. ", "2. "), shown with their numbers


Block = Paragraph | ListBlock


def citations(text: str) -> list[tuple[int, int]]:
    """Every cited number with its character offset in ``text``, in order."""
    found = []
    for match in CITATION.finditer(text):
        for number in match.group(1).split(","):
            found.append((int(number), match.start()))
    return found


def parse_inline(text: str) -> tuple[Inline, ...]:
    out: list[Inline] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            out.append(Text(text[pos : match.start()]))
        if match.group("strong") is not None:
            out.append(Strong(match.group("strong")))
        elif match.group("em") is not None:
            out.append(Emphasis(match.group("em")))
        else:
            out.append(Cite(tuple(int(n) for n in match.group(3).split(","))))
        pos = match.end()
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


def parse(text: str) -> tuple[Block, ...]:
    """Split ``text`` into paragraphs and lists; lines of a paragraph are joined."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    numbered = False

    def flush() -> None:
        if paragraph:
            blocks.append(Paragraph(parse_inline(" ".join(paragraph))))
            paragraph.clear()
        if items:
            blocks.append(ListBlock(tuple(parse_inline(i) for i in items), numbered))
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        step = _STEP.fullmatch(line)
        if not line:
            flush()
        elif line.startswith("- ") or step:
            if paragraph or (items and numbered != bool(step)):
                flush()
            numbered = bool(step)
            items.append(step.group(2) if step else line[2:].strip())
        elif items and raw[:1].isspace():
            items[-1] += " " + line  # a list item continued on an indented line
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return tuple(blocks)


def plain_text(text: str, *, keep_citations: bool = False) -> str:
    """The words only: markup removed (for readability scores, speech and search)."""
    parts: list[str] = []
    for block in parse(text):
        lines = [block.inlines] if isinstance(block, Paragraph) else list(block.items)
        for inlines in lines:
            words = []
            for inline in inlines:
                if isinstance(inline, Cite):
                    if keep_citations:
                        words.append("[" + ", ".join(map(str, inline.numbers)) + "]")
                else:
                    words.append(inline.text)
            sentence = _TIGHT.sub(r"\1", " ".join("".join(words).split()))
            if isinstance(block, ListBlock) and sentence and sentence[-1] not in ".!?:":
                sentence += "."
            parts.append(sentence)
    return "\n".join(p for p in parts if p)


def fold(text: str) -> str:
    """Lower case without accents, other marks or apostrophes, for comparing words as
    visitors type them ("¿Qué?" -> "¿que?", "won't" -> "wont"): the question box's
    search and the check that a synonym means a word the topic uses."""
    # the common case at once: English and Spanish letters and punctuation (a library's
    # index folds every passage); anything else by Unicode's decomposition
    quick = text.lower().translate(_QUICK_FOLD)
    if quick.isascii() or _QUICK_SAFE.issuperset(quick):
        return quick
    return slow_fold(text)


def slow_fold(text: str) -> str:
    """:func:`fold` by Unicode's compatibility decomposition, for any text."""
    import unicodedata  # not for start-up: only questions and checks fold text

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.replace("'", "").replace("\u2019", "")  # "won't", "won’t" -> "wont"


# lower-case accented Latin letters and apostrophes, as slow_fold leaves them
_QUICK_FOLD = str.maketrans("àáâãäåèéêëìíîïòóôõöùúûüýÿñç", "aaaaaaeeeeiiiiooooouuuuyync", "'\u2019")
# ASCII, and the marks that have no decomposition and no case ("¿", "¡", quotes, dashes)
_QUICK_SAFE = frozenset(chr(c) for c in range(128)) | frozenset("¿¡«»–—“”‘")
