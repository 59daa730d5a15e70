"""The marker of the kiosk's own words outside the UI, for ``pyside6-lupdate``.

Its own module so that anything, even the registry that :mod:`kiosk.content.words`
reads, can mark its words without an import circle.
"""

from __future__ import annotations

__all__ = ["QT_TRANSLATE_NOOP"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """``text`` itself, marked for ``pyside6-lupdate`` as a word of ``context``.

    For a word translated later by a function that lupdate cannot see into (Qt's own
    marker, without Qt, and typed).
    """
    del context
    return text
