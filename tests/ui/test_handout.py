"""The printable handout: its words, its escaping, its pages, printing and ``kiosk handout``."""

from __future__ import annotations

import argparse
import datetime
import os
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication, QDialog

from kiosk.content import Bundle, BundleCache, load_bundle
from kiosk.selfcheck import Answer, Evaluation, SelfCheckEngine
from kiosk.ui.handout import (
    handout_html,
    page_images,
    print_handout,
    register,
    render_pdf,
    run_handout,
)
from tests.conftest import CONTENT

# -- a small bundle with a self-check, and raw HTML in its content ---------------------

BUNDLE_YAML = """\
metadata:
  id: tiny-handout
  title: Tiny topic
  version: "1.0"
  languages: [en]
  reading_levels: [patient, clinician]
  review:
    status: submitted
  updated: 2025-08-04
  editorial_policy: Written from the cited sources.
  disclaimer:
    patient: "General information, <i>not</i> a diagnosis."
    clinician: For professionals only.
"""

TOPIC_YAML = """\
topic:
  title:
    patient: Why <b>cramps</b> happen
    clinician: Causes of cramps
  summary:
    patient: "Tired muscles can cramp <script>alert('x')</script> & tighten. [1]"
    clinician: Fatigue alters neuromuscular control [1].
  sections:
    - id: causes
      title:
        patient: Causes
        clinician: Causes
      passages:
        - patient: A tired muscle can cramp. [5]
          clinician: Fatigue is central [5].
    - id: when-to-get-help
      title:
        patient: When to get help
        clinician: When to seek care
      passages:
        - patient: |
            Get help fast if:

            - a cramp lasts more than 10 minutes.

            [3]
          clinician: Seek urgent advice for a cramp over 10 minutes [3].
"""

REFERENCES_YAML = """\
references:
  - number: 1
    title: First source
    publisher: Clinic Press
    year: 2020
  - number: 2
    title: Second source
  - number: 3
    title: Help source
    note: Used for <help> only.
  - number: 4
    title: Flag source
  - number: 5
    title: Unprinted source
"""

SELFCHECK_YAML = """\
selfcheck:
  title:
    patient: Check your cramps
    clinician: Self-check
  intro:
    patient: This is not a diagnosis.
    clinician: Not a diagnosis.
  questions:
    - id: q-chest
      kind: yes_no
      text:
        patient: Is the cramp in your <chest>?
        clinician: Chest involvement?
    - id: q-exercise
      kind: yes_no
      text:
        patient: Did you exercise hard?
        clinician: Strenuous exercise?
    - id: q-medicines
      kind: multiple
      text:
        patient: Which medicines do you take?
        clinician: Current medicines?
      options:
        - id: opt-water-pill
          text:
            patient: A water pill
            clinician: Diuretic
        - id: opt-statin
          text:
            patient: A statin
            clinician: Statin
  red_flags:
    - sign: flag-chest
      when:
        any:
          - {question: q-chest, answer: yes}
    - sign: flag-pill
      when:
        any:
          - {question: q-medicines, answer: opt-water-pill}
  factors:
    - id: factor-tired
      name:
        patient: Tired muscles
        clinician: Muscle fatigue
      when:
        any:
          - {question: q-exercise, answer: yes}
      sections: [causes]
      helps:
        patient: Rest and stretch the muscle. [2]
        clinician: Rest and stretching [2].
signs:
  - id: flag-chest
    tier: urgent
    sources: [4]
    name:
      patient: Cramps in the chest
      clinician: Chest cramps
    advice:
      patient: Tell a member of staff now.
      clinician: Urgent assessment.
  - id: flag-pill
    tier: soon
    sources: [1]
    name:
      patient: Cramps with a water pill
      clinician: Cramps on a diuretic
    advice:
      patient: See a doctor about your water pill. [1]
      clinician: Review the diuretic [1].
"""

