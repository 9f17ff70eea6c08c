"""The Plan: weeks of days, each with its sessions, and what every session asks of the person.

The planner makes it, the PDF and the text summary read it. `plan_to_json` is the documented
machine form printed by `planbuilder plan --json`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planbuilder.content import Exercise, Sport
from planbuilder.profile import WEEKDAYS, Profile

if TYPE_CHECKING:
    from planbuilder.screening import Screening


@dataclass(frozen=True, slots=True)
class Prescription:
    """One exercise in one session: how many sets of what dose."""

    exercise: str
    sets: int
    dose: int
    unit: str  # "s" or "reps"
    per_side: bool
    seconds: int  # estimated time including rests

    @property
    def load(self) -> int:
        """Total work asked for, in the exercise's own unit; used to check progression."""
        return self.sets * self.dose * (2 if self.per_side else 1)

    @property
    def dose_text(self) -> str:
        """The dose as printed: '3 × 20 s each side', '2 × 12'."""
        amount = f"{self.dose} s" if self.unit == "s" else f"{self.dose}"
        side = " each side" if self.per_side else ""
        return f"{self.sets} × {amount}{side}"


@dataclass(frozen=True, slots=True)
class StrengthSession:
    label: str
    items: tuple[Prescription, ...]
    kind: str = "strength"

    @property
    def seconds(self) -> int:
        return sum(item.seconds for item in self.items)

    @property
    def minutes(self) -> int:
        return math.ceil(self.seconds / 60)

    @property
    def load(self) -> int:
        return sum(item.load for item in self.items)


@dataclass(frozen=True, slots=True)
class SportSession:
    sport: str
    minutes: int
    kind: str = "sport"


Session = StrengthSession | SportSession


@dataclass(frozen=True, slots=True)
class Day:
    date: dt.date
    sessions: tuple[Session, ...]

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    @property
    def is_rest(self) -> bool:
        return not self.sessions

    def strength(self) -> tuple[StrengthSession, ...]:
        return tuple(s for s in self.sessions if isinstance(s, StrengthSession))

    def sport(self) -> tuple[SportSession, ...]:
        return tuple(s for s in self.sessions if isinstance(s, SportSession))


@dataclass(frozen=True, slots=True)
class Week:
    number: int
    deload: bool
    days: tuple[Day, ...]

    @property
    def first(self) -> dt.date:
        return self.days[0].date

    @property
    def last(self) -> dt.date:
        return self.days[-1].date

    def strength_sessions(self) -> list[StrengthSession]:
        return [s for day in self.days for s in day.strength()]


@dataclass(frozen=True, slots=True)
class Plan:
    profile: Profile
    plan_id: str
    weeks: tuple[Week, ...]
    exercises: dict[str, Exercise]  # those used, in order of first appearance
    sports: dict[str, Sport]  # those scheduled
    notes: tuple[str, ...]  # things the person must know about this plan (coach for deadlift…)
    screening: Screening | None = None  # what screening asks the booklet to say (pipeline)

    def sessions(self) -> list[tuple[Week, Day, Session]]:
        return [(week, day, s) for week in self.weeks for day in week.days for s in day.sessions]


def _session_json(session: Session) -> dict[str, Any]:
    if isinstance(session, SportSession):
        return {"kind": "sport", "sport": session.sport, "minutes": session.minutes}
    return {
        "kind": "strength",
        "label": session.label,
        "minutes": session.minutes,
        "items": [
            {
                "exercise": item.exercise,
                "sets": item.sets,
                "dose": item.dose,
                "unit": item.unit,
                "per_side": item.per_side,
            }
            for item in session.items
        ],
    }


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The documented JSON form of a plan."""
    return {
        "plan_id": plan.plan_id,
        "answers": {
            key: (value.isoformat() if isinstance(value, dt.date) else value)
            for key, value in plan.profile.to_answers().items()
        },
        "notes": list(plan.notes),
        "weeks": [
            {
                "number": week.number,
                "deload": week.deload,
                "days": [
                    {
                        "date": day.date.isoformat(),
                        "weekday": day.weekday,
                        "sessions": [_session_json(s) for s in day.sessions],
                    }
                    for day in week.days
                ],
            }
            for week in plan.weeks
        ],
        "exercises": {
            ex.id: {
                "name": ex.name,
                "areas": list(ex.areas),
                "levels": list(ex.levels),
                "equipment": list(ex.equipment),
                "equipment_one_of": list(ex.equipment_one_of),
            }
            for ex in plan.exercises.values()
        },
    }


# --- the plan as printed, attached to its PDF ---------------------------------------------------

# The version of the record attached to every PDF. Raise it when a reader of the old record
# would misread the new one; readers refuse records newer than they know.
PLAN_FORMAT = 1


def plan_record(plan: Plan, version: str) -> dict[str, Any]:
    """What travels inside the PDF: the plan exactly as printed, so its ticks are always read
    against the boxes it drew, whatever later versions of the planner or content would plan."""
    return {"format": PLAN_FORMAT, "planbuilder": version, **plan_to_json(plan)}


def weeks_from_json(weeks: list[dict[str, Any]]) -> tuple[Week, ...]:
    """The weeks of a plan record, back as Week objects (KeyError/ValueError if malformed)."""
    return tuple(
        Week(
            int(week["number"]),
            bool(week["deload"]),
            tuple(
                Day(
                    dt.date.fromisoformat(day["date"]),
                    tuple(map(_session_from_json, day["sessions"])),
                )
                for day in week["days"]
            ),
        )
        for week in weeks
    )


def _session_from_json(data: dict[str, Any]) -> Session:
    if data["kind"] == "sport":
        return SportSession(str(data["sport"]), int(data["minutes"]))
    if data["kind"] == "strength":
        items = tuple(
            Prescription(
                exercise=str(item["exercise"]),
                sets=int(item["sets"]),
                dose=int(item["dose"]),
                unit=str(item["unit"]),
                per_side=bool(item["per_side"]),
                seconds=0,  # not printed, not needed to read ticks
            )
            for item in data["items"]
        )
        return StrengthSession(str(data["label"]), items)
    raise ValueError(f"unknown session kind {data['kind']!r}")
