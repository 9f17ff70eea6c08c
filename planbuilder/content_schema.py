"""The shape of each content file, checked by pydantic: one model per file kind.

content/ is written by people (physiotherapists, writers), so each file is checked where it
enters, every problem at once, in our words (validation.py). These models say what each key
may hold; content.py turns a valid file into the typed objects the planner and the booklet use
and checks what spans files (an exercise's variants exist, its equipment is defined...).
Checks between keys of one entry that pydantic cannot say by type alone are `*_problems`
functions here, returning (key path, sentence) pairs so their messages look the same.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
)

from planbuilder.freetext import hidden_characters_problem
from planbuilder.poses import ARROW_POINTS, BODY_POINTS, NEEDS, VIEWS, WEIGHT_KINDS
from planbuilder.validation import Problem, describe, key_path, not_one_of
from planbuilder.vocab import LEVELS, Level, Tier

# A screening label and its tick box fit a 50-column terminal.
LABEL_WIDTH = 42
SAFETY_MESSAGES = (
    "emergency",
    "emergency_why",
    "see_first",
    "see_first_then",
    "under_16",
    "severe_pain",
    "severe_pain_urgent",
    "cleared",
    "guardian",
    "balance_and_floor",
    "falls_check",
    "fracture_pain",
    "unknown_duration",
)
# What an adapted plan tells the person (planner.py adapts the plan, the cover prints these).
ADAPTATIONS = (
    "pregnancy",
    "postpartum",
    "fracture_risk",
    "balance",
    "floor_with_help",
    "floor_no",
    "hard_day",
)
PlannedPain = Literal["none", "mild", "moderate"]
KeyPath = tuple[str | int, ...]


def _visible(text: str) -> str:
    problem = hidden_characters_problem(text)
    if problem:
        raise Problem(problem)
    return text


def Text(max_length: int = 2000) -> Any:  # noqa: N802 (used as a type)
    """A non-empty piece of text without hidden characters, surrounding spaces dropped."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(_visible),
    ]


def Texts(low: int = 0, high: int = 100, max_length: int = 2000) -> Any:  # noqa: N802
    return Annotated[tuple[Text(max_length), ...], Field(min_length=low, max_length=high)]


def Number(low: int, high: int) -> Any:  # noqa: N802
    return Annotated[int, Field(ge=low, le=high, strict=True)]


Ids = tuple[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)], ...]


