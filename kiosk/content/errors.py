"""Errors are data.

A :class:`ContentError` is one located problem in a content file. Loading collects
every problem it can find and raises them together as one :class:`BundleError`::

    Exception
     └── BundleError          holds .errors: tuple[ContentError, ...]

The UI shows them through one function (``kiosk.ui.errors``); the CLI prints
``str(error)`` for each, one per line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BundleError", "ContentError"]


@dataclass(frozen=True, slots=True, order=True)
class ContentError:
    """One problem, located at ``file:line:col`` (both 1-based, as editors count)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"

    @classmethod
    def at_file(cls, file: Path | str, message: str) -> ContentError:
        """A problem with the file as a whole (reported at 1:1)."""
        return cls(str(file), 1, 1, message)


class BundleError(Exception):
    """One or more content problems, all reported at once."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors: tuple[ContentError, ...] = tuple(sorted(set(errors)))
        super().__init__(self.report())

    def report(self) -> str:
        """Every error as ``file:line:col: message``, one per line."""
        return "\n".join(str(e) for e in self.errors)
