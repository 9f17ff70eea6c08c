"""Profile + library → Plan. Pure: no files, no printing, no prompts.

The answers have passed screening (screening.py) before they come here. The rules, in the
order they are applied (sources: docs/clinical-basis.md, "Dosing and progression"):
1. (Screening: see screening.py.)
2. Only exercises the person can do: their level is listed, their pain is no more than the
   exercise's `max_pain` (so moderate pain never gets heavy work), they own the equipment (or a
   listed household substitute), and they can get to the exercise's position.
3. Two session templates, A and B: a warm-up, a lower-back item, an upper-back item and a
   cool-down stretch, then extra items by focus, then sets, until the session fills 80-105 % of
   the minutes asked for. A family of variants appears at most once in a session. Heavy work
   lives in A only; A goes on at most 3 days a week and never on two days in a row, so the
   other strength days get B. Every piece of equipment the person owns is used.
4. Progression is per exercise, shared by A and B, so an exercise has one dose in a week: the
   dose rises by the content's step to its ceiling, then the exercise moves to its harder
   variant (a lift only after two weeks of its drill, with an entry check), gains a set, or
   progresses by a stronger band, a slower tempo or added weight, whichever fits the time.
   Pain spaces the steps; a lighter week follows at least two weeks that progressed; long
   plans run in blocks of 4-6 weeks and swap exercises that reached their ceiling.
5. Beginners and anyone with moderate pain do strength on at most 3 non-consecutive days; the
   other days asked for become short mobility sessions.
6. Walking, for everyone who can: days first, then minutes, to 30 minutes on 5 days a week.
7. Sports go on days without strength work where possible, always leaving a full rest day;
   a sport the person is not doing now (or any, with back pain) starts shorter and builds up.
"""

from __future__ import annotations

from dataclasses import replace

from planbuilder.content import Exercise, Library, Sport
from planbuilder.plan import MobilitySession, Plan, Prescription, StrengthSession, Week
from planbuilder.planner.eligibility import (
    can_do,
    needs_balance,
    scheduled_sports,
    sport_ruled_out,
    sports_left_out,
    uses,
)
from planbuilder.planner.progression import carried_over, week_states
from planbuilder.planner.rules import FRACTURE_RISK, POSTPARTUM, PREGNANCY, ROTATION_WEEKS
from planbuilder.planner.schedule import DayPlanner, sport_days, walk_weeks
from planbuilder.planner.templates import build_templates
from planbuilder.profile import Profile


def build_plan(profile: Profile, library: Library) -> Plan:
    """The whole plan for a profile that screening (screening.py) has let through."""
    templates = build_templates(profile, library)
    carried_over(templates, profile, library)
    states = week_states(templates, profile, library)
    walks = walk_weeks(profile, [state.deload for state in states])
    days = DayPlanner(profile, library, states, walks)
    weeks = [days.week(number) for number in range(1, profile.weeks + 1)]
    room_for_sports = bool(sport_days(profile))
    return Plan(
        profile=profile,
        plan_id=profile.plan_id(),
        weeks=tuple(weeks),
        exercises=_used_exercises(weeks, library),
        sports={
            s: _as_they_do_it(library.sports[s], profile)
            for s in scheduled_sports(profile, library)
            if room_for_sports
        },
        notes=_notes(weeks, library, profile),
    )


def _as_they_do_it(sport: Sport, profile: Profile) -> Sport:
    """A floor sport kept for someone who cannot use the floor says how to do it without."""
    if profile.floor == "no" and sport.floor_work and sport.without_floor:
        return sport.model_copy(update={"caution": sport.without_floor})
    return sport


def _items(week: Week) -> list[Prescription]:
    return [
        item
        for day in week.days
        for session in day.sessions
        if isinstance(session, StrengthSession | MobilitySession)
        for item in session.items
    ]


def _used_exercises(weeks: list[Week], library: Library) -> dict[str, Exercise]:
    used: dict[str, Exercise] = {}
    for week in weeks:
        for item in _items(week):
            used.setdefault(item.exercise, library.exercises[item.exercise])
    return used


def _notes(weeks: list[Week], library: Library, profile: Profile) -> tuple[str, ...]:
    """What the person must read before starting: exercise notes (the deadlift's coach and
    load rule), and why some days are mobility days."""
    notes: list[str] = []
    for exercise in _used_exercises(weeks, library).values():
        note = f"{exercise.name}: {exercise.note}" if exercise.note else None
        if note and note not in notes:
            notes.append(note)
    words = library.booklet.plan_notes
    if any(day.mobility() for week in weeks for day in week.days):
        notes.append(words.mobility_days)
    notes += _adaptation_notes(profile, library)
    notes += _hard_day_note(weeks, library)
    waiting = _equipment_waiting_for_less_pain(weeks, library, profile)
    if waiting:
        names = ", ".join(library.equipment[item].name for item in waiting)
        notes.append(words.equipment_waiting.format(names=names))
    return tuple(notes)


def _hard_day_note(weeks: list[Week], library: Library) -> list[str]:
    """When the week has no other strength day for the heavy session A than a climbing or
    rowing day (heavy days are never two in a row), the two share a day: the cover says how
    to make that hard day safe (physiotherapist review: overuse of the elbows, shoulders and
    fingers when pulling stacks up)."""
    days: dict[str, None] = {}
    sports: dict[str, None] = {}
    for week in weeks:
        for day in week.days:
            heavy = any(
                library.exercises[i.exercise].load == "heavy"
                for s in day.strength()
                for i in s.items
            )
            hard = [s.sport for s in day.sport() if library.sports[s.sport].load == "heavy"]
            if heavy and hard:
                days[day.date.strftime("%A")] = None
                sports.update(dict.fromkeys(library.sports[h].name.lower() for h in hard))
    if not days:
        return []
    text = library.safety.adaptations["hard_day"]
    return [text.format(days=_and(list(days)), sports=_and(list(sports)))]


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _equipment_waiting_for_less_pain(
    weeks: list[Week], library: Library, profile: Profile
) -> list[str]:
    """Owned items no exercise of the plan uses, that an exercise of the person's level
    would use with mild pain: the cover says why they wait."""
    if profile.pain != "moderate":
        return []
    used = set().union(*(uses(ex) for ex in _used_exercises(weeks, library).values()))
    milder = replace(profile, pain="mild")
    return [
        item
        for item in profile.equipment
        if item not in used
        and any(item in uses(ex) for ex in library.exercises.values() if can_do(ex, milder))
    ]


# Words for the cover, one per adaptation (sources in docs/clinical-basis.md).
def _adaptation_notes(profile: Profile, library: Library) -> list[str]:
    notes = []
    words = library.safety.adaptations
    if PREGNANCY in profile.cleared:
        notes.append(words["pregnancy"])
    notes += [why for s in profile.sports if (why := sport_ruled_out(s, profile, library))]
    left_out = sports_left_out(profile, library)
    if left_out:
        names = ", ".join(library.sports[s].name for s in left_out)
        notes.append(
            f"{names}: left out, so that each of your other sports comes back at least every "
            f"{ROTATION_WEEKS} weeks. Choose fewer sports, or more sport sessions a week, to "
            "include them."
        )
    if POSTPARTUM in profile.cleared:
        notes.append(words["postpartum"])
    if FRACTURE_RISK in profile.cleared:
        notes.append(words["fracture_risk"])
    if needs_balance(profile):
        notes.append(words["balance"])
    if profile.floor == "with_help":
        notes.append(words["floor_with_help"])
    if profile.floor == "no":
        notes.append(words["floor_no"])
    return notes
