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

import datetime as dt
from dataclasses import dataclass, field, replace

from planbuilder.content import Exercise, Library
from planbuilder.plan import (
    Day,
    MobilitySession,
    Plan,
    Prescription,
    Session,
    SportSession,
    StrengthSession,
    WalkSession,
    Week,
)
from planbuilder.profile import Profile
from planbuilder.vocab import LEVELS, PAIN_LEVELS, WEEKDAYS

LABELS = ("A", "B")
# Fewer, well-done exercises beat many: a session's item count, warm-up and stretch included.
MAX_ITEMS = {"beginner": 6, "intermediate": 7, "advanced": 8}
# A session's planned time as a share of the minutes asked for: filled to START_FILL at the
# start, never below MIN_FILL (unless the library has nothing more to offer), never above
# MAX_FILL; progression beyond that is by harder variants, bands, tempo and weight.
START_FILL = 0.9
MIN_FILL = 0.8
MAX_FILL = 1.05
# Training weeks between two progression steps, by how the back feels now.
PROGRESS_EVERY = {"none": 1, "mild": 2, "moderate": 2}
# A lighter week comes after this many weeks that progressed, and no later than BLOCK_WEEKS.
STEPS_BEFORE_LIGHTER = 2
MIN_BLOCK_WEEKS = 3  # training weeks before a lighter week, at least
MAX_BLOCK_WEEKS = 5  # training weeks before a lighter week, at most (blocks of 4-6 weeks)
LIGHTER_WEEKS_FROM = 8  # plans shorter than this have no lighter week
BLOCKS_BEYOND = 12  # plans longer than this swap exercises at their ceiling between blocks
# Heavy work (content `load: heavy`): at most this many days a week, never two in a row.
HEAVY_DAYS_PER_WEEK = 3
# Strength days for beginners and for moderate pain (ACSM 2009: 2-3 non-consecutive days).
GENTLE_STRENGTH_DAYS = 3
# Slower tempos, one step at a time, for exercises that progress by tempo at their ceiling.
TEMPOS = ("lower in 3 s", "lower in 4 s, pause 1 s at the top")
PREREQUISITE_WEEKS = 2  # weeks of a drill before its lift (the hinge drill before the deadlift)
ENTRY_CHECK = (
    "I did the {drill} {sets} × {reps} with a straight back and green pain; "
    "if not, repeat the drill this week"
)
FIRST_WEIGHT = "Start with a weight you could lift 15 times with good form; never to failure"
ADD_WEIGHT = (
    "Weight step {step}: add at most 5 % when you managed 2 more than the target in every "
    "set, two sessions running, with green pain; never to failure"
)
# Extra items after the required ones, by focus, taken in turn while time allows.
FOCUS_AREAS = {
    "balanced": ("core", "glutes_hamstrings", "upper_back", "lower_back"),
    "lower_back": ("lower_back", "glutes_hamstrings", "core", "lower_back"),
    "upper_back": ("upper_back", "core", "upper_back", "lower_back"),
}
REQUIRED = ("lower_back", "upper_back", "cool_down")
EXTRA_ITEMS = 4  # more exercises allowed when the sets alone cannot fill the time asked for
# Free days in the order sports are put on them; Sunday last, so it usually stays a rest day.
SPORT_DAY_PREFERENCE = ("sat", "tue", "thu", "wed", "fri", "mon", "sun")
# Walks: the days they go on, in order of adding; the target (WalkBack, Pocovi 2024).
WALK_DAY_PREFERENCE = ("tue", "thu", "sat", "mon", "wed", "fri", "sun")
WALK_START_DAYS = 3
WALK_TARGET_DAYS = 5
WALK_TARGET_MINUTES = 30
# Positions each floor answer allows.
POSITIONS_FOR_FLOOR = {
    "yes": ("floor", "kneeling", "standing", "chair"),
    "with_help": ("floor", "kneeling", "standing", "chair"),
    "no": ("standing", "chair"),
}


# --- adapted plans (what screening lets through once a clinician has cleared it) --------------

OLDER_FROM = 65  # age from which balance work is part of every week (Sherrington 2020)
BALANCE_DAYS = 3  # days a week with balance work for older people and after a fall
OLDER_STRETCH_SECONDS = 30  # stretch holds of 30-60 s for older adults (ACSM)
FRACTURE_RISK = "fracture_risk"
PREGNANCY = "pregnancy"
POSTPARTUM = "postpartum"


