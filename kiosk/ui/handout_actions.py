"""The handout's two actions on the results screen: print it, or save it as a PDF.

Kiosk: straight to the configured printer, one handout a visit (paper and toner are the
clinic's; the reason is said on screen), never saved. Laptop: the print dialog, and
"Save as PDF" where the user chooses.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from kiosk.ui.options import WindowOptions

if TYPE_CHECKING:  # the handout (Qt's printing) is imported when first used
    from PySide6.QtPrintSupport import QPrinter

    from kiosk.ui.screens import ScreenContext


class HandoutActions(QObject):
    """Prints or saves, over ``parent``, the handout of what ``context`` shows: the
    topic at the visitor's level and language, with their self-check's results."""

    def __init__(self, parent: QWidget, context: ScreenContext, options: WindowOptions) -> None:
        super().__init__(parent)
        self.window = parent
        self.context = context
        self.options = options
        self.printer: QPrinter | None = None  # a ready printer instead of asking (tests)
        self.printed_this_visit = False  # kiosk: one handout per visit

    def html(self) -> str:
        from kiosk.ui.handout import handout_html  # Qt's printing: when first printed

        bundle, session, engine = self.context.bundle, self.context.session, self.context.engine
        assert bundle is not None
        evaluation = engine.evaluate(session.answers) if engine else None
        return handout_html(bundle, session.reading_level, session.language, evaluation)

    def new_visit(self) -> None:
        self.printed_this_visit = False

    def print(self) -> None:
        from kiosk.ui.handout import print_handout

        if self.options.kiosk and self.printed_this_visit:
            self._tell(
                self.tr(
                    "This kiosk prints one handout per visit, and yours has "
                    "been printed. Please ask a member of staff if you need "
                    "another copy."
                )
            )
            return
        done = print_handout(
            self.html(),
            self.window,
            kiosk=self.options.kiosk,
            printer_name=self.options.printer_name,
            printer=self.printer,
        )
        self.printed_this_visit = self.printed_this_visit or bool(done)
        if not done and self.printer is None:
            self._tell(self.tr("The handout could not be printed. Please ask a member of staff."))

    def save(self) -> None:
        """Laptop: save the handout as a PDF where the user chooses (never in kiosk mode)."""
        if self.options.kiosk:
            return
        from PySide6.QtWidgets import QFileDialog

        from kiosk.ui.handout import render_pdf

        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save the handout"), "handout.pdf", "PDF (*.pdf)"
        )
        if path:
            try:
                render_pdf(self.html(), Path(path))
            except OSError as exc:
                self._tell(
                    self.tr("The handout could not be saved: {reason}").format(
                        reason=exc.strerror or exc
                    )
                )

    def _tell(self, message: str) -> None:
        from kiosk.ui.dialogs import ReadingDialog

        ReadingDialog(
            self.window,
            kiosk=self.options.kiosk,
            title=self.tr("Handout"),
            html=message,
            name="handout-message",
        ).open()
