"""The shipped systemd unit (deploy/systemd/kiosk.service with its kiosk.service.d drop-in)
passes `systemd-analyze verify` without a word, and says what the kiosk relies on."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

UNITS = ROOT / "deploy" / "systemd"
pytestmark = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="make test installs systemd"
)


def _verify(unit: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["systemd-analyze", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=unit.parent,
    )


def _settings(*files: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in files:
        for line in path.read_text().splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                key, value = line.split("=", 1)
                found[key.strip()] = value.strip()
    return found


def test_systemd_analyze_verify_is_silent_on_the_kiosk_unit() -> None:
    done = _verify(UNITS / "kiosk.service")
    assert done.returncode == 0, done.stderr
    assert done.stdout + done.stderr == ""


def test_verify_would_catch_a_mistake(tmp_path: Path) -> None:
    """systemd-analyze only warns on a bad value; the test above fails on any warning."""
    shutil.copytree(UNITS, tmp_path / "units")
    unit = tmp_path / "units" / "kiosk.service"
    unit.write_text(unit.read_text().replace("WatchdogSec=30", "WatchdogSec=thirty"))
    dropin = tmp_path / "units" / "kiosk.service.d" / "console.conf"
    dropin.write_text(dropin.read_text() + "Userr=kiosk\n")
    done = _verify(unit)
    assert "Failed to parse sec value" in done.stderr
    assert "Unknown key 'Userr'" in done.stderr


def test_the_unit_restarts_and_watches_the_app() -> None:
    unit = _settings(UNITS / "kiosk.service", UNITS / "kiosk.service.d" / "console.conf")
    assert unit["Type"] == "notify"
    assert unit["NotifyAccess"] == "all"  # the app is cage's child
    assert unit["Restart"] == "always"
    assert int(unit["WatchdogSec"]) >= 10
    assert unit["StartLimitIntervalSec"] == "0"
    assert unit["User"] == "kiosk"
    assert unit["PAMName"] == "login"
    assert unit["ExecStart"].startswith("/usr/bin/cage -d -- ")
    assert unit["ExecStart"].endswith("/opt/kiosk/bin/kiosk-session")