def needs_balance(profile: Profile) -> bool:
    """Older people, anyone who fell in the last year and anyone at risk of fracture train
    balance and everyday strength on at least 3 days a week."""
    older = profile.age is not None and profile.age >= OLDER_FROM
    return older or profile.fall_last_year or FRACTURE_RISK in profile.cleared


def gentle(profile: Profile) -> bool:
    """A gentle start: at most two sets (moderate pain, or after a birth)."""
    return profile.pain == "moderate" or POSTPARTUM in profile.cleared


def adapted_out(exercise: Exercise, profile: Profile) -> bool:
    """Left out for what a clinician cleared: repeated or end-range bending and twisting with a
    fracture risk (ROS 2022; Giangregorio 2014); lying on the back or face down and heavy lifts
    in pregnancy (ACOG 804); heavy lifts after a birth."""
    cleared = set(profile.cleared)
    if FRACTURE_RISK in cleared and exercise.spine in ("flexion", "twist"):
        return True
    if PREGNANCY in cleared and (exercise.lying in ("back", "front") or exercise.load == "heavy"):
        return True
    return POSTPARTUM in cleared and exercise.load == "heavy"


def allowed_sports(profile: Profile, library: Library) -> tuple[str, ...]:
    """The chosen sports, without those the answers rule out: falls or heavy landings during
    a pregnancy, floor work for someone who cannot get down to the floor."""
    return tuple(s for s in profile.sports if not sport_ruled_out(s, profile, library))


# The sport that is the walking programme (rule 10) when the person walks.
WALKING_SPORT = "walking"
# Each scheduled sport comes back at least every this many weeks (rule 11): with more sports
# than fit that rhythm, the first ones chosen are scheduled and the rest named on the cover.
ROTATION_WEEKS = 3


def scheduled_sports(profile: Profile, library: Library) -> tuple[str, ...]:
    """The allowed sports that keep a rhythm: at most ROTATION_WEEKS weeks' sport sessions."""
    most = ROTATION_WEEKS * profile.sport_sessions_per_week
    return allowed_sports(profile, library)[:most]


def sports_left_out(profile: Profile, library: Library) -> tuple[str, ...]:
    return allowed_sports(profile, library)[len(scheduled_sports(profile, library)) :]


def sport_ruled_out(sport_id: str, profile: Profile, library: Library) -> str | None:
    """Why a chosen sport is left out, in words for the cover; None if it is not."""
    sport = library.sports[sport_id]
    if PREGNANCY in profile.cleared and sport.falls:
        return f"{sport.name} is left out while you are pregnant: it has falls or hard landings."
    if profile.floor == "no" and sport.floor_work:
        return f"{sport.name} is left out: much of it is done on the floor."
    if sport_id == WALKING_SPORT and profile.walking:
        return (
            f"{sport.name} is in your plan as the walks that build up week by week, so it is "
            "not scheduled again as a sport."
        )
    return None


# --- who can do what ------------------------------------------------------------------------


def can_do(exercise: Exercise, profile: Profile) -> bool:
    """The person's level is listed, the back hurts no more than the exercise allows, they
    can get to its position, and they have the equipment, or a substitute for it."""
    if profile.level not in exercise.levels:
        return False
    if PAIN_LEVELS.index(profile.pain) > PAIN_LEVELS.index(exercise.max_pain):
        return False
    if exercise.position not in POSITIONS_FOR_FLOOR[profile.floor]:
        return False
    if adapted_out(exercise, profile):
        return False
    return has_equipment(exercise, set(profile.equipment))


def has_equipment(exercise: Exercise, owned: set[str]) -> bool:
    """Everything the exercise needs is owned or has a listed household substitute, and at
    least one of its either-or items (dumbbells or kettlebell…) is owned."""
    if any(item not in owned and item not in exercise.substitutes for item in exercise.equipment):
        return False
    return not exercise.equipment_one_of or bool(owned & set(exercise.equipment_one_of))


def uses(exercise: Exercise) -> set[str]:
    """The equipment an exercise puts to use."""
    return set(exercise.equipment) | set(exercise.equipment_one_of)


def _preference(exercise: Exercise, profile: Profile) -> float:
    """Lower is better: exercises pitched at the person's level, using what they own."""
    level = LEVELS.index(profile.level)
    centre = sum(LEVELS.index(lv) for lv in exercise.levels) / len(exercise.levels)
    uses_owned = bool(set(profile.equipment) & uses(exercise))
    score = abs(level - centre) - (0.25 if uses_owned else 0.0)
    if FRACTURE_RISK in profile.cleared and exercise.spine == "extension":
        score -= 0.5  # back-extensor work protects the spine (Giangregorio 2014)
    return score + _off_floor_penalty(exercise, profile)


