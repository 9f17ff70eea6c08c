"""The weeks: one progression step at a time, lighter weeks, blocks, and what a following
block carries over (rules 2, 4, 7 and 14)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from planbuilder.content import Exercise, Library
from planbuilder.planner.dosing import Slot, lighter, next_steps, starting_slot, takes_them_down
from planbuilder.planner.eligibility import eligible_exercises, needs_balance
from planbuilder.planner.rules import (
    BLOCKS_BEYOND,
    EVERYDAY_STRENGTH,
    EXTRA_ITEMS,
    LABELS,
    LIGHTER_WEEKS_FROM,
    MAX_BLOCK_WEEKS,
    MAX_FILL,
    MIN_BLOCK_WEEKS,
    MIN_FILL,
    PROGRESS_EVERY,
    START_FILL,
    STEPS_BEFORE_LIGHTER,
)
from planbuilder.planner.schedule import strength_days
from planbuilder.planner.templates import (
    Templates,
    WeekState,
    covers_required,
    fill_items,
    fill_sets,
    kinds_lost_without,
    no_lone_trip_down,
    pool_to_fill,
    sorted_phases,
    step_making_room,
    trains_balance,
    variant_of,
    warm_up_at_the_work_s_height,
)
from planbuilder.profile import Profile
from planbuilder.vocab import LEVELS

# --- weeks --------------------------------------------------------------------------------------


def _progress_all(
    templates: Templates,
    profile: Profile,
    library: Library,
    performed: set[int] | None = None,
) -> bool:
    """One progression step for every main exercise of the sessions done this week (with
    one strength day A and B take turns: each progresses only in the weeks it is done), each
    taking the first step that keeps its sessions within the time; an exercise with no such
    step is marked at its ceiling. Returns whether any exercise changed."""
    limit = profile.minutes * 60 * MAX_FILL
    changed = _progress_each(templates, profile, library, limit, performed)
    sets_before = {key: slot.sets for key, slot in templates.slots.items()}
    _refill(templates, profile, library)
    for key, slot in templates.slots.items():
        if slot.sets > sets_before.get(key, slot.sets):  # a set given back is a step too
            templates.slots[key] = replace(slot, stepped_at=slot.weeks)
    return changed


def _refill(templates: Templates, profile: Profile, library: Library) -> None:
    """A harder variant or a new exercise starts shorter: fill the time again."""
    pool = [ex for ex in _fresh_pool(templates, profile, library) if ex.id not in templates.retired]
    for index in range(len(templates.keys)):
        no_lone_trip_down(templates, index, profile, library, pool)
        to_fill = pool_to_fill(templates, index, profile, pool)
        for fill in (START_FILL, 1.0):
            if templates.seconds(index) < profile.minutes * 60 * MIN_FILL:
                fill_sets(templates, index, profile, fill)
                fill_items(templates, index, profile, to_fill, EXTRA_ITEMS, fill)
        warm_up_at_the_work_s_height(templates, index, profile, pool)
        sorted_phases(templates, index)


def _progress_each(
    templates: Templates,
    profile: Profile,
    library: Library,
    limit: float,
    performed: set[int] | None = None,
) -> bool:
    changed = False
    done = set(range(len(templates.keys))) if performed is None else performed
    taking_turns = len(done) < len(templates.keys)
    for key in templates.all_keys():
        if key not in templates.slots:
            continue  # gave way to another exercise's step this week
        if not _done_in(templates, key, done):
            continue  # its session is not done this week
        slot = templates.slots[key]
        if slot.exercise.phase != "main" or slot.weeks == 0:
            continue  # an exercise not done yet starts where it starts
        if taking_turns and _shared(templates, key) and slot.weeks - slot.stepped_at < 2:
            continue  # in both A and B, done every week: it steps every second week, as
            # the rest do at their turns (lighter weeks are not counted)
        heavy_ok = not templates.in_b(key)
        taken = {s.exercise.id for s in templates.slots.values()} | templates.retired
        others = [s.exercise for k, s in templates.slots.items() if k != key]
        steps = [
            step
            for step in next_steps(slot, profile, library, heavy_ok, taken)
            if step.exercise is slot.exercise
            or not any(variant_of(step.exercise, o, templates.drills) for o in others)
        ]
        if _take_a_step(templates, key, steps, limit) or step_making_room(
            templates, key, steps, profile, library
        ):
            changed = True
            if key in templates.slots:
                stepped = templates.slots[key]
                templates.slots[key] = replace(stepped, stepped_at=stepped.weeks)
            continue
        templates.slots[key] = replace(slot, ceiling=True)
    return changed


def _done_in(templates: Templates, key: int, done: set[int]) -> bool:
    return any(key in templates.keys[i] for i in done)


def _shared(templates: Templates, key: int) -> bool:
    return sum(key in keys for keys in templates.keys) > 1


def _take_a_step(templates: Templates, key: int, steps: list[Slot], limit: float) -> bool:
    """The first of the steps that keeps the sessions of `key` within the time."""
    for step in steps:
        trial = {**templates.slots, key: step}
        if templates.fits(key, trial, limit):
            templates.slots = trial
            return True
    return False


def _new_block(templates: Templates, profile: Profile, library: Library) -> None:
    """Between blocks of a long plan, an exercise at its ceiling makes way for a fresh one
    for the same area, so the body meets something new instead of the same thing for months."""
    pool = _fresh_pool(templates, profile, library)
    limit = profile.minutes * 60 * MAX_FILL
    for key in templates.all_keys():
        slot = templates.slots[key]
        taken = {s.exercise.id for s in templates.slots.values()}
        heavy_ok = not templates.in_b(key)
        at_top = not next_steps(slot, profile, library, heavy_ok, taken)
        held_back = slot.ceiling and slot.exercise.harder_by != "weight"
        if slot.exercise.phase != "main" or not (at_top or held_back):
            continue  # what can still progress stays; a lift always stays
        if needs_balance(profile) and (
            trains_balance(slot.exercise) or slot.exercise.family in EVERYDAY_STRENGTH
        ):
            continue  # balance and everyday strength stay where they are needed
        inside = [i for i, keys in enumerate(templates.keys) if key in keys]
        kept = kinds_lost_without(templates, key, inside)  # the last side plank: one in its place
        for exercise in pool:
            if (
                exercise.id in taken
                or any(exercise.family not in kind for kind in kept)
                or exercise.id in templates.retired
                or exercise.phase != "main"
                or slot.exercise.areas[0] not in exercise.areas
                or not _at_least_as_hard(exercise, slot.exercise)
                or takes_them_down(slot.exercise, exercise, profile)
                or (templates.in_b(key) and not templates.allowed_in(1, exercise))
                or any(
                    variant_of(exercise, other.exercise, templates.drills)
                    for k, other in templates.slots.items()
                    if k != key
                )
                or any(exercise.family in templates.families(i, leaving_out=key) for i in inside)
            ):
                continue
            trial = {**templates.slots, key: starting_slot(exercise, profile)}
            enough = profile.minutes * 60 * MIN_FILL
            keeps_time = all(
                templates.seconds(i, trial) >= min(templates.seconds(i), enough) for i in inside
            )
            if (
                keeps_time
                and templates.fits(key, trial, limit)
                and all(covers_required(templates, i, trial, profile) for i in inside)
            ):
                templates.retired.add(slot.exercise.id)
                templates.slots = trial
                break
    _refill(templates, profile, library)


def _fresh_pool(templates: Templates, profile: Profile, library: Library) -> list[Exercise]:
    """What a block may add: the exercises for this person, less the easier variants of
    anything done so far (never back to what has been outgrown)."""
    done = templates.retired | {slot.exercise.id for slot in templates.slots.values()}
    behind = _easier_variants(done, library)
    reached = _ranks_reached(done, library)
    return [
        ex
        for ex in eligible_exercises(profile, library)
        if ex.after is None
        and ex.id not in behind
        and _variant_rank(ex, library) >= reached.get(ex.family, 0)
        and not any(  # a standing version done is not followed by its floor version
            takes_them_down(library.exercises[e], ex, profile) for e in ex.easier if e in done
        )
    ]


def _variant_rank(exercise: Exercise, library: Library) -> int:
    """How many easier variants lie below an exercise in its family's chain."""
    below = [_variant_rank(library.exercises[e], library) for e in exercise.easier]
    return 1 + max(below, default=-1)


