"""Long plans print in blocks: the 4-week blocks a cover lists, and the part of a plan that
`build --weeks 5-8` prints. Pure: a Plan in, a Plan or numbers out.
"""

from __future__ import annotations

import dataclasses
import re

from planbuilder.errors import InputError
from planbuilder.plan import Plan

BLOCK_WEEKS = 4
# Plans longer than this print their cover with the pages of each block.
LONGEST_UNBLOCKED = 8

_RANGE = re.compile(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?")


def parse_weeks(text: str, total: int) -> tuple[int, int]:
    """'5-8' → (5, 8); '5' → (5, 5). InputError naming what is allowed for anything else:
    not numbers, a week 0, a range backwards, or weeks beyond the plan."""
    allowed = (
        f"allowed: FIRST-LAST with 1 ≤ FIRST ≤ LAST ≤ {total} (this plan has {total} weeks), "
        f"e.g. --weeks 1-{min(BLOCK_WEEKS, total)}"
    )
    found = _RANGE.fullmatch(text)
    if not found:
        raise InputError(f"--weeks: '{text}' is not a range of weeks; {allowed}")
    first = int(found.group(1))
    last = int(found.group(2) or first)
    if first < 1 or last > total or first > last:
        raise InputError(f"--weeks: '{text}' is not weeks of this plan; {allowed}")
    return first, last


def plan_part(plan: Plan, first: int, last: int) -> Plan:
    """The plan cut to weeks `first` to `last`, with the exercises and sports those weeks
    use: what its pages need (the guide's cards, the tracker's rows). Weeks keep their
    numbers, so its boxes are named as in the whole plan."""
    weeks = tuple(week for week in plan.weeks if first <= week.number <= last)
    used = {
        item.exercise
        for week in weeks
        for day in week.days
        for session in day.sessions
        for item in getattr(session, "items", ())
    }
    sports = {s.sport for week in weeks for day in week.days for s in day.sport()}
    return dataclasses.replace(
        plan,
        weeks=weeks,
        exercises={k: v for k, v in plan.exercises.items() if k in used},
        sports={k: v for k, v in plan.sports.items() if k in sports},
    )


def is_part(plan: Plan) -> bool:
    """A plan cut to some of its weeks (`build --weeks`)."""
    return len(plan.weeks) < plan.profile.weeks


def blocks(plan: Plan) -> list[tuple[int, int]]:
    """The 4-week blocks of a long plan, (first week, last week); none for a plan short
    enough to print at once."""
    total = len(plan.weeks)
    if total <= LONGEST_UNBLOCKED or is_part(plan):
        return []
    return [
        (first, min(first + BLOCK_WEEKS - 1, total)) for first in range(1, total + 1, BLOCK_WEEKS)
    ]
