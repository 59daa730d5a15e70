"""Dialogs: a reference, "About this information", the idle countdown, staff PIN and panel.

In kiosk mode every dialog is frameless and modal, with large buttons; none can be
closed with Escape. All of them close when the session is wiped, and each is freed as
soon as it closes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import ContentError
from kiosk.ui.widgets import ScrollPage, button, label, no_viewport_fill


class KioskDialog(QDialog):
    """A modal dialog that, in kiosk mode, has no frame and ignores Escape."""

    def __init__(self, parent: QWidget | None, *, kiosk: bool, title: str) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.setModal(True)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        if kiosk:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setMinimumWidth(560)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.kiosk and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def fit_to_parent(self, width: float = 0.75, height: float = 0.8) -> None:
        """Take a share of the window, never more than it (the content scrolls), centred."""
        parent = self.parentWidget()
        if parent is None:
            return
        layout = self.layout()
        if layout is not None:  # its minimum size now: resize() keeps to it, centred right
            layout.activate()
        hint = self.sizeHint()
        self.resize(
            min(max(hint.width(), int(parent.width() * width)), parent.width() - 40),
            min(hint.height(), int(parent.height() * height), parent.height() - 40),
        )
        centre = parent.mapToGlobal(parent.rect().center())
        self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)

    def open(self) -> None:
        self.fit_to_parent()
        super().open()
        parent = self.parentWidget()
        watch = getattr(parent.window(), "watch", None) if parent is not None else None
        if callable(watch):
            watch(self)  # the idle timer and the kiosk lockdown see this window too

    def done(self, result: int) -> None:
        """Close, free the dialog (a closed dialog is never shown again: kept until the
        wipe, 300 rounds of dialogs took a gigabyte), and give the keyboard back to the
        window (or to the dialog still open): not every window system does it (a bare
        kiosk session has no window manager), and without it no window would take keys."""
        super().done(result)
        self.deleteLater()
        from PySide6.QtWidgets import QApplication

        parent = self.parentWidget()
        if parent is None:
            return
        target = QApplication.activeModalWidget() or parent.window()
        if target.isVisible() and not target.isActiveWindow():
            target.activateWindow()  # it gives the focus back to its last focused control


class ReadingDialog(KioskDialog):
    """Text to read (a reference, the editorial policy) with one big Close button."""

    def __init__(
        self, parent: QWidget | None, *, kiosk: bool, title: str, html: str, name: str
    ) -> None:
        super().__init__(parent, kiosk=kiosk, title=title)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        heading = label(title, role="h1")
        layout.addWidget(heading)
        self.page = ScrollPage(kinetic=kiosk, focusable=True)  # Page Down scrolls it
        self.page.setAccessibleName(title)
        self.page.column.setContentsMargins(0, 0, 0, 0)
        self.body = label(html, rich=True)  # read as its text (its name is the text)
        self.page.column.addWidget(self.body)
        self.page.column.addStretch(1)
        layout.addWidget(self.page, 1)
        self.close_button = button(
            self.tr("Close"), role="primary", name="close", on_click=self.accept
        )
        layout.addWidget(self.close_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.close_button.setFocus()


class CountdownDialog(KioskDialog):
    """ "Starting over in 15 s" with "I'm still here"; any touch counts as still here.

    Signals:
        expired(): the countdown reached zero.
    """

    expired = Signal()

    def __init__(self, parent: QWidget | None, *, kiosk: bool, seconds: int) -> None:
        super().__init__(parent, kiosk=kiosk, title=self.tr("Are you still there?"))
        self.setObjectName("countdown")
        self.remaining = seconds
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(16)
        layout.addWidget(label(self.tr("Are you still there?"), role="h1"))
        self.message = label(role="h2")
        layout.addWidget(self.message)
        layout.addWidget(
            label(
                self.tr(
                    "To keep your choices private, this screen will start over for the next person."
                ),
                role="muted",
            )
        )
        self.still_here = button(
            self.tr("I'm still here"), role="primary", name="still-here", on_click=self.accept
        )
        self.still_here.setMinimumHeight(80)
        layout.addWidget(self.still_here)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self._show_remaining()

    def start(self) -> None:
        self.timer.start()
        self.open()
        self.still_here.setFocus()

    def _show_remaining(self) -> None:
        self.message.setText(self.tr("Starting over in {seconds} s").format(seconds=self.remaining))
        self.message.setAccessibleName(self.message.text())

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.timer.stop()
            self.expired.emit()
            return
        self._show_remaining()

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)


class PinDialog(KioskDialog):
    """A PIN pad (no keyboard needed). ``check`` decides; wrong PINs are rate-limited there.

    Signals:
        unlocked(): the right PIN was entered.
    """

    unlocked = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        *,
        kiosk: bool,
        check: Callable[[str], bool],
        locked_for: Callable[[], float],
    ) -> None:
        super().__init__(parent, kiosk=kiosk, title=self.tr("Staff only"))
        self.setObjectName("pin")
        self.check = check
        self.locked_for = locked_for
        self.digits = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(label(self.tr("Staff only: enter the PIN"), role="h1"))
        self.display = label("", role="h2")
        self.display.setAccessibleName(self.tr("PIN entered"))
        layout.addWidget(self.display)
        self.status = label("", role="muted")
        layout.addWidget(self.status)
        grid = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
        for index, key in enumerate(keys):
            text = {"clear": self.tr("Clear"), "ok": self.tr("OK")}.get(key, key)
            widget = button(
                text,
                role="primary" if key == "ok" else None,
                name=f"pin-{key}",
                on_click=partial(self._press, key),
            )
            widget.setMinimumSize(96, 72)
            grid.addWidget(widget, index // 3, index % 3)
        layout.addLayout(grid)
        self.cancel = button(self.tr("Cancel"), name="pin-cancel", on_click=self.reject)
        layout.addWidget(self.cancel)
        self._update()

    def _press(self, key: str) -> None:
        if key == "clear":
            self.digits = ""
        elif key == "ok":
            self._submit()
            return
        elif len(self.digits) < 12:
            self.digits += key
        self._update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit():
            self._press(text)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        elif event.key() == Qt.Key.Key_Backspace:
            self.digits = self.digits[:-1]
            self._update()
        else:
            super().keyPressEvent(event)

    def _submit(self) -> None:
        pin, self.digits = self.digits, ""
        if self.check(pin):
            self.unlocked.emit()
            self.accept()
            return
        wait = self.locked_for()
        if wait > 0:
            self.status.setText(
                self.tr("Too many wrong PINs. Try again in {seconds} s.").format(
                    seconds=int(wait + 0.999)
                )
            )
        else:
            self.status.setText(self.tr("Wrong PIN."))
        self._update()

    def _update(self) -> None:
        self.display.setText("●" * len(self.digits) or " ")


class StaffPanel(KioskDialog):
    """Content status and errors, reload, exit the kiosk. Only staff get here.

    Signals:
        reloadRequested(), exitRequested()
    """

    reloadRequested = Signal()
    exitRequested = Signal()

    def __init__(self, parent: QWidget | None, *, kiosk: bool) -> None:
        super().__init__(parent, kiosk=kiosk, title=self.tr("Staff panel"))
        self.setObjectName("staff")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(label(self.tr("Staff panel"), role="h1"))
        self.status = label("")
        layout.addWidget(self.status)
        self.errors = QPlainTextEdit()
        self.errors.setReadOnly(True)
        self.errors.setAccessibleName(self.tr("Content problems"))
        self.errors.setObjectName("staff-errors")
        no_viewport_fill(self.errors)  # the style sheet's background (see no_viewport_fill)
        layout.addWidget(self.errors, 1)
        row = QHBoxLayout()
        row.addWidget(
            button(
                self.tr("Reload content"), name="staff-reload", on_click=self.reloadRequested.emit
            )
        )
        if kiosk:
            row.addWidget(
                button(
                    self.tr("Exit the kiosk"), name="staff-exit", on_click=self.exitRequested.emit
                )
            )
        row.addStretch(1)
        row.addWidget(button(self.tr("Close"), role="primary", name="close", on_click=self.accept))
        layout.addLayout(row)

    def show_status(
        self, lines: Sequence[str], errors: Sequence[ContentError], library: Sequence[str] = ()
    ) -> None:
        """``lines`` of status; in the box, ``library`` (each bundle and its status) and
        every content problem."""
        self.status.setText("\n".join(lines))
        problems = [str(e) for e in errors] or [self.tr("No content problems.")]
        self.errors.setPlainText("\n".join([*library, *([""] if library else []), *problems]))


def content_error_text(errors: Sequence[ContentError]) -> str:
    return "\n".join(str(e) for e in errors)


def show_content_errors(parent: QWidget | None, errors: Sequence[ContentError]) -> QDialog:
    """Laptop mode: the located content errors in a dialog (non-blocking)."""
    translate = QCoreApplication.translate  # lupdate reads the context from each call
    title = translate("ContentErrors", "Content problems")
    dialog = KioskDialog(parent, kiosk=False, title=title)
    dialog.setObjectName("content-errors")
    layout = QVBoxLayout(dialog)
    layout.addWidget(
        label(
            translate(
                "ContentErrors",
                "Some content could not be loaded. Fix "
                "these problems and reload (kiosk validate shows the same "
                "list):",
            )
        )
    )
    text = QPlainTextEdit(content_error_text(errors))
    text.setReadOnly(True)
    text.setObjectName("error-list")
    text.setAccessibleName(title)
    layout.addWidget(text, 1)
    close = button(
        translate("ContentErrors", "Close"), role="primary", name="close", on_click=dialog.accept
    )
    layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
    dialog.open()
    return dialog
