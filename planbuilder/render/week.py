"""A week's page: a legend in words, the seven days with a done box for everything planned,
then each session as a grid of numbered set boxes with its pain circles, and the week's notes.

Sessions with the same label in one week ask for the same exercises and doses, so each label
gets one grid with a column per day it is done. The weeks are laid out here, page by page,
from the measured heights of their parts: a week keeps to one page in classic and compact,
and in large print breaks only between sessions, repeating its heading.

Compact puts two weeks on a page when they fit: the second shares the first's legend, pain
rule and walking rule; two sessions' grids may stand side by side, each as wide as its days
need, their pain circles under them in the order of the days; and the two weeks' notes
stand side by side at the foot of the page, sharing the room left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportlab.platypus import Flowable, PageBreak, Spacer

from planbuilder.acroform import (
    done_field,
    gate_field,
    light_field,
    mobility_set_field,
    notes_field,
    pain_field,
    set_field,
    sport_field,
)
from planbuilder.content import Library
from planbuilder.pagemarks import BOTTOM_BAND, TOP_BAND
from planbuilder.plan import (
    Day,
    MobilitySession,
    Plan,
    Prescription,
    SportSession,
    StrengthSession,
    WalkSession,
    Week,
)
from planbuilder.render.flowables import Anchor, WeekEnd
from planbuilder.render.prose import (
    PageRef,
    card_key,
    date_range,
    escape,
    keep_together,
    link,
    para,
    week_key,
    weekday_day_month,
)
from planbuilder.render.styles import Look, make_look, paper_of
from planbuilder.render.weekparts import (
    Beside,
    DayEntry,
    DayStrip,
    DayTicks,
    GridRow,
    NotesArea,
    PainEntry,
    PainRows,
    SessionGrid,
    TickLines,
    notes_spacing,
    stack_height,
)
from planbuilder.vocab import DOWN_POSITIONS

# What a measured week may be off by (spaces Platypus adds between flowables).
SLACK = 6.0


def frame_height(look: Look) -> float:
    """The height of a week page's frame: the page less the bands of the scanner's marks."""
    return look.page_size[1] - max(look.top, TOP_BAND) - max(look.bottom, BOTTOM_BAND)


# --- the day strip -------------------------------------------------------------------------


def _day_entries(number: int, day: Day, library: Library, walks: bool) -> list[DayEntry]:
    entries = []
    for session in day.sessions:
        if isinstance(session, WalkSession) and not walks:  # its box is on the walks' line
            entries.append(DayEntry(f"Walk, {session.minutes} min", None))
            continue
        if isinstance(session, StrengthSession):
            text = f"Session {session.label}, {session.minutes} min"
            entries.append(DayEntry(text, done_field(number, day.weekday, session.label)))
        elif isinstance(session, SportSession):
            text = f"{library.sports[session.sport].name}, {session.minutes} min"
            entries.append(DayEntry(text, sport_field(number, day.weekday, session.sport)))
        else:
            what = "Mobility" if isinstance(session, MobilitySession) else "Walk"
            text = f"{what}, {session.minutes} min"
            entries.append(DayEntry(text, light_field(number, day.weekday, session.kind)))
    return entries


def day_strip(week: Week, library: Library, look: Look, walks: bool = True) -> DayStrip:
    """Every planned day, strength, mobility, walk or sport, with its done box and minutes;
    `walks=False` for a crowded week, whose walks get a line of their own (walk_ticks)."""
    days = [
        (weekday_day_month(day.date), _day_entries(week.number, day, library, walks))
        for day in week.days
    ]
    return DayStrip(days, look)


@dataclass(frozen=True)
class Density:
    """How tightly a week is set: at the layout's sizes or its crowded ones (`tight`), with
    the mobility days as a grid or in words, the walks in the day strip or on a line of
    their own, and `condensed`: the short legend, the pain circles numbered once a session;
    at the very last, `smaller_text`: the grids' text at the layout's crowded size."""

    tight: bool = False
    mobility_grid: bool = True
    walks_in_strip: bool = True
    condensed: bool = False
    beside: bool = False
    smaller_text: bool = False


# From roomiest to most crowded: a week takes the first that fits its page.
DENSITIES = (
    Density(),
    Density(tight=True),
    Density(tight=True, walks_in_strip=False, condensed=True),
    Density(tight=True, mobility_grid=False, walks_in_strip=False, condensed=True),
    Density(
        tight=True, mobility_grid=False, walks_in_strip=False, condensed=True, smaller_text=True
    ),
)
# A compact page of two weeks may also set two sessions' grids side by side.
PAIR_DENSITIES = (
    *DENSITIES,
    Density(tight=True, condensed=True, beside=True),
    Density(tight=True, walks_in_strip=False, condensed=True, beside=True),
    Density(tight=True, mobility_grid=False, walks_in_strip=False, condensed=True, beside=True),
)


# --- sessions ------------------------------------------------------------------------------


def dose_words(item: Prescription, heavier: str = "") -> str:
    """The dose column's words: the band by its name alone, as the row's exercise is a band
    exercise ("2 × 10 · medium (red)"); a narrow column then needs no third line for it.
    `heavier`: the words for a lift whose weight may go up this week ("heavier if ready")."""
    band = item.band
    return " · ".join(filter(None, (item.dose_text, band, item.tempo, heavier)))


def _chunks(days: list[Day], per_grid: int) -> list[list[Day]]:
    return [days[i : i + per_grid] for i in range(0, len(days), per_grid)]


@dataclass(frozen=True)
class SessionRows:
    """What a session's grids show: its title, exercises and doses, and days, and the name of
    each set's box (a strength session's or the mobility days')."""

    title: str
    items: tuple[Prescription, ...]
    days: list[Day]
    plan: Plan
    namer: Callable[[Day, str, int], str]
    heavier: dict[str, str] = field(default_factory=dict)  # exercise -> "heavier if ready"


