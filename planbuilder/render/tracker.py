"""The progress tracker: every session of the plan as one grid of tick boxes, a row a week."""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

from planbuilder.acroform import tracker_field, tracker_pain_field
from planbuilder.content import Library
from planbuilder.plan import Plan, Session, SportSession, StrengthSession
from planbuilder.render.flowables import Anchor, TickBoxes, WriteInBox
from planbuilder.render.prose import day_month, para
from planbuilder.render.styles import Look


def _columns(plan: Plan) -> list[str]:
    """One column per session of a week, named by its weekday; the pattern repeats weekly."""
    names = []
    for day in plan.weeks[0].days:
        for session in _tracked(day.sessions):
            kind = "" if isinstance(session, StrengthSession) else " sport"
            names.append(f"{day.date:%a}{kind}")
    return names


def _tracked(sessions: tuple[Session, ...]) -> list[StrengthSession | SportSession]:
    """Strength and sport sessions: the same every week. Walks and mobility sessions change
    from week to week, so they are ticked on the week pages only."""
    return [s for s in sessions if isinstance(s, StrengthSession | SportSession)]


def _what(session: StrengthSession | SportSession) -> str:
    """The tracker field's last part: the strength label, or the sport."""
    return session.label if isinstance(session, StrengthSession) else session.sport


def tracker_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    columns = _columns(plan)
    header = [para("Week", s["table_bold"])] + [para(c, s["table_bold"]) for c in columns]
    header.append(para("Pain (0–10)", s["table_bold"]))
    rows: list[list[object]] = [header]
    small = s["small"]
    for week in plan.weeks:
        label = f"{week.number}  ({day_month(week.first)})" + (" lighter" if week.deload else "")
        row: list[object] = [para(label, s["table"])]
        row += [
            TickBoxes(
                1,
                look.box,
                0,
                look.line,
                look.colours["ink"],
                (tracker_field(week.number, day.weekday, _what(session)),),
            )
            for day in week.days
            for session in _tracked(day.sessions)
        ]
        row.append(
            WriteInBox(
                "",
                look.box * 2,
                look.box * 1.15,
                small.fontName,
                small.fontSize,
                look.line,
                look.colours["ink"],
                tracker_pain_field(week.number),
            )
        )
        rows.append(row)

    week_width = look.width * 0.28
    pain_width = look.width * 0.14
    cell = (look.width - week_width - pain_width) / max(len(columns), 1)
    table = Table(rows, colWidths=[week_width] + [cell] * len(columns) + [pain_width], repeatRows=1)
    table.setStyle(
        look.table_style(
            [
                ("GRID", (0, 0), (-1, -1), look.line / 2, look.colours["rule"]),
                ("LINEBELOW", (0, 0), (-1, 0), look.line * 1.5, look.colours["ink"]),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 1), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), look.padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.padding),
            ]
        )
    )
    return [
        Anchor("tracker", "Progress tracker"),
        para("Progress tracker", s["heading"]),
        para(library.booklet.tracker_intro, s["body"]),
        table,
    ]
