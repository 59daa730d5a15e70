"""The kiosk's settings file and the staff PIN that unlocks the staff screens.

The settings file is a small YAML mapping (every key optional)::

    content: ../content        # relative to this file's folder
    language: en
    idle_seconds: 90           # 10..3600
    warning_seconds: 15        # 5..120, less than idle_seconds
    require_approved: false
    staff_pin: scrypt$16384$8$1$<salt>$<hash>    # written by 'kiosk set-pin'
    printer: Front desk
    text_size: 0               # 0..3

It is read with the content reader, so every problem is located at ``file:line:col``
and all are raised together as one :class:`SettingsError` (a :class:`BundleError`, so
one ``except BundleError`` handles content and settings alike).

The file never holds a PIN, only a salted scrypt hash of one. :class:`PinGuard` slows
down guessing with growing lockouts. No Qt here: this module is core.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from kiosk.content.errors import BundleError, ContentError

if TYPE_CHECKING:  # the YAML reader and validator are imported only to read a file
    from kiosk.content._yaml import Locations

__all__ = [
    "PinGuard",
    "Settings",
    "SettingsError",
    "default_settings_path",
    "hash_pin",
    "load_settings",
    "resolve_content_dir",
    "validate_pin_format",
    "verify_pin",
    "write_pin",
]

SCRYPT_N = 2**14
"""scrypt cost of new hashes (tests may lower it; stored hashes carry their own)."""
SCRYPT_R = 8
SCRYPT_P = 1
_SALT_BYTES = 16
_HASH_BYTES = 32
_MAX_MEMORY = 64 * 1024 * 1024
"""A stored hash asking scrypt for more memory than this is treated as malformed."""

# patterns, compiled (and cached by re) when first used: start-up reads no PIN
_PIN = r"[0-9]{4,12}\Z"
_HASH = (
    r"scrypt\$([0-9]{1,9})\$([0-9]{1,3})\$([0-9]{1,3})"
    rf"\$([0-9a-f]{{{2 * _SALT_BYTES}}})\$([0-9a-f]{{{2 * _HASH_BYTES}}})\Z"
)
_PIN_LINE = (  # MULTILINE: ^ at the start of each line
    r"""(?m)^(?:staff_pin|"staff_pin"|'staff_pin')[ \t]*:[^\r\n]*(?:\r?\n[ \t]+[^\r\n]*)*"""
)
_PLAIN_PIN_MESSAGE = "staff_pin must be a hash made by 'kiosk set-pin', not a PIN"

_RANGES: dict[str, tuple[int, int]] = {
    "idle_seconds": (10, 3600),
    "warning_seconds": (5, 120),
    "text_size": (0, 3),
}
_BOOLS = ("require_approved",)


class SettingsError(BundleError):
    """Every problem in a settings file, each located; a :class:`BundleError`."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the settings file holds; the defaults stand for a missing key or file."""

    content: str | None = None
    language: str = "en"
    idle_seconds: int = 90
    warning_seconds: int = 15
    require_approved: bool = False
    staff_pin: str | None = None
    printer: str | None = None
    text_size: int = 0
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


_DEFAULTS = Settings()


def default_settings_path() -> Path:
    """The per-user settings file (e.g. ``~/.config/kiosk/settings.yaml`` on Linux)."""
    from kiosk.content.loader import user_dir

    return user_dir("config") / "settings.yaml"


def load_settings(path: Path | None = None) -> Settings:
    """Read and check the settings at ``path`` (None: the default file, which may be absent).

    Raises :class:`SettingsError` with every problem found, each at ``file:line:col``.
    """
    if path is None:
        path = default_settings_path()
        if not path.exists():
            return Settings()

    from kiosk.content._yaml import read_yaml
    from kiosk.content.loader import display_path

    display = display_path(path)
    if not path.exists():
        raise SettingsError([ContentError.at_file(display, "the settings file does not exist")])
    read = read_yaml(path, display)
    if read.data is None:
        if read.errors == [ContentError.at_file(display, "the file is empty")]:
            return Settings()  # blank or only comments: every default
        raise SettingsError(read.errors)
    settings, errors = _check(read.data, read.locations)
    if errors or read.errors:
        raise SettingsError([*read.errors, *errors])
    assert settings is not None
    return settings


def _check(raw: dict[str, Any], locations: Locations) -> tuple[Settings | None, list[ContentError]]:
    """``raw`` as Settings, or None; the checks beyond types come first so all are reported."""
    from kiosk.content._validate import _describe, validate
    from kiosk.content.checks import LANGUAGE

    data = dict(raw)
    errors: list[ContentError] = []

    def fail(name: str, message: str) -> None:
        errors.append(locations.error_at_value((name,), message))
        data.pop(name, None)  # reported here: keep the type check from repeating it

    # Exact types for numbers and switches: the validator would take true as 1 or "yes" as true.
    for name, (low, high) in _RANGES.items():
        if name not in data:
            continue
        value = data[name]
        if type(value) is not int:
            fail(name, f"expected a whole number, got {_describe(value)}")
        elif not low <= value <= high:
            errors.append(
                locations.error_at_value((name,), f"{name} must be between {low} and {high}")
            )
    for name in _BOOLS:
        if name in data and type(data[name]) is not bool:
            fail(name, f"expected true or false, got {_describe(data[name])}")
    pin = data.get("staff_pin")
    if pin is not None and not (isinstance(pin, str) and _parse_hash(pin)):
        fail("staff_pin", _PLAIN_PIN_MESSAGE)
    language = data.get("language")
    if isinstance(language, str) and not LANGUAGE.match(language):
        fail("language", f"'{language}' is not a language code; use one such as en or es")
    content = data.get("content")
    if isinstance(content, str) and not content.strip():
        fail("content", "content must be a folder path; leave it out to use the default")

    idle, warning = _valid_int(data, "idle_seconds"), _valid_int(data, "warning_seconds")
    if idle is not None and warning is not None and warning >= idle:
        where = "warning_seconds" if "warning_seconds" in data else "idle_seconds"
        errors.append(
            locations.error_at_value(
                (where,),
                f"warning_seconds ({warning}) must be less than idle_seconds ({idle})",
            )
        )

    settings, found = validate(Settings, data, (), locations)
    return settings, [*errors, *found]


