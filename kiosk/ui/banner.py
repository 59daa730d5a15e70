"""The review banner of the reading screens: the review status, the last update, and
"About this information". Built when a screen first needs it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.content import Bundle
from kiosk.ui.session import LARGE_TEXT
from kiosk.ui.widgets import button, label, set_button_text
from kiosk.ui.wording import review_text


class Banner(QFrame):
    """The banner in its wrapper (the margins around it).

    Signals:
        aboutRequested(): "About this information".
    """

    aboutRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner-wrapper")
        banner = QFrame()
        banner.setProperty("role", "banner")
        banner.setObjectName("review-banner")
        row = QHBoxLayout(banner)
        row.setContentsMargins(16, 8, 16, 8)
        column = QVBoxLayout()
        self.caution = label(role="caution")
        self.text = label()
        column.addWidget(self.caution)
        column.addWidget(self.text)
        row.addLayout(column, 1)
        self.about = button("", name="banner-about", on_click=self.aboutRequested.emit)
        row.addWidget(self.about)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 0)
        layout.addWidget(banner)

    def update_for(self, bundle: Bundle | None, *, shown: bool, text_size: int) -> None:
        """Show it (``shown``: on a screen that has it) in the session's words."""
        self.setVisible(shown and bundle is not None)
        if bundle is None:
            return
        updated = bundle.metadata.updated.isoformat()
        self.caution.setVisible(bundle.needs_review_caution)
        self.caution.setText("⚠  " + self.tr("Pending human review"))
        last_updated = self.tr("Last updated: {date}").format(date=updated)
        self.text.setText(f"{review_text(bundle)} {last_updated}")
        # at 150% and 200% the caution alone stays (its details are one tap away, in
        # "About this information"), so that the page keeps room on an 800 px screen
        self.text.setVisible(text_size < LARGE_TEXT)
        set_button_text(self.about, self.tr("About this information"))
