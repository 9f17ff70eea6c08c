"""Dosing and progression a physiotherapist would sign (issue 12): each planner rule as a
property over the whole answer space, the content contract, and the four plans reviewed."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from test_planner import LIBRARY, PLAN_SETTINGS, answers, plan_for

from planbuilder.content import Exercise, load_library
from planbuilder.errors import ContentError
from planbuilder.next_block import decide
from planbuilder.paths import content_dir
from planbuilder.plan import (
    MobilitySession,
    Plan,
    Prescription,
    StrengthSession,
    WalkSession,
    plan_to_json,
)
from planbuilder.planner.eligibility import can_do, needs_balance, uses
from planbuilder.planner.rules import (
    BLOCKS_BEYOND,
    HEAVY_DAYS_PER_WEEK,
    MAX_BLOCK_WEEKS,
    MAX_FILL,
    MIN_FILL,
    MIN_MAIN_ITEMS,
    MOST_ITEMS,
    PREREQUISITE_WEEKS,
    ROTATION_WEEKS,
    TEMPOS,
)
from planbuilder.planner.schedule import balance_days, first_walk_minutes, strength_days
from planbuilder.planner.templates import equipment_users, most_items, trains_balance
from planbuilder.readback import PrintedPlan, Progress, WeekProgress
from planbuilder.vocab import PAIN_LEVELS, WEEKDAYS

from conftest import EQUIPMENT_IDS, make_profile

# The four plans a physiotherapist read (issue 12), checked below and used as examples.
FOUR_PLANS = {
    "beginner, no equipment, moderate pain": {
        "level": "beginner",
        "pain": "moderate",
        "weeks": 8,
        "sessions_per_week": 3,
        "minutes": 20,
    },
    "intermediate, band and cushion, mild pain, swimming": {
        "level": "intermediate",
        "pain": "mild",
        "equipment": ["band", "cushion"],
        "weeks": 12,
        "sessions_per_week": 3,
        "minutes": 25,
        "sports": ["swimming"],
        "sport_sessions_per_week": 1,
    },
    "advanced, all equipment, no pain, climbing and rowing": {
        "level": "advanced",
        "pain": "none",
        "equipment": list(EQUIPMENT_IDS),
        "weeks": 52,
        "sessions_per_week": 5,
        "minutes": 40,
        "sports": ["climbing", "rowing"],
        "sport_sessions_per_week": 2,
    },
    "68-year-old beginner who needs help to get down to the floor": {
        "age": 68,
        "fall_last_year": True,
        "equipment": ["band", "cushion"],
        "level": "beginner",
        "pain": "mild",
        "weeks": 12,
        "sessions_per_week": 3,
        "minutes": 20,
        "floor": "with_help",
    },
}

# The beginner whose side plank on knees gave way in week 10 (physiotherapist review).
SAM = {
    "level": "beginner",
    "pain": "moderate",
    "equipment": ["cushion", "band"],
    "weeks": 12,
    "sessions_per_week": 3,
    "minutes": 20,
    "sports": ["swimming"],
    "sport_sessions_per_week": 1,
}

TRUNK_HOLDS = {"plank", "side_plank"}  # spelled here, not imported: the test states the rule
BAND_PULLS = {"band_pull_apart", "band_row"}  # both squeeze the shoulder blades against a band
SIDE_TRUNK = {"side_plank", "carry"}  # the side plank, McGill's side bridge; the suitcase carry
BACK_EXTENSION = {"back_extension", "standing_back_extension"}  # lifting the trunk, lying or up

# Bodyweight pull-ups are dosed by what a person can do (NSCA: heavy loads, low repetitions).
FEW_REPS = {"pull_up", "negative_pull_up", "weighted_pull_up"}


def items_by_day(plan: Plan):
    """(week, date, session, item) for every exercise of every strength or mobility session."""
    for week in plan.weeks:
        for day in week.days:
            for session in day.sessions:
                if isinstance(session, StrengthSession | MobilitySession):
                    for item in session.items:
                        yield week, day.date, session, item


def exercise(item):
    return LIBRARY.exercises[item.exercise]


# --- rule 1: families and heavy days -----------------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_a_family_appears_at_most_once_in_a_session(data):
    for _, _, session in (
        (w, d, s) for w in plan_for(data).weeks for d in w.days for s in d.strength()
    ):
        families = [exercise(item).family for item in session.items]
        assert len(families) == len(set(families)), families


@PLAN_SETTINGS
@given(data=answers())
def test_heavy_family_never_on_consecutive_days_and_at_most_3_days_a_week(data):
    """Rule 1, for the whole family: a single-leg hinge on the days between the deadlifts, or
    a row under a table between the pull-ups, loads the same tissues (physiotherapist review),
    so every member of a family with heavy work in the plan counts."""
    plan = plan_for(data)
    heavy_families = {ex.family for ex in plan.exercises.values() if ex.load == "heavy"}
    dates: dict[str, set[dt.date]] = defaultdict(set)
    for _, date, _, item in items_by_day(plan):
        if exercise(item).family in heavy_families:
            dates[exercise(item).family].add(date)
    for family, found in dates.items():
        for date in found:
            assert date + dt.timedelta(days=1) not in found, f"{family} two days running"
        for week in plan.weeks:
            in_week = [d for d in found if week.first <= d <= week.last]
            assert len(in_week) <= HEAVY_DAYS_PER_WEEK, family


def _hard_sport_dates(plan: Plan) -> set[dt.date]:
    return {
        day.date
        for week in plan.weeks
        for day in week.days
        if any(LIBRARY.sports[s.sport].load == "heavy" for s in day.sport())
    }


def _heavy_strength_dates(plan: Plan) -> set[dt.date]:
    return {
        day.date
        for week in plan.weeks
        for day in week.days
        if any(exercise(i).load == "heavy" for s in day.strength() for i in s.items)
    }


def _next_to(date: dt.date, others: set[dt.date]) -> bool:
    return bool({date - dt.timedelta(days=1), date + dt.timedelta(days=1)} & others)


@PLAN_SETTINGS
@given(
    data=answers(),
    hard=st.lists(st.sampled_from(["climbing", "rowing", "gymnastics"]), min_size=1, unique=True),
)
def test_a_heavy_session_on_a_hard_sport_day_comes_with_the_hard_day_advice(data, hard):
    """Where the week leaves no other room, the heavy session and a climbing, rowing or
    gymnastics session share a day; the cover then says which days, and how to keep them safe."""
    data["sports"] = list(dict.fromkeys([*hard, *data["sports"]]))[:3]
    data["sport_sessions_per_week"] = max(data["sport_sessions_per_week"], 1)
    plan = plan_for(data)
    shared = _hard_sport_dates(plan) & _heavy_strength_dates(plan)
    advice = [n for n in plan.notes if "that is a hard day" in n]
    if not shared:
        assert not advice
        return
    assert len(advice) == 1
    for date in shared:
        assert date.strftime("%A") in advice[0]


@PLAN_SETTINGS
@given(
    data=answers(),
    hard=st.lists(st.sampled_from(["climbing", "rowing", "gymnastics"]), min_size=1, unique=True),
)
def test_the_heavy_session_keeps_off_hard_sport_days_whenever_the_week_allows(data, hard):
    """Climbing, rowing or gymnastics on the day of the heavy session make one very hard day
    (physiotherapist review): the heavy session goes on a strength day without them whenever
    the week has one that is not the day after the last heavy session."""
    data["sports"] = list(dict.fromkeys([*hard, *data["sports"]]))[:3]
    data["sport_sessions_per_week"] = max(data["sport_sessions_per_week"], 1)
    plan = plan_for(data)
    hard_days, heavy_days = _hard_sport_dates(plan), _heavy_strength_dates(plan)
    for week in plan.weeks:
        before = [d for d in heavy_days if d < week.first]
        clear = [
            day.date
            for day in week.days
            if day.strength()
            and day.date not in hard_days
            and not (before and (day.date - max(before)).days == 1)
        ]
        heavy = [d for d in heavy_days if week.first <= d <= week.last]
        if clear and heavy:
            assert not set(heavy) & hard_days, (week.number, heavy)


@PLAN_SETTINGS
@given(
    data=answers(),
    hard=st.lists(st.sampled_from(["climbing", "rowing", "gymnastics"]), min_size=1, unique=True),
)
def test_what_a_hard_sport_works_stays_in_the_heavy_session(data, hard):
    """A climber's or rower's pulling (pull-ups, rows) and a rower's hinging come only in
    session A, on its spaced days: with B they ran six days a week (physiotherapist review)."""
    data["sports"] = list(dict.fromkeys([*hard, *data["sports"]]))[:3]
    data["sport_sessions_per_week"] = max(data["sport_sessions_per_week"], 1)
    plan = plan_for(data)
    worked = {f for sport in plan.sports for f in LIBRARY.sports[sport].works}
    for week in plan.weeks:
        for session in week.strength_sessions():
            if session.label == "B":
                families = {exercise(i).family for i in session.items}
                assert not families & worked, (week.number, families & worked)


@PLAN_SETTINGS
@given(data=answers(), others=st.lists(st.sampled_from(["rowing", "gymnastics", "swimming"])))
def test_climbing_goes_on_the_sport_day_farthest_from_the_heavy_session(data, others):
    """Climbing pulls fingers, elbows and back to the limit: of the week's sport days, it
    takes, of the days of hard sports, the one with the most days between it and session A
    (physiotherapist review: climb 48 h from each A, not the day before it)."""
    data["sports"] = list(dict.fromkeys(["climbing", *others]))[:3]
    data["sport_sessions_per_week"] = max(data["sport_sessions_per_week"], 2)
    plan = plan_for(data)
    heavy = _heavy_strength_dates(plan)
    for week in plan.weeks:
        a_days = [d for d in heavy if week.first <= d <= week.last]
        alone = {day.date: day.sport()[0].sport for day in week.days if len(day.sport()) == 1}
        climbing = [date for date, sport in alone.items() if sport == "climbing"]
        others_ = [  # the other hard sports: a lighter one keeps its day (A is spaced from it)
            date
            for date, sport in alone.items()
            if sport != "climbing" and LIBRARY.sports[sport].load == "heavy"
        ]
        if not (a_days and climbing and others_):
            continue

        def gap(date: dt.date, a_days: list[dt.date] = a_days) -> int:
            return min(abs((date - a).days) for a in a_days)

        assert min(map(gap, climbing)) >= max(map(gap, others_)), week.number


@PLAN_SETTINGS
@given(data=answers())
def test_no_week_has_an_exercise_beside_its_own_easier_or_harder_version(data):
    """Physiotherapist review (p4): side plank on knees in B beside the side plank in A, the
    easier one stuck. A drill that leads to a lift (the hinge drill) is a skill, not a step."""
    drills = {ex.after for ex in LIBRARY.exercises.values() if ex.after}
    for week in plan_for(data).weeks:
        ids = {i.exercise for s in week.strength_sessions() for i in s.items} - drills
        for exercise_id in ids:
            ex = LIBRARY.exercises[exercise_id]
            assert not (set(ex.easier) | set(ex.harder)) & ids, (week.number, exercise_id)


# --- rule 2: one dose a week -------------------------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_an_exercise_has_one_dose_in_every_session_of_a_week(data):
    doses: dict[tuple[int, str], set] = defaultdict(set)
    for week, _, session, item in items_by_day(plan_for(data)):
        mobility = isinstance(session, MobilitySession)  # the same dose, done once
        sets = None if mobility and exercise(item).phase == "main" else item.sets
        if mobility and exercise(item).phase == "main":
            assert item.sets == 1
        doses[(week.number, item.exercise)].add(
            (item.dose, item.reps, item.band, item.tempo, item.weight_note)
        )
        if sets is not None:
            doses[(week.number, item.exercise, "sets")].add(sets)
    for key, found in doses.items():
        assert len(found) == 1, (key, found)


# --- rule 3: pain gating -----------------------------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_only_exercises_whose_max_pain_covers_the_pain(data):
    order = ("none", "mild", "moderate")
    for ex in plan_for(data).exercises.values():
        assert order.index(data["pain"]) <= order.index(ex.max_pain), ex.id


@PLAN_SETTINGS
@given(data=answers())
def test_moderate_pain_never_gets_heavy_exercises(data):
    data["pain"] = "moderate"
    assert all(ex.load != "heavy" for ex in plan_for(data).exercises.values())


# --- rule 4: the hinge drill before the deadlift ------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_a_lift_comes_only_after_two_weeks_of_its_drill_with_an_entry_check_and_load_rule(data):
    data["level"] = "advanced" if data["level"] == "beginner" else data["level"]
    data["pain"] = "none"
    data["equipment"] = sorted({*data["equipment"], "barbell"})
    plan = plan_for(data)
    weeks_of: dict[str, list[int]] = defaultdict(list)
    for week in plan.weeks:
        for session in week.strength_sessions():
            for item in session.items:
                if week.number not in weeks_of[item.exercise]:
                    weeks_of[item.exercise].append(week.number)
    for lift_id, weeks in weeks_of.items():
        lift = LIBRARY.exercises[lift_id]
        if lift.after is None:
            continue
        first = weeks[0]
        drill_weeks = [w for w in weeks_of[lift.after] if w < first]
        assert len(drill_weeks) >= PREREQUISITE_WEEKS
        first_items = [
            i
            for s in plan.weeks[first - 1].strength_sessions()
            for i in s.items
            if i.exercise == lift_id
        ]
        assert all(i.entry_check and "hinge drill" in i.entry_check.lower() for i in first_items)
        assert all(i.weight_note and "15 times" in i.weight_note for i in first_items)
        assert any("coach or physiotherapist" in note for note in plan.notes)


@PLAN_SETTINGS
@given(data=answers())
def test_weight_goes_up_by_the_2_for_2_rule_never_in_a_lighter_week(data):
    """Double progression: repetitions climb at one weight; only then may the weight go up (at
    most 5 %, when earned) and the repetitions start again. A lighter week adds nothing."""
    plan = plan_for(data)
    last: dict[str, Prescription] = {}  # each lift as it was in the last normal week
    for week in plan.weeks:
        lifts = [
            i
            for s in week.strength_sessions()
            for i in s.items
            if LIBRARY.exercises[i.exercise].harder_by == "weight"
        ]
        for item in lifts:
            note = item.weight_note or ""
            assert "never to failure" in note.lower()
            before = last.get(item.exercise)
            if week.deload:
                assert "may add weight" not in note and "keep last week's weight" in note
            elif "may add weight" in note:
                timed = LIBRARY.exercises[item.exercise].dose.kind != "reps"
                earned = "the full time upright" if timed else "2 more than the target"
                added = (
                    LIBRARY.exercises[item.exercise].weight_added
                    or "at most 5 % or the next weight up"
                )
                assert added in note and earned in note
                assert before is not None and item.weight_step > before.weight_step
                assert item.dose <= before.dose
            if item.unit == "s":  # a carry is timed: its rule speaks of time, not repetitions
                assert "repetition" not in note and "times" not in note, note
        if not week.deload:
            last.update((item.exercise, item) for item in lifts)


# --- rule 5: doses in guideline ranges ----------------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_doses_are_in_guideline_ranges_with_rest_stated(data):
    for week, _, _, item in items_by_day(plan_for(data)):
        ex = exercise(item)
        if ex.phase == "cool_down":  # stretches 20-30 s, 2-3 times a side
            assert 20 <= item.dose <= 30 and 2 <= item.sets <= 3, item
        if ex.phase != "main":
            continue
        assert item.rest > 0 and 1 <= item.sets <= 3, item
        if week.deload:
            continue
        if item.unit == "reps" and ex.id not in FEW_REPS:
            assert 8 <= item.dose <= 15, item  # ACSM 2009: 8-15 repetitions
        if ex.family == "bird_dog" and item.reps:  # McGill: short repeated holds
            assert 6 <= item.dose <= 10 and 5 <= item.reps <= 6 and item.sets <= 2, item
        if ex.id == "side_plank_roll":  # McGill's rolling side bridge: short holds, turning
            assert 8 <= item.dose <= 10 and 3 <= (item.reps or 0) <= 4, item
        elif ex.family in ("plank", "side_plank"):
            assert 10 <= item.dose <= 30 and 3 <= (item.reps or 0) <= 5, item


@PLAN_SETTINGS
@given(data=answers(), carried=st.integers(-3, 12))
def test_repeated_holds_grow_in_number_only_at_their_seconds_ceiling(data, carried):
    """McGill: more short holds, not longer ones. A repeated hold's holds a set stay between
    the content's first number and its most, and rise above the first only once the seconds
    are at their ceiling (lighter weeks aside: one set fewer, same holds), in a following
    block too, carried on or stepped back by `planbuilder next`."""
    data["progress_steps"] = carried
    for week, _, _, item in items_by_day(plan_for(data)):
        dose = exercise(item).dose
        if not dose.holds:
            assert item.reps is None, item
            continue
        assert dose.holds <= item.reps <= (dose.max_holds or dose.holds), item
        if item.reps > dose.holds and not week.deload:
            assert item.dose == dose.ceiling, item


@PLAN_SETTINGS
@given(data=answers())
def test_a_repeated_hold_keeps_one_dose_at_most_3_training_weeks_unless_at_its_ceiling(data):
    """Rule 7 for holds: seconds, then holds a set, then a harder variant or a set; a repeated
    hold asks the same sets, seconds and holds for at most 3 training weeks in a row, unless
    the planner marks it at its ceiling (its hardest form, or no step fits the minutes)."""
    plan = plan_for(data)
    runs: dict[str, tuple[tuple, int]] = {}
    for week in plan.weeks:
        if week.deload:
            continue
        held = {
            item.exercise: item
            for session in week.strength_sessions()
            for item in session.items
            if exercise(item).phase == "main" and exercise(item).dose.holds
        }
        for exercise_id, item in held.items():
            dose = (item.sets, item.dose, item.reps)
            last, count = runs.get(exercise_id, (None, 0))
            count = count + 1 if dose == last else 1
            runs[exercise_id] = (dose, count)
            assert count <= 3 or item.ceiling, (week.number, exercise_id, dose)


def _harder_forms(exercise_id: str) -> set[str]:
    """Every exercise above this one in its family's chain, through the harder links."""
    found: set[str] = set()
    frontier = list(LIBRARY.exercises[exercise_id].harder)
    while frontier:
        current = frontier.pop()
        if current not in found:
            found.add(current)
            frontier.extend(LIBRARY.exercises[current].harder)
    return found


