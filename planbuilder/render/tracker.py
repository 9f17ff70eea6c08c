"""The progress tracker: the block as a calendar, a row a week and a cell a day with a box for
everything planned that day, the week's usual pain at the end of each row; below it a chart
of pain over the weeks to draw by hand.

Both are drawn straight on the canvas (see weekparts.py for why).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from planbuilder.acroform import tracker_field, tracker_pain_field
from planbuilder.blocks import BLOCK_WEEKS
from planbuilder.content import Library
from planbuilder.plan import Day, Plan, Session, SportSession, StrengthSession, Week
from planbuilder.profile import WEEKDAYS
from planbuilder.render.flowables import Anchor, note_field
from planbuilder.render.fonts import BOLD, REGULAR
from planbuilder.render.prose import day_month, para
from planbuilder.render.styles import Look
from planbuilder.render.weekparts import Text, rows_that_fit


def tracked_what(session: Session) -> str:
    """A tracker box's last name part: the strength label, the sport, or walk / mobility."""
    if isinstance(session, StrengthSession):
        return session.label
    if isinstance(session, SportSession):
        return session.sport
    return session.kind


def _short(session: Session, library: Library) -> str:
    if isinstance(session, StrengthSession):
        return session.label
    if isinstance(session, SportSession):
        return library.sports[session.sport].name
    words = library.booklet.tracker
    return words.walk if session.kind == "walk" else words.mobility


# A label may be set this much smaller to fit its box's cell before it loses words.
SMALLEST_LABEL = 0.75


def _fitted(label: str, room: float, size: float) -> tuple[str, float]:
    """A day's label in the room beside its box: smaller type first (to three quarters), then
    whole words dropped from the end ("Nordic walking" -> "Nordic"), never a word cut."""
    smallest = size * SMALLEST_LABEL
    words = label.split()
    while True:
        text = " ".join(words)
        fitting = min(size, room / max(stringWidth(text, REGULAR, 1), 0.01))
        if fitting >= smallest or len(words) == 1:
            return text, max(fitting, smallest)
        words = words[:-1]


@dataclass(frozen=True)
class CalendarRow:
    label: str
    week: Week


def at_a_block_end(rows: list[CalendarRow], count: int, block_fits_a_page: bool) -> int:
    """Where a calendar that does not fit splits: after the last whole 4-week block among the
    `count` rows that fit, so a page never holds a lone week (weeks 1-11, then 12 alone) and
    each block prints whole. When no block ends among them, nothing goes on this page (0) if
    the next block fits a page of its own, else `count` rows."""
    if count >= len(rows):
        return count
    ends = [i + 1 for i, row in enumerate(rows[:count]) if row.week.number % BLOCK_WEEKS == 0]
    if ends:
        return ends[-1]
    return 0 if block_fits_a_page else count


