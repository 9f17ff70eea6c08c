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
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
)

from planbuilder.freetext import hidden_characters_problem
from planbuilder.validation import Problem
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

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


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


class ExerciseFile(Strict):
    id: Text(60)
    name: Text(60)
    summary: Text(300)
    areas: Annotated[Ids, Field(min_length=1)]
    levels: Annotated[tuple[Level, ...], Field(min_length=1)]
    equipment: Ids
    equipment_one_of: Ids = ()
    substitutes: dict[str, Text(200)] = {}
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
    feel: Text(200)
    after: Text(60) | None = None
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


class BookletFile(Strict):
    """Words of the printed booklet that belong to no single exercise, sport or rule; the
    booklet reads this model as it is (content.Booklet)."""

    how_to_use: Texts(1, 8)
    lighter_week: Text(300)
    tracker_intro: Text(400)
    # The week page's legend: how a dose is written, in words; the sessions line only where a
    # week has sessions A and B.
    week_legend: Texts(1, 8, max_length=120)
    week_sessions: Text(300)
    # The same, shorter, for a week so full that every line of its page counts.
    week_legend_short: Texts(1, 8, max_length=80)
    week_sessions_short: Text(150)
    # A week's walks, their rule, and its mobility days said in words; {minutes} and {days}
    # are filled in.
    week_walks: Text(200)
    week_walks_ticks: Text(200)
    week_walk_rule: Text(300)
    week_mobility: Text(200)
    week_mobility_done: Text(200)
    # After the pain rule on every week page: what to do when pain goes past it (the short
    # form for a week so full that every line counts).
    week_pain_more: Text(300)
    week_pain_more_short: Text(150)
    stretching: Texts(1, 8)
    sports_intro: Text(2000)
    education: EducationFile
    flare_up: FlareUpFile
    floor: FloorFile
