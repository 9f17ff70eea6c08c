"""Exercise figures as data: a pose is a few angles, turned into a body by simple kinematics.

A figure lives in a frame FRAME_WIDTH × FRAME_HEIGHT units with the floor at y = 0; a standing
person is about 90 units tall. The hip is placed; the trunk, head, arms and legs hang off it at
the angles given (degrees, 0 = to the right, 90 = straight up). Seen from the side (`view:
side`) the figure faces right; `arm`/`leg` are the near (right) side, `arm2`/`leg2` the far
(left) side. Seen from the front (`view: front`, also used for "from above") the shoulders and
hips are spread across the body and both sides are near.

Every limb has a thickness, so the geometry self-check (`figure_faults`) can say in words what
a reader would see wrong: a forearm through the head, a knee through the floor, a bar through
the face, a weight hanging in the air, a start that looks like the end. Pure: no drawing here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from planbuilder.fields import Fields

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


def _limb(values: tuple[float, ...]) -> tuple[float, float, float, float]:
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


def joints(pose: Pose) -> dict[str, Point]:
    """Every point of the body: hip, shoulder, head centre, elbows, hands, knees, feet."""
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
        upper, lower, s1, s2 = _limb(getattr(pose, f"arm{side}"))
        elbow = _step(root_arm, upper, UPPER_ARM * s1)
        points[f"elbow{side}"] = elbow
        points[f"hand{side}"] = _step(elbow, lower, FOREARM * s2)
        upper, lower, s1, s2 = _limb(getattr(pose, f"leg{side}"))
        knee = _step(root_leg, upper, THIGH * s1)
        ankle = _step(knee, lower, SHIN * s2)
        points[f"knee{side}"] = knee
        points[f"foot{side}"] = ankle
        points[f"toes{side}"] = _toes(ankle, lower, pose.view)
    return points


def limb_segments(pose: Pose, points: dict[str, Point] | None = None) -> list[Segment]:
    """The arms and legs as shapes, far side first (drawn behind the trunk)."""
    p = points or joints(pose)
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
    return segments


def spine_curve(points: dict[str, Point], samples: int = 12) -> list[Point]:
    """The back from hip to shoulder, curved through the spine point when the pose bends it."""
    (hx, hy), (sx, sy), (mx, my) = points["hip"], points["shoulder"], points["spine"]
    cx, cy = 2 * mx - (hx + sx) / 2, 2 * my - (hy + sy) / 2
    curve = []
    for index in range(samples + 1):
        t = index / samples
        u = 1 - t
        curve.append((u * u * hx + 2 * u * t * cx + t * t * sx, u * u * hy + 2 * u * t * cy + t * t * sy))
    return curve


def trunk_radius(view: str, t: float) -> float:
    """The trunk's half-thickness a fraction t of the way from hip to shoulder."""
    profile = TRUNK_PROFILE[view]
    for (t0, r0), (t1, r1) in zip(profile, profile[1:], strict=False):
        if t <= t1:
            return r0 + (r1 - r0) * (t - t0) / (t1 - t0)
    return profile[-1][1]


def hand_point(figure: Figure, hand: str) -> Point:
    """Where a held thing hangs: one hand, or between both (`hands`)."""
    points = joints(figure.pose)
    if hand == "hands":
        (ax, ay), (bx, by) = points["hand"], points["hand2"]
        return (ax + bx) / 2, (ay + by) / 2
    return points[hand]


# --- geometry helpers -----------------------------------------------------------------------


def _closest_on_segment(p: Point, a: Point, b: Point) -> tuple[float, float]:
    """(distance from p to segment ab, position 0..1 of the closest point along it)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy), t


def _crosses(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether segments ab and cd cross (touching at an end does not count)."""

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = side(c, d, a), side(c, d, b)
    d3, d4 = side(a, b, c), side(a, b, d)
    return d1 * d2 < -1e-6 and d3 * d4 < -1e-6


def _crossing_point(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    """Where segments ab and cd cross, or None."""
    if not _crosses(a, b, c, d):
        return None
    denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0])
    t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / denominator
    return a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])


