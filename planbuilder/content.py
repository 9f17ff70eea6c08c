"""The content library: exercises, sports, safety rules, equipment and body areas.

Everything here comes from YAML under content/ and is validated once, on the way in: a broken
file raises ContentError listing every problem (file, exercise id, field), and no plan is ever
built from a half-valid library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from planbuilder import paths
from planbuilder.content_schema import (
    AgeFile as AgeRules,
)
from planbuilder.content_schema import (
    AreasFile,
    DoseFile,
    EquipmentFile,
    ExerciseFile,
    KeyPath,
    NamedEntry,
    SafetyFile,
    SportsFile,
    exercise_problems,
    per_level,
    repeated_ids,
    safety_problems,
)
from planbuilder.content_schema import (
    BookletFile as Booklet,
)
from planbuilder.content_schema import (
    SportEntry as Sport,
)
from planbuilder.errors import ContentError
from planbuilder.posebook import FigureBook, read_figure_book
from planbuilder.poses import Figure
from planbuilder.validation import Model, validate, where
from planbuilder.yamlfile import Lines, read_yaml

# The planner builds every session around these areas; content must define them.
REQUIRED_AREAS = ("lower_back", "upper_back", "core", "glutes_hamstrings", "mobility")


@dataclass(frozen=True, slots=True)
class Dose:
    """How an exercise is dosed and progressed. Doses are seconds (hold, time) or reps."""

    kind: str
    per_side: bool
    start: dict[str, int]
    step: int
    ceiling: int
    sets: dict[str, int]
    max_sets: int
    rest: int
    seconds_per_rep: int
    setup: int
    holds: int | None = None  # a repeated hold: this many holds of `dose` seconds per set
    max_holds: int | None = None  # the most holds a set grows to (at the seconds' ceiling)

    @property
    def unit(self) -> str:
        return "reps" if self.kind == "reps" else "s"

    def seconds(self, dose: int, sets: int, holds: int | None = None) -> int:
        """Estimated seconds for `sets` sets at `dose`, with rests and getting into position;
        a repeated hold counts `holds` holds a set (the content's first number if not given)."""
        work = dose * self.seconds_per_rep if self.kind == "reps" else dose
        holds = holds or self.holds
        if holds:
            work = holds * (dose + 3)  # a short pause to reset between holds
        if self.per_side:
            work = 2 * work + 5
        return self.setup + sets * work + (sets - 1) * self.rest


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    summary: str
    areas: tuple[str, ...]
    levels: tuple[str, ...]
    equipment: tuple[str, ...]
    equipment_one_of: tuple[str, ...]
    substitutes: dict[str, str]
    household: str | None
    phase: str
    dose: Dose
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    stop_if: tuple[str, ...]
    note: str | None
    easier: tuple[str, ...]
    harder: tuple[str, ...]
    figures: tuple[Figure, ...]
    max_pain: str = "moderate"  # the most back pain at which the exercise is offered
    # --- dosing contract (issue 12) ---
    family: str = ""  # its variant chain: never twice in one session
    load: str = "light"
    position: str = "floor"
    harder_by: str = "set"
    lowers: bool = True  # has a way down a slower tempo can slow (a squeeze has none)
    feel: str = ""  # what the person should feel, and where
    after: str | None = None  # an exercise to do for at least two weeks first (drill → lift)
    progression_only: bool = False  # reached from its easier variant only, never chosen fresh
    first_weight: str | None = None  # the first-weight rule where the general one does not fit
    weight_added: str | None = None  # what a step of the weight rule adds, if not 5 %
    spine: str = "neutral"
    lying: str | None = None


@dataclass(frozen=True, slots=True)
class ScreeningItem:
    """One screening question: its tier decides what a yes does (see screening.py)."""

    id: str
    tier: str
    group: str
    question: str
    label: str  # the short form on the screening screen (fits 50 columns); question below it
    why: str
    ask: str | None  # see_first: what to ask the doctor or physiotherapist
    note: str | None  # caution: printed on the cover and the safety page
    sign: str | None  # how the safety page names it if it appears during the plan
    asked: bool  # False: derived from other answers (age, duration, sports), never asked


@dataclass(frozen=True, slots=True)
class PainRule:
    """The one pain rule; its texts already carry the two numbers."""

    above_usual: int  # points above the person's usual pain (0-10)
    highest: int  # never higher than this, out of 10
    green: str
    amber: str
    red: str
    short: str


@dataclass(frozen=True, slots=True)
class Safety:
    groups: dict[str, str]  # id -> heading, in order
    items: dict[str, ScreeningItem]
    messages: dict[str, str]
    age: AgeRules
    pain_rule: PainRule
    stop_rules: tuple[str, ...]
    emergency_stop: str
    adaptations: dict[str, str]  # what an adapted plan tells the person (planner.py)

    def tier(self, tier: str, asked_only: bool = False) -> list[ScreeningItem]:
        return [
            item
            for item in self.items.values()
            if item.tier == tier and (item.asked or not asked_only)
        ]

    @property
    def red_flags(self) -> dict[str, ScreeningItem]:
        """Every item a person can answer (the answers file's `red_flags` takes all tiers)."""
        return {key: item for key, item in self.items.items() if item.asked}


@dataclass(frozen=True, slots=True)
class Named:
    """An entry of a small vocabulary (equipment, areas): an id and how people call it."""

    id: str
    name: str


@dataclass(frozen=True, slots=True, repr=False)
class Library:
    exercises: dict[str, Exercise]
    sports: dict[str, Sport]
    safety: Safety
    equipment: dict[str, Named]
    areas: dict[str, Named]
    booklet: Booklet
    root: Path = field(compare=False)
    # Resistance bands from lightest to strongest (content/equipment.yaml): the plan names the
    # next one when a band exercise is at its ceiling.
    bands: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"<Library {self.root}: {len(self.exercises)} exercises, {len(self.sports)} sports>"


# --- loading -----------------------------------------------------------------------------


def _relative(path: Path, root: Path) -> str:
    try:
        return f"content/{path.relative_to(root).as_posix()}"
    except ValueError:
        return str(path)


def _checked(
    model: type[Model],
    data: Any,
    source: str,
    lines: Lines,
    problems: list[str],
    between: Callable[[Model], list[tuple[KeyPath, str]]] | None = None,
) -> Model | None:
    """The file's model, its problems (and those between its keys) added to `problems`."""
    found, found_problems = validate(model, data, source, lines)
    problems.extend(found_problems)
    if found is not None and between is not None:
        problems.extend(where(source, path, lines, data) + text for path, text in between(found))
    return found


def _named(entries: tuple[NamedEntry, ...]) -> dict[str, Named]:
    return {entry.id: Named(entry.id, entry.name) for entry in entries}


def _dose(dose: DoseFile, levels: tuple[str, ...]) -> Dose:
    sets = per_level(dose.sets, levels)
    return Dose(
        kind=dose.kind,
        per_side=dose.per_side,
        start=per_level(dose.start, levels),
        step=dose.step,
        ceiling=dose.ceiling,
        sets=sets,
        max_sets=dose.max_sets or max(sets.values(), default=1),
        rest=dose.rest,
        seconds_per_rep=dose.seconds_per_rep,
        setup=dose.setup,
        holds=dose.holds,
        max_holds=dose.max_holds,
    )


def _exercise(
    path: Path, data: Any, source: str, lines: Lines, problems: list[str], figures: FigureBook
) -> Exercise | None:
    found = _checked(
        ExerciseFile, data, source, lines, problems, lambda e: exercise_problems(e, path.stem)
    )
    if found is None:
        return None
    values = found.model_dump(exclude={"dose", "substitutes"})
    return Exercise(
        **values,
        substitutes=dict(found.substitutes),
        dose=_dose(found.dose, found.levels),
        figures=figures.figures(found.id),  # drawn from content/poses.yaml
    )


def _sports(data: Any, source: str, lines: Lines, problems: list[str]) -> dict[str, Sport] | None:
    found = _checked(
        SportsFile, data, source, lines, problems, lambda f: repeated_ids(f.sports, "sports")
    )
    if found is None:
        return None
    return {sport.id: sport for sport in found.sports}


def _safety(data: Any, source: str, lines: Lines, problems: list[str]) -> Safety | None:
    found = _checked(SafetyFile, data, source, lines, problems, safety_problems)
    if found is None:
        return None
    rule = found.pain_rule
    numbers = {"above_usual": rule.above_usual, "highest": rule.highest}
    return Safety(
        groups={group.id: group.heading for group in found.groups},
        items={
            item.id: ScreeningItem(**{**item.model_dump(), "label": item.label or ""})
            for item in found.screening
        },
        messages=found.messages.model_dump(),
        age=found.age,
        pain_rule=PainRule(
            **numbers,
            **{
                key: getattr(rule, key).format(**numbers)
                for key in ("green", "amber", "red", "short")
            },
        ),
        stop_rules=found.stop_rules,
        emergency_stop=found.emergency_stop,
        adaptations=found.adaptations.model_dump(),
    )


def _booklet(data: Any, source: str, lines: Lines, problems: list[str]) -> Booklet | None:
    return _checked(Booklet, data, source, lines, problems)


def _check_references(library: Library, sources: dict[str, str], problems: list[str]) -> None:
    """Ids that point elsewhere must point at something, and variants must agree both ways."""
    for area in REQUIRED_AREAS:
        if area not in library.areas:
            problems.append(f"content/areas.yaml: the area '{area}' is required but not defined")
    for exercise in library.exercises.values():
        where = f"{sources[exercise.id]}: {exercise.id}: "
        for area in exercise.areas:
            if area not in library.areas:
                problems.append(f"{where}areas: '{area}' is not one of {', '.join(library.areas)}")
        for key in ("equipment", "equipment_one_of"):
            for item in getattr(exercise, key):
                if item not in library.equipment:
                    problems.append(
                        f"{where}{key}: '{item}' is not one of {', '.join(library.equipment)}"
                    )
        for item in exercise.substitutes:
            if item not in exercise.equipment:
                problems.append(
                    f"{where}substitutes: '{item}' is not in this exercise's equipment list"
                )
        for key, back in (("easier", "harder"), ("harder", "easier")):
            for other_id in getattr(exercise, key):
                other = library.exercises.get(other_id)
                if other is None:
                    problems.append(f"{where}{key}: '{other_id}' is not an exercise in the library")
                elif other_id == exercise.id:
                    problems.append(f"{where}{key}: an exercise cannot be its own variant")
                elif exercise.id not in getattr(other, back):
                    problems.append(
                        f"{where}{key}: '{other_id}' does not list '{exercise.id}' under {back}"
                    )
    _check_no_harder_cycle(library, sources, problems)
    for exercise in library.exercises.values():
        problems.extend(
            f"{sources[exercise.id]}: {exercise.id}: {p}"
            for p in _dosing_problems(exercise, library)
        )


# What an exercise must have to progress by each means (its harder_by).
NEEDED_FOR = {
    "variant": "harder variant",
    "band": "band",
    "weight": "weight",
    "tempo": "lowering to slow (lowers: false)",
}


def _dosing_problems(exercise: Exercise, library: Library) -> list[str]:
    """The dosing contract between fields: heavy work waits for pain to settle, variants share
    a family, and an exercise progresses by means it actually has."""
    problems: list[str] = []
    if exercise.load == "heavy" and exercise.max_pain == "moderate":
        problems.append("max_pain: a heavy exercise is never for moderate pain; use mild or none")
    for other_id in (*exercise.easier, *exercise.harder):
        other = library.exercises.get(other_id)
        if other is not None and other.family != exercise.family:
            problems.append(
                f"family: '{exercise.family}' differs from its variant {other_id}'s "
                f"'{other.family}'; variants share a family"
            )
    needs = {
        "variant": bool(exercise.harder),
        "band": "band" in exercise.equipment,
        "weight": bool(exercise.equipment_one_of),
        "tempo": exercise.lowers,
    }
    if not needs.get(exercise.harder_by, True):
        problems.append(
            f"harder_by: '{exercise.harder_by}' but the exercise has no "
            f"{NEEDED_FOR[exercise.harder_by]}"
        )
    if exercise.after is not None:
        first = library.exercises.get(exercise.after)
        if first is None:
            problems.append(f"after: '{exercise.after}' is not an exercise in the library")
        elif first.family != exercise.family or exercise.after not in exercise.easier:
            problems.append(f"after: '{exercise.after}' should be an easier variant of it")
    return problems


def _check_no_harder_cycle(library: Library, sources: dict[str, str], problems: list[str]) -> None:
    for start in library.exercises.values():
        seen = {start.id}
        frontier = [h for h in start.harder if h in library.exercises]
        while frontier:
            current = frontier.pop()
            if current == start.id:
                problems.append(f"{sources[start.id]}: {start.id}: harder: variants form a loop")
                break
            if current in seen:
                continue
            seen.add(current)
            frontier.extend(h for h in library.exercises[current].harder if h in library.exercises)


def load_library(root: Path | None = None) -> Library:
    """Load and validate the whole library; raise ContentError listing every problem."""
    root = root or paths.content_dir()
    problems: list[str] = []

    def read(name: str) -> tuple[Any, str, Lines, list[str]]:
        """The file's data, its name, its lines, and where its problems go: nowhere if it
        could not be parsed, since every field of an unreadable file would otherwise be
        reported missing."""
        source, lines = _relative(root / name, root), {}
        try:
            return read_yaml(root / name, ContentError, source, lines), source, lines, problems
        except ContentError as exc:
            problems.append(exc.message)
            return {}, source, lines, []

    equipment = _checked(EquipmentFile, *read("equipment.yaml"))
    areas = _checked(AreasFile, *read("areas.yaml"))
    sports = _sports(*read("sports.yaml"))
    safety = _safety(*read("safety.yaml"))
    booklet = _booklet(*read("booklet.yaml"))
    poses_data, poses_source, poses_lines, poses_sink = read("poses.yaml")
    figures = read_figure_book(poses_data, poses_sink, poses_source, poses_lines)

    exercises: dict[str, Exercise] = {}
    sources: dict[str, str] = {}
    exercise_files = sorted((root / "exercises").glob("*.yaml"))
    if not exercise_files:
        problems.append("content/exercises/: no exercise files found")
    unreadable = False
    for path in exercise_files:
        exercise = _exercise(path, *read(f"exercises/{path.name}"), figures)
        if exercise is None:
            unreadable = True
            continue
        problems.extend(
            figures.problems_with(exercise.id, exercise.equipment + exercise.equipment_one_of)
        )
        exercises[exercise.id] = exercise
        sources[exercise.id] = _relative(path, root)
    problems.extend(
        f"{poses_source}: exercises: {name}: is not an exercise"
        for name in figures.exercises
        if name not in exercises and not unreadable
    )

    if unreadable or None in (equipment, areas, sports, safety, booklet):
        # what points between files is checked once every file reads: until then a
        # reference to a broken file would be reported as missing too
        raise ContentError(f"The content library has {len(problems)} problem(s):", problems)
    assert equipment and areas and sports is not None and safety and booklet
    library = Library(
        exercises,
        sports,
        safety,
        _named(equipment.equipment),
        _named(areas.areas),
        booklet,
        root,
        equipment.bands,
    )
    _check_references(library, sources, problems)
    families = {exercise.family for exercise in exercises.values()}
    for sport in sports.values():
        problems.extend(
            f"content/sports.yaml: sports[{sport.id}]: works: '{family}' is not an exercise "
            f"family (families: {', '.join(sorted(families))})"
            for family in sport.works
            if family not in families
        )
    for sport in safety.age.teen_sports:
        if sport not in sports:
            problems.append(f"content/safety.yaml: age: teen_sports: '{sport}' is not a sport")
    if problems:
        raise ContentError(f"The content library has {len(problems)} problem(s):", problems)
    return library


@cache
def default_library() -> Library:
    """The shipped library, loaded once per process, and kept validated between runs (see
    librarycache.py)."""
    from planbuilder.librarycache import cached

    return cached(paths.content_dir(), load_library)
