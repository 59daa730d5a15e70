"""What staff get: the PIN (kiosk), the staff panel with the content's status, "Reload
content" and "Exit the kiosk". Imported when staff first open it, not at start-up."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.content import ContentState
from kiosk.ui.dialogs import PinDialog, StaffPanel
from kiosk.ui.options import WindowOptions

if TYPE_CHECKING:
    from kiosk.ui.speech import ReadAloud
    from kiosk.ui.updates import FleetUpdates


class KioskFacts(Protocol):
    """What the staff panel reports (the main window has it)."""

    @property
    def content(self) -> ContentState: ...
    @property
    def translation_missing(self) -> str | None: ...
    @property
    def fleet(self) -> FleetUpdates | None: ...
    @property
    def speech(self) -> ReadAloud: ...


class Staff(QObject):
    """Opens the PIN pad and the staff panel over ``parent``; reloads the content.

    Signals:
        reloaded(ContentState): staff reloaded the content: show it.
        exitRequested(): "Exit the kiosk".
    """

    reloaded = Signal(object)
    exitRequested = Signal()

    def __init__(self, parent: QWidget, options: WindowOptions, facts: KioskFacts) -> None:
        super().__init__(parent)
        self.window = parent
        self.options = options
        self.facts = facts

    def open(self) -> None:
        """The hidden gesture: ask for the PIN (kiosk) or open the panel (laptop)."""
        if not self.options.kiosk:
            self.open_panel()
            return
        dialog = PinDialog(
            self.window,
            kiosk=True,
            check=self.options.check_pin,
            locked_for=self.options.pin_locked_for,
        )
        dialog.unlocked.connect(self.open_panel)
        dialog.open()

    def open_panel(self) -> StaffPanel:
        panel = StaffPanel(self.window, kiosk=self.options.kiosk)
        panel.reloadRequested.connect(lambda: self.reload_content(panel))
        panel.exitRequested.connect(self.exitRequested)  # not .emit: see idle.py
        self._show_status(panel)
        panel.open()
        return panel

    def _show_status(self, panel: StaffPanel, note: str | None = None) -> None:
        facts = self.facts
        content = facts.content
        bundle = content.bundle
        lines = [note] if note else []
        if self.options.kiosk:
            lines.append(
                self.tr("Wrong PINs typed before this staff sign-in: {count}.").format(
                    count=self.options.pin_wrong_before()
                )
            )
        if bundle is None:
            lines.append(self.tr('No content is loaded: patients see "being updated".'))
        else:
            lines.append(
                self.tr(
                    "Showing: {id} version {version}, review status {status}, updated {date}."
                ).format(
                    id=bundle.id,
                    version=bundle.metadata.version,
                    status=bundle.metadata.review.status.value,
                    date=bundle.metadata.updated.isoformat(),
                )
            )
            if content.stale:
                lines.append(self.tr("A newer edit failed to load: this is the last good content."))
        library, listing = content.library, []
        if library is not None and (
            len(library.entries) > 1 or not all(e.shown for e in library.entries)
        ):
            # every bundle of the content folder: shown or not and why, its version and
            # review status, and how many problems it has (listed in the box below)
            lines.append(
                self.tr(
                    "The library: {shown} of {count} bundle(s) shown to "
                    "visitors; each is listed below, in the order shown."
                ).format(shown=len(library.topics), count=len(library.entries))
            )
            listing = [entry.describe() for entry in library.entries]
        lines.append(self.tr("{count} content problem(s).").format(count=len(content.errors)))
        if facts.translation_missing:
            lines.append(
                self.tr(
                    "The app's own words are missing in '{language}' (its "
                    "translation file did not load); visitors see English "
                    "buttons. Run 'make install' again."
                ).format(language=facts.translation_missing)
            )
        if facts.fleet is not None:
            lines.extend(facts.fleet.describe())
        speech = facts.speech
        if speech.available:
            lines.append(
                self.tr("Read aloud: on (speech engine '{engine}').").format(
                    engine=speech.engine_name
                )
            )
        else:
            lines.append(
                self.tr("Read aloud is off, and its button hidden: {reason}").format(
                    reason=speech.reason
                )
            )
        panel.show_status(lines, content.errors, listing)

    def reload_content(self, panel: StaffPanel | None = None) -> None:
        """Staff's "Reload content": never raises, and the panel says what happened."""
        if self.options.reload is None:
            return
        try:
            content = self.options.reload()
        except Exception as exc:  # must not take the panel (and the visit) down
            logging.getLogger("kiosk").error("reloading the content failed: %s", type(exc).__name__)
            note = self.tr(
                "Reloading failed ({error}): still showing the content loaded before."
            ).format(error=type(exc).__name__)
        else:
            self.reloaded.emit(content)
            note = self.tr("Reloaded: {count} content problem(s).").format(
                count=len(content.errors)
            )
        if panel is not None:
            self._show_status(panel, note)
