"""Exercise figures as data: a pose is a few angles, turned into a body by simple kinematics.

A figure lives in a frame FRAME_WIDTH × FRAME_HEIGHT units with the floor at y = 0; a standing
person is about 90 units tall. The hip is placed; the trunk, head, arms and legs hang off it at
the angles given (degrees, 0 = to the right, 90 = straight up). Seen from the side (`view:
side`) the figure faces right; `arm`/`leg` are the near (right) side, `arm2`/`leg2` the far
(left) side. Seen from the front (`view: front`, also used for "from above") the shoulders and
hips are spread across the body and both sides are near.

Every limb has a thickness, so the geometry self-check (planbuilder/posecheck.py) can say in
words what a reader would see wrong; planbuilder/posebook.py reads content/poses.yaml into these
objects. Pure: no drawing here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

FRAME_WIDTH = 140.0
FRAME_HEIGHT = 125.0
FLOOR_TOLERANCE = 0.8  # a body part resting on a surface may touch it, not go through it
CONTACT_TOLERANCE = 1.6  # how close a hand must be to what it holds
MIN_MOVEMENT = 6.0  # start and end must differ by at least this much somewhere
FRAME_PADDING = 3.0
MIN_DRAWN_WIDTH = 80.0  # a drawn frame is at least this wide, so standing figures stay human

# Lengths, in figure units (a standing person ≈ 90).
TRUNK = 28.0  # hip to shoulder
NECK = 3.0
HEAD_RADIUS = 5.5
UPPER_ARM = 17.0
FOREARM = 15.0  # elbow to the middle of the hand
THIGH = 22.0
SHIN = 22.0  # knee to ankle
FOOT = 6.5
SHOULDER_HALF = 8.0  # seen from the front: half the width of the shoulders
HIP_HALF = 4.8

# Half-thickness of each part at its two ends (thigh thicker than shin, upper arm than forearm).
RADII = {
    "upper arm": (2.7, 2.2),
    "forearm": (2.2, 1.7),
    "thigh": (4.6, 3.3),
    "shin": (3.2, 2.1),
    "foot": (1.9, 1.3),
}
HAND_RADIUS = 1.9
# The trunk's half-thickness from hip (0) to shoulder (1), from the side and from the front.
TRUNK_PROFILE = {
    "side": ((0.0, 5.6), (0.4, 4.9), (0.75, 6.0), (1.0, 4.8)),
    "front": ((0.0, 7.4), (0.4, 6.3), (0.75, 8.4), (1.0, 8.2)),
}
BAR_HALF_LENGTH = 22.0
PLATE_RADIUS = 9.0  # a barbell's plate
WEIGHT_SIZES = {"barbell": PLATE_RADIUS, "dumbbell": 2.8, "kettlebell": 4.2}

Point = tuple[float, float]
VIEWS = ("side", "front")
LIMBS = ("arm", "arm2", "leg", "leg2")
POSE_PARTS = ("hip", "trunk", "head", "arm", "arm2", "leg", "leg2")
OPTIONAL_POSE_PARTS = ("bend", "view", "floor")
BLOCK_PROPS = ("cushion", "step", "bench", "chair")
PROP_KINDS = (*BLOCK_PROPS, "table", "bar", "band", "weight", "stick", "strap", "wall")
WEIGHT_KINDS = tuple(WEIGHT_SIZES)
# What a figure must show when the exercise needs this equipment.
EQUIPMENT_PROPS = {
    "band": "band",
    "pullup_bar": "bar",
    "sturdy_table": "table",
    "cushion": "cushion",
    "dumbbells": "weight",
    "kettlebell": "weight",
    "barbell": "weight",
}
NEEDS = (*PROP_KINDS, "front")
BODY_POINTS = (
    "hip", "shoulder", "head", "elbow", "hand", "elbow2", "hand2",
    "knee", "foot", "toes", "knee2", "foot2", "toes2",
)  # fmt: skip
SIDE_NAMES = {"": "right", "2": "left"}
ARROW_POINTS = (*BODY_POINTS, "spine")


@dataclass(frozen=True, slots=True)
class Pose:
    """Where the body is. A limb is [upper angle, lower angle] and, seen from the front, may
    add how much of each part's length shows ([.., .., 0.3, 1]: an arm pointing at you)."""

    hip: Point
    trunk: float
    head: float
    arm: tuple[float, ...]
    arm2: tuple[float, ...]
    leg: tuple[float, ...]
    leg2: tuple[float, ...]
    bend: float = 0.0  # how far the back curves up (+) or sags (-) at its middle
    view: str = "side"
    floor: bool = True  # False: seen from above, no floor line