def _ranks_reached(exercise_ids: set[str], library: Library) -> dict[str, int]:
    """For each family done so far, the rank of its hardest variant done: an unlinked
    member of the family below it (a wall hinge after the one-leg hinge) is a step back."""
    reached: dict[str, int] = {}
    for exercise_id in exercise_ids:
        exercise = library.exercises[exercise_id]
        rank = _variant_rank(exercise, library)
        reached[exercise.family] = max(reached.get(exercise.family, 0), rank)
    return reached


def _easier_variants(exercise_ids: set[str], library: Library) -> set[str]:
    """Every variant below these exercises in their families' chains."""
    found: set[str] = set()
    frontier = [e for i in exercise_ids for e in library.exercises[i].easier]
    while frontier:
        current = frontier.pop()
        if current not in found:
            found.add(current)
            frontier.extend(library.exercises[current].easier)
    return found


def _at_least_as_hard(fresh: Exercise, retired: Exercise) -> bool:
    """A fresh exercise between blocks is never a step back: not a variant of the one it
    replaces (those come by progression), and suited to no lower level (a pull-up is not
    followed by hanging from the bar, nor a plank by a standing march). An exercise loaded
    with a weight is as hard as the weight the person picks, whatever levels it suits (a row
    under a table is followed by the one-arm row with a dumbbell)."""
    if fresh.family == retired.family:
        return False
    lowest = min(LEVELS.index(level) for level in fresh.levels)
    as_hard = lowest >= min(LEVELS.index(level) for level in retired.levels)
    return as_hard or fresh.harder_by == "weight"


