"""The plan as readable text, for `planbuilder plan` without --json."""

from __future__ import annotations

from planbuilder.content import Library
from planbuilder.glance import plan_rows
from planbuilder.plan import Day, MobilitySession, Plan, Session, SportSession, WalkSession


def _date(day: Day) -> str:
    return day.date.strftime("%a %d %b")


def plan_summary(plan: Plan, library: Library) -> str:
    """Week by week: each day, each session, each exercise with its dose."""
    p = plan.profile
    lines = [f"Back plan {plan.plan_id}" + (f" for {p.name}" if p.name else "")]
    lines += [f"{label}: {value}" for label, value in plan_rows(plan, library)]
    for note in plan.notes:
        lines.append(f"Note - {note}")
    for week in plan.weeks:
        lighter = " (lighter week)" if week.deload else ""
        lines += ["", f"Week {week.number}{lighter}: {week.first:%d %b} to {week.last:%d %b}"]
        for day in week.days:
            if day.is_rest:
                lines.append(f"  {_date(day)}  rest")
            for session in day.sessions:
                lines += _session_lines(_date(day), session, plan, library)
    return "\n".join(lines)


def _session_lines(when: str, session: Session, plan: Plan, library: Library) -> list[str]:
    if isinstance(session, SportSession):
        return [f"  {when}  {library.sports[session.sport].name}, about {session.minutes} min"]
    if isinstance(session, WalkSession):
        return [f"  {when}  Walk, {session.minutes} min"]
    title = "Mobility" if isinstance(session, MobilitySession) else f"Session {session.label}"
    lines = [f"  {when}  {title}, about {session.minutes} min"]
    for item in session.items:
        how = f"  ({item.how_text})" if item.how_text else ""
        lines.append(f"      {plan.exercises[item.exercise].name:<36} {item.dose_text}{how}")
        for extra in (item.weight_note, item.entry_check):
            if extra:
                lines.append(f"        - {extra}")
    return lines
