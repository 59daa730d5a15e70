"""Every text/background pair each theme uses meets its WCAG contrast ratio."""

from __future__ import annotations

import pytest

from kiosk.ui.theme import DEFAULT, HIGH_CONTRAST, THEMES, Theme, contrast_ratio

MINIMUM_TEXT = {"default": 4.5, "high-contrast": 7.0}  # WCAG 1.4.3 AA, 1.4.6 AAA


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_every_text_pair(theme: Theme) -> None:
    for name, (foreground, background) in theme.text_pairs().items():
        ratio = contrast_ratio(foreground, background)
        assert ratio >= MINIMUM_TEXT[theme.name], f"{theme.name} {name}: {ratio:.2f}"


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_control_borders_and_focus_rings(theme: Theme) -> None:
    for name, (edge, background) in theme.edge_pairs().items():
        ratio = contrast_ratio(edge, background)
        assert ratio >= 3.0, f"{theme.name} {name}: {ratio:.2f}"  # WCAG 1.4.11


def test_both_themes_are_there() -> None:
    assert THEMES == {"default": DEFAULT, "high-contrast": HIGH_CONTRAST}


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_every_colour_of_the_theme_is_in_its_stylesheet(theme: Theme) -> None:
    sheet = theme.stylesheet(2.0, kiosk=True)
    for colour in (theme.text, theme.background, theme.accent, theme.focus, theme.banner):
        assert colour in sheet
    assert "font-size: 40px" in sheet  # 200% of the kiosk's 20 px