@PLAN_SETTINGS
@given(data=answers(), age=st.integers(30, 95))
def test_the_balance_hold_of_anyone_who_needs_it_gets_harder_within_12_weeks(data, age):
    """Sherrington 2019/2020: balance training must be progressively challenging. For an
    older person or after a fall, the balance hold of a 12-week plan moves to a harder
    variant (a narrower base) or holds longer at least once. (Sessions under 15 minutes are
    left out: their every item is required, and a longer hold may not fit the minutes.)"""
    data.update(age=age, weeks=12, fall_last_year=data["fall_last_year"] or age < 65)
    data["minutes"] = max(data["minutes"], 15)
    plan = plan_for(data)
    held = [
        item
        for week in plan.weeks
        if not week.deload
        for session in week.strength_sessions()
        for item in session.items
        if trains_balance(exercise(item))
    ]
    first = held[0]
    harder = _harder_forms(first.exercise)
    assert any(
        item.exercise in harder or (item.exercise == first.exercise and item.dose > first.dose)
        for item in held
    ), [(i.exercise, i.dose) for i in held]


# --- rule 6: honest session time ----------------------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_a_session_takes_80_to_105_percent_of_the_minutes_asked_and_lighter_weeks_less(data):
    plan = plan_for(data)
    budget = data["minutes"] * 60
    normal: dict[str, int] = {}
    for week in plan.weeks:
        for session in week.strength_sessions():
            assert session.seconds <= budget * MAX_FILL
            assert session.minutes == -(-session.seconds // 60)  # the honest figure, rounded up
            if not week.deload:
                normal[session.label] = _main_work(session, plan)
                if _library_can_fill(plan, data) and _room_for_more(plan, session):
                    assert session.seconds >= budget * _min_fill(data), (week.number, session.label)
            elif session.label in normal:
                assert _main_work(session, plan) <= normal[session.label] * 0.85


@PLAN_SETTINGS
@given(data=answers())
def test_the_cover_never_promises_more_minutes_than_the_sessions_take(data):
    from planbuilder.glance import plan_rows

    plan = plan_for(data)
    text = dict(plan_rows(plan, LIBRARY))["Strength sessions"]
    minutes = [
        s.minutes for week in plan.weeks if not week.deload for s in week.strength_sessions()
    ]
    if min(minutes) >= data["minutes"] * MIN_FILL:  # every session: a short B is said
        assert f"about {data['minutes']} minutes each" in text
    else:
        span = f"{min(minutes)} to {max(minutes)}" if min(minutes) != max(minutes) else ""
        said = f"about {span or max(minutes)} minutes each: less than your {data['minutes']}"
        assert said in text


def _main_work(session, plan: Plan) -> int:
    """The training load a lighter week lowers; the warm-up and the stretches stay whole,
    and so does the balance practice of someone at risk of falling (it is not load)."""
    balance = needs_balance(plan.profile)
    return sum(
        item.seconds
        for item in session.items
        if exercise(item).phase == "main" and not (balance and trains_balance(exercise(item)))
    )


def _min_fill(data: dict) -> float:
    """80 %, except in sessions shorter than 15 minutes with moderate pain: there two sets is
    the most, and one exercise is a large share of the time, so the nearest fit can land a
    few per cent lower (11 minutes asked: 79 %). The printed minutes are the honest figure."""
    if data["pain"] == "moderate" and data["minutes"] < 15:
        return 0.75
    if data["minutes"] < 20:  # a warm-up and the required items are a large share of it
        return 0.75
    return MIN_FILL


def _room_for_more(plan: Plan, session) -> bool:
    """A session may be shorter than asked when it holds the most exercises a person of this
    level takes: a shorter honest session rather than a ninth exercise or a third set in a
    beginner's first weeks."""
    return len(session.items) < most_items(plan.profile)


def _library_can_fill(plan: Plan, data: dict) -> bool:
    """Short of time is a fact of the library only when its exercises for this person are few:
    a handful of exercises at most sets cannot fill an hour."""
    if data["pain"] == "moderate":  # two sets at most, and fewer exercises qualify
        # (intermediate and advanced: the floor work for their level, no fallbacks)
        return data["minutes"] <= 20 and data["floor"] != "no" and data["level"] == "beginner"
    if data["level"] != "beginner" and not data["equipment"]:
        # a handful of floor exercises at their level, shared out between A and B
        return data["minutes"] <= 25 and data["floor"] != "no"
    return data["minutes"] <= 30 and data["floor"] != "no"


@PLAN_SETTINGS
@given(data=answers())
def test_no_exercise_stays_at_one_dose_more_than_3_training_weeks_below_its_ceiling(data):
    """Holds get longer and sets are added in moderate pain too, gently: an exercise keeps
    one dose for at most 3 weeks in a row (lighter weeks aside) until its dose reaches the
    content's ceiling; an extra gives way rather than everything freezing."""
    plan = plan_for(data)
    runs: dict[str, tuple[tuple, int]] = {}
    latest: dict[str, StrengthSession] = {}  # each label's latest session of normal weeks
    for week in plan.weeks:
        if week.deload:
            continue
        doses, nothing_can_go = {}, set()
        latest.update({s.label: s for s in week.strength_sessions()})
        sessions = list(latest.values())  # with one strength day, B's time shows last week
        for session in week.strength_sessions():
            main = [i for i in session.items if exercise(i).phase == "main"]
            for i in main:
                doses[i.exercise] = (i.sets, i.dose, i.reps, i.band, i.tempo, i.weight_step)
                # the time of a session that holds it is full (it may be shared by A and B)
                full = any(
                    s.seconds >= data["minutes"] * 60 * (MAX_FILL - 0.1)
                    for s in sessions
                    if any(j.exercise == i.exercise for j in s.items)
                )
                if i.ceiling and (len(main) <= MIN_MAIN_ITEMS or full):
                    nothing_can_go.add(i.exercise)  # the time is full, nothing can give way
        for exercise_id, dose in doses.items():
            last, count = runs.get(exercise_id, (None, 0))
            count = count + 1 if dose == last else 1
            runs[exercise_id] = (dose, count)
            at_top = dose[1] >= LIBRARY.exercises[exercise_id].dose.ceiling
            assert count <= 3 or at_top or exercise_id in nothing_can_go, (
                week.number,
                exercise_id,
                dose,
            )


def _down_for_them(easier: Exercise, harder: Exercise, plan: Plan) -> bool:
    down = ("floor", "kneeling")
    return (
        plan.profile.floor == "with_help"
        and easier.position not in down
        and harder.position in down
    )


@PLAN_SETTINGS
@given(data=answers())
def test_a_slower_tempo_comes_only_at_the_ceiling_when_no_harder_variant_is_allowed(data):
    """A repetition exercise that has used up its dose (or the time), and has no harder
    variant this person may do, goes on by a slower tempo instead of standing still; an
    exercise with a variant open to the person moves to the variant instead."""
    plan = plan_for(data)
    previous: dict[str, tuple[int, int, str | None]] = {}
    for week in plan.weeks:
        for session in week.strength_sessions():
            for item in session.items:
                ex = exercise(item)
                before = previous.get(item.exercise)
                previous[item.exercise] = (item.sets, item.dose, item.tempo)
                if not item.tempo or before is None or before[2] == item.tempo:
                    continue  # the tempo did not change here
                assert ex.dose.kind == "reps" and ex.phase == "main"
                # a march or a reach on one leg has no lowering to slow (physiotherapist
                # review); one whose content asks for tempo (a one-leg hinge) has
                one_leg = "balance" in ex.areas and ex.position == "standing"
                assert not (one_leg and ex.harder_by in ("set", "variant")), ex.id
                # nor does a squeeze held and let go (a shoulder-blade squeeze)
                assert ex.lowers, ex.id
                if ex.harder_by in ("set", "variant"):
                    in_plan = {
                        i.exercise
                        for w in plan.weeks
                        for s in w.strength_sessions()
                        for i in s.items
                    }
                    open_variants = [  # a variant already in use elsewhere is not open,
                        # nor one that takes a person who needs help down to the floor
                        h
                        for h in ex.harder
                        if can_do(LIBRARY.exercises[h], plan.profile)
                        and h not in in_plan
                        and not _down_for_them(ex, LIBRARY.exercises[h], plan)
                    ]
                    assert not open_variants or all(
                        LIBRARY.exercises[h].load == "heavy" for h in open_variants
                    ), (item.exercise, open_variants)
                if before[2] is None:  # the first slower tempo: at the ceiling, or when
                    # more repetitions would not fit the time (slower, not longer)
                    full = session.seconds >= data["minutes"] * 60 * MIN_FILL
                    assert before[1] >= ex.dose.ceiling or full, (week.number, item.exercise)


@pytest.mark.parametrize(
    "answers_",
    [
        {"pain": "moderate", "minutes": 20, "equipment": ["cushion", "band"], "weeks": 12},
        {"pain": "moderate", "minutes": 60, "equipment": ["cushion", "band"], "weeks": 8},
    ],
)
def test_side_planks_held_in_moderate_pain_get_longer(answers_):
    """Physiotherapist review (p1, e1): the side plank on knees stayed at 15 s for 8 weeks.
    It grows to its ceiling (kept short: McGill's endurance holds are short and many)."""
    plan = plan_for({**answers_, "level": "beginner", "sessions_per_week": 3})
    holds = [
        i.dose
        for week in plan.weeks
        if not week.deload
        for s in week.strength_sessions()
        for i in s.items
        if i.exercise == "side_plank_knees"
    ]
    assert holds and max(holds) > min(holds)
    assert max(holds) >= LIBRARY.exercises["side_plank_knees"].dose.ceiling


def test_an_intermediate_side_plank_goes_on_to_the_rolling_side_plank():
    """Physiotherapist review: an intermediate's side plank stayed at 2 x 3 holds of 15 s for
    9 weeks, the next step being for advanced people only. The rolling side plank, short holds
    on each side turning through a front plank, comes after it and starts short again."""
    plan = plan_for(
        {
            "level": "intermediate",
            "pain": "mild",
            "equipment": ["band", "cushion"],
            "weeks": 16,
            "sessions_per_week": 4,
            "minutes": 30,
            "sports": ["swimming"],
            "sport_sessions_per_week": 1,
        }
    )
    weeks_of: dict[str, list[int]] = defaultdict(list)
    for week in plan.weeks:
        for session in week.strength_sessions():
            for item in session.items:
                if exercise(item).family == "side_plank":
                    weeks_of[item.exercise].append(week.number)
    assert weeks_of["side_plank"] and weeks_of["side_plank_roll"], dict(weeks_of)
    assert max(weeks_of["side_plank"]) < min(weeks_of["side_plank_roll"])
    assert "side_plank_leg_lift" not in weeks_of  # advanced only
    first_roll = next(
        item
        for week in plan.weeks
        for session in week.strength_sessions()
        for item in session.items
        if item.exercise == "side_plank_roll"
    )
    assert first_roll.dose == LIBRARY.exercises["side_plank_roll"].dose.start["intermediate"]


def test_a_split_squat_between_the_deadlift_days_goes_on_without_weights():
    """The split squat with weights loads what the deadlift loads: on the days between the
    deadlifts (session B) the split squat never takes weights (physiotherapist review: loaded
    legs five days a week); it goes on to the split squat with the back foot raised, and
    keeps progressing (the same review: 3 x 12 with a slow lowering from week 3 to 52)."""
    plan = plan_for(FOUR_PLANS["advanced, all equipment, no pain, climbing and rowing"])
    doses: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for week in plan.weeks:
        for session in week.strength_sessions():
            for item in session.items:
                if exercise(item).family == "split_squat":
                    assert item.exercise != "split_squat_weights" or session.label == "A"
                    if not week.deload:
                        doses[item.exercise].append((week.number, item.sets, item.dose))
    assert doses["split_squat_rear_foot"], dict(doses)
    assert min(w for w, _, _ in doses["split_squat_rear_foot"]) < 6
    distinct = {(sets, dose) for _, sets, dose in doses["split_squat_rear_foot"]}
    assert len(distinct) >= 4  # repetitions climb before the tempo steps in


def test_an_advanced_push_up_goes_on_with_the_feet_raised():
    """Physiotherapist review: the climber's push-up stood at its slowest tempo from week 21
    to 52. At 3 x 12 it goes on to the push-up with the feet on a step, starting lower."""
    plan = plan_for(FOUR_PLANS["advanced, all equipment, no pain, climbing and rowing"])
    first: dict[str, int] = {}
    for week in plan.weeks:
        for session in week.strength_sessions():
            for item in session.items:
                if exercise(item).family == "push_up":
                    first.setdefault(item.exercise, week.number)
    assert first["push_up"] < first["push_up_feet_raised"] <= 16, first


# McGill's side bridge: about 90 s of short holds a side; a plank (both sides at once) 2 sets of
# 4 holds of 20 s.
PLANK_SECONDS = 160
PLANK_SECONDS_PER_SIDE = 90


@PLAN_SETTINGS
@given(data=answers())
def test_no_plank_or_side_plank_holds_more_than_about_three_minutes(data):
    """Physiotherapist review: 3 sets of 5 holds of 30 s made 13 minutes of planks in one
    session. Endurance comes from short holds, many times (McGill), so a plank stays under
    3 minutes and a one-sided plank near 90 s a side, and the time goes to other work."""
    for week in plan_for(data).weeks:
        for session in week.strength_sessions():
            for item in session.items:
                if exercise(item).family in ("plank", "side_plank"):
                    held = item.sets * (item.reps or 1) * item.dose
                    most = PLANK_SECONDS_PER_SIDE if item.per_side else PLANK_SECONDS
                    assert held <= most, (week.number, item.exercise, held)


# --- rule 8: equipment used ---------------------------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_every_owned_item_that_fits_an_exercise_is_used_in_plans_of_4_weeks_or_more(data):
    data["weeks"] = max(data["weeks"], 4)
    data["minutes"] = max(data["minutes"], 20)  # ten minutes hold three exercises, not seven
    plan = plan_for(data)
    for item in data["equipment"]:
        users = equipment_users(item, plan.profile, LIBRARY)
        if users and not _crowded_out(item, users, plan):
            assert any(ex in plan.exercises.values() for ex in users), item


def _crowded_out(item: str, users: list, plan: Plan) -> bool:
    """Rule 1 before rule 8: a family with heavy work stays in session A, once; an item whose
    every use is in such a family that another owned item already fills (a table's row under
    pull-ups from a bar) waits."""
    heavy = {ex.family for ex in LIBRARY.exercises.values() if ex.load == "heavy"}
    others = set(plan.profile.equipment) - {item}
    filled = {ex.family for ex in plan.exercises.values() if uses(ex) & others}
    if all(ex.family in heavy & filled for ex in users):
        return True
    return _kept_off_the_floor(users, plan)


def _kept_off_the_floor(users: list, plan: Plan) -> bool:
    """Safety before rule 8: someone who needs help to get down is not taken down for one
    exercise, so an item used only on the floor (the cushion) waits when no session goes
    down to the floor at all."""
    down = ("floor", "kneeling")
    return (
        plan.profile.floor == "with_help"
        and all(ex.position in down for ex in users)
        and not any(exercise(i).position in down for _, _, _, i in items_by_day(plan))
    )


# --- rule 9: frequency ----------------------------------------------------------------------


def _adjacent(a: str, b: str) -> bool:
    return abs(WEEKDAYS.index(a) - WEEKDAYS.index(b)) in (1, 6)


@PLAN_SETTINGS
@given(data=answers())
def test_beginners_and_moderate_pain_do_strength_on_at_most_3_non_consecutive_days(data):
    plan = plan_for(data)
    profile = plan.profile
    if profile.level != "beginner" and profile.pain != "moderate":
        assert strength_days(profile) == profile.days
        return
    days = strength_days(profile)
    assert 1 <= len(days) <= 3
    assert not any(_adjacent(a, b) for a in days for b in days if a != b)
    extra = set(profile.days) - set(days)
    for week in plan.weeks:
        assert {d.weekday for d in week.days if d.mobility()} == extra | set(balance_days(profile))
    if extra:
        assert any("mobility" in note for note in plan.notes)


# --- rule 10: walking ------------------------------------------------------------------------


def _walks(plan: Plan) -> list[tuple[bool, int, int]]:
    """(lighter, days, minutes) of walking, week by week."""
    result = []
    for week in plan.weeks:
        walks = [s for d in week.days for s in d.sessions if isinstance(s, WalkSession)]
        minutes = {w.minutes for w in walks}
        assert len(minutes) <= 1
        result.append((week.deload, len(walks), minutes.pop() if minutes else 0))
    return result


@PLAN_SETTINGS
@given(data=answers())
def test_walks_add_days_before_minutes_and_build_to_30_minutes_on_5_days(data):
    walks = _walks(plan_for(data))
    if not data["walking"]:
        assert all(days == 0 for _, days, _ in walks)
        return
    assert walks[0][2] == min(first_walk_minutes(plan_for(data).profile), 30)
    for (_, d1, m1), (lighter, d2, m2) in zip(walks, walks[1:], strict=False):
        assert d2 >= d1 and m2 >= m1
        if lighter:
            assert (d2, m2) == (d1, m1), "walks stay the same in lighter weeks"
        if m2 > m1:
            assert d1 == 5, "days before minutes"
            assert m2 - m1 <= max(5, round(0.2 * m1))
            assert m2 - m1 >= min(2, 30 - m1), "a step the walker notices"
        assert d2 <= 5 and m2 <= 30
    if len(walks) >= 26 and data["walk_minutes"] >= 5:
        assert walks[25][1:] == (5, 30), "30 minutes on 5 days within six months"


@PLAN_SETTINGS
@given(data=answers(), level=st.sampled_from(["intermediate", "advanced"]))
def test_fit_people_who_did_not_say_how_long_they_walk_start_at_30_minutes_on_5_days(data, level):
    """A 10-minute walk 5 days a week is noise for an athlete (physiotherapist review)."""
    data.update(level=level, walking=True)
    del data["walk_minutes"]
    if level == "intermediate":
        data["pain"] = "none"
    walks = _walks(plan_for(data))
    assert walks[0][1:] == (5, 30)
    data.update(level="beginner", pain="mild")
    assert _walks(plan_for(data))[0][1:] == (3, 10)  # the gentle start stays for beginners


# --- rule 11: sports build up ----------------------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_a_sport_starts_at_two_thirds_with_pain_or_when_new_and_builds_by_about_10_percent(data):
    plan = plan_for(data)
    gentle = data["pain"] != "none" or not data["sports_now"]
    seen: dict[str, list[int]] = defaultdict(list)  # the lengths of the normal weeks
    for week in plan.weeks:
        for day in week.days:
            for session in day.sport():
                sport = LIBRARY.sports[session.sport]
                assert session.minutes <= sport.minutes
                if week.deload and seen[session.sport]:
                    held = seen[session.sport][-1]
                    assert session.minutes == _lighter_sport(held, sport.load)
                    continue
                seen[session.sport].append(session.minutes)
                if not gentle and not week.deload:
                    assert session.minutes == sport.minutes
    if gentle:
        for sport, minutes in seen.items():
            usual = LIBRARY.sports[sport].minutes
            assert minutes[0] <= round(usual * 2 / 3) + 1
            assert minutes == sorted(minutes)


def _lighter_sport(minutes: int, load: str) -> int:
    """A lighter week holds a sport's length, or takes about two thirds of one that loads
    the back like a heavy session (climbing, rowing, gymnastics), to the nearest 5 minutes."""
    return 5 * round(minutes * 2 / 3 / 5) if load == "heavy" else minutes


@PLAN_SETTINGS
@given(data=answers())
def test_no_sport_is_scheduled_above_the_pain_it_allows_and_the_cover_says_why(data):
    plan = plan_for(data)
    pain = PAIN_LEVELS.index(data["pain"])
    scheduled = {s.sport for w in plan.weeks for d in w.days for s in d.sport()}
    for sport_id in scheduled:
        assert pain <= PAIN_LEVELS.index(LIBRARY.sports[sport_id].max_pain), sport_id
    for sport_id in data["sports"]:
        sport = LIBRARY.sports[sport_id]
        if pain > PAIN_LEVELS.index(sport.max_pain) and data["sport_sessions_per_week"]:
            assert any(note.startswith(f"{sport.name} is left out") for note in plan.notes)


@PLAN_SETTINGS
@given(data=answers())
def test_without_the_floor_a_mat_sport_is_done_seated_or_standing_or_left_out_with_why(data):
    """Yoga and Pilates have chair and standing classes (rule 12): kept, with that caution.
    Gymnastics has none: left out, and the cover says so."""
    plan = plan_for(data)
    if data.get("floor") != "no":
        return
    scheduled = {s.sport for w in plan.weeks for d in w.days for s in d.sport()}
    for sport_id in data["sports"]:
        sport = LIBRARY.sports[sport_id]
        if not sport.floor_work:
            continue
        if sport.without_floor is None:
            assert sport_id not in scheduled
            if data["sport_sessions_per_week"]:
                assert any(note.startswith(f"{sport.name} is left out") for note in plan.notes)
        if sport_id in plan.sports:
            assert plan.sports[sport_id].caution == sport.without_floor


# --- rules 7 and 13: no step back, and gentle where it must be ---------------------------------


def _variant_rank(exercise_id: str) -> int:
    """How many easier variants lie below an exercise in its family's chain."""
    easier = LIBRARY.exercises[exercise_id].easier
    return 1 + max((_variant_rank(e) for e in easier), default=-1)


@PLAN_SETTINGS
@given(data=answers())
def test_a_long_plan_never_steps_back_to_an_easier_variant(data):
    """No pull-up followed by a hang: in session A, and in session B, a family's variant is
    never easier than one done before (lighter weeks lower doses, not variants)."""
    data["weeks"] = max(data["weeks"], 20)
    hardest: dict[tuple[str, str], int] = {}  # (session A or B, family): the rank reached
    for week in plan_for(data).weeks:
        for day in week.days:
            for session in day.strength():
                for item in session.items:
                    key = (session.label, LIBRARY.exercises[item.exercise].family)
                    rank = _variant_rank(item.exercise)
                    assert rank >= hardest.get(key, 0), (week.number, key)
                    hardest[key] = rank


@PLAN_SETTINGS
@given(data=answers())
def test_fit_people_who_can_use_the_floor_get_no_standing_or_chair_fallbacks(data):
    from planbuilder.planner.eligibility import below_them

    plan = plan_for(data)
    for ex in plan.exercises.values():
        assert not below_them(ex, plan.profile, LIBRARY), ex.id


@PLAN_SETTINGS
@given(data=answers())
def test_fit_people_in_moderate_pain_get_floor_work_and_are_told_why_weights_wait(data):
    """Physiotherapist review (e5): an intermediate of 50 in moderate pain got sit to stand,
    wall slide and standing march, and no word on the unused barbell and dumbbells."""
    from planbuilder.planner.eligibility import is_fallback

    drills = {ex.after for ex in LIBRARY.exercises.values() if ex.after}

    data.update(level="intermediate", pain="moderate", floor="yes", fall_last_year=False)
    data["equipment"] = ["barbell", "dumbbells", *data["equipment"]]
    data["equipment"] = list(dict.fromkeys(data["equipment"]))
    plan = plan_for(data)
    assert not any(is_fallback(ex) and ex.id not in drills for ex in plan.exercises.values())
    used = {
        item for ex in plan.exercises.values() for item in (*ex.equipment, *ex.equipment_one_of)
    }
    if "barbell" not in used:
        assert any("come back into your plan when your pain is mild" in n for n in plan.notes)


def _week_items(week):
    return [i for d in week.days for s in d.strength() for i in s.items]


@PLAN_SETTINGS
@given(data=answers())
def test_a_fracture_risk_gets_no_weights_at_home_and_a_gentle_start(data):
    data["cleared"] = ["fracture_risk"]
    plan = plan_for(data)
    for ex in plan.exercises.values():
        assert ex.harder_by != "weight", ex.id
    for day in plan.weeks[0].days:
        for session in day.strength():
            assert all(item.sets <= 2 for item in session.items), session.label


# --- rule 12: the floor ------------------------------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_no_floor_means_only_standing_and_chair_exercises(data):
    data["floor"] = "no"
    for ex in plan_for(data).exercises.values():
        assert ex.position in ("standing", "chair"), ex.id


@PLAN_SETTINGS
@given(data=answers())
def test_help_to_the_floor_means_one_trip_down_in_every_session(data):
    """Standing and seated work first, then everything kneeling or lying, then nothing
    standing again: the person who needs help gets down once and up once (a stretch on a
    chair at the end is the way up, not a second trip down)."""
    data["floor"] = "with_help"
    for week in plan_for(data).weeks:
        for day in week.days:
            for session in day.strength():
                work = [i for i in session.items if exercise(i).phase != "cool_down"]
                positions = [exercise(item).position for item in work]
                down = [p in ("floor", "kneeling") for p in positions]
                first_down = down.index(True) if True in down else len(down)
                assert all(down[first_down:]), positions


@PLAN_SETTINGS
@given(data=answers())
@example(data=FOUR_PLANS["68-year-old beginner who needs help to get down to the floor"])
def test_help_to_the_floor_never_means_going_down_for_one_exercise(data):
    """Down and up with a chair is the riskiest minute of the session: someone who needs help
    goes down for two exercises or more, or not at all."""
    data["floor"] = "with_help"
    for week in plan_for(data).weeks:
        for day in week.days:
            for session in day.strength():
                down = [
                    i.exercise
                    for i in session.items
                    if exercise(i).phase == "main" and exercise(i).position in ("floor", "kneeling")
                ]
                assert len(down) != 1, (week.number, day.date, down)


@PLAN_SETTINGS
@given(data=answers())
def test_help_to_the_floor_never_turns_a_standing_exercise_into_a_floor_one(data):
    """For someone who needs help to get down, an exercise done standing or seated gets
    harder by sets and tempo, never by a variant that kneels or lies."""
    data["floor"] = "with_help"
    down = ("floor", "kneeling")
    seen: set[str] = set()
    for week in plan_for(data).weeks:
        now = {i.exercise for s in week.strength_sessions() for i in s.items}
        for new_id in now - seen:
            easier = [e for e in seen if new_id in LIBRARY.exercises[e].harder]
            if LIBRARY.exercises[new_id].position in down:
                assert all(LIBRARY.exercises[e].position in down for e in easier), new_id
        seen |= now


@PLAN_SETTINGS
@given(data=answers())
def test_with_standing_work_every_session_goes_down_to_the_floor_once(data):
    """Whatever the floor answer: a warm-up, the standing and seated work, then everything
    kneeling or lying together (a stretch on the feet at the end is the way up, not a
    second trip down)."""
    for week in plan_for(data).weeks:
        for day in week.days:
            for session in day.strength():
                work = [i for i in session.items if exercise(i).phase != "cool_down"]
                down = [exercise(i).position in ("floor", "kneeling") for i in work]
                first_down = down.index(True) if True in down else len(down)
                assert all(down[first_down:]), [exercise(i).id for i in work]


@PLAN_SETTINGS
@given(
    data=answers(),
    cleared=st.sampled_from([[], ["fracture_risk"], ["pregnancy"], ["postpartum"]]),
    floor=st.sampled_from(["yes", "with_help", "no"]),
)
def test_every_strength_session_starts_with_a_warm_up_the_person_may_do(data, cleared, floor):
    """Cleared fracture risk rules out the bending and twisting warm-ups, `with_help` and `no`
    the ones on the floor: there is still a warm-up, standing or seated."""
    data["cleared"], data["floor"] = cleared, floor
    plan = plan_for(data)
    for week in plan.weeks:
        for day in week.days:
            for session in day.strength():
                first = exercise(session.items[0])
                assert first.phase == "warm_up", session.label
                assert can_do(first, plan.profile), first.id
                if floor != "yes":
                    assert first.position in ("standing", "chair"), first.id


@PLAN_SETTINGS
@given(data=answers())
def test_a_session_holds_at_most_8_exercises_for_beginners_and_gentle_starts(data):
    """6-8 exercises done well; a beginner's 25 minutes are not spread over ten."""
    plan = plan_for(data)
    most = MOST_ITEMS[data["level"]]
    for week in plan.weeks:
        for session in week.strength_sessions():
            assert len(session.items) <= most, (week.number, session.label)
            assert len(session.items) <= most_items(plan.profile)


@PLAN_SETTINGS
@given(data=answers())
def test_beginners_start_with_at_most_2_sets(data):
    """ACSM 2009: novices start with 1-2 sets; the time asked for is not filled with a third."""
    data["level"] = "beginner"
    plan = plan_for(data)
    for session in plan.weeks[0].strength_sessions():
        for item in session.items:
            assert item.sets <= 2, item


# --- the JSON contract ---------------------------------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_plan_json_carries_the_dosing_fields(data):
    data_json = plan_to_json(plan_for(data))
    for info in data_json["exercises"].values():
        assert {"family", "load", "max_pain", "position", "equipment", "equipment_one_of"} <= set(
            info
        )
    for week in data_json["weeks"]:
        assert "deload" in week
        for day in week["days"]:
            for session in day["sessions"]:
                assert session["kind"] in ("strength", "sport", "walk", "mobility")
                assert "minutes" in session
                for item in session.get("items", []):
                    assert "ceiling" in item and "rest" in item
                    if LIBRARY.exercises[item["exercise"]].dose.holds:
                        assert item["unit"] == "s" and item["reps"] >= 2


# --- the content contract ------------------------------------------------------------------------


def test_every_exercise_says_what_you_should_feel_and_how_it_gets_harder():
    for ex in LIBRARY.exercises.values():
        assert ex.feel and ex.family and ex.position and ex.harder_by, ex.id


def test_the_dead_hang_makes_no_claim_to_unload_the_spine():
    hang = LIBRARY.exercises["dead_hang"]
    text = " ".join([hang.summary, *hang.steps, *hang.cues, hang.feel, hang.note or ""]).lower()
    assert "unload" not in text and "traction" not in text


def test_band_cards_say_how_to_anchor_the_band_safely():
    for ex in LIBRARY.exercises.values():
        if "band" in ex.equipment:
            text = " ".join([*ex.steps, *ex.cues, *ex.stop_if, ex.note or ""]).lower()
            assert "nicks" in text, ex.id
            if "door" in text:
                assert "hinge side" in text, ex.id


def test_bands_are_ordered_from_light_to_strong():
    assert len(LIBRARY.bands) >= 2


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_dir(), root)
    return root


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_heavy_exercise_for_moderate_pain_is_refused(content_copy):
    _rewrite(content_copy / "exercises" / "deadlift.yaml", "max_pain: mild", "max_pain: moderate")
    with pytest.raises(ContentError) as caught:
        load_library(content_copy)
    assert "deadlift: max_pain: a heavy exercise is never for moderate pain" in str(caught.value)