ANSWERS: dict[str, Answer] = {
    "q-chest": "yes",
    "q-exercise": "yes",
    "q-medicines": ("opt-water-pill", "opt-statin"),
}
IDENTIFIERS = (
    "tiny-handout",
    "q-chest",
    "q-exercise",
    "q-medicines",
    "opt-water-pill",
    "opt-statin",
    "flag-chest",
    "flag-pill",
    "factor-tired",
    "not_sure",
)
# answers for the shipped self-check: one "now", one "soon", a few factors
SHIPPED_ANSWERS: dict[str, Answer] = {
    "long-cramp": "yes",
    "walk-medicine-alcohol": ("walk-rest", "alcohol"),
    "hard-exercise": "yes",
    "heat": "yes",
    "diuretic": "yes",
}


def write_bundle(root: Path, *, selfcheck: bool = True, name: str = "tiny-handout") -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "bundle.yaml": BUNDLE_YAML,
        "topic.yaml": TOPIC_YAML,
        "references.yaml": REFERENCES_YAML,
    }
    if selfcheck:
        files["selfcheck.yaml"] = SELFCHECK_YAML
    else:  # without the self-check, references 2 and 4 would be cited nowhere
        files["references.yaml"] = REFERENCES_YAML.replace(
            "  - number: 2\n    title: Second source\n", ""
        ).replace("  - number: 4\n    title: Flag source\n", "")
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def tiny(tmp_path: Path) -> Bundle:
    return load_bundle(write_bundle(tmp_path / "content"), cache=BundleCache(None))


@pytest.fixture
def evaluation(tiny: Bundle) -> Evaluation:
    assert tiny.document.selfcheck is not None
    return SelfCheckEngine(tiny.document.selfcheck, tiny.signs).evaluate(ANSWERS)


def html_for(bundle: Bundle, evaluation: Evaluation | None, level: str = "patient") -> str:
    return handout_html(bundle, level, "en", evaluation, translate=lambda s: s)


def rasterize_first_page(pdf: Path, html: str, out: Path) -> QImage:
    """Page 1 of ``pdf`` as a PNG at ``out``, by Qt's PDF renderer (PySide6-Pdf); where
    that module is not installed, page 1 as the handout's own painter draws it."""
    try:
        from PySide6.QtCore import QSize, Qt
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        image = page_images(html, dpi=110)[0]
    else:
        document = QPdfDocument()
        assert document.load(str(pdf)) == QPdfDocument.Error.None_
        points = document.pagePointSize(0)
        size = QSize(round(points.width() * 110 / 72), round(points.height() * 110 / 72))
        rendered = document.render(0, size)  # transparent where the page is blank
        document.close()
        from PySide6.QtGui import QImage, QPainter

        image = QImage(rendered.size(), QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.drawImage(0, 0, rendered)
        painter.end()
    assert image.save(str(out))
    return image


def pdf_pages(pdf: Path) -> int:
    """The page count of a PDF written by Qt (its page tree's /Count)."""
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf.read_bytes())
    assert counts, "no page tree in the PDF"
    return int(counts[0])


def dark_fraction(image: QImage) -> float:
    small = image.scaled(120, 170)
    dark = sum(
        small.pixelColor(x, y).lightness() < 128
        for x in range(small.width())
        for y in range(small.height())
    )
    return dark / (small.width() * small.height())


# -- the HTML --------------------------------------------------------------------------


def test_handout_without_selfcheck_result(tiny: Bundle) -> None:
    html = html_for(tiny, None)
    assert "Why &lt;b&gt;cramps&lt;/b&gt; happen" in html  # the title, escaped
    assert "The short answer" in html
    assert "Tired muscles can cramp" in html
    assert "Your self-check" not in html
    # when to get help: every warning sign of the topic, by tier, with what to do at home
    # (the section's own prose is for the screen)
    help_part = html[html.index("When to get help") : html.index("References")]
    assert help_part.index("! Urgent: See a doctor right away") < help_part.index(
        "i Soon: See a doctor or nurse soon"
    )
    assert "<li>Cramps in the chest</li>" in help_part
    assert "<li>Cramps with a water pill</li>" in help_part
    assert "Call your doctor&#x27;s office now." in help_part
    assert "staff" not in help_part
    assert "Get help fast if:" not in html
    assert "Pending human review" in html
    assert "A clinician has not yet checked this information (status: submitted)." in html
    assert "Last updated: 2025-08-04" in html
    assert "General information, &lt;i&gt;not&lt;/i&gt; a diagnosis." in html


