"""Content bundles: the typed model, the YAML loader with located errors, and the lint.

No Qt here (an import-linter contract enforces it). Typical use::

    from kiosk.content import load_bundle, BundleError
    try:
        bundle = load_bundle(Path("content/muscle-cramps"))
    except BundleError as exc:
        for error in exc.errors:      # ContentError(file, line, column, message)
            print(error)              # content/muscle-cramps/topic.yaml:12:7: ...
"""

from kiosk.content.errors import BundleError, ContentError
from kiosk.content.library import LIBRARY_FILE, Entry, EntryStatus, Library, load_library
from kiosk.content.loader import BundleCache, find_bundles, load_bundle
from kiosk.content.model import (
    YES_NO_ANSWERS,
    Ask,
    Asset,
    Bundle,
    BundleDocument,
    Condition,
    CuratedAnswer,
    Factor,
    Figure,
    Intent,
    LevelText,
    Medicine,
    Metadata,
    Option,
    Question,
    QuestionKind,
    ReadingLevel,
    RedFlag,
    Reference,
    Review,
    ReviewStatus,
    Rule,
    Section,
    SelfCheck,
    Sign,
    Spelling,
    Synonym,
    Text,
    Topic,
    Urgency,
)
from kiosk.content.state import ContentState, load_content

__all__ = [
    "LIBRARY_FILE",
    "YES_NO_ANSWERS",
    "Ask",
    "Asset",
    "Bundle",
    "BundleCache",
    "BundleDocument",
    "BundleError",
    "Condition",
    "ContentError",
    "ContentState",
    "CuratedAnswer",
    "Entry",
    "EntryStatus",
    "Factor",
    "Figure",
    "Intent",
    "LevelText",
    "Library",
    "Medicine",
    "Metadata",
    "Option",
    "Question",
    "QuestionKind",
    "ReadingLevel",
    "RedFlag",
    "Reference",
    "Review",
    "ReviewStatus",
    "Rule",
    "Section",
    "SelfCheck",
    "Sign",
    "Spelling",
    "Synonym",
    "Text",
    "Topic",
    "Urgency",
    "find_bundles",
    "load_bundle",
    "load_content",
    "load_library",
]