class Calendar(Flowable):
    """Weeks down, days across; each day's cell holds its date and a box per session. Its
    part on a following page opens with the tracker's title, "(continued)": a page pinned
    up alone still says what it is."""

    def __init__(
        self, rows: list[CalendarRow], library: Library, look: Look, continued: bool = False
    ) -> None:
        super().__init__()
        self.rows = rows
        self.continued = continued
        self.above = look.size("heading") * 1.2 + look.space if continued else 0.0
        self.library = library
        self.look = look
        self.text = Text.of(look, "table")
        self.small = Text.of(look, "small")
        self.pad = max(look.padding, look.box * 0.2)
        self.proportions = look.layout.tracker
        # the layout's share, or wider where its words need it ("Week" in large print)
        words = [self.text.width("Week", bold=True)]
        words += [self.text.width(row.label, bold=True) for row in rows]
        if any(row.week.deload for row in rows):
            words.append(self.small.width(library.booklet.tracker.lighter))
        self.week_width = max(look.width * self.proportions.week_column, max(words) + 2 * self.pad)
        self.pain_width = look.width * self.proportions.pain_column
        self.day_width = (look.width - self.week_width - self.pain_width) / 7
        self.header = self.text.leading + 2 * self.pad
        self.heights = [self._row_height(row.week) for row in rows]
        self.height = self.above + self.header + sum(self.heights)

    def _row_height(self, week: Week) -> float:
        most = max((len(day.sessions) for day in week.days), default=0)
        boxes = most * (self.look.box + self.look.box * self.proportions.box_gap)
        least = max(self.look.box * self.proportions.pain_box_height, self.text.leading * 2)
        return max(self.small.leading + boxes, least) + 2 * self.pad

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.look.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fit = rows_that_fit(self.above + self.header, self.heights, available_height)
        count = at_a_block_end(self.rows, fit, self._first_block_fits_a_page())
        if count == 0 or count == len(self.rows):
            return []
        return [
            Calendar(self.rows[:count], self.library, self.look, self.continued),
            Calendar(self.rows[count:], self.library, self.look, continued=True),
        ]

    def _first_block_fits_a_page(self) -> bool:
        from planbuilder.render.week import frame_height

        ends = [i + 1 for i, row in enumerate(self.rows) if row.week.number % BLOCK_WEEKS == 0]
        block = self.heights[: ends[0] if ends else len(self.rows)]
        above = self.look.size("heading") * 1.2 + self.look.space  # on a page of its own
        return above + self.header + sum(block) <= frame_height(self.look)

    def draw(self) -> None:
        canvas, look = self.canv, self.look
        canvas.saveState()
        canvas.setFillColor(look.colours["ink"])
        if self.continued:
            title = f"{self.library.booklet.tracker.title} (continued)"
            canvas.setFont(BOLD, look.size("heading"))
            canvas.drawString(0, self.height - look.size("heading"), title)
        canvas.setFont(BOLD, self.text.size)
        top = self.height - self.above - self.pad - self.text.size
        canvas.drawString(self.pad, top, "Week")
        for index, weekday in enumerate(WEEKDAYS):
            x = self.week_width + index * self.day_width + self.pad
            canvas.drawString(x, top, weekday.title())
        canvas.drawString(self.week_width + 7 * self.day_width + self.pad, top, "Pain")
        top = self.height - self.above - self.header
        rules = [top]
        for row, height in zip(self.rows, self.heights, strict=True):
            self._draw_row(row, top, height)
            top -= height
            rules.append(top)
        self._draw_rules(rules)
        canvas.restoreState()

    def _draw_row(self, row: CalendarRow, top: float, height: float) -> None:
        canvas, look = self.canv, self.look
        canvas.setFillColor(look.colours["ink"])
        canvas.setFont(BOLD, self.text.size)
        canvas.drawString(self.pad, top - self.pad - self.text.size, row.label)
        if row.week.deload:
            canvas.setFont(REGULAR, self.small.size)
            canvas.setFillColor(look.colours["muted"])
            y = top - self.pad - self.text.leading - self.small.size
            canvas.drawString(self.pad, y, self.library.booklet.tracker.lighter)
        for index, day in enumerate(row.week.days):
            self._draw_day(day, row.week.number, self.week_width + index * self.day_width, top)
        box_w = max(look.box * self.proportions.pain_box_width, self.pain_width * 0.6)
        box_h = look.box * self.proportions.pain_box_height
        x = self.week_width + 7 * self.day_width + (self.pain_width - box_w) / 2
        y = top - (height + box_h) / 2
        canvas.setStrokeColor(look.colours["ink"])
        canvas.setLineWidth(look.line)
        canvas.rect(x, y, box_w, box_h, stroke=1, fill=0)
        note_field(canvas, tracker_pain_field(row.week.number), "text", x, y, box_w, box_h)

    def _draw_day(self, day: Day, number: int, left: float, top: float) -> None:
        canvas, look = self.canv, self.look
        canvas.setFont(REGULAR, self.small.size)
        canvas.setFillColor(look.colours["muted"])
        canvas.drawString(left + self.pad, top - self.pad - self.small.size, day_month(day.date))
        y = top - self.pad - self.small.leading
        for session in day.sessions:
            y -= look.box
            canvas.setStrokeColor(look.colours["ink"])
            canvas.setLineWidth(look.line)
            canvas.rect(left + self.pad, y, look.box, look.box, stroke=1, fill=0)
            name = tracker_field(number, day.weekday, tracked_what(session))
            note_field(canvas, name, "checkbox", left + self.pad, y, look.box, look.box)
            room = self.day_width - look.box - 3 * self.pad
            label, size = _fitted(_short(session, self.library), room, self.small.size)
            canvas.setFont(REGULAR, size)
            canvas.setFillColor(look.colours["ink"])
            baseline = y + (look.box - self.small.size) / 2 + 1
            canvas.drawString(left + 2 * self.pad + look.box, baseline, label)
            y -= look.box * self.proportions.box_gap

    def _draw_rules(self, rules: list[float]) -> None:
        canvas, look = self.canv, self.look
        canvas.setStrokeColor(look.colours["rule"])
        canvas.setLineWidth(look.line / 2)
        table = self.height - self.above
        canvas.rect(0, 0, look.width, table, stroke=1, fill=0)
        for y in rules[1:-1]:
            canvas.line(0, y, look.width, y)
        for index in range(8):
            x = self.week_width + index * self.day_width
            canvas.line(x, 0, x, table)
        canvas.setStrokeColor(look.colours["ink"])
        canvas.setLineWidth(look.line * 1.5)
        canvas.line(0, rules[0], look.width, rules[0])


