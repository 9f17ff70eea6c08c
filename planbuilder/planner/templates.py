"""Sessions A and B: which exercises, in which order, with how many sets, to fill the
minutes asked for (rules 1, 6, 8 and 12)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from planbuilder.content import Exercise, Library
from planbuilder.planner.dosing import Slot, max_sets, starting_slot
from planbuilder.planner.eligibility import (
    can_do,
    eligible_exercises,
    gentle,
    needs_balance,
    scheduled_sports,
    uses,
)
from planbuilder.planner.rules import (
    BEGINNER_FILL_SETS,
    EVERYDAY_STRENGTH,
    EXTRA_ITEMS,
    FOCUS_AREAS,
    KEPT_WORK,
    LABELS,
    MAX_FILL,
    MAX_ITEMS,
    MIN_FILL,
    MIN_MAIN_ITEMS,
    MOST_ITEMS,
    PROGRESS_EVERY,
    REQUIRED,
    SAME_WORK,
    SIDE_TRUNK,
    START_FILL,
)
from planbuilder.profile import Profile
from planbuilder.vocab import DOWN_POSITIONS

# --- session templates ------------------------------------------------------------------------


@dataclass
class Templates:
    """The exercises of sessions A and B. `keys` index `slots`; a key in both templates is one
    exercise with one dose, whichever session it is done in."""

    slots: dict[int, Slot]
    keys: list[list[int]]
    retired: set[str] = field(default_factory=set)  # swapped out between blocks: not again
    drills: set[str] = field(default_factory=set)  # exercises that lead to a lift
    # families with a heavy member this person may reach (the pull-up, the deadlift): the
    # whole family stays in session A, so it loads the back only on A's spaced days
    a_only: set[str] = field(default_factory=set)

    def session(self, index: int) -> list[Slot]:
        return [self.slots[key] for key in self.keys[index]]

    def seconds(self, index: int, slots: dict[int, Slot] | None = None) -> int:
        slots = slots or self.slots
        return sum(slots[key].seconds for key in self.keys[index])

    def fits(self, key: int, slots: dict[int, Slot], limit: float) -> bool:
        return all(
            self.seconds(i, slots) <= limit for i, keys in enumerate(self.keys) if key in keys
        )

    def in_b(self, key: int) -> bool:
        return len(self.keys) > 1 and key in self.keys[1]

    def families(self, index: int, leaving_out: int | None = None) -> set[str]:
        """The families session `index` holds, with those that do the same work: what a
        new exercise's family must not be in."""
        held = {self.slots[k].exercise.family for k in self.keys[index] if k != leaving_out}
        return held.union(*(kin for kin in SAME_WORK if kin & held))

    def allowed_in(self, index: int, exercise: Exercise) -> bool:
        """Session B takes no heavy exercise and no member of a heavy family: a row under
        a table in B beside pull-ups in A, or a single-leg hinge beside the deadlift, would
        load the same tissues on the days between (physiotherapist review: pulling six days
        a week)."""
        return index == 0 or (exercise.load != "heavy" and exercise.family not in self.a_only)

    def all_keys(self) -> list[int]:
        return list(dict.fromkeys(key for keys in self.keys for key in keys))


def _fits_slot(exercise: Exercise, want: str) -> bool:
    if want in ("warm_up", "cool_down"):
        return exercise.phase == want
    return exercise.phase == "main" and want in exercise.areas


def sorted_phases(templates: Templates, index: int) -> None:
    """Warm-up, main work, cool-down; within the main work the standing and chair exercises
    first, then those kneeling, then those lying, so the person gets down to the floor once
    (and, when they need help for it, once only)."""
    order = ("warm_up", "main", "cool_down")
    heights = ("standing", "chair", "kneeling", "floor")

    def place(key: int) -> tuple[int, int]:
        exercise = templates.slots[key].exercise
        height = heights.index(exercise.position) if exercise.phase == "main" else 0
        return order.index(exercise.phase), height

    templates.keys[index].sort(key=place)


def _warm_up_down_on_the_floor(exercise: Exercise, profile: Profile) -> bool:
    """Someone who needs help to get down to the floor warms up standing or seated: a
    kneeling warm-up would take them down, up again for the standing work, and down again."""
    return (
        profile.floor != "yes"
        and exercise.phase == "warm_up"
        and exercise.position not in ("standing", "chair")
    )


def _goes_down(exercise: Exercise) -> bool:
    return exercise.position in DOWN_POSITIONS


def warm_up_at_the_work_s_height(
    templates: Templates, index: int, profile: Profile, pool: list[Exercise]
) -> None:
    """A session with standing or seated work warms up standing or seated: a kneeling
    warm-up would take the person down, up for the standing work, and down again for the
    floor work. A session all on the floor may warm up kneeling."""
    keys = templates.keys[index]
    warm = [k for k in keys if templates.slots[k].exercise.phase == "warm_up"]
    upright_work = any(
        templates.slots[k].exercise.phase == "main" and not _goes_down(templates.slots[k].exercise)
        for k in keys
    )
    if not warm or not upright_work or not _goes_down(templates.slots[warm[0]].exercise):
        return
    families = templates.families(index, leaving_out=warm[0])
    upright = [
        ex
        for ex in pool
        if ex.phase == "warm_up" and not _goes_down(ex) and ex.family not in families
    ]
    if not upright:
        return
    old = warm[0]
    same = [k for k, slot in templates.slots.items() if slot.exercise.id == upright[0].id]
    key = same[0] if same else max(templates.slots) + 1
    if not same:
        templates.slots[key] = starting_slot(upright[0], profile)
    keys[keys.index(old)] = key
    if not any(old in other for other in templates.keys):
        del templates.slots[old]
    _shrink_to_fit(templates, index, profile.minutes * 60 * MAX_FILL)  # a longer warm-up


