"""Finding the page in a picture: its four corner markers, then its QR code.

The markers' ids say which corner is which, so a page photographed sideways or scanned
upside down is turned the right way by the same sum as a straight one. Their sixteen corners
give the perspective (a homography) from the picture to the page, in points; with it the QR
code is cut out, straightened and decoded.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from planbuilder.pagemarks import (
    MM,
    QR_MODULES,
    Square,
    marker_squares,
    parse_page_code,
    qr_square,
)

# Markers are looked for in a picture no larger than this (pixels, long side): a 12 MP photo
# takes a quarter of the time, and a 7 mm marker still spans 50 pixels or more.
DETECT_LONG_SIDE = 2400
QR_PIXELS_PER_MM = 16
QR_MARGIN = 2 * MM
# Pixels a module is sampled at, and drawn at when the code is redrawn clean for the decoder.
MODULE_PIXELS = 8


@dataclass(frozen=True)
class Located:
    """A page found in a picture: which plan and page, and the homography that maps the
    picture's pixels to page points (y down from the top of the page)."""

    plan_id: str
    page: int
    to_page: np.ndarray
    page_size: tuple[float, float]
    markers: dict[int, np.ndarray]

    def on_paper(self, size: tuple[float, float]) -> Located:
        """The same page, its geometry taken for paper of `size` (the plan's own page size,
        once the code has said which plan and page it is)."""
        if size == self.page_size:
            return self
        return Located(self.plan_id, self.page, homography(self.markers, size), size, self.markers)


@dataclass(frozen=True)
class NotFound:
    """Why no page was found in a picture, in words for the person."""

    reason: str


def _detector() -> cv2.aruco.ArucoDetector:
    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    parameters = cv2.aruco.DetectorParameters()
    parameters.cornerRefinementMethod = cv2.aruco.CORNER_REFINE_SUBPIX
    # A phone's blur and perspective smear the cells: sample each cell finer and forgive
    # more of the black border than the defaults do (ids 0-3 alone are accepted anyway).
    parameters.perspectiveRemovePixelPerCell = 10
    parameters.perspectiveRemoveIgnoredMarginPerCell = 0.2
    parameters.maxErroneousBitsInBorderRate = 0.5
    return cv2.aruco.ArucoDetector(dictionary, parameters)


def find_markers(grey: np.ndarray) -> dict[int, np.ndarray]:
    """Corner markers 0-3 found in the picture: id → its four corners (pixels, 4x2)."""
    scale = min(1.0, DETECT_LONG_SIDE / max(grey.shape))
    small = (
        grey
        if scale == 1.0
        else cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    )
    detector = _detector()
    corners, ids, _ = detector.detectMarkers(small)
    if (ids is None or len(ids) < 4) and scale < 1.0:
        corners, ids, _ = detector.detectMarkers(grey)  # small markers: try every pixel
        scale = 1.0
    found: dict[int, np.ndarray] = {}
    for marker_id, points in zip([] if ids is None else ids.ravel(), corners, strict=True):
        if int(marker_id) in (0, 1, 2, 3) and int(marker_id) not in found:
            found[int(marker_id)] = points.reshape(4, 2) / scale
    return found


def homography(markers: dict[int, np.ndarray], page_size: tuple[float, float]) -> np.ndarray:
    """Picture pixels → page points (top-down) from every corner of every marker found."""
    width, height = page_size
    squares = marker_squares(width, height)
    source = np.concatenate([markers[i] for i in sorted(markers)]).astype(np.float32)
    target = np.array(
        [corner for i in sorted(markers) for corner in squares[i].corners_top_down(height)],
        dtype=np.float32,
    )
    # RANSAC drops a marker that was misread (its corners disagree with the others).
    matrix, _ = cv2.findHomography(source, target, cv2.RANSAC if len(markers) > 2 else 0, 2.0)
    return np.asarray(matrix, dtype=np.float64)


def cut_square(
    grey: np.ndarray,
    to_page: np.ndarray,
    square: Square,
    page_height: float,
    margin: float,
    pixels_per_point: float,
) -> np.ndarray:
    """The picture's view of a square of the page (plus a margin), straightened."""
    left = square.x - margin
    top = page_height - (square.y + square.size) - margin
    side = square.size + 2 * margin
    shift = np.array(
        [
            [pixels_per_point, 0, -left * pixels_per_point],
            [0, pixels_per_point, -top * pixels_per_point],
            [0, 0, 1],
        ]
    )
    size = int(round(side * pixels_per_point))
    return cv2.warpPerspective(
        grey, shift @ to_page, (size, size), flags=cv2.INTER_AREA, borderValue=255
    )