def test_a_bad_load_position_or_harder_by_is_named_with_what_is_allowed(content_copy):
    folder = content_copy / "exercises"
    _rewrite(folder / "bird_dog.yaml", "load: light", "load: feather")
    _rewrite(folder / "dead_bug.yaml", "position: floor", "position: bed")
    _rewrite(folder / "glute_bridge.yaml", "harder_by: variant", "harder_by: magic")
    message = str(pytest.raises(ContentError, load_library, content_copy).value)
    assert "bird_dog.yaml, line 7: load: 'feather' is not one of light, moderate, heavy" in message
    assert re.search(r"dead_bug\.yaml, line \d+: position: 'bed' is not one of floor", message)
    assert re.search(r"glute_bridge\.yaml, line \d+: harder_by: 'magic' is not one of", message)


def test_a_tempo_for_an_exercise_with_nothing_to_lower_is_refused(content_copy):
    path = content_copy / "exercises" / "sit_to_stand.yaml"
    _rewrite(path, "harder_by: tempo", "harder_by: tempo\nlowers: false")
    message = str(pytest.raises(ContentError, load_library, content_copy).value)
    assert "harder_by: 'tempo' but the exercise has no lowering to slow" in message


def test_a_sport_may_only_name_families_the_library_has(content_copy):
    _rewrite(content_copy / "sports.yaml", "works: [pull, band_row", "works: [pulls, band_row")
    message = str(pytest.raises(ContentError, load_library, content_copy).value)
    assert "sports[climbing]: works: 'pulls' is not an exercise family (families: " in message
    assert "pull," in message.split("sports[climbing]")[1]