def build_templates(profile: Profile, library: Library) -> Templates:
    """Sessions A and B: the required items, extras by focus, the person's equipment, then
    sets until the session fills the time asked for."""
    pool = [
        ex
        for ex in eligible_exercises(profile, library)
        if ex.after is None and not _warm_up_down_on_the_floor(ex, profile)
    ]
    drills = {ex.after for ex in library.exercises.values() if ex.after}
    # A family with heavy work the person may start on stays in A. One whose heavy step is
    # reached only by progression (the split squat with weights) may stand in B, where
    # progression never takes a heavy step: there it stays bodyweight, and slows instead.
    a_only = {
        ex.family
        for ex in library.exercises.values()
        if ex.load == "heavy" and not ex.progression_only and can_do(ex, profile)
    }
    for sport in scheduled_sports(profile, library):
        a_only.update(library.sports[sport].works)  # the sport already works them
    templates = Templates({}, [], drills=drills, a_only=a_only)
    for index in range(len(LABELS)):
        templates.keys.append([])
        fill_items(templates, index, profile, pool)
    _use_equipment(templates, profile, library, pool)
    if needs_balance(profile):
        for index in range(len(LABELS)):
            _ensure_balance(templates, index, profile, library, pool)
        for index in range(len(LABELS)):
            _ensure_everyday_strength(templates, index, profile, library, pool)
    _ensure_side_trunk(templates, profile, library, pool)
    for index in range(len(LABELS)):
        warm_up_at_the_work_s_height(templates, index, profile, pool)
        _fill_the_time(templates, index, profile, pool)
    changed = [no_lone_trip_down(templates, i, profile, library, pool) for i in range(len(LABELS))]
    if any(changed):
        _use_equipment(templates, profile, library, pool)  # in the floor work that is left
        for index in range(len(LABELS)):
            _fill_the_time(templates, index, profile, pool_to_fill(templates, index, profile, pool))
    for index in range(len(LABELS)):
        warm_up_at_the_work_s_height(templates, index, profile, pool)
        sorted_phases(templates, index)
    return templates


def _fill_the_time(
    templates: Templates, index: int, profile: Profile, pool: list[Exercise]
) -> None:
    """Sets, then exercises, until the session fills the time asked for."""
    fill_sets(templates, index, profile)
    for fill in (START_FILL, 1.0):
        if templates.seconds(index) < profile.minutes * 60 * MIN_FILL:
            fill_items(templates, index, profile, pool, EXTRA_ITEMS, fill)
            fill_sets(templates, index, profile, fill)


def down_keys(templates: Templates, index: int) -> list[int]:
    """The main exercises of a session done kneeling or lying."""
    return [
        k
        for k in templates.keys[index]
        if templates.slots[k].exercise.phase == "main" and _goes_down(templates.slots[k].exercise)
    ]


def pool_to_fill(
    templates: Templates, index: int, profile: Profile, pool: list[Exercise]
) -> list[Exercise]:
    """What may fill a session's time: for someone who needs help to get down, a session
    that stays on its feet stays so (an added floor exercise would be a trip down for one)."""
    if profile.floor == "with_help" and not down_keys(templates, index):
        return [ex for ex in pool if not _goes_down(ex)]
    return pool


def no_lone_trip_down(
    templates: Templates, index: int, profile: Profile, library: Library, pool: list[Exercise]
) -> bool:
    """Someone who needs help to get down to the floor is not taken down for one exercise
    (physiotherapist review: down and up with a chair for a single chest lift is the riskiest
    minute of the session). A lone floor exercise gives way to a standing or seated one for
    the same area, or leaves, if the session keeps its required work without it; if it is
    the only use of something the person owns (the cushion), it joins the other session's
    floor work instead, when that session goes down anyway. An exercise both sessions share
    changes in both. Returns whether the session changed."""
    down = down_keys(templates, index)
    if profile.floor != "with_help" or len(down) != 1:
        return False
    lone = down[0]
    inside = [i for i, keys in enumerate(templates.keys) if lone in keys]
    if any(down_keys(templates, i) != [lone] for i in inside):
        return False  # shared with a session that goes down for more anyway
    limit = profile.minutes * 60 * MAX_FILL
    other = 1 - index  # sessions A and B
    moves = not _replaceable(templates, lone, profile, library)
    joins = (
        len(inside) == 1
        and len(templates.keys[other]) < most_items(profile)
        and _joins_the_floor_work_of(templates, other, lone, limit)
    )
    if moves and not joins:
        if _exchange_with_upright_work(templates, index, lone, profile, limit):
            return True
        if _floor_partner(templates, inside, profile, pool, limit):
            return True
        moves = False  # no time for two: safety before putting the item to use
    stand_in = _upright_stand_in(templates, inside, lone, profile, pool, limit)
    if stand_in is None:
        for i in inside:
            templates.keys[i].remove(lone)
        if not all(covers_required(templates, i, templates.slots, profile) for i in inside):
            for i in inside:
                templates.keys[i].append(lone)
            return False
    else:
        for i in inside:
            templates.keys[i][templates.keys[i].index(lone)] = stand_in
    if moves:
        templates.keys[other].append(lone)
    else:
        del templates.slots[lone]
    return True


