"""Start the app: settings, content (loaded before Qt), the QApplication and the window.

Load first, show later: settings and content are read and checked without Qt; the
window only presents the result, including the errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from kiosk.content import BundleError, ContentState, load_content
from kiosk.settings import (
    PinGuard,
    Settings,
    default_content_dir,
    load_settings,
    resolve_content_dir,
)

if TYPE_CHECKING:
    import logging

    from PySide6.QtWidgets import QApplication

    from kiosk.ui.window import MainWindow


def _log() -> logging.Logger:
    """The app's logger (logging is imported when something is to be logged)."""
    import logging

    return logging.getLogger("kiosk")


EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
PREPARE_SEARCH_MS = 1500
"""How long after start-up (or new content) the question box's index is built, in the
background: after the first screen is up, well before anyone can have typed a question."""

NO_DISPLAY = """\
kiosk: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).
  To run without a screen, use Qt's offscreen platform:  QT_QPA_PLATFORM=offscreen kiosk --smoke
  To see every screen as pictures:                       kiosk screenshot --out DIR
"""


def display_problem() -> str | None:
    """Why Qt could not open a window here, or None (checked before Qt can abort)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return NO_DISPLAY
    return None


def load_kiosk_content(
    root: Path, settings: Settings, *, kiosk: bool, previous: ContentState | None = None
) -> ContentState:
    """:func:`load_content` as the settings ask: in kiosk mode with ``require_approved``,
    only what a reviewer's signature approves (verified offline, never the YAML)."""
    if not (kiosk and settings.require_approved):
        return load_content(root, require_approved=False, previous=previous)
    from kiosk.fleet.approval import approver

    return load_content(root, require_approved=True, previous=previous, approver=approver(root))


def install_excepthook(recover: Callable[[], None]) -> None:
    """One top-level handler: log the error (never patient input), then start over."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        # The message is left out on purpose: it could quote what a visitor entered.
        where = "".join(traceback.format_tb(tb))
        _log().error("unexpected %s; starting over\n%s", kind.__name__, where)
        try:
            recover()
        except Exception:  # the handler itself must never fail
            _log().exception("could not start over")

    sys.excepthook = hook


def make_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    app.setApplicationDisplayName("Health information kiosk")
    from kiosk.ui.accessibility import install

    install()  # headings, answers and groups for screen readers
    return app


def _pin_state_path() -> Path | None:
    """Where the PIN guard keeps its count and lock across restarts (None: memory only)."""
    try:
        return PinGuard.default_state_path()
    except (OSError, RuntimeError, ValueError):  # no home folder to be found
        return None


def build_window(
    settings: Settings,
    content: ContentState,
    *,
    kiosk: bool,
    root: Path,
    idle_reset: bool = False,
    speech_engine: str | None = None,
    prepare_search_ms: int | None = PREPARE_SEARCH_MS,
) -> MainWindow:
    from kiosk.ui.options import WindowOptions
    from kiosk.ui.session import Session
    from kiosk.ui.window import MainWindow

    guard = PinGuard(settings.staff_pin, state=_pin_state_path())
    session = Session(settings.language, settings.text_size)
    from kiosk.ui.i18n import use_language

    # the UI's own words (English needs no translator), and the language screen readers
    # are told
    missing = None if use_language(settings.language) else settings.language
    options = WindowOptions(
        kiosk=kiosk,
        idle_seconds=settings.idle_seconds,
        warning_seconds=settings.warning_seconds,
        idle_reset=idle_reset,
        check_pin=guard.check,
        pin_locked_for=guard.locked_for,
        pin_wrong_before=lambda: guard.wrong_before_unlock,
        printer_name=settings.printer,
        speech_engine=speech_engine,
        prepare_search_ms=prepare_search_ms,
    )
    window = MainWindow(content, session, options)
    window.translation_missing = missing
    options.reload = lambda: load_kiosk_content(
        root, settings, kiosk=kiosk, previous=window.content
    )
    if settings.update_from:
        _check_for_updates(window, settings)
    return window


def _check_for_updates(window: MainWindow, settings: Settings) -> None:
    """Fleet updates every ``update_minutes``, between visits; new content shown then."""
    from kiosk.fleet.client import default_state_dir
    from kiosk.ui.updates import FleetUpdates

    assert settings.update_from is not None

    updates = FleetUpdates(
        settings.update_from,
        default_state_dir(),
        every_ms=settings.update_minutes * 60_000,
        # as a new visitor finds the kiosk: the welcome, or "being updated" (no good
        # content yet: the fleet is how it comes)
        between_visits=window.at_rest,
        parent=window,
    )
    updates.installed.connect(window.reload_content)
    window.fleet = updates
    updates.start()


def run_app(args: argparse.Namespace) -> int:
    try:
        settings = load_settings(args.config)
    except BundleError as exc:
        print(exc.report(), file=sys.stderr)
        print("kiosk: fix the settings file above, then start again", file=sys.stderr)
        return EXIT_CONTENT
    if args.kiosk and not settings.staff_pin:
        print(
            "kiosk: kiosk mode needs a staff PIN, so that staff can exit it.\n"
            "  Set one with:  kiosk set-pin",
            file=sys.stderr,
        )
        return EXIT_USAGE
    problem = display_problem()
    if problem:
        print(problem, end="", file=sys.stderr)
        return EXIT_USAGE
    root = args.content or resolve_content_dir(settings, args.config) or default_content_dir()
    content = load_kiosk_content(root, settings, kiosk=args.kiosk)
    if content.errors:
        import logging

        logging.basicConfig(level=logging.WARNING, format="kiosk: %(levelname)s: %(message)s")
        for error in content.errors:
            _log().warning("%s", error)

    app = make_application()
    window = build_window(
        settings,
        content,
        kiosk=args.kiosk,
        root=root,
        idle_reset=getattr(args, "idle_reset", False),
    )
    install_excepthook(window.recover)
    if args.kiosk:
        screen = app.primaryScreen()
        if screen is not None:  # a bare X session (no window manager) does not resize it
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    else:
        window.resize(1180, 820)
        window.show()
        if content.errors:
            from kiosk.ui.dialogs import show_content_errors

            show_content_errors(window, content.errors)
    if args.smoke:
        return _smoke(app, window)
    from kiosk.ui.lifeline import Lifeline

    # systemd: ready, watchdog pings from this event loop, exit when the window is gone
    lifeline = Lifeline(app, window, check_window=args.kiosk)
    lifeline.start()
    code = app.exec()
    return lifeline.exit_code or code


def _smoke(app: QApplication, window: MainWindow) -> int:
    """Wait for the first paint of the first screen, then exit 0 (1 if it never comes)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        painted = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.painted:
                self.painted = True
                QTimer.singleShot(0, app.quit)
            return False

    spy = FirstPaint()
    screen = window.stack.currentWidget()
    (screen or window).installEventFilter(spy)
    # Qt 6's quit() first asks every window to close; a kiosk window refuses unless told
    window.allow_close = True
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    window.close()
    print(
        f"kiosk: smoke ok: painted the {window.current} screen"
        if spy.painted
        else "kiosk: smoke failed: the first screen was never painted"
    )
    return EXIT_OK if spy.painted else 1