def test_variants_must_share_a_family(content_copy):
    _rewrite(content_copy / "exercises" / "bird_dog.yaml", "family: bird_dog", "family: dogs")
    message = str(pytest.raises(ContentError, load_library, content_copy).value)
    assert "variants share a family" in message


def test_a_missing_feel_is_reported(content_copy):
    path = content_copy / "exercises" / "cat_cow.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("feel:")) + "\n",
        encoding="utf-8",
    )
    message = str(pytest.raises(ContentError, load_library, content_copy).value)
    assert "cat_cow.yaml: feel: is missing (it is required)" in message


# --- the four plans a physiotherapist read ----------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
@example(data=FOUR_PLANS["advanced, all equipment, no pain, climbing and rowing"])
def test_a_session_holds_one_plank_at_most_front_or_side(data):
    """Front and side planks are the same work, static trunk holding: one a session."""
    for week in plan_for(data).weeks:
        for day in week.days:
            for session in day.strength():
                holds = [i.exercise for i in session.items if exercise(i).family in TRUNK_HOLDS]
                assert len(holds) <= 1, (week.number, day.date, holds)


@PLAN_SETTINGS
@given(data=answers())
@example(data=FOUR_PLANS["intermediate, band and cushion, mild pain, swimming"])
def test_a_session_holds_one_band_pull_at_most(data):
    """The band pull-apart and the band row are the same squeeze of the shoulder blades
    (physiotherapist review: both beside the band press-out made three band exercises in a
    row): one a session."""
    for week in plan_for(data).weeks:
        for day in week.days:
            for session in day.strength():
                pulls = [i.exercise for i in session.items if exercise(i).family in BAND_PULLS]
                assert len(pulls) <= 1, (week.number, day.date, pulls)