def _angle_between(a: Segment, b: Segment) -> float:
    """The angle between two parts, 0 to 90 degrees: nearly parallel legs overlap, not cross."""
    first = math.atan2(a.b[1] - a.a[1], a.b[0] - a.a[0])
    second = math.atan2(b.b[1] - b.a[1], b.b[0] - b.a[0])
    difference = abs(math.degrees(first - second)) % 180
    return min(difference, 180 - difference)


def _normalised(angle: float, low: float = -180.0) -> float:
    """The angle in [low, low + 360)."""
    return (angle - low) % 360 + low


# --- the self-check -------------------------------------------------------------------------

# Human ranges, in degrees, seen from the side: (lowest, highest).
ELBOW_RANGE = (-10.0, 160.0)
KNEE_RANGE = (-10.0, 165.0)
HIP_RANGE = (-40.0, 165.0)  # flexion: thigh forward of the trunk's line
SHOULDER_RANGE = (-75.0, 195.0)  # flexion: arm forward and up; 180 = overhead
NECK_RANGE = (-60.0, 60.0)


def _angle_faults(pose: Pose) -> Iterator[str]:
    for side, name in SIDE_NAMES.items():
        arm_upper, arm_lower, *_ = _limb(getattr(pose, f"arm{side}"))
        leg_upper, leg_lower, *_ = _limb(getattr(pose, f"leg{side}"))
        bends = {
            "elbow": (_normalised(arm_lower - arm_upper), ELBOW_RANGE),
            "knee": (_normalised(leg_upper - leg_lower), KNEE_RANGE),
        }
        if pose.view == "side":
            bends["hip"] = (_normalised(leg_upper - pose.trunk - 180), HIP_RANGE)
            bends["shoulder"] = (_normalised(arm_upper - pose.trunk - 180, -90), SHOULDER_RANGE)
        else:  # from the front a joint may bend either way, but not fold back on itself
            bends = {joint: (abs(value), (0.0, 165.0)) for joint, (value, _) in bends.items()}
        for joint, (value, (low, high)) in bends.items():
            if not low <= value <= high:
                yield f"{name} {joint} bent {value:.0f}°, outside the human range {low:.0f}° to {high:.0f}°"
    neck = _normalised(pose.head - pose.trunk)
    if not NECK_RANGE[0] <= neck <= NECK_RANGE[1]:
        yield f"the neck bent {neck:.0f}°, outside the human range {NECK_RANGE[0]:.0f}° to {NECK_RANGE[1]:.0f}°"


def _through_body_faults(pose: Pose, points: dict[str, Point]) -> Iterator[str]:
    """Limbs through the head, legs through the trunk or tangled in each other."""
    head = points["head"]
    segments = limb_segments(pose, points)
    for segment in segments:
        distance, t = _closest_on_segment(head, segment.a, segment.b)
        if distance < HEAD_RADIUS * 0.6 and 0.02 < t < 0.98:
            yield f"{segment.name} crosses the head"
    spine = spine_curve(points, 6)
    legs = [s for s in segments if s.name.split()[1] in ("shin", "foot")]
    for segment in legs:
        if any(_crosses(segment.a, segment.b, a, b) for a, b in zip(spine, spine[1:], strict=False)):
            yield f"{segment.name} crosses the trunk"
    if pose.view == "side" and points["hip"][1] < 20:  # lying: both legs on one side of it
        by_name = {s.name: s for s in segments}
        for near, far in (("right shin", "left shin"), ("right shin", "left thigh"), ("left shin", "right thigh")):
            a, b = by_name[near], by_name[far]
            crossing = _crossing_point(a.a, a.b, b.a, b.b)
            near_a_joint = crossing and min(math.dist(crossing, p) for p in (a.a, a.b, b.a, b.b)) < 4
            if crossing and not near_a_joint and _angle_between(a, b) > 25:
                yield f"the legs are tangled: {near} crosses {far}"


