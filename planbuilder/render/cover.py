"""The cover: who the plan is for, its dates, the plan at a glance, how to use the booklet."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table

from planbuilder import __version__
from planbuilder.blocks import blocks, is_part
from planbuilder.content import Library
from planbuilder.glance import plan_rows
from planbuilder.plan import Plan
from planbuilder.render.flowables import Anchor
from planbuilder.render.fonts import REGULAR
from planbuilder.render.prose import boxed, bullets, long_date, para
from planbuilder.render.safety import screening_notes
from planbuilder.render.styles import Look


def cover_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """The cover; for a part of a plan (`build --weeks`), a short one saying which weeks."""
    s = look.styles
    p = plan.profile
    story: list[Flowable] = [Anchor("cover", "Cover"), para("Your back plan", s["title"])]
    if p.name:
        story.append(para(f"for {p.name}", s["heading"]))
    if is_part(plan):
        return story + _part_cover(plan, library, look)
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

    story += _block_pages(plan, look)
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


def _block_pages(plan: Plan, look: Look) -> list[Flowable]:
    """For a long plan: which pages make up each 4-week block, to print a block at a time.
    The page numbers are known only once every page is drawn, so each is a small form the
    canvas fills in when the document is saved (see document.py), in one pass."""
    if not blocks(plan):
        return []
    s = look.styles
    lines = [("Before week 1 (cover, safety, guide): pages ", BLOCK_FORM.format(0))]
    for number, (first, last) in enumerate(blocks(plan), start=1):
        lines.append((f"Weeks {first}–{last}: pages ", BLOCK_FORM.format(number)))
    return [
        para("Printing a block at a time", s["subheading"]),
        para(
            "A long plan need not be printed at once. Print the pages before week 1 once, "
            "then each block of weeks when you come to it:",
            s["body_tight"],
        ),
        FormLines(lines, look),
        Spacer(0, look.space * 2),
    ]


# The name of the form that holds a block's page numbers; 0: the pages before week 1.
BLOCK_FORM = "blockPages{}"


class FormLines(Flowable):
    """Lines of text, each ending in a form drawn with what is known only at the end."""

    def __init__(self, lines: list[tuple[str, str]], look: Look) -> None:
        super().__init__()
        self.lines = lines
        self.look = look
        self.size = look.size("body")
        self.leading = self.size * look.layout.leading

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, self.leading * len(self.lines)

    def draw(self) -> None:
        canvas = self.canv
        indent = self.size * 1.6
        for index, (text, form) in enumerate(self.lines):
            y = self.leading * (len(self.lines) - index - 1) + (self.leading - self.size) / 2
            canvas.saveState()
            canvas.setFont(REGULAR, self.size)
            canvas.setFillColor(self.look.colours["ink"])
            canvas.drawString(0, y, "•")
            canvas.drawString(indent, y, text)
            canvas.translate(indent + canvas.stringWidth(text, REGULAR, self.size), y)
            canvas.doForm(form)
            canvas.restoreState()


def _part_cover(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """The short cover of some weeks of a plan: which weeks, of how many, and the notes that
    matter for every week; the rest is in the booklet printed first."""
    s = look.styles
    p = plan.profile
    first, last = plan.weeks[0], plan.weeks[-1]
    story: list[Flowable] = [
        para(
            f"Weeks {first.number} to {last.number} of {p.weeks}: "
            f"{long_date(first.first)} to {long_date(last.last)}",
            s["subheading"],
        ),
        Spacer(0, look.space),
        para(
            f"These pages carry on your {p.weeks}-week plan ({long_date(p.start)} to "
            f"{long_date(p.end)}): the safety page, the cards of this part's exercises, "
            "its weeks and its tracker. Keep them with the booklet you printed first.",
            s["body"],
        ),
    ]
    for note in plan.notes:
        story += [boxed(para(note, s["body_tight"], "<b>Important:</b> "), look), Spacer(0, 4)]
    story += screening_notes(plan, library, look)
    story.append(
        para(
            f"Plan {plan.plan_id} · made with planbuilder {__version__}.",
            s["small"],
        )
    )
    return story