def _off_floor_penalty(exercise: Exercise, profile: Profile) -> float:
    """The standing and chair versions that suit every level are there for people who cannot
    use the floor; someone who can is better served by the floor work pitched at their level."""
    fallback = (
        exercise.position in ("standing", "chair")
        and not uses(exercise)
        and len(exercise.levels) == len(LEVELS)
    )
    return 0.5 if fallback and profile.floor != "no" else 0.0


def eligible_exercises(profile: Profile, library: Library) -> list[Exercise]:
    """Every exercise the person may be given, best-suited first."""
    fitting = [ex for ex in library.exercises.values() if can_do(ex, profile)]
    return sorted(fitting, key=lambda ex: (_preference(ex, profile), ex.id))


# --- one exercise's state ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slot:
    """The state of one exercise of the session templates as the weeks go by."""

    exercise: Exercise
    dose: int
    sets: int
    weeks: int = 0  # weeks this exercise has been done so far
    band: int = 0  # index into the library's bands
    tempo: int = 0  # 0 = normal, k = TEMPOS[k - 1]
    weight_step: int = 0  # times weight was added
    ceiling: bool = False  # no further step was possible last time
    entry_check: str | None = None

    @property
    def seconds(self) -> int:
        """Work, rests and getting into position; a slower tempo adds a second a repetition
        for each step."""
        d = self.exercise.dose
        slower = self.tempo * self.dose * self.sets * (2 if d.per_side else 1)
        return d.seconds(self.dose, self.sets) + (slower if d.kind == "reps" else 0)

    def prescription(self, library: Library) -> Prescription:
        d = self.exercise.dose
        return Prescription(
            exercise=self.exercise.id,
            sets=self.sets,
            dose=self.dose,
            unit=d.unit,
            per_side=d.per_side,
            seconds=self.seconds,
            reps=d.holds,
            rest=d.rest,
            band=library.bands[self.band] if "band" in self.exercise.equipment else None,
            tempo=TEMPOS[self.tempo - 1] if self.tempo else None,
            weight_note=self._weight_note(),
            ceiling=self.ceiling,
            entry_check=self.entry_check,
        )

    def _weight_note(self) -> str | None:
        if self.exercise.harder_by != "weight":
            return None
        return FIRST_WEIGHT if self.weight_step == 0 else ADD_WEIGHT.format(step=self.weight_step)


def starting_slot(exercise: Exercise, profile: Profile) -> Slot:
    """The first dose: the content's start for the level. Pain starts with fewer sets rather
    than too few repetitions to train anything; warm-ups and stretches keep their dose."""
    d = exercise.dose
    sets = d.sets[profile.level]
    dose = d.start[profile.level]
    if exercise.phase == "main" and gentle(profile):
        sets = min(sets, 2)
    if exercise.phase == "cool_down" and d.kind == "hold" and needs_balance(profile):
        dose = max(dose, OLDER_STRETCH_SECONDS)
    return Slot(exercise, dose, sets)


def max_sets(exercise: Exercise, profile: Profile) -> int:
    """Moderate pain keeps to two sets; the rest may reach the content's max_sets."""
    return min(exercise.dose.max_sets, 2) if gentle(profile) else exercise.dose.max_sets


def next_steps(
    slot: Slot, profile: Profile, library: Library, heavy_ok: bool, taken: set[str]
) -> list[Slot]:
    """The ways this exercise could progress, best first: more dose; at the ceiling a harder
    variant or one more set; then a stronger band, a slower tempo or added weight. A caller
    takes the first that fits the person's time, so a full session still gets harder."""
    d = slot.exercise.dose
    below = slot.dose < d.ceiling
    steps: list[Slot] = []
    if below:
        steps.append(replace(slot, dose=min(slot.dose + d.step, d.ceiling), ceiling=False))
    variants = [
        library.exercises[h]
        for h in slot.exercise.harder
        if h not in taken
        and can_do(library.exercises[h], profile)
        and (heavy_ok or library.exercises[h].load != "heavy")
    ]
    lifts = [ex for ex in variants if ex.after == slot.exercise.id]
    if lifts:  # a drill leads to its lift, nowhere else
        variants = lifts
    for harder in variants:
        if harder.after == slot.exercise.id:
            if below or slot.sets < d.max_sets or slot.weeks < PREREQUISITE_WEEKS:
                continue  # the drill first: at its ceiling, all sets, two weeks at least
            check = ENTRY_CHECK.format(
                drill=slot.exercise.name.lower(), sets=slot.sets, reps=slot.dose
            )
            steps.append(replace(starting_slot(harder, profile), entry_check=check))
        else:
            steps.append(starting_slot(harder, profile))
    if not below and slot.sets < max_sets(slot.exercise, profile):
        steps.append(replace(slot, sets=slot.sets + 1, ceiling=False))
    start = d.start[profile.level]
    by = slot.exercise.harder_by
    if by == "band" and slot.band + 1 < len(library.bands):
        steps.append(replace(slot, band=slot.band + 1, dose=start, ceiling=False))
    elif by == "tempo" and slot.tempo < len(TEMPOS):
        steps.append(replace(slot, tempo=slot.tempo + 1, dose=start, ceiling=False))
    elif by == "weight":  # also when the time is full: heavier, not longer
        steps.append(replace(slot, weight_step=slot.weight_step + 1, dose=start, ceiling=False))
    return steps


