"""What the kiosk shows and what went wrong loading it (no Qt): :func:`load_content`.

Load first, show later: the app loads and checks the content before Qt starts, and the
window only presents the result (and staff see the errors and every bundle's status).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.errors import ContentError
from kiosk.content.library import Approver, EntryStatus, Library, load_library
from kiosk.content.model import Bundle

__all__ = ["ContentState", "load_content"]


@dataclass
class ContentState:
    """The content the window shows, and what went wrong loading it (for staff)."""

    bundle: Bundle | None
    errors: list[ContentError] = field(default_factory=list)
    stale: bool = False  # True: a newer edit failed; this is the last good content
    library: Library | None = None  # every bundle and its status (for staff)


def load_content(
    root: Path,
    *,
    require_approved: bool,
    previous: ContentState | None = None,
    approver: Approver | None = None,
) -> ContentState:
    """The bundle to show and every problem found; never raises for bad content.

    A bundle that fails runs on its last good content (from the cache, or the one
    already showing) and staff are told. With ``require_approved``, only the bundles
    ``approver`` names a signer for are shown (kiosk.fleet.approval.approver); the
    review status in the YAML approves nothing.
    """
    library = load_library(
        root, last_good=True, require_approved=require_approved, approver=approver
    )
    errors = list(library.errors)
    for entry in library.entries:
        if entry.status is EntryStatus.NOT_APPROVED and entry.bundle is not None:
            message = (
                f"'{entry.id}' is not approved: no clinical reviewer's signature approves "
                f"this content (its file says review status {entry.review}); this kiosk "
                "shows approved content only (require_approved, docs/fleet-runbook.md)"
            )
            errors.append(ContentError.at_file(str(entry.folder / "bundle.yaml"), message))
    topics = library.topics
    if topics:
        first = topics[0]
        return ContentState(first, errors, stale=first.id in library.stale, library=library)
    if previous is not None and previous.bundle is not None:
        return ContentState(previous.bundle, errors, stale=True, library=library)
    return ContentState(None, errors, library=library)
