"""requirements.lock matches pyproject.toml: every dependency (and every extra's) is pinned
there with hashes, at a version its specifier allows. Fails after a dependency is added or
changed without `make lock`."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+?)(?:\s*;\s*(.+?))?\s*\\?$")


def _locked(lock: str = "requirements.lock") -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes), read from a lock file."""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in (ROOT / lock).read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            pins[current] = (match.group(2), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def _wanted(*, extras: bool = True) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(text) for text in project["dependencies"]]
    for extra in project["optional-dependencies"].values() if extras else ():
        wanted += [Requirement(text) for text in extra]
    return wanted


def test_every_dependency_is_locked_at_an_allowed_version() -> None:
    pins = _locked()
    problems = []
    for requirement in _wanted():
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{requirement} is not in requirements.lock")
        elif not requirement.specifier.contains(pins[name][0], prereleases=True):
            problems.append(f"{requirement}: the lock has {pins[name][0]}")
    assert not problems, "run `make lock`:\n" + "\n".join(problems)


def test_every_locked_package_has_hashes() -> None:
    for lock in ("requirements.lock", "deploy/kiosk.lock"):
        pins = _locked(lock)
        assert len(pins) > 10
        assert all(hashes > 0 for _, hashes in pins.values()), [
            name for name, (_, hashes) in pins.items() if hashes == 0
        ]


def test_the_kiosk_lock_has_the_apps_dependencies_at_the_same_versions() -> None:
    """deploy/kiosk.lock (what deploy/install.sh puts on a clinic kiosk) is the app's own
    part of requirements.lock: what the tests ran with is what the clinic gets."""
    kiosk, everything = _locked("deploy/kiosk.lock"), _locked()
    missing = [str(r) for r in _wanted(extras=False) if canonicalize_name(r.name) not in kiosk]
    assert not missing, f"run `make lock`: {missing}"
    differ = {
        name: (pin[0], everything.get(name, ("-",))[0])
        for name, pin in kiosk.items()
        if everything.get(name, ("-",))[0] != pin[0]
    }
    assert not differ, f"run `make lock`: {differ}"