@PLAN_SETTINGS
@given(data=answers())
@example(data=FOUR_PLANS["beginner, no equipment, moderate pain"])
def test_an_exercise_that_gives_way_to_a_step_leaves_its_areas_worked(data):
    """Within a block an extra gives way so another can progress; it is one whose work the
    rest of the session still does (physiotherapist review: the bridge went, the only buttock
    work but the hinge drill, while three trunk exercises stayed)."""
    data["weeks"] = min(data["weeks"], BLOCKS_BEYOND)  # longer plans change exercises by block
    plan = plan_for(data)
    trained = {"lower_back", "upper_back", "core", "glutes_hamstrings"}
    if needs_balance(plan.profile):
        trained.add("balance")  # for others, a standing exercise's balance is by the way
    last: dict[str, set[str]] = {}
    for week in plan.weeks:
        for session in week.strength_sessions():
            now = {i.exercise for i in session.items}
            before = last.get(session.label, now)
            families = {LIBRARY.exercises[e].family for e in now}
            gone = [e for e in before - now if LIBRARY.exercises[e].family not in families]
            if not week.deload:
                worked = {a for e in now for a in LIBRARY.exercises[e].areas}
                for exercise_id in gone:
                    areas = set(LIBRARY.exercises[exercise_id].areas) & trained
                    assert areas <= worked, (
                        week.number,
                        exercise_id,
                    )
            last[session.label] = now


