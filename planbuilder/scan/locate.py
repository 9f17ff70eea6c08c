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

from planbuilder.pagemarks import MM, Square, marker_squares, parse_page_code, qr_square

# Markers are looked for in a picture no larger than this (pixels, long side): a 12 MP photo
# takes a quarter of the time, and a 7 mm marker still spans 50 pixels or more.
DETECT_LONG_SIDE = 2400
QR_PIXELS_PER_MM = 12
QR_MARGIN = 3 * MM


@dataclass(frozen=True)
class Located:
    """A page found in a picture: which plan and page, and the homography that maps the
    picture's pixels to page points (y down from the top of the page)."""

    plan_id: str
    page: int
    to_page: np.ndarray
    page_size: tuple[float, float]


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


def locate(grey: np.ndarray, sizes: list[tuple[float, float]]) -> Located | NotFound:
    """The page in the picture, trying each paper size the page may have been printed on."""
    markers = find_markers(grey)
    if len(markers) < 2:
        return NotFound(
            f"found {len(markers)} of the 4 black corner squares; photograph the whole page, "
            "flat, in good light"
        )
    for size in sizes:
        to_page = homography(markers, size)
        qr = cut_square(
            grey, to_page, qr_square(size[0]), size[1], QR_MARGIN, QR_PIXELS_PER_MM / MM
        )
        text = read_code(qr)
        code = parse_page_code(text) if text else None
        if code:
            return Located(code[0], code[1], to_page, size)
    return NotFound(
        "found the corner squares but could not read the small QR code at the "
        "bottom of the page; make sure it is sharp and not covered"
    )