def test_urgent_advice_first_then_factors_with_their_reasons(
    tiny: Bundle, evaluation: Evaluation
) -> None:
    html = html_for(tiny, evaluation)
    order = [
        "The short answer",
        "Your self-check",
        "! Urgent: See a doctor right away",
        "Call your doctor&#x27;s office now.",
        "Cramps in the chest",
        "Tell a member of staff now.",
        "i Soon: See a doctor or nurse soon",
        "See a doctor about your water pill.",
        "What may play a part",
        "<b>Tired muscles</b>",
        "What may help:",
        "Rest and stretch",
        "This is not a diagnosis.",
        "When to get help",
        "References",
        "Pending human review",
        "General information",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert html.count("Because you said:") == 3
    assert "Is the cramp in your &lt;chest&gt;?&#160;—&#160;<b>Yes</b>" in html
    assert "Did you exercise hard?&#160;—&#160;<b>Yes</b>" in html
    # a multiple choice names only the option that led to the advice
    assert "Which medicines do you take?&#160;—&#160;<b>A water pill</b>" in html
    assert "A statin" not in html


def test_references_are_the_ones_printed(tiny: Bundle, evaluation: Evaluation) -> None:
    html = html_for(tiny, evaluation)
    references = html[html.index(">References<") :]
    assert "<b>[1]</b> First source. Clinic Press, 2020." in references
    assert "<b>[2]</b> Second source." in references  # what may help cites it
    assert "Help source" not in references  # cited only in the section's prose, for the screen
    assert "<b>[4]</b> Flag source." in references  # the red flag's named source
    assert "Unprinted source" not in html  # cited only in a section that is not printed
    assert "Source: [4]" in html  # the advice does not cite its source itself
    assert "Sources: [4]" in html  # when to get help: each tier's signs' sources
    assert "[1]" in html
    assert "cite:" not in html
    assert "<a " not in html


def test_without_findings_says_so_and_is_still_not_a_diagnosis(tiny: Bundle) -> None:
    assert tiny.document.selfcheck is not None
    nothing = SelfCheckEngine(tiny.document.selfcheck, tiny.signs).evaluate({"q-chest": "no"})
    html = html_for(tiny, nothing)
    assert "Your answers do not point to any of the causes" in html
    assert "This is not a diagnosis." in html
    mine = html[html.index("Your self-check") : html.index("When to get help")]
    assert "See a doctor right away" not in mine
    assert "Because you said" not in html


def test_content_html_is_escaped(tiny: Bundle, evaluation: Evaluation) -> None:
    html = html_for(tiny, evaluation)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp; tighten" in html
    assert "<b>cramps</b>" not in html
    assert "<i>not</i>" not in html
    assert "<help>" not in html


def test_no_identifiers_and_no_visit_date(tiny: Bundle, evaluation: Evaluation) -> None:
    html = html_for(tiny, evaluation)
    for identifier in IDENTIFIERS:
        assert identifier not in html
    assert str(tiny.folder) not in html
    today = datetime.date.today()
    assert today.isoformat() not in html
    assert str(today.year) not in html
    assert set(re.findall(r"\d{4}-\d\d-\d\d", html)) == {"2025-08-04"}


def test_every_word_of_its_own_is_translated(tiny: Bundle, evaluation: Evaluation) -> None:
    def shout(text: str) -> str:  # a "translation" that keeps the {placeholders}
        return re.sub(r"\{[A-Z]+\}", lambda m: m.group(0).lower(), text.upper())

    html = handout_html(tiny, "patient", "en", evaluation, translate=shout)
    for words in (
        "THE SHORT ANSWER",
        "YOUR SELF-CHECK",
        "! URGENT: SEE A DOCTOR RIGHT AWAY",
        "SEE A DOCTOR OR NURSE SOON",
        "BECAUSE YOU SAID:",
        "WHAT MAY PLAY A PART",
        "WHAT MAY HELP:",
        "THIS IS NOT A DIAGNOSIS.",
        "REFERENCES",
        "SOURCE:",
        "PENDING HUMAN REVIEW",
        "LAST UPDATED: 2025-08-04",
        "PLEASE NOTE:",
        "—&#160;<b>YES</b>",
    ):
        assert words in html
    for words in (
        "The short answer",
        "See a doctor right away",
        "Because you said",
        "References",
        "Yes<",
    ):
        assert words not in html


def test_clinician_level(tiny: Bundle, evaluation: Evaluation) -> None:
    html = html_for(tiny, evaluation, level="clinician")
    assert "Causes of cramps" in html
    assert "Fatigue alters neuromuscular control [1]." in html
    # one report, one wording: the screen's and the CLI's words at every level (the
    # handout once said "See a clinician soon" here, the screen "See a doctor or nurse soon")
    assert "See a doctor or nurse soon" in html
    assert "See a clinician soon" not in html
    assert "Review the diuretic [1]." in html
    assert "Current medicines?&#160;—&#160;<b>Diuretic</b>" in html
    assert "When to seek care" in html
    assert "For professionals only." in html


def test_a_bundle_without_a_selfcheck(tmp_path: Path) -> None:
    bundle = load_bundle(write_bundle(tmp_path, selfcheck=False), cache=BundleCache(None))
    assert bundle.document.selfcheck is None
    html = html_for(bundle, None)
    assert "Tired muscles can cramp" in html
    assert "Your self-check" not in html


def test_the_default_translation_is_qt(
    qapp: QApplication, tiny: Bundle, evaluation: Evaluation
) -> None:
    html = handout_html(tiny, "patient", "en", evaluation)  # no translator: as written
    assert "See a doctor right away" in html
    assert "The short answer" in html


# -- paper ------------------------------------------------------------------------------


def test_pdf_of_the_fixture(
    qapp: QApplication, tmp_path: Path, tiny: Bundle, evaluation: Evaluation
) -> None:
    html = html_for(tiny, evaluation)
    pdf = tmp_path / "handout.pdf"
    pages = render_pdf(html, pdf)
    assert pages == 2  # the self-check's care cards, then every warning sign by tier
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf_pages(pdf) == pages
    image = rasterize_first_page(pdf, html, tmp_path / "page1.png")
    assert (tmp_path / "page1.png").stat().st_size > 10_000
    assert 0.002 < dark_fraction(image) < 0.3  # text on a white page


def test_letter_paper_and_page_images(qapp: QApplication, tmp_path: Path, tiny: Bundle) -> None:
    html = html_for(tiny, None)
    pdf = tmp_path / "letter.pdf"
    assert render_pdf(html, pdf, paper="Letter") == 1
    assert re.search(rb"/MediaBox \[0 0 612(\.0+)? 792(\.0+)?\]", pdf.read_bytes())
    images = page_images(html, dpi=72, paper="Letter")
    assert len(images) == 1
    assert (images[0].width(), images[0].height()) == (612, 792)
    with pytest.raises(ValueError, match="paper"):
        render_pdf(html, pdf, paper="A5")


def test_shipped_bundle_fits_two_pages_or_four_with_findings(
    qapp: QApplication, tmp_path: Path
) -> None:
    """Two pages without a self-check (one sheet, both sides), "What helps" and its
    drawing included; with one that raised warning signs and factors, at most four, and
    its first care card on page 1."""
    from PySide6.QtPdf import QPdfDocument

    bundle = load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))
    selfcheck = bundle.document.selfcheck
    assert selfcheck is not None
    evaluation = SelfCheckEngine(selfcheck, bundle.signs).evaluate(SHIPPED_ANSWERS)
    assert evaluation.urgent
    for level in ("patient", "clinician"):
        for found in (evaluation, None):
            html = handout_html(bundle, level, "en", found, translate=lambda s: s)
            pdf = tmp_path / f"{level}-{found is not None}.pdf"
            pages = render_pdf(html, pdf)
            assert pages in ((1, 2, 3, 4) if found else (1, 2)), (level, found is not None)
            document = QPdfDocument()
            assert document.load(str(pdf)) == QPdfDocument.Error.None_
            first_page = document.getAllText(0).text()
            document.close()
            if found:
                assert "Urgent: See a doctor right away" in first_page
    html = handout_html(bundle, "patient", "en", evaluation, translate=lambda s: s)
    pdf = tmp_path / "shipped.pdf"
    render_pdf(html, pdf)
    image = rasterize_first_page(pdf, html, tmp_path / "shipped-page1.png")
    assert dark_fraction(image) > 0.002
    assert "Your self-check" in html


