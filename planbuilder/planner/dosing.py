"""One exercise's dose and how it moves: where it starts, its next steps (more, a harder
variant, a set, a stronger band, a slower tempo, more weight), its lighter-week version."""

from __future__ import annotations

from dataclasses import dataclass, replace

from planbuilder.content import Exercise, Library
from planbuilder.plan import (
    Prescription,
)
from planbuilder.planner.eligibility import can_do, gentle, needs_balance
from planbuilder.planner.rules import (
    ENTRY_CHECK,
    FIRST_WEIGHT,
    FIRST_WEIGHT_TIMED,
    LIGHTER_WEEK_WEIGHT,
    NEW_WEIGHT,
    NEW_WEIGHT_TIMED,
    OLDER_STRETCH_SECONDS,
    PREREQUISITE_WEEKS,
    SAME_WEIGHT,
    SAME_WEIGHT_TIMED,
    TEMPOS,
    TOP_WEEKS_FOR_A_THIRD_SET,
    WEIGHT_ADDED,
)
from planbuilder.profile import Profile
from planbuilder.vocab import DOWN_POSITIONS

# --- one exercise's state ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slot:
    """The state of one exercise of the session templates as the weeks go by."""

    exercise: Exercise
    dose: int
    sets: int
    weeks: int = 0  # weeks this exercise has been done so far
    top_weeks: int = 0  # weeks in a row at the content's ceiling dose
    band: int = 0  # index into the library's bands
    tempo: int = 0  # 0 = normal, k = TEMPOS[k - 1]
    weight_step: int = 0  # times weight was added
    weight_start: int = 0  # set in the week weight may go up: the dose the repetitions restart at
    stepped_at: int = 0  # `weeks` when it last stepped up
    ceiling: bool = False  # no further step was possible last time
    lighter: bool = False  # this week's lighter version: nothing is added, not even weight
    entry_check: str | None = None
    holds: int | None = None  # a repeated hold: holds a set, growing at the seconds' ceiling

    @property
    def seconds(self) -> int:
        """Work, rests and getting into position; a slower tempo adds a second a repetition
        for each step."""
        d = self.exercise.dose
        slower = self.tempo * self.dose * self.sets * (2 if d.per_side else 1)
        return d.seconds(self.dose, self.sets, self.holds) + (slower if d.kind == "reps" else 0)

    def prescription(self, library: Library) -> Prescription:
        d = self.exercise.dose
        return Prescription(
            exercise=self.exercise.id,
            sets=self.sets,
            dose=self.dose,
            unit=d.unit,
            per_side=d.per_side,
            seconds=self.seconds,
            reps=self.holds,
            rest=d.rest,
            band=library.bands[self.band] if "band" in self.exercise.equipment else None,
            tempo=TEMPOS[self.tempo - 1] if self.tempo else None,
            weight_note=self._weight_note(),
            weight_step=self.weight_step if self.exercise.harder_by == "weight" else None,
            ceiling=self.ceiling,
            entry_check=self.entry_check,
        )

    def _weight_note(self) -> str | None:
        """The double-progression rule in the exercise's own terms: repetitions for a lift,
        seconds for a carry."""
        if self.exercise.harder_by != "weight":
            return None
        if self.lighter:
            return LIGHTER_WEEK_WEIGHT
        timed = self.exercise.dose.kind != "reps"
        first, same, new = (
            (FIRST_WEIGHT_TIMED, SAME_WEIGHT_TIMED, NEW_WEIGHT_TIMED)
            if timed
            else (FIRST_WEIGHT, SAME_WEIGHT, NEW_WEIGHT)
        )
        if self.weight_step == 0:
            return (self.exercise.first_weight or first) if self.weeks == 0 else same
        added = self.exercise.weight_added or WEIGHT_ADDED
        return new.format(added=added) if self.dose == self.weight_start else same


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
    return Slot(exercise, dose, sets, holds=d.holds)


def max_sets(exercise: Exercise, profile: Profile, top_weeks: int = 0) -> int:
    """A gentle start (moderate pain…) keeps to two sets until the exercise has been at the
    top of its dose for two weeks; then a third (ACSM 2009: 1-3 sets). The rest may reach
    the content's max_sets."""
    if gentle(profile) and top_weeks < TOP_WEEKS_FOR_A_THIRD_SET:
        return min(exercise.dose.max_sets, 2)
    return exercise.dose.max_sets


