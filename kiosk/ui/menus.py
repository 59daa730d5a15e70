"""The laptop's menus and their keyboard shortcuts (kiosk mode has none)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from kiosk.ui.session import Session


class MenuCommands(Protocol):
    """What the menus do (the main window does it)."""

    def start_again(self) -> None: ...
    def close(self) -> bool: ...
    def toggle_level(self) -> None: ...
    def toggle_read_aloud(self) -> None: ...
    def ask_question(self) -> None: ...
    def show_about(self) -> None: ...
    def open_staff_panel(self) -> object: ...


class LaptopMenus(QObject):
    """File, View and Help on ``window``'s menu bar, in the session's language: call
    :meth:`build` again when it changes."""

    def __init__(self, window: QMainWindow, session: Session, commands: MenuCommands) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.commands = commands
        self.actions: list[QAction] = []

    def _change_text(self, step: int) -> None:
        self.session.set_text_size(self.session.text_size + step)

    def _toggle_contrast(self) -> None:
        self.session.set_high_contrast(not self.session.high_contrast)

    def _toggle_full_screen(self) -> None:
        if self.window.isFullScreen():
            self.window.showNormal()
        else:
            self.window.showFullScreen()

    def build(self) -> None:
        do = self.commands
        for old in self.actions:
            self.window.removeAction(old)
        self.actions = []
        bar = self.window.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("Start over"), "Ctrl+N", do.start_again)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, do.close)
        view = bar.addMenu(self.tr("&View"))
        self._action(
            view,
            self.tr("Larger text"),
            QKeySequence.StandardKey.ZoomIn,
            lambda: self._change_text(1),
            extra=("Ctrl+=",),
        )
        self._action(
            view,
            self.tr("Smaller text"),
            QKeySequence.StandardKey.ZoomOut,
            lambda: self._change_text(-1),
        )
        self._action(view, self.tr("Switch reading level"), "Ctrl+L", do.toggle_level)
        self._action(view, self.tr("Full screen"), "F11", self._toggle_full_screen)
        self._action(view, self.tr("High contrast"), "Ctrl+Shift+H", self._toggle_contrast)
        self._action(view, self.tr("Read aloud"), "Ctrl+R", do.toggle_read_aloud)
        self._action(
            view, self.tr("Ask a question"), QKeySequence.StandardKey.Find, do.ask_question
        )
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("About this information"), "F1", do.show_about)
        self._action(help_menu, self.tr("Content status"), None, do.open_staff_panel)

    def _action(
        self,
        menu: QMenu,
        text: str,
        shortcut: QKeySequence.StandardKey | str | None,
        slot: Callable[[], object],
        extra: Sequence[str] = (),
    ) -> QAction:
        action = QAction(self.window)  # then the text: QAction(text, parent) first builds QIcon
        action.setText(text)
        shortcuts = []
        if isinstance(shortcut, QKeySequence.StandardKey):
            shortcuts.extend(QKeySequence.keyBindings(shortcut))
        elif isinstance(shortcut, str):
            shortcuts.append(QKeySequence(shortcut))
        shortcuts.extend(QKeySequence(s) for s in extra)
        action.setShortcuts(shortcuts)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.window.addAction(action)
        self.actions.append(action)
        return action
