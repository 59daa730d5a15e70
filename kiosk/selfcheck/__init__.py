"""The offline self-check of risk factors (no Qt).

The questionnaire itself is content (``kiosk.content.model.SelfCheck``, from a bundle's
``selfcheck:`` part); this package evaluates answers (:class:`SelfCheckEngine`) and
exports FHIR R4 documents (:mod:`kiosk.selfcheck.fhir`). Never a diagnosis.
"""

from kiosk.selfcheck.engine import (
    Answer,
    Answers,
    Evaluation,
    FactorFinding,
    Reason,
    RedFlagFinding,
    SelfCheckEngine,
    condition_holds,
    rule_holds,
)

__all__ = [
    "Answer",
    "Answers",
    "Evaluation",
    "FactorFinding",
    "Reason",
    "RedFlagFinding",
    "SelfCheckEngine",
    "condition_holds",
    "rule_holds",
]
