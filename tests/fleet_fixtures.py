"""Fixtures for the fleet tests (a pytest plugin of tests/conftest.py): a content folder,
a signed repository, a web server.

The server is Python's own static file server on 127.0.0.1 (a random free port), as any
static web server, object store or CDN would serve the repository folder.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.content import find_bundles, load_bundle
from kiosk.content.loader import BundleCache
from kiosk.fleet.repository import Publisher
from tests.conftest import CONTENT


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Fleet:
    """A content folder, its repository and keys, a server for it, and a kiosk's folder."""

    content: Path
    repo: Path
    keys: Path
    state: Path
    url: str
    reviewer_key: Path

    def publisher(self, **kwargs: object) -> Publisher:
        return Publisher(self.repo, self.keys, **kwargs)  # type: ignore[arg-type]

    def publish(self, publisher: Publisher | None = None) -> None:
        bundles = []
        for folder in find_bundles(self.content):
            bundle = load_bundle(folder, cache=BundleCache(None))
            bundles.append((bundle.id, bundle.metadata.version, folder))
        files = sorted(p for p in self.content.iterdir() if p.is_file())
        (publisher or self.publisher()).publish(bundles, files)

    def set_version(self, version: str, bundle: str = "muscle-cramps") -> None:
        path = self.content / bundle / "bundle.yaml"
        text = re.sub(r"(?m)^  version: .*$", f"  version: {version}", path.read_text())
        path.write_text(text)


@pytest.fixture
def server_root(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    return root


@pytest.fixture
def serve(server_root: Path) -> Iterator[str]:
    handler = partial(_Quiet, directory=str(server_root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fleet(tmp_path: Path, server_root: Path, serve: str) -> Fleet:
    """A repository with the shipped bundle published and one reviewer added."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copytree(CONTENT / "muscle-cramps", content / "muscle-cramps")
    shutil.copy(CONTENT / "schema.json", content / "schema.json")
    fleet = Fleet(
        content, server_root, tmp_path / "keys", tmp_path / "kiosk", serve, tmp_path / "ana.pem"
    )
    publisher = fleet.publisher()
    publisher.init()
    fleet.publish(publisher)
    publisher.add_reviewer("Dr Ana Ruiz", fleet.reviewer_key)
    return fleet