class PainChart(Flowable):
    """An empty chart, pain 0-10 up, weeks across, to mark each week's pain and join the
    dots by hand: a rising line is seen at a glance."""

    def __init__(self, weeks: int, look: Look, room: float, title: str, first: int = 1) -> None:
        super().__init__()
        self.weeks = weeks
        self.first = first  # the number of its first week (a part of a plan starts later)
        self.room = room
        self.look = look
        self.small = Text.of(look, "small")
        self.line = Text.of(look, "table").leading
        self.steps = look.layout.tracker.chart_step_lines
        self.step = self.line * self.steps.least
        self.axis = self.small.width("10") + look.box * 0.5
        self.title = Text.of(look, "subheading")
        self.title_lines = self.title.lines(title, look.width, bold=True)
        self.labels = self.small.leading * 2.5 + self.title.leading * (len(self.title_lines) + 0.5)
        self.height = 10 * self.step + self.labels

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """As tall as the room the calendar leaves allows, between the layout's least and most
        lines a step."""
        room = (self.room - self.labels) / 10
        self.step = min(max(room, self.line * self.steps.least), self.line * self.steps.most)
        self.height = 10 * self.step + self.labels
        return self.look.width, self.height

    def draw(self) -> None:
        canvas, look = self.canv, self.look
        canvas.saveState()
        bottom = self.small.leading * 2
        width = look.width - self.axis
        column = width / self.weeks
        canvas.setFont(REGULAR, self.small.size)
        canvas.setFillColor(look.colours["muted"])
        canvas.setStrokeColor(look.colours["rule"])
        canvas.setLineWidth(look.line / 2)
        for pain in range(11):
            y = bottom + pain * self.step
            canvas.drawRightString(self.axis - look.box * 0.3, y - self.small.size / 3, str(pain))
            canvas.line(self.axis, y, look.width, y)
        every = max(1, self.weeks // 26 + 1)
        for week in range(self.weeks):
            x = self.axis + (week + 0.5) * column
            canvas.line(x, bottom, x, bottom + 10 * self.step)
            if week % every == 0:
                canvas.drawCentredString(x, bottom - self.small.leading, str(self.first + week))
        canvas.drawString(self.axis, 0, "Week")
        canvas.setFont(BOLD, self.title.size)
        canvas.setFillColor(look.colours["ink"])
        y = self.height - self.title.size
        for line in self.title_lines:
            canvas.drawString(0, y, line)
            y -= self.title.leading
        canvas.restoreState()


def room_left(calendar: Calendar, look: Look) -> float:
    """What the calendar leaves of the tracker's first page (less its heading and intro): the
    chart comes first and takes it, so the calendar, whose every row has boxes, ends the
    part and no page of it is without boxes (a camera reads only pages with boxes)."""
    from planbuilder.render.week import frame_height

    return frame_height(look) - calendar.height - 5 * look.size("heading") - look.space


def tracker_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    words = library.booklet.tracker
    calendar = Calendar([CalendarRow(f"{week.number}", week) for week in plan.weeks], library, look)
    return [
        Anchor("tracker", words.title),
        para(words.title, s["heading"]),
        para(library.booklet.tracker_intro, s["body"]),
        PainChart(
            len(plan.weeks),
            look,
            room_left(calendar, look),
            words.chart_title,
            plan.weeks[0].number,
        ),
        Spacer(0, look.space),
        calendar,
    ]