def next_steps(
    slot: Slot, profile: Profile, library: Library, heavy_ok: bool, taken: set[str]
) -> list[Slot]:
    """The ways this exercise could progress, best first: more dose; at the ceiling one more
    hold a set (a repeated hold), then a harder variant, a stronger band (the load of a band
    exercise, back to its starting repetitions) or one more set; then a slower tempo or added
    weight. A caller takes the first that fits the person's time, so a
    full session still gets harder."""
    d = slot.exercise.dose
    below = slot.dose < d.ceiling
    steps: list[Slot] = []
    if below:
        steps.append(replace(slot, dose=min(slot.dose + d.step, d.ceiling), ceiling=False))
    more_holds = _one_more_hold(slot)
    if more_holds:
        steps.append(more_holds)
    variants = [
        library.exercises[h]
        for h in slot.exercise.harder
        if h not in taken
        and can_do(library.exercises[h], profile)
        and (heavy_ok or library.exercises[h].load != "heavy")
        and not takes_them_down(slot.exercise, library.exercises[h], profile)
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
    start = d.start[profile.level]
    by = _harder_by(slot, bool(variants))
    band = None
    if by == "band" and slot.band + 1 < len(library.bands):
        band = replace(slot, band=slot.band + 1, dose=start, ceiling=False)
    if band and not below:  # at the ceiling the band before a set: resistance is the load
        steps.append(band)
    if not below and slot.sets < max_sets(slot.exercise, profile, slot.top_weeks):
        steps.append(replace(slot, sets=slot.sets + 1, ceiling=False))
    if band and below:  # when one more repetition does not fit the time
        steps.append(band)
    elif by == "tempo" and slot.tempo < len(TEMPOS):
        steps.append(replace(slot, tempo=slot.tempo + 1, dose=start, ceiling=False))
    elif by == "weight":  # also when the time is full: heavier, not longer
        steps.append(
            replace(
                slot,
                weight_step=slot.weight_step + 1,
                weight_start=start,
                dose=start,
                ceiling=False,
            )
        )
    return steps


def takes_them_down(exercise: Exercise, harder: Exercise, profile: Profile) -> bool:
    """Someone who needs help to get down to the floor keeps a standing or seated exercise
    off the floor as it gets harder (physiotherapist review: a shoulder-blade squeeze became
    a lying raise); it goes on by sets and tempo instead."""
    return (
        profile.floor == "with_help"
        and exercise.position not in DOWN_POSITIONS
        and harder.position in DOWN_POSITIONS
    )


def _harder_by(slot: Slot, has_variant: bool) -> str:
    """How the exercise progresses once its dose and sets are used up. A repetition exercise
    with no harder variant this person may do (none in the library, or not at their pain or
    level) goes on by a slower tempo rather than standing still for months: more time under
    tension at the same load (ACSM 2009; physiotherapist review of 52-week plans). Not a
    standing balance exercise (a march, a reach on one leg): lowering it slowly means nothing
    there (physiotherapist review); the balance chain is what makes balance harder. Nor a
    squeeze held and let go (`lowers: false`: a shoulder-blade squeeze said "lower in 3 s",
    physiotherapist review). A sit to stand keeps its slow lowering."""
    by = slot.exercise.harder_by
    if (
        by in ("set", "variant")
        and not has_variant
        and slot.exercise.dose.kind == "reps"
        and slot.exercise.phase == "main"
        and slot.exercise.lowers
        and not _done_on_one_leg(slot.exercise)
    ):
        return "tempo"
    return by


def _done_on_one_leg(exercise: Exercise) -> bool:
    """A standing balance exercise (a march, a reach): no lowering phase to slow down."""
    return "balance" in exercise.areas and exercise.position == "standing"


def _one_more_hold(slot: Slot) -> Slot | None:
    """A repeated hold at its ceiling in seconds grows by one hold a set, up to the content's
    most (McGill: endurance is built with more short holds, not longer ones, which starve the
    muscles of oxygen and let the form go). It comes before a harder variant: the variant
    starts again at its own few short holds, so the easier one should be owned first; and
    before another set, which adds a long rest as well as the work."""
    most = slot.exercise.dose.max_holds
    if slot.holds is None or most is None or slot.dose < slot.exercise.dose.ceiling:
        return None
    if slot.holds >= most:
        return None
    return replace(slot, holds=slot.holds + 1, ceiling=False)


def lighter(slot: Slot) -> Slot:
    """The lighter-week version of a slot: one set fewer, or a smaller dose when only one."""
    if slot.sets > 1:
        return replace(slot, sets=slot.sets - 1, lighter=True)
    return replace(slot, dose=max(1, round(slot.dose * 0.6)), lighter=True)
