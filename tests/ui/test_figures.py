"""A bundle's figure is shown in its section, after its passage, with its alt text as
the caption and the accessible name, in the visitor's language."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.ui.screens import SectionScreen
from kiosk.ui.widgets import FigureView, PassageView
from kiosk.ui.window import MainWindow
from tests.ui.helpers import click, to_topic


def _figures(screen: SectionScreen) -> list[FigureView]:
    """The figures shown (one being deleted is hidden and has lost its name)."""
    return [f for f in screen.findChildren(FigureView) if f.objectName()]


def _figure(screen: SectionScreen) -> FigureView:
    figures = _figures(screen)
    assert len(figures) == 1
    return figures[0]


def test_the_calf_stretch_drawing_follows_the_stretch_steps(
    qtbot: QtBot, window: MainWindow
) -> None:
    to_topic(qtbot, window)
    click(qtbot, window, "section-prevention")
    screen = window.screens["section"]
    assert isinstance(screen, SectionScreen)
    figure = _figure(screen)
    assert figure.objectName() == "figure-calf-stretch"
    picture = figure.picture.pixmap()
    assert not picture.isNull()
    assert picture.width() >= 400  # big enough to make out at arm's length
    # drawn in the column after passage 2 (the steps of the NHS calf stretch)
    column = screen.passage_column
    order = [column.itemAt(i).widget() for i in range(column.count())]
    cards = [w for w in order if isinstance(w, PassageView | FigureView)]
    assert cards.index(figure) == 2
    assert figure.caption.text().startswith("Drawing of the calf stretch")
    assert figure.accessibleName() == figure.caption.text()
    shots = os.environ.get("KIOSK_FIGURE_SHOT")  # to look at it: a folder to save into
    if shots:
        screen.page.ensureWidgetVisible(figure)
        figure.grab().save(str(Path(shots) / "figure-en.png"))
    click(qtbot, window, "language-es")
    figure = _figure(screen)
    assert figure.caption.text().startswith("Dibujo del estiramiento de pantorrilla")
    assert figure.accessibleName() == figure.caption.text()


def test_a_section_without_figures_has_none(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window)
    click(qtbot, window, "section-prevention")
    screen = window.screens["section"]
    assert isinstance(screen, SectionScreen)
    assert len(_figures(screen)) == 1
    click(qtbot, screen, "next-section")  # management: no figure
    assert screen.section_id == "management"
    assert _figures(screen) == []
    click(qtbot, screen, "previous-section")  # prevention: the figure is made again
    assert len(_figures(screen)) == 1


def test_the_runners_stretch_drawing_follows_its_steps(qtbot: QtBot, window: MainWindow) -> None:
    to_topic(qtbot, window)
    click(qtbot, window, "section-during-a-cramp")
    screen = window.screens["section"]
    assert isinstance(screen, SectionScreen)
    figure = _figure(screen)
    assert figure.objectName() == "figure-runners-stretch"
    assert not figure.picture.pixmap().isNull()
    column = screen.passage_column
    order = [column.itemAt(i).widget() for i in range(column.count())]
    cards = [w for w in order if isinstance(w, PassageView | FigureView)]
    assert cards.index(figure) == 2  # after the runner's stretch steps (passage 2)
    assert figure.caption.text().startswith("Drawing of the runner's stretch")
    click(qtbot, window, "language-es")
    assert _figure(screen).caption.text().startswith("Dibujo del estiramiento del corredor")
