"""Soak test: many full visits in one kiosk process; does memory stay flat?

Each visit, in kiosk mode on the shipped content (Qt's offscreen platform, no printer,
no speech): the welcome screen, an audience, the topic, every section, a source and
"About this information" opened and closed, the self-check answered to its results, a
question asked in the question box, the idle countdown, the staff PIN dialog (a wrong
PIN), the staff panel, then the wipe that starts over for the next visitor.

Every ``--every`` visits (1,000 by default) it records the process's resident memory
(RSS), the number of live widgets, of Python types (classes; PySide makes one per
new Qt enum value, such as a gesture type registered per scroll area) and of PySide's
Python wrappers of Qt objects (one is made whenever Python is handed a Qt object it had
none for; some are kept as long as the object's parent, even after Qt deleted the
object), and reports the growth per 1,000 visits between the first checkpoint (after a
warm-up) and the last.

    .venv/bin/python bench/soak.py                 # 10,000 visits (about half an hour)
    .venv/bin/python bench/soak.py --visits 300 --every 100 --json
    .venv/bin/python bench/soak.py --minutes 30    # as many visits as fit in 30 minutes

Goal (issue 18): RSS grows by at most 1 MiB per 1,000 visits, and neither widgets nor
Python types nor wrappers grow at all. Exit status 1 when a goal is missed (or a visit fails). Not
part of ``make test`` (tests/ui/test_soak.py runs a short version).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
RSS_GOAL_MIB_PER_1000 = 1.0
QUESTION = "why do my legs cramp at night"
PIN = "582913"  # the staff PIN of this run (a wrong one is typed each visit)


@dataclass(frozen=True)
class Checkpoint:
    visits: int
    seconds: float
    rss_mib: float
    widgets: int
    types: int
    wrappers: int
    heap_mib: float = 0.0
    """The C heap's bytes in use (glibc ``mallinfo2``; 0 elsewhere), MiB: what RSS holds
    besides pages freed but not returned (fragmentation)."""
    python_blocks: int = 0
    """Memory blocks Python's allocator has handed out (``sys.getallocatedblocks``)."""


