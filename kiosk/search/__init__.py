"""The question box's search over a bundle's own passages (no Qt).

Typical use::

    from kiosk.search import SearchIndex
    index = SearchIndex.for_bundle(bundle)
    results = index.ask("water pills and cramps", level="patient", language="en")
    for found in results.found:          # curated answer first, then passages
        print(found.section_id, found.text, found.citations)
    if not results.answered:
        ...                              # say so plainly; suggest asking staff

Across a library, the open topic first, then the others, each answer naming its topic::

    index = SearchIndex(library_bundles)  # built again per visit from a clean copy
    results = index.ask_library("water pills", "patient", "en", open_topic="muscle-cramps")
    for found in results.found:          # the open topic's answers, then others'
        print(found.bundle_id, found.topic, found.title)
"""

from kiosk.search.index import Found, Results, SearchIndex, prepare, want

__all__ = ["Found", "Results", "SearchIndex", "prepare", "want"]
