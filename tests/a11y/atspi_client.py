"""A real AT-SPI client: starts the app under Xvfb, acts as a screen reader would, and
prints what it saw as JSON.

It runs with Debian's ``/usr/bin/python3`` (python3-gi and gir1.2-atspi-2.0: the AT-SPI
library's own Python bindings), not the project's venv, inside a private D-Bus session
(``dbus-run-session``); the session starts the accessibility bus (at-spi2-core) when
first asked. The tests (tests/a11y/test_screen_reader.py) give it a plan on stdin and
assert on its report:

    usage:  dbus-run-session -- /usr/bin/python3 atspi_client.py REPORT.json < PLAN.json

    plan:   {"command": [...], "env": {...}, "size": "1280x800",
             "steps": [STEP, ...]}
    step:   {} (look only) | {"key": "Tab", "times": N} | {..., "locale": true}
            | {"press": NAME or [NAME, ...], "how": "action" | "keyboard", "times": N,
               "until": NAME}   (press the first showing one, N times or until NAME shows)
            | {"tap": [X, Y], "times": N}   (mouse clicks on the screen, as a finger)
            | {"press_each": [NAME, ...]}   (each in turn, by its action: a PIN pad's keys)
            | {..., "copy": [SOURCE, DESTINATION]}   (a folder copied first, as staff
               or a fleet update put content in place)
    report: {"steps": [{"windows": [TREE, ...], "events": [EVENT, ...], "focus": NODE}]}

A TREE node: role, name, description, states (a few), attributes, relations (type ->
target names), locale, extents (x, y, width, height on the screen) and its showing
children. An EVENT: type, source role and name, detail1, any_data (an announcement's
text). Nothing here asserts: it reports what an assistive technology gets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from typing import Any

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

# get_action_iface() and friends: deprecated names, and the ones that 2.46 has
warnings.filterwarnings("ignore", category=DeprecationWarning)

EVENTS = (
    "object:state-changed:focused",
    "object:announcement",
    "window:activate",
)
STATES = {
    "focused": Atspi.StateType.FOCUSED,
    "focusable": Atspi.StateType.FOCUSABLE,
    "checked": Atspi.StateType.CHECKED,
    "checkable": Atspi.StateType.CHECKABLE,
    "showing": Atspi.StateType.SHOWING,
    "enabled": Atspi.StateType.ENABLED,
    "active": Atspi.StateType.ACTIVE,
    "modal": Atspi.StateType.MODAL,
}
LIST_APPS = """
import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi
desktop = Atspi.get_desktop(0)
for index in range(desktop.get_child_count()):
    print(desktop.get_child_at_index(index).get_process_id())
"""
APP_LOCALE = """
import sys
import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi
desktop = Atspi.get_desktop(0)
for index in range(desktop.get_child_count()):
    app = desktop.get_child_at_index(index)
    if app.get_process_id() == int(sys.argv[1]):
        print(app.get_child_at_index(0).get_object_locale())
