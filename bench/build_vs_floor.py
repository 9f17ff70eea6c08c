"""How close is `planbuilder build` to the fastest ReportLab could possibly be?

Times `planbuilder build` of the 12-week example end to end (a new process each time, as a
person runs it) against a floor: a plain ReportLab canvas script, also a new process, that
draws the same number of pages, lines of text and tick boxes in the same embedded font.
The two run alternately so that machine noise hits both alike. Prints medians of wall time
and of CPU time (user + system of the process: steadier than wall time on a busy machine),
the ratios (goal: within 2x) and the PDF size (goal: under 150 KB).

    python bench/build_vs_floor.py [--runs 9] [--answers examples/beginner-12-weeks.yaml]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parent.parent

FLOOR = """
import sys
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from planbuilder.paths import fonts_dir

pages, lines, boxes, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
pdfmetrics.registerFont(TTFont("F", str(fonts_dir() / "DejaVuSans.ttf")))
canvas = Canvas(out, invariant=True)
for page in range(pages):
    canvas.setFont("F", 9)
    for line in range(lines // pages):
        text = f"Line {line} of page {page}: Bird dog 3 x 20 s"
        canvas.drawString(50, 800 - (line % 90) * 8, text)
    for box in range(boxes // pages):
        canvas.rect(50 + (box % 40) * 12, 60 + (box // 40) * 12, 11.9, 11.9, stroke=1, fill=0)
    canvas.showPage()
canvas.save()
"""


def measure(pdf: Path, box_side: float) -> tuple[int, int, int]:
    reader = PdfReader(pdf)
    lines = sum(len(page.extract_text().splitlines()) for page in reader.pages)
    pattern = re.compile(rb"[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+) re")
    boxes = sum(
        1
        for page in reader.pages
        for w, h in pattern.findall(page.get_contents().get_data())
        if abs(float(w) - box_side) < 0.01 and abs(float(h) - box_side) < 0.01
    )
    return len(reader.pages), lines, boxes


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of `command`."""
    before, start = os.times(), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall, after = time.perf_counter() - start, os.times()
    cpu = (
        after.children_user - before.children_user + after.children_system - before.children_system
    )
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--answers", type=Path, default=REPO / "examples" / "beginner-12-weeks.yaml"
    )
    args = parser.parse_args()

    from planbuilder.layout import load_layout

    box_side = load_layout("classic").tick_box_mm * 72 / 25.4
    with tempfile.TemporaryDirectory() as folder:
        plan_pdf = Path(folder) / "plan.pdf"
        floor_pdf = Path(folder) / "floor.pdf"
        build = [
            sys.executable,
            "-m",
            "planbuilder",
            "build",
            str(args.answers),
            "-o",
            str(plan_pdf),
            "--force",
        ]
        subprocess.run(build, check=True, capture_output=True)
        pages, lines, boxes = measure(plan_pdf, box_side)
        floor = [sys.executable, "-c", FLOOR, str(pages), str(lines), str(boxes), str(floor_pdf)]
        ours, theirs = [], []
        for _ in range(args.runs):
            ours.append(timed(build))
            theirs.append(timed(floor))
        size = plan_pdf.stat().st_size

    ours_wall, floor_wall = (statistics.median(w for w, _ in runs) for runs in (ours, theirs))
    ours_cpu, floor_cpu = (statistics.median(c for _, c in runs) for runs in (ours, theirs))
    print(f"answers: {args.answers.name}: {pages} pages, {lines} lines of text, {boxes} tick boxes")
    runs = f"over {args.runs} runs"
    print(f"planbuilder build: median {ours_wall:.3f} s wall, {ours_cpu:.2f} s CPU {runs}")
    print(f"ReportLab floor:   median {floor_wall:.3f} s wall, {floor_cpu:.2f} s CPU {runs}")
    ratios = f"{ours_wall / floor_wall:.2f}x wall, {ours_cpu / floor_cpu:.2f}x CPU"
    print(f"ratio: {ratios} (goal: within 2x)")
    print(f"PDF size: {size / 1024:.1f} KB (goal: under 150 KB)")


if __name__ == "__main__":
    main()
