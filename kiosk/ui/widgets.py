"""Small building blocks shared by the screens.

The builders that the first screen uses (:func:`label`, :func:`button`,
:class:`ScrollPage`) set Qt enum values through Qt properties, as ints: in PySide6,
naming any member of the ``Qt`` namespace (``Qt.AlignmentFlag``, ``Qt.CursorShape``,
...) first builds all of its ~90 enum types, some 25 ms, which the first paint does
not need. Only the hand cursor has no such route; :func:`cursors_later` lets the main
window set it later (when a mouse pointer first moves over the window).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap, QTouchEvent, QWindow
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.markup import citations, plain_text
from kiosk.ui.richtext import cite_number, to_html

# Qt enum values, written to Qt properties (see the module's docstring)
PLAIN_TEXT, RICH_TEXT = 0, 1  # Qt.TextFormat
NO_TEXT_INTERACTION = 0  # Qt.TextInteractionFlag
ALIGN_CENTER = 0x84  # Qt.AlignmentFlag.AlignCenter (AlignHCenter | AlignVCenter)
STRONG_FOCUS = 11  # Qt.FocusPolicy.StrongFocus
NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus
TAB_FOCUS = 1  # the Qt.FocusPolicy.TabFocus bit
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff
NO_FRAME = 0  # QFrame.Shape.NoFrame

_waiting_cursors: list[QWidget] | None = None
"""Buttons made while :func:`cursors_later` is in effect: they get the hand cursor later."""


def label(text: str = "", role: str | None = None, *, rich: bool = False) -> QLabel:
    """A word-wrapping label; ``role`` picks its style (h1, h2, hero, muted)."""
    return _set_up(QLabel(), text, role, rich=rich)


def _set_up(widget: QLabel, text: str, role: str | None, *, rich: bool) -> QLabel:
    if role:  # first: a screen reader's view of the label (a heading?) is made at setText
        widget.setProperty("role", role)
    widget.setWordWrap(True)
    widget.setProperty("textFormat", RICH_TEXT if rich else PLAIN_TEXT)
    widget.setText(text)
    widget.setProperty("textInteractionFlags", NO_TEXT_INTERACTION)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


class _LongText(QLabel):
    """A word-wrapping label that remembers its size hints and heights, per text.

    A change of text makes the layouts of a scrolling page ask each label for its size
    hints and its height at a few widths, several times each, and for long text every
    answer lays the whole text out anew. A reading-level switch shows the same texts
    again, so the answers are kept, per text. Only for labels whose format, wrapping
    and margins are set once, when they are made; a change of font or style (the text
    size) forgets them all.
    """

    def __init__(self) -> None:
        super().__init__()
        self._hints: dict[tuple[str, bool], QSize] = {}  # (text, minimum?) -> hint
        self._heights: dict[tuple[str, int], int] = {}  # (text, width) -> height

    def _hint(self, minimum: bool) -> QSize:
        key = (self.text(), minimum)
        hint = self._hints.get(key)
        if hint is None:
            if len(self._hints) >= 16:  # both levels, and some
                self._hints.clear()
            hint = super().minimumSizeHint() if minimum else super().sizeHint()
            self._hints[key] = hint
        return QSize(hint)  # a copy: the caller may change it

    def sizeHint(self) -> QSize:
        return self._hint(False)

    def minimumSizeHint(self) -> QSize:
        return self._hint(True)

    def heightForWidth(self, width: int) -> int:
        key = (self.text(), width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= 32:  # both levels at a few widths, and some
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        self._hints.clear()  # a font, style or other change may change the sizes
        self._heights.clear()
        super().changeEvent(event)


class WrapButton(QPushButton):
    """A push button whose text wraps onto more lines instead of being cut off.

    Used for long content titles (section list, next/previous), so that text at 200%
    never needs horizontal scrolling.
    """

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._label = _LongText()
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
        self.toggled.connect(self._show_chosen)

    def _show_chosen(self, chosen: bool) -> None:
        """A chosen answer's words in the chosen colours (white on blue): the style sheet
        reaches the label through a property, not through the button's state."""
        self._label.setProperty("chosen", chosen)
        style = self._label.style()
        style.unpolish(self._label)
        style.polish(self._label)

    def setText(self, text: str) -> None:
        self._label.setText(text)
        self.setAccessibleName(spoken_name(text))
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
    widget.setAccessibleName(spoken_name(text))
    if description:
        widget.setAccessibleDescription(description)
    if role:
        widget.setProperty("role", role)
    if _waiting_cursors is None:
        set_hand_cursor([widget])
    else:
        _waiting_cursors.append(widget)
    widget.setProperty("focusPolicy", STRONG_FOCUS)
    widget.setAutoDefault(True)  # Return presses it, as Space does (Qt: in dialogs only)
    if on_click is not None:
        widget.clicked.connect(lambda: on_click())
    return widget