def _upright_stand_in(
    templates: Templates,
    inside: list[int],
    lone: int,
    profile: Profile,
    pool: list[Exercise],
    limit: float,
) -> int | None:
    """The key of a standing or seated exercise for an area of `lone` that fits, with fewer
    sets if need be, and keeps the required work of the sessions `lone` is in: a fresh one,
    not a second version of a movement the other session does (two hinges) where another
    will do, else the other session's very same slot (one dose a week)."""
    exercise = templates.slots[lone].exercise
    upright = [ex for ex in pool if not _goes_down(ex)]
    room = limit - max(templates.seconds(i) for i in inside) + templates.slots[lone].seconds
    elsewhere = [k for k in templates.all_keys() if not any(k in templates.keys[i] for i in inside)]
    others = {templates.slots[k].exercise.family for k in elsewhere}
    for area in exercise.areas:
        found = [
            ex
            for ex in _candidates(templates, inside[0], area, upright, fresh_only=True)
            if all(ex in _candidates(templates, i, area, upright, True) for i in inside)
        ]
        for candidate in sorted(found, key=lambda ex: ex.family in others):
            # as few sets as the exercise it stands in for, where time is that short
            fewest = templates.slots[lone].sets
            slot = _fewer_sets_to_fit(starting_slot(candidate, profile), room, fewest)
            trial = {**templates.slots, lone: slot}
            if slot.seconds <= room and all(
                covers_required(templates, i, trial, profile) for i in inside
            ):
                key = max(templates.slots) + 1
                templates.slots[key] = slot
                return key
    for key in elsewhere:
        shared = templates.slots[key]
        trial = {**templates.slots, lone: shared}
        if (
            not _goes_down(shared.exercise)
            and shared.exercise.phase == "main"
            and set(shared.exercise.areas) & set(exercise.areas)
            and all(
                shared.exercise.family not in templates.families(i, leaving_out=lone)
                and templates.allowed_in(i, shared.exercise)
                and covers_required(templates, i, trial, profile)
                for i in inside
            )
            and shared.seconds <= room
        ):
            return key
    return None


def _exchange_with_upright_work(
    templates: Templates, index: int, lone: int, profile: Profile, limit: float
) -> bool:
    """The lone floor exercise of session `index` changes places with a standing or seated
    exercise of the other session, when that one goes down to the floor anyway: both keep
    their number of exercises and their required work."""
    other = 1 - index
    if other >= len(templates.keys) or not down_keys(templates, other):
        return False
    before = [keys[:] for keys in templates.keys]
    for key in before[other]:
        upright = templates.slots[key].exercise
        if upright.phase != "main" or _goes_down(upright) or key in before[index]:
            continue
        templates.keys[index][before[index].index(lone)] = key
        templates.keys[other][before[other].index(key)] = lone
        if all(
            _one_of_each_family(templates, i)
            and templates.seconds(i) <= limit
            and all(templates.allowed_in(i, templates.slots[k].exercise) for k in templates.keys[i])
            and covers_required(templates, i, templates.slots, profile)
            for i in (index, other)
        ):
            return True
        templates.keys = [keys[:] for keys in before]
    return False


def _one_of_each_family(templates: Templates, index: int) -> bool:
    """Whether no two exercises of session `index` share a family or do the same work."""
    keys = templates.keys[index]
    return all(
        templates.slots[k].exercise.family not in templates.families(index, leaving_out=k)
        for k in keys
    )


def _floor_partner(
    templates: Templates, inside: list[int], profile: Profile, pool: list[Exercise], limit: float
) -> bool:
    """A second floor exercise beside the lone one, in a session not shared, if time allows:
    the trip down is then for two."""
    if len(inside) > 1 or len(templates.keys[inside[0]]) >= most_items(profile):
        return False
    down = [ex for ex in pool if _goes_down(ex)]
    areas = dict.fromkeys((*FOCUS_AREAS[profile.focus], *FOCUS_AREAS["balanced"]))
    return any(_add(templates, inside[0], area, profile, down, limit) for area in areas)


def _joins_the_floor_work_of(templates: Templates, index: int, key: int, limit: float) -> bool:
    """Whether session `index` goes down to the floor anyway and has room for `key`."""
    exercise = templates.slots[key].exercise
    return (
        index < len(templates.keys)
        and bool(down_keys(templates, index))
        and exercise.family not in templates.families(index)
        and templates.allowed_in(index, exercise)
        and templates.seconds(index) + templates.slots[key].seconds <= limit
    )


def variant_of(exercise: Exercise, other: Exercise, drills: set[str]) -> bool:
    """The easier or harder version of the other, so not in the same week (physiotherapist
    review: side plank on knees in B beside the side plank in A). A drill that leads to a
    lift is a skill, and may share the week with the other versions of its movement."""
    if exercise.id in drills or other.id in drills:
        return False
    linked = (*other.easier, *other.harder)
    return exercise.id in linked or other.id in (*exercise.easier, *exercise.harder)