def read_code(picture: np.ndarray) -> str | None:
    """The QR code's text: zxing-cpp, which reads blurred and badly lit codes that OpenCV's
    reader misses, first as photographed and then sharpened (an unsharp mask undoes a
    little of a phone's blur)."""
    import zxingcpp

    sharpened = cv2.addWeighted(picture, 2.0, cv2.GaussianBlur(picture, (0, 0), 2), -1.0, 0)
    larger = cv2.resize(picture, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    sharper = cv2.addWeighted(larger, 2.0, cv2.GaussianBlur(larger, (0, 0), 3), -1.0, 0)
    for candidate in (picture, sharpened, sharper):
        for result in zxingcpp.read_barcodes(
            candidate, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        ):
            if result.text:
                return str(result.text)
    return None


def _finder() -> np.ndarray:
    """A QR finder pattern (7x7 modules: dark ring, light ring, dark 3x3) with a light
    module around it, at MODULE_PIXELS a module."""
    rings = np.full((9, 9), 255, np.uint8)
    rings[1:8, 1:8] = 0
    rings[2:7, 2:7] = 255
    rings[3:6, 3:6] = 0
    return np.kron(rings, np.ones((MODULE_PIXELS, MODULE_PIXELS), np.uint8))


FINDER_MIDDLES = ((3.5, 3.5), (QR_MODULES - 3.5, 3.5), (3.5, QR_MODULES - 3.5))


def sample_code(
    grey: np.ndarray, to_page: np.ndarray, square: Square, page_height: float
) -> np.ndarray:
    """The QR code's modules (True = dark). Its three finder patterns are found near where
    the markers put them, which fixes the grid of its 21x21 modules exactly; each module is
    sampled at its middle and called dark or light against the code's own contrast. Blur
    that smears a 7 mm code beyond a decoder's reach leaves the middles readable."""
    margin_modules = 3
    per_point = MODULE_PIXELS * QR_MODULES / square.size
    cut = cut_square(
        grey, to_page, square, page_height, margin_modules * square.size / QR_MODULES, per_point
    )
    smooth = cv2.GaussianBlur(cut, (0, 0), MODULE_PIXELS / 4)
    template = _finder()
    found = []
    for column, row in FINDER_MIDDLES:
        x = (column + margin_modules) * MODULE_PIXELS
        y = (row + margin_modules) * MODULE_PIXELS
        reach = int(2.5 * MODULE_PIXELS)
        half = template.shape[0] / 2
        top, left = int(y - half - reach), int(x - half - reach)
        window = smooth[max(top, 0) : int(y + half + reach), max(left, 0) : int(x + half + reach)]
        if window.shape[0] < template.shape[0] or window.shape[1] < template.shape[1]:
            found.append((x, y))
            continue
        scores = cv2.matchTemplate(window, template, cv2.TM_CCOEFF_NORMED)
        _, _, _, (best_x, best_y) = cv2.minMaxLoc(scores)
        found.append((max(left, 0) + best_x + half, max(top, 0) + best_y + half))
    modules = np.array(FINDER_MIDDLES, dtype=np.float32)
    to_cut = cv2.getAffineTransform(modules, np.array(found, dtype=np.float32))
    grid = to_cut @ np.diag([1 / MODULE_PIXELS, 1 / MODULE_PIXELS, 1.0])
    size = MODULE_PIXELS * QR_MODULES
    straight = cv2.warpAffine(
        cut, grid, (size, size), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderValue=255
    )
    # An unsharp mask takes back some of the blur that spreads each module into the next.
    soft = cv2.GaussianBlur(straight.astype(np.float32), (0, 0), MODULE_PIXELS * 0.75)
    straight = np.clip(2.5 * straight - 1.5 * soft, 0, 255)
    cells = straight.reshape(QR_MODULES, MODULE_PIXELS, QR_MODULES, MODULE_PIXELS)
    low, high = MODULE_PIXELS * 3 // 8, MODULE_PIXELS - MODULE_PIXELS * 3 // 8
    middles = cells[:, low:high, :, low:high].mean(axis=(1, 3))
    level, _ = cv2.threshold(
        middles.astype(np.uint8).reshape(1, -1), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU
    )
    return np.asarray(middles <= level)


def draw_modules(dark: np.ndarray) -> np.ndarray:
    """A crisp picture of a QR code from its modules (True = dark), with its quiet zone."""
    light = np.where(dark, 0, 255).astype(np.uint8)
    clean = np.kron(light, np.ones((MODULE_PIXELS, MODULE_PIXELS), np.uint8))
    quiet = 4 * MODULE_PIXELS
    return cv2.copyMakeBorder(clean, quiet, quiet, quiet, quiet, cv2.BORDER_CONSTANT, value=255)


# A code too blurred to decode is matched against the codes the plan's own pages carry: it
# is taken for the nearest only when few modules differ from it (two pages of one plan
# differ in 40 or more, two plans in 100 or more) and clearly fewer than from any other.
MATCH_AT_MOST = 30
MATCH_MARGIN = 16


def nearest_code(dark: np.ndarray, expected: dict[str, np.ndarray]) -> str | None:
    distances = sorted((int((dark != modules).sum()), text) for text, modules in expected.items())
    if not distances or distances[0][0] > MATCH_AT_MOST:
        return None
    if len(distances) > 1 and distances[1][0] - distances[0][0] < MATCH_MARGIN:
        return None
    return distances[0][1]


def locate(
    grey: np.ndarray,
    sizes: list[tuple[float, float]],
    expected: dict[str, np.ndarray] | None = None,
) -> Located | NotFound:
    """The page in the picture, trying each paper size the page may have been printed on.
    `expected`: the codes (text → modules) of the pages the picture should show."""
    markers = find_markers(grey)
    if len(markers) < 2:
        return NotFound(
            f"found {len(markers)} of the 4 black corner squares; photograph the whole page, "
            "flat, in good light"
        )
    for size in sizes:
        to_page = homography(markers, size)
        square = qr_square(size[0])
        dark = sample_code(grey, to_page, square, size[1])
        text = (
            read_code(draw_modules(dark))
            or read_code(
                cut_square(grey, to_page, square, size[1], QR_MARGIN, QR_PIXELS_PER_MM / MM)
            )
            or nearest_code(dark, expected or {})
        )
        code = parse_page_code(text) if text else None
        if code:
            return Located(code[0], code[1], to_page, size, markers)
    return NotFound(
        "found the corner squares but could not read the small QR code at the bottom of the "
        "page; make sure it is sharp and not covered"
    )
