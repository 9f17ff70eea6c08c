"""Draws exercise figures as vector line drawings (ReportLab graphics, no bitmaps).

One style everywhere: a round head and thick round-capped limbs, the far-side arm and leg in
grey behind the body, a floor line, props in thin outline, movement arrows with a small head.
Everything is outline or small marks, so it prints well in black and white at any size.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Path,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.colors import Color
from reportlab.lib.validators import isColorOrNone

from planbuilder.poses import FRAME_WIDTH, HEAD_RADIUS, Figure, figure_extent, joints
from planbuilder.render.fonts import REGULAR
from planbuilder.render.styles import WHITE, grey

LIMB_WIDTH = 2.6  # in figure units; scaled with the drawing
PROP_WIDTH = 0.9


def _line(a: tuple[float, float], b: tuple[float, float], colour: Color, width: float) -> Line:
    return Line(a[0], a[1], b[0], b[1], strokeColor=colour, strokeWidth=width, strokeLineCap=1)


def _arrow(start: tuple[float, float], end: tuple[float, float], colour: Color) -> Group:
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    size = 3.2
    left = (end[0] - size * math.cos(angle - 0.45), end[1] - size * math.sin(angle - 0.45))
    right = (end[0] - size * math.cos(angle + 0.45), end[1] - size * math.sin(angle + 0.45))
    shaft_end = (end[0] - size * 0.7 * math.cos(angle), end[1] - size * 0.7 * math.sin(angle))
    group = Group(_line(start, shaft_end, colour, 1.1))
    group.add(
        Polygon(
            [end[0], end[1], left[0], left[1], right[0], right[1]],
            fillColor=colour,
            strokeColor=colour,
            strokeWidth=0.3,
        )
    )
    return group


def _props(figure: Figure, points: dict, ink: Color, muted: Color) -> Group:
    group = Group()
    props = figure.props
    if "cushion" in props:
        x, width = props["cushion"]
        group.add(
            Rect(
                x,
                0,
                width,
                3.5,
                rx=1.5,
                ry=1.5,
                fillColor=None,
                strokeColor=muted,
                strokeWidth=PROP_WIDTH,
            )
        )
    if "table" in props:
        x, width, height = props["table"]
        group.add(_line((x, height), (x + width, height), muted, 1.6))
        for leg_x in (x + 1.5, x + width - 1.5):
            group.add(_line((leg_x, height), (leg_x, 0), muted, PROP_WIDTH))
    if "bar" in props:
        x, y = props["bar"]
        group.add(_line((x - 12, y), (x + 12, y), muted, 1.4))
    if "band" in props:
        x, y = props["band"]
        group.add(_line((x, 0), (x, y + 8), muted, PROP_WIDTH))  # the door or rail
        group.add(
            Rect(
                x - 1.2,
                y - 1.2,
                2.4,
                2.4,
                fillColor=None,
                strokeColor=muted,
                strokeWidth=PROP_WIDTH,
            )
        )
        for hand in ("hand", "hand2"):
            group.add(_line((x, y), points[hand], ink, 0.7))
    if "stick" in props:
        hip, head = points["hip"], points["head"]
        dx, dy = head[0] - hip[0], head[1] - hip[1]
        length = math.hypot(dx, dy) or 1
        # along the back, a little behind it
        off = (-dy / length * 4.2, dx / length * 4.2)
        if off[1] < 0:
            off = (-off[0], -off[1])
        group.add(
            _line(
                (hip[0] + off[0] - dx * 0.12, hip[1] + off[1] - dy * 0.12),
                (head[0] + off[0], head[1] + off[1]),
                muted,
                1.4,
            )
        )
    if props.get("strap"):
        group.add(_line(points["hand"], points["foot"], muted, 0.9))
    if "weight" in props:
        hx, hy = points["hand"]
        kind = props["weight"]
        if kind == "barbell":
            group.add(Circle(hx, hy, 6.5, fillColor=None, strokeColor=ink, strokeWidth=1.0))
        elif kind == "kettlebell":
            group.add(Circle(hx, hy - 3.5, 3.2, fillColor=None, strokeColor=ink, strokeWidth=1.0))
            group.add(_line((hx - 1.2, hy), (hx + 1.2, hy), ink, 0.8))
        else:
            group.add(_line((hx - 3, hy), (hx + 3, hy), ink, 1.2))
            for end in (hx - 3, hx + 3):
                group.add(
                    Rect(
                        end - 0.9, hy - 2, 1.8, 4, fillColor=None, strokeColor=ink, strokeWidth=0.8
                    )
                )
    return group


def _spine(points: dict, ink: Color) -> Path:
    """The back from hip to shoulder, curved through the spine point when the pose bends it."""
    (hx, hy), (sx, sy), (mx, my) = points["hip"], points["shoulder"], points["spine"]
    # the quadratic curve through the middle point, written as a cubic Bézier
    cx, cy = 2 * mx - (hx + sx) / 2, 2 * my - (hy + sy) / 2
    path = Path(strokeColor=ink, strokeWidth=LIMB_WIDTH * 2, strokeLineCap=1, fillColor=None)
    path.moveTo(hx, hy)
    path.curveTo(
        hx + 2 / 3 * (cx - hx),
        hy + 2 / 3 * (cy - hy),
        sx + 2 / 3 * (cx - sx),
        sy + 2 / 3 * (cy - sy),
        sx,
        sy,
    )
    return path


def _body(points: dict, ink: Color, far: Color) -> Group:
    group = Group()
    # Far side first, in grey, so the near side is drawn over it.
    for side, colour in (("2", far), ("", ink)):
        if not side:  # the trunk goes between the far and the near limbs
            group.add(_spine(points, ink))
        for chain in (("shoulder", "elbow", "hand"), ("hip", "knee", "foot", "toes")):
            names = [chain[0]] + [f"{name}{side}" for name in chain[1:]]
            coordinates = [value for name in names for value in points[name]]
            group.add(
                PolyLine(
                    coordinates,
                    strokeColor=colour,
                    strokeWidth=LIMB_WIDTH,
                    strokeLineCap=1,
                    strokeLineJoin=1,
                )
            )
    hx, hy = points["head"]
    group.add(
        Circle(
            hx,
            hy,
            HEAD_RADIUS,
            fillColor=WHITE,
            strokeColor=ink,
            strokeWidth=LIMB_WIDTH * 0.6,
        )
    )
    return group


class InkDrawing(Drawing):
    """A Drawing that starts in our ink: ReportLab's starts in RGB black (0 0 0 RG), which a
    home printer may mix from colour inks, even where every shape then sets its own colour."""

    _attrMap = AttrMap(
        BASE=Drawing,
        initialStrokeColor=AttrMapValue(isColorOrNone),
        initialFillColor=AttrMapValue(isColorOrNone),
    )


def figure_drawing(
    figure: Figure,
    width: float,
    colours: dict[str, Color],
    label_size: float,
    caption: str | None = None,
) -> Drawing:
    """A Drawing `width` points wide; its height follows the figure (lying ones are low)."""
    low, high = figure_extent(figure)
    low = min(low, -1.5)
    scale = width / FRAME_WIDTH
    label_room = label_size * 1.5
    height = (high - low + 3) * scale + label_room
    drawing = InkDrawing(width, height)
    # The renderer starts every drawing in Helvetica unless told otherwise: declared, unembedded.
    drawing.initialFontName = REGULAR
    drawing.initialFontSize = label_size
    drawing.initialStrokeColor = drawing.initialFillColor = colours["ink"]
    art = Group()
    art.translate(0, label_room - low * scale)
    art.scale(scale, scale)
    ink, muted = colours["ink"], colours["muted"]
    far = grey(0.38)  # the limbs further from the eye
    points = joints(figure.pose)
    art.add(_line((2, 0), (FRAME_WIDTH - 2, 0), muted, 0.8))  # the floor
    art.add(_props(figure, points, ink, muted))
    art.add(_body(points, ink, far))
    for start, end in figure.arrows:
        art.add(_arrow(start, end, colours["accent"]))
    drawing.add(art)
    text = figure.label + (f" · {caption}" if caption else "")
    drawing.add(
        String(0, label_size * 0.35, text, fontName=REGULAR, fontSize=label_size, fillColor=muted)
    )
    return drawing