# -- the shipped bundle in the visitor's language, "What helps" and the figure ----------

UI_CONTEXTS = ("Handout", "Report", "Safety", "Wording")


def english_ui_phrases(language: str) -> set[str]:
    """The English words of the handout's contexts that the .ts translates differently
    into ``language``: each run of words between {placeholders}, if it is a word or more."""
    import xml.etree.ElementTree as ET

    from kiosk.content.words import TS_FOLDER

    phrases: set[str] = set()
    root = ET.parse(TS_FOLDER / f"kiosk_{language}.ts").getroot()
    for context in root.iter("context"):
        if context.findtext("name") not in UI_CONTEXTS:
            continue
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation")
            if not source or not translation or source == translation:
                continue
            for part in re.split(r"\{[a-z_]+\}", source):
                part = part.strip(" .:,;!?—-")
                if re.search(r"[A-Za-z]{2}", part):
                    phrases.add(part)
    return phrases


def pdf_text(pdf: Path) -> str:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    assert document.load(str(pdf)) == QPdfDocument.Error.None_
    text = "\n".join(document.getAllText(i).text() for i in range(document.pageCount()))
    document.close()
    return " ".join(text.split())


@pytest.fixture(scope="module")
def shipped() -> Bundle:
    return load_bundle(CONTENT / "muscle-cramps", cache=BundleCache(None))


