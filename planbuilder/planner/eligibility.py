"""Who can do what: the exercises and sports a person may be given, best-suited first
(rules 2, 3, 12 and 13 of docs/clinical-basis.md)."""

from __future__ import annotations

from planbuilder.content import Exercise, Library
from planbuilder.planner.rules import (
    FRACTURE_RISK,
    OLDER_FROM,
    POSITIONS_FOR_FLOOR,
    POSTPARTUM,
    PREGNANCY,
    ROTATION_WEEKS,
    WALKING_SPORT,
)
from planbuilder.profile import Profile
from planbuilder.vocab import DOWN_POSITIONS, LEVELS, PAIN_LEVELS


# --- adapted plans (what screening lets through once a clinician has cleared it) --------------
def needs_balance(profile: Profile) -> bool:
    """Older people, anyone who fell in the last year and anyone at risk of fracture train
    balance and everyday strength on at least 3 days a week."""
    older = profile.age is not None and profile.age >= OLDER_FROM
    return older or profile.fall_last_year or FRACTURE_RISK in profile.cleared


def gentle(profile: Profile) -> bool:
    """A gentle start: at most two sets (moderate pain, after a birth, a fracture risk, and
    beginners of 65 or more, whose tissues adapt more slowly)."""
    older_beginner = (
        profile.level == "beginner" and profile.age is not None and (profile.age >= OLDER_FROM)
    )
    cleared = set(profile.cleared)
    return (
        profile.pain == "moderate" or bool(cleared & {POSTPARTUM, FRACTURE_RISK}) or older_beginner
    )


def adapted_out(exercise: Exercise, profile: Profile) -> bool:
    """Left out for what a clinician cleared: repeated or end-range bending and twisting with a
    fracture risk (ROS 2022; Giangregorio 2014); lying on the back or face down and heavy lifts
    in pregnancy (ACOG 804); heavy lifts after a birth; a lift with a weight, at home, with a
    fracture risk (the cover says: only under a physiotherapist's supervision)."""
    cleared = set(profile.cleared)
    if FRACTURE_RISK in cleared and exercise.spine in ("flexion", "twist"):
        return True
    if FRACTURE_RISK in cleared and exercise.harder_by == "weight":
        return True  # lifts with a weight only under a physiotherapist's supervision (ROS)
    if PREGNANCY in cleared and (exercise.lying in ("back", "front") or exercise.load == "heavy"):
        return True
    return POSTPARTUM in cleared and exercise.load == "heavy"


def allowed_sports(profile: Profile, library: Library) -> tuple[str, ...]:
    """The chosen sports, without those the answers rule out: falls or heavy landings during
    a pregnancy, floor work for someone who cannot get down to the floor."""
    return tuple(s for s in profile.sports if not sport_ruled_out(s, profile, library))


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
    if profile.floor == "no" and sport.floor_work and sport.without_floor is None:
        return f"{sport.name} is left out: much of it is done on the floor."
    if PAIN_LEVELS.index(profile.pain) > PAIN_LEVELS.index(sport.max_pain):
        return (
            f"{sport.name} is left out for now: with your back as it is, its hanging, falls or "
            "hard landings are too much. It comes back when the pain is mild."
        )
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
    if needs_balance(profile) and "balance" in exercise.areas and not uses(exercise):
        score -= 0.25  # everyday strength and balance make falls less likely (Sherrington 2020)
    return score + _off_floor_penalty(exercise, profile)


def _off_floor_penalty(exercise: Exercise, profile: Profile) -> float:
    """The standing and chair versions that suit every level are there for people who cannot
    use the floor; someone who can is better served by the floor work pitched at their level.
    Someone who needs help to get down is given the floor only where nothing standing or
    seated trains the same (physiotherapist review: every trip down is a risk for them)."""
    if profile.floor == "with_help":
        return 0.75 if exercise.position in DOWN_POSITIONS else 0.0
    return 0.5 if is_fallback(exercise) and profile.floor != "no" else 0.0


def is_fallback(exercise: Exercise) -> bool:
    """A standing or chair exercise without equipment that suits every level: there for
    people who cannot use the floor, or who need balance and everyday strength."""
    return (
        exercise.phase == "main"
        and exercise.position in ("standing", "chair")
        and not uses(exercise)
        and len(exercise.levels) == len(LEVELS)
    )


def below_them(exercise: Exercise, profile: Profile, library: Library) -> bool:
    """An intermediate or advanced person who can use the floor and needs no balance work is
    not given the standing and chair fallbacks (a sit to stand, a wall slide), even in
    moderate pain (physiotherapist review): they are well below what trains them. A drill
    that leads to a lift is a skill, not a fallback."""
    leads_to_a_lift = any(other.after == exercise.id for other in library.exercises.values())
    return (
        profile.level != "beginner"
        and profile.floor == "yes"  # moderate pain too: the gentle floor work fits them
        and not needs_balance(profile)
        and is_fallback(exercise)
        and not leads_to_a_lift
    )


def eligible_exercises(profile: Profile, library: Library) -> list[Exercise]:
    """Every exercise the person may be given fresh, best-suited first. One reached only by
    progression (a plank with a leg lift) comes after its easier variant, never in its place:
    an advanced person starts at the plank and earns the harder form."""
    fitting = [
        ex
        for ex in library.exercises.values()
        if can_do(ex, profile) and not below_them(ex, profile, library) and not ex.progression_only
    ]
    return sorted(
        fitting, key=lambda ex: (_preference(ex, profile), _goes_down(ex, profile), ex.id)
    )


def _goes_down(exercise: Exercise, profile: Profile) -> bool:
    """At equal preference, someone who needs help to get down takes the standing or seated
    one (physiotherapist review: a face-down chest lift on a cushion, owned, tied with the
    standing back extension and won on its name, so session B meant one trip to the floor)."""
    return profile.floor == "with_help" and exercise.position in DOWN_POSITIONS
