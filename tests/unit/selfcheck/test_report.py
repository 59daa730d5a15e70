"""One self-check report, built once: the words the screen, the handout and the CLI show.

The report's own words are translated from the same .ts file as the UI's, without Qt
here (``ts_translator``); the UI tests check that Qt gives the same words.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kiosk.content import BundleCache, Urgency, load_bundle
from kiosk.content.words import ts_translator
from kiosk.selfcheck import SelfCheckEngine
from kiosk.selfcheck.commands import register
from kiosk.selfcheck.report import CONTEXT, HEADINGS, build_report, report_words
from tests.conftest import CONTENT

BUNDLE = load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))
assert BUNDLE.document.selfcheck is not None
ENGINE = SelfCheckEngine(BUNDLE.document.selfcheck)
URGENT_AND_FACTORS = {"chest-belly-arms": "yes", "long-cramp": "yes", "hard-exercise": "yes"}


def test_the_report_lists_urgent_advice_first_then_factors_with_reasons() -> None:
    report = build_report(BUNDLE, ENGINE.evaluate(URGENT_AND_FACTORS), "patient", "en")
    assert [item.urgency for item in report.urgent] == sorted(
        (item.urgency for item in report.urgent), key=lambda u: u is not Urgency.NOW
    )
    assert report.urgent
    assert report.factors
    for item in report.urgent:
        assert item.heading == HEADINGS[item.urgency]
        assert item.because
        assert all(line.answers == ("Yes",) for line in item.because)
    for factor in report.factors:
        assert factor.because
        assert factor.helps
        assert factor.sections
    assert not report.empty


@pytest.mark.parametrize("level", ["patient", "clinician"])
def test_one_heading_per_tier_at_every_level(level: str) -> None:
    """The handout once said "See a clinician soon" where the screen said "See a doctor
    or nurse soon": the words are the report's now, the same at every level."""
    report = build_report(
        BUNDLE, ENGINE.evaluate({"sleep-often-swelling": ("often",)}), level, "en"
    )
    assert [item.heading for item in report.urgent] == ["See a doctor or nurse soon"]


def test_the_report_in_spanish_has_the_ts_words() -> None:
    spanish = ts_translator("es", CONTEXT)
    report = build_report(BUNDLE, ENGINE.evaluate(URGENT_AND_FACTORS), "patient", "es", spanish)
    assert report.words.because == "Porque usted respondió:"
    assert report.words == report_words(spanish)
    assert {item.heading for item in report.urgent} <= {
        "Pida ayuda ahora", "Vaya pronto a ver a un médico o una enfermera"}  # fmt: skip
    assert report.urgent[0].because[0].answers == ("Sí",)
    flag = report.evaluation.urgent[0].flag
    assert report.urgent[0].advice == BUNDLE.level_text(flag.advice, "patient", "es")


def test_kiosk_selfcheck_prints_the_report_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"{q}: {a}\n" for q, a in URGENT_AND_FACTORS.items()))
    main = argparse.ArgumentParser(prog="kiosk")
    main.add_argument("--content", type=Path)
    register(main.add_subparsers(dest="command"))
    args = main.parse_args(
        ["selfcheck", "--answers", str(answers), "--locale", "es", str(CONTENT / "muscle-cramps")]
    )
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "- Pida ayuda ahora: " in out
    assert "  Porque usted respondió: " in out
    assert "  Lo que puede ayudar: " in out
    assert "Because you said" not in out
