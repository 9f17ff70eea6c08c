"""Reads content/poses.yaml: base poses and every exercise's drawn positions, self-checked.

Problems are collected, never raised one by one, and each names the file, the exercise and the
position: "content/poses.yaml: bird_dog, pose Hold: right upper arm crosses the head".
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from planbuilder.content_schema import (
    BasePose,
    ExercisePoses,
    FigureEntry,
    PosesFile,
    PropEntry,
    pose_path,
    poses_problems,
)
from planbuilder.posecheck import exercise_faults, figure_faults
from planbuilder.poses import (
    Figure,
    Point,
    Pose,
    Prop,
    body_parts,
    describe_point,
    exercise_frame,
    joints,
    point_radius,
)
from planbuilder.validation import validate, where
from planbuilder.yamlfile import Lines


@dataclass(frozen=True, slots=True)
class ExerciseFigures:
    figures: tuple[Figure, ...]
    needs: tuple[str, ...] = ()


@dataclass
class FigureBook:
    """Everything read from content/poses.yaml: each exercise's positions and needs."""

    exercises: dict[str, ExerciseFigures] = field(default_factory=dict)
    source: str = "content/poses.yaml"
    # False when the file itself is wrong: its problems are reported, not every exercise as
    # having no figures.
    readable: bool = True

    def figures(self, exercise_id: str) -> tuple[Figure, ...]:
        entry = self.exercises.get(exercise_id)
        return entry.figures if entry else ()

    def problems_with(self, exercise_id: str, equipment: Iterable[str]) -> list[str]:
        """The exercise-level self-check, prefixed for the reader."""
        entry = self.exercises.get(exercise_id)
        if not self.readable:
            return []
        if entry is None:
            return [f"{self.source}: {exercise_id}: has no figures (every exercise needs poses)"]
        return [
            f"{self.source}: {exercise_id}: {fault}"
            for fault in exercise_faults(entry.figures, entry.needs, equipment)
        ]


def _placed(parts: dict[str, Any]) -> Pose:
    """A Pose from complete parts; a hip at `floor` height is lowered so the lowest part of
    the body rests on the floor."""
    hip = parts["hip"]
    pose = Pose(**{**parts, "hip": (hip[0], 50.0 if hip[1] == "floor" else hip[1])})
    if hip[1] != "floor":
        return pose
    # The toes are left out: they lie flat or point down depending on how high the foot is.
    resting = [(n, c, r) for n, c, r in body_parts(pose) if "toes" not in n or pose.view == "front"]
    low = min(y - r for _, (_, y), r in resting)
    return replace(pose, hip=(hip[0], round(50.0 - low, 2)))


def _prop(entry: PropEntry) -> Prop:
    """A prop as drawn; a table's legs stand at both ends unless placed beside the body."""
    values = entry.model_dump(exclude_none=True)
    if entry.kind == "table" and "legs" not in values:
        values["legs"] = (entry.x + 2, entry.x + entry.w - 2)
    return Prop(**values)


def _figure(entry: FigureEntry, base: BasePose) -> Figure:
    parts = {**base.model_dump(exclude_none=True), **entry.set.model_dump(exclude_none=True)}
    return Figure(
        entry.label,
        _placed(parts),
        tuple(_prop(prop) for prop in entry.props),
        entry.arrows,  # type: ignore[arg-type]  # body points are placed by _point_arrows
        entry.contact,
        thumbnail=entry.thumbnail,
    )


def read_figure_book(
    data: Any, problems: list[str], source: str = "content/poses.yaml", lines: Lines | None = None
) -> FigureBook:
    """Read and self-check content/poses.yaml; every problem goes to `problems`, named by
    file, exercise and pose ("content/poses.yaml: bird_dog, pose Hold: right forearm crosses
    the head"), with the line where the file says what is wrong."""
    found, schema_problems = validate(PosesFile, data, source, lines, name=pose_path)
    problems.extend(schema_problems)
    if found is None:
        return FigureBook(source=source, readable=False)
    wrong_bases = poses_problems(found)
    problems.extend(where(source, loc, lines, data, pose_path) + text for loc, text in wrong_bases)
    book = FigureBook(source=source, readable=not wrong_bases)
    if wrong_bases:
        return book
    for exercise_id, entry in found.exercises.items():
        figures = _exercise_figures(entry, source, exercise_id, found.poses, problems)
        book.exercises[exercise_id] = ExerciseFigures(figures, entry.needs)
    return book