def set_hand_cursor(widgets: list[QWidget]) -> None:
    """Give each of ``widgets`` that still exists the pointing-hand cursor."""
    for widget in widgets:
        if shiboken6.isValid(widget):
            widget.setCursor(Qt.CursorShape.PointingHandCursor)


def cursors_later(waiting: list[QWidget] | None) -> None:
    """Collect the buttons made from now on in ``waiting``, without their cursor (None: stop).

    The caller gives them the cursor later, with :func:`set_hand_cursor` (see the
    module's docstring).
    """
    global _waiting_cursors
    _waiting_cursors = waiting


def tab_in_reading_order(root: QWidget) -> None:
    """Tab through the controls under ``root`` in the order its layouts show them (top to
    bottom, left to right), not in the order they were made; a screen reader's tree
    follows the same order.

    Call it after adding controls (a passage's citation buttons, the answers): Qt puts a
    new widget last in the Tab order.
    """
    controls = [w for w in stack_in_layout_order(root) if int(w.focusPolicy().value) & TAB_FOCUS]
    # ``root`` takes Tab focus for a moment, as the anchor of the order: Qt's setTabOrder
    # skips widgets without focus, so on its own it would take [c, a, b] for [a, b, c]
    # (the same round), and the first control would stay wherever it was made
    policy = root.focusPolicy()
    root.setProperty("focusPolicy", TAB_FOCUS)
    try:
        for first, second in pairwise([root, *controls]):
            QWidget.setTabOrder(first, second)
    finally:
        root.setFocusPolicy(policy)


def stack_in_layout_order(root: QWidget) -> list[QWidget]:
    """Put the widgets under ``root`` in the order its layouts show them, and list them.

    A screen reader's tree lists a widget's children in their stacking order (the order
    they were made, or raised): raising each in turn makes it the layout's, and nothing
    in a layout overlaps, so nothing looks different.
    """
    found: list[QWidget] = []
    _in_layout_order(root, found)
    for widget in found:
        widget.raise_()
    return found


def controls_in_layout_order(root: QWidget) -> list[QWidget]:
    """The widgets under ``root`` that Tab stops at (shown or not), in the order its
    layouts show them."""
    found: list[QWidget] = []
    _in_layout_order(root, found)
    return [w for w in found if int(w.focusPolicy().value) & TAB_FOCUS]


def _in_layout_order(widget: QWidget, found: list[QWidget]) -> None:
    layout = widget.layout()
    if layout is not None:
        _layout_items(layout, found)
    elif isinstance(widget, QScrollArea):
        page = widget.widget()
        if page is not None:
            found.append(page)
            _in_layout_order(page, found)


def _layout_items(layout: QLayout, found: list[QWidget]) -> None:
    """The widgets and inner layouts of ``layout`` in its order, found without
    ``itemAt()``: PySide keeps every QWidgetItem wrapper that ``itemAt()`` returns alive
    (as a child of the layout's wrapper) after Qt deletes the item, when a widget is
    removed, moved to another row or deleted. A widget later made at the same address
    then came back from ``nextInFocusChain()`` as that stale wrapper, and the Tab-order
    walk failed with "'QWidgetItem' object has no attribute 'focusPolicy'" (issue #12).
    ``indexOf()`` takes a widget or a layout and makes no item wrapper."""
    owner = layout.parentWidget()
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    widgets: list[QWidget] = (
        [w for w in owner.findChildren(QWidget, options=direct) if layout.indexOf(w) >= 0]
        if owner is not None
        else []
    )
    inner: list[QLayout] = layout.findChildren(QLayout, options=direct)
    children: list[QWidget | QLayout] = [*widgets, *inner]
    for child in sorted(children, key=layout.indexOf):
        if isinstance(child, QLayout):
            _layout_items(child, found)
        else:
            found.append(child)
            _in_layout_order(child, found)


