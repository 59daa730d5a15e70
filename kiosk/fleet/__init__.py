"""Fleet updates: content published once as signed bundles, verified by every kiosk.

No Qt here (an import-linter contract enforces it). The parts:

- :mod:`kiosk.fleet.pack`: reproducible bundle archives (same content, same bytes).
- :mod:`kiosk.fleet.repository`: :class:`Publisher` writes The Update Framework's
  metadata (root, targets, snapshot, timestamp; ed25519 keys) and the reviewers'
  delegated roles whose signatures are the approvals.
- :mod:`kiosk.fleet.client`: :func:`update` downloads and verifies with
  ``tuf.ngclient``, validates, and swaps the content folder atomically.
- :mod:`kiosk.fleet.approval`: which bundles of a content folder a reviewer's
  signature approves, checked offline when the app loads content.
- :mod:`kiosk.fleet.commands`: the ``kiosk publish / reviewer / approve / revoke /
  rotate-key / update`` commands.

Runbook for a clinic: docs/fleet-runbook.md.
"""
