"""Fleet updates inside the app: a check every few minutes, between visits only.

The work is :func:`kiosk.fleet.client.update` (download, verify, validate, swap), run in
a worker thread so the screen never freezes on the network. A check starts only while
nobody is using the kiosk (the welcome screen of a fresh visit), and new content is
shown only then too: never in the middle of a visit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.fleet.client import FleetStatus, UpdateError, read_status, update

__all__ = ["FleetUpdates"]

PENDING_POLL_MS = 5000
"""How often new content waiting for the visit to end looks again."""


class FleetUpdates(QObject):
    """Checks ``url`` into the fleet folder ``state`` every ``every_ms``, between visits.

    Signals:
        checked(FleetStatus): after every check, with what staff should see.
        installed(): new content is in place and nobody is using the kiosk: reload now.
    """

    checked = Signal(object)
    installed = Signal()
    _finished = Signal(object, object)  # (status, release before), from the worker

    def __init__(
        self,
        url: str,
        state: Path,
        *,
        every_ms: int,
        between_visits: Callable[[], bool],
        poll_ms: int = PENDING_POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.url = url
        self.state = state
        self._between_visits = between_visits
        self._worker: threading.Thread | None = None
        self._pending = False
        self.status = read_status(state)
        self._timer = QTimer(self, interval=every_ms)
        self._timer.timeout.connect(self.check_now)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self._offer)
        self._finished.connect(self._done, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._worker is not None

    def start(self) -> None:
        """Check every ``every_ms`` from now on (the first check after one interval)."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._poll.stop()

    def check_now(self) -> bool:
        """Start a check if none is running and nobody is using the kiosk; True if started."""
        if self._worker is not None or not self._between_visits():
            return False
        before = self.status.release
        self._worker = threading.Thread(
            target=self._work, args=(before,), name="kiosk-fleet-update", daemon=True
        )
        self._worker.start()
        return True

    def _work(self, before: str | None) -> None:
        try:
            status = update(self.state, self.url)
        except UpdateError:
            status = read_status(self.state)  # the error is recorded there
        except Exception as exc:  # never let a worker die silently
            status = read_status(self.state)
            status.last_error = f"the update check failed unexpectedly ({type(exc).__name__})"
        self._finished.emit(status, before)

    def _done(self, status: FleetStatus, before: str | None) -> None:
        if self._worker is not None:
            self._worker.join()
        self._worker = None
        self.status = status
        self.checked.emit(status)
        if status.last_error is None and status.release != before:
            self._pending = True
            self._offer()

    def describe(self) -> list[str]:
        """What staff see: the source, the last check and its error, each bundle's signer."""
        status = self.status
        never = self.tr("never")
        lines = [
            self.tr(
                "Content updates from {url}: last check {check}, last success {success}."
            ).format(
                url=self.url, check=status.last_check or never, success=status.last_success or never
            )
        ]
        if status.last_error:
            lines.append(
                self.tr(
                    "The last update was refused: {error} The content shown is the last good one."
                ).format(error=status.last_error)
            )
        for bundle in status.bundles:
            if bundle.signer:
                lines.append(
                    self.tr("{id} version {version}: approved by {signer} (signed).").format(
                        id=bundle.id, version=bundle.version, signer=bundle.signer
                    )
                )
            else:
                lines.append(
                    self.tr("{id} version {version}: no reviewer's signature.").format(
                        id=bundle.id, version=bundle.version
                    )
                )
        return lines

    def _offer(self) -> None:
        """Hand new content over now if nobody is using the kiosk, else look again soon."""
        if not self._pending:
            self._poll.stop()
            return
        if self._between_visits():
            self._pending = False
            self._poll.stop()
            self.installed.emit()
        elif not self._poll.isActive():
            self._poll.start()
