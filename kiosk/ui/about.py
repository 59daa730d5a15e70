"""Two reading dialogs of the content shown: a source in full, and "About this
information" (review status, last update, the source, the disclaimer, the editorial
policy)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from kiosk.content import Bundle
from kiosk.ui.session import Session


class AboutDialogs(QObject):
    """Opens them over ``parent``, for the bundle ``bundle()`` returns, in the session's
    level and language."""

    def __init__(
        self, parent: QWidget, session: Session, bundle: Callable[[], Bundle | None], *, kiosk: bool
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.session = session
        self.bundle = bundle
        self.kiosk = kiosk

    def show_reference(self, number: int) -> None:
        bundle = self.bundle()
        if bundle is None or bundle.reference(number) is None:
            return
        from kiosk.ui.dialogs import ReadingDialog  # dialogs: when first opened
        from kiosk.ui.wording import reference_html

        ReadingDialog(
            self.window,
            kiosk=self.kiosk,
            title=self.tr("Source {number}").format(number=number),
            html=reference_html(bundle, number, self.session.language),
            name="reference",
        ).open()

    def show_about(self) -> None:
        bundle = self.bundle()
        if bundle is None:
            return
        from kiosk.ui.dialogs import ReadingDialog
        from kiosk.ui.richtext import to_html
        from kiosk.ui.wording import review_text

        language, level = self.session.language, self.session.reading_level
        metadata = bundle.metadata
        updated = self.tr("Last updated: {date}").format(date=metadata.updated.isoformat())
        caution = self.tr("Pending human review") + ". " if bundle.needs_review_caution else ""
        parts = [
            f"<p><b>{escape(caution + review_text(bundle))}</b></p>",
            f"<p>{escape(updated)}</p>",
        ]
        if metadata.source:
            parts.append(to_html(bundle.text(metadata.source, language)))
        parts.append("<h3>" + escape(self.tr("Please note")) + "</h3>")  # lupdate skips f-strings
        parts.append(to_html(bundle.level_text(metadata.disclaimer, level, language)))
        parts.append("<h3>" + escape(self.tr("Editorial policy")) + "</h3>")
        parts.append(to_html(bundle.text(metadata.editorial_policy, language)))
        ReadingDialog(
            self.window,
            kiosk=self.kiosk,
            title=self.tr("About this information"),
            html="".join(parts),
            name="about-dialog",
        ).open()
