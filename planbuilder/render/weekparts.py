"""The drawn parts of a week page: the day strip, a session's grid of numbered set boxes,
the pain circles, tick lines and the notes area.

Each part is one flowable that measures itself with plain string widths and draws straight
on the canvas: a week page has hundreds of boxes, and nested Platypus tables spent most of a
build laying them out. Every square is exactly `look.box` a side, with a form field over it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from planbuilder.acroform import NOTES, RADIO
from planbuilder.render.flowables import anchor_page, note_field, state_of
from planbuilder.render.fonts import BOLD, REGULAR
from planbuilder.render.prose import keep_together
from planbuilder.render.styles import Look

PAIN_VALUES = tuple(str(n) for n in range(11))
BOX_GAP = 0.3
NOTES_TITLE = "Notes: how the week went, what was hard, questions"


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of at most `width`, broken only at plain spaces (never at a non-breaking one);
    a word wider than the column alone is hyphenated."""
    lines: list[str] = []
    line = ""
    for word in keep_together(text).split(" "):
        if not word:
            continue
        joined = f"{line} {word}" if line else word
        if stringWidth(joined, font, size) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        pieces = _hyphenate(word, font, size, width)
        lines += pieces[:-1]
        line = pieces[-1]
    return [*lines, line] if line else lines


