"""The printable handout: what a visitor can take home from the kiosk.

Two pages at the chosen reading level (up to four when the self-check found warning
signs and several things that may play a part): the topic's title and short answer, the
self-check result when there is one (urgent advice first, then what may play a part and
why), when to get help, what helps (always, with its drawing), every reference cited on
the page, the review status and the disclaimer. Paper leaves the building, so the
handout holds no name, no identifier and no date of the visit: only the content's own
dates.

    html = handout_html(bundle, "patient", "en", evaluation)      # or evaluation=None
    pages = render_pdf(html, Path("handout.pdf"))                  # headless, no dialog
    printed = print_handout(html, window, kiosk=True, printer_name=None)
    images = page_images(html, dpi=100)                            # the same pages, as images

Layout keeps each urgent box and each factor whole on one page, and never leaves a
heading or a lead-in line ("See a doctor if:") at the foot of a page.

Every character of content is escaped (through :func:`kiosk.ui.richtext.to_html`);
citations print as plain "[n]", not links. Every word of the handout's own is in the
handout's language, whatever language the app's buttons are in: by default read from
the kiosk's translation for that language (:func:`kiosk.content.words.ts_translator`;
contexts "Handout", the report's "Report", the urgency scale's "Safety" and the review
sentence's "Wording"), or a test's own ``translate``. The page footer ("Page 1 of 2")
is carried by the document itself, so the pages say it in the document's language.

"What helps" is always printed: the passages the bundle marks for the handout
(``handout:`` in a section), with the figures that follow them.

``kiosk handout --out FILE.pdf [--answers FILE.yaml] [--level L] [--locale X] [BUNDLE]``
writes the handout without a screen (:func:`register`, :func:`run_handout`).

Qt is imported inside the functions that need it, so the ``kiosk`` command can register
this subcommand without loading Qt.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.markup import citations, plain_text
from kiosk.content.model import Bundle, LevelText
from kiosk.content.registry import DEFAULT_LEVEL, LEVELS
from kiosk.safety import Place, TierLook
from kiosk.ui.i18n import QT_TRANSLATE_NOOP
from kiosk.ui.richtext import CITE_SCHEME, to_html
from kiosk.ui.wording import review_text

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QPagedPaintDevice, QPaintDevice, QPainter, QTextDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from kiosk.selfcheck.engine import Evaluation
    from kiosk.selfcheck.report import Report, Said, Urgent

__all__ = [
    "PAPER_SIZES",
    "WHEN_TO_GET_HELP",
    "Translate",
    "handout_html",
    "handout_words",
    "page_images",
    "print_handout",
    "qt_translate",
    "register",
    "render_pdf",
    "run_handout",
]

Translate = Callable[[str], str]

WHEN_TO_GET_HELP = "when-to-get-help"  # the id of the section printed under its own title
PAPER_SIZES = ("A4", "Letter")
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

# Print colours: dark enough to read in black and white, marked with words as well.
_TEXT, _MUTED, _RULE = "#1a1a1a", "#4a4a4a", "#9a9a9a"
# A warning sign's card takes its tier's colours (kiosk.safety): the same on paper as on
# the screen, with the tier's icon and words in its heading band.

_BODY_PT = 11.0  # body text; headings are set in the style sheet below
_FIGURE_WIDTH = 230  # a figure's width on paper, in the document's pixels (about 6 cm)
_FOOTER_PT = 8.5
_MARGINS_MM = (18.0, 15.0, 18.0, 14.0)  # left, top, right, bottom
_RESOLUTION = 300

_STYLE = f"""
body {{ color: {_TEXT}; }}
h1 {{ font-size: 19pt; font-weight: bold; margin-top: 0px; margin-bottom: 4px; }}
h2 {{ font-size: 14pt; font-weight: bold; margin-top: 14px; margin-bottom: 6px; }}
h3 {{ font-size: 12pt; font-weight: bold; margin-top: 8px; margin-bottom: 3px; }}
p {{ margin-top: 0px; margin-bottom: 6px; }}
li {{ margin-bottom: 2px; }}
.small {{ font-size: 9.5pt; }}
"""

# A run of citation links made by to_html; content is escaped, so only to_html writes these.
_CITE_LINKS = re.compile(rf'(?:<a href="{re.escape(CITE_SCHEME)}\d+"[^>]*><b>\[\d+\]</b></a>)+')
_CITE_NUMBER = re.compile(rf"{re.escape(CITE_SCHEME)}(\d+)")


def qt_translate(text: str) -> str:
    """``text`` translated by Qt in the context "Handout" (itself when untranslated)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Handout", text)


