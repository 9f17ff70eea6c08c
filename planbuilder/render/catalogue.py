"""A sheet of every exercise's figures at print size above its steps, for reviewing the drawings."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
)

from planbuilder import __version__
from planbuilder.content import Exercise, Library
from planbuilder.layout import Layout
from planbuilder.render.figures import figure_drawing, label_line_count
from planbuilder.render.fonts import REGULAR, register_fonts
from planbuilder.render.prose import bullets, para
from planbuilder.render.styles import Look, make_look


def _exercise_block(exercise: Exercise, look: Look) -> list[Flowable]:
    """Name (and id) with a rule above, the positions side by side, then the steps."""
    s = look.styles
    caption = "each side" if exercise.dose.per_side else None
    size = look.size("small")
    lines = label_line_count(exercise.figures, look.figure, size, caption)
    drawings = [
        figure_drawing(figure, look.figure, look.colours, size, caption, lines)
        for figure in exercise.figures
    ]
    gap = look.padding * 4
    figures = Table([drawings], colWidths=[look.figure + gap] * len(drawings), hAlign="LEFT")
    figures.setStyle(
        look.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), gap),
            ]
        )
    )
    heading = Table([[para(f"{exercise.name} · {exercise.id}", s["subheading"])]], [look.width])
    heading.setStyle(
        look.table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEABOVE", (0, 0), (-1, 0), look.line, look.colours["rule"]),
            ]
        )
    )
    return [heading, figures, bullets(exercise.steps, look, "small_ink", True)]


def render_catalogue(library: Library, layout: Layout, path: Path) -> int:
    """Write the figure catalogue to `path`; return the number of pages. Figures are drawn at
    the size the layout's cards print them (`figure_mm`), so what is reviewed is what prints."""
    register_fonts()
    look = make_look(layout, "a4")
    s = look.styles
    story: list[Flowable] = [
        para("Exercise figures", s["title"]),
        para(
            f"Every exercise of the library with its drawn positions at print size "
            f"({layout.figure_mm:g} mm wide, as on a {layout.name} card) and its steps.",
            s["body"],
        ),
    ]
    for exercise in sorted(library.exercises.values(), key=lambda e: e.name):
        story.append(KeepTogether([*_exercise_block(exercise, look), Spacer(0, look.space)]))
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