def release_layout_items() -> None:
    """Drop PySide's wrappers of layout items (QWidgetItem, QSpacerItem; not layouts).

    ``addLayout()`` of a row built on its own gives every item in it a Python wrapper,
    kept alive with the layout's, and Qt deletes items without telling PySide (a widget
    deleted or moved to another row). A widget made later at a freed item's address then
    came back from Qt as that stale wrapper: in ``_tab_chrome_first``, "'QWidgetItem'
    object has no attribute 'focusPolicy'" (issue #12, 1 run in 3). No code here keeps
    an item, so every such wrapper is let go (``invalidate`` leaves the item to Qt)."""
    for wrapper in shiboken6.getAllValidWrappers():
        if isinstance(wrapper, QLayoutItem) and not isinstance(wrapper, QLayout):
            shiboken6.invalidate(wrapper)


def clear_layout(layout: QLayout) -> None:
    """Take every item out of ``layout`` and delete it and its widgets.

    Qt leaves a taken item to the caller to delete, and PySide keeps its wrapper alive
    with the layout's: deleted here, or every rebuild of a row would leave one behind."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            # not setParent(None): a widget Python owns, freed while Qt's deleteLater is
            # pending, crashed the kiosk after a few visits (tests/ui/test_soak.py)
            widget.hide()
            widget.setObjectName("")  # findChild finds its successor, not it
            widget.deleteLater()
        shiboken6.delete(item)


def discard(widget: QWidget) -> None:
    """Throw away a part of the window built for one visit (a screen, the header, a
    dialog): hidden and out of the window at once, so that neither a visitor nor
    ``findChild`` meets it again, and deleted by Qt once back in its event loop (Qt
    keeps ownership: nothing is freed while one of its signals is being handled)."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


def set_button_text(widget: QPushButton, text: str) -> None:
    widget.setText(text)
    widget.setAccessibleName(spoken_name(text))


def chosen_text(text: str, widget: QPushButton) -> str:
    """``text`` with a check mark in front when ``widget`` is checked: a choice is shown by
    more than its colour (WCAG 1.4.1). The mark is not in the accessible name."""
    return ("✓  " + text.lstrip("◐ ")) if widget.isChecked() else text


# drawn for the eye, never said: arrows, icons and the check mark of a chosen answer
_SYMBOLS = str.maketrans(dict.fromkeys("⟲◐‹›❚■▶⚠✓&", " "))


def spoken_name(text: str) -> str:
    """A button's accessible name: its visible words, without the symbols drawn beside
    them (a screen reader would say "single left-pointing angle quotation mark")."""
    return " ".join(text.translate(_SYMBOLS).split())


def card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(10)
    return frame, layout