@dataclass(frozen=True, slots=True)
class Prop:
    """A thing in the picture. Blocks (cushion, step, bench, chair) and the table stand on the
    floor at x..x+w with their top at y+h; a bar is at `at`; a band runs from `at` (its
    anchor) or between the hands; a weight hangs from `hand`."""

    kind: str
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    at: Point | None = None
    hand: str = "hand"
    weight: str = "dumbbell"
    on_floor: bool = False
    legs: tuple[float, ...] = ()
    back: str = "left"  # a chair's backrest

    @property
    def top(self) -> float:
        return self.y + self.h


@dataclass(frozen=True, slots=True)
class Figure:
    """One drawn position of an exercise, with its props and movement arrows."""

    label: str
    pose: Pose
    props: tuple[Prop, ...] = ()
    arrows: tuple[tuple[Point, ...], ...] = ()
    on: tuple[str, ...] = ()  # body points that must rest on the floor or a prop
    thumbnail: bool = False  # the position that shows the exercise best, small
    frame: tuple[float, float, float, float] = (0.0, 0.0, FRAME_WIDTH, FRAME_HEIGHT)

    def has(self, kind: str) -> bool:
        return any(prop.kind == kind for prop in self.props)


@dataclass(frozen=True, slots=True)
class Segment:
    """One part of the body as a round-ended shape from a to b, thickness ra to rb."""

    name: str
    a: Point
    b: Point
    ra: float
    rb: float
    far: bool = False


# --- kinematics ---------------------------------------------------------------------------


def _step(start: Point, angle: float, length: float) -> Point:
    radians = math.radians(angle)
    return start[0] + length * math.cos(radians), start[1] + length * math.sin(radians)


def limb_angles(values: tuple[float, ...]) -> tuple[float, float, float, float]:
    upper, lower = values[0], values[1]
    scales = values[2:4] if len(values) >= 4 else (1.0, 1.0)
    return upper, lower, scales[0], scales[1]


def _toes(ankle: Point, shin: float, view: str) -> Point:
    """Toes point forward, at right angles to the shin; where that would go through the floor
    the foot lies flat along it. From the front a foot is short and points down the shin."""
    if view == "front":
        return _step(ankle, shin, FOOT * 0.35)
    flexed = _step(ankle, shin + 90, FOOT)
    on_floor = ankle[1] - RADII["shin"][1] < 2.5
    if not on_floor and flexed[1] - RADII["foot"][1] >= -FLOOR_TOLERANCE / 2:
        return flexed
    along_floor = 0.0 if math.cos(math.radians(shin + 90)) > 1e-9 else 180.0
    return _step(ankle, along_floor, FOOT)


@cache
def joints(pose: Pose) -> Mapping[str, Point]:
    """Every point of the body: hip, shoulder, head centre, elbows, hands, knees, feet.
    Cached and read-only: the checks, the framing and the drawing all ask for it."""
    hip = pose.hip
    shoulder = _step(hip, pose.trunk, TRUNK)
    middle = ((hip[0] + shoulder[0]) / 2, (hip[1] + shoulder[1]) / 2)
    front = pose.view == "front"
    points = {
        "hip": hip,
        "shoulder": shoulder,
        "spine": _step(middle, pose.trunk + 90, pose.bend),
        "head": _step(shoulder, pose.head, NECK + HEAD_RADIUS),
    }
    # From the front the figure's right side is on the picture's left.
    for side, sign in (("", 1), ("2", -1)):
        spread = pose.trunk + 90 * sign
        root_arm = _step(shoulder, spread, SHOULDER_HALF) if front else shoulder
        root_leg = _step(hip, spread, HIP_HALF) if front else hip
        points[f"shoulder_joint{side}"] = root_arm
        points[f"hip_joint{side}"] = root_leg
        upper, lower, s1, s2 = limb_angles(getattr(pose, f"arm{side}"))
        elbow = _step(root_arm, upper, UPPER_ARM * s1)
        points[f"elbow{side}"] = elbow
        points[f"hand{side}"] = _step(elbow, lower, FOREARM * s2)
        upper, lower, s1, s2 = limb_angles(getattr(pose, f"leg{side}"))
        knee = _step(root_leg, upper, THIGH * s1)
        ankle = _step(knee, lower, SHIN * s2)
        points[f"knee{side}"] = knee
        points[f"foot{side}"] = ankle
        points[f"toes{side}"] = _toes(ankle, lower, pose.view)
    return MappingProxyType(points)


