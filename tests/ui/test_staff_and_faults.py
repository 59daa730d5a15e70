"""Staff gesture and PIN, the staff panel, broken content, and unexpected errors."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from kiosk.content import load_content
from kiosk.settings import Settings
from kiosk.ui.app import install_excepthook
from kiosk.ui.dialogs import PinDialog, StaffPanel
from kiosk.ui.window import MainWindow
from tests.conftest import CONTENT
from tests.ui.conftest import PIN, MakeWindow
from tests.ui.helpers import click, find_button, open_dialog, texts, to_topic


def _corner_taps(qtbot: QtBot, window: MainWindow, count: int = 5) -> None:
    handle = window.windowHandle()
    assert handle is not None
    for _ in range(count):
        QTest.mouseClick(
            handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10)
        )


def _enter(qtbot: QtBot, dialog: PinDialog, pin: str) -> None:
    for digit in pin:
        click(qtbot, dialog, f"pin-{digit}")
    click(qtbot, dialog, "pin-ok")


@pytest.fixture
def broken_content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "muscle-cramps", root / "muscle-cramps")
    return root


def _break(root: Path) -> None:
    topic = root / "muscle-cramps" / "topic.yaml"
    topic.write_text(topic.read_text().replace("[4]", "[44]", 1))


def test_five_corner_taps_open_the_pin_pad(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    _corner_taps(qtbot, kiosk_window, 4)
    assert not [d for d in kiosk_window.findChildren(PinDialog) if d.isVisible()]
    _corner_taps(qtbot, kiosk_window, 1)
    assert isinstance(open_dialog(kiosk_window, "pin"), PinDialog)


def test_slow_taps_do_not_open_it(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    now = [0.0]
    kiosk_window.corner_taps.clock = lambda: now[0]
    for _ in range(5):
        _corner_taps(qtbot, kiosk_window, 1)
        now[0] += 1.0  # five taps over four seconds: too slow
    assert not [d for d in kiosk_window.findChildren(PinDialog) if d.isVisible()]


def test_right_pin_opens_the_staff_panel(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    kiosk_window.open_staff()
    dialog = open_dialog(kiosk_window, "pin")
    assert isinstance(dialog, PinDialog)
    _enter(qtbot, dialog, PIN)
    panel = open_dialog(kiosk_window, "staff")
    assert isinstance(panel, StaffPanel)
    shown = texts(panel)
    assert "Showing: muscle-cramps version 1.0.0, review status submitted" in shown
    assert panel.errors.toPlainText() == "No content problems."


def test_wrong_pins_are_rate_limited(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    kiosk_window.open_staff()
    dialog = open_dialog(kiosk_window, "pin")
    assert isinstance(dialog, PinDialog)
    _enter(qtbot, dialog, "0000")
    assert dialog.status.text() == "Wrong PIN."
    _enter(qtbot, dialog, "1111")
    _enter(qtbot, dialog, "2222")
    assert dialog.status.text().startswith("Too many wrong PINs. Try again in 30 s")
    _enter(qtbot, dialog, PIN)  # even the right PIN waits out the lock
    assert dialog.isVisible()
    assert not [d for d in kiosk_window.findChildren(StaffPanel) if d.isVisible()]


def test_staff_can_exit_the_kiosk(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    kiosk_window.allow_close = False
    panel = kiosk_window.open_staff_panel()
    click(qtbot, panel, "staff-exit")
    assert not kiosk_window.isVisible()


def test_kiosk_without_content_shows_being_updated_and_staff_see_why(
    qtbot: QtBot, make_window: MakeWindow, broken_content: Path, staff_hash: str
) -> None:
    _break(broken_content)
    window = make_window(kiosk=True, root=broken_content)
    assert window.current == "updating"
    assert "This kiosk is being updated" in texts(window.screens["updating"])
    assert "[44]" not in texts(window)  # no error details for patients
    panel = window.open_staff_panel()
    assert "citation [44] has no reference" in panel.errors.toPlainText()
    assert "topic.yaml:" in panel.errors.toPlainText()


def test_kiosk_keeps_the_last_good_content(
    qtbot: QtBot, make_window: MakeWindow, broken_content: Path
) -> None:
    load_content(broken_content, require_approved=False)  # it loaded once: the last good
    _break(broken_content)
    window = make_window(kiosk=True, root=broken_content)
    assert window.content.bundle is not None
    assert window.content.stale
    to_topic(qtbot, window)
    panel = window.open_staff_panel()
    assert "last good content" in texts(panel)
    assert "citation [44]" in panel.errors.toPlainText()


def test_reload_after_a_fix(qtbot: QtBot, make_window: MakeWindow, broken_content: Path) -> None:
    _break(broken_content)
    window = make_window(kiosk=True, root=broken_content)
    assert window.current == "updating"
    topic = broken_content / "muscle-cramps" / "topic.yaml"
    topic.write_text(topic.read_text().replace("[44]", "[4]"))
    panel = window.open_staff_panel()
    click(qtbot, panel, "staff-reload")
    assert window.content.bundle is not None
    assert window.current == "welcome"
    assert panel.errors.toPlainText() == "No content problems."


def test_reload_of_a_broken_edit_keeps_showing_content(
    qtbot: QtBot, make_window: MakeWindow, broken_content: Path
) -> None:
    window = make_window(kiosk=True, root=broken_content)
    shown = window.content.bundle
    assert shown is not None
    _break(broken_content)
    window.reload_content()
    assert window.content.bundle is not None
    assert window.content.bundle.id == shown.id
    assert window.content.stale
    assert "citation [44]" in str(window.content.errors[0])


def test_laptop_shows_content_errors_in_a_dialog(
    qtbot: QtBot, make_window: MakeWindow, broken_content: Path
) -> None:
    _break(broken_content)
    window = make_window(root=broken_content)
    window.set_content(load_content(broken_content, require_approved=False))
    dialog = open_dialog(window, "content-errors")
    error_list = dialog.findChild(QPlainTextEdit, "error-list")
    assert isinstance(error_list, QPlainTextEdit)
    assert "citation [44] has no reference" in error_list.toPlainText()


def test_require_approved_refuses_submitted_content(
    qtbot: QtBot, make_window: MakeWindow, staff_hash: str
) -> None:
    settings = Settings(staff_pin=staff_hash, require_approved=True)
    window = make_window(kiosk=True, settings=settings)
    assert window.current == "updating"
    assert "is not approved" in str(window.content.errors[0])


def test_unexpected_error_is_logged_without_input_and_starts_over(
    qtbot: QtBot,
    window: MainWindow,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook(window.recover)
    to_topic(qtbot, window)
    typed = "my" + " secret"  # what a visitor entered; it must not reach the log
    try:
        raise ValueError(f"the visitor typed: {typed}")
    except ValueError:
        with caplog.at_level(logging.ERROR, logger="kiosk"):
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert window.current == "welcome"
    assert window.session.is_start_state()
    assert "unexpected ValueError; starting over" in caplog.text
    assert "my secret" not in caplog.text


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_handler(
    qtbot: QtBot,
    window: MainWindow,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(window.recover)
    to_topic(qtbot, window)

    def broken() -> None:
        raise RuntimeError("boom")

    find_button(window, "banner-about").clicked.connect(broken)
    with caplog.at_level(logging.ERROR, logger="kiosk"):
        click(qtbot, window, "banner-about")
    qtbot.waitUntil(lambda: window.current == "welcome", timeout=2000)
    assert "unexpected RuntimeError" in caplog.text


# -- issue 18: the PIN's count and lockout, a reload that cannot fail --------------------


def test_attack_wrong_pins_are_counted_in_the_staff_panel(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    kiosk_window.open_staff()
    dialog = open_dialog(kiosk_window, "pin")
    assert isinstance(dialog, PinDialog)
    _enter(qtbot, dialog, "000000")
    _enter(qtbot, dialog, "1111")
    _enter(qtbot, dialog, PIN)
    panel = open_dialog(kiosk_window, "staff")
    assert "Wrong PINs typed before this staff sign-in: 2." in texts(panel)


def test_attack_restart_does_not_reset_the_pin_lockout(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    first = make_window(kiosk=True)
    first.open_staff()
    dialog = open_dialog(first, "pin")
    assert isinstance(dialog, PinDialog)
    for wrong in ("000000", "111111", "222222"):
        _enter(qtbot, dialog, wrong)
    dialog.done(0)
    first.allow_close = True
    first.close()
    again = make_window(kiosk=True)  # the app started again (same home folder)
    again.open_staff()
    dialog = open_dialog(again, "pin")
    assert isinstance(dialog, PinDialog)
    _enter(qtbot, dialog, PIN)
    assert dialog.status.text().startswith("Too many wrong PINs. Try again in")
    wait = int(dialog.status.text().split(" in ")[1].split(" ")[0])
    assert 0 < wait <= 30


def test_attack_reload_that_raises_keeps_the_visit_and_says_so(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    """Staff "Reload content" raised inside the button: the session was wiped and the
    panel closed, having said "No content problems"."""
    to_topic(qtbot, kiosk_window)
    panel = kiosk_window.open_staff_panel()

    def broken_reload() -> object:
        raise UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates not allowed")

    kiosk_window.options.reload = broken_reload  # type: ignore[assignment]
    click(qtbot, panel, "staff-reload")
    assert panel.isVisible()
    assert "Reloading failed (UnicodeEncodeError): still showing the content loaded before." in (
        texts(panel)
    )
    assert kiosk_window.content.bundle is not None
    assert not kiosk_window.session.is_start_state()


def test_attack_reload_with_a_non_utf8_file_name_keeps_the_last_good_content(
    qtbot: QtBot, make_window: MakeWindow, broken_content: Path
) -> None:
    import os

    window = make_window(kiosk=True, root=broken_content)
    assert window.content.bundle is not None
    (broken_content / "muscle-cramps" / os.fsdecode(b"caf\xe9.yaml")).write_text("x: 1\n")
    panel = window.open_staff_panel()
    click(qtbot, panel, "staff-reload")
    assert window.content.bundle is not None
    assert window.content.stale
    shown = texts(panel)
    assert "Reloaded: 1 content problem(s)." in shown
    assert "A newer edit failed to load: this is the last good content." in shown
    assert "caf\\xe9.yaml:1:1: the file name is not valid UTF-8 text" in panel.errors.toPlainText()
