"""The Plan: weeks of days, each with its sessions, and what every session asks of the person.

The planner makes it, the PDF and the text summary read it. `plan_to_json` is the documented
machine form printed by `planbuilder plan --json`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planbuilder.content import Exercise, Sport
from planbuilder.profile import Profile
from planbuilder.vocab import WEEKDAYS

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
    # --- dosing (issue 12) ---
    reps: int | None = None  # a repeated hold: holds of `dose` seconds per set
    rest: int = 0  # seconds between sets
    band: str | None = None  # the band to use, for band exercises
    tempo: str | None = None  # a slower tempo, once the reps are at their ceiling
    weight_note: str | None = None  # when and how much weight to add, for loaded lifts
    weight_step: int | None = None  # how many times weight may have gone up by now
    ceiling: bool = False  # at its ceiling in its hardest allowed form: no further step
    entry_check: str | None = None  # to tick before the first session of a new lift

    @property
    def load(self) -> int:
        """Total work asked for, in the exercise's own unit; used to check progression."""
        return self.sets * self.dose * (self.reps or 1) * (2 if self.per_side else 1)

    @property
    def dose_text(self) -> str:
        """The dose as printed: '3 × 20 s each side', '2 × 12', '2 × 6 holds of 8 s'."""
        amount = f"{self.dose} s" if self.unit == "s" else f"{self.dose}"
        if self.reps:
            amount = f"{self.reps} holds of {amount}"
        side = " each side" if self.per_side else ""
        return f"{self.sets} × {amount}{side}"

    @property
    def how_text(self) -> str:
        """The other things the dose asks for: band, tempo, weight, rest."""
        parts = [p for p in (self.band and f"{self.band} band", self.tempo) if p]
        if self.rest:
            parts.append(f"rest {self.rest} s")
        return ", ".join(parts)


class TimedItems:
    """The time of a session of prescriptions: work, rests and set-up, and the honest
    minutes printed for it (rounded up)."""

    __slots__ = ()
    items: tuple[Prescription, ...]

    @property
    def seconds(self) -> int:
        return sum(item.seconds for item in self.items)

    @property
    def minutes(self) -> int:
        return math.ceil(self.seconds / 60)


@dataclass(frozen=True, slots=True)
class StrengthSession(TimedItems):
    label: str
    items: tuple[Prescription, ...]
    kind: str = "strength"

    @property
    def load(self) -> int:
        return sum(item.load for item in self.items)


@dataclass(frozen=True, slots=True)
class SportSession:
    sport: str
    minutes: int
    kind: str = "sport"


@dataclass(frozen=True, slots=True)
class MobilitySession(TimedItems):
    """A short day of easy movement, low-load holds and stretches: what a beginner, or a back
    that hurts, does on the days asked for beyond 2-3 strength days (ACSM 2009)."""

    items: tuple[Prescription, ...]
    kind: str = "mobility"


@dataclass(frozen=True, slots=True)
class WalkSession:
    """A walk of so many minutes (the WalkBack programme)."""

    minutes: int
    kind: str = "walk"


Session = StrengthSession | SportSession | MobilitySession | WalkSession


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

    def walks(self) -> tuple[WalkSession, ...]:
        return tuple(s for s in self.sessions if isinstance(s, WalkSession))

    def mobility(self) -> tuple[MobilitySession, ...]:
        return tuple(s for s in self.sessions if isinstance(s, MobilitySession))


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
    # derived from the weeks once: every week page and card ladder asks
    _heavier: dict[int, set[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_heavier", _heavier_by_week(self.weeks))

    def sessions(self) -> list[tuple[Week, Day, Session]]:
        return [(week, day, s) for week in self.weeks for day in week.days for s in day.sessions]

    def heavier_by_week(self) -> dict[int, set[str]]:
        """For each week, the lifts whose weight may go up in it (see _heavier_by_week)."""
        return self._heavier

    def heavier_in(self, number: int) -> set[str]:
        """The lifts whose weight may go up in week `number` (see heavier_by_week)."""
        return self._heavier.get(number, set())


def _heavier_by_week(weeks: tuple[Week, ...]) -> dict[int, set[str]]:
    """For each week, the lifts whose weight may go up in it: their weight step is higher
    than in the last week they were done. Their repetitions start again lower (3 × 12, then
    3 × 8), which without a word reads as a step back. One pass over the plan."""
    last: dict[str, int] = {}
    heavier: dict[int, set[str]] = {}
    for week in weeks:
        for session in week.strength_sessions():
            for item in session.items:
                if item.weight_step is None:
                    continue
                before = last.get(item.exercise)
                if before is not None and item.weight_step > before:
                    heavier.setdefault(week.number, set()).add(item.exercise)
        for session in week.strength_sessions():  # after the week: its days agree
            for item in session.items:
                if item.weight_step is not None:
                    last[item.exercise] = item.weight_step
    return heavier


# Prescription fields printed in the JSON only when set: the other means of progressing.
OPTIONAL_ITEM_FIELDS = ("reps", "band", "tempo", "weight_note", "weight_step", "entry_check")


def _item_json(item: Prescription) -> dict[str, Any]:
    data: dict[str, Any] = {
        "exercise": item.exercise,
        "sets": item.sets,
        "dose": item.dose,
        "unit": item.unit,
        "per_side": item.per_side,
        "rest": item.rest,
        "ceiling": item.ceiling,
    }
    for key in OPTIONAL_ITEM_FIELDS:
        if getattr(item, key) is not None:
            data[key] = getattr(item, key)
    return data


def _session_json(session: Session) -> dict[str, Any]:
    if isinstance(session, SportSession):
        return {"kind": "sport", "sport": session.sport, "minutes": session.minutes}
    if isinstance(session, WalkSession):
        return {"kind": "walk", "minutes": session.minutes}
    if isinstance(session, MobilitySession):
        return {
            "kind": "mobility",
            "minutes": session.minutes,
            "items": [_item_json(item) for item in session.items],
        }
    return {
        "kind": "strength",
        "label": session.label,
        "minutes": session.minutes,
        "items": [_item_json(item) for item in session.items],
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
                "family": ex.family,
                "load": ex.load,
                "max_pain": ex.max_pain,
                "position": ex.position,
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


def _item_from_json(item: dict[str, Any]) -> Prescription:
    """A printed item back; records from before the dosing fields read with their defaults."""
    reps = item.get("reps")
    return Prescription(
        exercise=str(item["exercise"]),
        sets=int(item["sets"]),
        dose=int(item["dose"]),
        unit=str(item["unit"]),
        per_side=bool(item["per_side"]),
        seconds=0,  # not printed, not needed to read ticks
        reps=None if reps is None else int(reps),
        rest=int(item.get("rest", 0)),
        band=item.get("band"),
        tempo=item.get("tempo"),
        weight_note=item.get("weight_note"),
        weight_step=None if item.get("weight_step") is None else int(item["weight_step"]),
        ceiling=bool(item.get("ceiling", False)),
        entry_check=item.get("entry_check"),
    )


def _session_from_json(data: dict[str, Any]) -> Session:
    if data["kind"] == "sport":
        return SportSession(str(data["sport"]), int(data["minutes"]))
    if data["kind"] == "walk":
        return WalkSession(int(data["minutes"]))
    if data["kind"] == "mobility":
        return MobilitySession(tuple(map(_item_from_json, data["items"])))
    if data["kind"] == "strength":
        items = tuple(map(_item_from_json, data["items"]))
        return StrengthSession(str(data["label"]), items)
    raise ValueError(f"unknown session kind {data['kind']!r}")
