"""Progress as told, for people without a camera: `planbuilder next PLAN.pdf --ask`.

Week by week: how many of the planned sessions were done, the usual pain before and after,
and how the work felt. The answers become the same Progress that ticks give (sets done in
proportion to sessions done), so the next block is decided by the same rule.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from planbuilder.errors import InputError
from planbuilder.plan import WalkSession
from planbuilder.readback import PrintedPlan, Progress, WeekProgress


class Feel(enum.StrEnum):
    """How the work felt, in the order the question lists them."""

    TOO_EASY = "too-easy"
    RIGHT = "right"
    TOO_HARD = "too-hard"


@dataclass(frozen=True, slots=True)
class WeekTold:
    number: int
    sessions_done: int
    pain_before: int
    pain_after: int
    feel: Feel


WEEK_FLAG = "N:SESSIONS:PAIN_BEFORE:PAIN_AFTER:FEEL"


def parse_week_flag(text: str, plan: PrintedPlan) -> WeekTold:
    """`--week 3:2:4:3:right` → week 3, 2 sessions, pain 4 before and 3 after, felt right."""
    parts = text.split(":")
    problem = f"--week {text!r}: give {WEEK_FLAG}, for example 3:2:4:3:right"
    if len(parts) != 5:
        raise InputError(problem)
    try:
        number, done, before, after = (int(part) for part in parts[:4])
    except ValueError:
        raise InputError(problem) from None
    weeks = {week.number: week for week in plan.weeks}
    if number not in weeks:
        raise InputError(f"--week {text!r}: the plan has weeks 1 to {len(weeks)}, not {number}")
    planned = planned_sessions(plan, number)
    if not 0 <= done <= planned:
        raise InputError(
            f"--week {text!r}: week {number} has {planned} sessions; "
            f"sessions done must be 0 to {planned}"
        )
    for what, pain in (("pain before", before), ("pain after", after)):
        if not 0 <= pain <= 10:
            raise InputError(f"--week {text!r}: {what} must be 0 to 10, not {pain}")
    if parts[4] not in tuple(Feel):
        allowed = ", ".join(Feel)
        raise InputError(f"--week {text!r}: '{parts[4]}' is not one of {allowed}")
    return WeekTold(number, done, before, after, Feel(parts[4]))


def planned_sessions(plan: PrintedPlan, number: int) -> int:
    """Strength, mobility and sport sessions; walks are ticked on the week page, not told."""
    week = next(w for w in plan.weeks if w.number == number)
    return sum(1 for day in week.days for s in day.sessions if not isinstance(s, WalkSession))


def progress_from_told(plan: PrintedPlan, told: list[WeekTold], today: dt.date) -> Progress:
    """The Progress ticks would give: sets done in proportion to the sessions done."""
    by_week = {t.number: t for t in told}
    weeks: list[WeekProgress] = []
    exercises: dict[str, list[int]] = {}
    for week in plan.weeks:
        record = WeekProgress(week.number)
        record.sessions_planned = planned_sessions(plan, week.number)
        record.sets_planned = sum(
            item.sets for session in week.strength_sessions() for item in session.items
        )
        answer = by_week.get(week.number)
        if answer is not None:
            share = answer.sessions_done / record.sessions_planned if record.sessions_planned else 0
            record.sessions_done = answer.sessions_done
            record.sets_done = round(record.sets_planned * share)
            record.pain_before = [answer.pain_before]
            record.pain_after = [answer.pain_after]
            record.entries = 1 + answer.sessions_done
        for session in week.strength_sessions():
            for item in session.items:
                counts = exercises.setdefault(item.exercise, [0, 0])
                counts[1] += item.sets
                if answer is not None and record.sessions_planned:
                    counts[0] += round(item.sets * answer.sessions_done / record.sessions_planned)
        weeks.append(record)
    felt = {t.number: str(t.feel) for t in told}
    return Progress(plan, weeks, exercises, today, felt)


def ask_weeks(plan: PrintedPlan, last_week: int) -> list[WeekTold]:
    """Ask, week by week up to `last_week`, in the terminal (Ctrl-C cancels)."""
    import questionary

    told = []
    for week in plan.weeks:
        if week.number > last_week:
            break
        planned = planned_sessions(plan, week.number)
        print(f"\nWeek {week.number} ({week.first:%d %b} to {week.last:%d %b})")
        done = _number(questionary, f"How many of the {planned} sessions did you do?", planned)
        before = _number(questionary, "Your usual pain before a session (0 none - 10 worst)?", 10)
        after = _number(questionary, "And after a session (0-10)?", 10)
        feel = questionary.select(
            "How did the work feel?",
            choices=[
                questionary.Choice("too easy", Feel.TOO_EASY),
                questionary.Choice("about right", Feel.RIGHT),
                questionary.Choice("too hard", Feel.TOO_HARD),
            ],
            default=Feel.RIGHT,
        ).unsafe_ask()
        told.append(WeekTold(week.number, done, before, after, Feel(feel)))
    return told


def _number(questionary: object, text: str, most: int) -> int:
    def check(typed: str) -> bool | str:
        typed = typed.strip()
        if typed.isascii() and typed.isdecimal() and int(typed) <= most:
            return True
        return f"Please type a whole number from 0 to {most}"

    answer = questionary.text(text, validate=check).unsafe_ask()  # type: ignore[attr-defined]
    return int(str(answer).strip())
