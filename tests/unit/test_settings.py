"""The settings file (located errors, defaults) and the staff PIN (hash, write, lockout)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from kiosk import settings as settings_module
from kiosk.content.errors import BundleError
from kiosk.settings import (
    PinGuard,
    Settings,
    SettingsError,
    default_settings_path,
    hash_pin,
    load_settings,
    resolve_content_dir,
    validate_pin_format,
    verify_pin,
    write_pin,
)

SHIPPED_N = settings_module.SCRYPT_N
HASH_FORMAT = re.compile(r"scrypt\$(\d+)\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}\Z")
POSIX = os.name == "posix"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hashes made in tests use a low scrypt cost, so the suite stays fast."""
    monkeypatch.setattr(settings_module, "SCRYPT_N", 2**4)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in ``tmp_path`` so errors name ``settings.yaml`` plainly."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, text: str) -> Path:
    path = folder / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path | None) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    return [str(error) for error in caught.value.errors]


# -- reading ---------------------------------------------------------------------------


def test_default_path_is_in_the_user_config_folder(isolated_home: Path) -> None:
    path = default_settings_path()
    assert path.name == "settings.yaml"
    assert path.parent.name == "kiosk"
    if POSIX:
        assert path.is_relative_to(isolated_home)


def test_missing_default_file_gives_defaults() -> None:
    assert not default_settings_path().exists()
    assert load_settings(None) == Settings()
    assert load_settings() == Settings()


def test_default_file_is_read_when_present() -> None:
    path = default_settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("idle_seconds: 120\n", encoding="utf-8")
    assert load_settings(None).idle_seconds == 120


def test_missing_explicit_file_is_an_error(here: Path) -> None:
    assert errors_of(here / "nope.yaml") == ["nope.yaml:1:1: the settings file does not exist"]


def test_settings_error_is_a_bundle_error(here: Path) -> None:
    with pytest.raises(BundleError):
        load_settings(here / "nope.yaml")


def test_defaults() -> None:
    settings = Settings()
    assert settings.content is None
    assert settings.language == "en"
    assert (settings.idle_seconds, settings.warning_seconds) == (90, 20)
    assert settings.require_approved is False
    assert settings.staff_pin is None
    assert settings.printer is None
    assert settings.text_size == 0


