"""Scripted answers derived from a bundle's own self-check (for screenshots of any bundle)."""

from __future__ import annotations

import pytest

from kiosk.content import BundleCache, load_bundle
from kiosk.selfcheck import SelfCheckEngine
from kiosk.selfcheck.scripted import scripted_answers
from tests.conftest import CONTENT
from tests.library import TEST_TOPIC


@pytest.mark.parametrize("folder", [CONTENT / "muscle-cramps", TEST_TOPIC], ids=lambda f: f.name)
def test_every_factor_and_no_warning_sign_then_one_warning_sign(folder: object) -> None:
    bundle = load_bundle(folder, cache=BundleCache(None))  # type: ignore[arg-type]
    selfcheck = bundle.document.selfcheck
    assert selfcheck is not None
    engine = SelfCheckEngine(selfcheck, bundle.signs)
    script = scripted_answers(selfcheck)
    calm = engine.evaluate(script.calm)
    assert calm.urgent == ()
    factors = {f.factor.id for f in calm.factors}
    warning = {c.question for flag in selfcheck.red_flags for c in flag.when.conditions}
    possible = {  # a factor met only through a warning sign would raise it: left out
        f.id
        for f in selfcheck.factors
        if any(c.question not in warning for c in f.when.any)
        or (f.when.all and not any(c.question in warning for c in f.when.all))
    }
    assert factors == possible
    assert len(factors) >= len(selfcheck.factors) - 1
    urgent = engine.evaluate(script.urgent)
    assert [f.flag.id for f in urgent.urgent][:1] == [selfcheck.red_flags[0].id]
    assert {f.factor.id for f in urgent.factors} == factors


def test_the_test_topic_script() -> None:
    selfcheck = load_bundle(TEST_TOPIC, cache=BundleCache(None)).document.selfcheck
    assert selfcheck is not None
    script = scripted_answers(selfcheck)
    assert script.calm == {"someone-waiting": "no", "small-text": "yes", "hear-words": "yes"}
    assert script.urgent == {**script.calm, "someone-waiting": "yes"}
