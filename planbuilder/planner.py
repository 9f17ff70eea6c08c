"""Profile + library → Plan. Pure: no files, no printing, no prompts.

The answers have passed screening (screening.py) before they come here. The rules, in the
order they are applied:
1. (Screening: see screening.py.)
2. Only exercises the person can do: their level is listed, and they own the equipment
   (or a listed household substitute).
3. Two session templates, A and B, each with a warm-up, a lower-back item, an upper-back item
   and a cool-down stretch, then extra items chosen by focus while the time budget allows.
4. Week by week the doses rise by the content's step up to its ceiling; at the ceiling an
   exercise moves to its harder variant (which restarts its own count) or gains a set.
   Pain slows this down; every fourth week of a long plan is lighter; no session ever grows
   beyond the person's minutes.
5. Sports go on days without strength work where possible, always leaving a full rest day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from planbuilder.content import LEVELS, PAIN_LEVELS, Exercise, Library
from planbuilder.plan import Day, Plan, Prescription, Session, SportSession, StrengthSession, Week
from planbuilder.profile import WEEKDAYS, Profile

LABELS = ("A", "B")
# Fewer, well-done exercises beat many: a session's item count, warm-up and stretch included.
MAX_ITEMS = {"beginner": 6, "intermediate": 7, "advanced": 8}
# Sessions are filled to this share of the time budget at the start, leaving room to progress.
START_FILL = 0.7
# Weeks between two dose increases, by how the back feels now.
PROGRESS_EVERY = {"none": 1, "mild": 2, "moderate": 3}
# Extra items after the required ones, by focus, taken in turn while time allows.
FOCUS_AREAS = {
    "balanced": ("core", "glutes_hamstrings", "upper_back", "lower_back"),
    "lower_back": ("lower_back", "glutes_hamstrings", "core", "lower_back"),
    "upper_back": ("upper_back", "core", "upper_back", "lower_back"),
}
# Free days in the order sports are put on them; Sunday last, so it usually stays a rest day.
SPORT_DAY_PREFERENCE = ("sat", "tue", "thu", "wed", "fri", "mon", "sun")


# --- who can do what ------------------------------------------------------------------------


def can_do(exercise: Exercise, profile: Profile) -> bool:
    """The person's level is listed, the back hurts no more than the exercise allows, and
    they have the equipment, or a substitute for it."""
    if profile.level not in exercise.levels:
        return False
    if PAIN_LEVELS.index(profile.pain) > PAIN_LEVELS.index(exercise.max_pain):
        return False
    return has_equipment(exercise, set(profile.equipment))


def has_equipment(exercise: Exercise, owned: set[str]) -> bool:
    """Everything the exercise needs is owned or has a listed household substitute, and at
    least one of its either-or items (dumbbells or kettlebell…) is owned."""
    if any(item not in owned and item not in exercise.substitutes for item in exercise.equipment):
        return False
    return not exercise.equipment_one_of or bool(owned & set(exercise.equipment_one_of))


def _preference(exercise: Exercise, profile: Profile) -> float:
    """Lower is better: exercises pitched at the person's level, using what they own."""
    level = LEVELS.index(profile.level)
    centre = sum(LEVELS.index(lv) for lv in exercise.levels) / len(exercise.levels)
    owned = set(profile.equipment)
    uses_owned = bool(owned & (set(exercise.equipment) | set(exercise.equipment_one_of)))
    return abs(level - centre) - (0.25 if uses_owned else 0.0)


def eligible_exercises(profile: Profile, library: Library) -> list[Exercise]:
    """Every exercise the person may be given, best-suited first."""
    fitting = [ex for ex in library.exercises.values() if can_do(ex, profile)]
    return sorted(fitting, key=lambda ex: (_preference(ex, profile), ex.id))


# --- doses ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slot:
    """The state of one exercise position of a session template as the weeks go by."""

    exercise: Exercise
    dose: int
    sets: int

    def prescription(self) -> Prescription:
        d = self.exercise.dose
        return Prescription(
            exercise=self.exercise.id,
            sets=self.sets,
            dose=self.dose,
            unit=d.unit,
            per_side=d.per_side,
            seconds=d.seconds(self.dose, self.sets),
        )


