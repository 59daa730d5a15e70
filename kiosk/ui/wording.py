"""Sentences built from bundle data (a reference in full, the review status in words),
and the reading levels' words from the registry."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from kiosk.content import Bundle, ReviewStatus
from kiosk.content.registry import Level
from kiosk.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Wording"  # the translation context of the sentences made here


def reference_html(bundle: Bundle, number: int, language: str) -> str:
    from kiosk.ui.richtext import to_html

    ref = bundle.reference(number)
    if ref is None:
        return ""
    parts = [f"<p><b>[{ref.number}] {escape(bundle.text(ref.title, language))}</b></p>"]
    details = [d for d in (ref.publisher, str(ref.year) if ref.year else None) if d]
    if details:
        parts.append(f"<p>{escape(', '.join(details))}</p>")
    if ref.kind:
        parts.append(f"<p><i>{escape(ref.kind.capitalize())}</i></p>")
    if ref.note:
        parts.append(to_html(bundle.text(ref.note, language)))
    if ref.url:
        parts.append(f"<p>{escape(ref.url)}</p>")
    return "".join(parts)


def qt_translate(text: str) -> str:
    """``text`` translated by Qt in the context "Wording" (itself when untranslated)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(CONTEXT, text)


def level_words(level: Level) -> tuple[str, str, str]:
    """A reading level's words in the UI's language: its button, that button's
    description, and its answer to "Which best describes you?" (the registry's English,
    translated in the context "Levels")."""
    from PySide6.QtCore import QCoreApplication

    def translate(text: str) -> str:
        return QCoreApplication.translate("Levels", text)

    return translate(level.button), translate(level.description), translate(level.audience)


def review_text(bundle: Bundle, translate: Callable[[str], str] | None = None) -> str:
    """The review status in words, with the "pending human review" caution when needed.

    Its words are in the translation context "Wording" (wherever the sentence is shown);
    ``translate`` replaces Qt's translation (a test's, or the handout's own).
    """
    tr = translate or qt_translate
    review = bundle.metadata.review
    if review.status is ReviewStatus.APPROVED:
        approved = QT_TRANSLATE_NOOP("Wording", "Reviewed and approved by {reviewer} on {date}.")
        return tr(approved).format(
            reviewer=review.reviewer, date=review.date.isoformat() if review.date else ""
        )
    status = {
        ReviewStatus.SUBMITTED: QT_TRANSLATE_NOOP("Wording", "submitted"),
        ReviewStatus.UNDER_REVIEW: QT_TRANSLATE_NOOP("Wording", "under review"),
    }[review.status]
    pending = QT_TRANSLATE_NOOP(
        "Wording", "A clinician has not yet checked this information (status: {status})."
    )
    return tr(pending).format(status=tr(status))