def no_findings(bundle: Bundle) -> Evaluation:
    selfcheck = bundle.document.selfcheck
    assert selfcheck is not None
    answers: dict[str, Answer] = {q.id: "no" for q in selfcheck.questions if q.kind == "yes_no"}
    evaluation = SelfCheckEngine(selfcheck, bundle.signs).evaluate(answers)
    assert not evaluation.urgent
    assert not evaluation.factors
    return evaluation


def test_spanish_handout_has_no_english_words_of_the_kiosk(
    qapp: QApplication, tmp_path: Path, shipped: Bundle
) -> None:
    """Every heading, label, answer and the page footer in Spanish, whatever language
    the app's buttons are in (here: none installed, so Qt would answer in English)."""
    selfcheck = shipped.document.selfcheck
    assert selfcheck is not None
    found = SelfCheckEngine(selfcheck, shipped.signs).evaluate(SHIPPED_ANSWERS)
    phrases = english_ui_phrases("es")
    assert {
        "The short answer",
        "What helps",
        "References",
        "Yes",
        "Page",
        "Because you said",
        "Urgent",
        "Get help now",
        "Pending human review",
    } <= phrases
    for level in ("patient", "clinician"):
        for evaluation in (found, no_findings(shipped), None):
            pdf = tmp_path / "es.pdf"
            render_pdf(handout_html(shipped, level, "es", evaluation), pdf)
            text = pdf_text(pdf)
            # the references name English works by their own titles and publishers (as
            # SOURCES.md gives them); the words around them are the kiosk's, in Spanish
            before, references = text.split("Referencias", 1)
            works, after = references.split("Sobre esta información", 1)
            assert "Fecha no indicada" in works
            assert "of the source overview" not in works  # the kiosk's title, in Spanish
            checked = before + " Referencias " + after
            english = sorted(
                p for p in phrases if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", checked)
            )
            assert english == [], (level, evaluation is not None)
            assert "Lo que ayuda" in text
            assert "Página 1 de" in text
            assert "Referencias" in text
            if evaluation is found:
                assert "Porque usted respondió" in text
                assert " Sí" in text