def _body_outline_points(pose: Pose, points: dict[str, Point]) -> Iterator[tuple[str, Point, float]]:
    """(name, centre, radius) of round parts covering the body, for floor and frame checks."""
    yield "head", points["head"], HEAD_RADIUS
    curve = spine_curve(points, 8)
    for index, point in enumerate(curve):
        label = "hip" if index == 0 else "shoulder" if index == len(curve) - 1 else "back"
        yield label, point, trunk_radius(pose.view, index / 8)
    for segment in limb_segments(pose, points):
        part = segment.name
        ends = {"upper arm": ("shoulder", "elbow"), "forearm": ("elbow", "hand"), "thigh": ("hip", "knee"), "shin": ("knee", "heel"), "foot": ("heel", "toes")}[part.split(" ", 1)[1]]
        side = part.split()[0]
        yield f"{side} {ends[0]}", segment.a, segment.ra
        yield f"{side} {ends[1]}", segment.b, segment.rb
    for side, name in SIDE_NAMES.items():
        yield f"{name} hand", points[f"hand{side}"], HAND_RADIUS


def _supports(figure: Figure) -> list[tuple[float, float, float]]:
    """Surfaces a body part can rest on: (x from, x to, height). The floor is everywhere."""
    surfaces = [(-1e9, 1e9, 0.0)] if figure.pose.floor else []
    for prop in figure.props:
        if prop.kind in BLOCK_PROPS or prop.kind == "table":
            surfaces.append((prop.x, prop.x + prop.w, prop.top))
    return surfaces


def _rests_on(centre: Point, radius: float, surfaces: list[tuple[float, float, float]]) -> bool:
    x, y = centre
    return any(
        x0 - radius <= x <= x1 + radius and abs(y - radius - top) <= CONTACT_TOLERANCE
        for x0, x1, top in surfaces
    )


def _floor_faults(figure: Figure, points: dict[str, Point]) -> Iterator[str]:
    """Nothing goes through the floor; named contact points touch it (or a prop's top); a
    figure not hanging from a bar rests on something."""
    if not figure.pose.floor:
        return
    parts = list(_body_outline_points(figure.pose, points))
    seen = set()
    for name, (x, y), radius in parts:
        if y - radius < -FLOOR_TOLERANCE and name not in seen:
            seen.add(name)
            yield f"the {name} goes through the floor (bottom at y = {y - radius:.1f})"
    surfaces = _supports(figure)
    for point in figure.on:
        radius = _point_radius(point, figure.pose.view)
        if not _rests_on(points[point], radius, surfaces):
            yield f"the {describe_point(point)} should rest on the floor or a prop but is at y = {points[point][1] - radius:.1f}"
    hanging = figure.has("bar")
    if not hanging and not any(_rests_on(c, r, surfaces) for _, c, r in parts):
        low = min(c[1] - r for _, c, r in parts)
        yield f"the body floats above the floor (lowest point at y = {low:.1f})"


def _point_radius(point: str, view: str) -> float:
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


def _prop_faults(figure: Figure, points: dict[str, Point]) -> Iterator[str]:
    body = list(_body_outline_points(figure.pose, points))
    for prop in figure.props:
        check = _PROP_CHECKS.get(prop.kind)
        if check:
            yield from check(figure, prop, points, body)


def _block_faults(figure: Figure, prop: Prop, points: dict[str, Point], body: list) -> Iterator[str]:
    if prop.y < -FLOOR_TOLERANCE:
        yield f"the {prop.kind} is drawn below the floor (bottom at y = {prop.y:.1f})"
    elif prop.y > FLOOR_TOLERANCE:
        yield f"the {prop.kind} floats above the floor (bottom at y = {prop.y:.1f})"
    surface = [(prop.x, prop.x + prop.w, prop.top)]
    # A cushion or bench is there to carry the body; a chair or step may be left empty.
    carries = prop.kind in ("cushion", "bench")
    if carries and not any(_rests_on(c, r, surface) for _, c, r in body):
        yield f"nothing rests on the {prop.kind} (its top is at y = {prop.top:.1f})"
    # Limbs may pass beside a prop (in front of it, seen from the side); the trunk and head not.
    trunk_and_head = [part for part in body if part[0] in ("head", "hip", "back", "shoulder")]
    for name, (x, y), radius in trunk_and_head:
        inside_x = prop.x + radius * 0.5 < x < prop.x + prop.w - radius * 0.5
        if inside_x and prop.y < y - radius + FLOOR_TOLERANCE < prop.top - FLOOR_TOLERANCE * 2 and y > prop.y:
            yield f"the {name} goes into the {prop.kind}"
            break