class Strict(BaseModel):
    """Unknown keys are problems (a typo would otherwise be ignored silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True, defer_build=True)


# --- exercises ------------------------------------------------------------------------------


class DoseFile(Strict):
    kind: Literal["hold", "reps", "time"]
    per_side: Annotated[bool, Field(strict=True)]
    start: Number(1, 600) | dict[Level, Number(1, 600)]
    step: Number(1, 120)
    ceiling: Number(1, 600)
    sets: Number(1, 6) | dict[Level, Number(1, 6)]
    max_sets: Number(1, 6) | None = None
    rest: Number(0, 300)
    seconds_per_rep: Number(1, 20) = 3
    setup: Number(0, 120) = 15
    holds: Number(2, 12) | None = None
    # Holds a set may grow to once the seconds are at their ceiling (McGill: more short holds,
    # not longer ones).
    max_holds: Number(2, 12) | None = None


class ExerciseFile(Strict):
    id: Text(60)
    name: Text(60)
    summary: Text(300)
    areas: Annotated[Ids, Field(min_length=1)]
    levels: Annotated[tuple[Level, ...], Field(min_length=1)]
    equipment: Ids
    equipment_one_of: Ids = ()
    substitutes: dict[str, Text(200)] = {}
    # what every home has and the steps use ("a sturdy chair without wheels"): a card's "You
    # need" says it rather than "None"
    household: Text(80) | None = None
    phase: Literal["warm_up", "main", "cool_down"] = "main"
    dose: DoseFile
    steps: Texts(2, 10)
    cues: Texts(2, 4)
    mistakes: Texts(1, 6)
    stop_if: Texts(1, 6)
    note: Text(300) | None = None
    easier: Ids
    harder: Ids
    max_pain: PlannedPain
    # --- dosing contract (issue 12) ---
    family: Text(40)
    # How hard it is on the back; heavy = loaded lifts, hanging, full pull-ups and prone lifts
    # of arms and legs together: never for moderate pain, never on two days in a row.
    load: Literal["light", "moderate", "heavy"]
    position: Literal["floor", "kneeling", "standing", "chair"]
    # How it keeps progressing once its dose is at the ceiling.
    harder_by: Literal["variant", "set", "tempo", "band", "weight"]
    # Whether it has a way down that a slower tempo ("lower in 3 s") can slow: a squeeze held
    # and let go has none, so it never progresses by tempo.
    lowers: Annotated[bool, Field(strict=True)] = True
    feel: Text(200)
    after: Text(60) | None = None
    # Given only as the next step from an easier variant (a plank with a leg lift after the
    # plank), never as a first exercise: the person earns it.
    progression_only: Annotated[bool, Field(strict=True)] = False
    # The first-weight rule in the exercise's own terms, where the general one ("a weight you
    # could lift 15 times") does not fit (a weighted pull-up of 3-8 repetitions).
    first_weight: Text(200) | None = None
    # How much a step of the weight rule adds, where "at most 5 %" does not fit.
    weight_added: Text(40) | None = None
    # How the spine moves (fracture risk rules out repeated bending and twisting), and how a
    # person lies (pregnancy after the first trimester rules out lying on the back or face down).
    spine: Literal["neutral", "flexion", "twist", "extension"] = "neutral"
    lying: Literal["back", "front", "side"] | None = None


def per_level(value: int | dict[str, int], levels: tuple[str, ...]) -> dict[str, int]:
    """A number per level, written either as one number for all or as {level: number}."""
    if isinstance(value, int):
        return {level: value for level in levels}
    return {level: value[level] for level in LEVELS if level in value and level in levels}


def _at(path: KeyPath, text: str) -> tuple[KeyPath, str]:
    return path, text


def exercise_problems(exercise: ExerciseFile, file_stem: str) -> list[tuple[KeyPath, str]]:
    """What one exercise file gets wrong between its keys."""
    problems: list[tuple[KeyPath, str]] = []
    dose = exercise.dose
    if exercise.id != file_stem:
        problems.append(
            (("id",), f"'{exercise.id}' does not match the file name '{file_stem}.yaml'")
        )
    for key in ("start", "sets"):
        given = getattr(dose, key)
        if isinstance(given, dict):
            for level in exercise.levels:
                if level not in given:
                    problems.append(
                        (
                            ("dose", key, level),
                            "is missing: every level the exercise suits needs a value",
                        )
                    )
            for level in given:
                if level not in exercise.levels:
                    problems.append(
                        (
                            ("dose", key, level),
                            "is given, but the exercise does not list this level",
                        )
                    )
    start = per_level(dose.start, exercise.levels)
    sets = per_level(dose.sets, exercise.levels)
    most_sets = dose.max_sets or max(sets.values(), default=1)
    for level, value in start.items():
        if value > dose.ceiling:
            problems.append(
                (("dose", "start"), f"{level}: {value} is above the ceiling {dose.ceiling}")
            )
    for level, value in sets.items():
        if value > most_sets:
            problems.append(
                _at(("dose", "sets"), f"{level}: {value} is above max_sets {most_sets}")
            )
    if dose.holds and dose.kind != "hold":
        problems.append(_at(("dose", "holds"), "only a hold can be repeated: use kind: hold"))
    if exercise.progression_only and not exercise.easier:
        problems.append(
            _at(("progression_only",), "needs an easier variant to be reached from (easier:)")
        )
    if dose.max_holds and not dose.holds:
        problems.append(
            _at(("dose", "max_holds"), "needs holds: the number of holds a set starts with")
        )
    elif dose.max_holds and dose.max_holds < dose.holds:
        problems.append(_at(("dose", "max_holds"), f"{dose.max_holds} is below holds {dose.holds}"))
    return problems


# --- sports, equipment, areas ---------------------------------------------------------------


class SportEntry(Strict):
    id: Text(40)
    name: Text(40)
    benefits: Text(400)
    caution: Text(300)
    minutes: Number(10, 120)
    falls: Annotated[bool, Field(strict=True)] = False  # falls or heavy landings are part of it
    floor_work: Annotated[bool, Field(strict=True)] = False  # much of it on a mat on the floor
    max_pain: PlannedPain = "moderate"  # the most back pain at which it is scheduled
    # How to do it for someone who cannot get down to the floor (chair or standing classes):
    # with this text the sport stays in their plan, and it replaces the caution.
    without_floor: Text(300) | None = None
    # heavy: loads the back as hard as a heavy strength session (pulling and hanging, repeated
    # loaded hinging, back-bending with landings); counts in the heavy-day spacing
    load: Literal["light", "moderate", "heavy"] = "moderate"
    # Exercise families the sport already works hard (climbing: pull-ups and rows): for
    # someone who does it, they stay in the heavy session A, off the days between.
    works: tuple[Text(40), ...] = ()
    # Days of rest its muscles need before a heavy session works them again (climbing loads
    # fingers, elbows and back to the limit: 2); the planner puts the one needing most
    # farthest from session A.
    recovery_days: Number(1, 3) = 1


class SportsFile(Strict):
    sports: tuple[SportEntry, ...]


class NamedEntry(Strict):
    id: Text(60)
    name: Text(80)


class EquipmentFile(Strict):
    equipment: Annotated[tuple[NamedEntry, ...], Field(min_length=1)]
    # Resistance bands from lightest to strongest; at least two, or a band never gets stronger.
    bands: Annotated[tuple[Text(60), ...], Field(min_length=2)]


class AreasFile(Strict):
    areas: Annotated[tuple[NamedEntry, ...], Field(min_length=1)]


def repeated_ids(entries: tuple[Any, ...], key: str) -> list[tuple[KeyPath, str]]:
    seen: set[str] = set()
    problems: list[tuple[KeyPath, str]] = []
    for index, entry in enumerate(entries):
        if entry.id in seen:
            problems.append(_at((key, index, "id"), f"'{entry.id}' is defined twice"))
        seen.add(entry.id)
    return problems


# --- safety ---------------------------------------------------------------------------------


class GroupEntry(Strict):
    id: Text(40)
    heading: Text(40)


class ScreeningEntry(Strict):
    """One screening question: its tier decides what a yes does (see screening.py)."""

    id: Text(60)
    tier: Tier
    group: Text(40)
    question: Text(220)
    label: Text(LABEL_WIDTH) | None = None  # the short form on the screening screen
    why: Text(300)
    ask: Text(300) | None = None  # see_first: what to ask the doctor or physiotherapist
    note: Text(400) | None = None  # caution: printed on the cover and the safety page
    sign: Text(200) | None = None  # how the safety page names it if it appears during the plan
    asked: Annotated[bool, Field(strict=True)] = True  # False: derived from other answers


class AgeFile(Strict):
    minimum: Number(10, 30)
    teen_until: Number(10, 30)
    guardian_under: Number(10, 30)
    first_episode_from: Number(30, 100)
    balance_from: Number(30, 100)
    teen_sports: Ids = ()


class PainRuleFile(Strict):
    above_usual: Number(0, 10)
    highest: Number(0, 10)
    green: Text(600)
    amber: Text(600)
    red: Text(600)
    short: Text(600)


Messages = create_model(
    "Messages", __base__=Strict, **{key: (Text(1200), ...) for key in SAFETY_MESSAGES}
)
Adaptations = create_model(
    "Adaptations", __base__=Strict, **{key: (Text(800), ...) for key in ADAPTATIONS}
)


class SafetyFile(Strict):
    groups: Annotated[tuple[GroupEntry, ...], Field(min_length=1)]
    screening: Annotated[tuple[ScreeningEntry, ...], Field(min_length=1)]
    messages: Messages  # type: ignore[valid-type]
    age: AgeFile
    pain_rule: PainRuleFile
    stop_rules: Texts(1)
    emergency_stop: Text(400)
    adaptations: Adaptations  # type: ignore[valid-type]


def safety_problems(safety: SafetyFile) -> list[tuple[KeyPath, str]]:
    problems = repeated_ids(safety.screening, "screening")
    groups = [group.id for group in safety.groups]
    for index, item in enumerate(safety.screening):
        where: KeyPath = ("screening", index)
        if item.group not in groups:
            problems.append(
                ((*where, "group"), f"'{item.group}' is not one of {', '.join(groups)}")
            )
        if item.asked and not item.label:
            problems.append(
                (
                    (*where, "label"),
                    f"is missing: an asked item needs a short label (at most {LABEL_WIDTH} "
                    "characters)",
                )
            )
        if item.tier == Tier.SEE_FIRST and not item.ask:
            problems.append(
                ((*where, "ask"), "is missing: a see_first item says what to ask the clinician")
            )
        if item.tier == Tier.CAUTION and not item.note:
            problems.append(
                ((*where, "note"), "is missing: a caution item carries the note to print")
            )
    rule = safety.pain_rule
    for key in ("green", "amber", "red", "short"):
        try:
            getattr(rule, key).format(above_usual=rule.above_usual, highest=rule.highest)
        except (KeyError, IndexError, ValueError):
            problems.append(
                (("pain_rule", key), "may use only {above_usual} and {highest} in braces")
            )
    return problems


# --- the booklet's own words ----------------------------------------------------------------


class EducationFile(Strict):
    """The page that teaches what back pain is and is not (education is first-line care)."""

    title: Text(60)
    points: Texts(1, 10)
    medicines_title: Text(60)
    medicines: Text(600)
    sources: Text(300)


class FlareUpFile(Strict):
    """The flare-up plan: what to do on a bad day, when to get help, lines to fill in."""

    title: Text(60)
    intro: Text(400)
    bad_day_title: Text(60)
    bad_day: Texts(1, 8)
    seek_help_title: Text(60)
    seek_help: Texts(1, 6)
    write_in_title: Text(80)
    write_in: Texts(1, 6)


class FloorFile(Strict):
    """Getting down to the floor and up, and what to do after a fall."""

    title: Text(60)
    intro: Text(400)
    down_title: Text(60)
    down: Texts(2, 6)
    up_title: Text(60)
    up: Texts(2, 6)
    fallen_title: Text(60)
    fallen: Texts(2, 6)
    sources: Text(300)


class CoverWords(Strict):
    """The cover's headings, the lead-in to a long plan's blocks, and the short cover of a
    part of a plan ({weeks}, {start} and {end} are filled in)."""

    title: Text(60)
    how_to_use_title: Text(60)
    blocks_title: Text(60)
    blocks_intro: Text(300)
    note_lead: Text(40)
    since_last_block: Text(40)
    part_intro: Text(400)
    keep_answers: Text(120)


class TrackerWords(Strict):
    title: Text(60)
    chart_title: Text(120)
    lighter: Text(12)
    walk: Text(12)
    mobility: Text(12)


class SignalWords(Strict):
    """One state of the traffic light: the word printed in capitals, and what it means."""

    word: Text(12)
    meaning: Text(40)


class SafetyPageWords(Strict):
    """The safety page's headings and its lead-in to the pain rule ({rule} is filled in)."""

    title: Text(60)
    pain_title: Text(60)
    pain_intro: Text(400)
    green: SignalWords
    amber: SignalWords
    red: SignalWords
    stop_title: Text(80)
    emergency_title: Text(80)
    see_first_title: Text(120)