def test_what_helps_is_printed_whatever_the_selfcheck_found(shipped: Bundle) -> None:
    """With no self-check, with nothing found and with findings, the handout carries
    "What helps": the steps for a cramp and the calf stretch with its drawing."""
    selfcheck = shipped.document.selfcheck
    assert selfcheck is not None
    found = SelfCheckEngine(selfcheck, shipped.signs).evaluate(SHIPPED_ANSWERS)
    for evaluation in (None, no_findings(shipped), found):
        html = handout_html(shipped, "patient", "en", evaluation, translate=lambda s: s)
        assert html.count("<h2>What helps</h2>") == 1
        helps = html.split("<h2>What helps</h2>")[1]
        assert "<h3>What to do during a cramp</h3>" in helps
        assert "Stop what you are doing." in helps
        assert "<h3>Preventing cramps</h3>" in helps
        assert "Stand facing a wall." in helps
        assert "calf-stretch.svg" in helps
        assert "Drawing of the calf stretch" in helps
        assert "runners-stretch.svg" not in html  # its steps are not on paper
        # after the warning signs: safety first on paper too
        assert html.index("<h2>When to get help</h2>") < html.index("<h2>What helps</h2>")
    spanish = handout_html(shipped, "patient", "es", None)
    assert "<h2>Lo que ayuda</h2>" in spanish
    assert "Dibujo del estiramiento de pantorrilla" in spanish


def test_the_calf_stretch_drawing_is_on_the_paper(qapp: QApplication, shipped: Bundle) -> None:
    """The drawing is painted (its blue calf mark), sharp: drawn at print resolution."""
    html = handout_html(shipped, "patient", "en", None, translate=lambda s: s)
    without = re.sub(r"<img [^>]*>", "", html)

    def blue(pages: list[QImage]) -> int:
        count = 0
        for image in pages:
            small = image.scaled(image.width() // 4, image.height() // 4)
            for y in range(small.height()):
                for x in range(small.width()):
                    c = small.pixelColor(x, y)
                    count += (
                        abs(c.red() - 0x0B) < 40
                        and abs(c.green() - 0x57) < 40
                        and abs(c.blue() - 0xA4) < 40
                    )
        return count

    assert blue(page_images(html, dpi=100)) > blue(page_images(without, dpi=100)) + 20


def test_a_section_names_no_passage_it_lacks_for_the_handout(tmp_path: Path) -> None:
    from kiosk.content import BundleError

    folder = write_bundle(tmp_path)
    topic = folder / "topic.yaml"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace(
            "    - id: causes\n", "    - id: causes\n      handout: [1, 2, 1]\n"
        ),
        encoding="utf-8",
    )
    with pytest.raises(BundleError) as raised:
        load_bundle(folder, cache=BundleCache(None))
    report = raised.value.report()
    assert "'handout' names passage 2; this section has passages 1 to 1" in report
    assert "passage 1 is named twice" in report
    assert "topic.yaml:" in report


def test_render_pdf_reports_a_file_it_cannot_write(
    qapp: QApplication, tmp_path: Path, tiny: Bundle
) -> None:
    with pytest.raises(OSError):  # noqa: PT011 - any reason the system gives
        render_pdf(html_for(tiny, None), tmp_path / "no-such-folder" / "handout.pdf")


# -- printing ---------------------------------------------------------------------------


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.parametrize("kiosk", [True, False])
def test_print_to_a_pdf_printer(
    qapp: QApplication, tmp_path: Path, tiny: Bundle, evaluation: Evaluation, kiosk: bool
) -> None:
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    html = html_for(tiny, evaluation)
    assert print_handout(html, None, kiosk=kiosk, printer_name=None, printer=printer)
    assert pdf_pages(out) == 2


def test_no_printer_is_false_not_an_exception(
    qapp: QApplication, tiny: Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = html_for(tiny, None)
    assert not print_handout(html, None, kiosk=True, printer_name="no-such-printer-here")
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(list))
    assert not print_handout(html, None, kiosk=True, printer_name=None)
    assert not print_handout(html, None, kiosk=False, printer_name=None)  # no dialog either
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Office"]))
    monkeypatch.setattr(QPrinterInfo, "defaultPrinter", staticmethod(QPrinterInfo))
    assert not print_handout(html, None, kiosk=True, printer_name=None)  # no default printer