@cache
def limb_segments(pose: Pose) -> tuple[Segment, ...]:
    """The arms and legs as shapes, far side first (drawn behind the trunk)."""
    p = joints(pose)
    segments = []
    for side in ("2", ""):
        far = side == "2" and pose.view == "side"
        name = SIDE_NAMES[side]
        chains = (
            ("upper arm", f"shoulder_joint{side}", f"elbow{side}"),
            ("forearm", f"elbow{side}", f"hand{side}"),
            ("thigh", f"hip_joint{side}", f"knee{side}"),
            ("shin", f"knee{side}", f"foot{side}"),
            ("foot", f"foot{side}", f"toes{side}"),
        )
        for part, a, b in chains:
            ra, rb = RADII[part]
            segments.append(Segment(f"{name} {part}", p[a], p[b], ra, rb, far))
    return tuple(segments)


def spine_curve(points: Mapping[str, Point], samples: int = 12) -> list[Point]:
    """The back from hip to shoulder, curved through the spine point when the pose bends it."""
    (hx, hy), (sx, sy), (mx, my) = points["hip"], points["shoulder"], points["spine"]
    cx, cy = 2 * mx - (hx + sx) / 2, 2 * my - (hy + sy) / 2
    curve = []
    for index in range(samples + 1):
        t = index / samples
        u = 1 - t
        curve.append(
            (u * u * hx + 2 * u * t * cx + t * t * sx, u * u * hy + 2 * u * t * cy + t * t * sy)
        )
    return curve


def trunk_radius(view: str, t: float) -> float:
    """The trunk's half-thickness a fraction t of the way from hip to shoulder."""
    profile = TRUNK_PROFILE[view]
    for (t0, r0), (t1, r1) in zip(profile, profile[1:], strict=False):
        if t <= t1:
            return r0 + (r1 - r0) * (t - t0) / (t1 - t0)
    return profile[-1][1]


def hand_point(figure: Figure, hand: str) -> Point:
    """Where a held thing hangs: one hand, between both (`hands`), or between the feet
    (`feet`, just under the ankles)."""
    points = joints(figure.pose)
    if hand in ("hands", "feet"):
        first, second = ("hand", "hand2") if hand == "hands" else ("foot", "foot2")
        (ax, ay), (bx, by) = points[first], points[second]
        return (ax + bx) / 2, (ay + by) / 2
    return points[hand]


@cache
def body_parts(pose: Pose) -> tuple[tuple[str, Point, float], ...]:
    """(name, centre, radius) of round parts covering the body, for floor and frame checks.
    Cached: every check and the framing ask for it, and poses are immutable."""
    return tuple(_body_parts(pose, joints(pose)))


def _body_parts(pose: Pose, points: Mapping[str, Point]) -> Iterator[tuple[str, Point, float]]:
    yield "head", points["head"], HEAD_RADIUS
    curve = spine_curve(points, 8)
    for index, point in enumerate(curve):
        label = "hip" if index == 0 else "shoulder" if index == len(curve) - 1 else "back"
        yield label, point, trunk_radius(pose.view, index / 8)
    for segment in limb_segments(pose):
        part = segment.name
        ends = {
            "upper arm": ("shoulder", "elbow"),
            "forearm": ("elbow", "hand"),
            "thigh": ("hip", "knee"),
            "shin": ("knee", "heel"),
            "foot": ("heel", "toes"),
        }[part.split(" ", 1)[1]]
        side = part.split()[0]
        yield f"{side} {ends[0]}", segment.a, segment.ra
        yield f"{side} {ends[1]}", segment.b, segment.rb
    for side, name in SIDE_NAMES.items():
        yield f"{name} hand", points[f"hand{side}"], HAND_RADIUS


