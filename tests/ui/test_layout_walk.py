"""The Tab-order walk over the header's rows leaves no stale layout-item wrappers behind.

The crash (issue #12): "'QWidgetItem' object has no attribute 'focusPolicy'" in
``_tab_chrome_first``, in about 1 of 3 screenshot runs. The walk read each row with
``QLayout.itemAt()``; PySide keeps every QWidgetItem wrapper it returns alive (a child of
the layout's wrapper) even after Qt deletes the item, which happens whenever a header
button moves to another row or the language buttons are rebuilt. A widget made later at
the freed address then came back from ``nextInFocusChain()`` as that stale QWidgetItem.
Whether the address is reused is up to malloc, hence "1 in 3"; that a stale wrapper is
left at all is certain, and is what these tests check.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets import controls_in_layout_order
from kiosk.ui.window import MainWindow
from tests.ui.helpers import to_topic


def item_wrappers() -> set[int]:
    """The ids of live Python wrappers of layout items that are not layouts."""
    return {
        id(o)
        for o in shiboken6.getAllValidWrappers()
        if isinstance(o, QLayoutItem) and not isinstance(o, QLayout)
    }


def test_walking_a_layout_makes_no_item_wrappers(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    row = QHBoxLayout(top)
    buttons = [QPushButton(name) for name in "abc"]
    for button in buttons:
        row.addWidget(button)
    before = item_wrappers()
    assert controls_in_layout_order(top) == buttons
    row.removeWidget(buttons[0])  # Qt deletes its QWidgetItem
    buttons[1].setParent(None)  # and this one's
    assert item_wrappers() - before == set()


def test_header_rows_and_languages_change_without_stale_wrappers(
    qtbot: QtBot, kiosk_window: MainWindow
) -> None:
    window = kiosk_window
    before = item_wrappers()
    to_topic(qtbot, window)
    for step in (3, 0, 2, 3, 1, 0):  # buttons move between the header's rows
        window.session.set_text_size(step)
        window.session.set_language("es" if step % 2 else "en")
    window.session.wipe()
    to_topic(qtbot, window)
    assert item_wrappers() - before == set()
    # and the focus chain walk still finds only widgets, chrome first
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window:
        assert isinstance(widget, QWidget)
        widget = widget.nextInFocusChain()