class TouchScroller(QObject):
    """Kinetic scrolling for a finger: one filter on each top-level window (QWindow).

    It sees a touch before any widget does, finds the kinetic page under the finger and
    feeds the finger's moves to that page's QScroller; the touch then goes on as usual
    (a tap still reaches the button under the finger, as a click).

    Not ``QScroller.grabGesture``: that registers a new gesture recognizer, and so a new
    Qt gesture type, for every scroll area, and PySide makes a Python enum type for
    each; with pages and dialogs built per visit, they piled up visit after visit.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        step = _TOUCH_INPUT.get(event.type())
        if step is None:
            return False
        if not isinstance(event, QTouchEvent) or not event.points():
            return False
        point = event.points()[0]
        if step == _TOUCH_INPUT[QEvent.Type.TouchBegin]:
            self._viewport = None
            if isinstance(watched, QWindow):
                found = QApplication.widgetAt(watched.mapToGlobal(point.position().toPoint()))
                while found is not None and not found.property("kinetic"):
                    found = found.parentWidget()
                self._viewport = found
        viewport = getattr(self, "_viewport", None)
        if viewport is not None:
            where = viewport.mapFromGlobal(point.globalPosition())
            QScroller.scroller(viewport).handleInput(step, where, event.timestamp())
        return False


_TOUCH_INPUT: dict[QEvent.Type, Any] = {}
_touch_scroller: list[TouchScroller] = []


def touch_scroller() -> TouchScroller:
    """The one :class:`TouchScroller` (to install on each top-level window's QWindow)."""
    if not _touch_scroller:
        _TOUCH_INPUT.update(
            {
                QEvent.Type.TouchBegin: QScroller.Input.InputPress,
                QEvent.Type.TouchUpdate: QScroller.Input.InputMove,
                QEvent.Type.TouchEnd: QScroller.Input.InputRelease,
            }
        )
        _touch_scroller.append(TouchScroller())
    return _touch_scroller[0]


def _kinetic(viewport: QWidget) -> None:
    """Mark ``viewport`` for :class:`TouchScroller` and give it its QScroller."""
    touch_scroller()  # the input table is filled
    viewport.setProperty("kinetic", True)
    QScroller.scroller(viewport)


def no_viewport_fill(area: QAbstractScrollArea) -> None:
    """The viewport of ``area`` paints no background of its own (the style sheet's
    background of the scroll area shows through it, as the style sheet would do anyway).

    Left to the style sheet (a background on the scroll area), Qt 6.11 turns the
    viewport's fill off itself and keeps memory for it after the page is deleted: some
    1.6 KiB of the C heap per visit's screens and dialogs, visit after visit (measured
    with bench/soak.py's heap column; with the fill off from the start, nothing)."""
    area.viewport().setAutoFillBackground(False)


class ScrollPage(QScrollArea):
    """A vertically scrolling page; in kiosk mode a finger drags it (kinetic scrolling).

    The scroller listens to touch only (:class:`TouchScroller`, on the window): taps on
    the buttons inside still arrive at once, and a mouse behaves as on any desktop.

    A screen's page takes no keyboard focus (Tab goes from button to button, and Page
    Up/Down from any of them scroll it); ``focusable`` pages (a dialog's text, with no
    button inside) take it, and show the focus ring. A control that gets the focus from
    the keyboard is scrolled into view, also when Tab comes from outside the page (Qt
    does it only for Tab within the page).
    """

    def __init__(self, *, kinetic: bool, focusable: bool = False) -> None:
        super().__init__()
        self.setProperty("focusPolicy", STRONG_FOCUS if focusable else NO_FOCUS)
        self.setWidgetResizable(True)
        self.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        self.setProperty("frameShape", NO_FRAME)
        self.body = QWidget()
        self.body.setObjectName("pageBody")
        self.column = QVBoxLayout(self.body)
        # the page is as tall as its text at the page's width, never more: by default the
        # page's minimum is its labels' heights at a narrow width, and a long results page
        # scrolled on into some 800 px of empty space
        self.column.setProperty("sizeConstraint", 0)  # QLayout.SetNoConstraint
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.column.setContentsMargins(32, 24, 32, 32)
        self.column.setSpacing(16)
        self.setWidget(self.body)
        no_viewport_fill(self)
        self.verticalScrollBar().setAccessibleName(self.tr("Scroll the page"))
        self._tab_to: QWidget | None = None  # where Tab goes from the page (focus_before)
        if kinetic:
            _kinetic(self.viewport())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        # not the window's first focus (no scrolling needed; and no Qt enum at start-up)
        if old is None or now is None or not self.body.isAncestorOf(now):
            return
        if QApplication.mouseButtons() == Qt.MouseButton.NoButton:  # not a tap or a click
            self.ensureWidgetVisible(now)

    def to_top(self) -> None:
        self.verticalScrollBar().setValue(0)

    def focus_before(self, control: QWidget) -> None:
        """Take the focus (the screen's title in view), Tab going on to ``control``: a
        screen's first control below the first screenful (kiosk.ui.screens)."""
        self._tab_to = control
        self.to_top()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def focusNextPrevChild(self, forward: bool) -> bool:
        control, self._tab_to = self._tab_to, None
        if forward and self.hasFocus() and control is not None and control.isVisible():
            control.setFocus(Qt.FocusReason.TabFocusReason)  # scrolled into view: above
            return True
        return super().focusNextPrevChild(forward)


SOURCES_PER_ROW = 4  # source buttons side by side: at 200% text, four still fit a narrow card


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
        self.text = _set_up(_LongText(), "", None, rich=True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.text.linkActivated.connect(self._link)
        layout.addWidget(self.text)
        self.sources = QVBoxLayout()  # rows of at most SOURCES_PER_ROW buttons
        self.sources.setSpacing(8)
        layout.addLayout(self.sources)
        self.buttons: list[QPushButton] = []

    def show_text(self, text: str, link_colour: str) -> bool:
        """Show ``text``; whether its source buttons were made anew (more or fewer
        sources: as many as before are renumbered, so a level switch makes none)."""
        self.text.setText(to_html(text, link_colour))
        # the words a screen reader says: no "**" or "- " of the markup
        self.text.setAccessibleName(plain_text(text, keep_citations=True))
        numbers = list(dict.fromkeys(n for n, _ in citations(text)))
        if len(self.buttons) == len(numbers):
            for widget, number in zip(self.buttons, numbers, strict=True):
                self._number(widget, number)
            return False
        while self.sources.count():
            row_item = self.sources.takeAt(0)
            row_layout = row_item.layout() if row_item is not None else None
            if row_layout is not None:
                clear_layout(row_layout)
            if row_item is not None:
                shiboken6.delete(row_item)
        self.buttons = []
        row = QHBoxLayout()
        for number in numbers:
            widget = button("", role="cite", name=f"cite-{number}")
            self._number(widget, number)
            widget.clicked.connect(self._cite)
            if row.count() == SOURCES_PER_ROW:  # a passage citing many sources: a new row
                row.addStretch(1)
                self.sources.addLayout(row)
                row = QHBoxLayout()
            row.setSpacing(8)
            row.addWidget(widget)
            self.buttons.append(widget)
        row.addStretch(1)
        self.sources.addLayout(row)
        return True

    def _number(self, widget: QPushButton, number: int) -> None:
        """``widget`` is the button of source ``number`` (in the words of the moment)."""
        widget.setProperty("number", number)
        widget.setObjectName(f"cite-{number}")
        set_button_text(widget, f"{self.source_label} {number}")
        widget.setAccessibleDescription(self.tr("Opens reference {number}").format(number=number))

    def _cite(self) -> None:
        number = self.sender().property("number")
        if isinstance(number, int):
            self.citationActivated.emit(number)

    def _link(self, href: str) -> None:
        number = cite_number(href)
        if number is not None:
            self.citationActivated.emit(number)


class FigureView(QFrame):
    """A bundle's picture (SVG, PNG or JPEG) with its alt text as the caption below it,
    and as its accessible name, so a screen reader and a reader with poor eyesight both
    get the words. The picture is drawn at most ``width`` pixels wide, never upscaled
    past twice its own size."""

    def __init__(self, path: str, width: int = 520) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self.path = path
        self.max_width = width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(8)
        self.picture = QLabel()
        self.picture.setObjectName("figure-picture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(self._pixmap())
        layout.addWidget(self.picture)
        self.caption = label()
        self.caption.setObjectName("figure-caption")
        layout.addWidget(self.caption)

    def _pixmap(self) -> QPixmap:
        if self.path.lower().endswith(".svg"):
            from PySide6.QtSvg import QSvgRenderer

            renderer = QSvgRenderer(self.path)
            size = renderer.defaultSize()
            if not renderer.isValid() or size.isEmpty():
                return QPixmap()
            scale = min(self.max_width / size.width(), 2.0)
            image = QImage(
                round(size.width() * scale),
                round(size.height() * scale),
                QImage.Format.Format_ARGB32,
            )
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            renderer.render(painter)
            painter.end()
            return QPixmap.fromImage(image)
        pixmap = QPixmap(self.path)
        if pixmap.width() > self.max_width:
            smooth = Qt.TransformationMode.SmoothTransformation
            pixmap = pixmap.scaledToWidth(self.max_width, smooth)
        return pixmap

    def show_alt(self, alt: str) -> None:
        self.caption.setText(alt)
        self.picture.setAccessibleName(alt)
        self.setAccessibleName(alt)
