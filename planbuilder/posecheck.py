"""The geometry self-check of exercise figures: what a reader would see wrong, in words.

Joints outside the human range, a forearm through the head, legs tangled, a knee through the
floor, a contact point in the air, a bar through the face, a weight hanging where it should
rest, a body through a table leg, a start that looks like the end, a missing prop. Each fault the
drawings once had is a rule here; `planbuilder validate` runs them on content/poses.yaml.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping

from planbuilder.poses import (
    ARROW_POINTS,
    BAR_HALF_LENGTH,
    BLOCK_PROPS,
    CONTACT_TOLERANCE,
    EQUIPMENT_PROPS,
    FLOOR_TOLERANCE,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    HAND_RADIUS,
    HEAD_RADIUS,
    MIN_MOVEMENT,
    SIDE_NAMES,
    WEIGHT_SIZES,
    Figure,
    Point,
    Pose,
    Prop,
    Segment,
    body_parts,
    describe_point,
    figure_extent,
    hand_point,
    joints,
    limb_angles,
    limb_segments,
    point_radius,
    spine_curve,
    trunk_radius,
)


def _closest_on_segment(p: Point, a: Point, b: Point) -> tuple[float, float]:
    """(distance from p to segment ab, position 0..1 of the closest point along it)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if length2 == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    )
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
        arm_upper, arm_lower, *_ = limb_angles(getattr(pose, f"arm{side}"))
        leg_upper, leg_lower, *_ = limb_angles(getattr(pose, f"leg{side}"))
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
                yield f"{name} {joint} bent {value:.0f}°, {_outside(low, high)}"
    neck = _normalised(pose.head - pose.trunk)
    if not NECK_RANGE[0] <= neck <= NECK_RANGE[1]:
        yield f"the neck bent {neck:.0f}°, {_outside(*NECK_RANGE)}"


def _outside(low: float, high: float) -> str:
    return f"outside the human range {low:.0f}° to {high:.0f}°"


def _through_body_faults(pose: Pose, points: Mapping[str, Point]) -> Iterator[str]:
    """Limbs through the head, legs through the trunk or tangled in each other."""
    head = points["head"]
    segments = limb_segments(pose)
    for segment in segments:
        distance, t = _closest_on_segment(head, segment.a, segment.b)
        if distance < HEAD_RADIUS * 0.6 and 0.02 < t < 0.98:
            yield f"{segment.name} crosses the head"
    spine = spine_curve(points, 6)
    legs = [s for s in segments if s.name.split()[1] in ("shin", "foot")]
    for segment in legs:
        if any(
            _crosses(segment.a, segment.b, a, b) for a, b in zip(spine, spine[1:], strict=False)
        ):
            yield f"{segment.name} crosses the trunk"
    if pose.view == "side" and points["hip"][1] < 20:  # lying: both legs on one side of it
        by_name = {s.name: s for s in segments}
        for near, far in (
            ("right shin", "left shin"),
            ("right shin", "left thigh"),
            ("left shin", "right thigh"),
        ):
            a, b = by_name[near], by_name[far]
            crossing = _crossing_point(a.a, a.b, b.a, b.b)
            near_a_joint = (
                crossing and min(math.dist(crossing, p) for p in (a.a, a.b, b.a, b.b)) < 4
            )
            if crossing and not near_a_joint and _angle_between(a, b) > 25:
                yield f"the legs are tangled: {near} crosses {far}"


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


def _floor_faults(figure: Figure, points: Mapping[str, Point]) -> Iterator[str]:
    """Nothing goes through the floor; named contact points touch it (or a prop's top); a
    figure not hanging from a bar rests on something."""
    if not figure.pose.floor:
        return
    parts = list(body_parts(figure.pose))
    seen = set()
    for name, (_, y), radius in parts:
        if y - radius < -FLOOR_TOLERANCE and name not in seen:
            seen.add(name)
            yield f"the {name} goes through the floor (bottom at y = {y - radius:.1f})"
    surfaces = _supports(figure)
    for point in figure.on:
        radius = point_radius(point, figure.pose.view)
        if not _rests_on(points[point], radius, surfaces):
            height = points[point][1] - radius
            yield (
                f"the {describe_point(point)} should rest on the floor or a prop "
                f"but is at y = {height:.1f}"
            )
    hanging = figure.has("bar")
    if not hanging and not any(_rests_on(c, r, surfaces) for _, c, r in parts):
        low = min(c[1] - r for _, c, r in parts)
        yield f"the body floats above the floor (lowest point at y = {low:.1f})"


def _prop_faults(figure: Figure, points: Mapping[str, Point]) -> Iterator[str]:
    body = list(body_parts(figure.pose))
    for prop in figure.props:
        check = _PROP_CHECKS.get(prop.kind)
        if check:
            yield from check(figure, prop, points, body)


def _block_faults(
    figure: Figure, prop: Prop, points: Mapping[str, Point], body: list
) -> Iterator[str]:
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
        if (
            inside_x
            and prop.y < y - radius + FLOOR_TOLERANCE < prop.top - FLOOR_TOLERANCE * 2
            and y > prop.y
        ):
            yield f"the {name} goes into the {prop.kind}"
            break


def _table_faults(
    figure: Figure, prop: Prop, points: Mapping[str, Point], body: list
) -> Iterator[str]:
    for name, (x, y), radius in body:
        if prop.x < x < prop.x + prop.w and y + radius > prop.top - 1.5 and "hand" not in name:
            yield f"the {name} goes through the table top"
            break
    edges = [(prop.x, prop.top), (prop.x + prop.w, prop.top)]
    reach = CONTACT_TOLERANCE + HAND_RADIUS + 1.2  # the hand wraps round the edge
    if not any(
        math.dist(points[hand], edge) <= reach for hand in ("hand", "hand2") for edge in edges
    ):
        yield "the hands do not hold the table's edge"
    parts = limb_segments(figure.pose)
    spine = spine_curve(points, 6)
    for leg_x in prop.legs:
        a, b = (leg_x, 0.0), (leg_x, prop.top)
        if any(_crosses(a, b, p, q) for p, q in zip(spine, spine[1:], strict=False)):
            yield f"the trunk passes through a table leg (x = {leg_x:.0f})"
        for segment in parts:
            if not segment.far and _crosses(a, b, segment.a, segment.b):
                yield f"the {segment.name} passes through a table leg (x = {leg_x:.0f})"


def _bar_faults(
    figure: Figure, prop: Prop, points: Mapping[str, Point], body: list
) -> Iterator[str]:
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


def _band_faults(
    figure: Figure, prop: Prop, points: Mapping[str, Point], body: list
) -> Iterator[str]:
    ends = [prop.at] if prop.at else []
    hands = [points["hand"], points["hand2"]]
    pieces = [(ends[0], hand) for hand in hands] if ends else [(hands[0], hands[1])]
    for a, b in pieces:
        distance, t = _closest_on_segment(points["head"], a, b)
        if distance < HEAD_RADIUS and 0.05 < t < 0.95:
            yield "the band passes through the head"
            return


def _weight_faults(
    figure: Figure, prop: Prop, points: Mapping[str, Point], body: list
) -> Iterator[str]:
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
    if prop.weight == "barbell" and t > 0.15 and distance < trunk_radius(figure.pose.view, t):
        yield f"the {prop.weight} sits on the trunk, not in the hands below it"


def _wall_faults(
    figure: Figure, prop: Prop, points: Mapping[str, Point], body: list
) -> Iterator[str]:
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