class GuideWords(Strict):
    """The exercise guide's headings and the fixed words of every card; {areas},
    {equipment}, {seconds}, {name} and {week} are filled in."""

    title: Text(60)
    intro: Text(300)
    contents_lead: Text(120)
    facts: Text(120)
    # "You need" of an exercise on the floor or on the knees, and of one that needs nothing
    floor_under_you: Text(40)
    nothing: Text(20)
    per_side: Text(80)
    feel_lead: Text(40)
    how_to: Text(40)
    breathe: Text(120)
    keep_in_mind: Text(40)
    mistakes: Text(40)
    stop_if: Text(40)
    next_step_lead: Text(40)
    next_step: Text(80)
    # an exercise whose last week comes before the plan's end, with no harder version after it
    ends: Text(160)
    note_lead: Text(40)
    dose_title: Text(60)
    rest: Text(80)
    between_holds: Text(80)


class PlanNoteWords(Strict):
    """Notes the planner adds to the cover: why some days are mobility days, and which owned
    equipment waits for milder pain ({names} is filled in)."""

    mobility_days: Text(400)
    equipment_waiting: Text(300)


class BookletFile(Strict):
    """Words of the printed booklet that belong to no single exercise, sport or rule; the
    booklet reads this model as it is (content.Booklet)."""

    how_to_use: Texts(1, 8)
    lighter_week: Text(300)
    tracker_intro: Text(400)
    # The week page's legend: how a dose is written, in words; the sessions line only where a
    # week has sessions A and B.
    week_legend_title: Text(40)
    week_legend_title_paged: Text(40)
    week_legend: Texts(1, 8, max_length=120)
    week_sessions: Text(300)
    # The same, shorter, for a week so full that every line of its page counts.
    week_legend_short: Texts(1, 8, max_length=80)
    week_sessions_short: Text(150)
    week_tempo: Text(150)
    week_heavier: Text(40)
    # A week's walks, their rule, and its mobility days said in words; {minutes} and {days}
    # are filled in.
    week_walks: Text(200)
    week_walks_ticks: Text(200)
    week_walk_rule: Text(300)
    week_mobility: Text(200)
    # Under a session with floor exercises, for someone who needs help up; {names} filled in.
    week_floor_with_help: Text(250)
    week_mobility_done: Text(200)
    # After the pain rule on every week page: what to do when pain goes past it (the short
    # form for a week so full that every line counts).
    week_pain_more: Text(300)
    week_pain_more_short: Text(150)
    # Under the heading of a week's later pages (large print), where pain is also scored.
    week_pain_reminder: Text(150)
    stretching: Texts(1, 8)
    sports_intro: Text(2000)
    education: EducationFile
    flare_up: FlareUpFile
    floor: FloorFile
    cover: CoverWords
    safety_page: SafetyPageWords
    tracker: TrackerWords
    guide: GuideWords
    plan_notes: PlanNoteWords


