"""Colours and sizes, as one Qt style sheet built from a :class:`Theme` and a text scale.

Every colour pair the app draws text with is listed in :meth:`Theme.text_pairs`, so
a test can check each one's WCAG contrast ratio.
"""

from __future__ import annotations

from typing import NamedTuple

from kiosk.safety import TIERS, tier_look

__all__ = ["DEFAULT", "HIGH_CONTRAST", "THEMES", "Theme", "contrast_ratio"]


class Theme(NamedTuple):
    """A named set of colours (``#rrggbb``); immutable.

    A named tuple rather than a frozen dataclass: the same fields, equality and repr,
    made in a fraction of the time at start-up.
    """

    name: str
    background: str
    surface: str
    text: str
    muted: str
    accent: str
    accent_text: str
    secondary: str
    secondary_text: str
    border: str
    focus: str
    banner: str
    banner_text: str
    link: str

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Every (foreground, background) pair used for text."""
        return {
            "body": (self.text, self.background),
            "card": (self.text, self.surface),
            "muted": (self.muted, self.background),
            "muted on card": (self.muted, self.surface),  # also a text box's hint
            "primary button": (self.accent_text, self.accent),
            "secondary button": (self.secondary_text, self.secondary),
            "banner": (self.banner_text, self.banner),  # its citations too (same colour)
            "link": (self.link, self.surface),
            "link on page": (self.link, self.background),
            **{f"care band {tier}": ("#ffffff", tier_look(tier).band) for tier in TIERS},
        }

    def edge_pairs(self) -> dict[str, tuple[str, str]]:
        """Control borders and focus rings against what surrounds them (3:1 needed)."""
        return {
            "control border": (self.border, self.background),
            "control border on card": (self.border, self.surface),
            "focus ring": (self.focus, self.background),
            "focus ring on card": (self.focus, self.surface),
        }

    def stylesheet(self, scale: float = 1.0, *, kiosk: bool = False) -> str:
        base = round((20 if kiosk else 16) * scale)
        target = 64 if kiosk else 48  # touch targets: 48 px at least, more in kiosk mode
        return f"""
QWidget {{ color: {self.text}; background: {self.background}; font-size: {base}px; }}
QLabel {{ background: transparent; }}
QDialog {{ border: 3px solid {self.border}; }}
QLabel[role="caution"] {{ font-weight: 700; }}
QLabel[role="h1"] {{ font-size: {round(base * 1.6)}px; font-weight: 700; }}
QLabel[role="h2"] {{ font-size: {round(base * 1.25)}px; font-weight: 700; }}
QLabel[role="hero"] {{ font-size: {round(base * 2.2)}px; font-weight: 700; }}
QLabel[role="muted"] {{ color: {self.muted}; }}
QFrame[role="card"] {{ background: {self.surface}; border: 1px solid {self.border};
    border-radius: 10px; }}
QFrame[role="card"] QLabel {{ background: {self.surface}; }}
QFrame[role="banner"] {{ background: {self.banner}; border: 2px solid {self.banner_text};
    border-radius: 8px; }}
QFrame[role="plain"], QFrame[role="plain"] QLabel {{ background: transparent;
    border: none; }}
QFrame[role="banner"] QLabel {{ color: {self.banner_text}; background: {self.banner}; }}
QPushButton {{ min-height: {target}px; min-width: {target}px; padding: 6px 18px;
    border-radius: 10px; border: 2px solid {self.border};
    background: {self.secondary}; color: {self.secondary_text}; }}
QPushButton[role="primary"] {{ background: {self.accent}; color: {self.accent_text};
    border-color: {self.accent}; font-weight: 700; }}
QPushButton[role="big"] {{ min-height: {target}px; text-align: left;
    padding: 8px 22px; font-size: {round(base * 1.15)}px; }}
QPushButton[role="cite"] {{ min-height: {target - 8}px; min-width: 48px; padding: 2px 12px;
    font-size: {round(base * 0.9)}px; }}
QPushButton QLabel#wrap-label {{ color: {self.secondary_text}; background: transparent; }}
QPushButton[role="primary"] QLabel#wrap-label {{ color: {self.accent_text};
    font-weight: 700; }}
QPushButton[role="big"] QLabel#wrap-label {{ font-size: {round(base * 1.15)}px; }}
QPushButton QLabel#wrap-label[chosen="true"] {{ color: {self.accent_text}; }}
QPushButton[tile="true"] QLabel#wrap-label {{ font-size: {round(base * 1.3)}px;
    font-weight: 700; }}