@pytest.mark.parametrize("accept", [True, False])
def test_laptop_mode_asks_with_the_print_dialog(
    qapp: QApplication,
    tmp_path: Path,
    tiny: Bundle,
    monkeypatch: pytest.MonkeyPatch,
    accept: bool,
) -> None:
    out = tmp_path / "from-dialog.pdf"
    shown: list[str] = []

    def exec_(dialog: QPrintDialog) -> int:
        shown.append(dialog.windowTitle())
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Office"]))
    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    printed = print_handout(html_for(tiny, None), None, kiosk=False, printer_name=None)
    assert shown == ["Print a handout"]
    assert printed is accept
    assert out.exists() is accept


# -- kiosk handout ------------------------------------------------------------------------


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    parser.add_argument("--content", type=Path)
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["handout", *argv])
    assert args.handler is run_handout
    result: int = args.handler(args)
    return result


def test_command_writes_the_pdf(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_bundle(tmp_path)
    answers = tmp_path / "answers.yaml"
    answers.write_text("q-chest: yes\nq-medicines: [opt-water-pill]\n", encoding="utf-8")
    out = tmp_path / "out" / "handout.pdf"
    assert (
        run(
            "--out",
            str(out),
            "--answers",
            str(answers),
            "--level",
            "clinician",
            "--locale",
            "en",
            str(folder),
        )
        == 0
    )
    assert capsys.readouterr().out == f"{out}: 2 pages\n"
    assert pdf_pages(out) == 2


def test_command_default_bundle_and_no_answers(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    write_bundle(tmp_path / "content")
    monkeypatch.delenv("QT_QPA_PLATFORM")
    assert run("--out", "handout.pdf") == 0
    assert capsys.readouterr().out == "handout.pdf: 1 page\n"
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"  # headless when it was unset


def test_command_reports_located_answer_errors(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = write_bundle(tmp_path)
    (tmp_path / "answers.yaml").write_text("q-chest: maybe\nq-nothing: yes\n", encoding="utf-8")
    assert run("--out", "h.pdf", "--answers", "answers.yaml", str(folder)) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith("answers.yaml:1:10: 'maybe' is not an answer to 'q-chest'")
    assert lines[1].startswith("answers.yaml:2:1: no question has the id 'q-nothing'")
    assert "Traceback" not in captured.err
    assert not (tmp_path / "h.pdf").exists()


def test_command_reports_located_content_errors(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = write_bundle(tmp_path)
    topic = folder / "topic.yaml"
    topic.write_text(topic.read_text().replace("[3]", "[9]"), encoding="utf-8")
    assert run("--out", "h.pdf", str(folder)) == 1
    err = capsys.readouterr().err
    assert re.search(
        r"^tiny-handout/topic\.yaml:\d+:\d+: citation \[9\] has no reference", err, re.MULTILINE
    )
    assert "Traceback" not in err


def test_command_answers_need_a_selfcheck(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_bundle(tmp_path, selfcheck=False)
    answers = tmp_path / "answers.yaml"
    answers.write_text("q-chest: yes\n", encoding="utf-8")
    assert run("--out", str(tmp_path / "h.pdf"), "--answers", str(answers), str(folder)) == 1
    assert f"{answers}:1:1: the bundle 'tiny-handout' has no self-check" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--locale", "xx"], "has no 'xx'"),
        (["--answers", "missing.yaml"], "missing.yaml: no such file"),
        (["no-such-bundle"], "no-such-bundle: no such folder"),
    ],
)
def test_command_usage_errors_exit_2(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    write_bundle(tmp_path / "content")
    assert run("--out", "h.pdf", *argv) == 2
    assert message in capsys.readouterr().err


def test_command_cannot_write_the_file(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_bundle(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert run("--out", str(blocker / "h.pdf"), str(folder)) == 1
    assert "kiosk handout: cannot write" in capsys.readouterr().err