def _lightened(slot: Slot, profile: Profile) -> bool:
    """A lighter week lightens the training load; balance practice is not load, and for
    someone at risk of falling it stays whole (Sherrington 2019: the benefit comes with
    enough hours of balance practice, kept up)."""
    if needs_balance(profile) and trains_balance(slot.exercise):
        return False
    return slot.exercise.phase == "main"


def _snapshot(templates: Templates, profile: Profile, deload: bool) -> WeekState:
    sessions = []
    for index in range(len(templates.keys)):
        sorted_phases(templates, index)  # a harder variant may kneel or lie where one stood
        slots = templates.session(index)
        if deload:
            slots = [lighter(s) if _lightened(s, profile) else s for s in slots]
        sessions.append(tuple(slots))
    return WeekState(deload, tuple(sessions))


def _after_a_week(templates: Templates, performed: set[int] | None = None) -> None:
    """Count a week done for the exercises of the sessions done that week; an entry check,
    and the invitation to add weight, stay until the first week their session is done."""
    done = (
        templates.all_keys()
        if performed is None
        else [key for index in performed for key in templates.keys[index]]
    )
    for key in set(done):
        slot = templates.slots[key]
        top = slot.top_weeks + 1 if slot.dose >= slot.exercise.dose.ceiling else 0
        templates.slots[key] = replace(
            slot, weeks=slot.weeks + 1, top_weeks=top, entry_check=None, weight_start=0
        )


def performed_templates(profile: Profile, week: int) -> set[int]:
    """Which sessions are done in a week: both when there are two strength days or more,
    else A and B take turns week by week."""
    if len(strength_days(profile)) >= len(LABELS):
        return set(range(len(LABELS)))
    return {(week - 1) % len(LABELS)}


def carried_over(templates: Templates, profile: Profile, library: Library) -> None:
    """Start a following block where the last one left off (`progress_steps` > 0) or below
    the level's starting doses (< 0), as `planbuilder next` decides from the ticks."""
    for _ in range(profile.progress_steps):
        _after_a_week(templates)  # the weeks of the last block were done
        _progress_all(templates, profile, library)
    if profile.progress_steps < 0:
        templates.slots = {
            key: _stepped_back(slot, -profile.progress_steps)
            for key, slot in templates.slots.items()
        }


def _stepped_back(slot: Slot, steps: int) -> Slot:
    """Smaller doses for the main exercises, never below one step."""
    if slot.exercise.phase != "main":
        return slot
    step = slot.exercise.dose.step
    return replace(slot, dose=max(step, slot.dose - steps * step))


@dataclass
class _Cadence:
    """When to progress and when to take a lighter week."""

    training: int = 0  # training weeks so far
    since_lighter: int = 0  # training weeks since the last lighter week
    steps_since_lighter: int = 0  # of those, weeks that progressed
    lighter_weeks: int = 0

    def lighter_due(self, profile: Profile) -> bool:
        if profile.weeks < LIGHTER_WEEKS_FROM:
            return False
        earned = (
            self.steps_since_lighter >= STEPS_BEFORE_LIGHTER
            and self.since_lighter >= MIN_BLOCK_WEEKS
        )
        overdue = self.since_lighter >= MAX_BLOCK_WEEKS + (0 if self.lighter_weeks else 1)
        return earned or overdue

    def step_due(self, profile: Profile) -> bool:
        return self.training > 1 and (self.training - 1) % PROGRESS_EVERY[profile.pain] == 0


def week_states(templates: Templates, profile: Profile, library: Library) -> list[WeekState]:
    """Sessions A and B for every week: progressing on the pain's cadence, lighter weeks when
    earned, new exercises between the blocks of a long plan."""
    cadence = _Cadence()
    states: list[WeekState] = []
    for number in range(1, profile.weeks + 1):
        if cadence.lighter_due(profile):
            states.append(_snapshot(templates, profile, deload=True))
            cadence = _Cadence(cadence.training, 0, 0, cadence.lighter_weeks + 1)
            if profile.weeks > BLOCKS_BEYOND:
                _new_block(templates, profile, library)
            continue
        cadence.training += 1
        cadence.since_lighter += 1
        performed = performed_templates(profile, number)
        # With one strength day, A and B take turns: each steps up at every turn after its
        # first, which is every second week, as with pain.
        alternating = len(performed) < len(templates.keys)
        due = cadence.training > len(templates.keys) if alternating else cadence.step_due(profile)
        if due and _progress_all(templates, profile, library, performed):
            cadence.steps_since_lighter += 1
        states.append(_snapshot(templates, profile, deload=False))
        _after_a_week(templates, performed)
    return states


def steps_in_block(profile: Profile) -> int:
    """How many progression steps a block of this profile makes from its first week to its
    last (what `planbuilder next` carries over)."""
    cadence = _Cadence()
    steps = 0
    for _ in range(profile.weeks):
        if cadence.lighter_due(profile):
            cadence = _Cadence(cadence.training, 0, 0, cadence.lighter_weeks + 1)
            continue
        cadence.training += 1
        cadence.since_lighter += 1
        if cadence.step_due(profile):
            steps += 1
            cadence.steps_since_lighter += 1
    return steps