def test_every_field_is_parsed(here: Path) -> None:
    stored = hash_pin("246813")
    path = write(
        here,
        "# kiosk settings\n"
        "content: ../bundles\n"
        "language: es\n"
        "idle_seconds: 300\n"
        "warning_seconds: 30\n"
        "require_approved: true\n"
        f"staff_pin: {stored}\n"
        "printer: Front desk\n"
        "text_size: 2\n",
    )
    assert load_settings(path) == Settings(
        content="../bundles",
        language="es",
        idle_seconds=300,
        warning_seconds=30,
        require_approved=True,
        staff_pin=stored,
        printer="Front desk",
        text_size=2,
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_gives_defaults(here: Path, text: str) -> None:
    assert load_settings(write(here, text)) == Settings()


@pytest.mark.parametrize(
    ("case", "text", "expected"),
    [
        (
            "unknown key with a hint",
            "language: en\nidle_second: 60\n",
            ["settings.yaml:2:1: unknown key 'idle_second'; did you mean 'idle_seconds'?"],
        ),
        (
            "wrong type for a number",
            "idle_seconds: soon\n",
            ["settings.yaml:1:15: expected a whole number, got the text 'soon'"],
        ),
        (
            "true is not a number",
            "text_size: true\n",
            ["settings.yaml:1:12: expected a whole number, got true/false"],
        ),
        (
            "wrong type for a switch",
            "require_approved: yes\n",
            ["settings.yaml:1:19: expected true or false, got the text 'yes'"],
        ),
        (
            "idle out of range",
            "idle_seconds: 5\nwarning_seconds: 19\n",
            [
                "settings.yaml:1:15: idle_seconds must be between 10 and 3600",
                "settings.yaml:2:18: warning_seconds must be between 20 and 120",
            ],
        ),
        (
            "an update source that is not a web address",
            "update_from: //server/share\nupdate_minutes: 1\n",
            [
                "settings.yaml:1:14: update_from must be an https:// (or http://) address",
                "settings.yaml:2:17: update_minutes must be between 5 and 1440",
            ],
        ),
        (
            "text size out of range",
            "text_size: 4\n",
            ["settings.yaml:1:12: text_size must be between 0 and 3"],
        ),
        (
            "warning not less than idle",
            "idle_seconds: 60\nwarning_seconds: 60\n",
            ["settings.yaml:2:18: warning_seconds (60) must be less than idle_seconds (60)"],
        ),
        (
            "default warning not less than a short idle",
            "idle_seconds: 12\n",
            ["settings.yaml:1:15: warning_seconds (20) must be less than idle_seconds (12)"],
        ),
        (
            "plain PIN",
            "staff_pin: 1234\n",
            ["settings.yaml:1:12: staff_pin must be a hash made by 'kiosk set-pin', not a PIN"],
        ),
        (
            "quoted plain PIN",
            "staff_pin: '1234'\n",
            ["settings.yaml:1:12: staff_pin must be a hash made by 'kiosk set-pin', not a PIN"],
        ),
        (
            "hash with an absurd cost",
            f"staff_pin: scrypt$1073741824$8$1${'0' * 32}${'0' * 64}\n",
            ["settings.yaml:1:12: staff_pin must be a hash made by 'kiosk set-pin', not a PIN"],
        ),
        (
            "language of the wrong type",
            "language: 5\n",
            ["settings.yaml:1:11: expected text, got the number 5"],
        ),
        (
            "language a list",
            "language:\n  - en\n  - es\n",
            ["settings.yaml:2:3: expected text, got a list"],
        ),
        (
            "language not a code",
            "language: English\n",
            ["settings.yaml:1:11: 'English' is not a language code; use one such as en or es"],
        ),
        (
            "empty content path",
            "content: ''\n",
            ["settings.yaml:1:10: content must be a folder path; leave it out to use the default"],
        ),
        (
            "duplicate key",
            "text_size: 1\ntext_size: 2\n",
            ["settings.yaml:2:1: duplicate key 'text_size' (first at line 1); keep only one"],
        ),
        (
            "not a mapping",
            "- idle_seconds: 60\n",
            ["settings.yaml:1:1: the file must hold a mapping of keys, not a list"],
        ),
    ],
)
def test_errors_are_located(here: Path, case: str, text: str, expected: list[str]) -> None:
    assert errors_of(write(here, text)) == expected, case


def test_every_problem_is_reported_at_once(here: Path) -> None:
    path = write(
        here,
        "langauge: en\n"
        "idle_seconds: 9999\n"
        "warning_seconds: fast\n"
        "require_approved: 1\n"
        "staff_pin: 123456\n"
        "printer: 42\n"
        "text_size: -1\n",
    )
    assert errors_of(path) == [
        "settings.yaml:1:1: unknown key 'langauge'; did you mean 'language'?",
        "settings.yaml:2:15: idle_seconds must be between 10 and 3600",
        "settings.yaml:3:18: expected a whole number, got the text 'fast'",
        "settings.yaml:4:19: expected true or false, got the number 1",
        "settings.yaml:5:12: staff_pin must be a hash made by 'kiosk set-pin', not a PIN",
        "settings.yaml:6:10: expected text, got the number 42",
        "settings.yaml:7:12: text_size must be between 0 and 3",
    ]


def test_error_report_is_one_line_per_problem(here: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(write(here, "idle_seconds: 1\ntext_size: 9\n"))
    assert str(caught.value) == (
        "settings.yaml:1:15: idle_seconds must be between 10 and 3600\n"
        "settings.yaml:2:12: text_size must be between 0 and 3"
    )


def test_content_is_relative_to_the_settings_folder(tmp_path: Path) -> None:
    path = tmp_path / "etc" / "settings.yaml"
    assert resolve_content_dir(Settings(content="../content"), path) == (
        tmp_path / "etc" / ".." / "content"
    )
    assert resolve_content_dir(Settings(content=str(tmp_path / "abs")), path) == tmp_path / "abs"
    assert resolve_content_dir(Settings(), path) is None


def test_content_relative_to_the_default_settings_folder() -> None:
    expected = default_settings_path().parent / "bundles"
    assert resolve_content_dir(Settings(content="bundles"), None) == expected


# -- the PIN hash ----------------------------------------------------------------------


def test_shipped_scrypt_cost_is_2_to_the_14(monkeypatch: pytest.MonkeyPatch) -> None:
    assert SHIPPED_N == 2**14
    monkeypatch.setattr(settings_module, "SCRYPT_N", SHIPPED_N)
    stored = hash_pin("432187")
    match = HASH_FORMAT.match(stored)
    assert match is not None
    assert match.group(1) == "16384"
    assert verify_pin("432187", stored)


def test_hash_and_verify_round_trip() -> None:
    stored = hash_pin("004297")
    assert HASH_FORMAT.match(stored)
    assert "004297" not in stored.split("$")
    assert verify_pin("004297", stored)


def test_wrong_pin_is_refused() -> None:
    stored = hash_pin("004297")
    assert not verify_pin("004298", stored)
    assert not verify_pin("04297", stored)
    assert not verify_pin("", stored)


def test_two_hashes_of_one_pin_differ() -> None:
    first, second = hash_pin("583016"), hash_pin("583016")
    assert first != second
    assert verify_pin("583016", first)
    assert verify_pin("583016", second)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "1234",
        "scrypt$",
        "scrypt$16$8$1$zz$zz",
        "bcrypt$16$8$1$" + "0" * 32 + "$" + "0" * 64,
        "scrypt$15$8$1$" + "0" * 32 + "$" + "0" * 64,  # n not a power of two
        "scrypt$16$0$1$" + "0" * 32 + "$" + "0" * 64,  # r zero
        "scrypt$16$8$1$" + "0" * 30 + "$" + "0" * 64,  # short salt
        "scrypt$16$8$1$" + "0" * 32 + "$" + "0" * 62,  # short hash
        "scrypt$1073741824$8$1$" + "0" * 32 + "$" + "0" * 64,  # memory bomb
    ],
)
def test_malformed_hash_is_false_not_an_error(stored: str) -> None:
    assert verify_pin("1234", stored) is False


