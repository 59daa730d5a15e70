"""Content markup to Qt rich text. Every character of content is escaped: no HTML gets in."""

from __future__ import annotations

from html import escape

from kiosk.content.markup import Cite, Emphasis, Inline, ListBlock, Strong, parse

CITE_SCHEME = "cite:"


def _inline(inlines: tuple[Inline, ...], link: str) -> str:
    parts = []
    for item in inlines:
        if isinstance(item, Cite):
            parts.append(
                "".join(
                    f'<a href="{CITE_SCHEME}{n}" style="color:{link}; text-decoration:none;">'
                    f"<b>[{n}]</b></a>"
                    for n in item.numbers
                )
            )
        elif isinstance(item, Emphasis):
            parts.append(f"<i>{escape(item.text)}</i>")
        elif isinstance(item, Strong):
            parts.append(f"<b>{escape(item.text)}</b>")
        else:
            parts.append(escape(item.text))
    return "".join(parts)


def to_html(text: str, link: str = "#0b57a4") -> str:
    """``text`` (content markup) as rich text; citations become ``cite:N`` links."""
    html = []
    for block in parse(text):
        if isinstance(block, ListBlock):
            items = "".join(f"<li>{_inline(item, link)}</li>" for item in block.items)
            tag = "ol" if block.numbered else "ul"
            html.append(f'<{tag} style="margin-top:0px; margin-bottom:8px;">{items}</{tag}>')
        else:
            html.append(
                f'<p style="margin-top:0px; margin-bottom:8px;">{_inline(block.inlines, link)}</p>'
            )
    return "".join(html)


def cite_number(href: str) -> int | None:
    if href.startswith(CITE_SCHEME) and href[len(CITE_SCHEME) :].isdigit():
        return int(href[len(CITE_SCHEME) :])
    return None
