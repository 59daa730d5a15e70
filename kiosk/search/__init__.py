"""The question box's search over a bundle's own passages (no Qt).

Typical use::

    from kiosk.search import SearchIndex
    index = SearchIndex.for_bundle(bundle)
    results = index.ask("water pills and cramps", level="patient", language="en")
    for found in results.found:          # curated answer first, then passages
        print(found.section_id, found.text, found.citations)
    if not results.answered:
        ...                              # say so plainly; suggest asking staff
"""

from kiosk.search.index import Found, Results, SearchIndex

__all__ = ["Found", "Results", "SearchIndex"]
