"""Our own small flowables: tick boxes, write-in boxes, ruled lines and outline anchors.

Tick boxes are drawn as empty vector squares, never as font glyphs: a printer without the
glyph would print a black square, and a square drawn on the canvas prints the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from planbuilder.acroform import NOTES, FieldBox


@dataclass
class DrawingState:
    """What the booklet's flowables tell each other while ReportLab draws: the boxes that
    become form fields, the page each anchor (a card) landed on, the forms drawn once and
    placed many times, and the weeks the page being drawn shows (for its footer)."""

    fields: list[FieldBox] = field(default_factory=list)
    anchor_pages: dict[str, int] = field(default_factory=dict)
    forms: set[str] = field(default_factory=set)
    open_week: int | None = None  # the week still running at the foot of the page
    page_weeks: list[int] = field(default_factory=list)


class PlanCanvas(Canvas):
    """ReportLab's canvas with the booklet's drawing state as a declared attribute."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.state = DrawingState()


def state_of(canvas: Canvas) -> DrawingState:
    """The drawing state of a booklet canvas; a throwaway one on any other canvas (the
    figure catalogue, a test), where no fields or footers are made."""
    if isinstance(canvas, PlanCanvas):
        return canvas.state
    return DrawingState()


def note_field(
    canvas: Canvas, name: str, kind: str, x: float, y: float, w: float, h: float, value: str = ""
) -> None:
    """Remember where a box was drawn, on which page, so a form field can be laid over it.

    `kind` is one of acroform's CHECKBOX, TEXT, NOTES, RADIO; a RADIO button also gives its
    `value` (a pain circle: "0" to "10"), and every button of one name makes one group.
    The fields themselves are added after ReportLab is done (see acroform.py).
    """
    x0, y0 = canvas.absolutePosition(x, y)
    x1, y1 = canvas.absolutePosition(x + w, y + h)
    box = FieldBox(name, kind, canvas.getPageNumber(), (x0, y0, x1, y1), value)
    state_of(canvas).fields.append(box)


def in_the_booklet(canvas: Canvas) -> bool:
    """Whether this is the booklet being drawn, not a canvas that measures before it."""
    return isinstance(canvas, PlanCanvas)


def anchor_page(canvas: Canvas, key: str) -> int | None:
    """The page an anchor (an exercise card) was drawn on, once it has been drawn: week pages
    come after the guide, so they can say "p. 7"."""
    return state_of(canvas).anchor_pages.get(key)


class WeekEnd(Flowable):
    """Invisible: where the weeks of a page end, so the footer of the next page (the tracker)
    stops naming them. Where a week begins, the footer learns from the week's own outline
    anchor (prose.week_key), which the week page draws on the page the week starts on."""

    def __init__(self, new_part: bool = False) -> None:
        super().__init__()
        self.new_part = new_part  # at the top of a part after the weeks: this page has none

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        state = state_of(self.canv)
        state.open_week = None
        if self.new_part:
            state.page_weeks = []


class TickBoxes(Flowable):
    """A row of `count` empty squares, one per set (or one for "done").

    With `names`, each square also becomes a checkbox of the fillable PDF.
    """

    def __init__(
        self,
        count: int,
        size: float,
        gap: float,
        line: float,
        colour: Color,
        names: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.count = count
        self.size = size
        self.gap = gap
        self.line = line
        self.colour = colour
        self.names = names

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.count * self.size + (self.count - 1) * self.gap, self.size

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(self.line)
        for index in range(self.count):
            x = index * (self.size + self.gap)
            canvas.rect(x, 0, self.size, self.size, stroke=1, fill=0)
            if self.names:
                note_field(canvas, self.names[index], "checkbox", x, 0, self.size, self.size)
        canvas.restoreState()


class WriteInBox(Flowable):
    """An empty box to write a number in, with a small label to its left.

    Always wider than tall, so it is never mistaken for a tick box.
    """

    def __init__(
        self,
        label: str,
        width: float,
        height: float,
        font: str,
        size: float,
        line: float,
        colour: Color,
        name: str | None = None,
    ) -> None:
        super().__init__()
        self.name = name
        self.label = label
        self.box_width = max(width, height * 1.6)
        self.box_height = height
        self.font = font
        self.font_size = size
        self.line = line
        self.colour = colour

    def _label_width(self) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(self.label, self.font, self.font_size) + (2 if self.label else 0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self._label_width() + self.box_width, self.box_height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(self.font, self.font_size)
        canvas.setFillColor(self.colour)
        if self.label:
            canvas.drawString(0, (self.box_height - self.font_size) / 2 + 1, self.label)
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(self.line)
        canvas.rect(self._label_width(), 0, self.box_width, self.box_height, stroke=1, fill=0)
        if self.name:
            note_field(
                canvas, self.name, "text", self._label_width(), 0, self.box_width, self.box_height
            )
        canvas.restoreState()


class WritingLines(Flowable):
    """Ruled lines to write on, spaced for handwriting; as many as fit, up to `count`.

    With a `name`, the lines also become a multi-line text field of the fillable PDF.
    """

    def __init__(
        self, count: int, spacing: float, line: float, colour: Color, name: str | None = None
    ) -> None:
        super().__init__()
        self.name = name
        self.wanted = count
        self.count = count
        self.spacing = spacing
        self.line = line
        self.colour = colour
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        # as many as fit where it lands; wrap may be asked again with more room
        self.count = max(1, min(self.wanted, int(available_height // self.spacing)))
        return available_width, self.count * self.spacing

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(self.line)
        for index in range(self.count):
            y = index * self.spacing + 0.5  # just above the bottom, which may be a cell's edge
            canvas.line(0, y, self.width, y)
        if self.name:
            height = self.count * self.spacing
            note_field(canvas, self.name, NOTES, 0, 0, self.width, height)
        canvas.restoreState()


class Anchor(Flowable):
    """An invisible mark: a link destination and an outline (bookmark) entry."""

    def __init__(self, key: str, title: str | None = None, level: int = 0) -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.level = level

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        state_of(self.canv).anchor_pages[self.key] = self.canv.getPageNumber()
        self.canv.bookmarkPage(self.key)
        if self.title is not None:
            self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=True)