def lighter(slot: Slot) -> Slot:
    """The lighter-week version of a slot: one set fewer, or a smaller dose when only one."""
    if slot.sets > 1:
        return replace(slot, sets=slot.sets - 1)
    return replace(slot, dose=max(1, round(slot.dose * 0.6)))


# --- session templates ------------------------------------------------------------------------


@dataclass
class Templates:
    """The exercises of sessions A and B. `keys` index `slots`; a key in both templates is one
    exercise with one dose, whichever session it is done in."""

    slots: dict[int, Slot]
    keys: list[list[int]]
    retired: set[str] = field(default_factory=set)  # swapped out between blocks: not again

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
        return {self.slots[k].exercise.family for k in self.keys[index] if k != leaving_out}

    def all_keys(self) -> list[int]:
        return list(dict.fromkeys(key for keys in self.keys for key in keys))


def _fits_slot(exercise: Exercise, want: str) -> bool:
    if want in ("warm_up", "cool_down"):
        return exercise.phase == want
    return exercise.phase == "main" and want in exercise.areas


def _sorted_phases(templates: Templates, index: int) -> None:
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


def build_templates(profile: Profile, library: Library) -> Templates:
    """Sessions A and B: the required items, extras by focus, the person's equipment, then
    sets until the session fills the time asked for."""
    pool = [
        ex
        for ex in eligible_exercises(profile, library)
        if ex.after is None and not _warm_up_down_on_the_floor(ex, profile)
    ]
    templates = Templates({}, [])
    for index in range(len(LABELS)):
        templates.keys.append([])
        _fill_items(templates, index, profile, pool)
    _use_equipment(templates, profile, library, pool)
    if needs_balance(profile):
        for index in range(len(LABELS)):
            _ensure_balance(templates, index, profile, library, pool)
    for index in range(len(LABELS)):
        _fill_sets(templates, index, profile)
        for fill in (START_FILL, 1.0):
            if templates.seconds(index) < profile.minutes * 60 * MIN_FILL:
                _fill_items(templates, index, profile, pool, EXTRA_ITEMS, fill)
                _fill_sets(templates, index, profile, fill)
        _sorted_phases(templates, index)
    return templates


def _candidates(
    templates: Templates, index: int, want: str, pool: list[Exercise], fresh_only: bool
) -> list[Exercise]:
    families = templates.families(index)
    taken = {s.exercise.id for s in templates.slots.values()}
    found = [
        ex
        for ex in pool
        if _fits_slot(ex, want)
        and ex.family not in families
        and not (index == 1 and ex.load == "heavy")
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
    required: bool = False,
) -> bool:
    """Add the best exercise for `want` to session `index` if it fits under `limit` seconds.
    The other session's exercises are shared only for a required slot with no alternative,
    and then as the very same slot, so the dose is the same in both."""
    fresh = _candidates(templates, index, want, pool, fresh_only=True)
    if fresh:
        exercise = fresh[0]
        key = max(templates.slots, default=-1) + 1
        slot = starting_slot(exercise, profile)
    elif required:
        shared = [
            k
            for k in templates.all_keys()
            if k not in templates.keys[index]
            and _fits_slot(templates.slots[k].exercise, want)
            and templates.slots[k].exercise.family not in templates.families(index)
            and templates.slots[k].exercise.load != "heavy"
        ]
        if not shared:
            return False
        key, slot = shared[0], templates.slots[shared[0]]
    else:
        return False
    room = limit - templates.seconds(index)
    fewest = min(2, slot.sets) if slot.exercise.phase == "main" else 1
    while slot.seconds > room and slot.sets > fewest and key not in templates.slots:
        slot = replace(slot, sets=slot.sets - 1)  # a new exercise may start with fewer sets,
        # though not with one: a single set of an extra is not worth the time it takes
    if slot.seconds > room:
        return False
    templates.slots[key] = slot
    templates.keys[index].append(key)
    return True


