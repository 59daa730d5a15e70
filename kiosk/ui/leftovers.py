"""What a visit leaves outside its screens, for the wipe to clear: the clipboards, and
the dialogs still open over the window."""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def clear_clipboards(*, kiosk: bool) -> None:
    """A question selected in the box may sit in the clipboard or, on X11, in the
    primary selection. A kiosk empties both (the machine is the kiosk's); a laptop
    empties what this app put there, and leaves another program's."""
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:
        return
    if clipboard.supportsSelection() and (kiosk or clipboard.ownsSelection()):
        clipboard.clear(QClipboard.Mode.Selection)
    if kiosk or clipboard.ownsClipboard():
        clipboard.clear(QClipboard.Mode.Clipboard)


def dialogs_of(window: QWidget) -> list[QDialog]:
    """Every dialog of ``window`` (shown or not), as ``findChildren(QDialog)`` finds them.

    A dialog is always a top-level window, so only those are looked at: findChildren
    would make a Python object of every widget, layout and scroll bar in the window.
    """
    found = []
    for widget in QApplication.topLevelWidgets():
        if widget.inherits("QDialog"):
            owner = widget.parent()
            while owner is not None and owner is not window:
                owner = owner.parent()
            if owner is window:
                found.append(cast("QDialog", widget))
    return found
