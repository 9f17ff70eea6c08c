"""The planner's rules, checked over the whole answer space with hypothesis."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planbuilder.content import LEVELS, Exercise, default_library
from planbuilder.plan import Plan, StrengthSession, plan_to_json
from planbuilder.planner import PROGRESS_EVERY, build_plan
from planbuilder.profile import FOCUSES, PAIN_LEVELS, WEEKDAYS

from conftest import EQUIPMENT_IDS, SPORT_IDS, make_profile

# A module-level library rather than the fixture: hypothesis prints test arguments on failure.
LIBRARY = default_library()


@st.composite
def answers(draw: st.DrawFn) -> dict:
    sessions = draw(st.integers(1, 6))
    sports = draw(st.lists(st.sampled_from(SPORT_IDS), unique=True, max_size=3))
    data = {
        "level": draw(st.sampled_from(LEVELS)),
        "start": draw(st.dates(dt.date(2026, 1, 1), dt.date(2030, 12, 31))),
        "weeks": draw(st.integers(1, 52)),
        "sessions_per_week": sessions,
        "minutes": draw(st.integers(10, 60)),
        "pain": draw(st.sampled_from(PAIN_LEVELS)),
        "equipment": draw(st.lists(st.sampled_from(EQUIPMENT_IDS), unique=True)),
        "sports": sports,
        "sport_sessions_per_week": draw(st.integers(0, 5)) if sports else 0,
        "focus": draw(st.sampled_from(FOCUSES)),
    }
    if draw(st.booleans()):
        data["days"] = draw(st.permutations(WEEKDAYS))[:sessions]
    return data


PLAN_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def plan_for(data: dict) -> Plan:
    return build_plan(make_profile(LIBRARY, **data), LIBRARY)


def strength_sessions(plan: Plan) -> list[tuple[int, bool, StrengthSession]]:
    return [
        (week.number, week.deload, s)
        for week, _, s in plan.sessions()
        if isinstance(s, StrengthSession)
    ]


def owns_what_it_needs(exercise: Exercise, equipment: list[str]) -> bool:
    for item in exercise.equipment:
        if item not in equipment and item not in exercise.substitutes:
            return False
    return not exercise.equipment_one_of or any(e in equipment for e in exercise.equipment_one_of)


@PLAN_SETTINGS
@given(data=answers())
def test_never_prescribes_missing_equipment_or_the_wrong_level(data):
    plan = plan_for(data)
    for _, _, session in strength_sessions(plan):
        for item in session.items:
            exercise = LIBRARY.exercises[item.exercise]
            assert data["level"] in exercise.levels, item.exercise
            assert owns_what_it_needs(exercise, data["equipment"]), item.exercise


@PLAN_SETTINGS
@given(data=answers())
def test_loaded_and_hanging_work_waits_while_the_back_hurts_moderately(data):
    data["pain"] = "moderate"
    used = set(plan_for(data).exercises)
    assert not used & {"deadlift", "pull_up", "negative_pull_up"}


@PLAN_SETTINGS
@given(data=answers())
def test_beginners_never_get_the_deadlift_or_full_pull_ups(data):
    data["level"] = "beginner"
    used = set(plan_for(data).exercises)
    assert not used & {"deadlift", "pull_up"}


@PLAN_SETTINGS
@given(data=answers())
def test_the_deadlift_comes_only_with_a_load_and_its_coach_note(data):
    plan = plan_for(data)
    if "deadlift" in plan.exercises:
        assert set(data["equipment"]) & {"barbell", "dumbbells", "kettlebell"}
        assert any("coach" in note for note in plan.notes)


@PLAN_SETTINGS
@given(data=answers())
def test_every_session_has_lower_back_upper_back_and_mobility_and_fits_the_minutes(data):
    plan = plan_for(data)
    for _, _, session in strength_sessions(plan):
        areas = {a for item in session.items for a in LIBRARY.exercises[item.exercise].areas}
        assert {"lower_back", "upper_back", "mobility"} <= areas
        assert session.minutes <= data["minutes"]
        ids = [item.exercise for item in session.items]
        assert len(ids) == len(set(ids)), "an exercise twice in one session"


@PLAN_SETTINGS
@given(data=answers())
def test_sessions_alternate_between_two_different_sessions(data):
    plan = plan_for(data)
    sessions = strength_sessions(plan)
    labels = [s.label for _, _, s in sessions]
    assert labels == [("A", "B")[i % 2] for i in range(len(labels))]
    first = {s.label: [i.exercise for i in s.items] for n, _, s in sessions if n == 1}
    second_week = {s.label: [i.exercise for i in s.items] for n, _, s in sessions if n == 2}
    first.update({k: v for k, v in second_week.items() if k not in first})
    if len(first) == 2:
        assert first["A"] != first["B"]


def _training_states(plan: Plan, label: str) -> list[tuple[int, StrengthSession]]:
    """(training week index, session) for one label, lighter weeks left out.

    The training week index counts weeks that are not lighter weeks: 1, 2, 3, (deload), 4...
    """
    index_of: dict[int, int] = {}
    for week in plan.weeks:
        if not week.deload:
            index_of[week.number] = len(index_of) + 1
    seen: dict[int, StrengthSession] = {}
    for number, deload, session in strength_sessions(plan):
        if session.label == label and not deload:
            seen.setdefault(number, session)
    return [(index_of[n], seen[n]) for n in sorted(seen)]


@PLAN_SETTINGS
@given(data=answers())
def test_load_never_drops_except_in_lighter_weeks_or_on_a_move_to_a_harder_variant(data):
    plan = plan_for(data)
    for label in ("A", "B"):
        states = [session for _, session in _training_states(plan, label)]
        for before, after in zip(states, states[1:], strict=False):
            assert len(before.items) == len(after.items)
            moved = False
            for old, new in zip(before.items, after.items, strict=True):
                if old.exercise == new.exercise:
                    assert new.load >= old.load
                    assert new.dose <= LIBRARY.exercises[new.exercise].dose.ceiling
                else:
                    assert new.exercise in LIBRARY.exercises[old.exercise].harder
                    moved = True
            if not moved:
                assert after.load >= before.load


@PLAN_SETTINGS
@given(data=answers())
def test_every_fourth_week_of_a_long_plan_is_lighter(data):
    plan = plan_for(data)
    for week in plan.weeks:
        assert week.deload == (data["weeks"] >= 8 and week.number % 4 == 0)
    by_week = {(n, s.label): s for n, _, s in strength_sessions(plan)}
    for (number, label), session in by_week.items():
        previous = by_week.get((number - 1, label))
        if plan.weeks[number - 1].deload and previous is not None:
            assert session.load < previous.load


@PLAN_SETTINGS
@given(data=answers())
def test_pain_slows_progression_to_one_step_every_few_training_weeks(data):
    plan = plan_for(data)
    every = PROGRESS_EVERY[data["pain"]]
    for label in ("A", "B"):
        states = _training_states(plan, label)
        for (k1, before), (k2, after) in zip(states, states[1:], strict=False):
            steps_due = [k for k in range(k1 + 1, k2 + 1) if (k - 1) % every == 0]
            if not steps_due:
                assert after.items == before.items


@PLAN_SETTINGS
@given(data=answers())
def test_pain_starts_lower(data):
    data["pain"] = "none"
    calm = plan_for(data)
    data["pain"] = "moderate"
    sore = plan_for(data)
    calm_doses = {i.exercise: i for _, _, s in strength_sessions(calm)[:2] for i in s.items}
    for _, _, session in strength_sessions(sore)[:2]:
        for item in session.items:
            if item.exercise in calm_doses:
                assert item.load <= calm_doses[item.exercise].load


@PLAN_SETTINGS
@given(data=answers())
def test_sports_are_the_chosen_ones_on_free_days_leaving_a_full_rest_day(data):
    plan = plan_for(data)
    for week in plan.weeks:
        sport_days = [d for d in week.days for s in d.sport()]
        assert len(sport_days) == data["sport_sessions_per_week"]
        assert {s.sport for d in week.days for s in d.sport()} <= set(data["sports"])
        assert any(day.is_rest for day in week.days), "no full rest day"
        free_days = sum(1 for d in week.days if not d.strength())
        doubled = sum(1 for d in week.days if d.strength() and d.sport())
        if doubled:
            assert len(sport_days) > free_days - 1


@PLAN_SETTINGS
@given(data=answers())
def test_strength_sessions_fall_on_the_chosen_weekdays(data):
    plan = plan_for(data)
    profile = plan.profile
    if "days" in data:
        assert set(profile.days) == set(data["days"])
    for week in plan.weeks:
        assert {d.weekday for d in week.days if d.strength()} == set(profile.days)
        assert sum(len(d.strength()) for d in week.days) == data["sessions_per_week"]
        assert [d.date for d in week.days] == sorted(d.date for d in week.days)
    assert plan.weeks[0].days[0].date == data["start"]
    assert len(plan.weeks) == data["weeks"]


@settings(max_examples=40, deadline=None)
@given(data=answers())
def test_the_same_answers_always_give_the_same_plan(data):
    assert plan_to_json(plan_for(data)) == plan_to_json(plan_for(data))


def test_a_beginner_plan_reads_sensibly():
    """The example a physiotherapist reviewed: gentle start, steady progress, stretches kept."""
    plan = plan_for({"weeks": 12, "pain": "mild", "equipment": ["cushion", "band"]})
    first = strength_sessions(plan)[0][2]
    assert 4 <= len(first.items) <= 6
    assert LIBRARY.exercises[first.items[0].exercise].phase == "warm_up"
    assert LIBRARY.exercises[first.items[-1].exercise].phase == "cool_down"
    assert all(item.sets <= 2 for item in first.items)
