"""The cover: who the plan is for, its dates, the plan at a glance, how to use the booklet."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table

from planbuilder import __version__
from planbuilder.content import Library
from planbuilder.glance import plan_rows
from planbuilder.plan import Plan
from planbuilder.render.flowables import Anchor
from planbuilder.render.prose import boxed, bullets, long_date, para
from planbuilder.render.safety import screening_notes
from planbuilder.render.styles import Look


def cover_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    p = plan.profile
    story: list[Flowable] = [Anchor("cover", "Cover"), para("Your back plan", s["title"])]
    if p.name:
        story.append(para(f"for {p.name}", s["heading"]))
    story.append(para(f"{long_date(p.start)} to {long_date(p.end)}", s["subheading"]))
    story.append(Spacer(0, look.space * 2))

    label_width = look.width * 0.3
    rows = [[para(k, s["table_bold"]), para(v, s["table"])] for k, v in plan_rows(plan, library)]
    table = Table(rows, colWidths=[label_width, look.width - label_width])
    table.setStyle(
        look.table_style(
            [
                ("LINEBELOW", (0, 0), (-1, -1), look.line / 2, look.colours["rule"]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), look.padding * 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.padding * 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [table, Spacer(0, look.space * 2)]

    if p.cover_note:
        story.append(
            boxed(para(p.cover_note, s["body_tight"], "<b>Since your last block:</b> "), look)
        )
        story.append(Spacer(0, look.space))
    for note in plan.notes:
        story.append(boxed(para(note, s["body_tight"], "<b>Important:</b> "), look))
        story.append(Spacer(0, look.space))
    story += screening_notes(plan, library, look)

    story.append(para("How to use this booklet", s["subheading"]))
    story.append(bullets(library.booklet.how_to_use, look, numbered=True))
    story.append(Spacer(0, look.space * 2))
    story.append(
        para(
            f"Plan {plan.plan_id} · made with planbuilder {__version__}. "
            "Keep the answers file to rebuild or change this plan.",
            s["small"],
        )
    )
    return story
