"""Benchmark the kiosk's start-up and its reading-level switch against bare PySide6.

What it measures:

1. Whole-process start-up, from spawning the interpreter to the first paint and exit:

   - bare: a tiny PySide6 script (``python -c``) that creates a QApplication, shows a
     QLabel (1180x820, the size ``kiosk --smoke`` gives its window), waits for the
     label's first Paint event with an event filter, then quits: the same shape as
     ``kiosk --smoke``, with nothing of the kiosk;
   - kiosk: ``python -m kiosk --smoke`` (settings, content, the real window, first
     paint of the first screen, exit 0), with a content cache that one untimed run has
     already filled, as on a kiosk after its first boot;
   - kiosk, cold: one run with an empty content cache, reported on its own;
   - for context, bare + content: the bare script after importing ``kiosk.content`` and
     loading the shipped bundle from the warm cache. What any window showing this
     content pays above bare before one widget of the kiosk's own: the floor of the
     kiosk's ratio with this content layer (msgspec, the pydantic-ready dataclasses).

   One warm-up run of each, then the three alternate (bare, kiosk, bare + content, ...)
   ``--runs`` times each, so that whatever else the machine does hits both alike. Wall time is
   ``time.perf_counter`` around the child; peak RSS is the child's own ``ru_maxrss``
   from ``os.wait4`` (KiB on Linux). Every child runs with ``QT_QPA_PLATFORM=offscreen``
   and the same temporary HOME, XDG_CACHE_HOME and XDG_CONFIG_HOME, so the user's own
   cache and settings are never read or touched.

2. In this process (offscreen), the time to switch the reading level on the section
   screen: the kiosk window at 1280x800 in kiosk mode, showing the first section at the
   patient level, then ``session.toggle_level()`` + ``QApplication.processEvents()`` +
   ``window.repaint()``, median of 41 switches. For context, the same for a bare
   ``QLabel.setText`` + repaint of the same section's text (rich text, both levels in
   turn) in a plain 1280x800 window, measured before the kiosk window exists (so
   without its style sheet).

Why ratios: this often runs on shared, noisy machines where absolute start-up times
swing by tens of percent from one minute to the next. Bare PySide6 start-up is the
floor no Qt app can go below, and it is measured alternately with the kiosk, so the
ratio kiosk/bare says how much the kiosk itself adds, whatever the machine. Goals:
start-up time and peak RSS at most 1.3x bare each, and a level switch in 8 ms or less.

The child processes run before this process imports Qt: a child spawned with vfork
inherits its parent's peak RSS in ``ru_maxrss``, so the parent is kept small.

Run it with ``.venv/bin/python bench/startup.py``. Options: ``--runs N`` (timed runs of
each start-up, default 7) and ``--json`` (machine-readable output). The exit status is
0 unless a child process or the in-process measurement fails (then 1, with its stderr).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

TIME_RATIO_GOAL = 1.3
RSS_RATIO_GOAL = 1.3
SWITCH_GOAL_MS = 8.0
SWITCHES = 41
SWITCH_WARMUPS = 4
SMOKE_SIZE = (1180, 820)  # what run_app gives the window outside kiosk mode
KIOSK_SIZE = (1280, 800)
MAX_REDONE = 3  # warm kiosk runs redone at most, each time one misses the content cache
OFFSCREEN_SIZE_HINTS = "This plugin does not support propagateSizeHints()"

BARE_SCRIPT = f"""\
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv[:1])


class FirstPaint(QObject):
    painted = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, app.quit)
        return False


label = QLabel("Health information in plain words")
label.resize({SMOKE_SIZE[0]}, {SMOKE_SIZE[1]})
spy = FirstPaint()
label.installEventFilter(spy)
label.show()
QTimer.singleShot(10_000, app.quit)
app.exec()
label.close()
print("bare: smoke ok: painted the label" if spy.painted else "bare: never painted")
sys.exit(0 if spy.painted else 1)
"""


CONTENT_FLOOR_SCRIPT = BARE_SCRIPT.replace(
    "import sys\n",
    f"""import sys