def test_no_stored_hash_is_false() -> None:
    assert verify_pin("1234", None) is False


def test_a_stored_hash_is_accepted_by_the_settings_file(here: Path) -> None:
    stored = hash_pin("975318")
    assert load_settings(write(here, f"staff_pin: {stored}\n")).staff_pin == stored


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("258013", None),
        ("975318642013", None),
        ("12345", "the PIN must be 6 to 12 digits (0-9)"),
        ("1234567890123", "the PIN must be 6 to 12 digits (0-9)"),
        ("12a456", "the PIN must be 6 to 12 digits (0-9)"),
        (" 258013", "the PIN must be 6 to 12 digits (0-9)"),
        ("258013\n", "the PIN must be 6 to 12 digits (0-9)"),
        (
            "١٢٣٤٥٦",
            "the PIN must be 6 to 12 digits (0-9)",
        ),  # Arabic-Indic digits: not on the keypad
        ("", "the PIN must be 6 to 12 digits (0-9)"),
        ("000000", "the PIN is one digit repeated; choose one that is hard to guess"),
        ("999999999", "the PIN is one digit repeated; choose one that is hard to guess"),
        ("121212", "the PIN repeats a short group of digits; choose one that is hard to guess"),
        ("123123", "the PIN repeats a short group of digits; choose one that is hard to guess"),
        ("13571357", "the PIN repeats a short group of digits; choose one that is hard to guess"),
        ("123456", "the PIN is a run of digits (such as 123456); choose one that is hard to guess"),
        ("987654", "the PIN is a run of digits (such as 123456); choose one that is hard to guess"),
        ("890123", "the PIN is a run of digits (such as 123456); choose one that is hard to guess"),
        ("202611", "the PIN holds the year; choose one that is hard to guess"),
        ("112025", "the PIN holds the year; choose one that is hard to guess"),
        ("20278413", "the PIN holds the year; choose one that is hard to guess"),
    ],
)
def test_attack_trivial_pins_are_refused(pin: str, problem: str | None) -> None:
    """set-pin accepted 0000 and 1234: a new PIN is 6+ digits and not one tried first."""
    assert validate_pin_format(pin, year=2026) == problem


def test_the_year_is_this_years() -> None:
    import time

    year = time.localtime().tm_year
    assert validate_pin_format(f"{year}83") is not None
    assert validate_pin_format("258013") is None


def test_a_pin_stored_before_the_policy_still_unlocks() -> None:
    import hashlib
    import secrets

    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(b"1234", salt=salt, n=16, r=8, p=1, dklen=32)
    four_digits = f"scrypt$16$8$1${salt.hex()}${digest.hex()}"
    assert verify_pin("1234", four_digits)
    assert not verify_pin("1235", four_digits)


