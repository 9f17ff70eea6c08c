"""The marks a camera reads on a page with tick boxes: four corner markers and a QR code.

Both are drawn as vector squares (no image, no font), black ink (CMYK K) on white, so they
print sharp on any printer; where they go is decided in pagemarks.py, which the reader shares.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from planbuilder.pagemarks import (
    MARKER_BITS,
    QR_MODULES,
    Square,
    code_modules,
    marker_squares,
    page_code,
    qr_square,
)
from planbuilder.render.styles import BLACK, WHITE


def draw_page_marks(canvas: Canvas, plan_id: str, page: int) -> None:
    """Corner markers and the page's QR code, on the page being drawn."""
    width, height = canvas._pagesize
    canvas.saveState()
    for marker_id, square in marker_squares(width, height).items():
        _draw_marker(canvas, MARKER_BITS[marker_id], square)
    _draw_qr(canvas, page_code(plan_id, page), qr_square(width))
    canvas.restoreState()


def _draw_marker(canvas: Canvas, rows: tuple[str, ...], square: Square) -> None:
    """A 6x6-cell ArUco marker: a black square, then the white cells of its inner 4x4."""
    cell = square.size / 6
    canvas.setFillColor(BLACK)
    canvas.rect(square.x, square.y, square.size, square.size, stroke=0, fill=1)
    canvas.setFillColor(WHITE)
    for row, bits in enumerate(rows):
        for column, bit in enumerate(bits):
            if bit == "0":
                x = square.x + (column + 1) * cell
                y = square.y + square.size - (row + 2) * cell
                # a hair larger than the cell, so neighbouring white cells leave no seam
                canvas.rect(x, y, cell + 0.05, cell + 0.05, stroke=0, fill=1)


def _draw_qr(canvas: Canvas, text: str, square: Square) -> None:
    """The QR code filling `square`, as black squares (ReportLab's own QR encoder; its
    drawing widget would declare an unembedded font on the page). The white page around it
    is its quiet zone.

    Each row's run of dark modules is one rectangle, a hair longer and taller than its cells
    so neighbours leave no seam, and all of them are one path filled once with the nonzero
    rule (their overlaps stay black): a tenth of the bytes and calls of a square per module.
    """
    modules = code_modules(text)
    count = len(modules)
    assert count == QR_MODULES, f"page code {text!r} needs a larger QR code"
    module = square.size / count
    path = canvas.beginPath()
    for row, cells in enumerate(modules):
        y = square.y + square.size - (row + 1) * module
        for start, length in _dark_runs(cells):
            path.rect(square.x + start * module, y, length * module + 0.05, module + 0.05)
    canvas.setFillColor(BLACK)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)


def _dark_runs(cells: list[bool]) -> list[tuple[int, int]]:
    """(first column, length) of each run of dark modules in a row."""
    runs: list[tuple[int, int]] = []
    start = None
    for column, dark in enumerate([*cells, False]):
        if dark and start is None:
            start = column
        elif not dark and start is not None:
            runs.append((start, column - start))
            start = None
    return runs
