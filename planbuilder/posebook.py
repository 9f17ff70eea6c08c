"""Reads content/poses.yaml: base poses and every exercise's drawn positions, self-checked.

Problems are collected, never raised one by one, and each names the file, the exercise and the
position: "content/poses.yaml: bird_dog, pose Hold: right upper arm crosses the head".
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from planbuilder.fields import Fields
from planbuilder.posecheck import exercise_faults, figure_faults
from planbuilder.poses import (
    ARROW_POINTS,
    BLOCK_PROPS,
    BODY_POINTS,
    LIMBS,
    NEEDS,
    OPTIONAL_POSE_PARTS,
    POSE_PARTS,
    PROP_KINDS,
    VIEWS,
    WEIGHT_KINDS,
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


@dataclass(frozen=True, slots=True)
class ExerciseFigures:
    figures: tuple[Figure, ...]
    needs: tuple[str, ...] = ()


@dataclass
class FigureBook:
    """Everything read from content/poses.yaml: each exercise's positions and needs."""

    exercises: dict[str, ExerciseFigures] = field(default_factory=dict)
    source: str = "content/poses.yaml"

    def figures(self, exercise_id: str) -> tuple[Figure, ...]:
        entry = self.exercises.get(exercise_id)
        return entry.figures if entry else ()

    def problems_with(self, exercise_id: str, equipment: Iterable[str]) -> list[str]:
        """The exercise-level self-check, prefixed for the reader."""
        entry = self.exercises.get(exercise_id)
        if entry is None:
            return [f"{self.source}: {exercise_id}: has no figures (every exercise needs poses)"]
        return [
            f"{self.source}: {exercise_id}: {fault}"
            for fault in exercise_faults(entry.figures, entry.needs, equipment)
        ]


def _numbers(
    fields: Fields, key: str, value: Any, counts: tuple[int, ...]
) -> tuple[float, ...] | None:
    ok = (
        isinstance(value, list)
        and len(value) in counts
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )
    if not ok:
        many = " or ".join(str(c) for c in counts)
        fields.problem(key, f"{value!r} should be a list of {many} numbers")
        return None
    return tuple(float(v) for v in value)


