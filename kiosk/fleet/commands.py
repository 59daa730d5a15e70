"""The fleet commands: publish, review and update signed content.

    kiosk publish CONTENT --repo DIR --keys DIR [--init]
    kiosk reviewer add NAME --key FILE --repo DIR --keys DIR
    kiosk reviewer remove NAME --repo DIR --keys DIR
    kiosk reviewer list --repo DIR
    kiosk approve BUNDLE --reviewer NAME --key FILE --repo DIR --keys DIR
    kiosk revoke BUNDLE --reviewer NAME --key FILE --repo DIR --keys DIR
    kiosk rotate-key ROLE --repo DIR --keys DIR
    kiosk update --from URL [--trust ROOT.json] [--state DIR]
    kiosk update --status [--state DIR]

Exit codes: 0 done, 1 content problems or a refused update, 2 usage error.
docs/fleet-runbook.md explains the keys and every error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _repo_arguments(parser: argparse.ArgumentParser, *, keys: bool = True) -> None:
    parser.add_argument("--repo", type=Path, required=True, metavar="DIR", help="repository folder")
    if keys:
        parser.add_argument(
            "--keys", type=Path, required=True, metavar="DIR", help="folder of the signing keys"
        )


def register(subparsers: Any) -> None:
    """Add the fleet commands to ``subparsers`` (of argparse)."""
    publish = subparsers.add_parser(
        "publish", help="validate and publish a content folder as a signed (TUF) repository"
    )
    publish.add_argument("content", type=Path, metavar="CONTENT", help="content folder")
    _repo_arguments(publish)
    publish.add_argument(
        "--init", action="store_true", help="start a new repository (and make missing keys)"
    )
    publish.set_defaults(handler=_publish)

    reviewer = subparsers.add_parser("reviewer", help="add, remove or list clinical reviewers")
    actions = reviewer.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="trust a reviewer's key to approve bundles")
    add.add_argument("name", metavar="NAME", help='e.g. "Dr Ana Ruiz, GP"')
    add.add_argument(
        "--key", type=Path, required=True, metavar="FILE", help="their key (made if missing)"
    )
    _repo_arguments(add)
    add.set_defaults(handler=_reviewer_add)
    remove = actions.add_parser("remove", help="stop trusting a reviewer (their approvals end)")
    remove.add_argument("name", metavar="NAME")
    _repo_arguments(remove)
    remove.set_defaults(handler=_reviewer_remove)
    listing = actions.add_parser("list", help="the trusted reviewers and what they approved")
    _repo_arguments(listing, keys=False)
    listing.set_defaults(handler=_reviewer_list)

    for name, helptext, handler in (
        ("approve", "sign, as a reviewer, that a published bundle is approved", _approve),
        ("revoke", "withdraw a reviewer's approval of a bundle", _revoke),
    ):
        command = subparsers.add_parser(name, help=helptext)
        command.add_argument("bundle", metavar="BUNDLE", help="the bundle's id")
        command.add_argument("--reviewer", required=True, metavar="NAME")
        command.add_argument("--key", type=Path, required=True, metavar="FILE")
        _repo_arguments(command)
        command.set_defaults(handler=handler)

    rotate = subparsers.add_parser("rotate-key", help="replace a top-level role's signing key")
    rotate.add_argument("role", choices=("root", "targets", "snapshot", "timestamp"))
    _repo_arguments(rotate)
    rotate.set_defaults(handler=_rotate)

    update = subparsers.add_parser(
        "update", help="download, verify, validate and install signed content"
    )
    update.add_argument("--from", dest="url", metavar="URL", help="the repository's address")
    update.add_argument(
        "--trust", type=Path, metavar="ROOT", help="the repository's root.json (first time only)"
    )
    update.add_argument("--state", type=Path, metavar="DIR", help="the kiosk's fleet folder")
    update.add_argument("--status", action="store_true", help="show the last update's status")
    update.set_defaults(handler=_update)


def _fail(command: str, message: str, code: int = EXIT_FAILED) -> int:
    print(f"kiosk {command}: {message}", file=sys.stderr)
    return code


def _publisher(args: argparse.Namespace) -> Any:
    from kiosk.fleet.repository import Publisher

    return Publisher(args.repo, args.keys)


def _publish(args: argparse.Namespace) -> int:
    from kiosk.content import BundleError, find_bundles, load_bundle
    from kiosk.content.loader import BundleCache
    from kiosk.fleet.pack import PackError
    from kiosk.fleet.repository import PublishError

    folders = find_bundles(args.content)
    if not folders:
        return _fail("publish", f"{args.content}: no content bundles here", EXIT_USAGE)
    bundles: list[tuple[str, str, Path]] = []
    failed = False
    for folder in folders:
        try:
            bundle = load_bundle(folder, cache=BundleCache(None))
        except BundleError as exc:
            print(exc.report())
            failed = True
            continue
        bundles.append((bundle.id, bundle.metadata.version, folder))
    if failed:
        return _fail("publish", "content problems above; nothing was published")
    ids = [bundle_id for bundle_id, _, _ in bundles]
    if len(set(ids)) != len(ids):
        return _fail("publish", "two bundles share an id; run 'kiosk validate'")
    library_files = sorted(p for p in args.content.iterdir() if p.is_file() and not p.is_symlink())
    publisher = _publisher(args)
    try:
        if args.init:
            publisher.init()
        published = publisher.publish(bundles, library_files)
    except (PublishError, PackError) as exc:
        return _fail("publish", str(exc))
    for bundle_id, version, sha256 in published.bundles:
        print(f"{bundle_id} {version} sha256:{sha256}")
    state = "new metadata signed" if published.changed else "unchanged; timestamp renewed"
    print(f"kiosk publish: {len(published.bundles)} bundle(s) in {args.repo} ({state})")
    return EXIT_OK


def _reviewer_add(args: argparse.Namespace) -> int:
    from kiosk.fleet.keys import KeyError_
    from kiosk.fleet.repository import PublishError

    try:
        role = _publisher(args).add_reviewer(args.name, args.key)
    except (PublishError, KeyError_) as exc:
        return _fail("reviewer add", str(exc))
    print(f"kiosk reviewer add: {args.name} can now approve bundles (role {role}, key {args.key})")
    return EXIT_OK


def _reviewer_remove(args: argparse.Namespace) -> int:
    from kiosk.fleet.repository import PublishError

    try:
        _publisher(args).remove_reviewer(args.name)
    except PublishError as exc:
        return _fail("reviewer remove", str(exc))
    print(f"kiosk reviewer remove: {args.name} is no longer trusted; their approvals ended")
    return EXIT_OK


def _reviewer_list(args: argparse.Namespace) -> int:
    from kiosk.fleet.repository import Publisher, PublishError

    publisher = Publisher(args.repo, Path("."))
    try:
        reviewers = publisher.reviewers()
        for role, name in reviewers.items():
            approved = sorted(publisher.targets(role).signed.targets)
            print(f"{name} ({role}): {len(approved)} approval(s)")
            for path in approved:
                print(f"  {path}")
    except PublishError as exc:
        return _fail("reviewer list", str(exc))
    if not reviewers:
        print("kiosk reviewer list: no reviewers yet ('kiosk reviewer add')")
    return EXIT_OK


def _approve(args: argparse.Namespace) -> int:
    from kiosk.fleet.repository import PublishError

    try:
        entry = _publisher(args).approve(args.bundle, args.reviewer, args.key)
    except PublishError as exc:
        return _fail("approve", str(exc))
    print(
        f"kiosk approve: {args.reviewer} approved {args.bundle} (sha256:{entry.hashes['sha256']})"
    )
    return EXIT_OK


def _revoke(args: argparse.Namespace) -> int:
    from kiosk.fleet.repository import PublishError

    try:
        count = _publisher(args).revoke(args.bundle, args.reviewer, args.key)
    except PublishError as exc:
        return _fail("revoke", str(exc))
    print(f"kiosk revoke: {args.reviewer}'s {count} approval(s) of {args.bundle} withdrawn")
    return EXIT_OK


def _rotate(args: argparse.Namespace) -> int:
    from kiosk.fleet.repository import PublishError

    try:
        path = _publisher(args).rotate(args.role)
    except PublishError as exc:
        return _fail("rotate-key", str(exc))
    print(f"kiosk rotate-key: new {args.role} key in {path} (the old one is {path}.old)")
    return EXIT_OK


def _update(args: argparse.Namespace) -> int:
    from kiosk.fleet.client import UpdateError, default_state_dir, read_status, trust, update

    state = args.state or default_state_dir()
    if args.status:
        status = read_status(state)
        print(f"source: {status.source or '(none)'}")
        print(f"last check: {status.last_check or 'never'}; last success: {status.last_success}")
        print(f"last error: {status.last_error or 'none'}")
        for bundle in status.bundles:
            signer = f"approved by {bundle.signer}" if bundle.signer else "not approved"
            print(f"  {bundle.id} {bundle.version} ({signer})")
        return EXIT_OK
    if not args.url:
        return _fail("update", "give --from URL (or --status)", EXIT_USAGE)
    try:
        if args.trust:
            trust(state, args.trust.read_bytes())
        status = update(state, args.url)
    except OSError as exc:
        return _fail("update", f"{args.trust}: {exc.strerror}", EXIT_USAGE)
    except UpdateError as exc:
        return _fail("update", f"{exc}\nThe content in {state / 'current'} is unchanged.")
    content = state / "current"
    print(f"kiosk update: {len(status.bundles)} bundle(s) from {args.url}; content: {content}")
    for bundle in status.bundles:
        signer = f"approved by {bundle.signer}" if bundle.signer else "not approved"
        print(f"  {bundle.id} {bundle.version} ({signer})")
    return EXIT_OK