def _grids(rows: SessionRows, look: Look, width: float | None = None) -> list[Flowable]:
    """One grid per group of days that fits across the page, names and doses narrowed (down
    to the layout's narrowest shares) where that keeps a session's days side by side.

    `width`: a grid beside another (compact) is narrower. It, and every grid of a layout whose
    days take only what they need (large print), gives its days no more room than their boxes
    and dates need, and the rest to the words, split so the rows take the least height. In
    large print a day's third set may also go under its first two, where that makes the
    session shorter (the other rows' names then keep to fewer lines)."""
    if width is not None or not look.layout.week.days_as_needed:
        return _grids_at(rows, look, width)
    most = max(item.sets for item in rows.items)
    options = [_grids_at(rows, look, None, per_line) for per_line in range(most, 1, -1)]
    options = options or [_grids_at(rows, look)]
    return min(options, key=lambda grids: _height(grids, look))


def _grids_at(
    session: SessionRows, look: Look, width: float | None = None, per_line: int | None = None
) -> list[Flowable]:
    """The grids of `_grids` with at most `per_line` set boxes on a line of a day's cell."""
    beside = width is not None
    fill = beside or look.layout.week.days_as_needed
    width = look.width if width is None else width
    shape = look.layout.week
    day_min = _day_width(session.items, look, fill, per_line)
    room = width * (1 - shape.narrowest_name_share - shape.narrowest_dose_share)
    per_grid = max(1, int(room // day_min))
    grids: list[Flowable] = []
    for chunk in _chunks(session.days, per_grid):
        rows = [_grid_row(session, item, chunk) for item in session.items]
        dates = [weekday_day_month(day.date) for day in chunk]
        days_share = len(chunk) * day_min / width
        title = session.title
        if fill:
            grid = _lowest_grid(title, dates, rows, look, days_share, width, beside, per_line)
        else:
            name_share, dose_share = _text_shares(look, days_share)
            grid = SessionGrid(title, dates, rows, look, name_share, dose_share, width)
        grids.append(grid)
        grids.append(Spacer(0, look.padding * 2))
    return grids


def _grid_row(session: SessionRows, item: Prescription, days: list[Day]) -> GridRow:
    """An exercise's row: its name, card, dose, and a box for each set on each of `days`."""
    sets = range(1, item.sets + 1)
    return GridRow(
        session.plan.exercises[item.exercise].name,
        card_key(item.exercise),
        dose_words(item, session.heavier.get(item.exercise, "")),
        [[session.namer(day, item.exercise, n) for n in sets] for day in days],
    )


def _lowest_grid(
    title: str,
    dates: list[str],
    rows: list[GridRow],
    look: Look,
    days_share: float,
    width: float,
    title_over_doses: bool,
    per_line: int | None = None,
) -> SessionGrid:
    """The grid whose names and doses share what the days leave so its rows take the least
    height, without breaking a word inside. The splits tried are the layout's proportion
    and each one that just fits a row's name on one line (a row is as tall as its longer
    cell, so only those can save a line); on a tie, the split nearest the layout's proportion."""
    shape = look.layout.week
    words = 1 - days_share
    proportional = _text_shares(look, days_share, fill=True)[0]
    probe = SessionGrid("", [], [], look, shape.name_share, shape.dose_share, width)
    name_room = 3 * probe.pad + probe.page_width + 1
    names = [probe.text.width(row.name) + name_room for row in rows]
    least_name = max(
        shape.narrowest_name_share, _widest_word(rows, "name", probe, name_room) / width
    )
    least_dose = max(
        shape.narrowest_dose_share, _widest_word(rows, "dose", probe, 2 * probe.pad + 1) / width
    )
    splits = {proportional}
    if least_name <= words - least_dose:
        splits |= {min(words - least_dose, max(least_name, name / width)) for name in names}
    grids = [
        SessionGrid(
            title,
            dates,
            rows,
            look,
            name_share,
            max(shape.narrowest_dose_share, words - name_share),
            width,
            title_over_doses,
            per_line,
        )
        for name_share in sorted(splits, key=lambda share: abs(share - proportional))
    ]
    return min(grids, key=lambda grid: grid.height)


def _widest_word(rows: list[GridRow], column: str, probe: SessionGrid, room: float) -> float:
    """The width a column needs so that none of its words is broken (`room`: its padding)."""
    words = [w for row in rows for w in keep_together(getattr(row, column)).split(" ")]
    return max((probe.text.width(word) for word in words), default=0) + room


def _day_width(
    items: tuple[Prescription, ...], look: Look, beside: bool = False, per_line: int | None = None
) -> float:
    """The least width of a day's column: its most sets' boxes (at most `per_line` of them)
    and a margin; `beside`: and at least its date, since a grid beside another gives its
    days no more than they need."""
    shape = look.layout.week
    probe = SessionGrid("", [], [], look, shape.name_share, shape.dose_share)
    margin = max(look.padding * 4, look.box * shape.day_margin)
    most = max(item.sets for item in items)
    least = probe.boxes_width(min(most, per_line or most)) + margin
    if beside:
        least = max(least, probe.text.width("Wed 30 Sep", bold=True) + 2 * probe.pad)
    return least


def _text_shares(look: Look, days_share: float, fill: bool = False) -> tuple[float, float]:
    """The shares of names and doses that leave the days `days_share` of the width: the
    layout's own when they leave enough, else narrower in the same proportion, never below
    the narrowest; `fill`: all that the days leave, in the same proportion."""
    shape = look.layout.week
    text = 1 - days_share
    wanted = shape.name_share + shape.dose_share
    if text >= wanted and not fill:
        return shape.name_share, shape.dose_share
    return (
        max(shape.narrowest_name_share, shape.name_share * text / wanted),
        max(shape.narrowest_dose_share, shape.dose_share * text / wanted),
    )


def _session_of(days: list[Day], label: str) -> StrengthSession:
    return next(s for s in days[0].strength() if s.label == label)


def _strength_grids(
    week: Week,
    label: str,
    days: list[Day],
    plan: Plan,
    look: Look,
    width: float | None = None,
    heavier: dict[str, str] | None = None,
) -> list[Flowable]:
    """A session's grids; `heavier`: the words beside a lift whose weight may go up."""
    session = _session_of(days, label)

    def namer(day: Day, exercise: str, number: int) -> str:
        return set_field(week.number, day.weekday, label, exercise, number)

    title = f"Session {label} · about {session.minutes} min"
    rows = SessionRows(title, session.items, days, plan, namer, heavier or {})
    return _grids(rows, look, width)


def _pain_entries(week: Week, label: str, days: list[Day]) -> list[PainEntry]:
    return [
        PainEntry(
            f"{weekday_day_month(day.date)}, {label}",
            pain_field(week.number, day.weekday, label, "before"),
            pain_field(week.number, day.weekday, label, "after"),
        )
        for day in days
    ]


def _gates(week: Week, labels: list[str], plan: Plan, look: Look) -> list[Flowable]:
    gates = [
        line
        for label in labels
        for line in _gate_lines(week, _session_of(_days_of(week, label), label), plan)
    ]
    return [Spacer(0, look.padding * 2), TickLines(gates, look)] if gates else []


def _days_of(week: Week, label: str) -> list[Day]:
    return [d for d in week.days if any(x.label == label for x in d.strength())]


def strength_block(
    week: Week,
    label: str,
    days: list[Day],
    plan: Plan,
    library: Library,
    look: Look,
    density: Density,
    heavier: dict[str, str] | None = None,
) -> list[Flowable]:
    """A session label's grid, its pain circles for each day, any lift's gate, and for
    someone who needs help up from the floor, which exercises are on it; `heavier`: the
    words beside a lift whose weight may go up this week."""
    block = _strength_grids(week, label, days, plan, look, heavier=heavier)
    pains = _pain_entries(week, label, days)
    block.append(PainRows(pains, look, numbers_once=density.condensed))
    block += _gates(week, [label], plan, look)
    block += _floor_reminder(_session_of(days, label), plan, library, look)
    block.append(Spacer(0, look.space))
    return block


def _floor_reminder(
    session: StrengthSession, plan: Plan, library: Library, look: Look
) -> list[Flowable]:
    """For someone who needs help to get up from the floor: which of the session's exercises
    are on the floor, and to leave them out on a day alone. The floor page and the cover say
    so, but neither is pinned up beside the session (physiotherapist review: the risk of a
    fall is on the day she is alone)."""
    if plan.profile.floor != "with_help":
        return []
    names = [
        plan.exercises[item.exercise].name
        for item in session.items
        if plan.exercises[item.exercise].position in DOWN_POSITIONS
    ]
    if not names:
        return []
    text = library.booklet.week_floor_with_help.format(names=", ".join(names))
    return [Spacer(0, look.padding * 2), para(text, look.styles["small_ink"], "<b>Floor:</b> ")]


def blocks_beside(week: Week, plan: Plan, look: Look) -> list[list[Flowable]] | None:
    """Sessions two by two, their grids side by side and under them their days' pain circles
    in the order of the days, for a compact page that holds two weeks. Each grid is as wide
    as its days need and an equal share of what is left for the words; None where a
    session's days would not fit across its grid (its rows would be printed twice)."""
    blocks = []
    labels = _labels(week)
    for pair in (labels[i : i + 2] for i in range(0, len(labels), 2)):
        columns = [_strength_grids(week, pair[0], _days_of(week, pair[0]), plan, look)]
        if len(pair) == 2:
            columns = [
                _strength_grids(week, label, _days_of(week, label), plan, look, width)
                for label, width in zip(pair, _beside_widths(week, pair, look), strict=True)
            ]
        if any(len(column) > 2 for column in columns):  # a grid and its spacer each
            return None
        pains = [
            entry
            for day in week.days
            for session in day.strength()
            if session.label in pair
            for entry in _pain_entries(week, session.label, [day])
        ]
        grids = columns[0] if len(pair) == 1 else [Beside(columns[0], columns[1], look.space)]
        block = [*grids, PainRows(pains, look, numbers_once=True), *_gates(week, pair, plan, look)]
        blocks.append([*block, Spacer(0, look.space)])
    return blocks


def _beside_widths(week: Week, pair: list[str], look: Look) -> list[float]:
    """Two grids' widths: each its days' least width, and half the rest for its words."""
    needs = []
    for label in pair:
        days = _days_of(week, label)
        needs.append(len(days) * _day_width(_session_of(days, label).items, look, beside=True))
    words = (look.width - look.space - sum(needs)) / 2
    return [need + words for need in needs]


def _gate_lines(week: Week, session: StrengthSession, plan: Plan) -> list[tuple[str, str, str]]:
    """Where a lift starts this week: its entry check and "learned with a coach", each a box
    to tick before the first session (the lift's card says why); under the first session
    that has the lift."""
    lines = []
    for item in session.items:
        if not item.entry_check or _first_label_with(week, item.exercise) != session.label:
            continue
        name = plan.exercises[item.exercise].name
        lines.append(
            (
                gate_field(week.number, item.exercise, "entry_check"),
                f"{name}, before you start:",
                f"{item.entry_check} (tick when passed).",
            )
        )
        rule = f" {item.weight_note}." if item.weight_note else ""
        lines.append(
            (
                gate_field(week.number, item.exercise, "coach"),
                f"{name}:",
                "learned with a coach or physiotherapist (tick when done)." + rule,
            )
        )
    return lines


def _first_label_with(week: Week, exercise: str) -> str:
    return next(
        s.label for s in week.strength_sessions() if any(i.exercise == exercise for i in s.items)
    )


def mobility_block(week: Week, plan: Plan, look: Look) -> list[Flowable]:
    """Mobility days as a grid like a session's: what each asks, a box per set."""
    days = [day for day in week.days if day.mobility()]
    if not days:
        return []
    session: MobilitySession = days[0].mobility()[0]

    def namer(day: Day, exercise: str, number: int) -> str:
        return mobility_set_field(week.number, day.weekday, exercise, number)

    title = f"Mobility · about {session.minutes} min"
    rows = SessionRows(title, session.items, days, plan, namer)
    return [*_grids(rows, look), Spacer(0, look.space)]


def mobility_line(week: Week, plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """Mobility days in words, for a week too crowded for their grid."""
    days = [day for day in week.days if day.mobility()]
    if not days:
        return []
    session = days[0].mobility()[0]
    names = ", ".join(f"{d.date:%a}" for d in days)
    items = "; ".join(
        link(plan.exercises[i.exercise].name, card_key(i.exercise))
        + f" {escape(keep_together(i.dose_text))}"
        for i in session.items
    )
    booklet = library.booklet
    lead = booklet.week_mobility.format(days=names, minutes=session.minutes)
    text = f"<b>{escape(keep_together(lead))}</b> {items}. {escape(booklet.week_mobility_done)}"
    return [para("", look.styles["table"], text), Spacer(0, look.space)]


def _labels(week: Week) -> list[str]:
    labels: list[str] = []
    for day in week.days:
        for session in day.strength():
            if session.label not in labels:
                labels.append(session.label)
    return labels


def pain_legend(library: Library, look: Look, short: bool = False) -> Flowable:
    """The one pain rule, on every week page, in the words of the safety page; `short` for a
    week so full that every line counts. In black: it is the page's most important line, and
    was its palest (physiotherapist review)."""
    booklet = library.booklet
    more = booklet.week_pain_more_short if short else booklet.week_pain_more

    def rule(page: str) -> str:
        words = f"{library.safety.pain_rule.short} {more}".replace("{page}", page)
        return "<b>Pain:</b> " + escape(keep_together(words))

    if "{page}" not in more:
        return para("", look.styles["small_ink"], rule(""))
    # the safety page by its number ("safety page, p. 3"): it is not the page pinned up
    unknown = rule("").replace(", p. ", "")
    return PageRef(rule("{page}"), look.styles["small_ink"], "safety", unknown)


def _walk_days(week: Week) -> list[tuple[Day, WalkSession]]:
    return [(d, w) for d in week.days for w in d.sessions if isinstance(w, WalkSession)]


def _walks(week: Week, library: Library, look: Look) -> list[Flowable]:
    walks = _walk_days(week)
    if not walks:
        return []
    booklet = library.booklet
    days = ", ".join(f"{d.date:%a}" for d, _ in walks)
    text = booklet.week_walks.format(minutes=walks[0][1].minutes, days=days)
    return [para(f"{text} {booklet.week_walk_rule}", look.styles["small_ink"], "<b>Walks:</b> ")]


def walk_ticks(week: Week, library: Library, look: Look) -> list[Flowable]:
    """A crowded week's walks on one line, a done box for each walking day, then the rule."""
    walks = _walk_days(week)
    if not walks:
        return []
    booklet = library.booklet
    lead = booklet.week_walks_ticks.format(minutes=walks[0][1].minutes)
    days = [(f"{d.date:%a}", light_field(week.number, d.weekday, w.kind)) for d, w in walks]
    return [DayTicks(lead, days, look), para(booklet.week_walk_rule, look.styles["small_ink"])]


def how_to_read(
    week: Week,
    library: Library,
    look: Look,
    short: bool = False,
    tempo: bool = True,
    paged: bool = False,
) -> Flowable:
    """How to read the page, in words: the doses, the boxes, sessions A and B, and a slow
    lowering where a dose asks for one; `short` for a week so full that every line counts;
    `tempo=False` leaves out what "lower in 3 s" means (such a week, unless it goes over
    pages and has the line to spare); `paged`: the week is set over pages. Its example of a
    card's page is the real page of the week's first exercise: a made-up "p. 7" was the
    floor page in one booklet (physiotherapist review)."""
    booklet = library.booklet
    lines = booklet.week_legend_short if short else booklet.week_legend
    first = next((s.items[0].exercise for s in week.strength_sessions() if s.items), None)

    def legend(with_page: bool) -> str:
        kept = [line for line in lines if with_page or "{page}" not in line]
        text = " · ".join(_legend_item(line) for line in kept) + "."
        if len(_labels(week)) > 1:
            text += " " + (booklet.week_sessions_short if short else booklet.week_sessions)
        if tempo and any(item.tempo for s in week.strength_sessions() for item in s.items):
            text += " " + _legend_item(booklet.week_tempo)
        title = booklet.week_legend_title_paged if paged else booklet.week_legend_title
        return f"<b>{title}</b> " + text

    style = look.styles["small_ink"]
    if first is None:  # no card to point at
        return para("", style, legend(with_page=False))
    return PageRef(legend(with_page=True), style, card_key(first), legend(with_page=False))


def _legend_item(line: str) -> str:
    """'3 × 10: 3 sets of 10 repetitions' with what is explained in bold."""
    what, _, means = keep_together(line).partition(": ")
    return f"<b>{what}</b>: {means}" if means else line


# --- the week, and the weeks laid out on pages ---------------------------------------------


@dataclass
class WeekParts:
    """A week's flowables in the pieces pages are made of."""

    number: int
    heading: list[Flowable]  # the week's name and dates: repeated on its later pages
    legend: list[Flowable]  # how to read the page
    days: list[Flowable]  # the day strip
    blocks: list[list[Flowable]]  # a session (or mobility) each: never split
    walks: list[Flowable]  # the week's walks: their words, or a line of boxes
    pain_rule: list[Flowable]
    heading_again: list[Flowable]

    @property
    def head(self) -> list[Flowable]:
        return [*self.heading, *self.legend, *self.days]

    @property
    def tail(self) -> list[Flowable]:
        return [*self.walks, *self.pain_rule]


def week_parts(
    week: Week,
    plan: Plan,
    library: Library,
    look: Look,
    legend: bool = True,
    density: Density = DENSITIES[0],
    walks_told: bool = False,
    paged: bool = False,
) -> WeekParts:
    """The week's pieces; `legend=False` for the second week on a compact page, which shares
    the first's legend and pain rule, and `walks_told` when the first says how to walk. A
    crowded week (`density`) says its mobility days in a line (ticked in the day strip) and
    gives its walks a line with a box a day; `paged`: a week set over pages (large print),
    whose legend always explains a slow lowering."""
    s = look.styles
    title = f"Week {week.number} · {date_range(week.first, week.last)}"
    heading: list[Flowable] = [
        Anchor(week_key(week.number), f"Week {week.number}", level=1),
        para(title + (" · lighter week" if week.deload else ""), s["heading"]),
    ]
    if week.deload:
        heading.append(para(library.booklet.lighter_week, s["small_ink"]))
    legend_parts: list[Flowable] = []
    if legend:
        tempo = paged or not density.condensed
        legend_text = how_to_read(week, library, look, density.condensed, tempo, paged)
        legend_parts = [legend_text, Spacer(0, look.padding * 2)]
    days = [day_strip(week, library, look, walks=density.walks_in_strip), Spacer(0, look.space)]
    # beside a lift's dose in its week of more weight, but not where every line counts (the
    # fullest plan's weeks went over their page with it): its card says it too
    words = library.booklet.week_heavier
    heavier = {} if density.condensed else dict.fromkeys(plan.heavier_in(week.number), words)
    blocks = blocks_beside(week, plan, look) if density.beside else None
    if blocks is None:
        blocks = [
            strength_block(
                week, label, _days_of(week, label), plan, library, look, density, heavier
            )
            for label in _labels(week)
        ]
    if density.mobility_grid:
        mobility = mobility_block(week, plan, look)
    else:
        mobility = mobility_line(week, plan, library, look)
    if mobility:
        blocks.append(mobility)
    if density.walks_in_strip:  # their minutes and boxes in the strip; the words once a page
        walks = [] if walks_told else _walks(week, library, look)
    else:
        walks = walk_ticks(week, library, look)
    pain_rule = [pain_legend(library, look, density.condensed)] if legend else []
    pain_rule.append(Spacer(0, look.padding * 2))
    # a later page of a week over pages: its pain circles are scored there, away from the
    # rule on the first page (physiotherapist review), so the stop line comes along
    again = [para(f"{title} (continued)", s["heading"])]
    if legend:
        reminder = library.booklet.week_pain_reminder
        again += [para(reminder, s["small_ink"], "<b>Pain:</b> "), Spacer(0, look.padding * 2)]
    return WeekParts(week.number, heading, legend_parts, days, blocks, walks, pain_rule, again)


def _height(flowables: list[Flowable], look: Look) -> float:
    return stack_height(flowables, look.width, frame_height(look))


def _notes(number: int, room: float, look: Look, fill: bool) -> NotesArea:
    """The week's notes: at least three lines, and in a one-week page all the room left."""
    base = NotesArea(notes_field(number), 0, look).height
    lines = least = look.layout.week.notes_lines
    if fill:
        lines = max(least, int((room - base - SLACK) // notes_spacing(look)))
    return NotesArea(notes_field(number), lines, look)


def _one_page_week(parts: WeekParts, look: Look, fill: bool, room: float) -> list[Flowable]:
    body = parts.head + [f for block in parts.blocks for f in block] + parts.tail
    return body + [_notes(parts.number, room - _height(body, look), look, fill)]


def _arranged(
    parts: WeekParts, walks_up: bool, look: Look
) -> tuple[list[Flowable], list[Flowable]]:
    """A week set over pages: its parts above its sessions and below them. The legend and
    the pain rule always stand above, under the day strip, on the page of the first session
    (physiotherapist review: with the rule at the end of a two-page week, the first session
    was done and its pain scored before the rule was met; a legend at the end confused);
    the walks stand above or at the end."""
    above = [*parts.head]
    below: list[Flowable] = []
    if walks_up and parts.walks:
        above += [*parts.walks, Spacer(0, look.space)]
    else:
        below += parts.walks
    return [*above, *parts.pain_rule], below


@dataclass
class PagedWeek:
    story: list[Flowable]
    fills: list[float]  # the height each page holds, before the last page's notes fill it


def _paged_story(
    parts: WeekParts, head: list[Flowable], tail: list[Flowable], look: Look
) -> PagedWeek:
    """The week with `head` above its sessions and `tail` below, a page break before any
    session that would not fit and before the tail and notes where they would not. Where
    the first session does not fit under `head`, the week's notes fill the rest of that
    page, rather than leave it half blank, and the week ends with its sessions and tail."""
    page_height = frame_height(look)
    story = list(head)
    fills = [_height(head, look)]
    notes_min = _notes(parts.number, 0, look, False)
    first = parts.blocks[0] if parts.blocks else []
    notes_first = (
        bool(first)
        and not _fits([*head, *first], look)
        and fills[0] + notes_min.height <= page_height - SLACK
    )
    if notes_first:
        story.append(_notes(parts.number, page_height - fills[0], look, True))
        fills[0] = page_height
    for block in parts.blocks:
        height = _height(block, look)
        if fills[-1] + height > page_height - SLACK:
            story += [PageBreak(), *parts.heading_again]
            fills.append(_height(parts.heading_again, look))
        story += block
        fills[-1] += height
    end_height = _height(tail, look) + (0 if notes_first else notes_min.height)
    if tail or not notes_first:
        if fills[-1] + end_height > page_height - SLACK:
            story += [PageBreak(), *parts.heading_again]
            fills.append(_height(parts.heading_again, look))
        story += tail
        fills[-1] += _height(tail, look)
    if not notes_first:
        story.append(_notes(parts.number, page_height - fills[-1], look, True))
    return PagedWeek(story, fills)


def tighter(look: Look, smaller_text: bool = False) -> Look:
    """The same look with the layout's padding and spacing for a crowded week, which is set
    tighter rather than split over two pages; with `smaller_text`, also the grids' smaller
    text where the layout has one."""
    layout = look.layout
    crowded = layout.week.crowded
    fonts = layout.fonts
    if smaller_text and crowded.table_pt is not None:
        fonts = {**fonts, "table": crowded.table_pt}
    tight = replace(
        layout,
        fonts=fonts,
        row_padding_mm=crowded.row_padding_mm,
        spacing_mm=crowded.spacing_mm,
        tick_box_mm=crowded.tick_box_mm,
        week=layout.week.model_copy(
            update={
                "notes_line_mm": crowded.notes_line_mm,
                "narrowest_name_share": crowded.narrowest_name_share,
                "narrowest_dose_share": crowded.narrowest_dose_share,
            }
        ),
    )
    return make_look(tight, paper_of(look))


def _fits(flowables: list[Flowable], look: Look) -> bool:
    return _height(flowables, look) <= frame_height(look) - SLACK


def _set(look: Look, density: Density) -> Look:
    return tighter(look, density.smaller_text) if density.tight else look


def _densities(look: Look, densities: tuple[Density, ...]) -> tuple[Density, ...]:
    """The densities this layout has: smaller text only where it names a size for it."""
    if look.layout.week.crowded.table_pt is None:
        return tuple(d for d in densities if not d.smaller_text)
    return densities


def _weeks_a_page_each(plan: Plan, library: Library, look: Look) -> list[list[Flowable]]:
    """Each week on a page of its own: as it is, or set tighter. Only weeks that fit on no
    page at all (large print) go over pages (_paged_weeks)."""
    densities = _densities(look, DENSITIES)
    pages = {
        week.number: _one_page_week_set(week, plan, library, look, densities) for week in plan.weeks
    }
    over = [week for week in plan.weeks if pages[week.number] is None]
    for week, story in zip(over, _paged_weeks(over, plan, library, look, densities), strict=True):
        pages[week.number] = story
    return [pages[week.number] for week in plan.weeks]


def _paged_weeks(
    weeks: list[Week], plan: Plan, library: Library, look: Look, densities: tuple[Density, ...]
) -> list[list[Flowable]]:
    """Weeks set over pages, broken between sessions, all alike: at one density and in one
    order of their parts, so the legend, the walks' boxes and the pain rule stand in the
    same place from one week to the next. Taken: the pair whose sessions each fit a page,
    then the fewest pages in all, then the least blank before each week's last page
    (counting only blanks of more than a quarter page: a first page of only the heading,
    legend and days was half blank), then the roomiest density and the usual order."""
    if not weeks:
        return []
    page_height = frame_height(look)

    def blank(paged: PagedWeek) -> float:
        gaps = [max(0, page_height - fill - page_height / 4) for fill in paged.fills[:-1]]
        return sum(gap**2 for gap in gaps)

    options: list[tuple[tuple[bool, int, float], list[PagedWeek]]] = []
    for density in densities:
        candidate = _set(look, density)
        parts = [
            week_parts(week, plan, library, candidate, density=density, paged=True)
            for week in weeks
        ]
        split = not all(_sessions_fit(one, candidate) for one in parts)
        for walks_up in (False, True):
            paged = [
                _paged_story(one, *_arranged(one, walks_up, candidate), candidate) for one in parts
            ]
            cost = (split, sum(len(p.fills) for p in paged), sum(map(blank, paged)))
            options.append((cost, paged))
    _, chosen = min(options, key=lambda option: option[0])  # the first of the cheapest
    return [paged.story for paged in chosen]


def _one_page_week_set(
    week: Week, plan: Plan, library: Library, look: Look, densities: tuple[Density, ...]
) -> list[Flowable] | None:
    """The week on one page at the roomiest density it fits at; None where it fits at none."""
    for density in densities:
        candidate = _set(look, density)
        parts = week_parts(week, plan, library, candidate, density=density)
        flowables = _one_page_week(parts, candidate, True, frame_height(look))
        if _fits(flowables, candidate):
            return flowables
    return None


def _sessions_fit(parts: WeekParts, look: Look) -> bool:
    """Whether each session fits on a page under the week's heading (else it would split)."""
    return all(_fits([*parts.heading_again, *block], look) for block in parts.blocks)


def _pair_page(first: WeekParts, second: WeekParts, look: Look) -> list[Flowable]:
    """Two weeks on a page, the second without the legend and pain rule the first gives, and
    their notes side by side at the foot, each with its week's name, sharing the room left."""
    bodies = [*_body(first), Spacer(0, look.space), *_body(second)]
    half = (look.width - look.space) / 2
    probe = _side_notes(first.number, half, look, look.layout.week.notes_lines)
    spare = frame_height(look) - SLACK - _height(bodies, look) - probe.height
    lines = look.layout.week.notes_lines + max(0, int(spare // notes_spacing(look)))
    notes = [_side_notes(part.number, half, look, lines) for part in (first, second)]
    return [*bodies, Beside([notes[0]], [notes[1]], look.space)]


def _body(parts: WeekParts) -> list[Flowable]:
    return parts.head + [f for block in parts.blocks for f in block] + parts.tail


def _side_notes(number: int, width: float, look: Look, lines: int) -> NotesArea:
    title = f"Week {number} notes: how it went, what was hard, questions"
    return NotesArea(notes_field(number), lines, look, width, title)


def _compact_pages(plan: Plan, library: Library, look: Look) -> list[list[Flowable]]:
    """Two weeks a page whenever both fit, set tighter if that is what it takes (the second
    shares the first's legend); otherwise a week alone on its page."""
    pages: list[list[Flowable]] = []
    weeks = list(plan.weeks)
    while weeks:
        pair = None
        for density in _densities(look, PAIR_DENSITIES) if len(weeks) > 1 else ():
            candidate = _set(look, density)
            first = week_parts(weeks[0], plan, library, candidate, density=density)
            told = bool(_walk_days(weeks[0]))
            second = week_parts(
                weeks[1], plan, library, candidate, legend=False, density=density, walks_told=told
            )
            page = _pair_page(first, second, candidate)
            if _fits(page, look):
                pair = page
                break
        if pair is not None:
            pages.append(pair)
            weeks = weeks[2:]
            continue
        alone: list[Flowable] = []
        for density in _densities(look, DENSITIES):
            candidate = _set(look, density)
            parts = week_parts(weeks[0], plan, library, candidate, density=density)
            alone = _one_page_week(parts, candidate, False, 0)
            if _fits(alone, look):
                break
        pages.append(alone)
        weeks = weeks[1:]
    return pages


def weeks_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """Every week, laid out page by page (see the module's docstring)."""
    story: list[Flowable] = [Anchor("weeks", "Weeks")]
    if look.layout.weeks_per_page == 1:
        pages = _weeks_a_page_each(plan, library, look)
    else:
        pages = _compact_pages(plan, library, look)
    for index, page in enumerate(pages):
        if index:
            story.append(PageBreak())
        story += [*page, WeekEnd()]  # the footer of the page after names no week
    return story
