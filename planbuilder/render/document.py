"""Plan + Layout → PDF: page order from the layout, footer, metadata, outline."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from planbuilder import __version__
from planbuilder.acroform import FieldBox, add_fields_and_attachments
from planbuilder.blocks import blocks, is_part
from planbuilder.content import Library
from planbuilder.layout import MIN_MARGIN_MM, Layout
from planbuilder.pagemarks import BOTTOM_BAND, FOOTER_INDENT, TOP_BAND, qr_square
from planbuilder.plan import Plan, plan_record
from planbuilder.profile import dump_answers
from planbuilder.render.cover import BLOCK_FORM, cover_story
from planbuilder.render.education import education_story, flare_up_story
from planbuilder.render.floor import floor_story
from planbuilder.render.flowables import PlanCanvas, WeekEnd
from planbuilder.render.fonts import REGULAR, register_fonts
from planbuilder.render.guide import guide_story
from planbuilder.render.markers import draw_page_marks
from planbuilder.render.notes import notes_story
from planbuilder.render.prose import date_range
from planbuilder.render.safety import safety_story
from planbuilder.render.sports import sports_story
from planbuilder.render.styles import Look, make_look
from planbuilder.render.tracker import tracker_story
from planbuilder.render.week import weeks_story

PARTS = {
    "safety": safety_story,
    "education": education_story,
    "flare_up": flare_up_story,
    "floor": floor_story,
    "guide": lambda plan, library, look: guide_story(plan, library, look),
    "weeks": weeks_story,
    "tracker": tracker_story,
    "sports": sports_story,
    "notes": notes_story,
}


WeekPages = dict[int, list[int]]  # week number → the pages it is printed on

TOTAL_PAGES_FORM = "totalPages"
# Parts whose pages carry tick boxes: they print corner markers and a QR code, so a photo of
# the ticked page can be read back (`planbuilder scan`).
MARKED_PARTS = frozenset({"weeks", "tracker"})


# The anchor every week page starts with, as prose.week_key names it: "week-3".
WEEK_KEY = re.compile(r"week-(\d+)")


def footer_weeks(weeks: list[int]) -> str:
    """'Week 3', 'Weeks 3–4', or '' on a page that shows no week."""
    if not weeks:
        return ""
    if len(weeks) == 1:
        return f"Week {weeks[0]}"
    return f"Weeks {weeks[0]}–{weeks[-1]}"


def _numbered_canvas(
    look: Look, name: str | None, boxes: list[FieldBox], block_weeks: list[tuple[int, int]]
) -> type[Canvas]:
    """A canvas that prints the footer of every page in one pass: whose plan it is, the week
    on a week page, and "Page N of M", so a loose page finds its place again.

    M is unknown until the end, so each footer places a small form (a PDF XObject) that is
    only drawn, with the final count, when the document is saved; so are the pages of each
    block that a long plan's cover lists. Pages are written as they come, so bookmarks and
    links keep pointing at the right pages.
    """
    owner = f"Back plan for {name}" if name else "Back plan"
    week_pages: WeekPages = {}

    class NumberedCanvas(PlanCanvas):
        def bookmarkPage(self, key: str, **kwargs: Any) -> Any:  # noqa: N802 (ReportLab's name)
            """A week's anchor: the week starts on this page."""
            week = WEEK_KEY.fullmatch(key)
            if week:
                self.state.open_week = int(week.group(1))
                self.state.page_weeks.append(int(week.group(1)))
            return super().bookmarkPage(key, **kwargs)

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._footer()
            super().showPage()
            # the next page shows the week still open at the bottom of this one
            week = self.state.open_week
            self.state.page_weeks = [week] if week else []

        def save(self) -> None:
            boxes.extend(self.state.fields)
            if block_weeks:
                self._block_forms()
            # a form's box starts at its origin unless told: the text's descenders go below
            self.beginForm(TOTAL_PAGES_FORM, lowery=-look.size("footer"))
            self.setFont(REGULAR, look.size("footer"))
            self.setFillColor(look.colours["muted"])
            self.drawString(0, 0, str(self._pageNumber - 1))
            self.endForm()
            super().save()

        def _block_forms(self) -> None:
            """The page numbers the cover's block list shows, now that they are known."""
            first_week = min(week_pages.get(1, [2]))
            spans = [(1, first_week - 1)]
            for first, last in block_weeks:
                pages = [n for week in range(first, last + 1) for n in week_pages.get(week, [])]
                spans.append((min(pages, default=0), max(pages, default=0)))
            total = self._pageNumber - 1
            spans.append((min(spans[-1][1] + 1, total), total))
            for number, (low, high) in enumerate(spans):
                # below the baseline too: "pages" lost the tails of its p and g
                self.beginForm(BLOCK_FORM.format(number), lowery=-look.size("body"))
                self.setFont(REGULAR, look.size("body"))
                self.setFillColor(look.colours["ink"])
                self.drawString(0, 0, f"pages {low}–{high}" if high > low else f"page {low}")
                self.endForm()

        def _footer(self) -> None:
            size = look.size("footer")
            # Below the text frame, but never in the 12 mm a printer may not reach.
            y = max(look.bottom - size * 1.8, MIN_MARGIN_MM * mm + size * 0.3)
            # Clear of the corner markers of pages with tick boxes (the same on every page).
            left = max(look.left, FOOTER_INDENT)
            right = look.page_size[0] - max(look.right, FOOTER_INDENT)
            total_width = self.stringWidth("0" * 3, REGULAR, size)
            numbers = sorted(set(self.state.page_weeks))
            for week in numbers:
                week_pages.setdefault(week, []).append(self._pageNumber)
            weeks = footer_weeks(numbers)
            # and clear of the QR code in the middle of the same line
            room = qr_square(look.page_size[0]).x - 2 * mm - left
            text = fitted(" · ".join(filter(None, (owner, weeks))), weeks, room, size)
            self.saveState()
            self.setFont(REGULAR, size)
            self.setFillColor(look.colours["muted"])
            self.drawString(left, y, text)
            self.drawRightString(right - total_width, y, f"Page {self._pageNumber} of ")
            self.translate(right - total_width, y)
            self.doForm(TOTAL_PAGES_FORM)
            self.restoreState()

    return NumberedCanvas


