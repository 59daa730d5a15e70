"""Kiosk mode's locks, and the event filters every top-level window of ours gets.

:class:`Lockdown` swallows the keys that close windows and every context menu;
:func:`watch` puts the window's filters (idle, lockdown, touch scrolling) on a window;
:class:`PointerArrives` runs something once, when a mouse pointer first shows up;
:class:`Guards` holds them all, with the idle reset and the staff's corner taps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.idle import CornerTaps, IdleReset, IdleWatcher
from kiosk.ui.options import WindowOptions
from kiosk.ui.widgets import set_hand_cursor, touch_scroller


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


class Guards(QObject):
    """What watches ``window``'s input: the idle watcher and its reset, kiosk mode's
    :class:`Lockdown`, the staff's corner taps, and the first mouse pointer (the first
    screen's buttons get their hand cursor then: ``waiting_cursors``)."""

    def __init__(
        self, window: QWidget, options: WindowOptions, at_rest: Callable[[], bool]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.kiosk = options.kiosk
        self.idle = IdleWatcher(options.idle_seconds, window)
        self.idle_reset = IdleReset(window, self.idle, options, at_rest)
        self.lockdown = Lockdown(window) if options.kiosk else None
        self.corner_taps = CornerTaps(window)
        self.waiting_cursors: list[QWidget] = []
        self.pointer_arrives = PointerArrives(self._set_waiting_cursors, window)
        if options.kiosk or options.idle_reset:
            self.idle.start()

    def _set_waiting_cursors(self) -> None:
        waiting, self.waiting_cursors = self.waiting_cursors, []
        set_hand_cursor(waiting)

    def watch(self, widget: QWidget) -> None:
        """Watch a top-level window of ours (the main one, or a dialog) for input: the
        idle timer, the lockdown, and a finger dragging pages (kiosk)."""
        scroller = touch_scroller() if self.kiosk else None
        idle = self.idle if self.idle.enabled else None
        watch(widget, (idle, self.lockdown, scroller), kiosk=self.kiosk)

    def window_shown(self) -> None:
        self.watch(self.window)
        handle = self.window.windowHandle()
        if handle is not None:
            handle.removeEventFilter(self.corner_taps)
            handle.installEventFilter(self.corner_taps)
            if self.waiting_cursors:
                handle.removeEventFilter(self.pointer_arrives)
                handle.installEventFilter(self.pointer_arrives)
