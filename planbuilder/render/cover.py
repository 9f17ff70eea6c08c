"""The cover: who the plan is for, its dates, the plan at a glance, how to use the booklet."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, Spacer, Table

from planbuilder import __version__
from planbuilder.blocks import blocks, is_part
from planbuilder.content import Library
from planbuilder.glance import plan_rows
from planbuilder.plan import Plan
from planbuilder.render.flowables import Anchor
from planbuilder.render.fonts import REGULAR
from planbuilder.render.prose import boxed, bullets, long_date, para
from planbuilder.render.safety import screening_notes, screening_paragraphs
from planbuilder.render.styles import Look


def cover_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """The cover; for a part of a plan (`build --weeks`), a short one saying which weeks."""
    s = look.styles
    p = plan.profile
    words = library.booklet.cover
    story: list[Flowable] = [Anchor("cover", "Cover"), para(words.title, s["title"])]
    if p.name:
        story.append(para(f"for {p.name}", s["heading"]))
    if is_part(plan):
        return story + _part_cover(plan, library, look)
    story.append(para(f"{long_date(p.start)} to {long_date(p.end)}", s["subheading"]))
    story.append(Spacer(0, look.space * 2))

    cover = look.layout.cover
    label_width = look.width * cover.label_column
    rows = [[para(k, s["table_bold"]), para(v, s["table"])] for k, v in plan_rows(plan, library)]
    table = Table(rows, colWidths=[label_width, look.width - label_width])
    table.setStyle(
        look.table_style(
            [
                ("LINEBELOW", (0, 0), (-1, -1), look.line / 2, look.colours["rule"]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), look.padding * cover.row_padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.padding * cover.row_padding),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [table, Spacer(0, look.space)]

    story += _notes(plan, library, look)
    story += _block_pages(plan, library, look)
    # Never split: the list and the plan's id move to the next page together if they must.
    story.append(
        KeepTogether(
            [
                para(words.how_to_use_title, s["subheading"]),
                bullets(library.booklet.how_to_use, look, "body_tight", numbered=True),
                Spacer(0, look.space),
                para(
                    f"Plan {plan.plan_id} · made with planbuilder {__version__}. "
                    + words.keep_answers,
                    s["small"],
                ),
            ]
        )
    )
    return story


def _notes(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """Every note for this person in one frame (what changed since the last block, what the
    plan adapts, what screening let through): one frame takes less of the page than several,
    and the cover stays one page."""
    s = look.styles
    words = library.booklet.cover
    notes: list[Flowable] = []
    if plan.profile.cover_note:
        lead = f"<b>{words.since_last_block}</b> "
        notes.append(para(plan.profile.cover_note, s["body_tight"], lead))
    notes += [para(note, s["body_tight"], f"<b>{words.note_lead}</b> ") for note in plan.notes]
    notes += screening_paragraphs(plan, library, look)
    if not notes:
        return []
    rows: list[list[Flowable]] = []
    for note in notes:  # a list stays under the sentence that introduces it
        if rows and isinstance(note, ListFlowable):
            rows[-1].append(note)
        else:
            rows.append([note])
    return [_framed_rows(rows, look), Spacer(0, look.space)]


def _framed_rows(rows: list[list[Flowable]], look: Look) -> Table:
    """One frame around several notes, a row each, so that where they fill more than the rest
    of the page (large print) the frame splits between notes instead of jumping whole."""
    cover = look.layout.cover
    frame = Table([[row] for row in rows], colWidths=[look.width])
    frame.setStyle(
        look.table_style(
            [
                ("BOX", (0, 0), (-1, -1), look.line * cover.frame_line, look.colours["accent"]),
                ("LEFTPADDING", (0, 0), (-1, -1), look.padding * cover.frame_side),
                ("RIGHTPADDING", (0, 0), (-1, -1), look.padding * cover.frame_side),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.space * cover.between_notes),
                ("TOPPADDING", (0, 0), (-1, 0), look.padding * cover.frame_end),
                ("BOTTOMPADDING", (0, -1), (-1, -1), look.padding * cover.frame_end),
            ]
        )
    )
    return frame


def _block_pages(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """For a long plan: which pages make up each 4-week block, to print a block at a time.
    The page numbers are known only once every page is drawn, so each is a small form the
    canvas fills in when the document is saved (see document.py), in one pass."""
    if not blocks(plan):
        return []
    s = look.styles
    lines = [("Before week 1 (cover, safety, guide): ", BLOCK_FORM.format(0))]
    for number, (first, last) in enumerate(blocks(plan), start=1):
        weeks = f"Weeks {first}–{last}" if last > first else f"Week {first}"
        lines.append((f"{weeks}: ", BLOCK_FORM.format(number)))
    lines.append(("Tracker to the end: ", BLOCK_FORM.format(len(blocks(plan)) + 1)))
    words = library.booklet.cover
    # the heading never at the foot of one page with its list on the next
    listed = [
        para(words.blocks_title, s["subheading"]),
        para(words.blocks_intro, s["body_tight"]),
        FormLines(lines, look),
    ]
    return [KeepTogether(listed), Spacer(0, look.space * 2)]


# The name of the form that holds a block's page numbers ("pages 19–22"); 0: the pages before
# week 1; one more than the blocks: the pages after the last week.
BLOCK_FORM = "blockPages{}"


class FormLines(Flowable):
    """Lines of text, each ending in a form drawn with what is known only at the end. The
    first and the last line (the pages before and after the weeks) share the first row
    where both fit on it (in large type they do not: the last then ends the list); the
    others (a long plan's blocks) share the rows below, as many to a row as fit, so a
    year-long plan's fourteen blocks do not push the cover onto a second page."""

    # The widest a form can print ("pages 118–121"), to size a column before it is known.
    WIDEST_FORM = "pages 000–000"

    def __init__(self, lines: list[tuple[str, str]], look: Look) -> None:
        super().__init__()
        self.first, *self.shared, self.last = lines
        self.look = look
        self.size = look.size("body")
        self.leading = self.size * look.layout.leading
        self.indent = self.size * 1.6
        self.columns = 1
        self.last_x = 0.0  # where the last line starts on the first row
        self.last_beside = True  # False: on a row of its own, the list's last

    def _width(self, text: str) -> float:
        return self.indent + stringWidth(text + self.WIDEST_FORM, REGULAR, self.size)

    def _column_width(self) -> float:
        return max(self._width(text) for text, _ in self.shared) + self.size * 2

    def _rows(self) -> int:
        return 1 + -(-len(self.shared) // self.columns) + (0 if self.last_beside else 1)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.shared:
            self.columns = max(1, int(available_width // self._column_width()))
        self.last_x = max(self._width(self.first[0]) + self.size * 2, available_width / 2)
        self.last_beside = self.last_x + self._width(self.last[0]) <= available_width
        return available_width, self.leading * self._rows()

    def draw(self) -> None:
        rows = self._rows()
        self._draw_line(*self.first, 0, rows - 1)
        if self.last_beside:
            self._draw_line(*self.last, self.last_x, rows - 1)
        else:
            self._draw_line(*self.last, 0, 0)
        width = self._column_width() if self.shared else 0
        for index, (text, form) in enumerate(self.shared):
            row, column = divmod(index, self.columns)
            self._draw_line(text, form, column * width, rows - 2 - row)

    def _draw_line(self, text: str, form: str, x: float, row: int) -> None:
        canvas = self.canv
        y = self.leading * row + (self.leading - self.size) / 2
        canvas.saveState()
        canvas.setFont(REGULAR, self.size)
        canvas.setFillColor(self.look.colours["ink"])
        canvas.drawString(x, y, "•")
        canvas.drawString(x + self.indent, y, text)
        canvas.translate(x + self.indent + canvas.stringWidth(text, REGULAR, self.size), y)
        canvas.doForm(form)
        canvas.restoreState()


def _part_cover(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """The short cover of some weeks of a plan: which weeks, of how many, and the notes that
    matter for every week; the rest is in the booklet printed first."""
    s = look.styles
    p = plan.profile
    words = library.booklet.cover
    first, last = plan.weeks[0], plan.weeks[-1]
    story: list[Flowable] = [
        para(
            f"Weeks {first.number} to {last.number} of {p.weeks}: "
            f"{long_date(first.first)} to {long_date(last.last)}",
            s["subheading"],
        ),
        Spacer(0, look.space),
        para(
            words.part_intro.format(weeks=p.weeks, start=long_date(p.start), end=long_date(p.end)),
            s["body"],
        ),
    ]
    for note in plan.notes:
        lead = f"<b>{words.note_lead}</b> "
        story += [boxed(para(note, s["body_tight"], lead), look), Spacer(0, 4)]
    story += screening_notes(plan, library, look)
    story.append(
        para(
            f"Plan {plan.plan_id} · made with planbuilder {__version__}.",
            s["small"],
        )
    )
    return story
