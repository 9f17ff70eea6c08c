"""A sheet of every exercise's figures next to its steps, for checking the drawings."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Spacer, Table

from planbuilder import __version__
from planbuilder.content import Library
from planbuilder.layout import Layout
from planbuilder.render.figures import figure_drawing
from planbuilder.render.fonts import REGULAR, register_fonts
from planbuilder.render.prose import bullets, para
from planbuilder.render.styles import make_look


def render_catalogue(library: Library, layout: Layout, path: Path) -> int:
    """Write the figure catalogue to `path`; return the number of pages."""
    register_fonts()
    look = make_look(layout, "a4")
    s = look.styles
    figure_width = (look.width * 0.55) / 2 - look.padding * 2
    story = [
        para("Exercise figures", s["title"]),
        para("Every exercise of the library with its drawn positions and its steps.", s["body"]),
    ]
    for exercise in sorted(library.exercises.values(), key=lambda e: e.name):
        caption = "each side" if exercise.dose.per_side else None
        drawings = [
            figure_drawing(f, figure_width, look.colours, look.size("small"), caption)
            for f in exercise.figures
        ]
        figures = Table([drawings], colWidths=[figure_width + look.padding * 2] * len(drawings))
        figures.setStyle(look.table_style([("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
        text = [
            para(exercise.name, s["subheading"]),
            bullets(exercise.steps, look, "small_ink", True),
        ]
        row = Table([[figures, text]], colWidths=[look.width * 0.55, look.width * 0.45])
        row.setStyle(
            look.table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEABOVE", (0, 0), (-1, 0), look.line, look.colours["rule"]),
                ]
            )
        )
        story.append(KeepTogether([row, Spacer(0, look.space)]))

    doc = BaseDocTemplate(
        str(path),
        pagesize=look.page_size,
        title="planbuilder exercise figures",
        creator=f"planbuilder {__version__}",
        invariant=True,
        initialFontName=REGULAR,
    )
    frame = Frame(
        look.left,
        look.bottom,
        look.width,
        look.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story)
    return doc.page