def _candidates(
    templates: Templates, index: int, want: str, pool: list[Exercise], fresh_only: bool
) -> list[Exercise]:
    families = templates.families(index)
    taken = {s.exercise.id for s in templates.slots.values()}
    elsewhere = [
        templates.slots[k].exercise
        for other, keys in enumerate(templates.keys)
        if other != index
        for k in keys
    ]
    found = [
        ex
        for ex in pool
        if _fits_slot(ex, want)
        and ex.family not in families
        and not any(variant_of(ex, other, templates.drills) for other in elsewhere)
        and templates.allowed_in(index, ex)
        and (ex.id not in taken or not fresh_only)
    ]
    # pool is in preference order; sorted() is stable, so that order breaks ties.
    return sorted(found, key=lambda ex: ex.areas[0] != want)


def _add(
    templates: Templates,
    index: int,
    want: str,
    profile: Profile,
    pool: list[Exercise],
    limit: float,
    share: bool = False,
) -> bool:
    """Add the best exercise for `want` to session `index` that fits under `limit` seconds.
    The other session's exercises are shared only for a required slot with nothing fresh
    left (`share`), and then as the very same slot, so the dose is the same in both: A and B
    keep their variety, and a session short of fresh exercises is shorter, honestly."""
    room = limit - templates.seconds(index)
    fresh = _candidates(templates, index, want, pool, fresh_only=True)
    for exercise in fresh:
        slot = _fewer_sets_to_fit(starting_slot(exercise, profile), room)
        if slot.seconds <= room:
            key = max(templates.slots, default=-1) + 1
            templates.slots[key] = slot
            templates.keys[index].append(key)
            return True
    if fresh or not share:
        return False
    shared = [
        k
        for k in templates.all_keys()
        if k not in templates.keys[index]
        and _fits_slot(templates.slots[k].exercise, want)
        and templates.slots[k].exercise.family not in templates.families(index)
        and templates.allowed_in(index, templates.slots[k].exercise)
    ]
    if not shared or templates.slots[shared[0]].seconds > room:
        return False
    templates.keys[index].append(shared[0])
    return True


def _fewer_sets_to_fit(slot: Slot, room: float, fewest: int = 2) -> Slot:
    """A new exercise may start with fewer sets, though not with one: a single set of an
    extra is not worth the time it takes (a warm-up or a stretch is one set anyway)."""
    fewest = min(fewest, slot.sets) if slot.exercise.phase == "main" else 1
    while slot.seconds > room and slot.sets > fewest:
        slot = replace(slot, sets=slot.sets - 1)
    return slot


def fill_items(
    templates: Templates,
    index: int,
    profile: Profile,
    pool: list[Exercise],
    extra: int = 0,
    fill: float = START_FILL,
) -> None:
    """The required items, a warm-up, then extras by focus while time allows. `extra` lets
    a session whose sets are all used take a few more exercises to fill the time asked for."""
    budget = profile.minutes * 60
    if not extra:
        for want in (*REQUIRED, "warm_up"):  # a short session is shorter work, not no warm-up
            _add(templates, index, want, profile, pool, float("inf"), share=True)
        _shrink_to_fit(templates, index, budget * MAX_FILL)
    cycle: tuple[str, ...] = FOCUS_AREAS[profile.focus]
    if extra:  # filling the time: any area will do
        cycle = (*cycle, *(a for a in FOCUS_AREAS["balanced"] if a not in cycle))
    turn = misses = 0
    most = min(
        MAX_ITEMS[profile.level] - (1 if profile.pain == "moderate" else 0) + extra,
        most_items(profile),
    )
    while len(templates.keys[index]) < most and misses < len(cycle):
        if _add(templates, index, cycle[turn % len(cycle)], profile, pool, budget * fill):
            misses = 0
        else:
            misses += 1
        turn += 1


def most_items(profile: Profile) -> int:
    """The most exercises a session holds: beginners and gentle starts 8 at most."""
    return MOST_ITEMS["beginner"] if gentle(profile) else MOST_ITEMS[profile.level]


def fill_sets(templates: Templates, index: int, profile: Profile, fill: float = START_FILL) -> None:
    """One more set for the main items in turn until the session fills the time asked for;
    the time a person sets aside is time to train, not to wait (ACSM: 2-3 sets). Beginners
    are filled to the guideline's 2 sets only: their third set is a progression step."""
    limit = profile.minutes * 60 * fill
    grew = True
    while grew:
        grew = False
        for key in templates.keys[index]:
            slot = templates.slots[key]
            most = max_sets(slot.exercise, profile)
            if profile.level == "beginner":
                most = min(most, max(BEGINNER_FILL_SETS, slot.sets))
            if slot.exercise.phase != "main" or slot.sets >= most or _stepped_lately(slot, profile):
                continue
            trial = {**templates.slots, key: replace(slot, sets=slot.sets + 1)}
            if templates.fits(key, trial, limit):
                templates.slots = trial
                grew = True


def _stepped_lately(slot: Slot, profile: Profile) -> bool:
    """A set added to fill the time is a step too: not on top of a step taken within the
    pain's spacing of steps (the same week, or the week before with pain)."""
    return slot.weeks > 0 and slot.weeks - slot.stepped_at < PROGRESS_EVERY[profile.pain]


