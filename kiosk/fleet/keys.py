"""Signing keys: ed25519, one PEM file each, readable by their owner only.

A key file holds the private key (PKCS#8 PEM, unencrypted: keep the files offline, for
example on an encrypted USB stick, as docs/fleet-runbook.md says). The public half is
derived from it, so a key is always one file.
"""

from __future__ import annotations

import os
from pathlib import Path

from securesystemslib.signer import CryptoSigner, SSlibKey

__all__ = ["KeyError_", "load_signer", "new_signer", "public_key_of"]


class KeyError_(ValueError):
    """A key file that is missing, unreadable or not an ed25519 private key."""


def new_signer(path: Path) -> CryptoSigner:
    """Generate an ed25519 key and write it to ``path`` (0600), which must not exist."""
    signer = CryptoSigner.generate_ed25519()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise KeyError_(f"{path}: a key file is already there; not overwriting it") from exc
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(signer.private_bytes)
    return signer


def load_signer(path: Path) -> CryptoSigner:
    """The signer whose private key is in ``path``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KeyError_(f"{path}: cannot read the key ({exc.strerror})") from exc
    try:
        private = load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyError_(f"{path}: not an unencrypted PEM private key") from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise KeyError_(f"{path}: not an ed25519 key")
    return CryptoSigner(private, SSlibKey.from_crypto(private.public_key()))


def public_key_of(path: Path) -> SSlibKey:
    """The public half of the key in ``path``."""
    return load_signer(path).public_key