def point_radius(point: str, view: str) -> float:
    """How thick the body is at a named point, for 'rests on the floor'."""
    radii = {
        "hand": HAND_RADIUS,
        "elbow": RADII["forearm"][0],
        "knee": RADII["shin"][0],
        "foot": RADII["shin"][1],
        "toes": RADII["foot"][1],
        "hip": trunk_radius(view, 0.0),
        "shoulder": trunk_radius(view, 1.0),
        "head": HEAD_RADIUS,
        "spine": trunk_radius(view, 0.5),
    }
    return radii[point.rstrip("2")]


def describe_point(point: str) -> str:
    """'hand2' → 'left hand'."""
    if point in ("hip", "shoulder", "head"):
        return point
    return f"{SIDE_NAMES['2' if point.endswith('2') else '']} {point.rstrip('2')}"


def figure_extent(figure: Figure) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of everything drawn: body, props, arrows."""
    points = joints(figure.pose)
    xs: list[float] = []
    ys: list[float] = []

    def add(x: float, y: float, r: float = 0.0) -> None:
        xs.extend((x - r, x + r))
        ys.extend((y - r, y + r))

    for _, (x, y), r in body_parts(figure.pose):
        add(x, y, r)
    for prop in figure.props:
        for x, y in prop_points(figure, prop, points):
            add(x, y)
    for arrow in figure.arrows:
        for x, y in arrow:
            add(x, y, 1.5)
    if figure.pose.floor:
        ys.append(0.0)
    return min(xs), min(ys), max(xs), max(ys)


def prop_points(figure: Figure, prop: Prop, points: Mapping[str, Point]) -> list[Point]:
    """The corners of a prop, for its extent."""
    if prop.kind in BLOCK_PROPS or prop.kind == "table":
        corners = [(prop.x, prop.y), (prop.x + prop.w, prop.top)]
        if prop.kind == "chair":
            back_x = prop.x if prop.back == "left" else prop.x + prop.w
            corners.append((back_x, prop.top + prop.h * 0.9))
        return corners
    if prop.kind == "bar" and prop.at:
        half = BAR_HALF_LENGTH + 1 if figure.pose.view == "front" else 2.0
        return [(prop.at[0] - half, prop.at[1] - 1.5), (prop.at[0] + half, prop.at[1] + 7)]
    if prop.kind == "band" and prop.at:
        return [(prop.at[0], 0.0), (prop.at[0] + 2, prop.at[1] + 8)]
    if prop.kind == "weight":
        x, y = hand_point(figure, prop.hand)
        r = WEIGHT_SIZES[prop.weight]
        low = y - 2 * r if prop.weight == "kettlebell" else y - r
        return [(x - r, low), (x + r, y + r)]
    if prop.kind == "wall" and figure.pose.view == "front":
        return [(points["hip"][0], prop.h or 95.0)]
    if prop.kind == "wall":
        return [(prop.x - 1.5, 0.0), (prop.x + 1.5, prop.h or 95.0)]
    return []


def exercise_frame(figures: Iterable[Figure]) -> tuple[float, float, float, float]:
    """One frame for all positions of an exercise (so they share a scale), cropped to what is
    drawn and at least MIN_DRAWN_WIDTH wide."""
    extents = [figure_extent(figure) for figure in figures]
    x0 = min(e[0] for e in extents) - FRAME_PADDING
    x1 = max(e[2] for e in extents) + FRAME_PADDING
    y0 = min(e[1] for e in extents) - 1.0
    y1 = max(e[3] for e in extents) + FRAME_PADDING
    if x1 - x0 < MIN_DRAWN_WIDTH:
        grow = (MIN_DRAWN_WIDTH - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    return x0, y0, x1, y1
