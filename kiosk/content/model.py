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
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar

__all__ = [
    "Asset",
    "Bundle",
    "BundleDocument",
    "LevelText",
    "Metadata",
    "ReadingLevel",
    "Reference",
    "Review",
    "ReviewStatus",
    "Section",
    "Text",
    "Topic",
]

Text = str | Mapping[str, str]
LevelText = Mapping[str, Text]

_STRICT: dict[str, Any] = {"extra": "forbid", "coerce_numbers_to_str": True}


class ReadingLevel(StrEnum):
    """Who the text is written for. A bundle lists the levels it provides."""

    PATIENT = "patient"
    CLINICIAN = "clinician"


class ReviewStatus(StrEnum):
    """Where the bundle is in clinical review. Anything but APPROVED shows a caution."""

    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"


@dataclass(frozen=True, slots=True)
class Review:
    status: ReviewStatus
    reviewer: str | None = None
    date: datetime.date | None = None
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True)
class Metadata:
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
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True)
class Reference:
    number: int
    title: str
    kind: str | None = None
    publisher: str | None = None
    year: int | None = None
    note: Text | None = None
    url: str | None = None
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True)
class Asset:
    id: str
    path: str
    alt: Text | None = None
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: LevelText
    passages: tuple[LevelText, ...]
    icon: str | None = None
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True)
class Topic:
    title: LevelText
    summary: LevelText
    sections: tuple[Section, ...]
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True)
class BundleDocument:
    """Everything the bundle's files hold, merged: each top-level key from one file."""

    metadata: Metadata
    topic: Topic
    references: tuple[Reference, ...]
    assets: tuple[Asset, ...] = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT


@dataclass(frozen=True, slots=True)
class Bundle:
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

    def section(self, section_id: str) -> Section | None:
        for section in self.document.topic.sections:
            if section.id == section_id:
                return section
        return None

    def asset_path(self, asset_id: str) -> Path | None:
        for asset in self.document.assets:
            if asset.id == asset_id:
                return self.folder / asset.path
        return None

    def passages(self) -> Iterator[tuple[Section | None, LevelText]]:
        """The summary (section None), then every section's passages, in order."""
        yield None, self.document.topic.summary
        for section in self.document.topic.sections:
            for passage in section.passages:
                yield section, passage