def _shrink_to_fit(templates: Templates, index: int, limit: float) -> None:
    """Fewer sets, then smaller doses, of the longest items until the must-haves fit; an
    exercise new this week gives first, so what the person has built up is not taken back
    (a new block's standing exercise brings a longer standing warm-up)."""
    while templates.seconds(index) > limit:
        order = sorted(
            templates.keys[index],
            key=lambda k: (templates.slots[k].weeks > 0, -templates.slots[k].seconds),
        )
        for key in order:
            smaller = _smaller(templates.slots[key])
            if smaller is not None:
                templates.slots[key] = smaller
                break
        else:
            break  # nothing left to shrink; the content's shortest items do not fit


def _smaller(slot: Slot) -> Slot | None:
    if slot.sets > 1:
        return replace(slot, sets=slot.sets - 1)
    if slot.dose > slot.exercise.dose.step:
        return replace(slot, dose=slot.dose - slot.exercise.dose.step)
    return None


def equipment_users(item: str, profile: Profile, library: Library) -> list[Exercise]:
    """The exercises that put an owned item to use, best first; a lift that waits for its
    drill (the deadlift) is reached through the drill, so the drill stands for it."""
    eligible = eligible_exercises(profile, library)
    direct = [ex for ex in eligible if item in uses(ex) and ex.after is None]
    drills = [
        library.exercises[ex.after]
        for ex in eligible
        if item in uses(ex) and ex.after and can_do(library.exercises[ex.after], profile)
    ]
    return direct + drills


def _use_equipment(
    templates: Templates, profile: Profile, library: Library, pool: list[Exercise]
) -> None:
    """Every piece of equipment the person owns and that fits an exercise for them is used:
    an exercise using it replaces one using nothing, in the same part of the session."""

    def only_in_a(item: str) -> bool:
        """Heavy users go in session A only: place them first, while A has room."""
        users = equipment_users(item, profile, library)
        return all(ex.load == "heavy" or _leads_to_a_lift(ex, library) for ex in users)

    for item in sorted(profile.equipment, key=lambda item: not only_in_a(item)):
        users = equipment_users(item, profile, library)
        in_use = [
            s.exercise
            for i, keys in enumerate(templates.keys)
            for s in (templates.slots[k] for k in keys)
            if i == 0 or not _leads_to_a_lift(s.exercise, library)
        ]
        if any(ex in users for ex in in_use):
            continue
        for exercise in users:
            if _swap_in(templates, exercise, profile, library):
                break


def _swap_in(templates: Templates, exercise: Exercise, profile: Profile, library: Library) -> bool:
    taken = {s.exercise.id for s in templates.slots.values()}
    if exercise.id in taken:
        return False
    leads_to_heavy = _leads_to_a_lift(exercise, library)
    limit = profile.minutes * 60 * MAX_FILL
    if leads_to_heavy:
        _move_family_to_b(templates, exercise.family, limit)
    for index, keys in enumerate(templates.keys):
        if (
            not templates.allowed_in(index, exercise)
            or (index == 1 and leads_to_heavy)
            or _takes_the_session_down(templates, index, exercise, profile)
        ):
            continue
        for key in keys:
            old = templates.slots[key].exercise
            if (
                old.phase != exercise.phase
                or not _replaceable(templates, key, profile, library)
                or templates.in_b(key) != (index == 1)  # a shared slot stays as it is
                or exercise.family in templates.families(index, leaving_out=key)
            ):
                continue
            if _in_place_of(templates, index, key, exercise, profile, fewest_sets=1):
                return True
    return _append(templates, exercise, profile, leads_to_heavy)


def _in_place_of(
    templates: Templates,
    index: int,
    key: int,
    exercise: Exercise,
    profile: Profile,
    fewest_sets: int,
) -> bool:
    """Put `exercise` in slot `key`, with fewer sets (down to `fewest_sets`) if the time
    asks, as long as session `index` keeps its required work. Returns whether it went in."""
    limit = profile.minutes * 60 * MAX_FILL
    slot = starting_slot(exercise, profile)
    trial = {**templates.slots, key: slot}
    while not templates.fits(key, trial, limit) and slot.sets > fewest_sets:
        slot = replace(slot, sets=slot.sets - 1)
        trial = {**templates.slots, key: slot}
    if templates.fits(key, trial, limit) and covers_required(templates, index, trial, profile):
        templates.slots = trial
        return True
    return False


def _takes_the_session_down(
    templates: Templates, index: int, exercise: Exercise, profile: Profile
) -> bool:
    """Whether `exercise` would take someone who needs help to the floor down in a session
    that otherwise stays on its feet: a trip down for one exercise."""
    return profile.floor == "with_help" and _goes_down(exercise) and not down_keys(templates, index)


def _move_family_to_b(templates: Templates, family: str, limit: float) -> None:
    """A drill for a heavy lift goes in session A only: another member of its family there
    (a single-leg hinge) moves to B, if B has none, so the drill has its place. In a B with
    no time left it moves with fewer sets, or gives way altogether; a family with a heavy
    member stays out of B, so there it gives way."""
    if len(templates.keys) < 2 or family in templates.families(1):
        return
    for key in templates.keys[0]:
        slot = templates.slots[key]
        if (
            slot.exercise.family == family
            and slot.exercise.load != "heavy"
            and not templates.in_b(key)
        ):
            templates.keys[0].remove(key)
            if templates.allowed_in(1, slot.exercise):
                templates.keys[1].append(key)
                while templates.seconds(1) > limit and templates.slots[key].sets > 1:
                    templates.slots[key] = replace(templates.slots[key], sets=slot.sets - 1)
                    slot = templates.slots[key]
            if key not in templates.keys[1] or templates.seconds(1) > limit:
                if key in templates.keys[1]:
                    templates.keys[1].remove(key)
                del templates.slots[key]
            return