# --- poses: the drawings of every exercise ----------------------------------------------------
# The geometry's vocabulary (views, limbs, props, body points) is declared in poses.py; these
# models say how content/poses.yaml writes it, and posebook.py turns a valid file into figures.


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numbers_of(*counts: int) -> Any:
    """A list of `counts` numbers, read as a tuple of floats."""
    many = " or ".join(str(count) for count in counts)

    def check(value: Any) -> tuple[float, ...]:
        if not (isinstance(value, list) and len(value) in counts and all(map(_is_number, value))):
            raise Problem(f"{describe(value)} should be a list of {many} numbers")
        return tuple(float(number) for number in value)

    return Annotated[tuple[float, ...], BeforeValidator(check)]


def _hip(value: Any) -> tuple[float, float | str]:
    """[x, y], or [x, floor] for a body lowered until its lowest part rests on the floor."""
    if isinstance(value, list) and len(value) == 2 and value[1] == "floor" and _is_number(value[0]):
        return float(value[0]), "floor"
    if isinstance(value, list) and len(value) == 2 and all(map(_is_number, value)):
        return float(value[0]), float(value[1])
    raise Problem(f"{describe(value)} should be [x, y] or [x, floor] (two numbers, or floor)")


def _arrow(value: Any) -> str | tuple[tuple[float, float], ...]:
    """A body point (its arrow is placed once the neighbouring position is known) or two or
    three points given as numbers (three: a curve)."""
    if isinstance(value, str):
        if value in ARROW_POINTS:
            return value
        raise Problem("the body point " + not_one_of(value, ARROW_POINTS))
    points = value if isinstance(value, list) else []
    ends = [p for p in points if isinstance(p, list) and len(p) == 2 and all(map(_is_number, p))]
    if len(points) in (2, 3) and len(ends) == len(points):
        return tuple((float(x), float(y)) for x, y in ends)
    raise Problem(f"{describe(value)} should be [[x, y], [x, y]] or three points for a curve")


