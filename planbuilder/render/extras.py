"""The closing pages: sports and stretching notes, and a page of lines for notes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from planbuilder.content import Library
from planbuilder.plan import Plan
from planbuilder.render.blocks import bullets
from planbuilder.render.flowables import Anchor, WritingLines
from planbuilder.render.styles import Look
from planbuilder.render.text import para

HANDWRITING_LINE = 8 * mm


def sports_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    title = "Sports and stretching" if plan.sports else "Stretching"
    story: list[Flowable] = [Anchor("sports", title), para(title, s["heading"])]
    if plan.sports:
        story.append(para(library.booklet.sports_intro, s["body"]))
        for sport in plan.sports.values():
            story.append(
                KeepTogether(
                    [
                        para(f"{sport.name}, about {sport.minutes} minutes", s["subheading"]),
                        para(sport.benefits, s["body"]),
                        para(sport.caution, s["body"], "<b>Take care:</b> "),
                    ]
                )
            )
        story.append(Spacer(0, look.space))
        story.append(para("Stretching", s["subheading"]))
    story.append(bullets(library.booklet.stretching, look))
    return story


def notes_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    spacing = max(HANDWRITING_LINE, look.size("body") * 2.4)
    return [
        Anchor("notes", "Notes"),
        para("Notes", s["heading"]),
        para("Questions for your physiotherapist, how your back feels, what helped.", s["small"]),
        Spacer(0, look.space * 2),
        WritingLines(look.layout.notes_lines, spacing, look.line / 2, look.colours["rule"]),
    ]
