"""Which screens there are, and how each is made and wired: a table from a screen's
name to its factory, filled by :func:`screen_factory` below.

A factory builds its screen for the :class:`ScreenContext` and connects the screen's
requests to the :class:`Navigator` (the main window). The screens that start-up does not
show are imported by their factories, when first made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kiosk.ui.screens import (
    AudienceScreen,
    Screen,
    ScreenContext,
    SectionScreen,
    TopicScreen,
    UpdatingScreen,
    WelcomeScreen,
)


class Navigator(Protocol):
    """What the screens' requests turn into (the main window does them)."""

    def go(self, name: str) -> None: ...
    def audience_chosen(self, level: str) -> None: ...
    def choose_topic(self, bundle_id: str) -> None: ...
    def open_section(self, section_id: str) -> None: ...
    def open_other_topic(self, bundle_id: str, section_id: str) -> None: ...
    def show_reference(self, number: int) -> None: ...
    def show_about(self) -> None: ...
    def start_selfcheck(self) -> None: ...
    def show_results(self) -> None: ...
    def ask_question(self) -> None: ...
    def print_handout(self) -> None: ...
    def save_handout(self) -> None: ...


ScreenFactory = Callable[[ScreenContext, Navigator], Screen]


SCREENS: dict[str, ScreenFactory] = {}


def screen_factory(name: str) -> Callable[[ScreenFactory], ScreenFactory]:
    """Register the decorated function as the factory of the screen ``name``."""

    def register(make: ScreenFactory) -> ScreenFactory:
        SCREENS[name] = make
        return make

    return register


class Screens(dict[str, Screen]):
    """The screens by name; a screen is built the first time it is asked for."""

    def __init__(self, make: Callable[[str], Screen]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, name: str) -> Screen:
        screen = self[name] = self.make(name)
        return screen


@screen_factory("welcome")
def _welcome(context: ScreenContext, nav: Navigator) -> Screen:
    screen = WelcomeScreen(context)
    screen.started.connect(lambda: nav.go("audience"))
    return screen


@screen_factory("updating")
def _updating(context: ScreenContext, nav: Navigator) -> Screen:
    return UpdatingScreen(context)


@screen_factory("audience")
def _audience(context: ScreenContext, nav: Navigator) -> Screen:
    screen = AudienceScreen(context)
    screen.chosen.connect(nav.audience_chosen)
    return screen


@screen_factory("topics")
def _topics(context: ScreenContext, nav: Navigator) -> Screen:
    from kiosk.ui.chooser import TopicChooser

    screen = TopicChooser(context, context.topics)
    screen.topicChosen.connect(nav.choose_topic)
    return screen


@screen_factory("topic")
def _topic(context: ScreenContext, nav: Navigator) -> Screen:
    screen = TopicScreen(context)
    screen.sectionChosen.connect(nav.open_section)
    screen.citationActivated.connect(nav.show_reference)
    screen.aboutRequested.connect(nav.show_about)
    screen.selfcheckRequested.connect(nav.start_selfcheck)
    screen.askRequested.connect(nav.ask_question)
    return screen


@screen_factory("section")
def _section(context: ScreenContext, nav: Navigator) -> Screen:
    screen = SectionScreen(context)
    screen.backRequested.connect(lambda: nav.go("topic"))
    screen.sectionChosen.connect(nav.open_section)
    screen.citationActivated.connect(nav.show_reference)
    screen.aboutRequested.connect(nav.show_about)
    return screen


@screen_factory("ask")
def _ask(context: ScreenContext, nav: Navigator) -> Screen:
    from kiosk.ui.ask_screen import AskScreen

    screen = AskScreen(context, context.search_index)
    screen.sectionChosen.connect(nav.open_section)
    screen.otherTopicChosen.connect(nav.open_other_topic)
    screen.topicRequested.connect(lambda: nav.go("topic"))
    screen.citationActivated.connect(nav.show_reference)
    screen.backRequested.connect(nav.go)
    return screen


@screen_factory("question")
def _question(context: ScreenContext, nav: Navigator) -> Screen:
    from kiosk.ui.selfcheck_screens import QuestionScreen

    if context.engine is None:
        raise KeyError("question")  # content without a self-check
    screen = QuestionScreen(context, context.engine)
    screen.finished.connect(nav.show_results)
    screen.backRequested.connect(lambda: nav.go("topic"))
    return screen


@screen_factory("results")
def _results(context: ScreenContext, nav: Navigator) -> Screen:
    from kiosk.ui.selfcheck_screens import ResultsScreen

    if context.engine is None:
        raise KeyError("results")
    screen = ResultsScreen(context, context.engine)
    screen.sectionChosen.connect(nav.open_section)
    screen.citationActivated.connect(nav.show_reference)
    screen.backRequested.connect(lambda: nav.go("topic"))
    screen.againRequested.connect(nav.start_selfcheck)
    screen.printRequested.connect(nav.print_handout)
    screen.saveRequested.connect(nav.save_handout)
    screen.askRequested.connect(nav.ask_question)
    return screen
