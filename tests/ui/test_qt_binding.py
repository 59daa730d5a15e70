"""The Qt binding itself: PySide6 6.12.0 lost a reference to None whenever a Qt method
returned no object, and on Python 3.11 a long kiosk session then crashed at a random
moment ("Fatal Python error: none_dealloc"). pyproject.toml keeps that release out;
this test fails on any binding with the same leak."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_methods_that_return_no_object_keep_none_alive(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    row.addStretch(1)
    spacer = row.itemAt(0)
    assert spacer is not None
    scroll, stack = QScrollArea(), QStackedWidget()
    before = sys.getrefcount(None)
    for _ in range(500):
        assert spacer.widget() is None
        assert scroll.widget() is None
        assert stack.currentWidget() is None
        assert QWidget().layout() is None
    assert sys.getrefcount(None) - before > -100  # a leak loses 2000
