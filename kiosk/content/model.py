"""The typed bundle model: what a content bundle holds once it has been checked.

The dataclasses below describe the YAML a content editor writes (see
``docs/content-format.md``). They import nothing heavy: a bundle read from the cache
never needs the validation library, which the loader imports only to check files.

Text comes in two shapes:

- :data:`Text`: one string in the bundle's first language, or a mapping from
  language code to string (``{en: ..., es: ...}``);
- :data:`LevelText`: a mapping from reading level to :data:`Text`
  (``{patient: ..., clinician: ...}``). Every passage is one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar

__all__ = [
    "YES_NO_ANSWERS",
    "Ask",
    "Asset",
    "Bundle",
    "BundleDocument",
    "Condition",
    "CuratedAnswer",
    "Factor",
    "Figure",
    "LevelText",
    "Metadata",
    "Option",
    "Question",
    "QuestionKind",
    "ReadingLevel",
    "RedFlag",
    "Reference",
    "Review",
    "ReviewStatus",
    "Rule",
    "Section",
    "SelfCheck",
    "Sign",
    "Synonym",
    "Text",
    "Topic",
    "Urgency",
]

Text = str | Mapping[str, str]
LevelText = Mapping[str, Text]

_STRICT: dict[str, Any] = {"extra": "forbid", "coerce_numbers_to_str": True}


class _Model:
    """What every model class shares: equality, a hash and a repr over its fields.

    Written once here: ``dataclass`` would generate them for each class with ``exec``,
    which is a third of the cost of importing this module, paid at every start. Each
    class's field names are set by :func:`_field_names`, below.
    """

    __slots__ = ()
    _names: ClassVar[tuple[str, ...]] = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._names)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self._names))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._names)
        return f"{type(self).__qualname__}({fields})"


class ReadingLevel(StrEnum):
    """Who the text is written for. A bundle lists the levels it provides."""

    PATIENT = "patient"
    CLINICIAN = "clinician"


class ReviewStatus(StrEnum):
    """Where the bundle is in clinical review. Anything but APPROVED shows a caution."""

    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Review(_Model):
    status: ReviewStatus
    reviewer: str | None = None
    date: datetime.date | None = None
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Metadata(_Model):
    id: str
    title: Text
    version: str
    review: Review
    updated: datetime.date
    editorial_policy: Text
    disclaimer: LevelText
    languages: tuple[str, ...] = ("en",)
    reading_levels: tuple[ReadingLevel, ...] = (ReadingLevel.PATIENT, ReadingLevel.CLINICIAN)
    source: Text | None = None
    icon: str | None = None
    """The id of the asset drawn on the topic's tile when a library offers several."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Reference(_Model):
    number: int
    title: Text
    """The work's own title, as published (one text); per language only for an entry
    that names no work ("Reference 4 of the source overview"). See Bundle.text."""
    kind: str | None = None
    publisher: str | None = None
    year: int | None = None
    note: Text | None = None
    url: str | None = None
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Asset(_Model):
    id: str
    path: str
    alt: Text | None = None
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Figure(_Model):
    """A picture shown in a section: an asset (with alt text in every language), placed
    after the passage numbered ``after`` (from 1), or after the last passage."""

    asset: str
    after: int | None = None
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Section(_Model):
    id: str
    title: LevelText
    passages: tuple[LevelText, ...]
    icon: str | None = None
    figures: tuple[Figure, ...] = ()
    signs: tuple[str, ...] = ()
    """Warning signs this section speaks of: their cards come first on its screen."""
    handout: tuple[int, ...] = ()
    """The passages (numbered from 1) printed on the handout under "What helps", with
    the figures that follow them."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Topic(_Model):
    title: LevelText
    summary: LevelText
    sections: tuple[Section, ...]
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


# -- the self-check (``selfcheck:``) ---------------------------------------------------
# Answers are plain strings: ``yes``, ``no`` or ``not_sure`` for a yes/no question; an
# option id for a single choice; a tuple of option ids for a multiple choice. The engine
# that evaluates answers is kiosk.selfcheck.

YES_NO_ANSWERS = ("yes", "no", "not_sure")


class QuestionKind(StrEnum):
    YES_NO = "yes_no"  # yes / no / not sure
    SINGLE = "single"  # one option
    MULTIPLE = "multiple"  # any number of options


class Urgency(StrEnum):
    """The kiosk's one urgency scale, after the NHS care cards and NHS 111's
    dispositions, most urgent first. How each tier looks, reads and sounds is
    :mod:`kiosk.safety`'s; which tier a warning sign has is its bundle's (``signs:``)."""

    EMERGENCY = "emergency"  # immediate action: tell staff now / call the emergency number
    URGENT = "urgent"  # see a doctor right away
    SOON = "soon"  # see a doctor or nurse within days
    SELF_CARE = "self-care"  # what you can do yourself

    @property
    def rank(self) -> int:
        """0 for the most urgent tier; lists of advice sort on it."""
        return _URGENCY_ORDER.index(self)


_URGENCY_ORDER = tuple(Urgency)


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Condition(_Model):
    """``question`` was answered ``answer`` (for a multiple choice: includes it), or,
    with ``answered: true``, was answered at all."""

    question: str
    answer: str | None = None
    answered: bool | None = None
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Rule(_Model):
    """True when ``any`` of its conditions holds, or when ``all`` of them do."""

    any: tuple[Condition, ...] = ()
    all: tuple[Condition, ...] = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT

    @property
    def conditions(self) -> tuple[Condition, ...]:
        return self.any or self.all


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Option(_Model):
    id: str
    text: LevelText
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Question(_Model):
    id: str
    kind: QuestionKind
    text: LevelText
    help: LevelText | None = None
    options: tuple[Option, ...] = ()
    show_if: Rule | None = None
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT

    def answer_ids(self) -> tuple[str, ...]:
        """Every answer this question accepts."""
        if self.kind is QuestionKind.YES_NO:
            return YES_NO_ANSWERS
        return tuple(option.id for option in self.options)


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class RedFlag(_Model):
    """Answers that raise a warning sign (one of the bundle's ``signs:``). A yes/no
    question answered "not sure" where the rule asks for "yes" raises it too, as
    "not sure" (see kiosk.selfcheck.engine)."""

    sign: str
    when: Rule
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT

    @property
    def id(self) -> str:
        return self.sign


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Factor(_Model):
    """Something that may be contributing, the answers that point to it, where it is
    explained, and what may help."""

    id: str
    name: LevelText
    when: Rule
    sections: tuple[str, ...]
    helps: LevelText
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class SelfCheck(_Model):
    title: LevelText
    intro: LevelText
    questions: tuple[Question, ...]
    red_flags: tuple[RedFlag, ...] = ()
    factors: tuple[Factor, ...] = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


# -- warning signs (``signs:``) --------------------------------------------------------


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Sign(_Model):
    """A warning sign, defined once and used by every surface (self-check, results,
    sections, handout, question box, read-aloud): its tier on the kiosk's one urgency
    scale, its name and advice at each level and language (citing ``sources``), and the
    words visitors use for it (per language) that bring its card to the question box."""

    id: str
    tier: Urgency
    name: LevelText
    advice: LevelText
    sources: tuple[int, ...] = ()
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


# -- the question box (``ask:``) -------------------------------------------------------


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Synonym(_Model):
    """Patients' words for one of the bundle's own: a question's ``words`` are searched
    as ``means`` (which must appear in the bundle's text in that language)."""

    words: tuple[str, ...]
    means: str
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class CuratedAnswer(_Model):
    """A question editors expect, in several phrasings per language, with an answer per
    level and language that restates one section (or, with no section, the topic's
    short answer) with its citations. A match ranks first."""

    id: str
    questions: Mapping[str, tuple[str, ...]]
    answer: LevelText
    section: str | None = None  # None: it restates the topic's short answer (the summary)
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Spelling(_Model):
    """Everyday spellings of general words ("cuz", "alot", "xq"): a question's ``words``
    are read as ``means``, which is a general word and need not be in the topic."""

    words: tuple[str, ...]
    means: str
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Medicine(_Model):
    """Names of medicines (brand, generic, everyday) for a class of medicine the topic
    names: searched as ``means``, with the ``source`` that says so."""

    names: tuple[str, ...]
    means: str
    source: str
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Intent(_Model):
    """What a visitor wants ("what do I do", "why", "when to see a doctor"): the cue
    phrases per language, and the passages that answer that kind of question, as section
    ids, or "section#words" for the passage of the section that holds those words.
    With ``lower_unless_asked``, its passages answer this kind of question only: they
    rank lower for a question that does not ask it (prevention advice, for a question
    that is not about preventing)."""

    id: str
    cues: Mapping[str, tuple[str, ...]]
    answers: tuple[str, ...]
    lower_unless_asked: bool = False
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Ask(_Model):
    """What the question box knows beyond the passages: synonyms, everyday spellings and
    medicine names (per language), what visitors want (intents) and curated answers."""

    synonyms: Mapping[str, tuple[Synonym, ...]] = field(default_factory=dict)
    spellings: Mapping[str, tuple[Spelling, ...]] = field(default_factory=dict)
    medicines: Mapping[str, tuple[Medicine, ...]] = field(default_factory=dict)
    intents: tuple[Intent, ...] = ()
    answers: tuple[CuratedAnswer, ...] = ()
    medicine_safety: LevelText | None = None
    """The fixed answer to a question about stopping, changing or dosing a medicine."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class BundleDocument(_Model):
    """Everything the bundle's files hold, merged: each top-level key from one file."""

    metadata: Metadata
    topic: Topic
    references: tuple[Reference, ...]
    assets: tuple[Asset, ...] = ()
    selfcheck: SelfCheck | None = None
    ask: Ask | None = None
    signs: tuple[Sign, ...] = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Bundle(_Model):
    """A checked bundle and the folder it came from; the app's view of one topic."""

    document: BundleDocument
    folder: Path

    @property
    def id(self) -> str:
        return self.document.metadata.id

    @property
    def metadata(self) -> Metadata:
        return self.document.metadata

    @property
    def topic(self) -> Topic:
        return self.document.topic

    @property
    def references(self) -> tuple[Reference, ...]:
        return self.document.references

    @property
    def languages(self) -> tuple[str, ...]:
        return self.document.metadata.languages

    @property
    def reading_levels(self) -> tuple[ReadingLevel, ...]:
        return self.document.metadata.reading_levels

    @property
    def needs_review_caution(self) -> bool:
        """True until a named clinician has approved the content."""
        return self.document.metadata.review.status is not ReviewStatus.APPROVED

    def text(self, value: Text | None, language: str | None = None) -> str:
        """``value`` in ``language``, falling back to the bundle's first language."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        default = self.languages[0]
        return value.get(language or default) or value.get(default) or ""

    def level_text(self, value: LevelText, level: str, language: str | None = None) -> str:
        """``value`` at reading ``level`` in ``language``."""
        return self.text(value.get(str(level)), language)

    def reference(self, number: int) -> Reference | None:
        for ref in self.document.references:
            if ref.number == number:
                return ref
        return None

    @property
    def signs(self) -> tuple[Sign, ...]:
        return self.document.signs

    def sign(self, sign_id: str) -> Sign | None:
        return next((sign for sign in self.document.signs if sign.id == sign_id), None)

    def section(self, section_id: str) -> Section | None:
        for section in self.document.topic.sections:
            if section.id == section_id:
                return section
        return None

    def asset_path(self, asset_id: str) -> Path | None:
        asset = self.asset(asset_id)
        return None if asset is None else self.folder / asset.path

    def asset(self, asset_id: str) -> Asset | None:
        for asset in self.document.assets:
            if asset.id == asset_id:
                return asset
        return None

    def passages(self) -> Iterator[tuple[Section | None, LevelText]]:
        """The summary (section None), then every section's passages, in order."""
        yield None, self.document.topic.summary
        for section in self.document.topic.sections:
            for passage in section.passages:
                yield section, passage


def _field_names() -> None:
    """Give each model class its field names, in order (for ``_Model`` and the cache)."""
    import dataclasses

    model_classes = (
        Review,
        Metadata,
        Reference,
        Asset,
        Figure,
        Section,
        Topic,
        Condition,
        Rule,
        Option,
        Question,
        RedFlag,
        Factor,
        SelfCheck,
        Sign,
        Synonym,
        Spelling,
        Medicine,
        Intent,
        CuratedAnswer,
        Ask,
        BundleDocument,
    )
    for cls in (*model_classes, Bundle):
        cls._names = tuple(f.name for f in dataclasses.fields(cls))  # for _Model


_field_names()