def _table_faults(figure: Figure, prop: Prop, points: dict[str, Point], body: list) -> Iterator[str]:
    for name, (x, y), radius in body:
        if prop.x < x < prop.x + prop.w and y + radius > prop.top - 1.5 and "hand" not in name:
            yield f"the {name} goes through the table top"
            break
    edges = [(prop.x, prop.top), (prop.x + prop.w, prop.top)]
    reach = CONTACT_TOLERANCE + HAND_RADIUS + 1.2  # the hand wraps round the edge
    if not any(math.dist(points[hand], edge) <= reach for hand in ("hand", "hand2") for edge in edges):
        yield "the hands do not hold the table's edge"
    parts = limb_segments(figure.pose, points)
    spine = spine_curve(points, 6)
    for leg_x in prop.legs:
        a, b = (leg_x, 0.0), (leg_x, prop.top)
        if any(_crosses(a, b, p, q) for p, q in zip(spine, spine[1:], strict=False)):
            yield f"the trunk passes through a table leg (x = {leg_x:.0f})"
        for segment in parts:
            if not segment.far and _crosses(a, b, segment.a, segment.b):
                yield f"the {segment.name} passes through a table leg (x = {leg_x:.0f})"


def _bar_faults(figure: Figure, prop: Prop, points: dict[str, Point], body: list) -> Iterator[str]:
    assert prop.at is not None
    x, y = prop.at
    # From the side the bar is seen end-on, a point; from the front, a line across.
    half = BAR_HALF_LENGTH if figure.pose.view == "front" else 0.0
    bar = ((x - half, y), (x + half, y))
    if _closest_on_segment(points["head"], *bar)[0] < HEAD_RADIUS:
        yield "the bar goes through the head"
    for hand in ("hand", "hand2"):
        if _closest_on_segment(points[hand], *bar)[0] > CONTACT_TOLERANCE + HAND_RADIUS:
            yield f"the {describe_point(hand)} does not hold the bar"
    distance, _ = _closest_on_segment(prop.at, points["hip"], points["shoulder"])
    if figure.pose.view == "side" and distance < trunk_radius("side", 0.5):
        yield "the bar goes through the trunk"


def _band_faults(figure: Figure, prop: Prop, points: dict[str, Point], body: list) -> Iterator[str]:
    ends = [prop.at] if prop.at else []
    hands = [points["hand"], points["hand2"]]
    pieces = [(ends[0], hand) for hand in hands] if ends else [(hands[0], hands[1])]
    for a, b in pieces:
        distance, t = _closest_on_segment(points["head"], a, b)
        if distance < HEAD_RADIUS and 0.05 < t < 0.95:
            yield "the band passes through the head"
            return


def _weight_faults(figure: Figure, prop: Prop, points: dict[str, Point], body: list) -> Iterator[str]:
    centre = hand_point(figure, prop.hand)
    radius = WEIGHT_SIZES[prop.weight]
    centre = (centre[0], centre[1] - (radius if prop.weight == "kettlebell" else 0.0))
    bottom = centre[1] - radius
    if figure.pose.floor and bottom < -FLOOR_TOLERANCE:
        yield f"the {prop.weight} goes through the floor (bottom at y = {bottom:.1f})"
    if prop.on_floor and bottom > FLOOR_TOLERANCE:
        yield f"the {prop.weight} should rest on the floor but hangs at y = {bottom:.1f}"
    # A dumbbell may hang beside the trunk; a barbell is in front of the thighs, never higher.
    distance, t = _closest_on_segment(centre, points["hip"], points["shoulder"])
    if prop.weight == "barbell" and 0.15 < t and distance < trunk_radius(figure.pose.view, t):
        yield f"the {prop.weight} sits on the trunk, not in the hands below it"


