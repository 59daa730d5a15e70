"""Which bundles a clinical reviewer's signature approves, checked offline at load time.

``require_approved`` in kiosk mode trusts this alone, never the review status written
in ``bundle.yaml``. A content folder installed by ``kiosk update`` lives in
``STATE/releases/r-HASH`` beside the kiosk's trusted TUF metadata in
``STATE/metadata``. The chain is verified from the trusted root (root -> targets ->
each reviewer's role), and each bundle folder is packed again: a bundle counts as
approved only when its reproducible archive has exactly the SHA-256 that a trusted
reviewer signed for its id. So a YAML file edited on the kiosk after the update is no
longer approved. Expiry is not checked here (it guards updates, not content already
verified): a kiosk that stays offline keeps showing what was approved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from kiosk.content.model import Bundle

__all__ = ["Approval", "approvals", "approver", "fleet_state_of"]


@dataclass(frozen=True)
class Approval:
    reviewer: str
    approved_on: str | None


def fleet_state_of(content: Path) -> Path | None:
    """The fleet folder that installed ``content``, or None for content copied by hand."""
    release = content.resolve()
    state = release.parent.parent
    if release.parent.name != "releases" or not (state / "metadata" / "root.json").is_file():
        return None
    return state


def _signed_approvals(metadata: Path) -> dict[tuple[str, str], Approval]:
    """(bundle id, sha256) -> approval, from every reviewer role that verifies."""
    from tuf.api.metadata import Metadata, Root, Targets

    root = Metadata[Root].from_file(str(metadata / "root.json"))
    targets = Metadata[Targets].from_file(str(metadata / "targets.json"))
    root.signed.verify_delegate("targets", targets.signed_bytes, targets.signatures)
    found: dict[tuple[str, str], Approval] = {}
    delegations = targets.signed.delegations
    if delegations is None or delegations.roles is None:
        return found
    for role in delegations.roles:
        try:
            approvals = Metadata[Targets].from_file(str(metadata / f"{quote(role, '')}.json"))
            targets.signed.verify_delegate(role, approvals.signed_bytes, approvals.signatures)
        except Exception:  # missing, damaged or not signed by the reviewer: approves nothing
            continue
        for path, info in approvals.signed.targets.items():
            parts = path.split("/")
            if (
                len(parts) != 3
                or parts[0] != "approved"
                or not delegations.roles[role].is_delegated_path(path)
            ):
                continue
            sha256 = info.hashes.get("sha256", "")
            if parts[2] != f"{sha256}.tar":
                continue
            custom = info.unrecognized_fields.get("custom", {})
            reviewer = str(custom.get("reviewer", role)) if isinstance(custom, dict) else role
            on = custom.get("approved") if isinstance(custom, dict) else None
            found[(parts[1], sha256)] = Approval(reviewer, str(on) if on else None)
    return found


def approvals(content: Path, bundles: dict[str, Path]) -> dict[str, Approval]:
    """Bundle id to its verified approval, for the ``bundles`` (id -> folder) of ``content``.

    A bundle missing from the result is not approved; content not installed by a fleet
    update approves nothing.
    """
    from kiosk.fleet.pack import PackError, pack_bundle

    state = fleet_state_of(content)
    if state is None:
        return {}
    try:
        signed = _signed_approvals(state / "metadata")
    except Exception:  # no trusted chain: nothing is approved
        return {}
    result: dict[str, Approval] = {}
    for bundle_id, folder in bundles.items():
        try:
            digest = pack_bundle(folder).sha256
        except (PackError, OSError):
            continue
        approval = signed.get((bundle_id, digest))
        if approval is not None:
            result[bundle_id] = approval
    return result


def approver(content: Path) -> Callable[[Bundle], str | None]:
    """For ``load_library(require_approved=True, approver=...)``: the reviewer whose
    verified signature approves a bundle of ``content`` exactly as it is, or None."""
    from kiosk.fleet.pack import PackError, pack_bundle

    state = fleet_state_of(content)
    signed: dict[tuple[str, str], Approval] = {}
    if state is not None:
        try:
            signed = _signed_approvals(state / "metadata")
        except Exception:  # no trusted chain: nothing is approved
            signed = {}

    def approve(bundle: Bundle) -> str | None:
        if not signed:
            return None
        try:
            digest = pack_bundle(bundle.folder).sha256
        except (PackError, OSError):
            return None
        found = signed.get((bundle.id, digest))
        return found.reviewer if found else None

    return approve
