"""Watching for quiet (the idle reset) and for the hidden staff gesture.

:class:`IdleWatcher` restarts a timer on every touch, click or key anywhere in the
app; when it runs out it emits ``idle``. :class:`CornerTaps` emits ``triggered``
after five taps in the top-left corner of a widget within three seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from kiosk.ui.dialogs import CountdownDialog
    from kiosk.ui.options import WindowOptions

_ACTIVITY: frozenset[QEvent.Type] = frozenset()


def _activity() -> frozenset[QEvent.Type]:
    """The input event types (built on first use: naming them builds a large enum)."""
    global _ACTIVITY
    if not _ACTIVITY:
        _ACTIVITY = frozenset(
            {
                QEvent.Type.MouseButtonPress,
                QEvent.Type.MouseButtonRelease,
                QEvent.Type.MouseMove,
                QEvent.Type.KeyPress,
                QEvent.Type.TouchBegin,
                QEvent.Type.TouchUpdate,
                QEvent.Type.Wheel,
            }
        )
    return _ACTIVITY


class IdleWatcher(QObject):
    """Emits ``idle`` after ``seconds`` without user input.

    Install it on each top-level QWindow (``widget.windowHandle()``) of the app.

    Signals:
        idle(): nobody has touched anything for the whole period.
        activity(): someone touched, clicked or typed.
    """

    idle = Signal()
    activity = Signal()

    def __init__(self, seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(seconds * 1000))
        self.timer.timeout.connect(self.idle)
        self.enabled = False

    def start(self) -> None:
        self.enabled = True
        self.timer.start()

    def stop(self) -> None:
        self.enabled = False
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.enabled and event.type() in _activity():
            self.timer.start()
            self.activity.emit()
        return False


class CornerTaps(QObject):
    """Five taps within ``window`` seconds in the top-left ``size`` px of ``target``.

    Install it on the top-level window's QWindow (``windowHandle()``): every touch
    reaches that once, before Qt hands it to a widget.

    Signals:
        triggered(): the gesture was completed.
    """

    triggered = Signal()

    def __init__(
        self,
        target: QWidget,
        *,
        taps: int = 5,
        window: float = 3.0,
        size: int = 96,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(target)
        self.target = target
        self.taps = taps
        self.window = window
        self.size = size
        self.clock = clock
        self.times: list[float] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        point: QPoint | None = None
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            point = event.globalPosition().toPoint()
        elif event.type() == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent):
            points = event.points()
            point = points[0].globalPosition().toPoint() if points else None
        if point is not None:
            local = self.target.mapFromGlobal(point)
            if 0 <= local.x() < self.size and 0 <= local.y() < self.size:
                self.tap()
        return False

    def tap(self) -> None:
        now = self.clock()
        self.times = [t for t in self.times if now - t <= self.window] + [now]
        if len(self.times) >= self.taps:
            self.times = []
            self.triggered.emit()


class IdleReset(QObject):
    """The idle reset: when ``watcher`` says nobody is there, a countdown over
    ``parent``; when it runs out, ``expired`` (the window wipes the visit).

    ``at_rest()`` says the kiosk is already as a new visitor finds it (nothing to reset).

    Signals:
        expired(): the countdown ran out.
    """

    expired = Signal()

    def __init__(
        self,
        parent: QWidget,
        watcher: IdleWatcher,
        options: WindowOptions,
        at_rest: Callable[[], bool],
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.watcher = watcher
        self.options = options  # read when the countdown starts (tests shorten it)
        self.at_rest = at_rest
        self.countdown: CountdownDialog | None = None
        watcher.idle.connect(self.on_idle)
        watcher.activity.connect(self.on_activity)

    def on_idle(self) -> None:
        if self.at_rest():
            self.watcher.timer.start()
            return
        if self.countdown is not None:
            return
        from kiosk.ui.dialogs import CountdownDialog  # dialogs: not at start-up

        self.countdown = CountdownDialog(
            self.window, kiosk=self.options.kiosk, seconds=self.options.warning_seconds
        )
        # signal to signal: a connection to another object's emit (or to any method Qt
        # wraps) is kept by PySide after both are gone, some 60 bytes each time
        self.countdown.expired.connect(self.expired)
        self.countdown.finished.connect(self.countdown_closed)
        self.countdown.start()

    def on_activity(self) -> None:
        if self.countdown is not None and self.countdown.isVisible():
            self.countdown.accept()

    def countdown_closed(self) -> None:
        self.countdown = None
        if self.watcher.enabled:
            self.watcher.timer.start()