def trains_balance(exercise: Exercise) -> bool:
    """Balance is trained on one's feet: a sit to stand is everyday strength, and counts for
    the area, but a person who needs balance work also stands on one leg in every session."""
    return "balance" in exercise.areas and exercise.position == "standing"


def balance_hold(exercise: Exercise) -> bool:
    """A standing hold made for balance (feet together, heel to toe, one leg): its base
    narrows as the weeks go by, where a march only adds repetitions (Sherrington 2019: the
    balance challenge must grow)."""
    return exercise.areas[0] == "balance" and exercise.position == "standing"


def _ensure_balance(
    templates: Templates, index: int, profile: Profile, library: Library, pool: list[Exercise]
) -> None:
    """Balance work in every session, for those who need it: a balance hold if there is
    time, else in place of an extra that nothing else depends on; when no hold fits (a short
    session whose every item is required) another standing balance exercise. It comes after
    the equipment, so that a drill for a lift keeps its place. A and B share one balance
    hold (one dose that grows every week), never a harder member of its chain beside it."""
    if any(balance_hold(templates.slots[k].exercise) for k in templates.keys[index]):
        return
    limit = profile.minutes * 60 * MAX_FILL
    chains = {s.exercise.family for s in templates.slots.values() if balance_hold(s.exercise)}
    holds = [ex for ex in pool if balance_hold(ex) and ex.family not in chains]
    if _add(templates, index, "balance", profile, holds, limit):
        return
    if _share_balance(templates, index, profile, limit, balance_hold):
        return
    if any(trains_balance(templates.slots[k].exercise) for k in templates.keys[index]):
        return
    standing = [ex for ex in pool if trains_balance(ex) and ex.family not in chains]
    if _add(templates, index, "balance", profile, standing, limit):
        return
    for strict in (True, False):  # balance comes before putting every item to use
        for exercise in _candidates(templates, index, "balance", standing, fresh_only=True):
            for key in templates.keys[index]:
                if (
                    templates.slots[key].exercise.phase != "main"
                    or templates.in_b(key) != (index == 1)
                    or (strict and not _replaceable(templates, key, profile, library))
                    or exercise.family in templates.families(index, leaving_out=key)
                ):
                    continue
                slot = starting_slot(exercise, profile)
                trial = {**templates.slots, key: replace(slot, sets=1)}
                if templates.fits(key, trial, limit) and covers_required(
                    templates, index, trial, profile
                ):
                    templates.slots = trial
                    return
    _share_balance(templates, index, profile, limit, trains_balance)


def _ensure_everyday_strength(
    templates: Templates, index: int, profile: Profile, library: Library, pool: list[Exercise]
) -> None:
    """Everyday strength (standing up from a chair) in every session for those who need
    balance work, beside the balance hold: Sherrington's falls-preventing programmes train
    balance and functional strength 3 days a week or more. A and B share one slot, one dose
    a week that grows; it goes beside the rest if there is time, else in place of the extra
    whose work the rest of the session does best."""
    if any(templates.slots[k].exercise.family in EVERYDAY_STRENGTH for k in templates.keys[index]):
        return
    shared = [
        k for k in templates.all_keys() if templates.slots[k].exercise.family in EVERYDAY_STRENGTH
    ]
    fresh = [ex for ex in pool if ex.family in EVERYDAY_STRENGTH]
    if shared:
        key = shared[0]
    elif fresh:
        key = max(templates.slots, default=-1) + 1
        templates.slots[key] = _fewer_sets_to_fit(starting_slot(fresh[0], profile), 0)
    else:
        return
    exercise = templates.slots[key].exercise
    if exercise.family in templates.families(index) or not templates.allowed_in(index, exercise):
        return
    if not _put_in(templates, index, key, profile, library) and not shared:
        del templates.slots[key]


def _put_in(templates: Templates, index: int, key: int, profile: Profile, library: Library) -> bool:
    """Put slot `key` in session `index`, beside the rest if there is time, else in place of
    the extra whose work the rest of the session does best. Returns whether it went in."""
    limit = profile.minutes * 60 * MAX_FILL
    templates.keys[index].append(key)
    if templates.seconds(index) <= limit:
        return True
    templates.keys[index].remove(key)
    for _, other in _extras_to_give_way(templates, [index], profile, library):
        position = templates.keys[index].index(other)
        templates.keys[index][position] = key
        if templates.seconds(index) <= limit and covers_required(
            templates, index, templates.slots, profile
        ):
            if not any(other in keys for keys in templates.keys):
                del templates.slots[other]
            return True
        templates.keys[index][position] = other
    return False