def test_hash_pin_refuses_a_bad_pin() -> None:
    with pytest.raises(ValueError, match="6 to 12 digits"):
        hash_pin("12")
    with pytest.raises(ValueError, match="one digit repeated"):
        hash_pin("0000000")


# -- writing the PIN -------------------------------------------------------------------


def test_write_pin_creates_the_file_and_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "settings.yaml"
    write_pin(path, "864297")
    settings = load_settings(path)
    assert settings.staff_pin is not None
    assert verify_pin("864297", settings.staff_pin)
    assert path.read_text(encoding="utf-8") == f"staff_pin: {settings.staff_pin}\n"
    if POSIX:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["settings.yaml"]  # no temp file left


def test_write_pin_keeps_comments_and_other_keys(tmp_path: Path) -> None:
    before = "# Front desk kiosk\nlanguage: es   # Spanish first\n\nidle_seconds: 120\n"
    path = write(tmp_path, before)
    if POSIX:
        path.chmod(0o644)
    write_pin(path, "864297")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(before)
    assert text.count("staff_pin:") == 1
    settings = load_settings(path)
    assert (settings.language, settings.idle_seconds) == ("es", 120)
    assert settings.staff_pin is not None
    assert verify_pin("864297", settings.staff_pin)
    if POSIX:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_write_pin_appends_after_a_last_line_without_newline(tmp_path: Path) -> None:
    path = write(tmp_path, "text_size: 1")
    write_pin(path, "864297")
    assert path.read_text(encoding="utf-8").startswith("text_size: 1\nstaff_pin: scrypt$")
    assert load_settings(path).text_size == 1


def test_write_pin_replaces_an_existing_hash(tmp_path: Path) -> None:
    old = hash_pin("118257")
    path = write(tmp_path, f"# top\nstaff_pin: {old}  # set in May\nprinter: Desk\n")
    write_pin(path, "229461")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# top"
    assert lines[1].startswith("staff_pin: scrypt$")
    assert lines[2] == "printer: Desk"
    assert len(lines) == 3
    stored = load_settings(path).staff_pin
    assert stored is not None
    assert stored != old
    assert verify_pin("229461", stored)
    assert not verify_pin("118257", stored)


def test_write_pin_replaces_a_plain_pin_and_leaves_nested_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "staff_pin: >\n  1234\nlanguage: en\n")
    write_pin(path, "561872")
    text = path.read_text(encoding="utf-8")
    assert text.count("staff_pin:") == 1
    assert "1234" not in text
    stored = load_settings(path).staff_pin
    assert stored is not None
    assert verify_pin("561872", stored)


def test_write_pin_refuses_a_bad_pin_and_leaves_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "language: en\n")
    with pytest.raises(ValueError, match="6 to 12 digits"):
        write_pin(path, "12ab")
    assert path.read_text(encoding="utf-8") == "language: en\n"


# -- the lockout -----------------------------------------------------------------------


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def wrong(guard: PinGuard, times: int) -> None:
    for _ in range(times):
        assert guard.check("0000") is False


def test_pin_guard_lockout_timeline() -> None:
    clock = Clock()
    guard = PinGuard(hash_pin("258013"), now=clock)
    assert guard.locked_for() == 0
    assert guard.check("258013")

    wrong(guard, 2)
    assert guard.locked_for() == 0
    wrong(guard, 1)
    assert guard.locked_for() == 30

    clock.t += 10
    assert guard.locked_for() == 20
    assert guard.check("258013") is False  # refused while locked, even if right
    assert guard.locked_for() == 20  # and that try does not extend the lock

    clock.t += 20
    assert guard.locked_for() == 0
    wrong(guard, 3)
    assert guard.locked_for() == 60  # the next lock doubles, to the cap

    clock.t += 60
    wrong(guard, 3)
    assert guard.locked_for() == 60

    clock.t += 60
    assert guard.check("258013")  # a correct PIN resets everything
    wrong(guard, 2)
    assert guard.locked_for() == 0
    wrong(guard, 1)
    assert guard.locked_for() == 30


def test_pin_guard_correct_pin_resets_the_count() -> None:
    guard = PinGuard(hash_pin("258013"), now=Clock())
    wrong(guard, 2)
    assert guard.check("258013")
    wrong(guard, 2)
    assert guard.locked_for() == 0


