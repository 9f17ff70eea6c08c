"""A week's page: the seven days at a glance, then each session as a table of tick boxes.

Sessions with the same label in one week ask for the same exercises and doses, so each label
gets one table with a column per day it is done: its exercises and doses once, and for every
day one tick box per set, a "done" box, pain before and after, and a notes line.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from planbuilder.acroform import (
    done_field,
    light_field,
    notes_field,
    pain_field,
    set_field,
    sport_field,
)
from planbuilder.content import Library
from planbuilder.plan import Day, MobilitySession, Plan, SportSession, StrengthSession, Week
from planbuilder.render.flowables import Anchor, TickBoxes, WriteInBox, WritingLines
from planbuilder.render.fonts import BOLD
from planbuilder.render.prose import card_key, date_range, link, para, week_key, weekday_day_month
from planbuilder.render.styles import Look

NAME_SHARE = 0.34
DOSE_SHARE = 0.17


def _ticks(look: Look, count: int, names: tuple[str, ...] = ()) -> TickBoxes:
    return TickBoxes(count, look.box, look.box * 0.45, look.line, look.colours["ink"], names)


def _week_of(plan: Plan, day: Day) -> int:
    return (day.date - plan.profile.start).days // 7 + 1


def _pain_box_width(look: Look) -> float:
    return look.box * 1.8


def _pain_boxes(look: Look, side_by_side: bool, names: tuple[str, str]) -> Table:
    """Two write-in boxes, pain before then after: side by side, or one above the other
    where the column is narrow (large print)."""
    s = look.styles["small"]
    boxes = [
        WriteInBox(
            "",
            _pain_box_width(look),
            look.box * 1.1,
            s.fontName,
            s.fontSize,
            look.line,
            look.colours["ink"],
            name,
        )
        for name in names
    ]
    cell = _pain_box_width(look) + look.padding * 3
    if side_by_side:
        pair = Table([boxes], colWidths=[cell] * 2)
    else:
        pair = Table([[boxes[0]], [boxes[1]]], colWidths=[cell])
    pair.setStyle(
        look.table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0 if side_by_side else look.padding),
            ]
        )
    )
    return pair


def day_strip(week: Week, plan: Plan, library: Library, look: Look) -> Table:
    """Seven cells in one row: each day's date and what is on it; sports get their done box."""
    cells = [_day_cell(week.number, day, library, look) for day in week.days]
    width = look.width / 7
    table = Table([cells], colWidths=[width] * 7)
    table.setStyle(
        look.table_style(
            [
                ("GRID", (0, 0), (-1, -1), look.line / 2, look.colours["rule"]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), look.padding * 1.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), look.padding),
                ("TOPPADDING", (0, 0), (-1, -1), look.padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.padding * 1.5),
            ]
        )
    )
    return table


