"""Small building blocks shared by the screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def label(text: str = "", role: str | None = None, *, rich: bool = False) -> QLabel:
    """A word-wrapping label; ``role`` picks its style (h1, h2, hero, muted)."""
    widget = QLabel()
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    widget.setText(text)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if role:
        widget.setProperty("role", role)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


class WrapButton(QPushButton):
    """A push button whose text wraps onto more lines instead of being cut off.

    Used for long content titles (section list, next/previous), so that text at 200%
    never needs horizontal scrolling.
    """

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._label.setObjectName("wrap-label")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(22, 10, 22, 10)
        layout.addWidget(self._label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._label.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def text(self) -> str:
        return self._label.text()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return max(self.minimumHeight(), layout.heightForWidth(width) if layout else 0)

    def sizeHint(self) -> QSize:
        hint = self._label.sizeHint()
        return QSize(min(hint.width() + 44, 900), max(self.minimumHeight(), hint.height() + 20))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.minimumHeight())


def button(
    text: str,
    *,
    role: str | None = None,
    name: str,
    on_click: Callable[[], object] | None = None,
    description: str = "",
    wrap: bool = False,
) -> QPushButton:
    """A push button with an accessible name (and optional description) and a style role.

    ``wrap`` makes a :class:`WrapButton`, for long titles.
    """
    widget = WrapButton(text) if wrap else QPushButton(text)
    widget.setObjectName(name)
    widget.setAccessibleName(text.replace("&", ""))
    if description:
        widget.setAccessibleDescription(description)
    if role:
        widget.setProperty("role", role)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if on_click is not None:
        widget.clicked.connect(lambda: on_click())
    return widget


def set_button_text(widget: QPushButton, text: str) -> None:
    widget.setText(text)
    widget.setAccessibleName(text.replace("&", ""))


def card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(10)
    return frame, layout


class ScrollPage(QScrollArea):
    """A vertically scrolling page; in kiosk mode a finger drags it (kinetic scrolling).

    The scroller listens to touch only (``TouchGesture``): taps on the buttons inside
    still arrive at once, and a mouse behaves as on any desktop.
    """

    def __init__(self, *, kinetic: bool) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.body.setObjectName("pageBody")
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(32, 24, 32, 32)
        self.column.setSpacing(16)
        self.setWidget(self.body)
        if kinetic:
            QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def clear(self) -> None:
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()

    def to_top(self) -> None:
        self.verticalScrollBar().setValue(0)


class PassageView(QFrame):
    """One passage: its text (citations are links) and a 48 px button per cited source.

    Signals:
        citationActivated(int): a citation (link or button) was tapped.
    """

    citationActivated = Signal(int)

    def __init__(self, source_label: str) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self.source_label = source_label
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(8)
        self.text = label(rich=True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.text.linkActivated.connect(self._link)
        layout.addWidget(self.text)
        self.sources = QHBoxLayout()
        self.sources.setSpacing(8)
        layout.addLayout(self.sources)
        self.buttons: list[QPushButton] = []

    def show_text(self, text: str, link_colour: str) -> None:
        from kiosk.content.markup import citations
        from kiosk.ui.richtext import to_html

        self.text.setText(to_html(text, link_colour))
        self.text.setAccessibleName(text)
        numbers = list(dict.fromkeys(n for n, _ in citations(text)))
        if [b.property("number") for b in self.buttons] == numbers:
            return
        while self.sources.count():
            item = self.sources.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.setParent(None)
                old.deleteLater()
        self.buttons = []
        for number in numbers:
            widget = button(
                f"{self.source_label} {number}",
                role="cite",
                name=f"cite-{number}",
                description=f"Opens reference {number}",
            )
            widget.setProperty("number", number)
            widget.clicked.connect(lambda _=False, n=number: self.citationActivated.emit(n))
            self.sources.addWidget(widget)
            self.buttons.append(widget)
        self.sources.addStretch(1)

    def _link(self, href: str) -> None:
        from kiosk.ui.richtext import cite_number

        number = cite_number(href)
        if number is not None:
            self.citationActivated.emit(number)
