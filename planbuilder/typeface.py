"""The one typeface of the PDF, its two faces read from their files once a run: the
renderer registers them (render/fonts.py) and the free-text check asks them which
characters they can draw (freetext.py).

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
from typing import TYPE_CHECKING

from planbuilder import paths

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "PlanSans"
BOLD = "PlanSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@cache
def faces() -> dict[str, TTFont]:
    """Each face by its name, parsed once (about 50 ms a face)."""
    from reportlab.pdfbase.ttfonts import TTFont

    folder = paths.fonts_dir()
    return {name: TTFont(name, str(folder / file)) for name, file in FILES.items()}
