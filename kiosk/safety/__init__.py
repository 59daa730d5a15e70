"""The kiosk's one urgency scale: how each tier looks, reads and sounds (no Qt).

After the NHS care cards (NHS digital service manual, "Help users decide when and where
to get care") and NHS 111's dispositions, every surface shows urgency the same way:

- **emergency**: immediate action (black band, a red edge);
- **urgent**: see a doctor right away (red band);
- **soon**: see a doctor or nurse within days (blue band);
- **self-care**: what you can do yourself (green band).

Each tier has one look (colour, an icon *and* words, never colour alone), one spoken
form, and words for what to do *where the reader is*: at the kiosk ("Tell a member of
staff now"), at home with the handout (who to call, and when to call the emergency
number), on a laptop. The tier of each warning sign is its bundle's (``signs:``); this
module holds what is the same for every topic. A tier's advice is always shown first.

    look = tier_look(Urgency.URGENT, translate)
    look.heading, look.icon, look.band, look.action(Place.HOME), look.spoken

Words are marked for ``pyside6-lupdate`` in the translation context "Safety"; pass the
app's (Qt) or a command's (:func:`kiosk.content.words.ts_translator`) ``translate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.content.model import Urgency
from kiosk.content.words import QT_TRANSLATE_NOOP, Translate

__all__ = ["CONTEXT", "MEDICINE_HEADING", "TIERS", "Place", "TierLook", "tier_look"]

CONTEXT = "Safety"


class Place(StrEnum):
    """Where the advice is read: it decides whom to tell and how."""

    KIOSK = "kiosk"  # a clinic's kiosk: staff are near
    HOME = "home"  # the printed or saved handout, read later at home
    LAPTOP = "laptop"  # the app in a window, or `kiosk selfcheck` in a terminal


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class _Tier:
    label: str
    heading: str
    icon: str
    band: str  # the heading band's colour (white words on it, at least 7:1)
    edge: str  # the card's border
    actions: dict[Place, str]
    unsure: dict[Place, str]


_TELL_STAFF = QT_TRANSLATE_NOOP("Safety", "Tell a member of staff now.")

MEDICINE_HEADING = QT_TRANSLATE_NOOP("Safety", "Talk to your doctor before you change a medicine")
"""The heading of the question box's fixed medicine answer (``ask.medicine_safety``),
shown after the care cards and before any passage; translate it in "Safety"."""
_EMERGENCY_NUMBER = QT_TRANSLATE_NOOP("Safety", "Call your local emergency number now.")
_UNSURE_STAFF = QT_TRANSLATE_NOOP(
    "Safety", 'You answered "Not sure". If you are not sure, ask a member of staff now.'
)

_TIERS: dict[Urgency, _Tier] = {
    Urgency.EMERGENCY: _Tier(
        label=QT_TRANSLATE_NOOP("Safety", "Emergency"),
        heading=QT_TRANSLATE_NOOP("Safety", "Get help now"),
        icon="‼",
        band="#000000",
        edge="#d5281b",
        actions={
            Place.KIOSK: _TELL_STAFF,
            Place.HOME: _EMERGENCY_NUMBER,
            Place.LAPTOP: _EMERGENCY_NUMBER,
        },
        unsure={
            Place.KIOSK: _UNSURE_STAFF,
            Place.HOME: QT_TRANSLATE_NOOP(
                "Safety",
                'You answered "Not sure". If you are not sure, call your local emergency number.',
            ),
            Place.LAPTOP: QT_TRANSLATE_NOOP(
                "Safety",
                'You answered "Not sure". If you are not sure, call your local emergency number.',
            ),
        },
    ),
    Urgency.URGENT: _Tier(
        label=QT_TRANSLATE_NOOP("Safety", "Urgent"),
        heading=QT_TRANSLATE_NOOP("Safety", "See a doctor right away"),
        icon="!",
        band="#a3141b",
        edge="#a3141b",
        actions={
            Place.KIOSK: _TELL_STAFF,
            Place.HOME: QT_TRANSLATE_NOOP(
                "Safety",
                "Call your doctor's office now. If it is closed, or you feel very unwell, "
                "call your local emergency number.",
            ),
            Place.LAPTOP: QT_TRANSLATE_NOOP(
                "Safety",
                "Contact your doctor's office now. If it is closed, or you feel very unwell, "
                "call your local emergency number.",
            ),
        },
        unsure={
            Place.KIOSK: _UNSURE_STAFF,
            Place.HOME: QT_TRANSLATE_NOOP(
                "Safety",
                'You answered "Not sure". If you are not sure, call your doctor\'s office now.',
            ),
            Place.LAPTOP: QT_TRANSLATE_NOOP(
                "Safety",
                'You answered "Not sure". If you are not sure, contact your doctor\'s office now.',
            ),
        },
    ),
    Urgency.SOON: _Tier(
        label=QT_TRANSLATE_NOOP("Safety", "Soon"),
        heading=QT_TRANSLATE_NOOP("Safety", "See a doctor or nurse soon"),
        icon="i",
        band="#004a8f",
        edge="#004a8f",
        actions={
            Place.KIOSK: QT_TRANSLATE_NOOP(
                "Safety", "Ask the staff here, or make an appointment with your doctor."
            ),
            Place.HOME: QT_TRANSLATE_NOOP(
                "Safety", "Make an appointment with your doctor or nurse."
            ),
            Place.LAPTOP: QT_TRANSLATE_NOOP(
                "Safety", "Make an appointment with your doctor or nurse."
            ),
        },
        unsure={
            Place.KIOSK: QT_TRANSLATE_NOOP(
                "Safety", 'You answered "Not sure". If you are not sure, ask the staff here.'
            ),
            Place.HOME: QT_TRANSLATE_NOOP(
                "Safety", 'You answered "Not sure". If you are not sure, ask your doctor or nurse.'
            ),
            Place.LAPTOP: QT_TRANSLATE_NOOP(
                "Safety", 'You answered "Not sure". If you are not sure, ask your doctor or nurse.'
            ),
        },
    ),
    Urgency.SELF_CARE: _Tier(
        label=QT_TRANSLATE_NOOP("Safety", "Self-care"),
        heading=QT_TRANSLATE_NOOP("Safety", "What you can do yourself"),
        icon="✓",
        band="#00552a",
        edge="#00552a",
        actions=dict.fromkeys(
            Place,
            QT_TRANSLATE_NOOP(
                "Safety",
                "If it does not get better, or you are worried, talk with a doctor or nurse.",
            ),
        ),
        unsure=dict.fromkeys(
            Place,
            QT_TRANSLATE_NOOP(
                "Safety", 'You answered "Not sure". If you are not sure, ask a doctor or nurse.'
            ),
        ),
    ),
}


@dataclass(frozen=True, slots=True)
class TierLook:
    """One tier as every surface shows it, its words already translated."""

    tier: Urgency
    label: str  # "Urgent": what the icon means, for screen readers and the spoken form
    heading: str  # "See a doctor right away"
    icon: str  # a glyph beside the heading, so that colour is never alone
    band: str  # heading band colour; white words on it
    edge: str  # the card's border colour
    _actions: dict[Place, str]
    _unsure: dict[Place, str]

    def action(self, place: Place) -> str:
        """What to do, where the reader is."""
        return self._actions[place]

    def unsure(self, place: Place) -> str:
        """What to do when the visitor answered "not sure", where the reader is."""
        return self._unsure[place]

    @property
    def spoken(self) -> str:
        """What read-aloud says first: the tier's name, then its heading."""
        return f"{self.label}. {self.heading}."

    @property
    def title(self) -> str:
        """The heading as printed and shown: icon, tier and heading ("! Urgent: ...")."""
        return f"{self.icon} {self.label}: {self.heading}"


def tier_look(tier: Urgency, translate: Translate = _identity) -> TierLook:
    """How ``tier`` looks and reads, its words through ``translate``."""
    spec = _TIERS[tier]
    return TierLook(
        tier=tier,
        label=translate(spec.label),
        heading=translate(spec.heading),
        icon=spec.icon,
        band=spec.band,
        edge=spec.edge,
        _actions={place: translate(text) for place, text in spec.actions.items()},
        _unsure={place: translate(text) for place, text in spec.unsure.items()},
    )


TIERS: tuple[Urgency, ...] = tuple(sorted(_TIERS, key=lambda tier: tier.rank))
"""Every tier, most urgent first."""