def _wall_faults(figure: Figure, prop: Prop, points: dict[str, Point], body: list) -> Iterator[str]:
    if figure.pose.view == "front":  # seen from the front the wall is behind, not beside
        return
    side = 1 if points["hip"][0] > prop.x else -1
    for name, (x, _), radius in body:
        if (x - side * radius - prop.x) * side < -FLOOR_TOLERANCE:
            yield f"the {name} goes through the wall"
            return


_PROP_CHECKS = {
    **{kind: _block_faults for kind in BLOCK_PROPS},
    "table": _table_faults,
    "bar": _bar_faults,
    "band": _band_faults,
    "weight": _weight_faults,
    "wall": _wall_faults,
}


def figure_extent(figure: Figure) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of everything drawn: body, props, arrows."""
    points = joints(figure.pose)
    xs: list[float] = []
    ys: list[float] = []

    def add(x: float, y: float, r: float = 0.0) -> None:
        xs.extend((x - r, x + r))
        ys.extend((y - r, y + r))

    for _, (x, y), r in _body_outline_points(figure.pose, points):
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


def prop_points(figure: Figure, prop: Prop, points: dict[str, Point]) -> list[Point]:
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


def _frame_faults(figure: Figure) -> Iterator[str]:
    x0, y0, x1, y1 = figure_extent(figure)
    if x0 < 0 or x1 > FRAME_WIDTH or y0 < -2.0 or y1 > FRAME_HEIGHT:
        yield (
            f"the drawing leaves its frame: it spans x {x0:.0f} to {x1:.0f}, y {y0:.0f} to "
            f"{y1:.0f}; the frame is x 0 to {FRAME_WIDTH:.0f}, y 0 to {FRAME_HEIGHT:.0f}"
        )


def figure_faults(figure: Figure) -> list[str]:
    """What a reader would see wrong in one drawn position, in words."""
    points = joints(figure.pose)
    faults = [
        *_angle_faults(figure.pose),
        *_through_body_faults(figure.pose, points),
        *_floor_faults(figure, points),
        *_prop_faults(figure, points),
        *_frame_faults(figure),
    ]
    return list(dict.fromkeys(faults))


def movement(first: Figure, second: Figure) -> float:
    """How far the body moves between two positions: the largest move of one point."""
    if first.pose.view != second.pose.view:
        return math.inf  # a change of view shows something new by itself
    a, b = joints(first.pose), joints(second.pose)
    return max(math.dist(a[name], b[name]) for name in ARROW_POINTS)


def exercise_faults(
    figures: tuple[Figure, ...], needs: Iterable[str], equipment: Iterable[str]
) -> list[str]:
    """What is wrong with an exercise's set of positions: nothing moves, or a needed prop or
    view is missing. `equipment` is the exercise's equipment (any one of them)."""
    faults = []
    for first, second in zip(figures, figures[1:], strict=False):
        if movement(first, second) < MIN_MOVEMENT:
            faults.append(
                f"the poses {first.label} and {second.label} look the same "
                f"(no part moves {MIN_MOVEMENT:.0f} units or more)"
            )
    if len(figures) == 1 and not figures[0].arrows:
        faults.append("one position needs arrows showing what moves; or give two")
    drawn = {prop.kind for figure in figures for prop in figure.props}
    if any(figure.pose.view == "front" for figure in figures):
        drawn.add("front")
    for item in equipment:
        kind = EQUIPMENT_PROPS.get(item)
        if kind and kind not in drawn:
            faults.append(f"the {kind} ({item} in the equipment) is not drawn in any pose")
    for need in needs:
        if need not in drawn:
            what = "a view from the front" if need == "front" else f"the {need}"
            faults.append(f"the text needs {what}, but no pose shows it")
    return faults


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


# --- reading content/poses.yaml -------------------------------------------------------------


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


