"""A minimal valid bundle, as file texts, that error tests break one piece at a time."""

BUNDLE = """\
metadata:
  id: tiny
  title: Tiny topic
  version: "1.0"
  languages: [en]
  reading_levels: [patient, clinician]
  review:
    status: submitted
  updated: 2025-08-04
  editorial_policy: Written from the cited source.
  disclaimer:
    patient: Not a diagnosis.
    clinician: For professionals.
"""

TOPIC = """\
topic:
  title:
    patient: Why it happens
    clinician: Causes
  summary:
    patient: Tired muscles can cramp. [1]
    clinician: Fatigue alters neuromuscular control [1, 2].
  sections:
    - id: causes
      title:
        patient: Causes
        clinician: Causes
      passages:
        - patient: A tired muscle can cramp. [2]
          clinician: Fatigue is central [2].
"""

REFERENCES = """\
references:
  - number: 1
    title: First source
  - number: 2
    title: Second source
"""
