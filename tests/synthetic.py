"""Synthetic photographs and scans of ticked plan pages, for testing and benchmarking `scan`.

A real page of a real plan is rendered (pdftoppm), ticked with pen-like strokes at the boxes'
places (taken from the PDF's form fields), then photographed in simulation: turned, seen in
perspective, lit unevenly, blurred, noised and saved as JPEG at quality 60. Scans are
rendered at 150 or 300 dpi, slightly skewed, sometimes upside down. Every picture comes with
the truth: which boxes were ticked.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

from planbuilder.scan.boxes import Box
from planbuilder.scan.images import Picture

INK_COLOURS = ((30, 30, 30), (140, 40, 20), (20, 20, 120))  # BGR: black, blue, red-ish pens


@dataclass
class Sample:
    picture: Picture
    ticked: dict[str, bool]  # checkbox name → ticked by the "pen"
    kind: str


def render_page(pdf: Path, page: int, dpi: int) -> np.ndarray:
    """One page of the PDF as a colour picture (pdftoppm, as a printer would see it). Read
    only: the same page is rendered once per process (pdftoppm takes 0.5-1 s a page), and
    whoever draws on it draws on a copy, as `tick_page` does."""
    stat = pdf.stat()
    return _rendered(str(pdf.resolve()), stat.st_mtime_ns, stat.st_size, page, dpi)


@cache
def _rendered(pdf: str, _mtime: int, _size: int, page: int, dpi: int) -> np.ndarray:
    with tempfile.TemporaryDirectory() as folder:
        stem = Path(folder) / "page"
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile"]
            + [pdf, str(stem)],
            check=True,
        )
        image = cv2.imread(f"{stem}.png", cv2.IMREAD_COLOR)
    image.setflags(write=False)
    return image


def box_pixels(box: Box, dpi: int, page_height: float) -> tuple[float, float, float, float]:
    s = dpi / 72
    x0, y0, x1, y1 = box.rect
    return x0 * s, (page_height - y1) * s, x1 * s, (page_height - y0) * s


def tick_page(
    image: np.ndarray,
    boxes: list[Box],
    dpi: int,
    page_height: float,
    rng: np.random.Generator,
    share: float,
    strays: int = 3,
) -> tuple[np.ndarray, dict[str, bool]]:
    """Tick about `share` of the checkboxes with pen-like marks; add stray marks elsewhere."""
    image = image.copy()
    truth: dict[str, bool] = {}
    pen = dpi / 150
    for box in boxes:
        if box.kind != "checkbox":
            continue
        ticked = bool(rng.random() < share)
        truth[box.name] = ticked
        if ticked:
            colour = INK_COLOURS[rng.integers(len(INK_COLOURS))]
            _mark(image, box_pixels(box, dpi, page_height), rng, colour, pen)
    for _ in range(strays):
        _stray(image, boxes, dpi, page_height, rng, pen)
    return image, truth


def _mark(
    image: np.ndarray,
    rect: tuple[float, float, float, float],
    rng: np.random.Generator,
    colour: tuple[int, int, int],
    pen: float,
) -> None:
    x0, y0, x1, y1 = rect
    w, h = x1 - x0, y1 - y0

    def at(u: float, v: float) -> tuple[int, int]:
        jitter = rng.normal(0, 0.06, 2)
        return int(x0 + (u + jitter[0]) * w), int(y0 + (v + jitter[1]) * h)

    thickness = max(1, int(round(rng.uniform(1.5, 3.0) * pen)))
    style = rng.choice(["tick", "tick", "cross", "fill", "slash"])
    if style == "tick":
        points = np.array([at(0.15, 0.5), at(0.42, 0.85), at(1.05, -0.15)], np.int32)
        cv2.polylines(image, [points], False, colour, thickness, cv2.LINE_AA)
    elif style == "cross":
        cv2.line(image, at(0.1, 0.1), at(0.9, 0.9), colour, thickness, cv2.LINE_AA)
        cv2.line(image, at(0.9, 0.1), at(0.1, 0.9), colour, thickness, cv2.LINE_AA)
    elif style == "slash":
        cv2.line(image, at(0.05, 0.95), at(0.95, 0.05), colour, thickness + 1, cv2.LINE_AA)
    else:
        for v in np.linspace(0.15, 0.85, 6):
            cv2.line(image, at(0.1, v), at(0.9, v + 0.05), colour, thickness + 1, cv2.LINE_AA)


def _stray(
    image: np.ndarray,
    boxes: list[Box],
    dpi: int,
    page_height: float,
    rng: np.random.Generator,
    pen: float,
) -> None:
    """A pen mark that enters no box: a line in a margin, a doodle near a box, a dot."""
    height, width = image.shape[:2]
    rects = [box_pixels(b, dpi, page_height) for b in boxes]
    for _ in range(50):
        x, y = rng.uniform(0.08, 0.92) * width, rng.uniform(0.1, 0.9) * height
        dx, dy = rng.normal(0, 0.04 * width, 2)
        end = (x + dx, y + dy)
        margin = 3 * pen
        if not any(_touches((x, y), end, r, margin) for r in rects):
            cv2.line(
                image,
                (int(x), int(y)),
                (int(end[0]), int(end[1])),
                INK_COLOURS[0],
                max(1, int(2 * pen)),
                cv2.LINE_AA,
            )
            return


def _touches(
    a: tuple[float, float],
    b: tuple[float, float],
    rect: tuple[float, float, float, float],
    margin: float,
) -> bool:
    x0, y0, x1, y1 = rect
    for t in np.linspace(0, 1, 40):
        x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
        if x0 - margin <= x <= x1 + margin and y0 - margin <= y <= y1 + margin:
            return True
    return False


def photograph(page: np.ndarray, rng: np.random.Generator, long_side: int = 4000) -> np.ndarray:
    """A hand-held phone's view: turned up to 20°, in perspective, on a table, lit unevenly,
    a little out of focus, noisy, saved as JPEG at quality 60. Returns grey pixels."""
    h, w = page.shape[:2]
    out_h, out_w = long_side, int(long_side * 0.75)
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    centre = np.array([out_w / 2, out_h / 2]) + rng.normal(0, 0.02 * out_w, 2)
    scale = rng.uniform(0.75, 0.92) * min(out_w / w, out_h / h)
    angle = np.deg2rad(rng.uniform(-20, 20))
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    placed = (corners - [w / 2, h / 2]) * scale @ rotation.T + centre
    placed += rng.normal(0, 0.025 * out_w, placed.shape)  # the phone is not held square
    placed = _inside(placed, out_w, out_h)  # a person frames the whole page
    matrix = cv2.getPerspectiveTransform(corners, placed.astype(np.float32))
    table = np.full((out_h, out_w, 3), rng.integers(60, 140), np.uint8)
    photo = cv2.warpPerspective(
        page, matrix, (out_w, out_h), dst=table, borderMode=cv2.BORDER_TRANSPARENT
    )
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY).astype(np.float32)
    grey *= _light(rng, out_w, out_h)
    grey = cv2.GaussianBlur(grey, (0, 0), rng.uniform(0.6, 1.4))
    grey += rng.standard_normal(grey.shape, dtype=np.float32) * rng.uniform(2, 6)
    return _jpeg(np.clip(grey, 0, 255).astype(np.uint8), 60)


def _light(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """Light falling off across the page, and a soft shadow (of the phone, a hand)."""
    small_w, small_h = width // 8, height // 8
    yy, xx = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    direction = rng.normal(0, 1, 2)
    slope = (xx * direction[0] + yy * direction[1]) / (np.hypot(*direction) * max(small_h, small_w))
    spread = max(float(np.ptp(slope)), 1e-6)
    light = 0.45 + 0.35 * (slope - slope.min()) / spread * rng.uniform(0.5, 1.0)
    at = rng.uniform(0, 1, 2) * [small_w, small_h]
    shadow = 1 - 0.25 * np.exp(
        -((xx - at[0]) ** 2 + (yy - at[1]) ** 2) / (2 * (0.25 * small_w) ** 2)
    )
    field = (light * shadow).astype(np.float32)
    return cv2.resize(field, (width, height), interpolation=cv2.INTER_LINEAR)


def _inside(points: np.ndarray, width: int, height: int) -> np.ndarray:
    """The page's corners shrunk about their centre until they lie 2 % inside the frame."""
    centre = points.mean(axis=0)
    spread = np.abs(points - centre).max(axis=0)
    room = np.array([width, height]) * 0.48 - np.abs(centre - [width / 2, height / 2])
    factor = min(1.0, float((room / spread).min()))
    return (points - centre) * factor + centre


def scan(page: np.ndarray, rng: np.random.Generator, upside_down: bool) -> np.ndarray:
    """A flatbed scan: a degree or so of skew, maybe upside down, a little noise, JPEG."""
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    h, w = grey.shape
    angle = rng.uniform(-1.5, 1.5) + (180 if upside_down else 0)
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    grey = cv2.warpAffine(grey, matrix, (w, h), borderValue=250)
    noisy = grey.astype(np.float32) + rng.normal(0, 3, grey.shape)
    return _jpeg(np.clip(noisy, 0, 255).astype(np.uint8), 75)


def _jpeg(grey: np.ndarray, quality: int) -> np.ndarray:
    ok, data = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