@PLAN_SETTINGS
@given(data=answers())
@example(data=FOUR_PLANS["beginner, no equipment, moderate pain"])
@example(data=SAM)
def test_a_plan_keeps_its_plank_side_trunk_and_back_extension_work_every_week(data):
    """Extras give way so that others progress, but not the week's last front or side plank
    (physiotherapist review: a beginner ended with no plank or side-trunk work), nor its last
    side-trunk work (a beginner's side plank on knees went in week 10 while the plank on
    knees stayed), nor its last back extension (keeping the side plank, the same beginner
    lost his standing back extension). Between the blocks of a longer plan, an exercise at
    its ceiling may make way for a fresh one."""
    data["weeks"] = min(data["weeks"], BLOCKS_BEYOND)
    plan = plan_for(data)
    for kind in (TRUNK_HOLDS, SIDE_TRUNK, BACK_EXTENSION):
        # with one strength day a week, A and B take turns: look at two weeks at a time
        if plan.weeks and _of_kind(plan.weeks[0], kind) | _of_kind(
            plan.weeks[1 % len(plan.weeks)], kind
        ):
            for before, week in zip(plan.weeks, plan.weeks[1:], strict=False):
                assert _of_kind(before, kind) | _of_kind(week, kind), (week.number, kind)


def _of_kind(week, families: set[str]) -> set[str]:
    """The exercises of a week's strength sessions from these families."""
    return {
        i.exercise
        for s in week.strength_sessions()
        for i in s.items
        if exercise(i).family in families
    }