def _ensure_side_trunk(
    templates: Templates, profile: Profile, library: Library, pool: list[Exercise]
) -> None:
    """Side-trunk work in the week, when one suits the person: the side plank, McGill's side
    bridge, before the suitcase carry, which needs a weight and standing room; beside the
    rest if a session has the room, else in place of the extra whose work the rest of its
    session does best. It comes after the equipment and the balance work, which it never
    displaces."""
    if any(s.exercise.family in SIDE_TRUNK for s in templates.slots.values()):
        return
    limit = profile.minutes * 60 * MAX_FILL
    side_planks_first = sorted(
        (ex for ex in pool if ex.family in SIDE_TRUNK), key=lambda ex: ex.family != "side_plank"
    )
    for exercise in side_planks_first:
        sessions = [
            index
            for index in range(len(templates.keys))
            if templates.allowed_in(index, exercise)
            and not _takes_the_session_down(templates, index, exercise, profile)
        ]
        for index in sessions:
            if len(templates.keys[index]) < most_items(profile) and _add(
                templates, index, exercise.areas[0], profile, [exercise], limit
            ):
                return
        for index, key in _extras_to_give_way(templates, sessions, profile, library):
            if exercise.family in templates.families(index, leaving_out=key) or any(
                variant_of(exercise, templates.slots[k].exercise, templates.drills)
                for k in templates.all_keys()
            ):
                continue
            if _in_place_of(templates, index, key, exercise, profile, fewest_sets=2):
                return


def _extras_to_give_way(
    templates: Templates, sessions: list[int], profile: Profile, library: Library
) -> list[tuple[int, int]]:
    """(session, key) of the main exercises that may give way to required work, the one
    whose work the rest of its session does best first: none heavy, no drill or lift, no
    balance work for those who need it, not the only user of an owned item, not shared by
    both sessions, not the only one of its session working an area, not the last of its
    kind."""
    found = []
    for index in sessions:
        for key in templates.keys[index]:
            exercise = templates.slots[key].exercise
            if (
                exercise.phase != "main"
                or exercise.load == "heavy"
                or exercise.after is not None
                or _leads_to_a_lift(exercise, library)
                or (needs_balance(profile) and "balance" in exercise.areas)
                or sum(key in keys for keys in templates.keys) > 1
                or not _replaceable(templates, key, profile, library)
                or not _done_by_the_rest(templates, key, [index], profile)
                or _the_last_of_its_kind(templates, key, [index])
            ):
                continue
            found.append((index, key))
    return sorted(
        found, key=lambda pair: -_done_by_the_rest(templates, pair[1], [pair[0]], profile)
    )


def _share_balance(
    templates: Templates,
    index: int,
    profile: Profile,
    limit: float,
    kind: Callable[[Exercise], bool],
) -> bool:
    """The other session's balance exercise of this kind, the very same slot (one dose a
    week), beside the rest or in place of an extra of this one."""
    shared = [
        k
        for k in templates.all_keys()
        if k not in templates.keys[index] and kind(templates.slots[k].exercise)
    ]
    for balance_key in shared:
        balance = templates.slots[balance_key].exercise
        if balance.family in templates.families(index) or not templates.allowed_in(index, balance):
            continue
        templates.keys[index].append(balance_key)  # beside the rest, if there is time
        if templates.seconds(index) <= limit:
            return True
        templates.keys[index].pop()
        for position, key in enumerate(templates.keys[index]):
            slot = templates.slots[key]
            if slot.exercise.phase != "main" or balance.family in templates.families(
                index, leaving_out=key
            ):
                continue
            before = templates.keys[index][:]
            templates.keys[index][position] = balance_key
            if templates.seconds(index) <= limit and covers_required(
                templates, index, templates.slots, profile
            ):
                return True
            templates.keys[index] = before
    return False


def _append(templates: Templates, exercise: Exercise, profile: Profile, only_a: bool) -> bool:
    """No exercise can give way: add it to a session that has the time, with fewer sets if
    need be."""
    limit = profile.minutes * 60 * MAX_FILL
    for index in range(1 if only_a else len(templates.keys)):
        if (
            exercise.family in templates.families(index)
            or not templates.allowed_in(index, exercise)
            or _takes_the_session_down(templates, index, exercise, profile)
            or len(templates.keys[index]) >= most_items(profile)
        ):
            continue
        key = max(templates.slots, default=-1) + 1
        slot = starting_slot(exercise, profile)
        while True:
            trial = {**templates.slots, key: slot}
            templates.keys[index].append(key)
            if templates.fits(key, trial, limit):
                templates.slots = trial
                return True
            templates.keys[index].pop()
            if slot.sets == 1:
                break
            slot = replace(slot, sets=slot.sets - 1)
    return False


def _leads_to_a_lift(exercise: Exercise, library: Library) -> bool:
    """A drill whose lift is heavy: it belongs in session A, where the lift may follow."""
    return any(
        library.exercises[h].after == exercise.id and library.exercises[h].load == "heavy"
        for h in exercise.harder
    )


def _stands_for(exercise: Exercise, library: Library, profile: Profile) -> set[str]:
    """What an exercise puts to use, counting a drill for the lift it leads to, if the
    person may do that lift (a beginner's hinge drill does not stand for the deadlift's
    weights)."""
    lifts = [
        library.exercises[h]
        for h in exercise.harder
        if library.exercises[h].after and can_do(library.exercises[h], profile)
    ]
    return uses(exercise).union(*(uses(lift) for lift in lifts))


def _replaceable(templates: Templates, key: int, profile: Profile, library: Library) -> bool:
    """An exercise may give way unless it is the only one using an item the person owns."""
    mine = _stands_for(templates.slots[key].exercise, library, profile) & set(profile.equipment)
    others = {
        item
        for k, slot in templates.slots.items()
        if k != key
        for item in _stands_for(slot.exercise, library, profile)
    }
    return mine <= others


