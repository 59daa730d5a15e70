"""speech-dispatcher's own settings ship with the kiosk and keep its log out of the home
folder (issue 18). tests/deploy/test_read_aloud_audio.py runs it for real (slow, with
PulseAudio); this checks, in no time, the files that make it so."""

from __future__ import annotations

import re

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def _options(path: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in (DEPLOY / path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition(" ")
            found[name] = value.strip()
    return found


def test_attack_speech_dispatcher_writes_megabytes_of_log_in_the_home_folder() -> None:
    """Read-aloud started speech-dispatcher with Debian's settings: about 2.4 MB of voice
    lists logged under the home folder at every start, without limit."""
    options = _options("speech-dispatcher/speechd.conf")
    assert options["LogDir"] == '"stdout"'  # the journal, never a file in the home folder
    assert int(options["LogLevel"]) < 5  # 5 records the text spoken
    assert options["Timeout"] == "0"  # never stops: no plain autospawned one in its place
    session = (DEPLOY / "kiosk-session").read_text()
    assert re.search(r'speech-dispatcher --spawn --config-dir "\$speechd"', session)
    install = (DEPLOY / "install.sh").read_text()
    assert "speech-dispatcher/speechd.conf" in install
    unit = (DEPLOY / "systemd" / "kiosk.service").read_text()
    assert "Environment=KIOSK_SPEECHD_CONFIG=" in unit