def rss_mib() -> float:
    """Resident memory of this process, MiB (Linux /proc; elsewhere ru_maxrss)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_mallinfo2: list[Any] = []


def heap_mib() -> float:
    """Bytes in use in the C heap (glibc's ``mallinfo2``), MiB; 0.0 where there is none.

    The ctypes structure is made once: a class made per call is new Python types."""
    if not _mallinfo2:
        import ctypes
        import ctypes.util

        class MallInfo2(ctypes.Structure):
            _fields_ = [
                (name, ctypes.c_size_t)
                for name in (
                    "arena",
                    "ordblks",
                    "smblks",
                    "hblks",
                    "hblkhd",
                    "usmblks",
                    "fsmblks",
                    "uordblks",
                    "fordblks",
                    "keepcost",
                )
            ]

        try:
            function = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallinfo2
            function.restype = MallInfo2
        except (OSError, AttributeError):
            function = None
        _mallinfo2.append(function)
    if _mallinfo2[0] is None:
        return 0.0
    info = _mallinfo2[0]()
    return (info.uordblks + info.hblkhd) / 2**20


def python_types() -> int:
    return sum(1 for item in gc.get_objects() if isinstance(item, type))


def qt_wrappers() -> int:
    """PySide's Python wrappers of Qt objects, live or left behind by a deleted object."""
    from shiboken6 import Shiboken

    return sum(1 for item in gc.get_objects() if isinstance(item, Shiboken.Object))


def make_window(home: Path) -> Any:
    """A kiosk window as the app builds it (settings, PIN guard, content), not shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_DATA_HOME", "data"),
    ):
        os.environ[name] = str(home / sub)
    os.environ["HOME"] = str(home)
    from kiosk import settings as settings_module
    from kiosk.settings import Settings, hash_pin
    from kiosk.ui.app import build_window, load_content, make_application

    settings_module.SCRYPT_N = 2**4  # a wrong PIN is typed each visit: keep it cheap
    app = make_application()
    settings = Settings(staff_pin=hash_pin(PIN), idle_seconds=3600, warning_seconds=60)
    content = load_content(CONTENT, require_approved=False)
    window = build_window(settings, content, kiosk=True, root=CONTENT)
    window.resize(1280, 800)
    window.show()
    return app, window


def press(window: Any, name: str) -> None:
    from PySide6.QtWidgets import QPushButton

    found = window.findChild(QPushButton, name)
    if found is None or not found.isVisible() or not found.isEnabled():
        raise RuntimeError(f"no usable button {name!r} in {window.objectName() or window}")
    found.click()


def close_dialogs() -> int:
    """Close every open dialog (as its Close or Cancel would); how many there were."""
    from PySide6.QtWidgets import QApplication, QDialog

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    for dialog in shown:
        dialog.done(0)
    return len(shown)


Step = Iterator[None]
"""A visit: each ``yield`` goes back to the event loop (which runs timers, paints and
deletes what was deleteLater()ed), as between a visitor's taps."""


def one_visit(window: Any) -> Step:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    QTest.mouseClick(window.screens["welcome"], Qt.MouseButton.LeftButton)
    yield
    press(window, "audience-patient")
    yield
    bundle = window.content.bundle
    for section in bundle.topic.sections:
        window.open_section(section.id)
        yield
    window.show_reference(bundle.references[0].number)
    yield
    window.show_about()
    yield
    if close_dialogs() != 2:
        raise RuntimeError("the source and the about dialogs did not both open")
    yield
    window.start_selfcheck()
    yield
    engine = window.engine
    if engine is not None:
        for question in engine.selfcheck.questions:
            window.session.visit.answer(question.id, question.answer_ids()[0])
        window.show_results()
        yield
    window.ask_question()
    yield
    ask = window.screens["ask"]
    ask.edit.setText(QUESTION)
    ask.ask()
    yield
    window.idle_reset.on_idle()  # the idle countdown, then "I'm still here"
    yield
    close_dialogs()
    yield
    window.open_staff()  # the PIN dialog: a wrong PIN, then Cancel
    yield
    pin = QApplication.activeModalWidget()
    if pin is None or pin.objectName() != "pin":
        raise RuntimeError("the PIN dialog did not open")
    for digit in "000000":
        press(pin, f"pin-{digit}")
    press(pin, "pin-ok")
    yield
    close_dialogs()
    yield
    window.open_staff_panel()
    yield
    close_dialogs()
    yield
    window.start_again()
    yield


def drive(app: Any, steps: Step) -> None:
    """Run ``steps`` inside the application's event loop, one step a turn of the loop."""
    from PySide6.QtCore import QTimer

    failure: list[BaseException] = []

    def next_step() -> None:
        try:
            next(steps)
        except StopIteration:
            app.exit(0)  # not quit(): it asks the kiosk window to close, which it refuses
            return
        except BaseException as exc:  # stop the loop, raise it outside
            failure.append(exc)
            app.exit(0)  # not quit(): it asks the kiosk window to close, which it refuses
            return
        QTimer.singleShot(0, next_step)

    QTimer.singleShot(0, next_step)
    app.exec()
    if failure:
        raise failure[0]


def run(visits: int, every: int, warmup: int, minutes: float = 0.0) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as home:
        app, window = make_window(Path(home))
        heap_mib(), qt_wrappers()  # their own imports and types, before anything is counted
        points: list[Checkpoint] = []
        clock: dict[str, float] = {"start": time.perf_counter()}

        def checkpoint(done: int) -> None:
            gc.collect()
            points.append(
                Checkpoint(
                    done,
                    time.perf_counter() - clock["begin"],
                    rss_mib(),
                    len(app.allWidgets()),
                    python_types(),
                    qt_wrappers(),
                    heap_mib(),
                    sys.getallocatedblocks(),
                )
            )
            last = points[-1]
            print(
                f"soak: {done:>6} visits  RSS {last.rss_mib:7.1f} MiB  "
                f"widgets {last.widgets}  types {last.types}  wrappers {last.wrappers}  "
                f"heap {last.heap_mib:.1f} MiB  Python blocks {last.python_blocks}",
                file=sys.stderr,
                flush=True,
            )

        def everything() -> Step:
            for _ in range(warmup):
                yield from one_visit(window)
            clock["begin"] = time.perf_counter()
            yield
            checkpoint(0)
            for done in range(1, visits + 1):
                yield from one_visit(window)
                if done % every == 0 or done == visits:
                    yield  # the last deleteLater()s
                    checkpoint(done)
                    if minutes and time.perf_counter() - clock["begin"] > minutes * 60:
                        return  # out of time: the visits done so far are reported

        drive(app, everything())
        window.allow_close = True
        window.close()
        first, last = points[0], points[-1]
        per_1000 = 1000 / max(1, last.visits - first.visits)
        growth = {
            "rss_mib_per_1000": (last.rss_mib - first.rss_mib) * per_1000,
            "widgets": last.widgets - first.widgets,
            "types": last.types - first.types,
            "wrappers": last.wrappers - first.wrappers,
            "heap_mib_per_1000": (last.heap_mib - first.heap_mib) * per_1000,
            "python_blocks_per_1000": (last.python_blocks - first.python_blocks) * per_1000,
        }
        return {
            "visits": last.visits,
            "visits_asked": visits,
            "warmup": warmup,
            "visits_per_second": last.visits / max(1e-9, last.seconds),
            "setup_seconds": clock["begin"] - clock["start"],
            "checkpoints": [asdict(point) for point in points],
            "growth": growth,
            "goals": {
                "rss": growth["rss_mib_per_1000"] <= RSS_GOAL_MIB_PER_1000,
                "widgets": growth["widgets"] <= 0,
                "types": growth["types"] <= 0,
                "wrappers": growth["wrappers"] <= 0,
            },
        }


def report(results: dict[str, Any]) -> str:
    growth, goals = results["growth"], results["goals"]
    lines = [
        f"kiosk soak: {results['visits']:,} full visits (of {results['visits_asked']:,} asked) "
        f"after {results['warmup']} to warm up, "
        f"{results['visits_per_second']:.1f} visits/s",
        "",
        f"{'visits':>7} | {'RSS MiB':>8} | {'widgets':>7} | {'types':>6} | {'wrappers':>8} | "
        f"{'C heap MiB':>10} | {'Py blocks':>9}",
    ]
    lines += [
        f"{p['visits']:>7} | {p['rss_mib']:>8.1f} | {p['widgets']:>7} | {p['types']:>6} | "
        f"{p['wrappers']:>8} | {p['heap_mib']:>10.1f} | {p['python_blocks']:>9}"
        for p in results["checkpoints"]
    ]
    mark = {True: "PASS", False: "FAIL"}
    lines += [
        "",
        f"  {mark[goals['rss']]}  RSS growth {growth['rss_mib_per_1000']:+.2f} MiB per 1,000 "
        f"visits (goal <= {RSS_GOAL_MIB_PER_1000:g})",
        f"  {mark[goals['widgets']]}  widgets {growth['widgets']:+d} (goal: no growth)",
        f"  {mark[goals['types']]}  Python types {growth['types']:+d} (goal: no growth)",
        f"  {mark[goals['wrappers']]}  Qt object wrappers {growth['wrappers']:+d} "
        "(goal: no growth)",
        f"  (for reading RSS: C heap in use {growth['heap_mib_per_1000']:+.2f} MiB and Python "
        f"blocks {growth['python_blocks_per_1000']:+,.0f} per 1,000 visits)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=1000, help="visits between checkpoints")
    parser.add_argument("--warmup", type=int, default=20, help="visits before the first one")
    parser.add_argument(
        "--minutes", type=float, default=0.0, help="stop at the first checkpoint after this long"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    results = run(args.visits, args.every, args.warmup, args.minutes)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0 if all(results["goals"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
