"""The clinic's library: every bundle in the content folder, in the clinic's order,
each with its status (shown or not, and why).

No Qt here. One :func:`load_library` call reads the whole content folder:

- every bundle folder is an :class:`Entry`, whatever happened to it: a bundle that
  fails to load is listed with its errors (and, with ``last_good``, shown on its last
  good content, marked stale), never silently dropped or replaced by another one;
- the order comes from the optional library file (``content/library.yaml``), whose
  ``order:`` lists bundle ids; bundles it does not name follow, by folder name. The
  file is checked like a bundle file: every problem is a located ``file:line:col``
  error, and a broken library file never hides a topic;
- :attr:`Library.topics` is what a visitor may choose from, in that order.

::

    library = load_library(Path("content"), require_approved=True, last_good=True)
    for entry in library.entries:          # what staff see
        print(entry.id, entry.status, entry.version, entry.review, entry.errors)
    library.topics                          # what visitors see
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.errors import ContentError
from kiosk.content.loader import (
    BundleCache,
    _errors_of,
    content_folder_error,
    display_path,
    duplicate_id_error,
    find_bundles,
    load_bundle,
)
from kiosk.content.model import Bundle, ReviewStatus

if TYPE_CHECKING:
    from kiosk.content._yaml import Limits, Locations

__all__ = [
    "LIBRARY_FILE",
    "Approver",
    "Entry",
    "EntryStatus",
    "Library",
    "load_library",
    "read_order",
]

LIBRARY_FILE = "library.yaml"
"""The clinic's library file, directly in the content folder (optional)."""

_LIBRARY_KEYS = ("order",)

Approver = Callable[[Bundle], "str | None"]
"""Who approved a bundle by signature, or None: :func:`kiosk.fleet.approval.approver`.

``require_approved`` trusts an approver alone, never the review status in the YAML."""


class EntryStatus(StrEnum):
    """Whether a bundle is shown to visitors, and if not, why not."""

    SHOWN = "shown"
    STALE = "stale"
    """Shown on its last good content: the bundle's files now have errors."""
    BROKEN = "broken"
    """Not shown: its files have errors and there is no last good content."""
    NOT_APPROVED = "not-approved"
    """Not shown: the kiosk shows approved content only (``require_approved``)."""
    DUPLICATE = "duplicate"
    """Not shown: another bundle, earlier by folder name, has the same id."""


_DESCRIPTIONS = {
    EntryStatus.SHOWN: "shown",
    EntryStatus.STALE: "shown on its last good content (its files now have errors)",
    EntryStatus.BROKEN: "not shown: its files have errors",
    EntryStatus.NOT_APPROVED: "not shown: no clinical reviewer's signature approves it, and "
    "this kiosk shows approved content only (require_approved)",
    EntryStatus.DUPLICATE: "not shown: another bundle has the same id",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One bundle folder of the library and what became of it.

    ``bundle`` is the content that is (or would be) shown: the last good content for a
    stale entry, None for a broken one with no last good content. ``errors`` are the
    bundle's own problems (located in its files).
    """

    folder: Path
    status: EntryStatus
    bundle: Bundle | None = None
    errors: tuple[ContentError, ...] = ()
    signer: str | None = None
    """The reviewer whose signature approves this exact content (require_approved)."""

    @property
    def id(self) -> str:
        """The bundle's id (its folder's name when it has none that loaded)."""
        return self.bundle.id if self.bundle is not None else self.folder.name

    @property
    def shown(self) -> bool:
        return self.status in (EntryStatus.SHOWN, EntryStatus.STALE)

    @property
    def version(self) -> str | None:
        return self.bundle.metadata.version if self.bundle is not None else None

    @property
    def review(self) -> ReviewStatus | None:
        return self.bundle.metadata.review.status if self.bundle is not None else None

    def describe(self) -> str:
        """One line for staff and the command line: id, version, review status, status."""
        parts = [self.id]
        if self.bundle is not None:
            parts.append(f"version {self.version}, review status {self.review}")
        if self.signer is not None:
            parts.append(f"approved by {self.signer} (signed)")
        parts.append(_DESCRIPTIONS[self.status])
        if self.errors:
            parts.append(f"{len(self.errors)} problem(s)")
        return f"{display_path(self.folder)}: " + "; ".join(parts)


@dataclass
class Library:
    """Every bundle folder under ``root``, in the clinic's order, and every problem found.

    ``errors`` holds the library's own problems (no bundles, the library file) followed
    by each entry's errors, in entry order: the list staff and ``kiosk validate`` see.
    """

    root: Path
    entries: list[Entry] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)

    @property
    def topics(self) -> list[Bundle]:
        """The bundles visitors may choose from, in the clinic's order."""
        return [entry.bundle for entry in self.entries if entry.shown and entry.bundle]

    @property
    def bundles(self) -> list[Bundle]:
        """Every bundle that loaded (or runs on its last good content), ids unique."""
        return [
            entry.bundle
            for entry in self.entries
            if entry.bundle is not None and entry.status is not EntryStatus.DUPLICATE
        ]

    @property
    def stale(self) -> set[str]:
        """Ids of bundles that failed to load and run on their last good content."""
        return {entry.id for entry in self.entries if entry.status is EntryStatus.STALE}

    def bundle(self, bundle_id: str) -> Bundle | None:
        return next((b for b in self.bundles if b.id == bundle_id), None)

    def entry(self, bundle_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == bundle_id), None)

    def __iter__(self) -> Iterator[Bundle]:
        return iter(self.bundles)