QPushButton:checked {{ background: {self.accent}; color: {self.accent_text};
    border-color: {self.accent}; }}
/* the focus ring is 1 px wider than the border: 1 px less padding keeps the text's room */
QPushButton:focus {{ border: 3px solid {self.focus}; padding: 5px 17px; }}
QPushButton[role="primary"]:focus {{ border: 3px solid {self.focus}; }}
QPushButton[role="big"]:focus {{ padding: 7px 21px; }}
QPushButton[role="cite"]:focus {{ padding: 1px 11px; }}
/* quiet: a secondary action that looks like a link (the self-check's Skip): no fill,
   underlined, normal weight; still the touch target tall, with the focus ring */
QPushButton[role="quiet"] {{ background: transparent; border: 2px solid transparent;
    color: {self.link}; text-decoration: underline; font-weight: 400; }}
QPushButton[role="quiet"]:focus {{ border: 3px solid {self.focus}; padding: 5px 17px; }}
/* the header's buttons exactly the touch target tall (64 px in kiosk mode, with their
   padding and border), not 80: the page below keeps the room */
QFrame#header QPushButton, QPushButton#banner-about {{ min-height: {target - 16}px; }}
QScrollArea {{ border: none; }}
QDialog QScrollArea {{ border: 3px solid transparent; }}
QScrollArea:focus {{ border: 3px solid {self.focus}; }}
QPlainTextEdit, QTextBrowser {{ background: {self.surface}; border: 1px solid {self.border}; }}
QLineEdit {{ min-height: {target}px; border: 2px solid {self.border}; border-radius: 8px;
    padding: 4px 10px; background: {self.surface}; font-size: {round(base * 1.3)}px;
    color: {self.text}; placeholder-text-color: {self.muted}; }}
QLineEdit:focus {{ border: 3px solid {self.focus}; padding: 3px 9px; }}
QMenuBar, QMenu {{ font-size: {base}px; }}
{self.care_cards(base)}"""

    def care_cards(self, base: int) -> str:
        """The urgency scale's cards (kiosk.safety): a band in the tier's colour, white
        words on it; a border in the tier's edge colour (white in high contrast, where the
        dark edges would vanish on black)."""
        rules = [
            f'QLabel[role="care-action"] {{ font-size: {round(base * 1.25)}px; '
            "font-weight: 700; }",
            'QLabel[role="care-name"] { font-weight: 700; }',
            # the question box's fixed medicine answer: no tier, but not a passage either
            f"QFrame#ask-medicine {{ border: 4px solid {self.text}; border-radius: 10px; }}",
        ]
        for tier in TIERS:
            look = tier_look(tier)
            edge = "#ffffff" if self.name == "high-contrast" else look.edge
            rules.append(
                f'QFrame[care="{tier}"] {{ background: {self.surface}; border: 4px solid {edge}; '
                f"border-radius: 10px; }}\n"
                f'QFrame[care="{tier}"] QLabel {{ background: {self.surface}; }}\n'
                f'QFrame[care="{tier}"] QLabel[care="{tier}"] {{ background: {look.band}; '
                f"color: #ffffff; padding: 10px 16px; border-top-left-radius: 6px; "
                f"border-top-right-radius: 6px; }}"
            )
        return "\n".join(rules) + "\n"


DEFAULT = Theme(
    name="default",
    background="#f7f7f4",
    surface="#ffffff",
    text="#1b1b1b",
    muted="#4a4a4a",
    accent="#0b57a4",
    accent_text="#ffffff",
    secondary="#e8eef6",
    secondary_text="#0d2a4a",
    border="#5b6b7c",
    focus="#b3540b",
    banner="#fff3d1",
    banner_text="#5a3a00",
    link="#0b57a4",
)


HIGH_CONTRAST = Theme(
    name="high-contrast",
    background="#000000",
    surface="#0a0a0a",
    text="#ffffff",
    muted="#e6e6e6",
    accent="#ffe100",
    accent_text="#000000",
    secondary="#1a1a1a",
    secondary_text="#ffffff",
    border="#ffffff",
    focus="#00e5ff",
    banner="#ffe100",
    banner_text="#000000",
    link="#8fd3ff",
)
"""Light text on black, 7:1 or more for every text (WCAG 2.1 AAA 1.4.6)."""

THEMES = {theme.name: theme for theme in (DEFAULT, HIGH_CONTRAST)}


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1.0 to 21.0)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
