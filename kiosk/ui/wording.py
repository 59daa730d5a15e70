"""Sentences built from bundle data: a reference in full, the review status in words."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from kiosk.content import Bundle, ReviewStatus


def reference_html(bundle: Bundle, number: int, language: str) -> str:
    from kiosk.ui.richtext import to_html

    ref = bundle.reference(number)
    if ref is None:
        return ""
    parts = [f"<p><b>[{ref.number}] {escape(ref.title)}</b></p>"]
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


def review_text(bundle: Bundle, translate: Callable[[str], str]) -> str:
    """The review status in words, with the "pending human review" caution when needed."""
    review = bundle.metadata.review
    if review.status is ReviewStatus.APPROVED:
        return translate("Reviewed and approved by {reviewer} on {date}.").format(
            reviewer=review.reviewer, date=review.date.isoformat() if review.date else ""
        )
    status = {ReviewStatus.SUBMITTED: translate("submitted"),
              ReviewStatus.UNDER_REVIEW: translate("under review")}[review.status]  # fmt: skip
    return translate("A clinician has not yet checked this information "
                     "(status: {status}).").format(status=status)  # fmt: skip