def load_library(
    root: Path,
    *,
    cache: BundleCache | None = None,
    limits: Limits | None = None,
    last_good: bool = False,
    require_approved: bool = False,
    approver: Approver | None = None,
) -> Library:
    """Load every bundle under ``root``; a broken bundle adds its errors, never hides others.

    With ``last_good``, a bundle that fails runs on its last good content from the cache
    (if any), with the status ``STALE``. With ``require_approved``, a bundle is shown only
    when ``approver`` names the reviewer whose signature approves it (no approver: none
    is); the others are listed but not shown. The YAML's review status never counts.
    """
    from kiosk.content.collector import paused

    # Loading builds many small objects that all stay alive; the cycle collector would
    # walk them again and again as they pile up (cost growing with the library), so it
    # waits until the whole library is in (paused through kiosk.content.collector:
    # another thread may pause it too).
    with paused():
        approve = (approver or _nobody) if require_approved else None
        return _load_library(Path(root), cache, limits, last_good, approve)


def _load_library(
    root: Path,
    cache: BundleCache | None,
    limits: Limits | None,
    last_good: bool,
    approve: Approver | None,
) -> Library:
    library = Library(root)
    cache = cache if cache is not None else BundleCache.default()
    folders = find_bundles(root)
    if not folders:
        library.errors.append(content_folder_error(root))
    entries: list[Entry] = []
    seen: dict[str, Bundle] = {}
    for folder in folders:
        errors: tuple[ContentError, ...] = ()
        try:
            bundle = load_bundle(folder, cache=cache, limits=limits)
            status = EntryStatus.SHOWN
        except Exception as exc:  # BundleError; anything else must not stop the others
            errors = _errors_of(exc, folder)
            previous = cache.last_good(folder) if last_good else None
            if previous is None:
                entries.append(Entry(folder, EntryStatus.BROKEN, None, errors))
                continue
            bundle, status = Bundle(previous, folder), EntryStatus.STALE
        if bundle.id in seen:
            errors = (*errors, duplicate_id_error(bundle, seen[bundle.id]))
            entries.append(Entry(folder, EntryStatus.DUPLICATE, bundle, errors))
            continue
        seen[bundle.id] = bundle
        signer = approve(bundle) if approve is not None else None
        if approve is not None and signer is None:
            status = EntryStatus.NOT_APPROVED
        entries.append(Entry(folder, status, bundle, errors, signer))
    order, order_errors = read_order(root, known=[entry.id for entry in entries])
    library.errors.extend(order_errors)
    rank = {bundle_id: index for index, bundle_id in enumerate(order)}
    # sorted() is stable: the bundles the file does not name keep their folder order
    library.entries = sorted(entries, key=lambda e: rank.get(e.id, len(rank)))
    for entry in library.entries:
        library.errors.extend(entry.errors)
    return library


def _nobody(_bundle: Bundle) -> str | None:
    """No signature approves anything (content not installed by a fleet update)."""
    return None


def read_order(
    root: Path, *, known: list[str] | None = None
) -> tuple[list[str], list[ContentError]]:
    """The bundle ids the library file in ``root`` lists under ``order:``, and its problems.

    No file is no order and no problem. Every problem is located; the ids that are
    usable (listed once, and among ``known`` when it is given) are kept, so one
    mistake never undoes the rest of the order.
    """
    path = Path(root) / LIBRARY_FILE
    if not path.is_file():
        return [], []
    from kiosk.content._validate import suggest
    from kiosk.content._yaml import read_yaml

    read = read_yaml(path, display_path(path))
    if read.data is None:
        return [], read.errors
    errors = list(read.errors)
    data: dict[str, Any] = read.data  # the reader gives a mapping or None
    where: Locations = read.locations
    for key in data:
        if key not in _LIBRARY_KEYS:
            errors.append(
                where.error_at_key((key,), f"unknown key '{key}'{suggest(str(key), _LIBRARY_KEYS)}")
            )
    listed = data.get("order")
    if "order" not in data:
        errors.append(where.error_at_value((), "missing required key 'order'"))
        return [], errors
    if not isinstance(listed, list):
        errors.append(
            where.error_at_value(("order",), "expected a list of bundle ids (- my-topic)")
        )
        return [], errors
    order: list[str] = []
    first_at: dict[str, int] = {}
    for index, item in enumerate(listed):
        if not isinstance(item, str) or not item.strip():
            errors.append(where.error_at_value(("order", index), "expected a bundle id"))
            continue
        if item in first_at:
            line, _column = where.value(("order", first_at[item]))
            errors.append(
                where.error_at_value(
                    ("order", index), f"'{item}' is listed twice (first at line {line}); keep one"
                )
            )
            continue
        first_at[item] = index
        if known is not None and item not in known:
            hint = suggest(item, known, what="the bundles are")
            errors.append(
                where.error_at_value(("order", index), f"no bundle has the id '{item}'{hint}")
            )
            continue
        order.append(item)
    return order, errors