"""
KEYS = {"Tab": 0xFF09, "Return": 0xFF0D, "space": 0x20, "Down": 0xFF54, "Up": 0xFF52}


def _node(obj: Atspi.Accessible) -> dict[str, Any]:
    return {"role": obj.get_role_name(), "name": obj.get_name() or ""}


class Client:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.listener = Atspi.EventListener.new(self._on_event)
        for kind in EVENTS:
            self.listener.register(kind)
        self.context = GLib.MainContext.default()

    def _on_event(self, event: Atspi.Event) -> None:
        try:
            source = _node(event.source) if event.source is not None else {}
        except GLib.Error:
            source = {}
        data = event.any_data
        self.events.append(
            {
                "type": event.type,
                "source": source,
                "detail1": event.detail1,
                "any_data": data if isinstance(data, str) else None,
            }
        )

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            while self.context.iteration(False):
                pass
            time.sleep(0.01)

    def settle(self, quiet: float = 0.5, longest: float = 6.0) -> None:
        """Run the event loop until no event came for ``quiet`` seconds."""
        end = time.monotonic() + longest
        seen = len(self.events)
        last = time.monotonic()
        while time.monotonic() < end:
            self.pump(0.05)
            if len(self.events) != seen:
                seen, last = len(self.events), time.monotonic()
            elif time.monotonic() - last >= quiet:
                return

    def app(self, pid: int, timeout: float = 40.0) -> Atspi.Accessible:
        """The app's accessible root, once it has registered.

        This process asks for the desktop's list of apps only once the app is on it: a
        list read before can stay stale (libatspi 2.46), so a fresh process looks first.
        """
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            listed = subprocess.run(
                [sys.executable, "-c", LIST_APPS], capture_output=True, text=True, timeout=30
            ).stdout.split()
            if str(pid) in listed:
                desktop = Atspi.get_desktop(0)
                for index in range(desktop.get_child_count()):
                    child = desktop.get_child_at_index(index)
                    if child is not None and child.get_process_id() == pid:
                        return child
            self.pump(0.3)
        raise SystemExit(f"the app (pid {pid}) never showed up on the accessibility bus")

    def tree(self, obj: Atspi.Accessible, depth: int = 0) -> dict[str, Any] | None:
        states = obj.get_state_set()
        if depth > 0 and not states.contains(Atspi.StateType.SHOWING):
            return None
        node = _node(obj)
        node["description"] = obj.get_description() or ""
        node["states"] = sorted(k for k, v in STATES.items() if states.contains(v))
        node["attributes"] = dict(obj.get_attributes() or {})
        node["locale"] = obj.get_object_locale() or ""
        relations: dict[str, list[str]] = {}
        for relation in obj.get_relation_set() or []:
            kind = relation.get_relation_type().value_nick
            targets = [relation.get_target(i) for i in range(relation.get_n_targets())]
            relations[kind] = [t.get_name() or t.get_role_name() for t in targets if t]
        node["relations"] = relations
        component = obj.get_component_iface()
        if component is not None:
            box = component.get_extents(Atspi.CoordType.SCREEN)
            node["extents"] = [box.x, box.y, box.width, box.height]
        text = obj.get_text_iface()
        if text is not None and node["role"] in ("label", "heading", "static", "paragraph"):
            node["text"] = text.get_text(0, min(text.get_character_count(), 2000))
        node["children"] = []
        if depth < 40:
            for index in range(obj.get_child_count()):
                child = obj.get_child_at_index(index)
                if child is not None:
                    sub = self.tree(child, depth + 1)
                    if sub is not None:
                        node["children"].append(sub)
        return node

    def find(
        self, obj: Atspi.Accessible, name: str, role: str | None, *, any_role: bool = False
    ) -> Atspi.Accessible | None:
        """The first showing object named ``name`` that can be pressed (``any_role``: any)."""
        states = obj.get_state_set()
        if obj.get_role_name() != "application" and not states.contains(Atspi.StateType.SHOWING):
            return None
        if (
            obj.get_name() == name
            and (role is None or obj.get_role_name() == role)
            and (any_role or obj.get_action_iface() is not None)
        ):
            return obj
        for index in range(obj.get_child_count()):
            child = obj.get_child_at_index(index)
            found = self.find(child, name, role, any_role=any_role) if child is not None else None
            if found is not None:
                return found
        return None


def main() -> int:
    plan = json.load(sys.stdin)
    read, write = os.pipe()
    width, height = plan.get("size", "1280x800").split("x")
    xvfb = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    display = b""
    while not display.endswith(b"\n"):  # written once the server is ready
        chunk = os.read(read, 64)
        if not chunk:
            raise SystemExit("Xvfb did not start")
        display += chunk
    # the pipe stays open while Xvfb runs: it writes the number in more than one go
    os.environ["DISPLAY"] = f":{display.decode().strip()}"
    # the accessibility bus and registry, started on demand by this D-Bus session, need
    # the display too (the registry synthesises key presses with XTest)
    subprocess.run(["dbus-update-activation-environment", "DISPLAY"], check=True)
    env = dict(os.environ, **plan.get("env", {}))
    env.update(QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    client = Client()
    client.pump(1.0)  # the bus and the registry start (an app started before may stay unseen)
    app_process = subprocess.Popen(
        plan["command"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    report: dict[str, Any] = {"steps": []}
    try:
        app = client.app(app_process.pid)
        client.settle(quiet=1.0)
        for step in plan["steps"]:
            if report["steps"]:  # the first step keeps what start-up sent (its screen's)
                client.events = []
            error = None
            if "copy" in step:
                source, destination = step["copy"]
                shutil.copytree(source, destination, dirs_exist_ok=True)
            if "press" in step:
                names = step["press"] if isinstance(step["press"], list) else [step["press"]]
                for _ in range(step.get("times", 1)):
                    if step.get("until") and client.find(app, step["until"], None, any_role=True):
                        break
                    target = next(
                        (
                            t
                            for t in (client.find(app, n, step.get("role")) for n in names)
                            if t is not None
                        ),
                        None,
                    )
                    if target is None:
                        error = f"nothing showing to press named {names!r}"
                        break
                    if step.get("how") == "keyboard":  # as Orca does: focus, then Space
                        target.get_component_iface().grab_focus()
                        client.pump(0.1)
                        Atspi.generate_keyboard_event(KEYS["space"], None, Atspi.KeySynthType.SYM)
                    else:
                        target.get_action_iface().do_action(0)
                    client.settle(quiet=0.3)
            elif "tap" in step:
                x, y = step["tap"]
                for _ in range(step.get("times", 1)):
                    Atspi.generate_mouse_event(x, y, "b1c")
                    client.pump(0.1)
            elif "press_each" in step:
                for name in step["press_each"]:
                    target = client.find(app, name, None)
                    if target is None:
                        error = f"nothing showing to press named {name!r}"
                        break
                    target.get_action_iface().do_action(0)
                    client.settle(quiet=0.2)
            elif "key" in step:
                for _ in range(step.get("times", 1)):
                    Atspi.generate_keyboard_event(KEYS[step["key"]], None, Atspi.KeySynthType.SYM)
                    client.pump(0.15)
            client.settle()
            windows = []
            for index in range(app.get_child_count()):
                window = app.get_child_at_index(index)
                if window is not None:
                    tree = client.tree(window, 1)
                    if tree is not None:
                        windows.append(tree)
            locale = None
            if step.get("locale"):  # read afresh: this process keeps the first it read
                locale = subprocess.run(
                    [sys.executable, "-c", APP_LOCALE, str(app_process.pid)],
                    capture_output=True,
                    text=True,
                    timeout=30,
                ).stdout.strip()
            report["steps"].append(
                {
                    "step": step,
                    "error": error,
                    "locale": locale,
                    "events": client.events,
                    "windows": windows,
                }
            )
    finally:
        app_process.terminate()
        try:
            _, errors = app_process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            app_process.kill()
            _, errors = app_process.communicate()
        xvfb.terminate()
        xvfb.wait(timeout=10)
        os.close(read)
    report["app_stderr"] = errors
    # a file, not stdout: the accessibility registry started by the bus prints there
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(report, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