from kiosk.content import load_content

CONTENT = load_content({str(CONTENT)!r}, require_approved=False)
assert CONTENT.bundle is not None and not CONTENT.errors
""",
    1,
)
"""The bare script after the kiosk's content (``kiosk.content`` imported, the shipped
bundle loaded from the warm cache): what any window showing this content starts above,
before a single widget of the kiosk's own."""


class ChildFailed(Exception):
    """A child process exited with a non-zero status."""

    def __init__(self, name: str, argv: list[str], code: int, stdout: str, stderr: str) -> None:
        super().__init__(f"{name} exited with status {code}")
        self.name = name
        self.argv = argv
        self.code = code
        self.stdout = stdout
        self.stderr = stderr


@dataclass(frozen=True)
class Sample:
    seconds: float
    maxrss_kib: int


@dataclass(frozen=True)
class Case:
    """The samples of one kind of child process."""

    name: str
    samples: list[Sample]

    @property
    def median_ms(self) -> float:
        return statistics.median(s.seconds for s in self.samples) * 1000

    @property
    def min_ms(self) -> float:
        return min(s.seconds for s in self.samples) * 1000

    @property
    def max_ms(self) -> float:
        return max(s.seconds for s in self.samples) * 1000

    @property
    def median_rss_mib(self) -> float:
        return statistics.median(s.maxrss_kib for s in self.samples) / 1024

    def as_dict(self) -> dict[str, Any]:
        return {
            "runs": len(self.samples),
            "median_ms": self.median_ms,
            "min_ms": self.min_ms,
            "max_ms": self.max_ms,
            "median_peak_rss_mib": self.median_rss_mib,
            "samples": [
                {"ms": s.seconds * 1000, "peak_rss_mib": s.maxrss_kib / 1024} for s in self.samples
            ],
        }


@dataclass(frozen=True)
class Goal:
    name: str
    limit: float
    measured: float
    unit: str

    @property
    def status(self) -> str:
        return "PASS" if self.measured <= self.limit else "FAIL"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "limit": self.limit,
            "measured": self.measured,
            "unit": self.unit,
            "status": self.status,
        }


# -- whole-process start-up -------------------------------------------------------------


def child_env(home: Path) -> dict[str, str]:
    """This environment, offscreen, with ``home`` as HOME and XDG cache and config."""
    env = dict(os.environ)
    env.pop("KIOSK_NO_CACHE", None)  # the warm runs need the content cache
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_CONFIG_HOME=str(home / ".config"),
    )
    return env


