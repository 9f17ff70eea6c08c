"""Draws exercise figures as vector drawings (ReportLab graphics, no bitmaps).

One style everywhere, after the line drawings clinics print: body-shaped limbs (filled,
round-ended, thigh thicker than shin), a torso and a head, all in one mid grey with a dark
outline; the far-side arm and leg lighter, behind the body; props in the same outline style
with a paler fill; a floor line; movement arrows. Greys and outlines only, so a black-and-white
home printer prints it crisply at any size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.colors import Color
from reportlab.lib.utils import simpleSplit
from reportlab.lib.validators import isColorOrNone
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from planbuilder.poses import (
    BAR_HALF_LENGTH,
    FRAME_PADDING,
    HAND_RADIUS,
    HEAD_RADIUS,
    WEIGHT_SIZES,
    Figure,
    Point,
    Prop,
    figure_extent,
    hand_point,
    joints,
    limb_segments,
    spine_curve,
    trunk_radius,
)
from planbuilder.render.fonts import REGULAR
from planbuilder.render.styles import grey

BODY = grey(0.26)
FAR_BODY = grey(0.11)
FAR_OUTLINE = grey(0.58)
PROP_FILL = grey(0.05)
PROP_OUTLINE = grey(0.75)
WALL = grey(0.08)
OUTLINE = 0.55  # outline width in figure units (about 0.8 pt on a classic card)
MAX_HEIGHT_RATIO = 0.78  # a drawing is at most this tall for its width (cards keep their height)
MAX_HEIGHT_RATIO_FROM_ABOVE = 1.0
ARC_STEPS = 6
LABEL_LEADING = 1.2  # a label's line spacing, in font sizes


# --- shapes ---------------------------------------------------------------------------------


def _circle_points(centre: Point, radius: float, start: float, end: float) -> list[Point]:
    """Points on an arc from angle `start` to `end` (radians), inclusive."""
    return [
        (
            centre[0] + radius * math.cos(start + (end - start) * i / ARC_STEPS),
            centre[1] + radius * math.sin(start + (end - start) * i / ARC_STEPS),
        )
        for i in range(ARC_STEPS + 1)
    ]


def swept_outline(centres: list[Point], radii: list[float]) -> list[Point]:
    """The outline of a round-ended shape of varying thickness along a line of centres: one
    side forwards, a half-circle round the end, the other side back, a half-circle round the
    start. Straight limbs are the two-point case."""
    if math.dist(centres[0], centres[-1]) < 1e-6:
        return _circle_points(centres[0], max(radii), 0, 2 * math.pi)
    normals = []
    for index in range(len(centres)):
        a = centres[max(index - 1, 0)]
        b = centres[min(index + 1, len(centres) - 1)]
        angle = math.atan2(b[1] - a[1], b[0] - a[0])
        normals.append(angle)
    left = [
        (c[0] + r * math.cos(n + math.pi / 2), c[1] + r * math.sin(n + math.pi / 2))
        for c, r, n in zip(centres, radii, normals, strict=True)
    ]
    right = [
        (c[0] + r * math.cos(n - math.pi / 2), c[1] + r * math.sin(n - math.pi / 2))
        for c, r, n in zip(centres, radii, normals, strict=True)
    ]
    end_cap = _circle_points(
        centres[-1], radii[-1], normals[-1] + math.pi / 2, normals[-1] - math.pi / 2
    )
    start_cap = _circle_points(
        centres[0], radii[0], normals[0] - math.pi / 2, normals[0] - 3 * math.pi / 2
    )
    return left + end_cap + right[::-1] + start_cap


def _polygon(
    points: Iterable[Point], fill: Color | None, stroke: Color, width: float = OUTLINE
) -> Polygon:
    """A closed outline. Its points are kept to a hundredth of a figure unit (a fiftieth of
    a point on a card, far below what prints) and a point that repeats the one before is
    left out (where a limb's side meets its round end): the figures are most of a guide
    page's bytes."""
    flat: list[float] = []
    for x, y in points:
        x, y = round(x, 2), round(y, 2)
        if flat[-2:] != [x, y]:
            flat += [x, y]
    return Polygon(flat, fillColor=fill, strokeColor=stroke, strokeWidth=width, strokeLineJoin=1)


def _line(a: Point, b: Point, colour: Color, width: float) -> Line:
    return Line(a[0], a[1], b[0], b[1], strokeColor=colour, strokeWidth=width, strokeLineCap=1)


def _arrow(points: tuple[Point, ...], colour: Color) -> Group:
    """A movement arrow: straight, or curved through its middle point when it has three."""
    if len(points) == 3:
        (ax, ay), (mx, my), (bx, by) = points
        cx, cy = 2 * mx - (ax + bx) / 2, 2 * my - (ay + by) / 2
        path = [
            (
                (1 - t) ** 2 * ax + 2 * (1 - t) * t * cx + t * t * bx,
                (1 - t) ** 2 * ay + 2 * (1 - t) * t * cy + t * t * by,
            )
            for t in (i / 16 for i in range(17))
        ]
    else:
        path = list(points)
    end, before = path[-1], path[-2]
    angle = math.atan2(end[1] - before[1], end[0] - before[0])
    size = 3.4
    shaft = path[:-1] + [
        (end[0] - size * 0.7 * math.cos(angle), end[1] - size * 0.7 * math.sin(angle))
    ]
    group = Group()
    for a, b in zip(shaft, shaft[1:], strict=False):
        group.add(_line(a, b, colour, 1.1))
    tip = [
        end,
        (end[0] - size * math.cos(angle - 0.45), end[1] - size * math.sin(angle - 0.45)),
        (end[0] - size * math.cos(angle + 0.45), end[1] - size * math.sin(angle + 0.45)),
    ]
    group.add(_polygon(tip, colour, colour, 0.3))
    return group


# --- the body -------------------------------------------------------------------------------


def _limb(segment: Any, ink: Color) -> Polygon:
    fill, stroke = (FAR_BODY, FAR_OUTLINE) if segment.far else (BODY, ink)
    return _polygon(swept_outline([segment.a, segment.b], [segment.ra, segment.rb]), fill, stroke)


def _trunk(figure: Figure, points: Mapping[str, Point], ink: Color) -> Polygon:
    curve = spine_curve(points)
    radii = [trunk_radius(figure.pose.view, i / (len(curve) - 1)) for i in range(len(curve))]
    return _polygon(swept_outline(curve, radii), BODY, ink)


def _head(figure: Figure, points: Mapping[str, Point], ink: Color) -> Group:
    """A round head; from the side a small nose shows which way the face looks."""
    hx, hy = points["head"]
    group = Group()
    neck_end = points["shoulder"]
    group.add(_polygon(swept_outline([neck_end, (hx, hy)], [2.4, 2.4]), BODY, ink))
    if figure.pose.view == "side":
        face = math.radians(figure.pose.head - 90)
        nose = (
            hx + (HEAD_RADIUS + 0.3) * math.cos(face),
            hy + (HEAD_RADIUS + 0.3) * math.sin(face),
        )
        group.add(
            Circle(nose[0], nose[1], 1.2, fillColor=BODY, strokeColor=ink, strokeWidth=OUTLINE)
        )
    group.add(Circle(hx, hy, HEAD_RADIUS, fillColor=BODY, strokeColor=ink, strokeWidth=OUTLINE))
    return group


def _body(figure: Figure, points: Mapping[str, Point], ink: Color) -> Group:
    """Far limbs, then trunk and head, then near legs and arms, so the near side is on top.
    Each part is its own outlined shape, so the joints show where shapes overlap."""
    group = Group()
    segments = limb_segments(figure.pose)
    far = [s for s in segments if s.far]
    near = [s for s in segments if not s.far]
    arms = [s for s in near if s.name.split()[-1] in ("arm", "forearm")]
    legs = [s for s in near if s not in arms]
    for segment in far:
        group.add(_limb(segment, ink))
    for side in ("2",) if far else ():
        hx, hy = points[f"hand{side}"]
        group.add(
            Circle(
                hx,
                hy,
                HAND_RADIUS,
                fillColor=FAR_BODY,
                strokeColor=FAR_OUTLINE,
                strokeWidth=OUTLINE,
            )
        )
    if figure.pose.view == "front":
        for segment in legs:
            group.add(_limb(segment, ink))
    group.add(_trunk(figure, points, ink))
    group.add(_head(figure, points, ink))
    if figure.pose.view == "side":
        for segment in legs:
            group.add(_limb(segment, ink))
    for segment in arms:
        group.add(_limb(segment, ink))
    for side in ("",) if far else ("", "2"):
        hx, hy = points[f"hand{side}"]
        group.add(Circle(hx, hy, HAND_RADIUS, fillColor=BODY, strokeColor=ink, strokeWidth=OUTLINE))
    return group


# --- props ----------------------------------------------------------------------------------


def _box(x: float, y: float, w: float, h: float, radius: float = 0.6) -> Rect:
    return Rect(
        x,
        y,
        w,
        h,
        rx=radius,
        ry=radius,
        fillColor=PROP_FILL,
        strokeColor=PROP_OUTLINE,
        strokeWidth=OUTLINE,
    )


def _block(prop: Prop) -> Group:
    """Cushion, step, bench, chair and table: things on the floor with a top to rest on."""
    group = Group()
    if prop.kind == "cushion":
        group.add(_box(prop.x, prop.y, prop.w, prop.h, min(prop.h / 2, 2.5)))
    elif prop.kind == "step":
        group.add(_box(prop.x, prop.y, prop.w, prop.h, 0.5))
    else:  # bench, chair, table: a top on legs
        thick = 2.4
        legs = prop.legs or (prop.x + 1.5, prop.x + prop.w - 1.5)
        for leg_x in legs:
            group.add(_box(leg_x - 0.9, prop.y, 1.8, prop.h - thick, 0.3))
        if prop.kind == "chair" and prop.back != "none":
            back_x = prop.x if prop.back == "left" else prop.x + prop.w - 1.8
            group.add(_box(back_x, prop.top - thick, 1.8, prop.h * 0.9, 0.5))
        group.add(_box(prop.x, prop.top - thick, prop.w, thick, 0.5))
    return group


def _bar(prop: Prop, figure: Figure, ink: Color) -> Group:
    assert prop.at is not None
    x, y = prop.at
    group = Group()
    if figure.pose.view == "front":
        group.add(_box(x - BAR_HALF_LENGTH, y - 1.1, 2 * BAR_HALF_LENGTH, 2.2, 1.1))
        for end in (x - BAR_HALF_LENGTH, x + BAR_HALF_LENGTH):  # the brackets that hold it
            group.add(_box(end - 1, y - 1.1, 2, 6, 0.3))
    else:
        group.add(_box(x - 1, y, 2, 7, 0.3))
        group.add(Circle(x, y, 1.6, fillColor=PROP_OUTLINE, strokeColor=ink, strokeWidth=OUTLINE))
    return group


def _band(prop: Prop, points: Mapping[str, Point], ink: Color) -> Group:
    group = Group()
    band = grey(0.7)
    if prop.at:
        x, y = prop.at
        group.add(_box(x, 0, 2.4, y + 16, 0.3))  # the door edge or rail it is tied to
        for hand in ("hand2", "hand"):
            group.add(_line((x, y), points[hand], band, 1.0))
        group.add(Circle(x, y, 1.3, fillColor=PROP_FILL, strokeColor=band, strokeWidth=0.9))
    else:
        group.add(_line(points["hand"], points["hand2"], band, 1.4))
    return group


def _weight(prop: Prop, figure: Figure, ink: Color) -> Group:
    x, y = hand_point(figure, prop.hand)
    r = WEIGHT_SIZES[prop.weight]
    group = Group()
    style = {"fillColor": PROP_FILL, "strokeColor": ink, "strokeWidth": OUTLINE}
    if prop.weight == "kettlebell":
        group.add(
            _polygon(
                swept_outline([(x - 1.6, y - 1.0), (x, y + 0.6), (x + 1.6, y - 1.0)], [0.6] * 3),
                None,
                ink,
            )
        )
        group.add(Circle(x, y - r, r, **style))
    elif figure.pose.view == "front" and prop.weight == "barbell":
        group.add(_box(x - 20, y - 0.8, 40, 1.6, 0.6))
        for end in (x - 20, x + 17):
            group.add(_box(end, y - r, 3, 2 * r, 1.0))
    else:
        group.add(Circle(x, y, r, **style))
        group.add(Circle(x, y, min(1.4, r / 2), **style))
    return group


def _props_behind(figure: Figure, points: Mapping[str, Point], ink: Color) -> Group:
    """Props the body lies on or in front of: drawn before the body."""
    group = Group()
    for prop in figure.props:
        if prop.kind in ("cushion", "step", "bench", "chair", "table"):
            group.add(_block(prop))
        elif prop.kind == "wall" and figure.pose.view == "front":  # the wall behind the person
            x0, _, x1, _ = figure.frame
            group.add(Rect(x0 + 1, 0, x1 - x0 - 2, prop.h or 95, fillColor=WALL, strokeColor=None))
        elif prop.kind == "wall":
            group.add(
                _box(prop.x - (1.8 if points["hip"][0] > prop.x else 0), 0, 1.8, prop.h or 95, 0)
            )
        elif prop.kind == "bar":
            group.add(_bar(prop, figure, ink))
        elif prop.kind == "stick":
            group.add(_stick(points))
    return group


def _stick(points: Mapping[str, Point]) -> Polygon:
    """A broom handle along the back, touching head, shoulder blades and tailbone."""
    (hx, hy), (sx, sy), (headx, heady) = points["hip"], points["shoulder"], points["head"]
    angle = math.atan2(sy - hy, sx - hx)
    back = angle + math.pi / 2  # behind a figure facing right
    offset = 6.2

    def shifted(p: Point, extra: float) -> Point:
        return (
            p[0] + offset * math.cos(back) + extra * math.cos(angle),
            p[1] + offset * math.sin(back) + extra * math.sin(angle),
        )

    return _polygon(
        swept_outline([shifted((hx, hy), -8), shifted((headx, heady), 5)], [0.8, 0.8]),
        PROP_FILL,
        PROP_OUTLINE,
    )


def _props_in_front(figure: Figure, points: Mapping[str, Point], ink: Color) -> Group:
    """Things held: drawn over the body so they read as in the hands."""
    group = Group()
    for prop in figure.props:
        if prop.kind == "band":
            group.add(_band(prop, points, ink))
        elif prop.kind == "weight":
            group.add(_weight(prop, figure, ink))
        elif prop.kind == "strap":
            hand = points["hand"] if prop.hand == "hand" else points["hand2"]
            group.add(_line(hand, points["toes"], grey(0.7), 1.1))
    return group


# --- drawings -------------------------------------------------------------------------------


def figure_art(figure: Figure, colours: dict[str, Color]) -> Group:
    """The whole figure in figure units: floor, props, body, arrows.

    A new group each time, as each drawing moves and scales its own, around shapes made once
    per figure and colours: the guide measures every figure before it draws it."""
    return Group(*_figure_shapes(figure, tuple(colours.items())))


@lru_cache(maxsize=512)
def _figure_shapes(figure: Figure, colour_items: tuple[tuple[str, Color], ...]) -> tuple[Any, ...]:
    colours = dict(colour_items)
    ink = colours["ink"]
    points = joints(figure.pose)
    shapes: list[Any] = []
    x0, _, x1, _ = figure.frame
    if figure.pose.floor:
        shapes.append(Rect(x0 + 1, -1.4, x1 - x0 - 2, 1.4, fillColor=grey(0.18), strokeColor=None))
        shapes.append(_line((x0 + 1, 0), (x1 - 1, 0), ink, 0.6))
    shapes.append(_props_behind(figure, points, ink))
    shapes.append(_body(figure, points, ink))
    shapes.append(_props_in_front(figure, points, ink))
    shapes.extend(_arrow(arrow, colours["accent"]) for arrow in figure.arrows)
    return tuple(shapes)


def figure_scale(figure: Figure, width: float, height: float) -> float:
    """Points per figure unit: the exercise's frame fitted into width × height."""
    x0, y0, x1, y1 = figure.frame
    return min(width / (x1 - x0), height / (y1 - y0))


def card_scale(figure: Figure, width: float) -> float:
    """Points per figure unit of a drawing `width` points wide (see figure_drawing). Seen from
    above, arms spread across the page; those drawings may be taller, so the lying body keeps
    its width."""
    ratio = MAX_HEIGHT_RATIO if figure.pose.floor else MAX_HEIGHT_RATIO_FROM_ABOVE
    return figure_scale(figure, width, width * ratio)


class InkDrawing(Drawing):
    """A Drawing that starts in our ink: ReportLab's starts in RGB black (0 0 0 RG), which a
    home printer may mix from colour inks, even where every shape then sets its own colour."""

    _attrMap = AttrMap(
        BASE=Drawing,
        initialStrokeColor=AttrMapValue(isColorOrNone),
        initialFillColor=AttrMapValue(isColorOrNone),
    )


def label_lines(label: str, caption: str | None, width: float, size: float) -> list[str]:
    """The words under a figure on as many lines as `width` points need: 'Hold · each side'
    on one line when it fits, else the caption on a line of its own and long labels wrapped
    (a label wider than its drawing ran into the next figure or the card's text)."""
    whole = label + (f" · {caption}" if caption else "")
    if stringWidth(whole, REGULAR, size) <= width:
        return [whole]
    parts = [label, caption] if caption else [label]
    return [line for part in parts for line in simpleSplit(part, REGULAR, size, width)]


def figure_drawing(
    figure: Figure,
    width: float,
    colours: dict[str, Color],
    label_size: float,
    caption: str | None = None,
    label_room_lines: int = 1,
) -> Drawing:
    """A Drawing `width` points wide with the label below, on `label_room_lines` lines or as
    many as it needs: the figures of one card share a line count, so that, set side by side
    on their bottom edges, they stand at one height. All positions of one exercise share a
    frame, so they come out at one scale and one height; a lying figure fills the width."""
    x0, y0, x1, y1 = figure.frame
    scale = card_scale(figure, width)
    lines = label_lines(figure.label, caption, width, label_size)
    label_room = label_size * (1.5 + LABEL_LEADING * (max(len(lines), label_room_lines) - 1))
    height = (y1 - y0) * scale + label_room
    drawing = InkDrawing(width, height)
    drawing.initialStrokeColor = drawing.initialFillColor = colours["ink"]
    # The renderer starts every drawing in Helvetica unless told otherwise: declared, unembedded.
    drawing.initialFontName = REGULAR
    drawing.initialFontSize = label_size
    art = figure_art(figure, colours)
    art.translate((width - (x1 - x0) * scale) / 2 - x0 * scale, label_room - y0 * scale)
    art.scale(scale, scale)
    drawing.add(art)
    first_baseline = label_room - label_size * 1.15  # just under the figure
    for number, line in enumerate(lines):
        drawing.add(
            String(
                0,
                first_baseline - number * LABEL_LEADING * label_size,
                line,
                fontName=REGULAR,
                fontSize=label_size,
                fillColor=colours["muted"],
            )
        )
    return drawing


def label_line_count(
    figures: Iterable[Figure], width: float, label_size: float, caption: str | None
) -> int:
    """The most lines any of these figures' labels takes at `width` points."""
    return max(len(label_lines(f.label, caption, width, label_size)) for f in figures)


def thumbnail_drawing(
    figure: Figure, width: float, height: float, colours: dict[str, Color]
) -> Drawing:
    """The figure alone, cropped to what it draws, fitted and centred in width × height points,
    without its arrows or label: at thumbnail size only the body and props read."""
    x0, y0, x1, y1 = figure_extent(replace(figure, arrows=()))
    x0, x1 = x0 - FRAME_PADDING, x1 + FRAME_PADDING
    y0, y1 = min(y0, -1.5), y1 + FRAME_PADDING
    figure = replace(figure, arrows=(), frame=(x0, y0, x1, y1))
    scale = figure_scale(figure, width, height)
    drawing = InkDrawing(width, height)
    drawing.initialStrokeColor = drawing.initialFillColor = colours["ink"]
    drawing.initialFontName = REGULAR
    art = figure_art(figure, colours)
    art.translate(
        (width - (x1 - x0) * scale) / 2 - x0 * scale, (height - (y1 - y0) * scale) / 2 - y0 * scale
    )
    art.scale(scale, scale)
    drawing.add(art)
    return drawing


DEFAULT_COLOURS = {
    "ink": grey(0.93),
    "muted": grey(0.67),
    "accent": Color(0.12, 0.37, 0.6),
}


def draw_thumbnail(
    canvas: Any,
    exercise_id: str,
    x: float,
    y: float,
    w: float,
    h: float,
    library: Any = None,
    colours: dict[str, Color] | None = None,
) -> None:
    """Draw an exercise's first position fitted into the box (x, y, w, h) of a canvas, for the
    week page. `library` defaults to the shipped one; `colours` to a dark ink with a blue
    accent (pass the layout's `look.colours`)."""
    from reportlab.graphics import renderPDF

    from planbuilder.content import default_library

    exercise = (library or default_library()).exercises[exercise_id]
    drawing = thumbnail_drawing(key_figure(exercise.figures), w, h, colours or DEFAULT_COLOURS)
    renderPDF.draw(drawing, canvas, x, y)


def key_figure(figures: tuple[Figure, ...]) -> Figure:
    """The position that shows the exercise best (`thumbnail: true` in poses.yaml), else the
    first."""
    return next((figure for figure in figures if figure.thumbnail), figures[0])


class FigureThumbnail(Flowable):
    """An exercise's first position as a flowable of a given size (see draw_thumbnail)."""

    def __init__(
        self, figure: Figure, width: float, height: float, colours: dict[str, Color] | None = None
    ) -> None:
        super().__init__()
        self.figure = figure
        self.width = width
        self.height = height
        self.colours = colours or DEFAULT_COLOURS

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        renderPDF.draw(
            thumbnail_drawing(self.figure, self.width, self.height, self.colours), self.canv, 0, 0
        )
