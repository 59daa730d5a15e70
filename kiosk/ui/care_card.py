"""Warning signs in their tier's care card: the one look of the kiosk's urgency scale.

After the NHS care cards: a band in the tier's colour with its icon *and* words
("! Urgent: See a doctor right away"), so that colour is never alone; then what to do
where the reader is (at the kiosk: tell a member of staff now); then each warning sign
of that tier, its advice with its citations, and why it was raised. The same cards are
shown on the results, at the top of a section that speaks of a sign, and in the question
box's answers; the handout prints the same on paper (:mod:`kiosk.ui.handout`). Colours:
the theme's style sheet (:mod:`kiosk.ui.theme`), from :mod:`kiosk.safety`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from kiosk.content.markup import plain_text
from kiosk.content.model import LevelText, Sign
from kiosk.safety import CONTEXT as SAFETY
from kiosk.safety import TIERS, Place, TierLook, tier_look
from kiosk.ui.widgets import PassageView, label

__all__ = ["CareCard", "sign_cards"]


class CareCard(QFrame):
    """One tier's card (see the module): its band, what to do, then its signs.

    Signals:
        citationActivated(int): a citation in a sign's advice was tapped.
    """

    citationActivated = Signal(int)

    def __init__(
        self,
        look: TierLook,
        action: str,
        *,
        source_label: str,
        link_colour: str,
        object_name: str = "",
    ) -> None:
        super().__init__()
        self.look = look
        self.source_label = source_label
        self.link_colour = link_colour
        self.setProperty("care", look.tier.value)
        self.setObjectName(object_name or f"care-{look.tier.value}")
        self.setAccessibleName(f"{look.label}: {look.heading}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.setSpacing(8)
        self.band = label(look.title, role="h2")
        self.band.setProperty("care", look.tier.value)
        self.band.setAccessibleName(f"{look.label}: {look.heading}")
        self.band.setProperty("spoken", look.spoken)  # the tier's name, never the icon
        layout.addWidget(self.band)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(20, 4, 20, 0)
        self.body.setSpacing(8)
        self.action = label(action, role="care-action")
        self.body.addWidget(self.action)
        layout.addLayout(self.body)
        self._spoken = [look.spoken, action]
        self._signs: list[tuple[QLabel, PassageView, list[str]]] = []  # and what each says

    def add_sign(self, name: str, advice: str, *, note: str = "", because: str = "") -> None:
        """A warning sign of this tier: its name, ``note`` (the "not sure" advice, when
        that was the answer), its advice (content markup) and why it was raised."""
        name_label = label(name, role="care-name")
        self.body.addWidget(name_label)
        if note:
            self.body.addWidget(label(note, role="care-action"))
        view = PassageView(self.source_label)
        view.setProperty("role", "plain")
        view.show_text(advice, self.link_colour)
        view.citationActivated.connect(self.citationActivated)
        self.body.addWidget(view)
        if because:
            self.body.addWidget(label(because, role="muted"))
        self._signs.append((name_label, view, [name + ".", note, plain_text(advice), because]))

    def reword_sign(self, index: int, name: str, advice: str) -> bool:
        """The sign ``index`` (in the order added) in other words: the same sign at
        another reading level. Its widgets stay, but for its source buttons when it
        cites other sources (then True)."""
        name_label, view, spoken = self._signs[index]
        name_label.setText(name)
        spoken[0], spoken[2] = name + ".", plain_text(advice)
        return view.show_text(advice, self.link_colour)

    def spoken(self) -> str:
        """What read-aloud says for this card, the tier first."""
        parts = [*self._spoken, *(part for _, _, said in self._signs for part in said)]
        return " ".join(part for part in parts if part.strip())


def sign_cards(
    signs: Iterable[Sign],
    *,
    level_text: Callable[[LevelText], str],
    kiosk: bool,
    source_label: str,
    link_colour: str,
    name: str,
) -> list[CareCard]:
    """One card per tier of ``signs``, most urgent first, each with what to do where the
    kiosk is (kiosk mode: tell a member of staff now; else a laptop's words); the cards
    are named ``<name>-<tier>``."""
    from kiosk.ui.i18n import translator

    signs = list(signs)
    place = Place.KIOSK if kiosk else Place.LAPTOP
    safety = translator(SAFETY)
    cards = []
    for tier in TIERS:
        of_tier = [sign for sign in signs if sign.tier is tier]
        if not of_tier:
            continue
        look = tier_look(tier, safety)
        card = CareCard(
            look,
            look.action(place),
            source_label=source_label,
            link_colour=link_colour,
            object_name=f"{name}-{tier.value}",
        )
        for sign in of_tier:
            card.add_sign(level_text(sign.name), level_text(sign.advice))
        cards.append(card)
    return cards
