"""How the main window behaves (the command line and the settings fill it in)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.content import ContentState


@dataclass
class WindowOptions:
    """How the window behaves: the mode, the idle reset, the staff PIN, reloading, printing.

    (A docstring also spares the dataclass machinery an ``inspect.signature`` at import.)
    """

    kiosk: bool = False
    idle_seconds: float = 90.0
    warning_seconds: int = 20  # WCAG 2.2.1: at least 20 s
    idle_reset: bool = False  # laptop mode resets only when asked
    check_pin: Callable[[str], bool] = lambda _pin: False
    pin_locked_for: Callable[[], float] = lambda: 0.0
    pin_wrong_before: Callable[[], int] = lambda: 0  # wrong PINs before the last right one
    reload: Callable[[], ContentState] | None = None
    printer_name: str | None = None  # kiosk: print here, with no dialog (default printer)
    speech_engine: str | None = None  # read-aloud: Qt's engine name (None: the platform's)
    # build the question box's index in the background this long after start-up (and
    # after new content), so that the first question does not wait (None: when asked)
    prepare_search_ms: int | None = None