def _exercise_figures(
    entry: ExercisePoses,
    source: str,
    exercise_id: str,
    bases: dict[str, BasePose],
    problems: list[str],
) -> tuple[Figure, ...]:
    """One exercise's positions: read, arrows placed, self-checked, framed together."""
    figures = [_figure(figure, bases[figure.pose]) for figure in entry.figures]
    placed = []
    for index, figure in enumerate(figures):
        where_ = f"{source}: {exercise_id}, pose {figure.label}: "
        figure = _point_arrows(figures, index, where_, problems)
        problems.extend(f"{where_}{fault}" for fault in figure_faults(figure))
        placed.append(figure)
    # Positions seen the same way share a frame, so they print at one scale, one above another.
    frames = {
        view: exercise_frame(figure for figure in placed if figure.pose.view == view)
        for view in {figure.pose.view for figure in placed}
    }
    return tuple(replace(figure, frame=frames[figure.pose.view]) for figure in placed)


ARROW_GAP = 3.5  # how far beside the edge of the moving part an arrow runs
ARROW_LONGEST = 14.0


def _point_arrows(figures: list[Figure], index: int, where: str, problems: list[str]) -> Figure:
    """Turn arrows named by a body point into coordinates: beside that point, showing how it
    moved into this position from the previous one (the first position: from the last)."""
    figure = figures[index]
    if not any(isinstance(arrow, str) for arrow in figure.arrows):
        return figure
    other = figures[index - 1] if len(figures) > 1 else None
    arrows = []
    for arrow in figure.arrows:
        if not isinstance(arrow, str):
            arrows.append(arrow)
            continue
        if other is None or other.pose.view != figure.pose.view:
            problems.append(
                f"{where}arrows: '{arrow}' needs a neighbouring position seen the same way"
            )
            continue
        here, there = joints(figure.pose), joints(other.pose)
        moved = (here[arrow][0] - there[arrow][0], here[arrow][1] - there[arrow][1])
        distance = math.hypot(*moved)
        if distance < 2:
            problems.append(f"{where}arrows: the {describe_point(arrow)} does not move")
            continue
        gap = ARROW_GAP + point_radius(arrow, figure.pose.view)
        if arrow in ("hip", "shoulder", "spine", "head"):
            arrows.append(_arrow_ahead(here[arrow], moved, gap))
        else:
            arrows.append(_arrow_beside(here[arrow], moved, here["spine"], gap))
    return replace(figure, arrows=tuple(arrows))


def _arrow_ahead(point: Point, moved: Point, gap: float) -> tuple[Point, Point]:
    """A straight arrow leaving the body's surface in the direction the trunk moved: the hips
    lifting, the back rounding, the hips pushed back."""
    length = math.hypot(*moved)
    ux, uy = moved[0] / length, moved[1] / length
    size = min(ARROW_LONGEST, max(8.0, length))
    start = (point[0] + ux * (gap - ARROW_GAP + 1), point[1] + uy * (gap - ARROW_GAP + 1))
    return start, (start[0] + ux * size, start[1] + uy * size)


def _arrow_beside(point: Point, moved: Point, centre: Point, gap: float) -> tuple[Point, Point]:
    """A straight arrow along `moved`, `gap` to the side of `point` away from `centre`, its tip
    level with the point."""
    length = math.hypot(*moved)
    ux, uy = moved[0] / length, moved[1] / length
    nx, ny = -uy, ux
    if (point[0] - centre[0]) * nx + (point[1] - centre[1]) * ny < 0:
        nx, ny = -nx, -ny
    size = min(ARROW_LONGEST, max(8.0, length))
    for sign in (1, -1):  # away from the body, unless that is under the floor
        side = (point[0] + sign * nx * gap, point[1] + sign * ny * gap)
        start = (side[0] - ux * size, side[1] - uy * size)
        if min(side[1], start[1]) > 1.5:
            break
    return start, side
