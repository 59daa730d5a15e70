"""The shipped bundle and its search index, loaded once per test module."""

from __future__ import annotations

import pytest

from kiosk.content import Bundle, load_bundle
from kiosk.search import SearchIndex
from tests.conftest import CONTENT


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return load_bundle(CONTENT / "muscle-cramps")


@pytest.fixture(scope="module")
def index(bundle: Bundle) -> SearchIndex:
    return SearchIndex.for_bundle(bundle)
