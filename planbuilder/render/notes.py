"""The notes page: ruled lines for questions, how the back feels, what helped."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from planbuilder.content import Library
from planbuilder.plan import Plan
from planbuilder.render.flowables import Anchor, WritingLines
from planbuilder.render.prose import para
from planbuilder.render.styles import Look

HANDWRITING_LINE = 8 * mm  # the smallest gap a pen writes in comfortably


def handwriting_spacing(look: Look) -> float:
    """Line spacing to write on by hand: never tighter than the text of the layout allows."""
    return max(HANDWRITING_LINE, look.size("body") * 2.4)


def notes_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    spacing = handwriting_spacing(look)
    return [
        Anchor("notes", "Notes"),
        para("Notes", s["heading"]),
        para("Questions for your physiotherapist, how your back feels, what helped.", s["small"]),
        Spacer(0, look.space * 2),
        WritingLines(look.layout.notes_lines, spacing, look.line / 2, look.colours["rule"]),
    ]