Angle = Annotated[float, Field(strict=True)]
Coordinate = Annotated[float, Field(strict=True)]
Limb = _numbers_of(2, 4)
Hip = Annotated[tuple[float, float | str], BeforeValidator(_hip)]
Arrow = Annotated[str | tuple[tuple[float, float], ...], BeforeValidator(_arrow)]
Flag = Annotated[bool, Field(strict=True)]


class PoseChange(Strict):
    """The parts of a pose a position changes from its base pose (`set:`)."""

    hip: Hip | None = None
    trunk: Angle | None = None
    head: Angle | None = None
    arm: Limb | None = None
    arm2: Limb | None = None
    leg: Limb | None = None
    leg2: Limb | None = None
    bend: Angle | None = None
    view: Literal[VIEWS] | None = None  # type: ignore[valid-type]
    floor: Flag | None = None


class BasePose(PoseChange):
    """A named whole pose (`poses:`): every part of the body placed."""

    hip: Hip
    trunk: Angle
    head: Angle
    arm: Limb
    arm2: Limb
    leg: Limb
    leg2: Limb


class BlockProp(Strict):
    """A cushion, step or bench standing on the floor at x..x+w, its top at y+h."""

    kind: Literal["cushion", "step", "bench"]
    x: Coordinate
    y: Coordinate | None = None
    w: Coordinate
    h: Coordinate