def run_child(name: str, argv: list[str], env: dict[str, str]) -> Sample:
    """Run ``argv`` to its end: its wall time and its own peak RSS (raises ChildFailed)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=ROOT
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if child.returncode != 0:
            out.seek(0)
            err.seek(0)
            raise ChildFailed(
                name,
                argv,
                child.returncode,
                out.read().decode(errors="replace"),
                err.read().decode(errors="replace"),
            )
    return Sample(elapsed, usage.ru_maxrss)


def cache_files(home: Path) -> set[str]:
    """The bundles in the content cache under ``home``."""
    return {path.name for path in (home / ".cache" / "kiosk" / "bundles").glob("*.cache")}


def run_warm(argv: list[str], env: dict[str, str], home: Path) -> tuple[Sample, int]:
    """A kiosk run that hit the content cache, and how many runs missed it (and were redone).

    The cache key includes a hash of kiosk/content's code, so an edit there while this
    runs makes the next kiosk run load the long way (and fill the cache again).
    """
    missed = 0
    while True:
        before = cache_files(home)
        sample = run_child("kiosk --smoke", argv, env)
        if cache_files(home) <= before or missed >= MAX_REDONE:
            return sample, missed
        missed += 1


def bench_startup(runs: int, scratch: Path) -> dict[str, Any]:
    warm_home = scratch / "warm-home"
    cold_root = scratch / "cold-homes"
    warm_home.mkdir()
    cold_root.mkdir()
    warm_env = child_env(warm_home)
    bare_argv = [sys.executable, "-c", BARE_SCRIPT]
    kiosk_argv = [sys.executable, "-m", "kiosk", "--smoke"]

    run_child("kiosk pre-warm (fills the content cache)", kiosk_argv, warm_env)
    cached = len(cache_files(warm_home))
    run_child("bare warm-up", bare_argv, warm_env)
    run_warm(kiosk_argv, warm_env, warm_home)

    floor_argv = [sys.executable, "-c", CONTENT_FLOOR_SCRIPT]
    run_child("bare + content warm-up", floor_argv, warm_env)

    bare: list[Sample] = []
    kiosk: list[Sample] = []
    floor: list[Sample] = []
    redone = 0
    for _ in range(runs):
        bare.append(run_child("bare", bare_argv, warm_env))
        sample, missed = run_warm(kiosk_argv, warm_env, warm_home)
        kiosk.append(sample)
        redone += missed
        floor.append(run_child("bare + content", floor_argv, warm_env))

    cold_home = Path(tempfile.mkdtemp(prefix="cold-", dir=cold_root))
    cold = run_child("kiosk --smoke (cold cache)", kiosk_argv, child_env(cold_home))

    bare_case = Case("bare PySide6", bare)
    kiosk_case = Case("kiosk --smoke", kiosk)
    cold_case = Case("kiosk --smoke, cold cache", [cold])
    floor_case = Case("bare PySide6 + the kiosk's content", floor)
    return {
        "runs": runs,
        "content_cache_files_after_prewarm": cached,
        "warm_runs_redone_after_cache_miss": redone,
        "bare": bare_case.as_dict(),
        "kiosk": kiosk_case.as_dict(),
        "kiosk_cold": cold_case.as_dict(),
        "ratio_time": kiosk_case.median_ms / bare_case.median_ms,
        "ratio_rss": kiosk_case.median_rss_mib / bare_case.median_rss_mib,
        "ratio_time_cold": cold_case.median_ms / bare_case.median_ms,
        "content_floor": floor_case.as_dict(),
        "ratio_time_content_floor": floor_case.median_ms / bare_case.median_ms,
    }


# -- the reading-level switch, in this process ----------------------------------------------


def time_calls(action: Callable[[], object], runs: int, warmups: int) -> list[float]:
    """Milliseconds of ``runs`` calls of ``action``, after ``warmups`` untimed ones."""
    for _ in range(warmups):
        action()
    gc.collect()
    samples: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> dict[str, Any]:
    return {
        "runs": len(samples),
        "median_ms": statistics.median(samples),
        "min_ms": min(samples),
        "max_ms": max(samples),
    }


def bench_switch(scratch: Path) -> dict[str, Any]:
    # Offscreen, and the same private cache and config folders as the children.
    home = scratch / "in-process-home"
    home.mkdir()
    os.environ.update(child_env(home))
    os.environ.pop("KIOSK_NO_CACHE", None)

    from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from kiosk.content import load_content
    from kiosk.settings import Settings
    from kiosk.ui.app import build_window, make_application
    from kiosk.ui.richtext import to_html

    def on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        # The offscreen plugin warns on every change of the window's size hints (each
        # level switch); a real display applies them. Anything else is shown.
        if message != OFFSCREEN_SIZE_HINTS:
            sys.stderr.write(f"{message}\n")

    qInstallMessageHandler(on_message)
    content = load_content(CONTENT, require_approved=False)
    bundle = content.bundle
    if bundle is None:
        problems = "\n".join(str(error) for error in content.errors)
        raise RuntimeError(f"no content to show from {CONTENT}:\n{problems}")
    app = make_application()  # kept referenced: the QApplication must outlive the windows
    section = bundle.topic.sections[0]
    language = bundle.languages[0]

    # Bare first: the kiosk window sets an application-wide style sheet.
    texts = [
        f"<h1>{bundle.level_text(section.title, level, language)}</h1>"
        + "".join(
            to_html(bundle.level_text(passage, level, language)) for passage in section.passages
        )
        for level in ("patient", "clinician")
    ]
    bare = QWidget()
    bare.resize(*KIOSK_SIZE)
    layout = QVBoxLayout(bare)
    text_label = QLabel(texts[0])
    text_label.setWordWrap(True)
    text_label.setTextFormat(Qt.TextFormat.RichText)
    layout.addWidget(text_label, 0, Qt.AlignmentFlag.AlignTop)
    bare.show()
    app.processEvents()
    shown = [0]

    def set_label_text() -> None:
        shown[0] ^= 1
        text_label.setText(texts[shown[0]])
        app.processEvents()
        bare.repaint()

    bare_samples = time_calls(set_label_text, SWITCHES, SWITCH_WARMUPS)
    bare.close()
    bare.deleteLater()
    app.processEvents()

    window = build_window(Settings(), content, kiosk=True, root=CONTENT, prepare_search_ms=None)
    window.idle.stop()
    window.resize(*KIOSK_SIZE)
    window.show()
    window.session.set_level("patient")
    window.open_section(section.id)
    app.processEvents()
    window.repaint()
    if window.current != "section":
        raise RuntimeError(f"the window shows the {window.current!r} screen, not 'section'")
    levels: set[str] = set()

    def switch_level() -> None:
        window.session.toggle_level()
        app.processEvents()
        window.repaint()
        levels.add(window.session.reading_level)

    kiosk_samples = time_calls(switch_level, SWITCHES, SWITCH_WARMUPS)
    if levels != {"patient", "clinician"}:
        raise RuntimeError(f"the level switch did not switch: saw {sorted(levels)}")
    window.allow_close = True
    window.close()
    window.deleteLater()
    app.processEvents()

    kiosk_result = summary(kiosk_samples)
    bare_result = summary(bare_samples)
    return {
        "section": section.id,
        "passages": len(section.passages),
        "size": list(KIOSK_SIZE),
        "kiosk": kiosk_result,
        "bare_label": bare_result,
        "ratio": kiosk_result["median_ms"] / bare_result["median_ms"],
    }


# -- running and reporting ------------------------------------------------------------------


def run(runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kiosk-startup-bench-") as temporary:
        scratch = Path(temporary)
        startup = bench_startup(runs, scratch)  # before this process imports Qt
        switch = bench_switch(scratch)
    goals = [
        Goal(
            f"start-up time kiosk/bare <= {TIME_RATIO_GOAL:g}x",
            TIME_RATIO_GOAL,
            startup["ratio_time"],
            "x",
        ),
        Goal(
            f"peak RSS kiosk/bare <= {RSS_RATIO_GOAL:g}x", RSS_RATIO_GOAL, startup["ratio_rss"], "x"
        ),
        Goal(
            f"level switch on the section screen <= {SWITCH_GOAL_MS:g} ms",
            SWITCH_GOAL_MS,
            switch["kiosk"]["median_ms"],
            "ms",
        ),
    ]
    try:
        pyside = metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        pyside = "?"
    return {
        "python": platform.python_version(),
        "pyside6": pyside,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "startup": startup,
        "switch": switch,
        "goals": [goal.as_dict() for goal in goals],
    }


def report(results: dict[str, Any]) -> str:
    startup, switch = results["startup"], results["switch"]
    bare, kiosk, cold = startup["bare"], startup["kiosk"], startup["kiosk_cold"]
    runs = startup["runs"]
    width = 46

    def row(name: str, case: dict[str, Any]) -> str:
        return (
            f"{name:<{width}} | {case['median_ms']:>9.0f} | {case['min_ms']:>7.0f} | "
            f"{case['max_ms']:>7.0f} | {case['median_peak_rss_mib']:>8.1f}"
        )

    lines = [
        f"kiosk start-up benchmark (Python {results['python']}, PySide6 {results['pyside6']}, "
        f"{results['machine']}, QT_QPA_PLATFORM=offscreen)",
        "",
        f"1. whole process, spawn -> first paint -> exit; {runs} runs each, alternating, "
        "after 1 warm-up each",
        f"{'':<{width}} | {'median ms':>9} | {'min ms':>7} | {'max ms':>7} | {'RSS MiB':>8}",
        f"{'-' * width}-+-{'-' * 9}-+-{'-' * 7}-+-{'-' * 7}-+-{'-' * 8}",
        row("bare PySide6 (QApplication + QLabel)", bare),
        row("kiosk --smoke (warm content cache)", kiosk),
        f"{'kiosk / bare':<{width}} | {startup['ratio_time']:>8.2f}x | {'':>7} | {'':>7} | "
        f"{startup['ratio_rss']:>7.2f}x",
        row("kiosk --smoke, cold content cache (1 run)", cold),
        f"{'kiosk cold / bare':<{width}} | {startup['ratio_time_cold']:>8.2f}x | {'':>7} | "
        f"{'':>7} | {cold['median_peak_rss_mib'] / bare['median_peak_rss_mib']:>7.2f}x",
        row("bare + the kiosk's content (import, warm load)", startup["content_floor"]),
        f"{'bare + content / bare':<{width}} | {startup['ratio_time_content_floor']:>8.2f}x | "
        f"{'':>7} | {'':>7} | "
        f"{startup['content_floor']['median_peak_rss_mib'] / bare['median_peak_rss_mib']:>7.2f}x",
        f"(RSS: the child's peak RSS, median; the pre-warm run left "
        f"{startup['content_cache_files_after_prewarm']} bundle(s) in the content cache; "
        f"warm runs redone after a cache miss: {startup['warm_runs_redone_after_cache_miss']})",
        "",
        f"2. reading-level switch, in-process, {switch['size'][0]}x{switch['size'][1]} offscreen,"
        f" median of {switch['kiosk']['runs']}",
        f"   (kiosk mode, section '{switch['section']}', {switch['passages']} passages)",
        f"{'':<{width}} | {'median ms':>9} | {'min ms':>7} | {'max ms':>7}",
        f"{'-' * width}-+-{'-' * 9}-+-{'-' * 7}-+-{'-' * 7}",
    ]
    for name, case in (
        ("kiosk: toggle_level + processEvents + repaint", switch["kiosk"]),
        ("bare QLabel.setText + processEvents + repaint", switch["bare_label"]),
    ):
        lines.append(
            f"{name:<{width}} | {case['median_ms']:>9.2f} | {case['min_ms']:>7.2f} | "
            f"{case['max_ms']:>7.2f}"
        )
    lines += [
        f"{'kiosk / bare':<{width}} | {switch['ratio']:>8.1f}x |",
        "",
        "goals:",
    ]
    for goal in results["goals"]:
        value = f"{goal['measured']:.2f}{'x' if goal['unit'] == 'x' else ' ms'}"
        lines.append(f"  {goal['status']}  {goal['name']}: {value}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--runs", type=int, default=7, metavar="N", help="timed runs of each start-up (default 7)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    try:
        results = run(args.runs)
    except ChildFailed as failure:
        shown = ["<the bare script>" if "\n" in arg else arg for arg in failure.argv]
        print(f"startup: {failure}: {' '.join(shown)}", file=sys.stderr)
        sys.stderr.write(failure.stdout)
        sys.stderr.write(failure.stderr)
        return 1
    except Exception as exc:  # the in-process measurement failed
        print(
            f"startup: in-process measurement failed: {type(exc).__name__}: {exc}", file=sys.stderr
        )
        return 1
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
