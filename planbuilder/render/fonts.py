"""The one font family of the PDF, registered once.

DejaVu Sans, shipped in planbuilder/fonts: it covers Latin with every European accent,
Greek and Cyrillic (so "Łukasz Żółć", "Дмитрий" and "Ωμέγα" print as written), its licence
(Bitstream Vera, see LICENSE-DejaVu.txt) allows bundling, and ReportLab embeds only the
glyphs used, so the PDF stays small. ReportLab's built-in Helvetica would print such names
as black boxes, and fonts found on the user's system differ from machine to machine.

The shipped files are DejaVu Sans 2.37 without its TrueType hinting (the glyphs' bytecode and
the fpgm, prep, cvt, hdmx, LTSH and VDMX tables, removed with fontTools: `glyph.removeHinting()`
for every glyph). The outlines are the same; PDF readers and printers draw them the same (pages
rendered by poppler and MuPDF are identical pixel for pixel), and the embedded subsets are
17 KB smaller in a 12-week plan.
"""

from __future__ import annotations

from functools import cache

from planbuilder import paths

REGULAR = "PlanSans"
BOLD = "PlanSans-Bold"


@cache
def register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = paths.fonts_dir()
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