def _numbers(fields: Fields, key: str, value: Any, counts: tuple[int, ...]) -> tuple[float, ...] | None:
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
    parts = [
        (n, c, r)
        for n, c, r in _body_outline_points(pose, joints(pose))
        if "toes" not in n or pose.view == "front"
    ]
    low = min(y - r for _, (_, y), r in parts)
    return replace(pose, hip=(hip[0], round(50.0 - low, 2)))


def _prop(fields: Fields) -> Prop | None:
    kind = fields.choice("kind", PROP_KINDS)
    if fields.raw("kind") not in PROP_KINDS:
        return None
    keys = {
        **{block: ["x", "y", "w", "h"] for block in BLOCK_PROPS},
        "chair": ["x", "y", "w", "h", "back"],
        "table": ["x", "y", "w", "h", "legs"],
        "bar": ["at"],
        "band": ["at"],
        "weight": ["weight", "hand", "on_floor"],
        "stick": [],
        "strap": ["hand"],
        "wall": ["x", "h"],
    }[kind]
    required = [k for k in keys if k in ("x", "w", "h", "at", "weight")]
    if kind == "band":
        required = []
    if kind == "wall":
        required = ["x"]
    fields.check_keys(["kind", *keys], ["kind", *required])
    values: dict[str, Any] = {"kind": kind}
    for key in ("x", "y", "w", "h"):
        if key in fields.data:
            number = _angle(fields, key, fields.data[key])
            values[key] = number if number is not None else 0.0
    if "at" in fields.data:
        at = _numbers(fields, "at", fields.data["at"], (2,))
        values["at"] = at
    if "legs" in fields.data:
        values["legs"] = _numbers(fields, "legs", fields.data["legs"], (1, 2, 3)) or ()
    elif kind == "table":
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
    return Prop(**{k: v for k, v in values.items() if v is not None})


def _arrows(fields: Fields) -> tuple[tuple[Point, ...], ...]:
    """Arrows given by coordinates; arrows named by a body point are kept as the name and drawn
    once the neighbouring position is known (see _point_arrows)."""
    arrows: list[Any] = []
    for arrow in fields.raw("arrows") or []:
        if isinstance(arrow, str):
            if arrow in ARROW_POINTS:
                arrows.append(arrow)
            else:
                fields.problem("arrows", f"'{arrow}' is not a body point ({', '.join(ARROW_POINTS)})")
            continue
        ends = [_numbers(fields, "arrows", end, (2,)) for end in arrow] if isinstance(arrow, list) else []
        if len(ends) in (2, 3) and all(ends):
            arrows.append(tuple((e[0], e[1]) for e in ends if e))
        else:
            fields.problem("arrows", f"{arrow!r} should be [[x, y], [x, y]] or three points for a curve")
    return tuple(arrows)


def _figure(fields: Fields, bases: dict[str, dict[str, Any]]) -> Figure | None:
    fields.check_keys(["label", "pose", "set", "props", "arrows", "contact"], ["label", "pose"])
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
        fields.text("label", max_length=30), _placed(parts), tuple(props), _arrows(fields), on
    )


def read_figure_book(data: Any, problems: list[str], source: str = "content/poses.yaml") -> FigureBook:
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
    entry: Fields, source: str, exercise_id: str, bases: dict[str, dict[str, Any]], problems: list[str]
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
    frame = exercise_frame(placed) if placed else (0.0, 0.0, FRAME_WIDTH, FRAME_HEIGHT)
    return tuple(replace(figure, frame=frame) for figure in placed)


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
            problems.append(f"{where}arrows: '{arrow}' needs a neighbouring position seen the same way")
            continue
        here, there = joints(figure.pose), joints(other.pose)
        moved = (here[arrow][0] - there[arrow][0], here[arrow][1] - there[arrow][1])
        distance = math.hypot(*moved)
        if distance < 2:
            problems.append(f"{where}arrows: the {describe_point(arrow)} does not move")
            continue
        gap = ARROW_GAP + _point_radius(arrow, figure.pose.view)
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
