"""Building blocks several pages share: framed notes, bullet lists, headings with anchors."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable, ListFlowable, ListItem, Table

from planbuilder.render.styles import Look
from planbuilder.render.text import para


def boxed(content: Flowable | list[Flowable], look: Look, width: float | None = None) -> Table:
    """A thin frame around important text; no fill, so it prints light."""
    box = Table([[content]], colWidths=[width or look.width])
    box.setStyle(
        look.table_style(
            [
                ("BOX", (0, 0), (-1, -1), look.line * 1.5, look.colours["accent"]),
                ("LEFTPADDING", (0, 0), (-1, -1), look.padding * 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), look.padding * 3),
                ("TOPPADDING", (0, 0), (-1, -1), look.padding * 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.padding * 2),
            ]
        )
    )
    return box


def bullets(
    items: Iterable[str], look: Look, style: str = "body", numbered: bool = False
) -> ListFlowable:
    s = look.styles[style]
    entries = [ListItem(para(text, s), value=None) for text in items]
    return ListFlowable(
        entries,
        bulletType="1" if numbered else "bullet",
        start=None if numbered else "•",
        bulletFontName=s.fontName,
        bulletFontSize=s.fontSize,
        leftIndent=s.fontSize * 1.6,
        bulletColor=look.colours["ink"],
    )
