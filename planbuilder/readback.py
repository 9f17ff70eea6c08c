"""Reading a filled plan back: what was done and how the back felt, week by week.

Pure apart from reading the PDF: the answers travel inside it, the plan is rebuilt from them
(the planner is deterministic), and the form fields are matched against what it asked for.
What the next block should be is decided in next_block.py.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from planbuilder.acroform import (
    ANSWERS_ATTACHMENT,
    done_field,
    pain_field,
    set_field,
    sport_field,
    tracker_field,
    tracker_pain_field,
)
from planbuilder.content import Library
from planbuilder.errors import InputError
from planbuilder.plan import Plan, StrengthSession
from planbuilder.profile import Profile, profile_from_answers
from planbuilder.yamlfile import parse_yaml


@dataclass
class WeekProgress:
    number: int
    sessions_planned: int = 0
    sessions_done: int = 0
    sets_planned: int = 0
    sets_done: int = 0
    pain_before: list[int] = field(default_factory=list)
    pain_after: list[int] = field(default_factory=list)
    weekly_pain: int | None = None
    entries: int = 0  # anything filled in at all


@dataclass
class Progress:
    plan: Plan
    weeks: list[WeekProgress]
    exercises: dict[str, list[int]]  # id -> [sets done, sets planned]

    @property
    def sets_fraction(self) -> float:
        planned = sum(w.sets_planned for w in self.weeks)
        return sum(w.sets_done for w in self.weeks) / planned if planned else 0.0

    def pain_trend(self) -> list[tuple[int, float]]:
        """(week, usual pain) for weeks with a pain entry: after-session pain, else weekly."""
        trend = []
        for week in self.weeks:
            values = week.pain_after or ([week.weekly_pain] if week.weekly_pain is not None else [])
            if values:
                trend.append((week.number, round(mean(values), 1)))
        return trend

    def pain_change(self) -> float:
        """How much pain rose from the first two weeks with entries to the last two."""
        trend = [pain for _, pain in self.pain_trend()]
        if len(trend) < 2:
            return 0.0
        size = min(2, len(trend) // 2)
        return round(mean(trend[-size:]) - mean(trend[:size]), 1)


def read_filled(path: Path, library: Library, layouts: tuple[str, ...]) -> tuple[Profile, dict]:
    """The profile stored in a planbuilder PDF and the values of its form fields."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # our message says what is wrong
    try:
        reader = PdfReader(path)
        attachments = reader.attachments
        fields = reader.get_fields() or {}
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds for a broken file
        raise InputError(
            f"{path}: cannot be read as a PDF ({type(exc).__name__}); is it damaged, or not a PDF?"
        ) from None
    if ANSWERS_ATTACHMENT not in attachments:
        raise InputError(
            f"{path}: was not made by planbuilder (it carries no planbuilder "
            "answers); give the PDF that `planbuilder build` wrote"
        )
    text = attachments[ANSWERS_ATTACHMENT][0].decode("utf-8", errors="replace")
    answers = parse_yaml(text, f"{path} (its answers)")
    profile = profile_from_answers(answers, library, layouts, f"{path} (its answers)")
    values = {name: data.get("/V") for name, data in fields.items()}
    return profile, values


def _ticked(value: Any) -> bool:
    return value is not None and str(value) not in ("/Off", "Off", "")