@PLAN_SETTINGS
@given(data=answers())
@example(
    data={
        **FOUR_PLANS["intermediate, band and cushion, mild pain, swimming"],
        "equipment": ["band", "cushion", "dumbbells"],
    }
)
def test_a_plan_has_side_trunk_work_when_one_suits_the_person(data):
    """The side plank (McGill's side bridge) or the suitcase carry, when one suits the person
    and the sessions are 20 minutes or more (physiotherapist review: an intermediate runner
    had no side-trunk work in 16 weeks)."""
    plan = plan_for(data)
    suits = [
        ex
        for ex in LIBRARY.exercises.values()
        if ex.family in SIDE_TRUNK and not ex.progression_only and can_do(ex, plan.profile)
    ]
    if not suits or data["minutes"] < 20 or not plan.weeks:
        return
    first = plan.weeks[:2]
    assert any(_of_kind(week, SIDE_TRUNK) for week in first), [ex.id for ex in suits]


@pytest.mark.parametrize("name", FOUR_PLANS)
def test_the_four_reviewed_plans_keep_their_rules(name):
    data = dict(FOUR_PLANS[name])
    plan = plan_for(data)
    budget = data["minutes"] * 60
    deadlift_days = []
    for week in plan.weeks:
        sessions = week.strength_sessions()
        assert sessions
        for session in sessions:
            families = [LIBRARY.exercises[i.exercise].family for i in session.items]
            assert len(families) == len(set(families))
            assert session.seconds <= budget * MAX_FILL, week.number
            if not week.deload and _room_for_more(plan, session):
                assert budget * MIN_FILL <= session.seconds, week.number
        days = [
            d
            for d in week.days
            if any(i.exercise == "deadlift" for s in d.strength() for i in s.items)
        ]
        deadlift_days.append(len(days))
    lighter = [w.number for w in plan.weeks if w.deload]
    assert not lighter or lighter[0] >= 4
    assert max(deadlift_days) <= 3
    walks = [
        s for w in plan.weeks for d in w.days for s in d.sessions if isinstance(s, WalkSession)
    ]
    assert walks
    if data["pain"] == "moderate" or data["level"] == "beginner":
        assert len(strength_days(plan.profile)) <= 3
    if "barbell" in data.get("equipment", []):
        assert "deadlift" in plan.exercises
        first = next(n for n, count in enumerate(deadlift_days, start=1) if count)
        assert first >= 3  # two weeks of the hinge drill first
    if data.get("sports"):
        assert plan.sports
    if "band" in data.get("equipment", []) and data["pain"] != "moderate":
        # the stronger band before another set: no band pull stays yellow past week 8
        bands = {i.band for w in plan.weeks[:8] for s in w.strength_sessions() for i in s.items}
        assert LIBRARY.bands[1] in bands, bands


# --- rule 13: adapted plans -----------------------------------------------------------------


@PLAN_SETTINGS
@given(data=answers())
def test_fracture_risk_gets_no_bending_or_twisting_and_balance_in_every_session(data):
    data["cleared"] = ["fracture_risk"]
    plan = plan_for(data)
    assert all(ex.spine not in ("flexion", "twist") for ex in plan.exercises.values())
    for week in plan.weeks:
        for session in week.strength_sessions():
            assert any(trains_balance(exercise(i)) for i in session.items), session.label
    assert any("supervision" in note for note in plan.notes)


@PLAN_SETTINGS
@given(data=answers())
def test_pregnancy_gets_nothing_lying_on_the_back_or_front_no_heavy_lifts_no_falls(data):
    data["cleared"] = ["pregnancy"]
    plan = plan_for(data)
    for ex in plan.exercises.values():
        assert ex.lying not in ("back", "front") and ex.load != "heavy", ex.id
    for week in plan.weeks:
        for day in week.days:
            assert all(not LIBRARY.sports[s.sport].falls for s in day.sport())
    assert any("bleeding" in note for note in plan.notes)  # the ACOG stop signs


@PLAN_SETTINGS
@given(data=answers())
def test_after_a_birth_a_gentle_start_without_heavy_lifts(data):
    data["cleared"] = ["postpartum"]
    plan = plan_for(data)
    assert all(ex.load != "heavy" for ex in plan.exercises.values())
    first = plan.weeks[0].strength_sessions()
    assert all(i.sets <= 2 for s in first for i in s.items)
    assert any("pelvic floor" in note for note in plan.notes)