def _day_cell(number: int, day: Day, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    cell: list[Flowable] = [para(weekday_day_month(day.date), s["table_bold"])]
    if day.is_rest:
        return [*cell, para("Rest", s["small"])]
    for session in day.sessions:
        if isinstance(session, StrengthSession):
            cell.append(para(f"Session {session.label}", s["table"]))
        elif not isinstance(session, SportSession):
            what = "Mobility" if isinstance(session, MobilitySession) else "Walk"
            text = para(f"{what}, {session.minutes} min", s["table"])
            cell.append(_ticked(text, look, light_field(number, day.weekday, session.kind)))
        else:
            sport = library.sports[session.sport].name
            text = para(f"{sport}, {session.minutes} min", s["table"])
            cell.append(_ticked(text, look, sport_field(number, day.weekday, session.sport)))
    return cell


def _ticked(text: Paragraph, look: Look, name: str) -> Table:
    """A done box with its text beside it."""
    box = _ticks(look, 1, (name,))
    gap = look.padding * 1.5
    width = look.width / 7 - look.padding * 2.5
    line = Table([[box, text]], colWidths=[look.box + gap, width - look.box - gap])
    line.setStyle(
        look.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), look.padding / 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return line


def _chunks(days: list[Day], per_table: int) -> list[list[Day]]:
    return [days[i : i + per_table] for i in range(0, len(days), per_table)]


def session_tables(label: str, days: list[Day], plan: Plan, look: Look) -> list[Flowable]:
    """The tables of one session label this week; days beyond the width go to a second table."""
    session = next(s for s in days[0].strength() if s.label == label)
    name_width = look.width * NAME_SHARE
    dose_width = look.width * DOSE_SHARE
    most_sets = max(item.sets for item in session.items)
    pain_cell = _pain_box_width(look) + look.padding * 3
    day_min = max(_ticks(look, most_sets).wrap(0, 0)[0], pain_cell) + look.padding * 3
    per_table = max(1, int((look.width - name_width - dose_width) // day_min))
    tables: list[Flowable] = []
    for chunk in _chunks(days, per_table):
        day_width = (look.width - name_width - dose_width) / len(chunk)
        tables.append(_session_table(session, chunk, plan, look, name_width, dose_width, day_width))
        tables.append(Spacer(0, look.space))
    tables += _lift_rules(session, plan, look)
    return tables


def _lift_rules(session: StrengthSession, plan: Plan, look: Look) -> list[Flowable]:
    """Under the week where a lift starts: its entry check and its load rule, so the person
    reads them where they train, not only on the card."""
    lines: list[Flowable] = []
    for item in session.items:
        name = plan.exercises[item.exercise].name
        if item.entry_check:
            lines.append(
                para(
                    item.entry_check + ".",
                    look.styles["small_ink"],
                    f"<b>{name}, before you start:</b> ",
                )
            )
        if item.entry_check and item.weight_note:
            lines.append(
                para(
                    item.weight_note + ". Learn it with a coach or physiotherapist first.",
                    look.styles["small_ink"],
                    f"<b>{name}, the load:</b> ",
                )
            )
    if lines:
        lines.append(Spacer(0, look.space))
    return lines


def _session_table(
    session: StrengthSession,
    days: list[Day],
    plan: Plan,
    look: Look,
    name_width: float,
    dose_width: float,
    day_width: float,
) -> Table:
    s = look.styles
    label_width = name_width + dose_width
    header = [
        look.cell(f"Session {session.label} · about {session.minutes} min", name_width, True),
        look.cell("Dose", dose_width, True),
    ]
    header += [look.cell(weekday_day_month(day.date), day_width, True) for day in days]
    rows: list[list[object]] = [header]
    for item in session.items:
        name = plan.exercises[item.exercise].name
        row: list[object] = [
            para("", s["table"], link(name, card_key(item.exercise))),
            look.cell(
                " · ".join(
                    filter(None, (item.dose_text, item.band and f"{item.band} band", item.tempo))
                ),
                dose_width,
            ),
        ]
        row += [
            _ticks(
                look,
                item.sets,
                tuple(
                    set_field(_week_of(plan, day), day.weekday, session.label, item.exercise, n)
                    for n in range(1, item.sets + 1)
                ),
            )
            for day in days
        ]
        rows.append(row)
    line_gap = look.size("table") * 1.8
    rows.append(
        [look.cell("Session done", label_width, True), ""]
        + [
            _ticks(look, 1, (done_field(_week_of(plan, d), d.weekday, session.label),))
            for d in days
        ]
    )
    side_by_side = day_width >= 2 * (_pain_box_width(look) + look.padding * 3) + look.padding * 3
    how = "before | after" if side_by_side else "before, then after"
    rows.append(
        [look.cell(f"Pain 0–10: {how}", label_width), ""]
        + [
            _pain_boxes(
                look,
                side_by_side,
                (
                    pain_field(_week_of(plan, d), d.weekday, session.label, "before"),
                    pain_field(_week_of(plan, d), d.weekday, session.label, "after"),
                ),
            )
            for d in days
        ]
    )
    rows.append(
        [look.cell("Notes", label_width), ""]
        + [
            WritingLines(
                1,
                line_gap,
                look.line / 2,
                look.colours["rule"],
                notes_field(_week_of(plan, d), d.weekday, session.label),
            )
            for d in days
        ]
    )
    table = Table(rows, colWidths=[name_width, dose_width] + [day_width] * len(days), repeatRows=1)
    last_item = len(session.items)
    table.setStyle(
        look.table_style(
            [
                ("GRID", (0, 0), (-1, -1), look.line / 2, look.colours["rule"]),
                ("LINEBELOW", (0, 0), (-1, 0), look.line * 1.5, look.colours["ink"]),
                (
                    "LINEBELOW",
                    (0, last_item),
                    (-1, last_item),
                    look.line * 1.5,
                    look.colours["ink"],
                ),
                ("SPAN", (0, last_item + 1), (1, last_item + 1)),
                ("SPAN", (0, last_item + 2), (1, last_item + 2)),
                ("SPAN", (0, last_item + 3), (1, last_item + 3)),
                ("FONT", (0, 0), (-1, 0), BOLD, look.size("table")),
                ("FONT", (0, last_item + 1), (-1, last_item + 1), BOLD, look.size("table")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 1), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), look.padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.padding),
                ("LEFTPADDING", (0, 0), (-1, -1), look.padding * 1.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), look.padding * 1.5),
            ]
        )
    )
    return table