def _number(fields: Fields, key: str, value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        fields.problem(key, f"{value!r} should be a number")
        return None
    return float(value)


def _angle(fields: Fields, key: str, value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        fields.problem(key, f"{value!r} should be an angle in degrees")
        return None
    return float(value)


def _pose_parts(fields: Fields) -> dict[str, Any]:
    """The parts of a pose written in this mapping, checked; `hip: [x, floor]` is kept as the
    word, to be placed once the whole pose is known."""
    parts: dict[str, Any] = {}
    for part, value in fields.data.items():
        if part in ("trunk", "head", "bend"):
            parts[part] = _angle(fields, part, value)
        elif part == "view":
            parts[part] = fields.choice("view", VIEWS)
        elif part == "floor":
            parts[part] = fields.boolean("floor")
        elif part == "hip":
            floor = isinstance(value, list) and len(value) == 2 and value[1] == "floor"
            numbers = _numbers(fields, part, [value[0], 0] if floor else value, (2,))
            parts[part] = (numbers[0], "floor") if numbers and floor else numbers
        elif part in LIMBS:
            parts[part] = _numbers(fields, part, value, (2, 4))
    return {key: value for key, value in parts.items() if value is not None}


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


# Each prop's keys: (allowed, required). Blocks and the table stand on the floor at x..x+w.
PROP_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    **{block: (("x", "y", "w", "h"), ("x", "w", "h")) for block in BLOCK_PROPS},
    "chair": (("x", "y", "w", "h", "back"), ("x", "w", "h")),
    "table": (("x", "y", "w", "h", "legs"), ("x", "w", "h")),
    "bar": (("at",), ("at",)),
    "band": (("at",), ()),
    "weight": (("weight", "hand", "on_floor"), ("weight",)),
    "stick": ((), ()),
    "strap": (("hand",), ()),
    "wall": (("x", "h"), ("x",)),
}


def _prop(fields: Fields) -> Prop | None:
    """One prop; None (with the problem reported once) when its kind is unknown."""
    kind = fields.choice("kind", PROP_KINDS)
    if fields.raw("kind") not in PROP_KINDS:
        return None
    allowed, required = PROP_KEYS[kind]
    fields.check_keys(["kind", *allowed], ["kind", *required])
    values: dict[str, Any] = {"kind": kind}
    for key in ("x", "y", "w", "h"):
        if key in fields.data:
            values[key] = _number(fields, key, fields.data[key])
    if "at" in fields.data:
        values["at"] = _numbers(fields, "at", fields.data["at"], (2,))
    if "legs" in fields.data:
        values["legs"] = _numbers(fields, "legs", fields.data["legs"], (1, 2, 3))
    elif kind == "table":  # legs at both ends unless placed beside the body
        values["legs"] = (values.get("x", 0) + 2, values.get("x", 0) + values.get("w", 0) - 2)
    if "weight" in fields.data:
        values["weight"] = fields.choice("weight", WEIGHT_KINDS)
    if "hand" in fields.data:
        values["hand"] = fields.choice("hand", ("hand", "hand2", "hands"))
    if "on_floor" in fields.data:
        values["on_floor"] = fields.boolean("on_floor")
    if "back" in fields.data:
        values["back"] = fields.choice("back", ("left", "right", "none"))
    if kind == "bar" and values.get("at") is None:
        return None
    return Prop(**{key: value for key, value in values.items() if value is not None})


def _arrows(fields: Fields) -> tuple[tuple[Point, ...], ...]:
    """Arrows given by coordinates; arrows named by a body point are kept as the name and drawn
    once the neighbouring position is known (see _point_arrows)."""
    arrows: list[Any] = []
    for arrow in fields.raw("arrows") or []:
        if isinstance(arrow, str):
            if arrow in ARROW_POINTS:
                arrows.append(arrow)
            else:
                fields.problem(
                    "arrows", f"'{arrow}' is not a body point ({', '.join(ARROW_POINTS)})"
                )
            continue
        ends = (
            [_numbers(fields, "arrows", end, (2,)) for end in arrow]
            if isinstance(arrow, list)
            else []
        )
        if len(ends) in (2, 3) and all(ends):
            arrows.append(tuple((e[0], e[1]) for e in ends if e))
        else:
            fields.problem(
                "arrows", f"{arrow!r} should be [[x, y], [x, y]] or three points for a curve"
            )
    return tuple(arrows)


def _figure(fields: Fields, bases: dict[str, dict[str, Any]]) -> Figure | None:
    fields.check_keys(
        ["label", "pose", "set", "props", "arrows", "contact", "thumbnail"], ["label", "pose"]
    )
    base = bases.get(fields.choice("pose", list(bases) or ["?"]))
    if base is None:
        return None
    changes = fields.mapping("set")
    changes.check_keys(POSE_PARTS + OPTIONAL_POSE_PARTS)
    parts = {**base, **_pose_parts(changes)}
    if len(parts) < len(POSE_PARTS) or any(parts.get(p) is None for p in POSE_PARTS):
        return None
    props = []
    raw_props = fields.raw("props") or []
    if not isinstance(raw_props, list):
        fields.problem("props", "should be a list of props, each with a kind")
        raw_props = []
    for index, entry in enumerate(raw_props):
        prop = _prop(Fields(entry, f"{fields.where}props[{index}].", fields.problems))
        if prop:
            props.append(prop)
    on = tuple(fields.text_list("contact", [], allowed=BODY_POINTS))
    return Figure(
        fields.text("label", max_length=30),
        _placed(parts),
        tuple(props),
        _arrows(fields),
        on,
        thumbnail=fields.boolean("thumbnail", False),
    )


def read_figure_book(
    data: Any, problems: list[str], source: str = "content/poses.yaml"
) -> FigureBook:
    """Read and self-check content/poses.yaml; every problem goes to `problems`, named by
    file, exercise and pose ("content/poses.yaml: bird_dog, pose Hold: right forearm crosses
    the head")."""
    top = Fields(data, f"{source}: ", problems)
    top.check_keys(["poses", "exercises"], ["poses", "exercises"])
    bases: dict[str, dict[str, Any]] = {}
    named = top.mapping("poses")
    for name in named.data:
        entry = named.mapping(str(name))
        entry.check_keys(POSE_PARTS + OPTIONAL_POSE_PARTS, POSE_PARTS)
        bases[str(name)] = _pose_parts(entry)
    book = FigureBook(source=source)
    exercises = top.mapping("exercises")
    for exercise_id in exercises.data:
        entry = exercises.mapping(str(exercise_id))
        figures = _exercise_figures(entry, source, str(exercise_id), bases, problems)
        if figures:
            needs = tuple(entry.text_list("needs", [], allowed=NEEDS))
            book.exercises[str(exercise_id)] = ExerciseFigures(figures, needs)
    return book


def _exercise_figures(
    entry: Fields,
    source: str,
    exercise_id: str,
    bases: dict[str, dict[str, Any]],
    problems: list[str],
) -> tuple[Figure, ...]:
    """One exercise's positions: read, arrows placed, self-checked, framed together."""
    entry.check_keys(["figures", "needs"], ["figures"])
    raw = entry.raw("figures")
    if not isinstance(raw, list) or not raw:
        entry.problem("figures", "should be a list of drawn positions")
        return ()
    figures: list[Figure] = []
    wheres: list[str] = []
    for index, item in enumerate(raw):
        label = item.get("label", index + 1) if isinstance(item, dict) else index + 1
        where = f"{source}: {exercise_id}, pose {label}: "
        figure = _figure(Fields(item, where, problems), bases)
        if figure is not None:
            figures.append(figure)
            wheres.append(where)
    placed = []
    for index, (figure, where) in enumerate(zip(figures, wheres, strict=True)):
        figure = _point_arrows(figures, index, where, problems)
        problems.extend(f"{where}{fault}" for fault in figure_faults(figure))
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