def _hyphenate(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than its column, in pieces that fit, each but the last ending in "-":
    after a hyphen of its own where one fits ("Shoulder-" / "blade"), else where it must."""
    pieces: list[str] = []
    while stringWidth(word, font, size) > width and len(word) > 1:
        hyphens = [i + 1 for i, c in enumerate(word[:-1]) if c == "-"]
        fitting = [i for i in hyphens if stringWidth(word[:i], font, size) <= width]
        if fitting:
            pieces.append(word[: fitting[-1]])
            word = word[fitting[-1] :]
            continue
        cut = len(word) - 1
        while cut > 1 and stringWidth(word[:cut] + "-", font, size) > width:
            cut -= 1
        pieces.append(word[:cut] + "-")
        word = word[cut:]
    return [*pieces, word]


@dataclass(frozen=True)
class Text:
    """Text in one of the look's sizes, measured and wrapped without a Paragraph."""

    size: float
    leading: float

    @classmethod
    def of(cls, look: Look, name: str) -> Text:
        size = look.size(name)
        return cls(size, size * look.layout.leading)

    def lines(self, text: str, width: float, bold: bool = False) -> list[str]:
        return wrap(text, BOLD if bold else REGULAR, self.size, max(width, 1)) or [""]

    def width(self, text: str, bold: bool = False) -> float:
        return stringWidth(text, BOLD if bold else REGULAR, self.size)


def _draw_lines(
    canvas: Canvas, lines: Sequence[str], x: float, top: float, text: Text, bold: bool = False
) -> None:
    """Lines of text whose first line's top is at `top`."""
    canvas.setFont(BOLD if bold else REGULAR, text.size)
    y = top - text.size
    for line in lines:
        canvas.drawString(x, y, line)
        y -= text.leading


def _box(canvas: Canvas, look: Look, x: float, y: float, name: str) -> None:
    canvas.rect(x, y, look.box, look.box, stroke=1, fill=0)
    note_field(canvas, name, "checkbox", x, y, look.box, look.box)


# --- the day strip -------------------------------------------------------------------------


@dataclass(frozen=True)
class DayEntry:
    """One thing planned on a day: its words and the name of its done box."""

    text: str
    field: str | None  # None: planned here, ticked elsewhere on the page (a crowded week's walks)


def rows_that_fit(header: float, heights: list[float], room: float) -> int:
    """How many rows, after a header, fit in `room`: where a tall grid splits."""
    used, count = header, 0
    for height in heights:
        if used + height > room:
            break
        used += height
        count += 1
    return count


class DayStrip(Flowable):
    """The week's days in cells, seven across (four and three where type is large): each
    day's date, and a done box for everything planned on it."""

    def __init__(self, days: list[tuple[str, list[DayEntry]]], look: Look) -> None:
        super().__init__()
        self.days = days
        self.look = look
        self.text = Text.of(look, "table")
        self.pad = max(look.padding * 1.5, look.box * 0.25)
        self.gap = max(look.padding, look.box * BOX_GAP)  # between boxes one above another
        self.columns = 7
        if self._text_width() < self.text.width("Session A,"):
            self.columns = 4
        self.cell = look.width / self.columns
        self.cells = [self._cell(date, entries) for date, entries in days]
        self.rows = [
            self.cells[i : i + self.columns] for i in range(0, len(self.cells), self.columns)
        ]
        self.row_heights = [max(h for h, _ in row) + 2 * self.pad for row in self.rows]
        self.height = sum(self.row_heights)

    def _text_width(self) -> float:
        return self.look.width / self.columns - 3 * self.pad - self.look.box

    def _cell(self, date: str, entries: list[DayEntry]) -> tuple[float, list[list[str]]]:
        texts = [self.text.lines(e.text, self._text_width()) for e in entries]
        height = self.text.leading + self.look.padding
        for lines in texts:
            height += max(len(lines) * self.text.leading, self.look.box) + self.gap
        if not entries:
            height += self.text.leading
        return height, texts

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.look.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        top = self.height
        for index, row_height in enumerate(self.row_heights):
            first = index * self.columns
            self._draw_row(first, top, row_height)
            top -= row_height
        canvas.restoreState()

    def _draw_row(self, first: int, top: float, height: float) -> None:
        canvas, look = self.canv, self.look
        days = self.days[first : first + self.columns]
        canvas.setStrokeColor(look.colours["rule"])
        canvas.setLineWidth(look.line / 2)
        canvas.rect(0, top - height, self.cell * len(days), height, stroke=1, fill=0)
        for column in range(1, len(days)):
            canvas.line(column * self.cell, top - height, column * self.cell, top)
        for column, (date, entries) in enumerate(days):
            texts = self.cells[first + column][1]
            x = column * self.cell + self.pad
            y = top - self.pad
            canvas.setFillColor(look.colours["ink"])
            _draw_lines(canvas, [date], x, y, self.text, bold=True)
            y -= self.text.leading + look.padding
            if not entries:
                canvas.setFillColor(look.colours["muted"])
                _draw_lines(canvas, ["Rest"], x, y, self.text)
                canvas.setFillColor(look.colours["ink"])
            canvas.setStrokeColor(look.colours["ink"])
            canvas.setLineWidth(look.line)
            for entry, lines in zip(entries, texts, strict=True):
                if entry.field is not None:
                    _box(canvas, look, x, y - look.box, entry.field)
                _draw_lines(canvas, lines, x + look.box + self.pad, y, self.text)
                y -= max(len(lines) * self.text.leading, look.box) + self.gap


class DayTicks(Flowable):
    """One kind of day on one line: its words, then a done box for each of its days; for a
    week too full to give its walks a place in every day's cell."""

    def __init__(self, lead: str, days: list[tuple[str, str]], look: Look) -> None:
        """`days`: (the day's short name, the name of its done box)."""
        super().__init__()
        self.look = look
        self.days = days
        self.text = Text.of(look, "table")
        self.gap = look.box * look.layout.week.number_gap
        ticks = sum(self.text.width(day) + look.box + 3 * self.gap for day, _ in days)
        self.lead = self.text.lines(lead, look.width - ticks, bold=True)
        self.height = max(len(self.lead) * self.text.leading, look.box) + look.padding * 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.look.width, self.height

    def draw(self) -> None:
        canvas, look = self.canv, self.look
        canvas.saveState()
        canvas.setFillColor(look.colours["ink"])
        top = self.height - look.padding
        _draw_lines(canvas, self.lead, 0, top, self.text, bold=True)
        x = max(self.text.width(line, bold=True) for line in self.lead) + 2 * self.gap
        canvas.setStrokeColor(look.colours["ink"])
        canvas.setLineWidth(look.line)
        for day, field in self.days:
            _box(canvas, look, x, top - look.box, field)
            x += look.box + self.gap
            _draw_lines(canvas, [day], x, top - (look.box - self.text.size) / 2, self.text)
            x += self.text.width(day) + 2 * self.gap
        canvas.restoreState()


# --- a session's grid ----------------------------------------------------------------------


@dataclass(frozen=True)
class GridRow:
    """An exercise in a session: its name, the card it links to, its dose, its set boxes'
    field names for each day (in the order of the grid's days)."""

    name: str
    card: str
    dose: str
    fields: list[list[str]]


class SessionGrid(Flowable):
    """Exercises down, days across: each exercise once with its guide page and dose, and for
    every day its set boxes numbered 1, 2, 3."""

    def __init__(
        self,
        title: str,
        days: list[str],
        rows: list[GridRow],
        look: Look,
        name_share: float,
        dose_share: float,
        width: float | None = None,
        title_over_doses: bool = False,
        boxes_per_line: int | None = None,
    ) -> None:
        """`width`: the grid's, the text width unless it stands beside another (compact);
        `title_over_doses`: a title too wide for the names' column runs on over the doses'
        (whose header it then replaces) rather than taking a second line; `boxes_per_line`:
        a day's set boxes beyond it go on a line under the first (large print: a three-set
        row need not widen every day's column for all the others), None for one line."""
        super().__init__()
        self.width = look.width if width is None else width
        self.title_over_doses = title_over_doses
        self.boxes_per_line = boxes_per_line
        self.title = title
        self.days = days
        self.rows = rows
        self.look = look
        self.text = Text.of(look, "table")
        self.small = Text.of(look, "small")
        self.pad = max(look.padding * 1.5, look.box * look.layout.week.cell_padding)
        self.name_width = self.width * name_share
        self.dose_width = self.width * dose_share
        self.day_width = (self.width - self.name_width - self.dose_width) / max(len(days), 1)
        self.page_width = self.small.width("p. 000")
        self.header_lines = self.text.lines(title, self.name_width - 2 * self.pad, bold=True)
        self.dose_header = True
        if title_over_doses and len(self.header_lines) > 1:
            across = self.name_width + self.dose_width - 2 * self.pad
            self.header_lines = self.text.lines(title, across, bold=True)
            self.dose_header = False
        self.header = len(self.header_lines) * self.text.leading + 2 * look.padding
        self.laid = [self._lay(row) for row in rows]
        self.height = self.header + sum(h for h, _, _ in self.laid)

    def _lay(self, row: GridRow) -> tuple[float, list[str], list[str]]:
        name = self.text.lines(row.name, self.name_width - 3 * self.pad - self.page_width)
        dose = self.text.lines(row.dose, self.dose_width - 2 * self.pad)
        lines = max(len(name), len(dose))
        boxes = self._box_lines(max((len(fields) for fields in row.fields), default=1))
        boxes_height = boxes * self.look.box + (boxes - 1) * self._box_gap()
        height = max(lines * self.text.leading, boxes_height) + 2 * self.look.padding
        return height, name, dose

    def _widest_line(self) -> int:
        """The most boxes on a line of any row: every row's box 1 stands under the first's."""
        most = max((len(fields) for row in self.rows for fields in row.fields), default=1)
        return min(most, self.boxes_per_line or most)

    def _box_lines(self, count: int) -> int:
        per_line = self.boxes_per_line or count
        return max(1, -(-count // per_line))

    def _box_gap(self) -> float:
        """Between a day's lines of boxes: as between boxes one above another elsewhere."""
        return max(self.look.padding, self.look.box * BOX_GAP)

    def unit(self) -> float:
        """The width of one numbered box: its number, a gap (wide enough that a scanner
        looking for the box's border a few pixels around never takes the digit for it), the
        box."""
        return (
            self.small.width("0") + self.look.layout.week.number_gap * self.look.box + self.look.box
        )

    def boxes_width(self, count: int) -> float:
        return count * self.unit() + (count - 1) * self.look.box * self.look.layout.week.set_gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Only a grid taller than a page (large print, long sessions) is split: between
        exercises, the header repeated."""
        count = rows_that_fit(self.header, [height for height, _, _ in self.laid], available_height)
        if count == 0 or count == len(self.rows):
            return []
        return [self._part(self.rows[:count]), self._part(self.rows[count:])]

    def _part(self, rows: list[GridRow]) -> SessionGrid:
        look = self.look
        return SessionGrid(
            self.title,
            self.days,
            rows,
            look,
            self.name_width / self.width,
            self.dose_width / self.width,
            self.width,
            self.title_over_doses,
            self.boxes_per_line,
        )

    def draw(self) -> None:
        canvas, look = self.canv, self.look
        canvas.saveState()
        canvas.setFillColor(look.colours["ink"])
        top = self.height
        _draw_lines(canvas, self.header_lines, self.pad, top - look.padding, self.text, True)
        if self.dose_header:
            x = self.name_width + self.pad
            _draw_lines(canvas, ["Dose"], x, top - look.padding, self.text, True)
        for index, day in enumerate(self.days):
            x = self.name_width + self.dose_width + index * self.day_width + self.pad
            _draw_lines(canvas, [day], x, top - look.padding, self.text, True)
        top -= self.header
        rules = [top]
        for row, (height, name, dose) in zip(self.rows, self.laid, strict=True):
            self._draw_row(canvas, row, top, height, name, dose)
            top -= height
            rules.append(top)
        self._draw_rules(canvas, rules)
        canvas.restoreState()

    def _draw_row(
        self,
        canvas: Canvas,
        row: GridRow,
        top: float,
        height: float,
        name: list[str],
        dose: list[str],
    ) -> None:
        look = self.look
        lines = max(len(name), len(dose))
        text_top = top - (height - lines * self.text.leading) / 2
        canvas.setFillColor(look.colours["ink"])
        _draw_lines(canvas, name, self.pad, text_top, self.text)
        width = max(self.text.width(line) for line in name)
        canvas.linkRect(
            "", row.card, (self.pad, top - height, self.pad + width, top), relative=1, thickness=0
        )
        page = anchor_page(canvas, row.card)
        if page is not None:
            canvas.setFont(REGULAR, self.small.size)
            canvas.setFillColor(look.colours["muted"])
            canvas.drawRightString(
                self.name_width - self.pad, text_top - self.text.size, f"p. {page}"
            )
            canvas.setFillColor(look.colours["ink"])
        _draw_lines(canvas, dose, self.name_width + self.pad, text_top, self.text)
        canvas.setStrokeColor(look.colours["ink"])
        canvas.setLineWidth(look.line)
        canvas.setFont(REGULAR, self.small.size)
        canvas.setFillColor(look.colours["muted"])
        for index, fields in enumerate(row.fields):
            left = self.name_width + self.dose_width + index * self.day_width
            per_line = self.boxes_per_line or len(fields)
            lines = [fields[i : i + per_line] for i in range(0, len(fields), per_line)]
            boxes_height = len(lines) * look.box + (len(lines) - 1) * self._box_gap()
            box_y = top - (height - boxes_height) / 2 - look.box
            x0 = left + (self.day_width - self.boxes_width(self._widest_line())) / 2
            for first, line in zip(range(1, len(fields) + 1, per_line), lines, strict=False):
                self._draw_boxes(canvas, line, first, x0, box_y)
                box_y -= look.box + self._box_gap()

    def _draw_boxes(
        self, canvas: Canvas, fields: list[str], first: int, x: float, box_y: float
    ) -> None:
        """One line of a day's set boxes, each after its number (`first` the line's first)."""
        look = self.look
        for number, field in enumerate(fields, start=first):
            canvas.drawString(x, box_y + (look.box - self.small.size) / 2 + 1, str(number))
            x += self.small.width("0") + look.layout.week.number_gap * look.box
            _box(canvas, look, x, box_y, field)
            x += look.box + look.box * look.layout.week.set_gap

    def _draw_rules(self, canvas: Canvas, rules: list[float]) -> None:
        look = self.look
        canvas.setStrokeColor(look.colours["rule"])
        canvas.setLineWidth(look.line / 2)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        for y in rules[1:-1]:
            canvas.line(0, y, self.width, y)
        x = self.name_width
        canvas.line(x, 0, x, self.height if self.dose_header else rules[0])  # under the title
        x += self.dose_width
        for _ in self.days:
            canvas.line(x, 0, x, self.height)
            x += self.day_width
        canvas.setStrokeColor(look.colours["ink"])
        canvas.setLineWidth(look.line * 1.5)
        canvas.line(0, rules[0], self.width, rules[0])


# --- pain circles --------------------------------------------------------------------------


@dataclass(frozen=True)
class PainEntry:
    """One session's pain: its day in words and its before and after group names."""

    day: str
    before: str
    after: str


class PainRows(Flowable):
    """For each session, pain before and after as eleven circles, 0 to 10, to tick one of.

    Circles with their numbers above them, outside: a number inside would be read as a tick
    by a scanner. Before and after share a line where the page is wide enough."""

    def __init__(self, entries: list[PainEntry], look: Look, numbers_once: bool = False) -> None:
        """`numbers_once`: the numbers above the first row's circles only, as a table's
        header, for a week too full to give every row its own."""
        super().__init__()
        self.entries = entries
        self.numbers_once = numbers_once
        self.look = look
        self.text = Text.of(look, "table")
        self.small = Text.of(look, "small")
        self.gap = look.box * look.layout.week.pain_gap
        self.day_width = max(self.text.width(e.day, bold=True) for e in entries) + look.box * 0.6
        self.label_width = self.text.width("Pain before") + look.box * 0.3
        self.group = self.label_width + 11 * look.box + 10 * self.gap
        self.side_by_side = self.day_width + 2 * self.group + look.box <= look.width
        self.line = self.small.size + look.box + look.padding * 2
        per_entry = 1 if self.side_by_side else 2
        self.lines = len(entries) * per_entry
        self.height = self.lines * self.line
        if numbers_once:
            self.height -= (self.lines - 1) * self.small.size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.look.width, self.height

    def draw(self) -> None:
        canvas, look = self.canv, self.look
        canvas.saveState()
        top = self.height
        numbered = True
        for entry in self.entries:
            canvas.setFillColor(look.colours["ink"])
            line = self._line(numbered)
            y = top - line + look.padding
            _draw_lines(canvas, [entry.day], 0, y + look.box, self.text, bold=True)
            x = self.day_width
            self._group(canvas, x, y, "Pain before", entry.before, numbered)
            if self.side_by_side:
                x += self.group + look.box
            else:
                top -= line
                numbered = not self.numbers_once
                line = self._line(numbered)
                y = top - line + look.padding
            self._group(canvas, x, y, "Pain after", entry.after, numbered)
            top -= line
            numbered = not self.numbers_once
        canvas.restoreState()

    def _line(self, numbered: bool) -> float:
        return self.line if numbered else self.line - self.small.size

    def _group(
        self, canvas: Canvas, x: float, y: float, label: str, name: str, numbered: bool
    ) -> None:
        look = self.look
        canvas.setFillColor(look.colours["ink"])
        _draw_lines(canvas, [label], x, y + look.box, self.text)
        x += self.label_width
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(self._circles_form(canvas, numbered))
        canvas.restoreState()
        for value in PAIN_VALUES:
            note_field(canvas, name, RADIO, x, y, look.box, look.box, value)
            x += look.box + self.gap

    def _circles_form(self, canvas: Canvas, numbered: bool) -> str:
        """The eleven circles (numbered or not), drawn once as a form and placed for every
        session: a booklet has hundreds of them, and their curves would double its size."""
        look = self.look
        name = f"PainCircles{round(look.box * 100)}{'' if numbered else 'Bare'}"
        made = state_of(canvas).forms
        if name in made:
            return name
        made.add(name)
        # the form's box reaches past its origin by the line's half width (and more): else
        # the 0 circle's left edge is clipped flat
        canvas.beginForm(name, lowerx=-look.box, lowery=-look.box)
        canvas.setStrokeColor(look.colours["ink"])
        canvas.setLineWidth(look.line)
        canvas.setFont(REGULAR, self.small.size)
        canvas.setFillColor(look.colours["muted"])
        radius, x = look.box / 2, 0.0
        # the numbers midway between their circles and the row above (digits stand about
        # 0.73 of the type size tall): at 0.6 of the padding they nearly touched the circles
        room = self.small.size + 2 * look.padding
        baseline = look.box + (room - 0.73 * self.small.size) / 2
        circles = canvas.beginPath()
        for value in PAIN_VALUES:
            if numbered:
                canvas.drawCentredString(x + radius, baseline, value)
            circles.circle(x + radius, radius, radius)
            x += look.box + self.gap
        canvas.drawPath(circles, stroke=1, fill=0)
        canvas.endForm()
        return name


# --- tick lines and notes ------------------------------------------------------------------


class TickLines(Flowable):
    """A box to tick beside each line of text: a lift's entry check, "learned with a coach"."""

    def __init__(self, lines: list[tuple[str, str, str]], look: Look) -> None:
        """`lines`: (field name, bold lead, text)."""
        super().__init__()
        self.look = look
        self.text = Text.of(look, "table")
        self.indent = look.box + look.padding * 2
        self.laid = [
            (field, lead, self.text.lines(f"{lead} {text}", look.width - self.indent))
            for field, lead, text in lines
        ]
        self.gap = max(look.padding, look.box * BOX_GAP)
        self.height = sum(
            max(len(wrapped) * self.text.leading, look.box) + self.gap
            for _, _, wrapped in self.laid
        )

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.look.width, self.height

    def draw(self) -> None:
        canvas, look = self.canv, self.look
        canvas.saveState()
        top = self.height
        for field, _, wrapped in self.laid:
            canvas.setStrokeColor(look.colours["ink"])
            canvas.setLineWidth(look.line)
            _box(canvas, look, 0, top - look.box, field)
            canvas.setFillColor(look.colours["ink"])
            _draw_lines(canvas, wrapped, self.indent, top, self.text)
            top -= max(len(wrapped) * self.text.leading, look.box) + self.gap
        canvas.restoreState()


class NotesArea(Flowable):
    """A framed area of ruled lines, with one multi-line text field over it for the screen."""

    def __init__(
        self,
        name: str,
        lines: int,
        look: Look,
        width: float | None = None,
        title: str = NOTES_TITLE,
    ) -> None:
        """`width` and `title`: a compact page's two weeks have their notes side by side,
        each headed with its week."""
        super().__init__()
        self.name = name
        self.lines = lines
        self.look = look
        self.width = look.width if width is None else width
        self.text = Text.of(look, "table")
        self.title = self.text.lines(title, self.width, bold=True)
        self.spacing = notes_spacing(look)
        self.height = len(self.title) * self.text.leading + look.padding + lines * self.spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, look = self.canv, self.look
        canvas.saveState()
        canvas.setFillColor(look.colours["ink"])
        _draw_lines(canvas, self.title, 0, self.height, self.text, True)
        area = self.lines * self.spacing
        canvas.setStrokeColor(look.colours["rule"])
        canvas.setLineWidth(look.line / 2)
        for index in range(1, self.lines):
            y = index * self.spacing
            canvas.line(look.padding, y, self.width - look.padding, y)
        canvas.setStrokeColor(look.colours["ink"])
        canvas.setLineWidth(look.line)
        canvas.rect(0, 0, self.width, area, stroke=1, fill=0)
        note_field(canvas, self.name, NOTES, 0, 0, self.width, area)
        canvas.restoreState()


class Beside(Flowable):
    """Two columns of parts side by side, each as wide as its parts, tops aligned: where a
    compact page sets two sessions' grids, or two weeks' notes, next to each other."""

    def __init__(self, left: list[Flowable], right: list[Flowable], gap: float) -> None:
        super().__init__()
        self.columns = (left, right)
        self.gap = gap
        self.sizes = [[part.wrap(0, 0) for part in column] for column in self.columns]
        self.widths = [max((w for w, _ in sizes), default=0) for sizes in self.sizes]
        self.height = max(sum(h for _, h in sizes) for sizes in self.sizes)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.widths[0] + self.gap + self.widths[1], self.height

    def draw(self) -> None:
        x = 0.0
        for column, sizes, width in zip(self.columns, self.sizes, self.widths, strict=True):
            top = self.height
            for part, (_, height) in zip(column, sizes, strict=True):
                top -= height
                part.drawOn(self.canv, x, top)
            x += width + self.gap


def notes_spacing(look: Look) -> float:
    return look.layout.week.notes_line_mm * mm


def height_of(flowable: Flowable, width: float, frame_height: float) -> float:
    """How much of a frame a flowable takes, its spaces before and after included. Measured
    on a canvas of its own: a list's wrap needs one (it wraps its items on it)."""
    _, height = flowable.wrapOn(_measuring_canvas(), width, frame_height)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def stack_height(flowables: list[Flowable], width: float, frame_height: float) -> float:
    """How much of a frame flowables take set one under another (see height_of)."""
    return sum(height_of(flowable, width, frame_height) for flowable in flowables)


@cache
def _measuring_canvas() -> Canvas:
    """A canvas nothing is drawn on, for measuring before the document is drawn."""
    return Canvas(io.BytesIO())