CONTEXT = "Handout"
_PAGE_LABEL = QT_TRANSLATE_NOOP("Handout", "Page {page} of {pages}")
_PAGE_META = re.compile(r'<meta name="kiosk-page-label" content="([^"]*)">')


def handout_words(language: str | None, context: str = CONTEXT) -> Translate:
    """The kiosk's own words of ``context`` in ``language`` (English: as written), read
    from the kiosk's translation file: the handout's language, never the buttons'."""
    from kiosk.content.words import ts_translator

    return ts_translator(language or "en", context)


# -- the HTML --------------------------------------------------------------------------


def handout_html(
    bundle: Bundle,
    level: str,
    language: str | None,
    evaluation: Evaluation | None,
    translate: Translate = qt_translate,
) -> str:
    """The handout as Qt rich text (a whole HTML document), ready for :func:`render_pdf`.

    ``evaluation`` is the self-check result to print, or None for none. ``level`` is a
    reading level the bundle provides; ``language`` one of its languages (None: the
    first).
    """
    return Handout(bundle, str(level), language, translate).document(evaluation)


def _print_citations(html: str) -> str:
    """to_html's citation links as plain "[1, 2]" (paper has no links)."""
    return _CITE_LINKS.sub(lambda m: "[" + ", ".join(_CITE_NUMBER.findall(m.group(0))) + "]", html)


def _one_line(text: str) -> str:
    return " ".join(plain_text(text).split())


def _tag(tag: str, words: str) -> str:
    """``words`` (plain text) escaped, in an HTML element."""
    return f"<{tag}>{escape(words)}</{tag}>"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".?!:" else text + "."


