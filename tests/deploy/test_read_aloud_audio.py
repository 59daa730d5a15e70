"""Read-aloud for real: the app's ReadAloud, with the engine Qt picks by default (speechd),
speaks English and Spanish through speech-dispatcher, configured by the kiosk's own
deploy/speech-dispatcher/speechd.conf (espeak-ng), into a PulseAudio null sink whose
monitor is recorded. The recording must hold speech, and speech-dispatcher must have
written nothing into the home folder (its log goes to standard output)."""

from __future__ import annotations

import array
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

RATE = 22050
NEEDED = ("pulseaudio", "parec", "pactl", "speech-dispatcher")
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in NEEDED),
    reason="no speech engine here (make test installs deploy/debian/*.txt)",
)

SPEAK = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kiosk.ui.speech import ReadAloud

app = QApplication(sys.argv[:1])
speech = ReadAloud()
text, language = sys.argv[1], sys.argv[2]
if not speech.available:
    print("unavailable:", speech.reason, flush=True)
    sys.exit(2)
heard = []
def watch(state):
    heard.append(state)
    if state == "idle" and "speaking" in heard:
        app.quit()
speech.stateChanged.connect(watch)
speech.say(text, language)
QTimer.singleShot(30000, lambda: app.exit(3))
code = app.exec()
print("engine:", speech.engine_name, "states:", heard, flush=True)
sys.exit(code)
"""


def _wait_for(path: Path, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.fixture
def audio(tmp_path: Path, isolated_home: Path) -> Iterator[dict[str, str]]:
    """A PulseAudio server with only a null sink, and speech-dispatcher with the kiosk's
    configuration, both in a private runtime folder; the environment to reach them."""
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(run), HOME=str(isolated_home))
    env.pop("PULSE_SERVER", None)
    env.pop("SPEECHD_ADDRESS", None)
    socket = run / "pulse" / "native"
    pulse = subprocess.Popen(
        [
            "pulseaudio",
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--disable-shm=yes",
            "-L",
            f"module-native-protocol-unix socket={socket}",
            "-L",
            "module-null-sink sink_name=kiosk_null rate=22050 channels=1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    speechd_log = tmp_path / "speechd.log"
    try:
        _wait_for(socket)
        subprocess.run(["pactl", "set-default-sink", "kiosk_null"], env=env, check=True, timeout=10)
        with speechd_log.open("w") as log:
            subprocess.run(
                [
                    "speech-dispatcher",
                    "-d",
                    "-t",
                    "0",
                    "-C",
                    str(ROOT / "deploy" / "speech-dispatcher"),
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
                timeout=20,
            )
        _wait_for(run / "speech-dispatcher" / "speechd.sock")
        env["SPEECHD_LOG"] = str(speechd_log)
        yield env
    finally:
        pid_file = run / "speech-dispatcher" / "pid" / "speech-dispatcher.pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
        pulse.terminate()
        pulse.wait(timeout=10)


def _speak_and_record(env: dict[str, str], text: str, language: str, out: Path) -> float:
    """Seconds of sound (samples above a threshold) recorded while the app spoke."""
    with out.open("wb") as sink:
        recorder = subprocess.Popen(
            [
                "parec",
                "-d",
                "kiosk_null.monitor",
                "--raw",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
            ],
            env=env,
            stdout=sink,
        )
        try:
            done = subprocess.run(
                [sys.executable, "-c", SPEAK, text, language],
                env=dict(env, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT)),
                capture_output=True,
                text=True,
                timeout=60,
            )
            time.sleep(0.3)  # the tail of the sound through the monitor
        finally:
            recorder.terminate()
            recorder.wait(timeout=10)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "engine: speechd" in done.stdout, done.stdout
    samples = array.array("h")
    data = out.read_bytes()
    samples.frombytes(data[: len(data) // 2 * 2])
    return sum(1 for value in samples if abs(value) > 500) / RATE


@pytest.mark.slow
def test_read_aloud_speaks_english_and_spanish_into_a_null_sink(
    audio: dict[str, str], tmp_path: Path, isolated_home: Path
) -> None:
    before = sorted(isolated_home.rglob("*"))
    english = _speak_and_record(
        audio, "Muscle cramps are common. Drink water when it is hot.", "en", tmp_path / "en.raw"
    )
    spanish = _speak_and_record(
        audio, "Los calambres son comunes. Beba agua cuando hace calor.", "es", tmp_path / "es.raw"
    )
    assert english > 0.5, f"{english:.2f} s of sound for English"
    assert spanish > 0.5, f"{spanish:.2f} s of sound for Spanish"
    log = Path(audio["SPEECHD_LOG"]).read_text()
    assert "Configuration has been read from" in log
    assert "deploy/speech-dispatcher/speechd.conf" in log
    # PulseAudio keeps its cookie in ~/.config/pulse; speech-dispatcher writes nothing there
    after = [path for path in sorted(isolated_home.rglob("*")) if path not in before]
    assert not [path for path in after if "speech" in str(path).lower()], after
