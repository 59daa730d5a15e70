"""Kiosk mode is locked down and touch-sized; laptop mode has menus and shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScroller
from pytestqt.qtbot import QtBot

from kiosk.ui.window import MainWindow
from tests.ui.helpers import click, open_dialog, to_topic


def _visible_buttons(window: MainWindow) -> list[QPushButton]:
    return [b for b in window.findChildren(QPushButton) if b.isVisible()]


def test_kiosk_window_is_frameless(kiosk_window: MainWindow) -> None:
    assert kiosk_window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert kiosk_window.menuBar().actions() == []


def test_kiosk_window_refuses_to_close(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    kiosk_window.allow_close = False
    assert kiosk_window.close() is False
    assert kiosk_window.isVisible()


def test_kiosk_swallows_escape_and_alt_f4(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    to_topic(qtbot, kiosk_window)
    click(qtbot, kiosk_window, "banner-about")
    dialog = open_dialog(kiosk_window, "about-dialog")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    # keys as the window system delivers them: to the window, where the lockdown sits
    for target in (dialog.windowHandle(), kiosk_window.windowHandle()):
        assert target is not None
        QTest.keyClick(target, Qt.Key.Key_Escape)
        QTest.keyClick(target, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        QTest.keyClick(target, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert kiosk_window.isVisible()


def test_lockdown_lets_other_keys_through(kiosk_window: MainWindow) -> None:
    lockdown = kiosk_window.lockdown
    assert lockdown is not None
    for key, modifiers, swallowed in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, True),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier, True),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier, True),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, False),
        (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, False),
    ):
        event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
        assert lockdown.eventFilter(kiosk_window, event) is swallowed, key


def test_kiosk_has_no_context_menus(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    lockdown = kiosk_window.lockdown
    assert lockdown is not None
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    assert lockdown.eventFilter(kiosk_window, event) is True  # swallowed at the window
    to_topic(qtbot, kiosk_window)
    click(qtbot, kiosk_window, "section-exercise")
    texts = kiosk_window.screens["section"].findChildren(QLabel)
    assert texts
    assert all(t.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu for t in texts)


def test_kiosk_scrolls_by_dragging(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    from PySide6.QtTest import QTest

    to_topic(qtbot, kiosk_window)
    page = kiosk_window.screens["topic"].page
    viewport = page.viewport()
    assert QScroller.hasScroller(viewport)
    bar = page.verticalScrollBar()
    assert bar.value() == 0
    assert bar.maximum() > 0
    finger = QTest.createTouchDevice()
    start = QPoint(viewport.width() // 2, viewport.height() - 40)
    QTest.touchEvent(viewport, finger).press(0, start)
    for step in range(1, 11):
        qtbot.wait(16)
        QTest.touchEvent(viewport, finger).move(0, start - QPoint(0, 30 * step))
    QTest.touchEvent(viewport, finger).release(0, start - QPoint(0, 300))
    qtbot.waitUntil(lambda: bar.value() > 100, timeout=3000)  # the finger dragged it


def test_attack_no_gesture_type_or_python_type_per_scroll_page(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    """One new Python EnumType and Qt GestureType per visit (QScroller.grabGesture on
    each new scroll area): a page made now adds no type at all."""
    import gc

    from kiosk.ui.widgets import ScrollPage

    pages = [ScrollPage(kinetic=True) for _ in range(3)]  # the first may set things up
    gc.collect()
    before = sum(1 for item in gc.get_objects() if isinstance(item, type))
    pages += [ScrollPage(kinetic=True) for _ in range(20)]
    gc.collect()
    after = sum(1 for item in gc.get_objects() if isinstance(item, type))
    assert after == before
    for page in pages:
        assert QScroller.hasScroller(page.viewport())
        page.deleteLater()


def test_kiosk_touch_targets_are_48px_or_more_on_every_screen(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    seen = set()
    for step in (None, "touch-to-start", "audience-patient", "section-mechanisms"):
        if step == "touch-to-start":
            qtbot.mouseClick(kiosk_window.screens["welcome"], Qt.MouseButton.LeftButton)
        elif step:
            click(qtbot, kiosk_window, step)
        QApplication.processEvents()
        for widget in _visible_buttons(kiosk_window):
            assert widget.height() >= 48, (widget.objectName(), widget.size())
            assert widget.width() >= 48, (widget.objectName(), widget.size())
            seen.add(widget.objectName())
    assert {"start-over", "level-patient", "next-section", "cite-2"} <= seen


def test_nothing_relies_on_hover(kiosk_window: MainWindow) -> None:
    assert all(not b.toolTip() for b in kiosk_window.findChildren(QPushButton))


def test_laptop_menus_and_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Help"]
    to_topic(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session.reading_level == "clinician"
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.session.text_size == 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.session.text_size == 0
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.isFullScreen()


def test_laptop_has_no_idle_reset_unless_asked(make_window: object) -> None:
    laptop = make_window()  # type: ignore[operator]
    assert not laptop.idle.enabled
    asked = make_window(idle_reset=True)  # type: ignore[operator]
    assert asked.idle.enabled


def test_laptop_window_closes_normally(window: MainWindow) -> None:
    assert window.close() is True


def test_no_button_is_cut_short_at_200_percent(qtbot: QtBot, kiosk_window: MainWindow) -> None:
    """At the largest text, 1280x800, every visible button is as wide as its label needs."""
    to_topic(qtbot, kiosk_window)
    for _ in range(3):
        click(qtbot, kiosk_window, "text-larger")
    assert kiosk_window.session.text_size == 3
    for screen in ("topic", "section"):
        if screen == "section":
            click(qtbot, kiosk_window, "section-medical-conditions")
        QApplication.processEvents()
        for widget in _visible_buttons(kiosk_window):
            needed = widget.sizeHint().width()
            assert widget.width() >= min(needed, kiosk_window.width() - 64), (
                screen,
                widget.objectName(),
                widget.width(),
                needed,
            )
