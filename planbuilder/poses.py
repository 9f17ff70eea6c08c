"""Stick figures as data: a pose is a few angles, turned into points by simple kinematics.

A figure is seen from the side, facing right, inside a frame FRAME_WIDTH × FRAME_HEIGHT units
with the floor at y = 0. The hip is placed; the trunk, head, arms and legs hang off it at the
angles given (degrees, 0 = to the right, 90 = straight up). Near-side limbs are `arm`/`leg`,
far-side ones `arm2`/`leg2` (drawn lighter). Pure: no drawing here, so poses can be checked
when content loads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

FRAME_WIDTH = 120.0
FRAME_HEIGHT = 110.0
TRUNK = 30.0
NECK = 3.0
HEAD_RADIUS = 5.0
UPPER_ARM = 12.0
FOREARM = 11.0
THIGH = 20.0
SHIN = 20.0
FOOT = 4.0  # drawn at right angles to the shin, towards the toes
FLOOR_TOLERANCE = 0.6  # a limb resting on the floor may touch it, not go through it

Point = tuple[float, float]
POSE_PARTS = ("hip", "trunk", "head", "arm", "arm2", "leg", "leg2")
OPTIONAL_POSE_PARTS = ("bend",)  # how far the back curves up (+) or sags (-) at its middle
PROP_KINDS = ("cushion", "band", "bar", "table", "weight", "stick", "strap")
WEIGHT_KINDS = ("dumbbell", "kettlebell", "barbell")


@dataclass(frozen=True, slots=True)
class Pose:
    hip: Point
    trunk: float
    head: float
    arm: tuple[float, float]
    arm2: tuple[float, float]
    leg: tuple[float, float]
    leg2: tuple[float, float]
    bend: float = 0.0


@dataclass(frozen=True, slots=True)
class Figure:
    """One drawn position of an exercise, with its props and movement arrows."""

    label: str
    pose: Pose
    props: dict[str, Any] = field(default_factory=dict)
    arrows: tuple[tuple[Point, Point], ...] = ()


def _step(start: Point, angle: float, length: float) -> Point:
    radians = math.radians(angle)
    return start[0] + length * math.cos(radians), start[1] + length * math.sin(radians)


def _toes(foot: Point, shin: float) -> Point:
    """Toes point forward, at right angles to the shin; where that would go through the floor
    the foot lies flat along it instead."""
    flexed = _step(foot, shin + 90, FOOT)
    if flexed[1] >= -0.4:
        return flexed
    along_floor = 0.0 if math.cos(math.radians(shin + 90)) > 1e-9 else 180.0
    return _step((foot[0], max(foot[1], 0.0)), along_floor, FOOT)


def joints(pose: Pose) -> dict[str, Point]:
    """Every point of the body: hip, shoulder, head centre, elbows, hands, knees, feet."""
    hip = pose.hip
    shoulder = _step(hip, pose.trunk, TRUNK)
    middle = ((hip[0] + shoulder[0]) / 2, (hip[1] + shoulder[1]) / 2)
    points = {
        "hip": hip,
        "shoulder": shoulder,
        "spine": _step(middle, pose.trunk + 90, pose.bend),
        "head": _step(shoulder, pose.head, NECK + HEAD_RADIUS),
    }
    for name, (upper, lower) in (("", pose.arm), ("2", pose.arm2)):
        elbow = _step(shoulder, upper, UPPER_ARM)
        points[f"elbow{name}"] = elbow
        points[f"hand{name}"] = _step(elbow, lower, FOREARM)
    for name, (upper, lower) in (("", pose.leg), ("2", pose.leg2)):
        knee = _step(hip, upper, THIGH)
        points[f"knee{name}"] = knee
        foot = _step(knee, lower, SHIN)
        points[f"foot{name}"] = foot
        points[f"toes{name}"] = _toes(foot, lower)
    return points


def pose_problems(pose: Pose) -> list[str]:
    """What is physically wrong with a pose: through the floor, or out of the frame."""
    problems = []
    for name, (x, y) in joints(pose).items():
        low = HEAD_RADIUS if name == "head" else 0.0
        if y - low < -FLOOR_TOLERANCE:
            problems.append(f"the {name} goes through the floor (y = {y - low:.1f})")
        reach = HEAD_RADIUS if name == "head" else 0.0
        if not (reach <= x <= FRAME_WIDTH - reach and y + reach <= FRAME_HEIGHT):
            problems.append(f"the {name} leaves the frame at ({x:.1f}, {y:.1f})")
    return problems


def figure_extent(figure: Figure) -> tuple[float, float]:
    """The lowest and highest y the figure uses (body, head and props), for cropping."""
    points = joints(figure.pose)
    ys = [y for _, y in points.values()] + [points["head"][1] + HEAD_RADIUS, 0.0]
    props = figure.props
    if "bar" in props:
        ys.append(float(props["bar"][1]) + 3)
    if "band" in props:
        ys.append(float(props["band"][1]) + 6)
    if "table" in props:
        ys.append(float(props["table"][2]) + 2)
    for start, end in figure.arrows:
        ys += [start[1] + 2, end[1] + 2]
    return min(ys), max(ys)
