"""The app's line to its supervisor (systemd): ready, alive, and gone when its window is.

systemd (``deploy/systemd/kiosk.service``: ``Type=notify``, ``WatchdogSec=``,
``Restart=always``) restarts the kiosk when it crashes, hangs or loses its window:

- Ready: ``READY=1`` once the first screen is shown, so systemd knows the start worked.
- Alive: ``WATCHDOG=1`` from a timer on the Qt event loop, every half of ``WATCHDOG_USEC``.
  A hung event loop sends nothing; systemd then kills the app and starts it again.
- Window: at each beat the main window must still be shown. A window that was closed,
  hidden or destroyed by something outside the app ends the process (exit 4), so the
  supervisor notices: a process without its window is a black screen that nothing restarts.
  On X11 a window destroyed by another client (``xdotool windowclose``) still looks shown
  to Qt, but is no longer exposed; two beats in a row without exposure count as lost.

The notification protocol is a datagram of ``KEY=VALUE`` lines to the socket named by
``NOTIFY_SOCKET`` (an abstract socket when it starts with ``@``); without that variable
(a laptop, the tests) nothing is sent, and the window check still runs in kiosk mode.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["EXIT_WINDOW_LOST", "Lifeline", "notify", "watchdog_interval_ms"]

log = logging.getLogger(__name__)

EXIT_WINDOW_LOST = 4
# Without a systemd watchdog, how often kiosk mode checks that its window is still there.
_CHECK_MS = 5_000


def notify(state: str, environ: dict[str, str] | None = None) -> bool:
    """Send ``state`` (e.g. ``"READY=1"``) to systemd; False when there is no one to tell."""
    env = os.environ if environ is None else environ
    address = env.get("NOTIFY_SOCKET", "")
    if not address or address[0] not in "/@":
        return False
    target = "\0" + address[1:] if address[0] == "@" else address
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(target)
            sock.sendall(state.encode())
    except OSError as exc:  # the supervisor went away: nothing the kiosk can do about it
        log.warning("systemd notification failed (%s)", type(exc).__name__)
        return False
    return True


def watchdog_interval_ms(environ: dict[str, str] | None = None) -> int | None:
    """Half of systemd's ``WATCHDOG_USEC`` in ms (None when no watchdog is set for us)."""
    env = os.environ if environ is None else environ
    usec, pid = env.get("WATCHDOG_USEC", ""), env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    # systemd names its main process: the app itself, or cage, which started the app and
    # passed its environment on (kiosk.service); anyone else's watchdog is not ours to feed
    if pid and pid not in (str(os.getpid()), str(os.getppid())):
        return None
    return max(int(usec) // 2000, 100)


class Lifeline(QObject):
    """Tells systemd the app is ready and alive; quits when the window is gone.

    ``start`` is called once the window is shown. ``exit_code`` is :data:`EXIT_WINDOW_LOST`
    after the window was lost (``app.exec()`` returns it too).
    """

    def __init__(
        self,
        app: QApplication,
        window: QWidget,
        *,
        check_window: bool,
        send: Callable[[str], bool] = notify,
        interval_ms: int | None = None,
        leave: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(app)
        self._window, self._send = window, send
        # app.exit: ends app.exec() with the code (outside exec it would make every later
        # nested event loop return at once, so tests pass their own)
        self._leave = leave or app.exit
        self._check_window = check_window
        self._watchdog = interval_ms if interval_ms is not None else watchdog_interval_ms()
        self.exit_code: int | None = None
        self.beats = 0
        self._unexposed = 0  # beats in a row the window was not exposed
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.beat)

    def start(self) -> None:
        if self._watchdog is None and not self._check_window:
            self._send("READY=1")
            return
        self.timer.start(self._watchdog or _CHECK_MS)
        # READY once the event loop runs, i.e. after the window's first events
        QTimer.singleShot(0, lambda: self._send("READY=1"))

    def window_lost(self) -> bool:
        window = self._window
        try:
            handle = window.windowHandle()
            if not window.isVisible() or handle is None:
                return True
            self._unexposed = 0 if handle.isExposed() else self._unexposed + 1
        except RuntimeError:  # the C++ window was deleted under us
            return True
        return self._unexposed >= 2

    def beat(self) -> None:
        if self.window_lost():
            if self._check_window or self._watchdog is not None:
                log.error("the kiosk window is gone; exiting so that the supervisor restarts it")
                self.timer.stop()
                self.exit_code = EXIT_WINDOW_LOST
                self._send("STOPPING=1\nSTATUS=window lost")
                self._leave(EXIT_WINDOW_LOST)
            return
        self.beats += 1
        if self._watchdog is not None:
            self._send("WATCHDOG=1")