def starting_slot(exercise: Exercise, profile: Profile) -> Slot:
    """The first dose: the content's start for the level, lower when the back hurts now.

    Warm-ups and stretches keep their dose: a short stretch is not a gentler one.
    """
    d = exercise.dose
    dose = d.start[profile.level]
    sets = d.sets[profile.level]
    steps_down = {"none": 0, "mild": 1, "moderate": 2}[profile.pain]
    if exercise.phase != "main":
        return Slot(exercise, dose, sets)
    if steps_down:
        dose = max(dose - steps_down * d.step, dose // 2, 1)
    if profile.pain == "moderate":
        sets = min(sets, 2)
    return Slot(exercise, dose, sets)


def progressed(slot: Slot, profile: Profile, library: Library, taken: set[str]) -> Slot:
    """One step up: more dose, or the harder variant at the ceiling, or one more set."""
    d = slot.exercise.dose
    if slot.dose < d.ceiling:
        return replace(slot, dose=min(slot.dose + d.step, d.ceiling))
    for harder_id in slot.exercise.harder:
        harder = library.exercises[harder_id]
        if harder_id not in taken and can_do(harder, profile):
            return starting_slot(harder, profile)
    if slot.sets < d.max_sets:
        return replace(slot, sets=slot.sets + 1)
    return slot


def lighter(slot: Slot) -> Slot:
    """The deload version of a slot: one set fewer, or a smaller dose when only one set."""
    if slot.sets > 1:
        return replace(slot, sets=slot.sets - 1)
    d = slot.exercise.dose
    return replace(slot, dose=max(1, slot.dose - d.step))


def _seconds(slots: list[Slot]) -> int:
    return sum(slot.prescription().seconds for slot in slots)


# --- session templates ------------------------------------------------------------------------


def _linked(a: Exercise, b: Exercise) -> bool:
    """Variants of each other: never both in one session."""
    return a.id == b.id or b.id in a.easier or b.id in a.harder


def _fits_slot(exercise: Exercise, want: str) -> bool:
    if want in ("warm_up", "cool_down"):
        return exercise.phase == want
    return exercise.phase == "main" and want in exercise.areas


def _pick(
    want: str,
    pool: list[Exercise],
    chosen: list[Exercise],
    used_elsewhere: set[str],
    required: bool,
) -> Exercise | None:
    """The best exercise for a slot. The other session's exercises are taken only for a
    required slot with no alternative: A and B should differ, and a hard lift such as the
    deadlift should not come back on consecutive days."""
    candidates = [
        ex
        for ex in pool
        if _fits_slot(ex, want) and not any(_linked(ex, other) for other in chosen)
    ]
    fresh = [ex for ex in candidates if ex.id not in used_elsewhere]
    if fresh or not required:
        candidates = fresh
    if not candidates:
        return None
    # pool is already in preference order; sorted() is stable, so that order breaks ties.
    return sorted(candidates, key=lambda ex: ex.areas[0] != want)[0]


def build_template(profile: Profile, pool: list[Exercise], used_elsewhere: set[str]) -> list[Slot]:
    """One session: warm-up, lower back, upper back, cool-down, then extras by focus."""
    budget = profile.minutes * 60
    chosen: list[Exercise] = []
    slots: list[Slot] = []

    def add(want: str, limit: float, required: bool = False) -> bool:
        exercise = _pick(want, pool, chosen, used_elsewhere, required)
        if exercise is None:
            return False
        slot = starting_slot(exercise, profile)
        if _seconds([*slots, slot]) > limit:
            return False
        chosen.append(exercise)
        slots.append(slot)
        return True

    for want in ("lower_back", "upper_back", "cool_down"):
        add(want, float("inf"), required=True)
    slots[:] = _shrink_to_fit(slots, budget)
    add("warm_up", budget * START_FILL)
    cycle = FOCUS_AREAS[profile.focus]
    turn = 0
    misses = 0
    most = MAX_ITEMS[profile.level] - (1 if profile.pain == "moderate" else 0)
    while len(slots) < most and misses < len(cycle):
        if add(cycle[turn % len(cycle)], budget * START_FILL):
            misses = 0
        else:
            misses += 1
        turn += 1
    return sorted(slots, key=lambda s: ("warm_up", "main", "cool_down").index(s.exercise.phase))


def _shrink_to_fit(slots: list[Slot], budget: int) -> list[Slot]:
    """Fewer sets, then smaller doses, of the longest items until the must-haves fit."""
    slots = list(slots)
    while _seconds(slots) > budget:
        longest = max(range(len(slots)), key=lambda i: slots[i].prescription().seconds)
        slot = slots[longest]
        if slot.sets > 1:
            slots[longest] = replace(slot, sets=slot.sets - 1)
        elif slot.dose > slot.exercise.dose.step:
            slots[longest] = replace(slot, dose=slot.dose - slot.exercise.dose.step)
        else:
            break  # nothing left to shrink; the content's shortest items do not fit
    return slots


# --- weeks --------------------------------------------------------------------------------------


def carried_over(slots: list[Slot], profile: Profile, library: Library) -> list[Slot]:
    """Start a following block where the last one left off (`progress_steps` > 0) or below
    the level's starting doses (< 0), as `planbuilder next` decides from the ticks."""
    budget = profile.minutes * 60
    for _ in range(profile.progress_steps):
        slots = _progress_all(slots, profile, library, budget)
    if profile.progress_steps < 0:
        slots = [_stepped_back(slot, -profile.progress_steps) for slot in slots]
    return slots


def _stepped_back(slot: Slot, steps: int) -> Slot:
    """Smaller doses for the main exercises, never below one step."""
    if slot.exercise.phase != "main":
        return slot
    step = slot.exercise.dose.step
    return replace(slot, dose=max(step, slot.dose - steps * step))


def steps_in_block(profile: Profile) -> int:
    """How many dose steps a block of this profile makes from its first week to its last."""
    training = sum(1 for week in range(1, profile.weeks + 1) if not is_deload(week, profile))
    return max(training - 1, 0) // PROGRESS_EVERY[profile.pain]


def is_deload(week: int, profile: Profile) -> bool:
    """Every fourth week is lighter in plans of eight weeks or more."""
    return profile.weeks >= 8 and week % 4 == 0


def progress_template(start: list[Slot], profile: Profile, library: Library) -> list[list[Slot]]:
    """The template's slots for every week, progressing within the time budget."""
    budget = profile.minutes * 60
    every = PROGRESS_EVERY[profile.pain]
    current = list(start)
    weeks: list[list[Slot]] = []
    training_weeks = 0
    for week in range(1, profile.weeks + 1):
        if is_deload(week, profile):
            weeks.append([lighter(slot) for slot in current])
            continue
        training_weeks += 1
        if training_weeks > 1 and (training_weeks - 1) % every == 0:
            current = _progress_all(current, profile, library, budget)
        weeks.append(list(current))
    return weeks


def _progress_all(slots: list[Slot], profile: Profile, library: Library, budget: int) -> list[Slot]:
    """Progress each slot in turn, keeping a change only while the session still fits."""
    result = list(slots)
    for index, slot in enumerate(result):
        taken = {s.exercise.id for s in result}
        candidate = progressed(slot, profile, library, taken)
        trial = [*result[:index], candidate, *result[index + 1 :]]
        if candidate != slot and _seconds(trial) <= budget:
            result = trial
    return result


def _sport_days(profile: Profile) -> list[str]:
    """Weekdays for the week's sport sessions, leaving at least one day fully free."""
    free = [day for day in SPORT_DAY_PREFERENCE if day not in profile.days]
    usable = free[: max(len(free) - 1, 0)]
    wanted = profile.sport_sessions_per_week
    days = usable[:wanted]
    # More sport sessions than free days: double up on strength days, in week order.
    extra = wanted - len(days)
    days += [day for day in WEEKDAYS if day in profile.days][:extra]
    return days


def build_plan(profile: Profile, library: Library) -> Plan:
    """The whole plan for a profile that screening (screening.py) has let through."""
    pool = eligible_exercises(profile, library)
    templates: list[list[Slot]] = []
    for _ in LABELS:
        used = {slot.exercise.id for template in templates for slot in template}
        templates.append(build_template(profile, pool, used))
    templates = [carried_over(t, profile, library) for t in templates]
    schedules = [progress_template(t, profile, library) for t in templates]

    sport_days = _sport_days(profile)
    weeks: list[Week] = []
    strength_count = 0
    sport_count = 0
    for number in range(1, profile.weeks + 1):
        days: list[Day] = []
        for offset in range(7):
            date = profile.start + dt.timedelta(days=7 * (number - 1) + offset)
            weekday = WEEKDAYS[date.weekday()]
            sessions: list[Session] = []
            if weekday in profile.days:
                which = strength_count % len(LABELS)
                slots = schedules[which][number - 1]
                items = tuple(slot.prescription() for slot in slots)
                sessions.append(StrengthSession(LABELS[which], items))
                strength_count += 1
            for _ in range(sport_days.count(weekday)):
                sport = library.sports[profile.sports[sport_count % len(profile.sports)]]
                sessions.append(SportSession(sport.id, sport.minutes))
                sport_count += 1
            days.append(Day(date, tuple(sessions)))
        weeks.append(Week(number, is_deload(number, profile), tuple(days)))

    return Plan(
        profile=profile,
        plan_id=profile.plan_id(),
        weeks=tuple(weeks),
        exercises=_used_exercises(weeks, library),
        sports={s: library.sports[s] for s in profile.sports if sport_days},
        notes=_notes(weeks, library),
    )


def _used_exercises(weeks: list[Week], library: Library) -> dict[str, Exercise]:
    used: dict[str, Exercise] = {}
    for week in weeks:
        for session in week.strength_sessions():
            for item in session.items:
                used.setdefault(item.exercise, library.exercises[item.exercise])
    return used


def _notes(weeks: list[Week], library: Library) -> tuple[str, ...]:
    """Exercise notes the person must read before starting (the deadlift's coach rule)."""
    notes: list[str] = []
    for exercise in _used_exercises(weeks, library).values():
        if exercise.note and exercise.note not in notes:
            notes.append(f"{exercise.name}: {exercise.note}")
    return tuple(notes)