def test_attack_visitor_locks_staff_out_for_at_most_a_minute() -> None:
    """Lock lengths grew to 15 minutes: now no lock is longer than 60 s."""
    clock = Clock()
    guard = PinGuard(hash_pin("258013"), now=clock)
    locks = []
    for _ in range(8):
        wrong(guard, 3)
        locks.append(guard.locked_for())
        clock.t += guard.locked_for()
    assert locks == [30, 60, 60, 60, 60, 60, 60, 60]


def test_attack_restart_resets_the_lockout(tmp_path: Path) -> None:
    """The lockout lived in memory: a restart (a new guard on the same state) keeps it."""
    clock, state = Clock(), tmp_path / "state" / "pin-guard"
    stored = hash_pin("258013")
    wrong(PinGuard(stored, now=clock, state=state), 3)
    clock.t += 5
    again = PinGuard(stored, now=clock, state=state)
    assert again.locked_for() == 25
    assert again.check("258013") is False
    assert again.wrong == 3
    if POSIX:
        assert stat.S_IMODE(state.stat().st_mode) == 0o600
    clock.t += 25
    wrong(again, 2)
    third = PinGuard(stored, now=clock, state=state)
    wrong(third, 1)  # the count in a row carried over too: the third wrong locks
    assert third.locked_for() == 60


def test_a_restored_lock_is_capped_whatever_the_clock_did(tmp_path: Path) -> None:
    state = tmp_path / "pin-guard"
    state.write_text("1 0 5 99999999999.0 15 0\n")  # a lock far in the future
    guard = PinGuard(hash_pin("258013"), now=Clock(), state=state)
    assert guard.locked_for() == PinGuard.MAX_LOCK == 60


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b"1 x y z w v\n", b"1 -1 0 0.0 0 0\n", b"1 0 0 nan 0 0\n", b"\xff" * 300],
)
def test_a_damaged_guard_state_starts_afresh(tmp_path: Path, content: bytes) -> None:
    state = tmp_path / "pin-guard"
    state.write_bytes(content)
    guard = PinGuard(hash_pin("258013"), now=Clock(), state=state)
    assert (guard.locked_for(), guard.wrong) == (0, 0)
    assert guard.check("258013")


def test_attack_guard_state_fifo_does_not_hang(tmp_path: Path) -> None:
    state = tmp_path / "pin-guard"
    os.mkfifo(state)
    guard = PinGuard(hash_pin("258013"), now=Clock(), state=state)
    assert guard.locked_for() == 0
    wrong(guard, 3)  # cannot write over a FIFO either: the lock holds in memory
    assert guard.locked_for() == 30


def test_the_attempt_count_is_kept_for_the_staff_panel(tmp_path: Path) -> None:
    guard = PinGuard(hash_pin("258013"), now=Clock(), state=tmp_path / "g")
    wrong(guard, 2)
    assert guard.wrong == 2
    assert guard.check("258013")
    assert (guard.wrong, guard.wrong_before_unlock) == (0, 2)
    restarted = PinGuard(hash_pin("258013"), now=Clock(), state=tmp_path / "g")
    assert restarted.wrong_before_unlock == 2


def test_pin_guard_without_a_stored_hash_always_fails() -> None:
    guard = PinGuard(None, now=Clock())
    assert guard.check("1234") is False
    assert guard.check("0000") is False


def test_pin_guard_with_a_malformed_hash_always_fails() -> None:
    guard = PinGuard("1234", now=Clock())
    assert guard.check("1234") is False


# -- attacks on reading the settings (each used to end in "internal error", exit 3) ----


def only_error(path: Path | None) -> str:
    errors = errors_of(path)
    assert len(errors) == 1, errors
    return errors[0]


def test_attack_fifo_at_the_settings_path_does_not_hang(here: Path) -> None:
    os.mkfifo(here / "settings.yaml")
    assert only_error(here / "settings.yaml") == (
        "settings.yaml:1:1: cannot read the settings file: not a regular file (a named pipe (FIFO))"
    )


def test_attack_fifo_at_the_default_settings_path_does_not_hang() -> None:
    path = default_settings_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert only_error(None).endswith(
        "cannot read the settings file: not a regular file (a named pipe (FIFO))"
    )


def test_attack_settings_linked_to_dev_zero_is_not_read(here: Path) -> None:
    (here / "settings.yaml").symlink_to("/dev/zero")
    assert only_error(here / "settings.yaml") == (
        "settings.yaml:1:1: cannot read the settings file: not a regular file (a character device)"
    )


