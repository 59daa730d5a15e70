"""Offline patient-education kiosk.

Packages:

- :mod:`kiosk.content`: content bundles (model, YAML loader with located errors, lint). No Qt.
- :mod:`kiosk.selfcheck`: the self-check questionnaire logic. No Qt.
- :mod:`kiosk.ui`: every widget.
"""

__version__ = "0.1.0"