def step_making_room(
    templates: Templates, key: int, steps: list[Slot], profile: Profile, library: Library
) -> bool:
    """Take out one extra exercise from the sessions of `key`, so that `key` can take one of
    its steps: fewer exercises that keep getting harder beat many frozen by the time limit.
    Only an exercise that nothing depends on goes: not the required areas, not balance or
    everyday-strength work for those who need it, not the only user of an owned item, not a
    drill or a lift, not the only one of its session working an area; one at its ceiling
    first, then the one whose work the rest of its session does best; and only if the
    sessions still fill 80 % of the time asked for. Returns whether the step was taken."""
    inside = [i for i, keys in enumerate(templates.keys) if key in keys]
    budget = profile.minutes * 60
    candidates = [
        other
        for other in templates.all_keys()
        if other != key and any(other in templates.keys[i] for i in inside)
    ]

    def giving_way_first(k: int) -> tuple[bool, int, int]:
        return not templates.slots[k].ceiling, -_done_by_the_rest(templates, k, inside, profile), -k

    for other in sorted(candidates, key=giving_way_first):
        exercise = templates.slots[other].exercise
        everywhere = all(other not in keys or i in inside for i, keys in enumerate(templates.keys))
        if (
            exercise.phase != "main"
            or exercise.load == "heavy"
            or exercise.after is not None
            or _leads_to_a_lift(exercise, library)
            or (needs_balance(profile) and "balance" in exercise.areas)  # sit to stand too
            or (everywhere and not _replaceable(templates, other, profile, library))
            or _leaves_a_lone_trip_down(templates, other, inside, profile)
            or not _done_by_the_rest(templates, other, inside, profile)  # its area would go
            or _the_last_of_its_kind(templates, other, inside)
        ):
            continue
        before = [keys[:] for keys in templates.keys]
        for i in inside:
            if other in templates.keys[i]:
                templates.keys[i].remove(other)
        for step in steps:
            trial = {**templates.slots, key: step}
            if all(
                budget * MIN_FILL <= templates.seconds(i, trial) <= budget * MAX_FILL
                and sum(trial[k].exercise.phase == "main" for k in templates.keys[i])
                >= MIN_MAIN_ITEMS
                and covers_required(templates, i, trial, profile)
                for i in inside
            ):
                templates.slots = trial
                if everywhere:
                    templates.retired.add(exercise.id)
                    del templates.slots[other]
                return True
        templates.keys = before
    return False


def _leaves_a_lone_trip_down(
    templates: Templates, key: int, inside: list[int], profile: Profile
) -> bool:
    """Whether taking `key` out would leave someone who needs help to get down with a session
    that goes down to the floor for one exercise."""
    return profile.floor == "with_help" and any(
        key in down and len(down) == 2 for down in (down_keys(templates, i) for i in inside)
    )


def _the_last_of_its_kind(templates: Templates, key: int, inside: list[int]) -> bool:
    """Whether `key` is the plan's last trunk hold (front or side plank) or its last
    side-trunk work (physiotherapist review: a beginner ended the plan with no plank or
    side-trunk work at all)."""
    return bool(kinds_lost_without(templates, key, inside))


def kinds_lost_without(templates: Templates, key: int, inside: list[int]) -> list[frozenset[str]]:
    """The kinds of kept work (`KEPT_WORK`) the week would be left without if `key` went from
    the sessions in `inside`: what must take its place."""
    family = templates.slots[key].exercise.family
    others = {
        templates.slots[k].exercise.family
        for i, keys in enumerate(templates.keys)
        for k in keys
        if k != key or i not in inside
    }
    return [kind for kind in KEPT_WORK if family in kind and not kind & others]


def _done_by_the_rest(templates: Templates, key: int, inside: list[int], profile: Profile) -> int:
    """How well the rest of each session in `inside` that holds `key` does its work: for its
    least covered area, how many other exercises of that session work it. The extra whose
    work is best done by the others gives way first (physiotherapist review: a beginner lost
    the bridge, the only buttock exercise but the hinge drill, while keeping two trunk
    exercises beside the plank). Balance counts only for those who need balance work;
    mobility is the warm-up's job."""
    trained = set(FOCUS_AREAS["balanced"])  # the whole back's areas
    if needs_balance(profile):
        trained.add("balance")
    areas = [a for a in templates.slots[key].exercise.areas if a in trained]
    counts = [
        sum(area in templates.slots[k].exercise.areas for k in templates.keys[i] if k != key)
        for i in inside
        if key in templates.keys[i]
        for area in areas
    ]
    return min(counts, default=len(templates.all_keys()))


def covers_required(
    templates: Templates, index: int, slots: dict[int, Slot], profile: Profile
) -> bool:
    """Every session keeps work for the lower back and the upper back, and balance work for
    those who need it."""
    areas = {a for k in templates.keys[index] for a in slots[k].exercise.areas}
    before = {a for k in templates.keys[index] for a in templates.slots[k].exercise.areas}
    needed = {"lower_back", "upper_back"}
    if needs_balance(profile) and "balance" in before:  # added last, kept once there
        needed.add("balance")
    return needed <= areas


@dataclass(frozen=True, slots=True)
class WeekState:
    """What sessions A and B ask for in one week."""

    deload: bool
    sessions: tuple[tuple[Slot, ...], ...]
