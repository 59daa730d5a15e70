"""What a screen reader gets beyond Qt's defaults: headings, answers, announcements.

Qt exposes every QLabel as a plain label and every checkable QPushButton as a check box
whose AT-SPI action only flips its checked state (the button's ``clicked`` never
fires, so choosing an answer that way did nothing). :func:`install` adds one factory
that Qt asks for each widget's accessible interface; it reads what the widgets already
say about themselves:

- a label whose style ``role`` is ``hero``, ``h1``, ``h2`` or ``h3`` is a **heading**
  (level 1, 1, 2, 3);
- a checkable button is a **check box**, or a **radio button** when its ``a11y``
  property says ``radio`` (one answer of several); activating it clicks it;
- a widget whose ``a11y`` property says ``group`` is a **grouping** (a question and its
  answers; AT-SPI calls it a panel), named by its accessible name and labelled by its
  buddy label.

:func:`announce` sends an announcement (AT-SPI ``object:announcement``), and
:func:`screen_announcement` makes a screen's: its title, then its first content.

Nothing here runs unless an assistive technology asks: Qt builds accessible
interfaces only then.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QLabel, QWidget

HEADING_LEVELS = {"hero": 1, "h1": 1, "h2": 2, "h3": 3}
_installed = False


class _Heading(QAccessibleWidget):
    """A title label: AT-SPI role heading, named by its (plain) text.

    None of these interfaces keeps its widget in a Python attribute: each asks
    ``self.widget()`` (Qt's guarded pointer). An interface that held its widget's Python
    wrapper crashed the app (SIGSEGV) when a dialog was freed while a screen reader read
    it: the staff panel opened from the PIN pad (tests/a11y, the "being updated" walk)."""

    def __init__(self, widget: QLabel) -> None:
        super().__init__(widget, QAccessible.Role.Heading)

    def text(self, kind: QAccessible.Text) -> str:
        label = self.widget()
        if kind == QAccessible.Text.Name and isinstance(label, QLabel):
            return label.accessibleName() or _plain(label)
        return super().text(kind)


class _Button(QAccessibleWidget):
    """A button whose kind is read when asked, not when first seen (Qt makes a widget's
    interface once, often at its first setText, before it is made checkable): a push
    button, a check box, or a radio button (``a11y`` property ``radio``). Activating a
    checkable one clicks it, as a tap does (Qt's own toggle action only flipped its
    state, so an answer chosen that way was never given). A button already gone gets
    Qt's defaults."""

    def __init__(self, widget: QAbstractButton) -> None:
        super().__init__(widget, QAccessible.Role.Button)

    def _button(self) -> QAbstractButton | None:
        widget = self.widget()
        return widget if isinstance(widget, QAbstractButton) else None

    def role(self) -> QAccessible.Role:
        button = self._button()
        if button is not None and button.property("a11y") == "radio":
            return QAccessible.Role.RadioButton
        if button is not None and button.isCheckable():
            return QAccessible.Role.CheckBox
        return QAccessible.Role.Button

    def text(self, kind: QAccessible.Text) -> str:
        button = self._button()
        if kind == QAccessible.Text.Name and button is not None:
            return button.accessibleName() or button.text()
        return super().text(kind)

    def state(self) -> QAccessible.State:
        state = super().state()
        button = self._button()
        if button is None:
            return state
        if button.isCheckable():
            state.checkable = True
            state.checked = button.isChecked()
        state.pressed = button.isDown()
        return state

    def actionNames(self) -> list[str]:
        # setFocus too: without it an AT-SPI client's grab_focus on an answer did nothing
        # (Qt's bridge moves the focus only through that action)
        button = self._button()
        if button is not None and button.isCheckable():
            return [self.toggleAction(), self.pressAction(), self.setFocusAction()]
        return [self.pressAction(), self.setFocusAction()]

    def doAction(self, name: str) -> None:
        if name in (self.toggleAction(), self.pressAction()):
            button = self._button()
            if button is not None and button.isEnabled():
                button.click()
        else:
            super().doAction(name)


class _Group(QAccessibleWidget):
    """A question and its answers, named by the question."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Grouping)


def _plain(label: QLabel) -> str:
    from kiosk.ui.speech import plain_text

    return plain_text(label.text())


def _factory(classname: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QWidget):
        return None
    kind = obj.property("a11y")
    if isinstance(obj, QLabel):
        role = obj.property("role")
        if isinstance(role, str) and role in HEADING_LEVELS:
            return _Heading(obj)
        return None
    if isinstance(obj, QAbstractButton):
        return _Button(obj)
    if kind == "group":
        return _Group(obj)
    return None


def install() -> None:
    """Let Qt ask :func:`_factory` first, for every widget (once per application)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def announce(widget: QWidget, text: str) -> None:
    """Ask the screen reader to say ``text`` (politely: after what it is saying).

    In a window that is not active yet (the first screen, at start-up) it is said when
    the window becomes active: before, a screen reader heard only the window's name and
    the focused button, never the screen's title."""
    if not text:
        return
    if not widget.window().isActiveWindow():
        pending = widget.findChild(QObject, _WhenActive.NAME)
        if isinstance(pending, _WhenActive):
            pending.text = text  # the latest only
        else:
            _WhenActive(widget, text)
        return
    _send(widget, text)


def _send(widget: QWidget, text: str) -> None:
    from PySide6.QtGui import QAccessibleAnnouncementEvent

    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


class _WhenActive(QObject):
    """An announcement kept until its widget's window becomes active (a child of the
    widget: it goes with it; a widget no longer shown by then says nothing)."""

    NAME = "a11y-pending-announcement"

    def __init__(self, widget: QWidget, text: str) -> None:
        from PySide6.QtGui import QGuiApplication

        super().__init__(widget)
        self.setObjectName(self.NAME)
        self.widget = widget
        self.text = text
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.focusWindowChanged.connect(self._focus_window_changed)

    def _focus_window_changed(self, _window: object) -> None:
        if not self.widget.window().isActiveWindow():
            return
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.focusWindowChanged.disconnect(self._focus_window_changed)
        if self.widget.isVisible():
            _send(self.widget, self.text)
        self.setObjectName("")  # a later one is a new one
        self.deleteLater()


def _labels_in_reading_order(screen: QWidget) -> list[tuple[str, bool]]:
    """The screen's visible labels (not a button's own), top to bottom then left to
    right: each one's text, and whether it is a heading."""
    from PySide6.QtCore import QPoint

    found: list[tuple[int, int, str, bool]] = []
    for child in screen.findChildren(QLabel):
        if not child.isVisibleTo(screen) or isinstance(child.parentWidget(), QAbstractButton):
            continue
        text = (child.accessibleName() or _plain(child)).strip()
        if text:
            where = child.mapTo(screen, QPoint(0, 0))
            found.append((where.y(), where.x(), text, child.property("role") in HEADING_LEVELS))
    found.sort()
    return [(text, heading) for _y, _x, text, heading in found]


def screen_title(screen: QWidget) -> str:
    """The screen's first heading (its title)."""
    return next((text for text, heading in _labels_in_reading_order(screen) if heading), "")


def screen_announcement(screen: QWidget) -> str:
    """A screen's title, then its first content: its visible labels in reading order,
    up to the first one after the first heading that is not a heading itself; one a
    line."""
    parts: list[str] = []
    titled = False
    for text, heading in _labels_in_reading_order(screen):
        parts.append(text)
        if titled and not heading:
            break
        titled = titled or heading
    return "\n".join(parts)
