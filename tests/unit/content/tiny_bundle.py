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

SELFCHECK = """\
selfcheck:
  title:
    patient: Check
    clinician: Check
  intro:
    patient: Not a diagnosis.
    clinician: Not a diagnosis.
  questions:
    - id: tired
      kind: yes_no
      text:
        patient: Are your muscles tired?
        clinician: Recent fatigue?
    - id: where
      kind: single
      text:
        patient: Where?
        clinician: Site?
      options:
        - id: legs
          text: {patient: Legs, clinician: Legs}
        - id: chest
          text: {patient: Chest, clinician: Chest}
      show_if:
        any:
          - question: tired
            answer: yes
  red_flags:
    - sign: chest
      when:
        any:
          - question: where
            answer: chest
  factors:
    - id: fatigue
      name: {patient: Tired muscles, clinician: Fatigue}
      when:
        any:
          - question: tired
            answer: yes
      sections: [causes]
      helps:
        patient: Rest. [1]
        clinician: Rest [1].
signs:
  - id: chest
    tier: urgent
    sources: [2]
    name: {patient: Chest cramps, clinician: Chest cramps}
    advice:
      patient: See a doctor right away. [2]
      clinician: Urgent assessment [2].
    words:
      en: [chest]
"""
