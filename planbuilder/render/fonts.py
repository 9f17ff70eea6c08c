"""The typeface (typeface.py) registered with ReportLab, once, as one family."""

from __future__ import annotations

from functools import cache

from planbuilder.typeface import BOLD, REGULAR, faces

__all__ = ["BOLD", "REGULAR", "register_fonts"]


@cache
def register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    for face in faces().values():
        pdfmetrics.registerFont(face)
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