def _fill_items(
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
            _add(templates, index, want, profile, pool, float("inf"), required=True)
        _shrink_to_fit(templates, index, budget * MAX_FILL)
    cycle: tuple[str, ...] = FOCUS_AREAS[profile.focus]
    if extra:  # filling the time: any area will do
        cycle = (*cycle, *(a for a in FOCUS_AREAS["balanced"] if a not in cycle))
    turn = misses = 0
    most = MAX_ITEMS[profile.level] - (1 if profile.pain == "moderate" else 0) + extra
    while len(templates.keys[index]) < most and misses < len(cycle):
        if _add(templates, index, cycle[turn % len(cycle)], profile, pool, budget * fill):
            misses = 0
        else:
            misses += 1
        turn += 1


def _fill_sets(
    templates: Templates, index: int, profile: Profile, fill: float = START_FILL
) -> None:
    """One more set for the main items in turn until the session fills the time asked for;
    the time a person sets aside is time to train, not to wait (ACSM: 2-3 sets)."""
    limit = profile.minutes * 60 * fill
    grew = True
    while grew:
        grew = False
        for key in templates.keys[index]:
            slot = templates.slots[key]
            if slot.exercise.phase != "main" or slot.sets >= max_sets(slot.exercise, profile):
                continue
            trial = {**templates.slots, key: replace(slot, sets=slot.sets + 1)}
            if templates.fits(key, trial, limit):
                templates.slots = trial
                grew = True


def _shrink_to_fit(templates: Templates, index: int, limit: float) -> None:
    """Fewer sets, then smaller doses, of the longest items until the must-haves fit."""
    while templates.seconds(index) > limit:
        key = max(templates.keys[index], key=lambda k: templates.slots[k].seconds)
        slot = templates.slots[key]
        if slot.sets > 1:
            templates.slots[key] = replace(slot, sets=slot.sets - 1)
        elif slot.dose > slot.exercise.dose.step:
            templates.slots[key] = replace(slot, dose=slot.dose - slot.exercise.dose.step)
        else:
            break  # nothing left to shrink; the content's shortest items do not fit


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
    owned = set(profile.equipment)
    taken = {s.exercise.id for s in templates.slots.values()}
    if exercise.id in taken:
        return False
    leads_to_heavy = _leads_to_a_lift(exercise, library)
    limit = profile.minutes * 60 * MAX_FILL
    for index, keys in enumerate(templates.keys):
        if index == 1 and (exercise.load == "heavy" or leads_to_heavy):
            continue
        for key in keys:
            old = templates.slots[key].exercise
            if (
                old.phase != exercise.phase
                or not _replaceable(templates, key, owned, library)
                or templates.in_b(key) != (index == 1)  # a shared slot stays as it is
                or exercise.family in templates.families(index, leaving_out=key)
            ):
                continue
            slot = starting_slot(exercise, profile)
            trial = {**templates.slots, key: slot}
            while not templates.fits(key, trial, limit) and slot.sets > 1:
                slot = replace(slot, sets=slot.sets - 1)
                trial = {**templates.slots, key: slot}
            if templates.fits(key, trial, limit) and _covers_required(
                templates, index, trial, profile
            ):
                templates.slots = trial
                return True
    return _append(templates, exercise, profile, leads_to_heavy)


def _ensure_balance(
    templates: Templates, index: int, profile: Profile, library: Library, pool: list[Exercise]
) -> None:
    """Balance work in every session, for those who need it: added if there is time, else in
    place of an extra that nothing else depends on. It comes after the equipment, so that a
    drill for a lift keeps its place."""
    areas = {a for k in templates.keys[index] for a in templates.slots[k].exercise.areas}
    if "balance" in areas:
        return
    limit = profile.minutes * 60 * MAX_FILL
    if _add(templates, index, "balance", profile, pool, limit, required=True):
        return
    owned = set(profile.equipment)
    for strict in (True, False):  # balance comes before putting every item to use
        for exercise in _candidates(templates, index, "balance", pool, fresh_only=True):
            for key in templates.keys[index]:
                if (
                    templates.slots[key].exercise.phase != "main"
                    or templates.in_b(key) != (index == 1)
                    or (strict and not _replaceable(templates, key, owned, library))
                    or exercise.family in templates.families(index, leaving_out=key)
                ):
                    continue
                slot = starting_slot(exercise, profile)
                trial = {**templates.slots, key: replace(slot, sets=1)}
                if templates.fits(key, trial, limit) and _covers_required(
                    templates, index, trial, profile
                ):
                    templates.slots = trial
                    return


def _append(templates: Templates, exercise: Exercise, profile: Profile, only_a: bool) -> bool:
    """No exercise can give way: add it to a session that has the time, with fewer sets if
    need be."""
    limit = profile.minutes * 60 * MAX_FILL
    for index in range(1 if only_a or exercise.load == "heavy" else len(templates.keys)):
        if exercise.family in templates.families(index):
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


def _stands_for(exercise: Exercise, library: Library) -> set[str]:
    """What an exercise puts to use, counting a drill for the lift it leads to."""
    lifts = [library.exercises[h] for h in exercise.harder if library.exercises[h].after]
    return uses(exercise).union(*(uses(lift) for lift in lifts))


def _replaceable(templates: Templates, key: int, owned: set[str], library: Library) -> bool:
    """An exercise may give way unless it is the only one using an item the person owns."""
    mine = _stands_for(templates.slots[key].exercise, library) & owned
    others = {
        item
        for k, slot in templates.slots.items()
        if k != key
        for item in _stands_for(slot.exercise, library)
    }
    return mine <= others


# --- weeks --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekState:
    """What sessions A and B ask for in one week."""

    deload: bool
    sessions: tuple[tuple[Slot, ...], ...]


def _progress_all(templates: Templates, profile: Profile, library: Library) -> bool:
    """One progression step for every main exercise, each taking the first step that keeps
    its sessions within the time; an exercise with no such step is marked at its ceiling.
    Returns whether any exercise changed."""
    limit = profile.minutes * 60 * MAX_FILL
    changed = _progress_each(templates, profile, library, limit)
    _refill(templates, profile, library)
    return changed


def _refill(templates: Templates, profile: Profile, library: Library) -> None:
    """A harder variant or a new exercise starts shorter: fill the time again."""
    pool = [ex for ex in eligible_exercises(profile, library) if ex.after is None]
    pool = [ex for ex in pool if ex.id not in templates.retired]
    for index in range(len(templates.keys)):
        for fill in (START_FILL, 1.0):
            if templates.seconds(index) < profile.minutes * 60 * MIN_FILL:
                _fill_sets(templates, index, profile, fill)
                _fill_items(templates, index, profile, pool, EXTRA_ITEMS, fill)
                _sorted_phases(templates, index)


def _progress_each(templates: Templates, profile: Profile, library: Library, limit: float) -> bool:
    changed = False
    for key in templates.all_keys():
        slot = templates.slots[key]
        if slot.exercise.phase != "main" or slot.weeks == 0:
            continue  # an exercise not done yet starts where it starts
        heavy_ok = not templates.in_b(key)
        taken = {s.exercise.id for s in templates.slots.values()} | templates.retired
        for step in next_steps(slot, profile, library, heavy_ok, taken):
            trial = {**templates.slots, key: step}
            if templates.fits(key, trial, limit):
                templates.slots = trial
                changed = True
                break
        else:
            templates.slots[key] = replace(slot, ceiling=True)
    return changed


def _new_block(templates: Templates, profile: Profile, library: Library) -> None:
    """Between blocks of a long plan, an exercise at its ceiling makes way for a fresh one
    for the same area, so the body meets something new instead of the same thing for months."""
    pool = [ex for ex in eligible_exercises(profile, library) if ex.after is None]
    limit = profile.minutes * 60 * MAX_FILL
    for key in templates.all_keys():
        slot = templates.slots[key]
        taken = {s.exercise.id for s in templates.slots.values()}
        heavy_ok = not templates.in_b(key)
        at_top = not next_steps(slot, profile, library, heavy_ok, taken)
        held_back = slot.ceiling and slot.exercise.harder_by != "weight"
        if slot.exercise.phase != "main" or not (at_top or held_back):
            continue  # what can still progress stays; a lift always stays
        inside = [i for i, keys in enumerate(templates.keys) if key in keys]
        for exercise in pool:
            if (
                exercise.id in taken
                or exercise.id in templates.retired
                or exercise.phase != "main"
                or slot.exercise.areas[0] not in exercise.areas
                or (exercise.load == "heavy" and templates.in_b(key))
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
                and all(_covers_required(templates, i, trial, profile) for i in inside)
            ):
                templates.retired.add(slot.exercise.id)
                templates.slots = trial
                break
    _refill(templates, profile, library)


def _covers_required(
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


def _snapshot(templates: Templates, deload: bool) -> WeekState:
    sessions = []
    for index in range(len(templates.keys)):
        _sorted_phases(templates, index)  # a harder variant may kneel or lie where one stood
        slots = templates.session(index)
        if deload:
            slots = [lighter(s) if s.exercise.phase == "main" else s for s in slots]
        sessions.append(tuple(slots))
    return WeekState(deload, tuple(sessions))


def _after_a_week(templates: Templates, performed: set[int] | None = None) -> None:
    """Count a week done for the exercises of the sessions done that week; an entry check
    stays until the first week its session is done."""
    done = (
        templates.all_keys()
        if performed is None
        else [key for index in performed for key in templates.keys[index]]
    )
    for key in set(done):
        slot = templates.slots[key]
        templates.slots[key] = replace(slot, weeks=slot.weeks + 1, entry_check=None)


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
            states.append(_snapshot(templates, deload=True))
            cadence = _Cadence(cadence.training, 0, 0, cadence.lighter_weeks + 1)
            if profile.weeks > BLOCKS_BEYOND:
                _new_block(templates, profile, library)
            continue
        cadence.training += 1
        cadence.since_lighter += 1
        if cadence.step_due(profile) and _progress_all(templates, profile, library):
            cadence.steps_since_lighter += 1
        states.append(_snapshot(templates, deload=False))
        _after_a_week(templates, performed_templates(profile, number))
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


# --- days ---------------------------------------------------------------------------------------


def _adjacent(a: str, b: str) -> bool:
    """Next to each other in the week, Sunday and Monday included."""
    return abs(WEEKDAYS.index(a) - WEEKDAYS.index(b)) in (1, 6)


def strength_days(profile: Profile) -> tuple[str, ...]:
    """The days of strength work. Beginners and anyone with moderate pain train on at most 3
    non-consecutive days (ACSM 2009); the other days they asked for become mobility days."""
    if profile.level != "beginner" and profile.pain != "moderate":
        return profile.days
    chosen: list[str] = []
    for day in profile.days:
        if len(chosen) < GENTLE_STRENGTH_DAYS and not any(_adjacent(day, c) for c in chosen):
            chosen.append(day)
    return tuple(chosen)


def balance_days(profile: Profile) -> tuple[str, ...]:
    """Extra short sessions so that balance work comes on 3 days a week when fewer days were
    asked for; never on the day kept free of everything."""
    if not needs_balance(profile) or len(profile.days) >= BALANCE_DAYS:
        return ()
    free = [day for day in SPORT_DAY_PREFERENCE if day not in profile.days]
    return tuple(free[: BALANCE_DAYS - len(profile.days)])


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


def walk_weeks(profile: Profile, deloads: list[bool]) -> list[tuple[int, int]]:
    """(days, minutes) of walking for each week: start at the minutes the person can walk
    now, add days before minutes, then 10 % a week (1 to 5 minutes), up to 30 minutes on 5
    days; lighter weeks hold steady (WalkBack, Pocovi 2024)."""
    if not profile.walking:
        return [(0, 0)] * len(deloads)
    minutes = min(profile.walk_minutes, WALK_TARGET_MINUTES)
    days = WALK_TARGET_DAYS if minutes >= WALK_TARGET_MINUTES else WALK_START_DAYS
    result: list[tuple[int, int]] = []
    for number, deload in enumerate(deloads, start=1):
        if number > 1 and not deload:
            if days < WALK_TARGET_DAYS:
                days += 1
            elif minutes < WALK_TARGET_MINUTES:
                more = min(max(1, round(minutes * 0.10)), 5)
                minutes = min(minutes + more, WALK_TARGET_MINUTES)
        result.append((days, minutes))
    return result


def sport_minutes(profile: Profile, usual: int, weeks: int) -> int:
    """A sport the person is not doing now, or any sport with back pain, starts at about two
    thirds of its usual length and grows by about 10 % for each week it was done."""
    if profile.sports_now and profile.pain == "none":
        return usual
    start = round(usual * 2 / 3)
    return min(usual, round(start * 1.1 ** (weeks - 1)))


@dataclass
class _DayPlanner:
    """Walks the calendar handing out sessions: A or B by the heavy-day rule, mobility on
    the extra days, walks, and sports."""

    profile: Profile
    library: Library
    states: list[WeekState]
    walks: list[tuple[int, int]]
    next_label: int = 0
    last_heavy: dt.date | None = None
    sport_count: int = 0
    weeks_of: dict[str, set[int]] = field(default_factory=dict)  # weeks each sport was done

    def week(self, number: int) -> Week:  # noqa: C901 - one calendar walk, read top to bottom
        state = self.states[number - 1]
        a_heavy = any(s.exercise.load == "heavy" for s in state.sessions[0])
        heavy_days = 0
        days: list[Day] = []
        for offset in range(7):
            date = self.profile.start + dt.timedelta(days=7 * (number - 1) + offset)
            weekday = WEEKDAYS[date.weekday()]
            sessions: list[Session] = []
            if weekday in strength_days(self.profile):
                label = self.next_label
                blocked = heavy_days >= HEAVY_DAYS_PER_WEEK or (
                    self.last_heavy == date - dt.timedelta(days=1)
                )
                if label == 0 and a_heavy and blocked and len(state.sessions) > 1:
                    label = 1
                if label == 0 and a_heavy:
                    heavy_days += 1
                    self.last_heavy = date
                items = tuple(s.prescription(self.library) for s in state.sessions[label])
                sessions.append(StrengthSession(LABELS[label], items))
                self.next_label = (label + 1) % len(state.sessions)
            elif weekday in self.profile.days or weekday in balance_days(self.profile):
                sessions.append(MobilitySession(self._mobility_items(state)))
            walk_days, walk_minutes = self.walks[number - 1]
            if weekday in WALK_DAY_PREFERENCE[:walk_days]:
                sessions.append(WalkSession(walk_minutes))
            sessions += self._sports(weekday, number)
            days.append(Day(date, tuple(sessions)))
        return Week(number, state.deload, tuple(days))

    def _mobility_items(self, state: WeekState) -> tuple[Prescription, ...]:
        """The warm-ups, light holds and stretches of the week, at the week's own doses."""
        seen: dict[str, Prescription] = {}
        for session in state.sessions:
            for slot in session:
                ex = slot.exercise
                easy = (
                    ex.phase != "main"
                    or (ex.load == "light" and ex.dose.kind == "hold")
                    or (
                        needs_balance(self.profile) and "balance" in ex.areas and ex.load == "light"
                    )
                )
                if easy:
                    seen.setdefault(slot.exercise.id, slot.prescription(self.library))
        order = ("warm_up", "main", "cool_down")
        return tuple(
            sorted(
                seen.values(),
                key=lambda p: order.index(self.library.exercises[p.exercise].phase),
            )
        )

    def _sports(self, weekday: str, number: int) -> list[Session]:
        sessions: list[Session] = []
        for _ in range(_sport_days(self.profile).count(weekday)):
            sports = scheduled_sports(self.profile, self.library)
            if not sports:
                break
            sport_id = sports[self.sport_count % len(sports)]
            sport = self.library.sports[sport_id]
            weeks = self.weeks_of.setdefault(sport_id, set())
            weeks.add(number)
            minutes = sport_minutes(self.profile, sport.minutes, len(weeks))
            sessions.append(SportSession(sport.id, minutes))
            self.sport_count += 1
        return sessions


def build_plan(profile: Profile, library: Library) -> Plan:
    """The whole plan for a profile that screening (screening.py) has let through."""
    templates = build_templates(profile, library)
    carried_over(templates, profile, library)
    states = week_states(templates, profile, library)
    walks = walk_weeks(profile, [state.deload for state in states])
    days = _DayPlanner(profile, library, states, walks)
    weeks = [days.week(number) for number in range(1, profile.weeks + 1)]
    sport_days = _sport_days(profile)
    return Plan(
        profile=profile,
        plan_id=profile.plan_id(),
        weeks=tuple(weeks),
        exercises=_used_exercises(weeks, library),
        sports={s: library.sports[s] for s in scheduled_sports(profile, library) if sport_days},
        notes=_notes(weeks, library, profile),
    )


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
    if any(day.mobility() for week in weeks for day in week.days):
        notes.append(
            "Strength work goes on at most 3 days a week with a day in between while you are "
            "new to it or your back hurts: muscles grow stronger in the rest between. Your "
            "other days are short mobility sessions."
        )
    notes += _adaptation_notes(profile, library)
    return tuple(notes)


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