@PLAN_SETTINGS
@given(data=answers(), age=st.integers(65, 95))
def test_older_people_do_balance_on_3_days_a_week_and_hold_stretches_30_s(data, age):
    data["age"] = age
    plan = plan_for(data)
    for week in plan.weeks:
        days = [
            d
            for d in week.days
            if any(
                trains_balance(exercise(i))  # on their feet: a sit to stand is not enough
                for s in d.sessions
                if isinstance(s, StrengthSession | MobilitySession)
                for i in s.items
            )
        ]
        assert len(days) >= 3, week.number
        for session in week.strength_sessions():  # and in every strength session
            assert any(trains_balance(exercise(i)) for i in session.items), session.label
    for _, _, _, item in items_by_day(plan):
        if exercise(item).phase == "cool_down":
            assert 30 <= item.dose <= 60


@PLAN_SETTINGS
@given(data=answers(), age=st.integers(65, 95))
@example(data=FOUR_PLANS["68-year-old beginner who needs help to get down to the floor"], age=74)
def test_older_people_stand_up_from_a_chair_in_every_session(data, age):
    """Everyday strength beside the balance hold, in every strength session of 20 minutes or
    more (Sherrington 2020: balance and functional exercise 3 days a week or more;
    physiotherapist review: a 74-year-old stood up from a chair in session B only, once or
    twice a week)."""
    data["age"] = age
    plan = plan_for(data)
    if data["minutes"] < 20 or not can_do(LIBRARY.exercises["sit_to_stand"], plan.profile):
        return
    for week in plan.weeks:
        for session in week.strength_sessions():
            families = {exercise(i).family for i in session.items}
            assert "sit_to_stand" in families, (week.number, session.label)


# --- rule 14: `next` steps the pain level down as well as up --------------------------------


def _progress_with_pain(pain: str, after: list[int]) -> Progress:
    plan = plan_for({"pain": pain, "weeks": 4})
    weeks = [
        WeekProgress(n, sessions_planned=3, sessions_done=3, sets_planned=10, sets_done=10)
        for n in range(1, 5)
    ]
    for index, value in enumerate(after):
        weeks[index % 4].pain_after.append(value)
    return Progress(PrintedPlan.of(plan), weeks, {}, plan.weeks[-1].last + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("pain", "after", "expected"),
    [
        ("moderate", [2, 3, 2, 3, 2, 5], "mild"),  # mostly 3/10 or less: mild now
        ("mild", [0, 1, 0, 1, 2], "none"),
        ("moderate", [5, 4, 2, 5, 6, 3], "moderate"),  # half or more above 3: stays
        ("mild", [0, 1], "mild"),  # too few entries to tell
    ],
)
def test_next_steps_the_pain_level_down_when_most_sessions_were_below_it(pain, after, expected):
    progress = _progress_with_pain(pain, after)
    decision = decide(progress, progress.today, LIBRARY.safety.pain_rule)
    assert decision.profile.pain == expected
    if expected != pain:
        assert "counts your back as" in decision.paragraph


@PLAN_SETTINGS
@given(
    sports=st.lists(st.sampled_from(list(LIBRARY.sports)), unique=True, min_size=1),
    per_week=st.integers(1, 3),
)
def test_every_scheduled_sport_comes_back_within_3_weeks_and_the_rest_are_named(sports, per_week):
    """Rule 11: nine sports at one a week used to come back every ninth week."""

    plan = plan_for(
        {
            "level": "intermediate",
            "weeks": 12,
            "sports": sports,
            "sport_sessions_per_week": per_week,
        }
    )
    seen: dict[str, list[int]] = defaultdict(list)
    for week in plan.weeks:
        for day in week.days:
            for session in day.sport():
                seen[session.sport].append(week.number)
    for sport, weeks in seen.items():
        ends = [0, *weeks, plan.weeks[-1].number + 1]
        gaps = [later - earlier for earlier, later in zip(ends, ends[1:], strict=False)]
        assert max(gaps) <= ROTATION_WEEKS, (sport, weeks)
    missing = [s for s in sports if s not in seen]
    for sport in missing:
        assert any(LIBRARY.sports[sport].name in note for note in plan.notes), sport


def test_walking_chosen_as_a_sport_is_the_walking_programme_not_a_second_walk():
    plan = plan_for({"level": "beginner", "weeks": 4, "sports": ["walking", "swimming"]})
    sports = {s.sport for w in plan.weeks for d in w.days for s in d.sport()}
    assert sports == {"swimming"}
    assert any(n.startswith("Walking is in your plan as the walks") for n in plan.notes)
    assert any(d.walks() for w in plan.weeks for d in w.days)


# --- rule 7: past 12 weeks, blocks change what is at its ceiling -------------------------------


def _dose(item: Prescription) -> tuple:
    return (item.exercise, item.sets, item.dose, item.reps, item.band, item.tempo, item.weight_step)


def _can_still_get_harder(
    item: Prescription, data: dict, in_the_week: set[str], labels: set[str]
) -> bool:
    """Something harder exists for this person, as the planner's next steps see it: a harder
    variant they may do that the week does not hold already (heavy ones in session A
    only), one more hold a set, or a stronger band, a slower tempo or more weight to come.
    (Fresh exercises of the same area are left out: whether one fits is the planner's call.)"""
    ex = LIBRARY.exercises[item.exercise]
    if item.ceiling:
        return False  # no step fits the minutes asked for (the p3 test below covers swaps)
    profile = make_profile(LIBRARY, **data)
    if any(
        can_do(LIBRARY.exercises[h], profile)
        and h not in in_the_week
        and (LIBRARY.exercises[h].load != "heavy" or labels == {"A"})
        for h in ex.harder
    ):
        return True
    if ex.dose.max_holds and item.reps < ex.dose.max_holds:
        return True  # one more hold a set
    if ex.harder_by == "band":
        return item.band != LIBRARY.bands[-1]
    if ex.harder_by == "tempo":
        return item.tempo != TEMPOS[-1]
    return ex.harder_by == "weight"


@PLAN_SETTINGS
@given(data=answers())
def test_past_12_weeks_no_exercise_keeps_one_dose_longer_than_a_block_if_it_can_get_harder(
    data,
):
    """Rule 7: in a long plan, a strength exercise that could still get harder does not keep
    the same dose through more than one whole block (its training weeks plus a lighter week)
    after week 12."""
    data["weeks"] = max(data["weeks"], BLOCKS_BEYOND + 2 * (MAX_BLOCK_WEEKS + 1))
    plan = plan_for(data)
    runs: dict[tuple, int] = {}
    for week in plan.weeks:
        doses: dict[tuple, Prescription] = {}
        labels: dict[tuple, set[str]] = defaultdict(set)
        for day in week.days:
            for session in day.strength():
                for item in session.items:
                    if LIBRARY.exercises[item.exercise].phase == "main":
                        doses[_dose(item)] = item
                        labels[_dose(item)].add(session.label)
        in_the_week = {key[0] for key in doses}
        if week.deload:
            continue
        runs = {key: runs.get(key, 0) + 1 for key in doses}
        if week.number <= BLOCKS_BEYOND:
            continue
        for key, weeks in runs.items():
            if weeks > MAX_BLOCK_WEEKS + 1:
                assert not _can_still_get_harder(doses[key], data, in_the_week, labels[key]), (
                    week.number,
                    key,
                )


P3 = {
    "age": 28,
    "weeks": 52,
    "sessions_per_week": 5,
    "minutes": 40,
    "level": "advanced",
    "pain": "none",
    "equipment": list(EQUIPMENT_IDS),
    "sports": ["climbing", "rowing"],
    "sport_sessions_per_week": 2,
    "start": dt.date(2027, 4, 5),
}


def test_the_52_week_advanced_plan_changes_most_exercises_after_week_12():
    """The physiotherapist's p3: most of what week 11 asks is not asked the same way in
    week 29 (pull-up slower, table row replaced by the one-arm row, …)."""
    plan = plan_for(P3)

    def main_doses(number: int) -> set[tuple]:
        return {
            _dose(item)
            for day in plan.weeks[number - 1].days
            for session in day.strength()
            for item in session.items
            if LIBRARY.exercises[item.exercise].phase == "main"
        }

    before, later = main_doses(11), main_doses(29)
    assert len(before & later) <= len(before) // 3, sorted(before & later)


def test_the_advanced_pull_up_goes_on_with_added_weight_at_its_own_first_weight():
    """Past 3 × 8 clean pull-ups the athlete adds a little weight, not more months at 3 × 8;
    its first weight is a small one, not "a weight you could lift 15 times"."""
    plan = plan_for(dict(FOUR_PLANS["advanced, all equipment, no pain, climbing and rowing"]))
    firsts = [
        item
        for week in plan.weeks
        for session in week.strength_sessions()
        for item in session.items
        if item.exercise == "weighted_pull_up"
    ]
    assert firsts, "the pull-up never gets harder than 3 × 8"
    assert "2.5 kg" in (firsts[0].weight_note or "")
    assert "15 times" not in (firsts[0].weight_note or "")
    assert all(3 <= item.dose <= 8 for item in firsts)
