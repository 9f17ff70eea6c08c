"""Reading each box of a found page: ticked, empty, or unsure.

The boxes' places come from the plan's own form fields, which lie exactly over the drawn
boxes, so the reader follows whatever the page looks like. The page is straightened to a
fixed resolution, the light evened out (each pixel divided by the paper's brightness around
it), and each box's drawn border found within a few pixels of where it should be (paper is
never quite flat); then the share of ink inside the border decides.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import cv2
import numpy as np

# The straightened page: 200 pixels an inch, enough for a 4 mm box to be 33 pixels wide.
PIXELS_PER_POINT = 200 / 72
# A pixel is ink when darker than this share of the paper's brightness around it.
INK_LEVEL = 0.62
# Share of a box's inside covered with ink: above TICKED it is ticked, below EMPTY it is
# empty, and in between we say we are unsure and ask the person to look.
TICKED = 0.06
EMPTY = 0.025
# How far (in box sides) the inside is taken in from the drawn border, which is not ink.
INSET = 0.2
# How far (pixels) a box's border is looked for around where the plan says it is.
SEARCH = 6


class State(enum.StrEnum):
    TICKED = "ticked"
    EMPTY = "empty"
    UNSURE = "unsure"


@dataclass(frozen=True, slots=True)
class Box:
    """A box to read: its field name, kind ("checkbox", "text" or "radio", a pain circle)
    and PDF rectangle."""

    name: str
    kind: str
    rect: tuple[float, float, float, float]
    value: str = ""  # a pain circle's number; its group is the name


@dataclass(frozen=True, slots=True)
class Reading:
    name: str
    kind: str
    state: State
    ink: float  # the share of the box's inside covered with ink
    value: str = ""  # a pain circle's number


def straighten(grey: np.ndarray, to_page: np.ndarray, page_size: tuple[float, float]) -> np.ndarray:
    """The page alone, as if scanned flat at PIXELS_PER_POINT, from any picture of it.

    A picture much finer than that is first shrunk by averaging, so thin pen strokes fade a
    little rather than vanish between sampled pixels."""
    scale = np.diag([PIXELS_PER_POINT, PIXELS_PER_POINT, 1.0]) @ to_page
    shrink = _pixels_per_target_pixel(scale, grey.shape) / 1.5
    if shrink > 1.0:
        grey = cv2.resize(grey, None, fx=1 / shrink, fy=1 / shrink, interpolation=cv2.INTER_AREA)
        scale = scale @ np.diag([shrink, shrink, 1.0])
    size = (
        int(round(page_size[0] * PIXELS_PER_POINT)),
        int(round(page_size[1] * PIXELS_PER_POINT)),
    )
    return cv2.warpPerspective(grey, scale, size, flags=cv2.INTER_LINEAR, borderValue=255)


def _pixels_per_target_pixel(matrix: np.ndarray, shape: tuple[int, ...]) -> float:
    """How many picture pixels fall on one pixel of the straightened page (at its middle)."""
    inverse = np.linalg.inv(matrix)
    middle = np.array([[[shape[1] / 2, shape[0] / 2]]], dtype=np.float64)
    at = cv2.perspectiveTransform(middle, matrix)[0, 0]
    probe = np.array([[at, at + (1.0, 0.0), at + (0.0, 1.0)]], dtype=np.float64)
    back = cv2.perspectiveTransform(probe, inverse)[0]
    (ax, ay), (bx, by) = back[1] - back[0], back[2] - back[0]
    return float(np.sqrt(abs(ax * by - ay * bx)))


def ink_map(page: np.ndarray, largest_box: float) -> np.ndarray:
    """True where there is ink, whatever the light: each pixel against the brightest paper
    within a little more than a box's width (a filled box is not mistaken for shade)."""
    factor = 4
    small = cv2.resize(page, None, fx=1 / factor, fy=1 / factor, interpolation=cv2.INTER_AREA)
    reach = int(largest_box / factor) * 2 + 3
    paper = cv2.dilate(small, np.ones((reach, reach), np.uint8))
    paper = cv2.blur(paper, (reach, reach))
    paper = cv2.resize(paper, (page.shape[1], page.shape[0]), interpolation=cv2.INTER_LINEAR)
    return page.astype(np.float32) < INK_LEVEL * np.maximum(paper.astype(np.float32), 1.0)


def read_boxes(page: np.ndarray, page_height: float, boxes: list[Box]) -> list[Reading]:
    """Every box of a straightened page read."""
    if not boxes:
        return []
    largest = max(max(b.rect[2] - b.rect[0], b.rect[3] - b.rect[1]) for b in boxes)
    ink = ink_map(page, largest * PIXELS_PER_POINT)
    return [_read_box(ink, page_height, box) for box in boxes]


def _read_box(ink: np.ndarray, page_height: float, box: Box) -> Reading:
    x0, y0, x1, y1 = box.rect
    left, right = x0 * PIXELS_PER_POINT, x1 * PIXELS_PER_POINT
    top, bottom = (page_height - y1) * PIXELS_PER_POINT, (page_height - y0) * PIXELS_PER_POINT
    dx, dy = _border_shift(ink, left, top, right, bottom)
    inset_x, inset_y = INSET * (right - left), INSET * (bottom - top)
    inside = ink[
        max(int(round(top + dy + inset_y)), 0) : max(int(round(bottom + dy - inset_y)), 1),
        max(int(round(left + dx + inset_x)), 0) : max(int(round(right + dx - inset_x)), 1),
    ]
    share = float(inside.mean()) if inside.size else 0.0
    state = State.TICKED if share >= TICKED else State.EMPTY if share < EMPTY else State.UNSURE
    return Reading(box.name, box.kind, state, share, box.value)


def _border_shift(
    ink: np.ndarray, left: float, top: float, right: float, bottom: float
) -> tuple[int, int]:
    """Where the drawn border really is, near where the plan puts it: the shift that lays
    the most ink under the box's four sides."""
    a, b = int(round(top)) - SEARCH, int(round(bottom)) + SEARCH + 1
    c, d = int(round(left)) - SEARCH, int(round(right)) + SEARCH + 1
    if a < 0 or c < 0 or b > ink.shape[0] or d > ink.shape[1]:
        return 0, 0
    window = ink[a:b, c:d].astype(np.float32)
    columns, rows = window.sum(axis=0), window.sum(axis=1)
    width, height = d - c - 2 * SEARCH - 1, b - a - 2 * SEARCH - 1
    shifts = range(2 * SEARCH + 1)
    dx = max(shifts, key=lambda s: _edges(columns, s, width))
    dy = max(shifts, key=lambda s: _edges(rows, s, height))
    return dx - SEARCH, dy - SEARCH


def _edges(profile: np.ndarray, start: int, length: int) -> float:
    """Ink along two parallel sides `length` apart, each allowed a pixel either way."""
    first = profile[max(start - 1, 0) : start + 2].max()
    second = profile[max(start + length - 1, 0) : start + length + 2].max()
    return float(first + second) - 0.01 * abs(start - SEARCH)