def pain_legend(library: Library, look: Look) -> Flowable:
    """The one pain rule, under every week's sessions, in the words of the safety page."""
    rule = library.safety.pain_rule
    return para(
        f"{rule.short} More, or not settled by morning: repeat the week or take the easier "
        "version. Sharp, shooting or spreading pain: stop (safety page).",
        look.styles["small"],
        "<b>Pain:</b> ",
    )


WALK_RULE = (
    "If your feet, knees or hips get sore, keep the time but walk more slowly, or repeat last "
    "week's walks."
)


def _light_days(week: Week, plan: Plan, look: Look) -> list[Flowable]:
    """What a mobility day asks, and the week's walks with the rule for sore feet and knees;
    each is ticked in the day strip above."""
    lines: list[Flowable] = []
    mobility = [(d, m) for d in week.days for m in d.mobility()]
    if mobility:
        days = ", ".join(f"{d.date:%a}" for d, _ in mobility)
        items = "; ".join(
            f"{plan.exercises[i.exercise].name} {i.dose_text}" for i in mobility[0][1].items
        )
        lines.append(para(items, look.styles["small_ink"], f"<b>Mobility ({days}):</b> "))
    walks = [(d, w) for d in week.days for w in d.walks()]
    if walks:
        days = ", ".join(f"{d.date:%a}" for d, _ in walks)
        text = f"{walks[0][1].minutes} minutes on {days}, at a pace where you can still talk. "
        lines.append(para(text + WALK_RULE, look.styles["small_ink"], "<b>Walks:</b> "))
    if lines:
        lines.append(Spacer(0, look.space))
    return lines


def week_story(week: Week, plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    title = f"Week {week.number} · {date_range(week.first, week.last)}"
    heading: list[Flowable] = [
        Anchor(week_key(week.number), f"Week {week.number}", level=1),
        para(title + (" · lighter week" if week.deload else ""), s["heading"]),
    ]
    if week.deload:
        heading.append(para(library.booklet.lighter_week, s["body"]))
    heading += [day_strip(week, plan, library, look), Spacer(0, look.space)]
    story: list[Flowable] = heading
    labels: list[str] = []
    for day in week.days:
        for session in day.strength():
            if session.label not in labels:
                labels.append(session.label)
    for label in labels:
        days = [d for d in week.days if any(x.label == label for x in d.strength())]
        story += session_tables(label, days, plan, look)
    story += _light_days(week, plan, look)
    story.append(pain_legend(library, look))
    if look.layout.weeks_per_page == 1:
        return story  # the week starts on a fresh page; keeping it together would only cost time
    return [KeepTogether(story)]
