"""Kiosk mode's locks, and the event filters every top-level window of ours gets.

:class:`Lockdown` swallows the keys that close windows and every context menu;
:func:`watch` puts the window's filters (idle, lockdown, touch scrolling) on a window;
:class:`PointerArrives` runs something once, when a mouse pointer first shows up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


class Lockdown(QObject):
    """Kiosk mode: swallows closing keys and context menus everywhere in the app.

    (Made in kiosk mode only, where the window's flags build Qt's enums anyway.)
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        key, modifier = Qt.Key, Qt.KeyboardModifier
        self.closing_keys = frozenset({key.Key_Escape, key.Key_F4, key.Key_Q, key.Key_W})
        self.closing_modifiers = modifier.AltModifier | modifier.ControlModifier

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ContextMenu:
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                return True
            if key in self.closing_keys and event.modifiers() & self.closing_modifiers:
                return True
        return False


class PointerArrives(QObject):
    """Calls ``then`` once, when a mouse pointer first moves or clicks over a window.

    Install it on the window's QWindow; it removes itself.
    """

    def __init__(self, then: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseMove or kind == QEvent.Type.MouseButtonPress:
            watched.removeEventFilter(self)
            self.then()
        return False


def no_context_menus(widget: QWidget, *, children_only: bool = False) -> None:
    """Kiosk mode: no context menu on ``widget``'s children (and on itself)."""
    policy = Qt.ContextMenuPolicy.NoContextMenu
    for each in widget.findChildren(QWidget):
        each.setContextMenuPolicy(policy)
    if not children_only:
        widget.setContextMenuPolicy(policy)


def watch(widget: QWidget, filters: Iterable[QObject | None], *, kiosk: bool) -> None:
    """Watch a top-level window of ours (the main one, or a dialog) for input.

    The filters sit on the window-system window (QWindow): every touch, click and
    key reaches it first, and the many internal events of widgets never pass
    through Python. Widgets that have their own context menu get none in kiosk mode.
    """
    handle = widget.windowHandle()
    if handle is None:
        return
    for watcher in filters:
        if watcher is not None:
            handle.removeEventFilter(watcher)
            handle.installEventFilter(watcher)
    if kiosk:
        no_context_menus(widget, children_only=True)