def _valid_int(data: dict[str, Any], name: str) -> int | None:
    """The in-range value of ``name`` (its default when absent), or None if it is wrong."""
    value = data.get(name, getattr(_DEFAULTS, name))
    low, high = _RANGES[name]
    return value if type(value) is int and low <= value <= high else None


def resolve_content_dir(settings: Settings, settings_path: Path | None) -> Path | None:
    """The content folder the settings name, relative to the settings file's folder; or None."""
    if settings.content is None:
        return None
    content = Path(settings.content).expanduser()
    if content.is_absolute():
        return content
    base = settings_path if settings_path is not None else default_settings_path()
    return base.parent / content


# -- the staff PIN ---------------------------------------------------------------------


def validate_pin_format(pin: str) -> str | None:
    """Why ``pin`` cannot be a staff PIN, or None if it can (4 to 12 digits)."""
    if not isinstance(pin, str) or not re.match(_PIN, pin):
        return "the PIN must be 4 to 12 digits (0-9)"
    return None


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of ``pin``, as stored in the settings file.

    Raises ValueError when ``pin`` is not 4 to 12 digits.
    """
    problem = validate_pin_format(pin)
    if problem is not None:
        raise ValueError(problem)
    import secrets  # here: start-up never hashes a PIN

    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` matches the ``stored`` hash. A malformed hash is False, never an error."""
    if validate_pin_format(pin) is not None or not isinstance(stored, str):
        return False
    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    try:
        digest = _scrypt(pin, salt, n, r, p)
    except (ValueError, MemoryError):
        return False
    import hmac

    return hmac.compare_digest(digest, expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib

    return hashlib.scrypt(
        pin.encode("ascii"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=_HASH_BYTES,
        maxmem=_MAX_MEMORY + 1024 * 1024,
    )


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    """The parts of a well-formed hash with sane costs, or None."""
    match = re.match(_HASH, stored)
    if match is None:
        return None
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    if n < 2 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16:
        return None
    if 128 * r * n > _MAX_MEMORY:
        return None
    return n, r, p, bytes.fromhex(match.group(4)), bytes.fromhex(match.group(5))


def write_pin(path: Path, pin: str) -> None:
    """Store a hash of ``pin`` as ``staff_pin:`` in the settings file at ``path``.

    Creates the file and its folders if needed; keeps every other line and comment
    (an existing top-level ``staff_pin:`` line is replaced, else one is appended). The
    file is replaced atomically and, on POSIX, readable by its owner only (0o600).
    Raises ValueError for a PIN that is not 4 to 12 digits, OSError if it cannot write.
    """
    line = f"staff_pin: {hash_pin(pin)}"
    path = path.resolve()  # through a symlink: replace its target, not the link
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff") if path.exists() else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    matches = list(re.finditer(_PIN_LINE, text))
    if matches:
        first, *others = matches
        for match in reversed(others):  # a second staff_pin would be a duplicate key
            end = match.end()
            end += len(newline) if text.startswith(newline, end) else 0
            text = text[: match.start()] + text[end:]
        text = text[: first.start()] + line + text[first.end() :]
    else:
        if text and not text.endswith("\n"):
            text += newline
        text += line + newline
    _write_private(path, text.encode("utf-8"))


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, owner-only on POSIX."""
    import tempfile

    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if os.name == "posix":
            os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class PinGuard:
    """Checks staff PINs, locking out guessing: 3 wrong in a row lock for 30 s, then 60 s, ...

    Each further lockout doubles, up to 15 minutes; a correct PIN resets everything.
    While locked, :meth:`check` refuses without even looking at the PIN. With no stored
    hash (None) every check fails. ``now`` is a monotonic clock in seconds (injectable
    for tests).
    """

    TRIES = 3
    FIRST_LOCK = 30.0
    MAX_LOCK = 15 * 60.0

    def __init__(self, stored: str | None, now: Callable[[], float] = time.monotonic) -> None:
        self._stored = stored
        self._now = now
        self._failures = 0
        self._locks = 0
        self._locked_until = float("-inf")

    def check(self, pin: str) -> bool:
        """Whether ``pin`` is the staff PIN; always False while locked."""
        if self.locked_for() > 0:
            return False
        if verify_pin(pin, self._stored):
            self._failures = 0
            self._locks = 0
            return True
        self._failures += 1
        if self._failures >= self.TRIES:
            self._failures = 0
            lock = min(self.FIRST_LOCK * 2 ** min(self._locks, 32), self.MAX_LOCK)
            self._locked_until = self._now() + lock
            self._locks += 1
        return False

    def locked_for(self) -> float:
        """Seconds until the next PIN may be tried (0 when not locked)."""
        return max(0.0, self._locked_until - self._now())
