"""Where a camera finds its bearings on a page with tick boxes: the contract between the
drawing (render/markers.py) and the reading (scan/).

Four corner markers (ArUco 4x4 markers 0-3, a pattern OpenCV finds quickly and without
mistaking them for anything else) tell the reader where the page is and which way up it
lies; a small QR code says which plan and which page it is. All positions are in PDF points
from the page's bottom-left corner, measured from the page size alone, so the reader can
find them on any paper size without knowing the layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MM = 72 / 25.4

# Printers may not reach the outer 12 mm (layout.py's MIN_MARGIN_MM): nothing there.
# The marks live in a 7 mm band just inside that, at the top and at the bottom (in line with
# the footer, whose texts move in to clear the markers), so a page loses little room: the
# compact layout still fits two short weeks on a page.
EDGE = 12 * MM
MARKER = 5.5 * MM
QR = 7 * MM
# Version 1 QR codes are 21 modules a side (page_code keeps to it); the reader samples them.
QR_MODULES = 21
BAND = 7 * MM
# Where the page's text may begin and end on a page that carries the marks.
TOP_BAND = EDGE + BAND
BOTTOM_BAND = EDGE + BAND
# How far in from the page's sides the footer's texts start, to clear the bottom markers.
FOOTER_INDENT = EDGE + MARKER + 2 * MM

# Inner 4x4 cells of ArUco DICT_4X4_50 markers 0-3, row by row from the top, 1 = black.
# (Taken once from cv2.aruco.generateImageMarker; drawn inside a one-cell black border.)
MARKER_BITS: dict[int, tuple[str, str, str, str]] = {
    0: ("0100", "1010", "1100", "1101"),
    1: ("1111", "0000", "0110", "0101"),
    2: ("1100", "1100", "1101", "0010"),
    3: ("0110", "0110", "1011", "1001"),
}
TOP_LEFT, TOP_RIGHT, BOTTOM_RIGHT, BOTTOM_LEFT = 0, 1, 2, 3

# Paper sizes a plan is printed on (points), to try when an image's page size is unknown.
PAPER_SIZES = {"a4": (595.2756, 841.8898), "letter": (612.0, 792.0)}


@dataclass(frozen=True, slots=True)
class Square:
    """A square on the page: its bottom-left corner and side, in points."""

    x: float
    y: float
    size: float

    def corners_top_down(self, page_height: float) -> list[tuple[float, float]]:
        """Its corners as an image sees them (y down from the top), clockwise from the top
        left: the order OpenCV gives a marker's corners in."""
        top = page_height - (self.y + self.size)
        bottom = page_height - self.y
        right = self.x + self.size
        return [(self.x, top), (right, top), (right, bottom), (self.x, bottom)]


def marker_squares(width: float, height: float) -> dict[int, Square]:
    """The four markers of a page of this size, by marker id."""
    right = width - EDGE - MARKER
    return {
        TOP_LEFT: Square(EDGE, height - EDGE - MARKER, MARKER),
        TOP_RIGHT: Square(right, height - EDGE - MARKER, MARKER),
        BOTTOM_RIGHT: Square(right, EDGE, MARKER),
        BOTTOM_LEFT: Square(EDGE, EDGE, MARKER),
    }


def qr_square(width: float) -> Square:
    """The QR code: centred on the footer line, between its two texts."""
    return Square((width - QR) / 2, EDGE, QR)


def page_code(plan_id: str, page: int) -> str:
    """What the QR code says. Upper case, digits and ':' only, so it fits QR's compact
    alphanumeric mode and the smallest code (21 modules), whose modules are largest."""
    return f"PB:{plan_id.upper()}:{page}"


_CODE = re.compile(r"PB:([0-9A-Z]+):([0-9]{1,4})")


def parse_page_code(text: str) -> tuple[str, int] | None:
    """(plan id, page) from a QR code's text; None for a code that is not ours."""
    found = _CODE.fullmatch(text.strip())
    return (found.group(1), int(found.group(2))) if found else None


def code_modules(text: str) -> list[list[bool]]:
    """The modules of the QR code for `text` (True = dark), as the page draws them."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(row, column)) for column in range(count)] for row in range(count)]