class ChairProp(BlockProp):
    kind: Literal["chair"]  # type: ignore[assignment]
    back: Literal["left", "right", "none"] | None = None


class TableProp(BlockProp):
    kind: Literal["table"]  # type: ignore[assignment]
    legs: _numbers_of(1, 2, 3) | None = None  # type: ignore[valid-type]  # default: both ends


class BarProp(Strict):
    kind: Literal["bar"]
    at: _numbers_of(2)  # type: ignore[valid-type]


class BandProp(Strict):
    kind: Literal["band"]
    at: _numbers_of(2) | None = None  # type: ignore[valid-type]  # none: between the hands


class WeightProp(Strict):
    kind: Literal["weight"]
    weight: Literal[WEIGHT_KINDS]  # type: ignore[valid-type]
    # held in a hand, between the hands, or between the feet (a weighted pull-up)
    hand: Literal["hand", "hand2", "hands", "feet"] | None = None
    on_floor: Flag | None = None


class StickProp(Strict):
    kind: Literal["stick"]


class StrapProp(Strict):
    kind: Literal["strap"]
    hand: Literal["hand", "hand2", "hands"] | None = None


class WallProp(Strict):
    kind: Literal["wall"]
    x: Coordinate
    h: Coordinate | None = None


PropEntry = Annotated[
    BlockProp
    | ChairProp
    | TableProp
    | BarProp
    | BandProp
    | WeightProp
    | StickProp
    | StrapProp
    | WallProp,
    Field(discriminator="kind"),
]


class FigureEntry(Strict):
    """One drawn position: a base pose, what it changes, props, arrows, resting points."""

    label: Text(30)
    pose: Text(40)  # a name under `poses:` (poses_problems checks it)
    set: PoseChange = PoseChange()
    props: tuple[PropEntry, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    contact: tuple[Literal[BODY_POINTS], ...] = ()  # type: ignore[valid-type]
    thumbnail: Flag = False


class ExercisePoses(Strict):
    figures: Annotated[tuple[FigureEntry, ...], Field(min_length=1)]
    needs: tuple[Literal[NEEDS], ...] = ()  # type: ignore[valid-type]


class PosesFile(Strict):
    poses: dict[str, BasePose]
    exercises: dict[str, ExercisePoses]


def poses_problems(poses: PosesFile) -> list[tuple[KeyPath, str]]:
    """Positions built on a base pose the file does not define."""
    return [
        (("exercises", exercise_id, "figures", index, "pose"), not_one_of(figure.pose, poses.poses))
        for exercise_id, entry in poses.exercises.items()
        for index, figure in enumerate(entry.figures)
        if figure.pose not in poses.poses
    ]


def pose_path(loc: KeyPath, data: Any = None) -> str:
    """`bird_dog, pose Hold: set.arm`: a position named the way its self-check names it."""
    if len(loc) < 2 or loc[0] != "exercises":
        return key_path(loc, data)
    exercise_id, rest = str(loc[1]), loc[2:]
    entry = data.get("exercises", {}).get(exercise_id) if isinstance(data, dict) else None
    figures = entry.get("figures") if isinstance(entry, dict) else None
    if len(rest) < 2 or rest[0] != "figures" or not isinstance(rest[1], int):
        return exercise_id + (f": {key_path(rest, entry)}" if rest else "")
    index = rest[1]
    figure = figures[index] if isinstance(figures, list) and index < len(figures) else None
    label = figure.get("label", index + 1) if isinstance(figure, dict) else index + 1
    inside = key_path(rest[2:], figure)
    return f"{exercise_id}, pose {label}" + (f": {inside}" if inside else "")
