"""The ``kiosk`` command.

    kiosk [--kiosk] [--config PATH] [--content DIR] [--smoke]   run the app (default)
    kiosk validate [--lint] [PATH ...]                          check bundles
    kiosk schema                                                print the bundle JSON Schema
    kiosk screenshot --out DIR [--level L] [--locale X] [BUNDLE] every screen to PNG
    kiosk set-pin [--config PATH]                               set the staff PIN

Exit codes: 0 success, 1 content problems, 2 usage error or no display, 3 internal error.
No command prints a Python traceback (set ``KIOSK_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.content import Bundle

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    from kiosk.content.registry import LEVELS

    parser = argparse.ArgumentParser(
        prog="kiosk", description="Offline patient-education kiosk: what causes muscle cramps."
    )
    parser.add_argument(
        "--kiosk", action="store_true", help="kiosk mode: full screen, locked down, idle reset"
    )
    parser.add_argument("--config", type=Path, metavar="PATH", help="settings file (YAML)")
    parser.add_argument("--content", type=Path, metavar="DIR", help="content folder")
    parser.add_argument(
        "--idle-reset",
        action="store_true",
        help="laptop mode with the idle reset too (kiosk mode always has it)",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="start, paint the first screen, and exit 0"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check content bundles")
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="bundle or content folders (default: every bundle of the content folder, "
        "and its library file)",
    )
    validate.add_argument(
        "--lint",
        action="store_true",
        help="also report readability per passage and fail hard patient text",
    )

    commands.add_parser("schema", help="print the JSON Schema of bundle files")

    shots = commands.add_parser("screenshot", help="render every screen to PNG files")
    shots.add_argument("--out", type=Path, required=True, metavar="DIR")
    shots.add_argument(
        "bundle",
        nargs="?",
        metavar="BUNDLE",
        help="the topic to show: a bundle id or folder of the content folder (default: "
        "its first topic)",
    )
    shots.add_argument(
        "--level", choices=LEVELS.codes, help="one reading level (default: every one)"
    )
    shots.add_argument("--locale", metavar="X", help="content language (default: each one)")
    shots.add_argument(
        "--kiosk-size", default="1280x800", metavar="WxH", help="window size (default 1280x800)"
    )

    from kiosk.selfcheck.commands import register as register_selfcheck

    register_selfcheck(commands)  # kiosk fhir questionnaire, kiosk selfcheck
    from kiosk.search.commands import register as register_ask

    register_ask(commands)  # kiosk ask
    from kiosk.ui.handout import register as register_handout  # imports no Qt

    register_handout(commands)
    from kiosk.fleet.commands import register as register_fleet

    register_fleet(commands)  # kiosk publish, reviewer, approve, revoke, rotate-key, update

    pin = commands.add_parser("set-pin", help="set the staff PIN (stored as a salted hash)")
    pin.add_argument(
        "--config",
        dest="pin_config",
        type=Path,
        metavar="PATH",
        help="settings file (default: the user's config folder)",
    )
    return parser


def _app_args(tokens: Sequence[str]) -> argparse.Namespace | None:
    """What :func:`_parser` makes of ``tokens`` if they are only the app's own options.

    Running the app then needs none of the commands' parsers, which take milliseconds
    to build (and import the modules that add theirs). Anything else (a command, help,
    an abbreviation, ``--option=value``, a value that starts with ``-``, a mistake) is
    None: the full parser decides. Keep the options and defaults in step with
    :func:`_parser`.
    """
    args = argparse.Namespace(
        kiosk=False, config=None, content=None, idle_reset=False, smoke=False, command=None
    )
    rest = iter(tokens)
    for token in rest:
        if token in ("--kiosk", "--smoke", "--idle-reset"):
            setattr(args, token[2:].replace("-", "_"), True)
        elif token in ("--config", "--content"):
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None
            setattr(args, token[2:], Path(value))
        else:
            return None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    tokens = sys.argv[1:] if argv is None else list(argv)
    for stream in (sys.stdout, sys.stderr):  # a name that is not UTF-8 prints as \xNN
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args = _app_args(tokens) or _parser().parse_args(tokens)  # exits 2 on a usage error
    from kiosk.content import BundleError
    from kiosk.settings import content_root

    try:
        if args.command == "validate":
            root = content_root(args.content, args.config) if not args.paths else Path()
            return _validate(args.paths, lint=args.lint, root=root)
        if getattr(args, "handler", None) is not None:
            return int(args.handler(args))
        if args.command == "set-pin":
            return _set_pin(args.pin_config or args.config)
        if args.command == "screenshot":
            from kiosk.ui.screenshot import run_screenshots

            return run_screenshots(args)
        if args.command == "schema":
            from kiosk.content.schema import schema_text

            sys.stdout.write(schema_text())
            return EXIT_OK
        from kiosk.ui.app import run_app

        return int(run_app(args))
    except BundleError as exc:  # the settings file that names the content folder
        print(exc.report(), file=sys.stderr)
        print("kiosk: fix the settings file above, then try again", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `kiosk validate --lint | head`
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("KIOSK_DEBUG"):
            raise
        print(f"kiosk: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("kiosk: set KIOSK_DEBUG=1 to see the details", file=sys.stderr)
        return EXIT_INTERNAL


def _bundle_folders(paths: list[Path], root: Path) -> tuple[list[Path], list[Path]] | None:
    """The bundle folders to check, and the content folders among ``paths`` (their
    library files are checked too); with no ``paths``, every bundle under ``root``."""
    from kiosk.content import find_bundles

    if not paths:
        return find_bundles(root), [root]
    folders: list[Path] = []
    roots: list[Path] = []
    for path in paths:
        if not path.is_dir():
            print(f"kiosk validate: {path}: no such folder", file=sys.stderr)
            return None
        # a bundle folder, or a content folder holding bundles
        found = find_bundles(path)
        is_bundle = any(p.suffix in (".yaml", ".yml") for p in path.iterdir() if p.is_file())
        is_bundle = is_bundle and not (found and _only_library_file(path))
        folders.extend([path] if is_bundle or not found else found)
        if found and not is_bundle:
            roots.append(path)
    return folders, roots


def _only_library_file(path: Path) -> bool:
    """True when the only YAML file directly in ``path`` is the library file."""
    from kiosk.content import LIBRARY_FILE

    names = {p.name for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()}
    return names == {LIBRARY_FILE}


def _validate(paths: list[Path], *, lint: bool, root: Path) -> int:
    from kiosk.content import BundleError, load_bundle
    from kiosk.content.library import read_order
    from kiosk.content.loader import duplicate_id_error

    found = _bundle_folders(paths, root)
    if found is None:
        return EXIT_USAGE
    folders, roots = found
    if not folders:
        print("kiosk validate: no bundles found", file=sys.stderr)
        return EXIT_USAGE
    failed = False
    seen: dict[str, Bundle] = {}  # bundle id -> the first bundle that uses it
    for folder in folders:
        try:
            bundle = load_bundle(folder)
        except BundleError as exc:
            print(exc.report())
            print(f"{folder}: {len(exc.errors)} problem(s)", file=sys.stderr)
            failed = True
            continue
        if bundle.id in seen and seen[bundle.id].folder.resolve() != folder.resolve():
            print(duplicate_id_error(bundle, seen[bundle.id]))
            print(f"{folder}: 1 problem(s)", file=sys.stderr)
            failed = True
            continue
        seen[bundle.id] = bundle
        summary = f"{bundle.id} {bundle.metadata.version}, {len(bundle.topic.sections)} sections"
        if not lint:
            print(f"{folder}: ok ({summary})")
        else:
            failed = _lint(folder, bundle, summary) or failed
        _warn(folder, bundle)
    for content in roots:
        known = [*seen, *(folder.name for folder in folders if folder.parent == content)]
        _order, problems = read_order(content, known=known)
        for problem in problems:
            print(problem)
        if problems:
            print(f"{content}: the library file has {len(problems)} problem(s)", file=sys.stderr)
            failed = True
    return EXIT_CONTENT if failed else EXIT_OK


def _warn(folder: Path, bundle: Bundle) -> None:
    """Print what an editor should look at in a valid bundle (it loads all the same)."""
    from kiosk.content.lint import content_warnings

    warnings = content_warnings(bundle)
    for warning in warnings:
        print(warning)
    if warnings:
        print(f"{folder}: {len(warnings)} warning(s)", file=sys.stderr)


def _lint(folder: Path, bundle: Bundle, summary: str) -> bool:
    """Print the readability table of a valid bundle and its located failures; True if any."""
    from kiosk.content.lint import lint_bundle, lint_problems, render_table

    rows = lint_bundle(bundle)
    problems = lint_problems(bundle, rows)
    if problems:
        print(f"{folder}: valid, lint failed ({summary}; {len(problems)} readability problem(s))")
    else:
        print(f"{folder}: ok ({summary}; readability within limits)")
    print(render_table(bundle.id, rows))
    for problem in problems:
        print(problem)
    return bool(problems)


def _set_pin(config: Path | None) -> int:
    import getpass

    from kiosk.settings import default_settings_path, validate_pin_format, write_pin

    path = config or default_settings_path()
    if sys.stdin.isatty():
        pin = getpass.getpass("New staff PIN (6-12 digits, not easy to guess): ")
        again = getpass.getpass("The same PIN again: ")
    else:  # scripted: the PIN on the first line of standard input
        pin = again = sys.stdin.readline().strip()
    problem = validate_pin_format(pin)
    if problem:
        print(f"kiosk set-pin: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if pin != again:
        print("kiosk set-pin: the two PINs differ; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    try:
        write_pin(path, pin)
    except OSError as exc:
        print(f"kiosk set-pin: cannot write {path}: {exc.strerror}", file=sys.stderr)
        return EXIT_CONTENT
    print(f"kiosk set-pin: the staff PIN is set (a salted hash in {path})")
    return EXIT_OK
