"""The visit: one visitor's choices and answers, as a model that views listen to (no Qt).

napari keeps its viewer's state in a Qt-free ``ViewerModel``; here :class:`Visit` holds
everything that belongs to one visitor, and every screen is a view of it. "Start over"
and the idle reset throw the visit away with every widget built for it: a wipe cannot
forget a field, because nothing else holds one.

    visit = Visit(default_language="en")
    visit.events.level.connect(print)
    visit.set_level("clinician")          # prints "clinician"
    visit.answer("night", "yes")
    report = build_report(bundle, engine.evaluate(visit.answers), visit.reading_level,
                          visit.language)   # kiosk.selfcheck.report

The closed sets it draws on (reading levels, languages) are declared once, in
:mod:`kiosk.content.registry`, and re-exported here.
"""

from kiosk.content.registry import (
    DEFAULT_LANGUAGE,
    DEFAULT_LEVEL,
    LANGUAGES,
    LEVELS,
    Language,
    Level,
)
from kiosk.visit._events import Event
from kiosk.visit._model import TEXT_SCALES, Visit, VisitEvents

__all__ = [
    "DEFAULT_LANGUAGE",
    "DEFAULT_LEVEL",
    "LANGUAGES",
    "LEVELS",
    "TEXT_SCALES",
    "Event",
    "Language",
    "Level",
    "Visit",
    "VisitEvents",
]