def _pain(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 0 <= int(text) <= 10 else None


def measure(plan: Plan, values: dict[str, Any]) -> Progress:
    """Match the filled fields against what the plan asked for."""
    weeks = []
    exercises: dict[str, list[int]] = {}
    for week in plan.weeks:
        record = WeekProgress(week.number)
        for day in week.days:
            for session in day.sessions:
                record.sessions_planned += 1
                if isinstance(session, StrengthSession):
                    done = _ticked(values.get(done_field(week.number, day.weekday, session.label)))
                    _measure_strength(record, exercises, week.number, day.weekday, session, values)
                    tracked = tracker_field(week.number, day.weekday, session.label)
                else:
                    done = _ticked(values.get(sport_field(week.number, day.weekday, session.sport)))
                    tracked = tracker_field(week.number, day.weekday, session.sport)
                done = done or _ticked(values.get(tracked))
                record.sessions_done += done
                record.entries += done
        record.weekly_pain = _pain(values.get(tracker_pain_field(week.number)))
        record.entries += record.weekly_pain is not None
        weeks.append(record)
    return Progress(plan, weeks, exercises)


def _measure_strength(
    record: WeekProgress,
    exercises: dict[str, list[int]],
    number: int,
    weekday: str,
    session: StrengthSession,
    values: dict[str, Any],
) -> None:
    for item in session.items:
        counts = exercises.setdefault(item.exercise, [0, 0])
        for set_number in range(1, item.sets + 1):
            name = set_field(number, weekday, session.label, item.exercise, set_number)
            ticked = _ticked(values.get(name))
            counts[0] += ticked
            counts[1] += 1
            record.sets_done += ticked
            record.sets_planned += 1
            record.entries += ticked
    for when, bucket in (("before", record.pain_before), ("after", record.pain_after)):
        pain = _pain(values.get(pain_field(number, weekday, session.label, when)))
        if pain is not None:
            bucket.append(pain)
            record.entries += 1


def progress_json(progress: Progress) -> dict[str, Any]:
    weeks = progress.weeks
    return {
        "plan_id": progress.plan.plan_id,
        "sessions": {
            "done": sum(w.sessions_done for w in weeks),
            "planned": sum(w.sessions_planned for w in weeks),
        },
        "sets": {
            "done": sum(w.sets_done for w in weeks),
            "planned": sum(w.sets_planned for w in weeks),
        },
        "weeks": [
            {
                "number": w.number,
                "sessions_done": w.sessions_done,
                "sessions_planned": w.sessions_planned,
                "sets_done": w.sets_done,
                "sets_planned": w.sets_planned,
                "pain_before": w.pain_before,
                "pain_after": w.pain_after,
                "weekly_pain": w.weekly_pain,
            }
            for w in weeks
        ],
        "exercises": {
            ex: {"sets_done": done, "sets_planned": planned}
            for ex, (done, planned) in progress.exercises.items()
        },
        "pain_trend": [{"week": week, "pain": pain} for week, pain in progress.pain_trend()],
        "weeks_without_entries": [w.number for w in weeks if not w.entries],
    }


def progress_text(progress: Progress) -> str:
    data = progress_json(progress)
    plan = progress.plan
    lines = [
        f"Plan {plan.plan_id}" + (f" for {plan.profile.name}" if plan.profile.name else ""),
        f"Sessions done: {data['sessions']['done']} of {data['sessions']['planned']}; "
        f"sets done: {data['sets']['done']} of {data['sets']['planned']} "
        f"({progress.sets_fraction:.0%}).",
        "",
        "Week  sessions  sets       pain before  pain after",
    ]
    for w in progress.weeks:
        before = f"{mean(w.pain_before):.1f}" if w.pain_before else "-"
        after = f"{mean(w.pain_after):.1f}" if w.pain_after else "-"
        lines.append(
            f"{w.number:>4}  {w.sessions_done:>2} of {w.sessions_planned:<3} "
            f"{w.sets_done:>3} of {w.sets_planned:<4} {before:>11}  {after:>10}"
        )
    lines += ["", "Sets done by exercise:"]
    for exercise_id, (done, planned) in progress.exercises.items():
        lines.append(f"  {plan.exercises[exercise_id].name:<36} {done:>3} of {planned}")
    trend = progress.pain_trend()
    if trend:
        lines.append("")
        lines.append(
            "Pain trend (usual pain after sessions): "
            + ", ".join(f"week {week}: {pain:g}" for week, pain in trend)
        )
    empty = data["weeks_without_entries"]
    if empty:
        lines.append(f"Weeks with nothing filled in: {', '.join(str(n) for n in empty)}.")
    return "\n".join(lines)