class Handout:
    """Builds the HTML and remembers every reference it cites.

    Named for its translation context: lupdate files each ``self.tr("...")`` below under
    the class's name, and :func:`qt_translate` looks the words up there.
    """

    def __init__(self, bundle: Bundle, level: str, language: str | None, tr: Translate) -> None:
        self.bundle = bundle
        self.level = level
        self.language = language
        self.own_words = tr is qt_translate  # the kiosk's translation, not a test's
        language_code = language or bundle.languages[0]
        self.tr = handout_words(language_code) if self.own_words else tr
        self.cited: set[int] = set()

    def words(self, context: str) -> Translate:
        """The words of another context (the report's, the urgency scale's, the review
        sentence's) in the handout's language, or the test's own ``translate``."""
        if not self.own_words:
            return self.tr
        return handout_words(self.language or self.bundle.languages[0], context)

    # text helpers
    def text(self, value: LevelText) -> str:
        return self.bundle.level_text(value, self.level, self.language)

    def content(self, text: str) -> str:
        """Content markup as escaped rich text, citations as "[n]" (and remembered)."""
        self.cited.update(number for number, _ in citations(text))
        return _print_citations(to_html(text))

    def label(self, value: LevelText) -> str:
        """A short content text (a title, a question, an option) on one line, escaped."""
        return escape(_one_line(self.text(value)))

    # the document
    def document(self, evaluation: Evaluation | None) -> str:
        bundle = self.bundle
        topic = bundle.topic
        title = _one_line(self.text(topic.title))
        parts = [f"<h1>{escape(title)}</h1>"]
        parts.append(_tag("h2", self.tr("The short answer")))
        parts.append(self.content(self.text(topic.summary)))
        if evaluation is not None:
            parts.append(self.selfcheck(evaluation))
        parts.append(self.when_to_get_help())
        parts.append(self.what_helps())
        about = self.about()  # before the references: it may cite too
        parts.append(self.references())
        parts.append(about)
        lang = escape(self.language or bundle.languages[0], quote=True)
        page_label = escape(self.tr(_PAGE_LABEL), quote=True)
        return (
            f'<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="kiosk-page-label" content="{page_label}">'
            f'<style type="text/css">{_STYLE}</style></head><body>'
            + "".join(parts)
            + "</body></html>"
        )

    def selfcheck(self, evaluation: Evaluation) -> str:
        """The self-check's report (:mod:`kiosk.selfcheck.report`, the screen's words)."""
        from kiosk.selfcheck.report import CONTEXT, build_report

        # the report's words are its own context's ("Report"), in the handout's language,
        # unless the handout was given a translate of its own (a test's)
        translate = self.words(CONTEXT)
        report = build_report(
            self.bundle,
            evaluation,
            self.level,
            self.language,
            translate,
            place=Place.HOME,
            translate_safety=self.safety_words(),
        )
        parts = [_tag("h2", self.tr("Your self-check"))]
        for tier in report.by_tier():  # one care card per tier, most urgent first
            signs = "".join(
                self.sign(item, self.because(report, item.because), index)
                for index, item in enumerate(tier.signs)
            )
            parts.append(self._card(tier.look, tier.action, signs))
        if report.factors:
            parts.append(_tag("h3", report.words.may_play_a_part))
        elif not report.urgent:
            parts.append(_tag("p", report.words.nothing_found))
        helps = escape(report.words.may_help)
        for factor in report.factors:
            parts.append(
                '<table width="100%" cellspacing="0" cellpadding="0" '
                'style="margin-top:4px; margin-bottom:8px;"><tr>'
                f'<td width="4" bgcolor="{_RULE}"></td><td width="10"></td><td>'
                f'<p style="margin-bottom:3px;"><b>{escape(_one_line(factor.name))}</b></p>'
                + self.because(report, factor.because)
                + f'<p style="margin-bottom:2px;"><b>{helps}</b></p>'
                + self.content(factor.helps)
                + "</td></tr></table>"
            )
        words = report.words
        parts.append(
            f"<p><b>{escape(words.not_a_diagnosis)}</b> {escape(words.based_on_answers)}</p>"
        )
        return "".join(parts)

    def safety_words(self) -> Translate:
        """The urgency scale's words (context "Safety"), or a test's own translate."""
        from kiosk.safety import CONTEXT as SAFETY

        return self.words(SAFETY)

    def sign(self, item: Urgent, because: str, index: int = 0) -> str:
        """One warning sign raised, in its tier's card: its name, its advice (and its
        sources where the advice does not cite them), the "not sure" advice if that was
        the answer, and why it was raised."""
        cited = {n for n, _ in citations(item.advice)}
        missing = [n for n in item.sources if n not in cited]
        self.cited.update(item.sources)
        word = self.tr("Source:")
        numbers = ", ".join(f"[{n}]" for n in missing)
        source = f"<p>{escape(word)} {numbers}</p>" if missing else ""
        unsure = f"<p><b>{escape(item.action)}</b></p>" if item.unsure else ""
        rule = '<hr style="margin-top:2px; margin-bottom:6px;">' if index else ""
        return (
            f'{rule}<p style="margin-bottom:2px;"><b>{escape(_one_line(item.name))}</b></p>'
            f"{unsure}{self.content(item.advice)}{source}{because}"
        )

    @staticmethod
    def _card(look: TierLook, action: str, body: str) -> str:
        """A care card on paper: the tier's band (icon and words, white on its colour, so
        that it reads the same in black and white), what to do, then ``body``."""
        return (
            f'<table width="100%" cellspacing="0" cellpadding="6" border="1" '
            f'style="border-color:{look.edge}; border-style:solid; border-collapse:collapse; '
            f'margin-top:4px; margin-bottom:8px;">'
            f'<tr><td bgcolor="{look.band}" style="border-color:{look.edge};">'
            f'<p style="font-size:12pt; font-weight:bold; color:#ffffff; margin:0px;">'
            f"{escape(look.title)}</p></td></tr>"
            f'<tr><td style="border-color:{look.edge};">'
            f'<p style="font-weight:bold; margin-bottom:3px;">{escape(action)}</p>'
            f"{body}</td></tr></table>"
        )

    def because(self, report: Report, said: tuple[Said, ...]) -> str:
        """The "because you said" lines: one per question (never a question id)."""
        lines: list[str] = []
        for line in said:
            question = escape(_one_line(line.question))
            answers = [escape(_one_line(a)) for a in line.answers]
            if len(answers) == 1:
                # no-break spaces: the dash and the answer never start a line on their own
                lines.append(f"{question}&#160;—&#160;<b>{answers[0]}</b>")
            elif answers:  # several options: one a line
                chosen = "".join(f"<br><b>{a}</b>" for a in answers)
                lines.append(f"{question}{chosen}")
        said_words = escape(report.words.because)
        if len(lines) == 1 and "<br>" not in lines[0]:
            return f"<p>{said_words} {lines[0]}</p>"
        if not lines:
            return ""
        items = "".join(f"<li>{line}</li>" for line in lines)
        return (
            f'<p style="margin-bottom:2px;">{said_words}</p>'
            f'<ul style="margin-top:0px; margin-bottom:6px;">{items}</ul>'
        )

    def when_to_get_help(self) -> str:
        """Every warning sign of the topic, one card per tier, most urgent first: what to
        do at home (who to call, and when to call the emergency number), then the signs
        by name, with their sources. The section's own passages repeat the same signs in
        prose, for the screen; on paper the cards say it once."""
        from kiosk.safety import TIERS, tier_look

        section = self.bundle.section(WHEN_TO_GET_HELP)
        if section is None:
            return ""
        safety = self.safety_words()
        cards = []
        for tier in TIERS:
            signs = [sign for sign in self.bundle.signs if sign.tier is tier]
            if not signs:
                continue
            look = tier_look(tier, safety)
            names = "".join(f"<li>{escape(_one_line(self.text(s.name)))}</li>" for s in signs)
            sources = sorted({n for sign in signs for n in sign.sources})
            self.cited.update(sources)
            word = self.tr("Sources:")
            numbers = ", ".join(f"[{n}]" for n in sources)
            source = f"<p>{escape(word)} {numbers}</p>" if sources else ""
            listed = f'<ul style="margin-top:2px; margin-bottom:2px;">{names}</ul>{source}'
            cards.append(self._card(look, look.action(Place.HOME), listed))
        if not cards:  # a topic without warning signs: its passages
            passages = "".join(self.content(self.text(p)) for p in section.passages)
            return f"<h2>{self.label(section.title)}</h2>{passages}"
        return f"<h2>{self.label(section.title)}</h2>{''.join(cards)}"

    def what_helps(self) -> str:
        """What helps, whatever the self-check found: the passages each section marks
        for the handout, under the section's title, each followed by its figures."""
        parts: list[str] = []
        for section in self.bundle.topic.sections:
            if not section.handout:
                continue
            parts.append(f"<h3>{self.label(section.title)}</h3>")
            last = len(section.passages)
            for number in sorted(set(section.handout)):
                passage = self.content(self.text(section.passages[number - 1]))
                figures = "".join(
                    self.figure(figure.asset)
                    for figure in section.figures
                    if (figure.after or last) == number
                )
                if not figures:
                    parts.append(passage)
                    continue
                # the picture beside its steps: one box, never split by a page break
                parts.append(
                    '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
                    f'<td width="58%" valign="top">{passage}</td><td width="4%"></td>'
                    f'<td width="38%" valign="top">{figures}</td></tr></table>'
                )
        if not parts:
            return ""
        return _tag("h2", self.tr("What helps")) + "".join(parts)

    def figure(self, asset_id: str) -> str:
        """A picture on paper, its alt text (in the handout's language) under it."""
        path = self.bundle.asset_path(asset_id)
        asset = self.bundle.asset(asset_id)
        if path is None or asset is None:
            return ""
        from PySide6.QtCore import QUrl

        url = escape(QUrl.fromLocalFile(str(path)).toString(), quote=True)
        caption = _one_line(self.bundle.text(asset.alt, self.language)) if asset.alt else ""
        return (
            f'<p style="margin-top:4px; margin-bottom:2px;">'
            f'<img src="{url}" width="{_FIGURE_WIDTH}"></p>'
            f'<p class="small" style="margin-bottom:8px;">{escape(caption)}</p>'
        )

    def references(self) -> str:
        lines = []
        for number in sorted(self.cited):
            ref = self.bundle.reference(number)
            if ref is None:
                continue
            title = self.bundle.text(ref.title, self.language)
            words = [f"<b>[{ref.number}]</b> {escape(_sentence(title))}"]
            details = [d for d in (ref.publisher, str(ref.year) if ref.year else None) if d]
            if details:
                words.append(escape(_sentence(", ".join(details))))
            if ref.note:
                note = " ".join(plain_text(self.bundle.text(ref.note, self.language)).split())
                words.append(escape(_sentence(note)))
            if ref.url:
                words.append(escape(ref.url))
            lines.append(f'<p class="small" style="margin-bottom:3px;">{" ".join(words)}</p>')
        if not lines:
            return ""
        return _tag("h2", self.tr("References")) + "".join(lines)

    def about(self) -> str:
        bundle = self.bundle
        updated = self.tr("Last updated: {date}").format(date=bundle.metadata.updated.isoformat())
        # the review sentence is shared wording (context "Wording"): Qt's, unless the
        # handout was given a translate of its own
        from kiosk.ui.wording import CONTEXT as WORDING

        status = escape(review_text(bundle, self.words(WORDING)))
        if bundle.needs_review_caution:
            pending = escape(self.tr("Pending human review"))
            status = f"<b>⚠ {pending}.</b> {status}"
        disclaimer = self.content(
            bundle.level_text(bundle.metadata.disclaimer, self.level, self.language)
        )
        note = escape(self.tr("Please note:"))
        return (
            _tag("h2", self.tr("About this information"))
            + f"<p>{status} {escape(updated)}</p>"
            + f'<p style="margin-bottom:2px;"><b>{note}</b></p>{disclaimer}'
        )