def test_attack_settings_symlink_loop_is_located(here: Path) -> None:
    (here / "settings.yaml").symlink_to(here / "settings.yaml")
    assert only_error(here / "settings.yaml") == (
        "settings.yaml:1:1: cannot read the settings file: a symbolic link loop "
        "(too many levels of symbolic links)"
    )


def test_attack_default_settings_symlink_loop_is_located() -> None:
    path = default_settings_path()
    path.parent.mkdir(parents=True)
    path.symlink_to(path)
    assert "a symbolic link loop" in only_error(None)


def test_attack_huge_settings_file_is_not_read_whole(here: Path) -> None:
    write(here, "# " + "x" * 100_000 + "\n")
    assert only_error(here / "settings.yaml") == (
        "settings.yaml:1:1: cannot read the settings file: the file is too large "
        "(100,003 bytes; the limit is 65,536)"
    )


def test_attack_content_of_a_user_that_does_not_exist(here: Path) -> None:
    path = write(here, "language: en\ncontent: ~nosuchuser/kiosk-content\n")
    assert only_error(path) == (
        "settings.yaml:2:10: there is no user 'nosuchuser' whose home folder ~nosuchuser could be"
    )
    settings = Settings(content="~nosuchuser/x")
    assert resolve_content_dir(settings, path) == here / "~nosuchuser/x"  # never raises


def test_content_of_the_own_home_is_expanded(here: Path, isolated_home: Path) -> None:
    settings = load_settings(write(here, "content: ~/kiosk-content\n"))
    assert resolve_content_dir(settings, here / "settings.yaml") == isolated_home / "kiosk-content"


def _load_as_another_user(path: Path | None) -> str:
    """load_settings(path) in a process that may not read the folder: its one error.

    As root (CI), file permissions do not apply, so the check runs in a forked child
    that has become 'nobody'; otherwise here.
    """
    if os.geteuid() != 0:
        return only_error(path)
    read, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            os.setgid(65534)
            os.setuid(65534)
            try:
                load_settings(path)
                answer = "no error"
            except SettingsError as exc:
                answer = "\n".join(str(e) for e in exc.errors)
            os.write(write_end, answer.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read, "rb") as pipe:
        answer = pipe.read().decode()
    os.waitpid(child, 0)
    return answer


def test_attack_unreadable_config_folder_is_located(isolated_home: Path) -> None:
    path = default_settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("language: es\n")
    path.parent.chmod(0o000)
    try:
        error = _load_as_another_user(None)
    finally:
        path.parent.chmod(0o700)
    assert error.endswith(": cannot read the settings file: Permission denied"), error
    assert error.startswith(str(path) + ":1:1:") or "settings.yaml:1:1:" in error


def test_attack_set_pin_through_a_symlink_loop_is_an_os_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.symlink_to(path)
    with pytest.raises(OSError, match="symbolic link loop"):
        write_pin(path, "258013")


def test_attack_set_pin_over_a_fifo_does_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    os.mkfifo(path)
    with pytest.raises(OSError, match="not a regular file"):
        write_pin(path, "258013")


def test_every_command_resolves_the_content_folder_one_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--content, then the settings file's content: (relative to it), then the default."""
    from kiosk.settings import SHIPPED_CONTENT, content_root, default_content_dir

    monkeypatch.chdir(tmp_path)
    assert default_content_dir() == SHIPPED_CONTENT  # no ./content here
    assert content_root(None, None) == SHIPPED_CONTENT
    config = tmp_path / "etc" / "settings.yaml"
    config.parent.mkdir()
    config.write_text("content: ../clinic\n", encoding="utf-8")
    assert content_root(None, config) == tmp_path / "etc" / ".." / "clinic"
    assert content_root(tmp_path / "given", config) == tmp_path / "given"
    (tmp_path / "content").mkdir()
    assert content_root(None, None) == default_content_dir() == Path("content")
    # the user's own settings file counts too, as it does for the app
    own = tmp_path / "home-config" / "kiosk" / "settings.yaml"
    own.parent.mkdir(parents=True)
    own.write_text(f"content: {tmp_path / 'own'}\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home-config"))
    assert content_root(None, None) == tmp_path / "own"
    config.write_text("content: ''\n", encoding="utf-8")
    with pytest.raises(SettingsError):
        content_root(None, config)
