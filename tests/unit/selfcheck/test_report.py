"""One self-check report, built once: the words the screen, the handout and the CLI show.

The report's own words are translated from the same .ts file as the UI's, without Qt
here (``ts_translator``); the UI tests check that Qt gives the same words.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kiosk.content import BundleCache, load_bundle
from kiosk.content.words import ts_translator
from kiosk.safety import CONTEXT as SAFETY
from kiosk.safety import Place, tier_look
from kiosk.selfcheck import SelfCheckEngine
from kiosk.selfcheck.commands import register
from kiosk.selfcheck.report import CONTEXT, build_report, report_words
from tests.conftest import CONTENT

BUNDLE = load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))
assert BUNDLE.document.selfcheck is not None
ENGINE = SelfCheckEngine(BUNDLE.document.selfcheck, BUNDLE.signs)
URGENT_AND_FACTORS = {"chest-belly-arms": "yes", "long-cramp": "yes", "hard-exercise": "yes"}


def test_the_report_lists_urgent_advice_first_then_factors_with_reasons() -> None:
    report = build_report(BUNDLE, ENGINE.evaluate(URGENT_AND_FACTORS), "patient", "en")
    ranks = [item.urgency.rank for item in report.urgent]
    assert ranks == sorted(ranks)
    assert report.urgent
    assert report.factors
    for item in report.urgent:
        assert item.look == tier_look(item.urgency)
        assert item.heading == item.look.title
        assert item.action == item.look.action(Place.KIOSK)
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
    assert [item.look.heading for item in report.urgent] == ["See a doctor or nurse soon"]


@pytest.mark.parametrize(
    ("place", "words"),
    [
        (Place.KIOSK, "Tell a member of staff now."),
        (Place.HOME, "Call your doctor's office now."),
        (Place.LAPTOP, "Contact your doctor's office now."),
    ],
)
def test_what_to_do_fits_where_it_is_read(place: Place, words: str) -> None:
    report = build_report(
        BUNDLE, ENGINE.evaluate({"weak-or-numb": "yes"}), "patient", "en", place=place
    )
    assert report.urgent[0].action.startswith(words)
    if place is Place.HOME:
        assert "staff" not in report.urgent[0].action
        assert "emergency number" in report.urgent[0].action


def test_not_sure_gets_its_own_advice() -> None:
    report = build_report(BUNDLE, ENGINE.evaluate({"weak-or-numb": "not_sure"}), "patient", "en")
    [item] = report.urgent
    assert item.unsure
    assert item.id == "weak-or-numb"
    assert item.action == 'You answered "Not sure". If you are not sure, ask a member of staff now.'
    assert item.because[0].answers == ("Not sure",)


def test_the_report_in_spanish_has_the_ts_words() -> None:
    spanish = ts_translator("es", CONTEXT)
    report = build_report(
        BUNDLE,
        ENGINE.evaluate(URGENT_AND_FACTORS),
        "patient",
        "es",
        spanish,
        translate_safety=ts_translator("es", SAFETY),
    )
    assert report.words.because == "Porque usted respondió:"
    assert report.words == report_words(spanish)
    assert report.urgent[0].look.heading == "Vaya al médico de inmediato"
    assert report.urgent[0].action == "Avise ahora a alguien del personal."
    assert report.urgent[0].because[0].answers == ("Sí",)
    sign = report.evaluation.urgent[0].sign
    assert report.urgent[0].advice == BUNDLE.level_text(sign.advice, "patient", "es")


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
    assert "- ! URGENTE: Vaya al médico de inmediato" in out
    assert "  Póngase en contacto con el consultorio de su médico ahora." in out
    assert "  Porque usted respondió: " in out
    assert "  Lo que puede ayudar: " in out
    assert "Because you said" not in out