def fitted(text: str, keep: str, width: float, size: float) -> str:
    """`text` cut short with '…' to fit `width`, keeping its end `keep` (the week) whole: a
    long name gives way, the week never does."""
    if stringWidth(text, REGULAR, size) <= width:
        return text
    end = f"… · {keep}" if keep else "…"
    head = text[: len(text) - len(keep) - 3] if keep else text
    while head and stringWidth(head + end, REGULAR, size) > width:
        head = head[:-1]
    return head.rstrip() + end


def _template_of(part: str) -> str:
    return "marked" if part in MARKED_PARTS else "page"


# What a part of a plan (`build --weeks`) prints besides its weeks: a short cover, the safety
# page, the cards of its exercises and the tracker of its weeks; the rest the person has.
PART_PAGES = ("cover", "safety", "guide", "weeks", "tracker")


def build_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """The parts of the layout in its order (a part of a plan: its short set of pages)."""
    story: list[Flowable] = []
    pages = look.layout.pages
    if is_part(plan):
        pages = tuple(part for part in pages if part in PART_PAGES)
    for part in pages:
        if part == "cover":
            content = cover_story(plan, library, look)
        else:
            content = PARTS[part](plan, library, look)
        if not content:
            continue  # a part this person does not need (the floor page, sports)
        if story:
            story += [NextPageTemplate(_template_of(part)), *_page_break(part, look)]
        if part != "weeks":
            story.append(WeekEnd(new_part=True))  # its footers name no week
        story += content
    return story


def _page_break(part: str, look: Look) -> list[Flowable]:
    """A part begins a page, or (the layout's `shares_page`) follows on the page before, a
    little below, when a third of that page is left."""
    if part in look.layout.shares_page:
        return [CondPageBreak(look.height / 3), Spacer(0, look.space * 3)]
    return [PageBreak()]


def _page_templates(look: Look, plan_id: str) -> list[PageTemplate]:
    """Plain pages, and pages with tick boxes, whose text keeps clear of the marks a camera
    reads; the first part's template comes first, as the document starts with it."""

    def frame(top: float, bottom: float) -> Frame:
        height = look.page_size[1] - top - bottom
        return Frame(
            look.left,
            bottom,
            look.width,
            height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def marks(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        draw_page_marks(canvas, plan_id, canvas.getPageNumber())

    plain = PageTemplate(id="page", frames=[frame(look.top, look.bottom)])
    marked = PageTemplate(
        id="marked",
        frames=[frame(max(look.top, TOP_BAND), max(look.bottom, BOTTOM_BAND))],
        onPage=marks,
    )
    first = _template_of(look.layout.pages[0])
    return [plain, marked] if first == "page" else [marked, plain]


def render_pdf(plan: Plan, library: Library, layout: Layout, path: Path) -> int:
    """Write the plan's PDF to `path`; return the number of pages."""
    # Compressed streams stay binary: ASCII85 makes them a quarter larger and costs time.
    rl_config.useA85 = 0
    # The figures' shapes come from checked data (poses.py, posecheck.py): ReportLab's check of
    # every attribute of every shape as it is set finds nothing and costs time.
    rl_config.shapeChecking = 0
    register_fonts()
    look = make_look(layout, plan.profile.paper)
    p = plan.profile
    title = "Back plan" + (f" for {p.name}" if p.name else "")
    doc = BaseDocTemplate(
        str(path),
        pagesize=look.page_size,
        leftMargin=look.left,
        rightMargin=look.right,
        topMargin=look.top,
        bottomMargin=look.bottom,
        title=title,
        author=p.name or "",
        subject=f"{p.weeks}-week back-strengthening programme, {date_range(p.start, p.end)}",
        creator=f"planbuilder {__version__}",
        keywords=f"planbuilder plan {plan.plan_id}",
        invariant=True,
        # Our font from the start: otherwise Helvetica is declared, unembedded, on every page.
        initialFontName=REGULAR,
        pageCompression=1,
    )
    doc.addPageTemplates(_page_templates(look, plan.plan_id))
    boxes = _draw(doc, plan, library, look)
    record = json.dumps(plan_record(plan, __version__), ensure_ascii=False, sort_keys=True)
    add_fields_and_attachments(path, boxes, dump_answers(p), record, layout.form_fields)
    return doc.page


def _draw(doc: BaseDocTemplate, plan: Plan, library: Library, look: Look) -> list[FieldBox]:
    """The whole document in one pass; the boxes drawn, to lay the form fields over."""
    boxes: list[FieldBox] = []
    canvas = _numbered_canvas(look, plan.profile.name, boxes, blocks(plan))
    doc.build(build_story(plan, library, look), canvasmaker=canvas)
    return boxes
