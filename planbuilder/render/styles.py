"""Paragraph styles, colours and sizes in points, all derived from a Layout."""

from __future__ import annotations

import html
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, TableStyle

from planbuilder.layout import Layout, is_grey
from planbuilder.render.fonts import BOLD, REGULAR

PAGE_SIZES = {"a4": A4, "letter": LETTER}


@dataclass(frozen=True)
class Look:
    """The layout turned into what ReportLab wants: points, Color objects, styles."""

    layout: Layout
    page_size: tuple[float, float]
    styles: dict[str, ParagraphStyle]
    colours: dict[str, colors.Color]

    @property
    def left(self) -> float:
        return self.layout.margins_mm["left"] * mm

    @property
    def right(self) -> float:
        return self.layout.margins_mm["right"] * mm

    @property
    def top(self) -> float:
        return self.layout.margins_mm["top"] * mm

    @property
    def bottom(self) -> float:
        return self.layout.margins_mm["bottom"] * mm

    @property
    def width(self) -> float:
        """The width text may use between the margins."""
        return self.page_size[0] - self.left - self.right

    @property
    def height(self) -> float:
        return self.page_size[1] - self.top - self.bottom

    @property
    def space(self) -> float:
        return self.layout.spacing_mm * mm

    @property
    def box(self) -> float:
        return self.layout.tick_box_mm * mm

    @property
    def padding(self) -> float:
        return self.layout.row_padding_mm * mm

    @property
    def figure(self) -> float:
        return self.layout.figure_mm * mm

    @property
    def line(self) -> float:
        return self.layout.line_width

    def size(self, name: str) -> float:
        return self.layout.fonts[name]

    def table_style(self, commands: list[tuple]) -> TableStyle:  # type: ignore[type-arg]
        """A TableStyle in our font and table size: a table's own default is Helvetica,
        which would be declared (unembedded) for any plain-string cell, even an empty one."""
        size = self.size("table")
        return TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, size, size * self.layout.leading),
                ("TEXTCOLOR", (0, 0), (-1, -1), self.colours["ink"]),
                *commands,
            ]
        )

    def cell(self, text: str, width: float, bold: bool = False) -> str | Paragraph:
        """Table-cell text: a plain string when it fits on one line (far cheaper to lay out),
        a wrapping paragraph when it does not, so it never runs out of its cell."""
        font = BOLD if bold else REGULAR
        if stringWidth(text, font, self.size("table")) <= width - 2 * self.padding * 1.5 - 1:
            return text
        # html.escape, not xml.sax.saxutils (see prose.escape): &, < and > only
        markup = html.escape(text, quote=False)
        return Paragraph(markup, self.styles["table_bold" if bold else "table"])


def print_colour(hex_colour: str) -> colors.Color:
    """A colour as the printer should get it. A grey (equal R, G, B) becomes black ink only
    (CMYK 0 0 0 K): as RGB, a home printer mixes cyan, magenta and yellow for it, which
    prints brownish, blotchy and slow. Other colours stay RGB: they carry meaning."""
    if is_grey(hex_colour):
        return grey(1 - int(hex_colour[1:3], 16) / 255)
    return colors.HexColor(hex_colour)


def grey(ink: float) -> colors.CMYKColor:
    """Black ink only, `ink` from 0 (paper white) to 1 (solid black)."""
    return colors.CMYKColor(0, 0, 0, round(ink, 3))


BLACK = grey(1)
WHITE = grey(0)


def paper_of(look: Look) -> str:
    """The name of the look's paper (a4, letter)."""
    return next(name for name, size in PAGE_SIZES.items() if size == look.page_size)


def make_look(layout: Layout, paper: str) -> Look:
    colours = {key: print_colour(value) for key, value in layout.colours.items()}
    lead = layout.leading

    def style(
        name: str, size_key: str, bold: bool = False, colour: str = "ink", **extra
    ) -> ParagraphStyle:  # type: ignore[no-untyped-def]
        size = layout.fonts[size_key]
        return ParagraphStyle(
            name,
            fontName=BOLD if bold else REGULAR,
            fontSize=size,
            leading=size * lead,
            textColor=colours[colour],
            splitLongWords=1,
            **extra,
        )

    space = layout.spacing_mm * mm
    styles = {
        "title": style("title", "title", bold=True, spaceAfter=space),
        "heading": style("heading", "heading", bold=True, colour="accent", spaceAfter=space),
        "subheading": style(
            "subheading", "subheading", bold=True, spaceBefore=space / 2, spaceAfter=space / 3
        ),
        "body": style("body", "body", spaceAfter=space / 2),
        "body_tight": style("body_tight", "body"),
        "bullet": style(
            "bullet",
            "body",
            leftIndent=layout.fonts["body"] * 1.4,
            bulletIndent=0,
            spaceAfter=space / 4,
        ),
        "table": style("table", "table"),
        "table_bold": style("table_bold", "table", bold=True),
        "small": style("small", "small", colour="muted"),
        "small_ink": style("small_ink", "small"),
        "label": style("label", "small", bold=True, colour="muted"),
    }
    return Look(layout, PAGE_SIZES[paper], styles, colours)
