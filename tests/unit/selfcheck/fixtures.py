"""A small, self-contained bundle with a self-check, written to a folder by tests.

Its self-check has every shape the exports must handle: yes/no, single and multiple
choice questions; ``show_if`` with ``all:`` (two conditions), ``any:`` with
``answered: true``, and one condition; red flags (``now`` and ``soon``) whose questions
the engine asks first; help text; citation markers in the text.

Question order as written: where, exercise, heat, medicines, started, long.
Order the engine asks them: where, long (red-flag questions), then exercise, heat,
medicines, started.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content import Bundle, BundleCache, load_bundle

BUNDLE = """\
metadata:
  id: cramps-lite
  title: Cramps, briefly
  version: "2.1.0"
  languages: [en]
  reading_levels: [patient, clinician]
  review:
{review}  updated: 2025-08-04
  editorial_policy: Written from the cited sources.
  disclaimer:
    patient: Not a diagnosis.
    clinician: For professionals.
"""

TOPIC = """\
topic:
  title:
    patient: Why cramps happen
    clinician: Causes of cramps
  summary:
    patient: Tired muscles can cramp. [1]
    clinician: Fatigue alters neuromuscular control [1, 2].
  sections:
    - id: causes
      title:
        patient: What causes cramps
        clinician: Causes
      passages:
        - patient: A tired muscle can cramp. [1]
          clinician: Fatigue is central [1].
    - id: fluids
      title:
        patient: Heat and fluids
        clinician: Heat and fluid balance
      passages:
        - patient: Heavy sweating can lead to cramps. [2]
          clinician: Fluid and electrolyte loss [2].
    - id: medicines
      title:
        patient: Medicines
        clinician: Drug-induced cramps
      passages:
        - patient: Some medicines can cause cramps. [2]
          clinician: Diuretics and statins [2].
"""

REFERENCES = """\
references:
  - number: 1
    title: First source
  - number: 2
    title: Second source
"""

SELFCHECK = """\
selfcheck:
  title:
    patient: Check your cramps [1]
    clinician: Cramp risk factors
  intro:
    patient: |
      A few questions.

      Not a diagnosis.
    clinician: A brief questionnaire [1, 2].
  questions:
    - id: where
      kind: single
      text:
        patient: Where are the cramps?
        clinician: Site of the cramps?
      options:
        - id: legs
          text: {patient: In my legs, clinician: Legs}
        - id: chest
          text: {patient: In my chest, clinician: Chest}
    - id: exercise
      kind: yes_no
      text:
        patient: Did you exercise hard today? [1]
        clinician: Recent strenuous exercise [1]?
      help:
        patient: For example running or lifting. [1]
        clinician: Any unaccustomed exertion.
    - id: heat
      kind: yes_no
      text:
        patient: Was it hot?
        clinician: Exercise in the heat?
      show_if:
        all:
          - question: exercise
            answer: yes
          - question: where
            answer: legs
    - id: medicines
      kind: multiple
      text:
        patient: Do you take any of these medicines?
        clinician: Current medicines?
      options:
        - id: diuretic
          text: {patient: A water pill, clinician: Diuretic}
        - id: statin
          text: {patient: A statin, clinician: Statin}
    - id: started
      kind: yes_no
      text:
        patient: Did the cramps start after a new medicine or the heat?
        clinician: Onset after a new drug or heat exposure?
      show_if:
        any:
          - question: medicines
            answered: true
          - question: heat
            answer: yes
    - id: long
      kind: yes_no
      text:
        patient: Did a cramp last more than 10 minutes?
        clinician: Cramp longer than 10 minutes?
      show_if:
        any:
          - question: where
            answer: legs
  red_flags:
    - sign: chest-pain
      when:
        any:
          - question: where
            answer: chest
    - sign: long-cramp
      when:
        any:
          - question: long
            answer: yes
  factors:
    - id: fatigue
      name: {patient: Tired muscles, clinician: Muscle fatigue}
      when:
        any:
          - question: exercise
            answer: yes
      sections: [causes]
      helps:
        patient: Rest and stretch. [1]
        clinician: Rest and stretching [1].
    - id: heat
      name: {patient: Heat, clinician: Heat exposure}
      when:
        all:
          - question: exercise
            answer: yes
          - question: heat
            answer: yes
      sections: [fluids, causes]
      helps:
        patient: Cool off and drink water. [2]
        clinician: Cooling and fluids [2].
    - id: diuretic
      name: {patient: A water pill, clinician: Diuretic use}
      when:
        any:
          - question: medicines
            answer: diuretic
      sections: [medicines]
      helps:
        patient: Ask your doctor about your medicines. [2]
        clinician: Review the drug list [2].
signs:
  - id: chest-pain
    tier: urgent
    sources: [2]
    name: {patient: Cramps in the chest, clinician: Chest cramps}
    advice:
      patient: Tell staff now. [2]
      clinician: Urgent assessment [2].
  - id: long-cramp
    tier: soon
    sources: [2]
    name: {patient: A long cramp, clinician: Prolonged cramp}
    advice:
      patient: See a doctor in the next few days. [2]
      clinician: Review within days [2].
"""

QUESTIONS = ("where", "exercise", "heat", "medicines", "started", "long")
ASKED_ORDER = ("where", "long", "exercise", "heat", "medicines", "started")


def write_bundle(
    root: Path, *, selfcheck: bool = True, review: str = "submitted", name: str = "cramps-lite"
) -> Path:
    """Write the bundle's files into ``root/name`` and return that folder."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    review_block = f"    status: {review}\n"
    if review == "approved":
        review_block += "    reviewer: Dr. A. Example\n    date: 2025-08-10\n"
    texts = {
        "bundle.yaml": BUNDLE.format(review=review_block),
        "topic.yaml": TOPIC,
        "references.yaml": REFERENCES,
    }
    if selfcheck:
        texts["selfcheck.yaml"] = SELFCHECK
    for file_name, text in texts.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    return folder


def make_bundle(root: Path, *, selfcheck: bool = True, review: str = "submitted") -> Bundle:
    """Write the bundle into ``root`` and load it (no cache)."""
    return load_bundle(
        write_bundle(root, selfcheck=selfcheck, review=review), cache=BundleCache(None)
    )