# -- paper -----------------------------------------------------------------------------

_apps: list[Any] = []  # the QGuiApplication made here, if any: kept alive


def _ensure_gui_application() -> None:
    """A QGuiApplication for fonts and painting, unless an application already exists."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    if QCoreApplication.instance() is None:
        _apps.append(QGuiApplication(sys.argv[:1]))


@dataclass
class _Pages:
    """The handout laid out on one paint device, in its pixels: body, then a footer."""

    doc: QTextDocument
    width: float
    height: float  # the whole printable height
    body_height: float  # of each page's text; the footer takes the rest
    footer_font: Any
    page_label: str  # "Page {page} of {pages}", in the document's language

    @classmethod
    def lay_out(
        cls, html: str, device: QPaintDevice, size: tuple[float, float], translate: Translate
    ) -> _Pages:
        """``html`` laid out for ``device``, on pages whose printable area is ``size``
        (in the device's pixels)."""
        from PySide6.QtCore import QSizeF
        from PySide6.QtGui import QFont, QFontMetricsF, QTextDocument

        doc = QTextDocument()
        doc.setDocumentMargin(0)
        layout = doc.documentLayout()
        layout.setPaintDevice(device)
        doc.setDefaultFont(_font(_BODY_PT))
        _add_drawings(doc, html, device)
        doc.setHtml(html)
        _exact_heading_sizes(doc)
        footer_font = QFont(_font(_FOOTER_PT), device)
        footer = QFontMetricsF(footer_font, device).height() * 2.2
        width, height = size
        doc.setPageSize(QSizeF(width, height - footer))
        _keep_together(doc, height - footer)
        label = _PAGE_META.search(html)
        page_label = unescape(label.group(1)) if label else translate(_PAGE_LABEL)
        return cls(doc, width, height, height - footer, footer_font, page_label)

    @property
    def count(self) -> int:
        return self.doc.pageCount()

    def paint(self, painter: QPainter, index: int) -> None:
        from PySide6.QtCore import QPointF, QRectF, Qt
        from PySide6.QtGui import QColor, QPen, QTextDocument

        top = index * self.body_height
        painter.save()
        painter.translate(0, -top)
        self.doc.drawContents(painter, QRectF(0, top, self.width, self.body_height))
        painter.restore()
        footer = QRectF(0, self.body_height, self.width, self.height - self.body_height)
        painter.save()
        painter.setPen(QPen(QColor(_RULE), max(1.0, self.width / 2000)))
        line_y = footer.top() + footer.height() * 0.35
        painter.drawLine(QPointF(0, line_y), QPointF(self.width, line_y))
        painter.setPen(QColor(_MUTED))
        painter.setFont(self.footer_font)
        title = self.doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
        bottom = Qt.AlignmentFlag.AlignBottom
        painter.drawText(footer, bottom | Qt.AlignmentFlag.AlignLeft, title)
        page = self.page_label.format(page=index + 1, pages=self.count)
        painter.drawText(footer, bottom | Qt.AlignmentFlag.AlignRight, page)
        painter.restore()


_IMAGE = re.compile(r'<img src="([^"]+\.svg)" width="(\d+)"')


def _add_drawings(doc: QTextDocument, html: str, device: QPaintDevice) -> None:
    """Each SVG figure drawn for ``device`` at its own resolution (Qt would draw a
    drawing at its nominal size, then blow the picture up on paper)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QPainter, QTextDocument
    from PySide6.QtSvg import QSvgRenderer

    for match in _IMAGE.finditer(html):
        url = QUrl(unescape(match.group(1)))
        if not Path(url.toLocalFile()).is_file():
            continue
        renderer = QSvgRenderer(url.toLocalFile())
        size = renderer.defaultSize()
        if not renderer.isValid() or size.isEmpty():
            continue
        # the document's pixels are the device's: draw at the width printed, or sharper
        width = max(int(match.group(2)) * 2, size.width())
        height = round(width * size.height() / size.width())
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        doc.addResource(QTextDocument.ResourceType.ImageResource, url, image)


def _exact_heading_sizes(doc: QTextDocument) -> None:
    """Headings at the sizes the style sheet gives: Qt would enlarge them once more."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    adjustment = QTextFormat.Property.FontSizeAdjustment
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                fmt = fragment.charFormat()
                if fmt.hasProperty(adjustment) and fmt.fontPointSize() > 0:
                    fmt.clearProperty(adjustment)
                    cursor = QTextCursor(doc)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(fmt)
                fragments += 1
        block = block.next()


def _keep_together(doc: QTextDocument, page_height: float) -> None:
    """Move to the next page each box (table) that a page break would cut, and each
    heading or lead-in line (ending in ":") that would end a page, away from its text."""
    for _ in range(100):  # one move a pass; a move only pushes text down
        doc.pageCount()  # lays the document out again
        if not (_move_cut_box(doc, page_height) or _move_stranded_lead(doc, page_height)):
            return


def _is_lead(block: Any) -> bool:
    """A heading, or a lead-in line ending in ":", outside a table: it belongs with what
    follows it."""
    from PySide6.QtGui import QTextCursor

    if not block.isValid() or QTextCursor(block).currentTable() is not None:
        return False
    return bool(block.blockFormat().headingLevel()) or block.text().rstrip().endswith(":")


def _start_page_at_leads(block: Any) -> bool:
    """Start a page at ``block``, a lead, or at the first of the leads right above it
    (a heading above a lead-in line), and nowhere else in that run; False when that
    run already starts a page (then moving it again would gain nothing)."""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextFormat

    run = [block]
    while _is_lead(run[0].previous()):  # a table's last cell is no lead: it stops there
        run.insert(0, run[0].previous())
    always = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    if run[0].blockFormat().pageBreakPolicy() & always:
        return False
    for index, member in enumerate(run):
        fmt = QTextBlockFormat()
        fmt.setPageBreakPolicy(always if index == 0 else QTextFormat.PageBreakFlag.PageBreak_Auto)
        QTextCursor(member).mergeBlockFormat(fmt)
    return True


def _move_cut_box(doc: QTextDocument, page_height: float) -> bool:
    from PySide6.QtGui import QTextFormat

    layout = doc.documentLayout()
    for frame in doc.rootFrame().childFrames():
        rect = layout.frameBoundingRect(frame)
        first, last = int(rect.top() // page_height), int((rect.bottom() - 1) // page_height)
        fmt = frame.frameFormat()
        if first != last and rect.height() < page_height * 0.6 and not fmt.pageBreakPolicy():
            # the heading or lead-in line right above the box goes with it: a break on
            # the box alone would leave it behind, and moving it after would empty a page
            before = doc.findBlock(frame.firstPosition() - 1)
            if _is_lead(before):
                if _start_page_at_leads(before):
                    return True
                continue  # its heading already starts a page: too big to move
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFrameFormat(fmt)
            return True
    return False


def _move_stranded_lead(doc: QTextDocument, page_height: float) -> bool:
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        if _is_lead(block) and not block.blockFormat().pageBreakPolicy():
            rect = layout.blockBoundingRect(block)
            room = (rect.top() // page_height + 1) * page_height - rect.bottom()
            starts_page = rect.top() % page_height < 1
            if not starts_page and room < rect.height() * 2.5 and _start_page_at_leads(block):
                return True
        block = block.next()
    return False


def _font(points: float) -> Any:
    from PySide6.QtGui import QFont

    font = QFont()
    font.setFamilies(["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica"])
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    return font


def _set_margins(device: QPagedPaintDevice) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout

    device.setPageMargins(QMarginsF(*_MARGINS_MM), QPageLayout.Unit.Millimeter)


def _paint_all(html: str, device: QPagedPaintDevice, translate: Translate) -> int:
    """Every page of the handout on ``device``; the page count (0 if it cannot paint)."""
    from PySide6.QtGui import QPainter

    size = (float(device.width()), float(device.height()))
    pages = _Pages.lay_out(html, device, size, translate)
    painter = QPainter()
    if not painter.begin(device):
        return 0
    try:
        for index in range(pages.count):
            if index:
                device.newPage()
            pages.paint(painter, index)
    finally:
        painter.end()
    return pages.count


def _title_of(html: str) -> str:
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(html)
    return doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle)


def render_pdf(
    html: str, path: Path | str, *, paper: str = "A4", translate: Translate = qt_translate
) -> int:
    """Write the handout to a PDF at ``path`` (300 dpi, ``paper`` A4 or Letter); the
    page count. Needs no screen; makes a QGuiApplication only if no application exists.
    Raises OSError when the file cannot be written."""
    from PySide6.QtGui import QPageSize, QPdfWriter

    size = _page_size(paper)
    _ensure_gui_application()
    target = Path(path)
    with target.open("wb"):  # fail here, with the reason, rather than in Qt
        pass
    writer = QPdfWriter(str(target))
    writer.setResolution(_RESOLUTION)
    writer.setPageSize(QPageSize(size))
    _set_margins(writer)
    writer.setTitle(_title_of(html))
    writer.setCreator("kiosk")
    pages = _paint_all(html, writer, translate)
    del writer  # finishes the file
    if pages == 0:
        raise OSError(f"cannot write a PDF to {target}")
    return pages


def page_images(
    html: str, *, dpi: int = 100, paper: str = "A4", translate: Translate = qt_translate
) -> list[QImage]:
    """The handout's pages as white images at ``dpi``, laid out and painted as
    :func:`render_pdf` does (for a preview, or a picture where no PDF reader exists)."""
    from PySide6.QtCore import QMarginsF, Qt
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter

    _ensure_gui_application()
    size = _page_size(paper)
    layout = QPageLayout(
        QPageSize(size),
        QPageLayout.Orientation.Portrait,
        QMarginsF(*_MARGINS_MM),
        QPageLayout.Unit.Millimeter,
    )
    full, body = layout.fullRectPixels(dpi), layout.paintRectPixels(dpi)
    dots_per_metre = round(dpi / 0.0254)

    def blank() -> QImage:
        image = QImage(full.size(), QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(Qt.GlobalColor.white)
        return image

    probe = blank()  # the layout measures text for this resolution
    pages = _Pages.lay_out(html, probe, (float(body.width()), float(body.height())), translate)
    images = []
    for index in range(pages.count):
        image = blank()
        painter = QPainter(image)
        painter.translate(body.topLeft())
        pages.paint(painter, index)
        painter.end()
        images.append(image)
    return images


def _page_size(paper: str) -> Any:
    from PySide6.QtGui import QPageSize

    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    return QPageSize.PageSizeId.A4 if paper == "A4" else QPageSize.PageSizeId.Letter


def print_handout(
    html: str,
    parent: QWidget | None,
    *,
    kiosk: bool,
    printer_name: str | None,
    printer: QPrinter | None = None,
    translate: Translate = qt_translate,
) -> bool:
    """Print the handout; True once it has gone to the printer.

    Laptop mode asks with the print dialog (False if cancelled); kiosk mode prints with
    no dialog to ``printer_name``, or to the default printer when None. False, never an
    exception, when there is no printer (or the named one does not exist): the caller
    says so. ``printer`` (e.g. a QPrinter set to PdfFormat with an output file) is used
    as it is, with no dialog and no look-up.
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
    from PySide6.QtWidgets import QDialog

    if printer is None:
        if not QPrinterInfo.availablePrinterNames():
            return False
        if kiosk:
            info = (
                QPrinterInfo.printerInfo(printer_name)
                if printer_name
                else QPrinterInfo.defaultPrinter()
            )
            if info.isNull():
                return False
            printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        else:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if printer_name and not QPrinterInfo.printerInfo(printer_name).isNull():
                printer.setPrinterName(printer_name)
            dialog = QPrintDialog(printer, parent)
            dialog.setWindowTitle(translate(QT_TRANSLATE_NOOP("Handout", "Print a handout")))
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            dialog.deleteLater()
            if not accepted:
                return False
    _set_margins(printer)
    printer.setDocName(_title_of(html))
    if _paint_all(html, printer, translate) == 0:
        return False
    return printer.printerState() is not QPrinter.PrinterState.Error


# -- the command -----------------------------------------------------------------------


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``handout`` to the main parser's ``subparsers``; it sets ``handler``.

    The command runs headless: :func:`run_handout` sets ``QT_QPA_PLATFORM=offscreen``
    when it is unset (not here, so that the app itself keeps its screen).
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "handout",
        help="write the printable handout as a PDF (no screen needed)",
        description="Write the printable handout of a bundle as a PDF, with the result "
        "of a file of self-check answers if one is given.",
    )
    from kiosk.selfcheck.commands import add_bundle_argument  # imports no Qt

    add_bundle_argument(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    parser.add_argument(
        "--answers",
        type=Path,
        metavar="FILE.yaml",
        help="self-check answers: question id -> answer (see kiosk selfcheck)",
    )
    parser.add_argument(
        "--level",
        choices=LEVELS.codes,
        help=f"reading level (default: {DEFAULT_LEVEL}, if the bundle has it)",
    )
    parser.add_argument("--locale", metavar="X", help="content language (default: the first)")
    parser.add_argument(
        "--paper", choices=PAPER_SIZES, default="A4", help="paper size (default: A4)"
    )
    parser.set_defaults(handler=run_handout)
    return parser


def _fail(message: str) -> None:
    print(f"kiosk handout: {message}", file=sys.stderr)


def _evaluate(args: argparse.Namespace, bundle: Bundle) -> Evaluation | int | None:
    """The evaluation of ``--answers`` (None without it), or the exit code."""
    from kiosk.content import BundleError, ContentError

    answers_path: Path | None = getattr(args, "answers", None)
    if answers_path is None:
        return None
    if not answers_path.is_file():
        _fail(f"{answers_path}: no such file")
        return EXIT_USAGE
    selfcheck = bundle.document.selfcheck
    if selfcheck is None:
        print(
            ContentError.at_file(
                answers_path,
                f"the bundle '{bundle.id}' has no self-check to answer; leave out --answers",
            ),
            file=sys.stderr,
        )
        return EXIT_CONTENT
    from kiosk.selfcheck.answers import load_answers
    from kiosk.selfcheck.engine import SelfCheckEngine

    try:
        answers = load_answers(answers_path, selfcheck)
    except BundleError as exc:
        print(exc.report(), file=sys.stderr)
        _fail(f"{answers_path}: {len(exc.errors)} problem(s)")
        return EXIT_CONTENT
    return SelfCheckEngine(selfcheck, bundle.signs).evaluate(answers)


def run_handout(args: argparse.Namespace) -> int:
    """``kiosk handout``: write the PDF, print its path and page count; the exit code
    (0 written, 1 content or answers problems, 2 usage). Problems go to standard error
    as ``file:line:col: message`` lines, never as a traceback."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.selfcheck.commands import load_bundle_argument

    loaded = load_bundle_argument(args, "kiosk handout")
    if isinstance(loaded, int):
        return loaded
    bundle = loaded
    levels = [str(level) for level in bundle.reading_levels]
    level: str = getattr(args, "level", None) or (
        DEFAULT_LEVEL if DEFAULT_LEVEL in levels else levels[0]
    )
    if level not in levels:
        _fail(f"the bundle '{bundle.id}' has no '{level}' level (it has: {', '.join(levels)})")
        return EXIT_USAGE
    language: str | None = getattr(args, "locale", None)
    if language is not None and language not in bundle.languages:
        _fail(
            f"the bundle '{bundle.id}' has no '{language}' (it has: {', '.join(bundle.languages)})"
        )
        return EXIT_USAGE
    evaluation = _evaluate(args, bundle)
    if isinstance(evaluation, int):
        return evaluation
    out: Path = args.out
    _ensure_gui_application()
    html = handout_html(bundle, level, language or bundle.languages[0], evaluation)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        pages = render_pdf(html, out, paper=getattr(args, "paper", "A4"))
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
        return EXIT_CONTENT
    print(f"{out}: {pages} page{'s' if pages != 1 else ''}")
    return EXIT_OK
