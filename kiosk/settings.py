"""The kiosk's settings file and the staff PIN that unlocks the staff screens.

The settings file is a small YAML mapping (every key optional)::

    content: ../content        # relative to this file's folder
    language: en
    idle_seconds: 90           # 10..3600
    warning_seconds: 20        # 20..120 (WCAG 2.2.1: at least 20 s), less than idle_seconds
    require_approved: false    # true: kiosk mode shows approved bundles only
    staff_pin: scrypt$16384$8$1$<salt>$<hash>    # written by 'kiosk set-pin'
    printer: Front desk
    text_size: 0               # 0..3
    update_from: https://content.example.org/kiosk   # a fleet repository (docs/fleet-runbook.md)
    update_minutes: 15         # 5..1440, how often to check, between visits only

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
    "content_root",
    "default_content_dir",
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
MIN_PIN_DIGITS = 6
_NEW_PIN = rf"[0-9]{{{MIN_PIN_DIGITS},12}}\Z"
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
    "warning_seconds": (20, 120),  # WCAG 2.2.1: at least 20 s
    "text_size": (0, 3),
    "update_minutes": (5, 1440),
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
    warning_seconds: int = 20  # WCAG 2.2.1 asks for at least 20 s of warning
    require_approved: bool = False
    staff_pin: str | None = None
    printer: str | None = None
    text_size: int = 0
    update_from: str | None = None
    update_minutes: int = 15
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


_DEFAULTS = Settings()


def default_settings_path() -> Path:
    """The per-user settings file (e.g. ``~/.config/kiosk/settings.yaml`` on Linux)."""
    from kiosk.content.userdirs import user_dir

    return user_dir("config") / "settings.yaml"


_MAX_SETTINGS_BYTES = 64 * 1024
"""A settings file is a few lines; more than this is not one (and is never read whole)."""


def load_settings(path: Path | None = None) -> Settings:
    """Read and check the settings at ``path`` (None: the default file, which may be absent).

    Raises :class:`SettingsError` with every problem found, each at ``file:line:col``:
    bad values, and a file that cannot be read (no permission on its folder, a link
    loop, a FIFO or a device instead of a file, too large), never anything else.
    """
    from kiosk.content._files import FileProblem, read_file
    from kiosk.content.loader import display_path

    default = path is None
    if path is None:
        try:
            path = default_settings_path()
        except (OSError, RuntimeError, ValueError) as exc:  # no home folder to be found
            message = f"cannot find the user's settings folder ({exc}); use --config PATH"
            raise SettingsError([ContentError.at_file("settings", message)]) from None
    display = display_path(path)
    try:
        raw = read_file(path, _MAX_SETTINGS_BYTES)
    except FileProblem as problem:
        if problem.missing and default:
            return Settings()
        message = (
            "the settings file does not exist"
            if problem.missing
            else f"cannot read the settings file: {problem}"
        )
        raise SettingsError([ContentError.at_file(display, message)]) from None
    from kiosk.content._yaml import read_yaml_bytes  # YAML: only for a file (~20 ms)

    read = read_yaml_bytes(raw, display)
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
    source = data.get("update_from")
    if isinstance(source, str) and not source.startswith(("https://", "http://")):
        fail("update_from", "update_from must be an https:// (or http://) address")
    content = data.get("content")
    if isinstance(content, str) and not content.strip():
        fail("content", "content must be a folder path; leave it out to use the default")
    elif isinstance(content, str) and _expand(content) is None:
        user = content[1:].split("/", 1)[0]
        fail("content", f"there is no user '{user}' whose home folder ~{user} could be")

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


SHIPPED_CONTENT = Path(__file__).resolve().parent.parent / "content"
"""The content shipped beside the code."""


def default_content_dir() -> Path:
    """``./content`` when run from a checkout or a folder with content, else the shipped one."""
    here = Path("content")
    return here if here.is_dir() else SHIPPED_CONTENT


def content_root(content: Path | None, config: Path | None) -> Path:
    """The content folder of every command, resolved one way: ``--content`` (``content``),
    then the ``content:`` of the settings file (``config``, else the user's own), then
    :func:`default_content_dir`. Raises :class:`SettingsError` for a broken settings file.
    """
    if content is not None:
        return content
    return resolve_content_dir(load_settings(config), config) or default_content_dir()


def resolve_content_dir(settings: Settings, settings_path: Path | None) -> Path | None:
    """The content folder the settings name, relative to the settings file's folder; or None."""
    if settings.content is None:
        return None
    content = _expand(settings.content) or Path(settings.content)
    if content.is_absolute():
        return content
    base = settings_path if settings_path is not None else default_settings_path()
    return base.parent / content


def _expand(folder: str) -> Path | None:
    """``folder`` with a leading ``~`` or ``~user`` expanded; None if there is no such home."""
    try:
        expanded = Path(folder).expanduser()
    except (RuntimeError, KeyError, OSError):
        return None
    return None if str(expanded).startswith("~") else expanded


# -- the staff PIN ---------------------------------------------------------------------


def validate_pin_format(pin: str, *, year: int | None = None) -> str | None:
    """Why ``pin`` cannot be a new staff PIN, or None if it can.

    6 to 12 digits, and not one a visitor would try first: one digit repeated
    (``000000``), a short group repeated (``121212``, ``123123``), a run up or down
    (``123456``, ``987654``, ``890123``), or one holding this ``year`` (or the one
    before or after: ``202611``). A PIN stored before this policy (4 or more digits)
    still unlocks: only a new one is checked here.
    """
    if not isinstance(pin, str) or not re.match(_NEW_PIN, pin):
        return f"the PIN must be {MIN_PIN_DIGITS} to 12 digits (0-9)"
    if len(set(pin)) == 1:
        return "the PIN is one digit repeated; choose one that is hard to guess"
    for period in (2, 3, 4):
        if len(pin) % period == 0 and pin == pin[:period] * (len(pin) // period):
            return "the PIN repeats a short group of digits; choose one that is hard to guess"
    from itertools import pairwise

    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(pin)}
    if steps in ({1}, {9}):
        return "the PIN is a run of digits (such as 123456); choose one that is hard to guess"
    if year is None:
        year = time.localtime().tm_year
    if any(str(y) in pin for y in (year - 1, year, year + 1)):
        return "the PIN holds the year; choose one that is hard to guess"
    return None


def _pin_shape(pin: str) -> bool:
    """Digits only, 4 to 12 of them: what any stored PIN can be (checked before hashing)."""
    return isinstance(pin, str) and re.match(_PIN, pin) is not None


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of ``pin``, as stored in the settings file.

    Raises ValueError when ``pin`` is not a PIN :func:`validate_pin_format` accepts.
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
    if not _pin_shape(pin) or not isinstance(stored, str):
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
    Raises ValueError for a PIN :func:`validate_pin_format` refuses, OSError if it cannot
    write (a symbolic link loop too).
    """
    line = f"staff_pin: {hash_pin(pin)}"
    try:
        path = path.resolve()  # through a symlink: replace its target, not the link
    except RuntimeError:  # Python 3.11: a symbolic link loop
        import errno

        raise OSError(errno.ELOOP, "a symbolic link loop", str(path)) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _current_text(path)
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


def _current_text(path: Path) -> str:
    """The settings file's text ("" when there is none); OSError when it cannot be read."""
    import errno

    from kiosk.content._files import FileProblem, read_file

    try:
        raw = read_file(path, _MAX_SETTINGS_BYTES)
    except FileProblem as problem:
        if problem.missing:
            return ""
        raise OSError(errno.EIO, str(problem), str(path)) from None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise OSError(errno.EILSEQ, "the file is not UTF-8 text", str(path)) from None


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
    """Checks staff PINs, locking out guessing: 3 wrong in a row lock for 30 s, then 60 s.

    No lock is longer than :attr:`MAX_LOCK` (60 s), so a visitor who types wrong PINs
    keeps staff out for a minute at most; a correct PIN resets everything. While
    locked, :meth:`check` refuses without even looking at the PIN. With no stored hash
    (None) every check fails.

    With a ``state`` file (:meth:`default_state_path` in the app), the count of wrong
    PINs and any lock are written there after each try and read back at start, so a
    restart neither resets the lockout nor hides the count; a file that cannot be read
    or written only costs that (the guard then lives in memory). ``now`` is a wall
    clock in seconds (injectable for tests); a lock read back never lasts longer than
    :attr:`MAX_LOCK` from now, whatever the clock did in between.
    """

    TRIES = 3
    FIRST_LOCK = 30.0
    MAX_LOCK = 60.0
    _STATE_BYTES = 256

    def __init__(
        self,
        stored: str | None,
        now: Callable[[], float] = time.time,
        *,
        state: Path | None = None,
    ) -> None:
        self._stored = stored
        self._now = now
        self._state = state
        self._failures = 0  # wrong in a row since the last lock or correct PIN
        self._locks = 0
        self._locked_until = float("-inf")
        self.wrong = 0
        """Wrong PINs since the last correct one."""
        self.wrong_before_unlock = 0
        """Wrong PINs typed before the last correct one (for the staff panel)."""
        self._read_state()

    @staticmethod
    def default_state_path() -> Path:
        """Where the app keeps the guard's state (the user's state folder)."""
        from kiosk.content.userdirs import user_dir

        return user_dir("state") / "pin-guard"

    def check(self, pin: str) -> bool:
        """Whether ``pin`` is the staff PIN; always False while locked."""
        if self.locked_for() > 0:
            return False
        if verify_pin(pin, self._stored):
            self.wrong_before_unlock = self.wrong
            self.wrong = self._failures = self._locks = 0
            self._locked_until = float("-inf")
            self._write_state()
            return True
        self.wrong += 1
        self._failures += 1
        if self._failures >= self.TRIES:
            self._failures = 0
            lock = min(self.FIRST_LOCK * 2 ** min(self._locks, 8), self.MAX_LOCK)
            self._locked_until = self._now() + lock
            self._locks += 1
        self._write_state()
        return False

    def locked_for(self) -> float:
        """Seconds until the next PIN may be tried (0 when not locked; never over MAX_LOCK)."""
        return min(self.MAX_LOCK, max(0.0, self._locked_until - self._now()))

    # -- the state file: "1 failures locks locked_until wrong wrong_before_unlock"
    def _read_state(self) -> None:
        if self._state is None:
            return
        from kiosk.content._files import FileProblem, read_file

        try:
            fields = read_file(self._state, self._STATE_BYTES).decode("ascii").split()
            if len(fields) != 6 or fields[0] != "1":
                return
            failures, locks, wrong, before = (int(fields[i]) for i in (1, 2, 4, 5))
            until = float(fields[3])
        except (FileProblem, UnicodeDecodeError, ValueError):
            return  # no state, or not ours: start afresh
        if min(failures, locks, wrong, before) < 0 or until != until:  # NaN
            return
        self._failures, self._locks = min(failures, self.TRIES), min(locks, 64)
        self.wrong, self.wrong_before_unlock = wrong, before
        self._locked_until = min(until, self._now() + self.MAX_LOCK)

    def _write_state(self) -> None:
        if self._state is None:
            return
        until = self._locked_until if self._locked_until > 0 else 0.0
        line = (
            f"1 {self._failures} {self._locks} {until!r} {self.wrong} {self.wrong_before_unlock}\n"
        )
        try:
            self._state.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            _write_private(self._state, line.encode("ascii"))
        except OSError:
            pass  # a read-only home: the guard still holds in memory
