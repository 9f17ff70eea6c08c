"""From pictures of ticked pages to a filled copy of the plan, and a summary of what was read.

Paper is taken as the truth where it was read surely: a box read as ticked is ticked in the
copy, a box read as empty is emptied, even if it was ticked on screen (the summary says so).
A box we are unsure of keeps what the screen had (unticked, unless ticked on screen) and is
listed, so the person can look at it and tick it on screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from planbuilder.acroform import MULTILINE
from planbuilder.errors import InputError
from planbuilder.pagemarks import PAPER_SIZES, code_modules, page_code
from planbuilder.scan.boxes import Box, Reading, State, read_boxes, straighten
from planbuilder.scan.images import Picture
from planbuilder.scan.locate import Located, NotFound, locate


@dataclass(frozen=True)
class PlanPages:
    """What the plan's PDF says about its pages: size, and the boxes on each."""

    plan_id: str
    sizes: dict[int, tuple[float, float]]
    boxes: dict[int, list[Box]]

    def codes(self) -> dict[str, np.ndarray]:
        """The QR codes its pages with boxes carry: text → modules."""
        texts = (page_code(self.plan_id, page) for page in self.boxes)
        return {text: np.array(code_modules(text)) for text in texts}


@dataclass
class PageResult:
    """One picture: which page it showed and what was read, or why nothing was."""

    source: str
    page: int | None = None
    readings: list[Reading] = field(default_factory=list)
    problem: str | None = None

    def count(self, state: State) -> int:
        return sum(r.state is state for r in self.readings if r.kind == "checkbox")


def plan_pages(path: Path, plan_id: str) -> PlanPages:
    """Every form field of the plan's PDF, by page: checkboxes to read, and the write-in
    boxes (pain) whose ink we note but cannot read as a number."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    sizes: dict[int, tuple[float, float]] = {}
    boxes: dict[int, list[Box]] = {}
    for number, page in enumerate(reader.pages, start=1):
        sizes[number] = (float(page.mediabox.width), float(page.mediabox.height))
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            kind = {"/Btn": "checkbox", "/Tx": "text"}.get(str(widget.get("/FT")))
            if int(widget.get("/Ff", 0)) & MULTILINE:
                continue  # a notes line: ruled, so always inked; what is written is not read
            if kind and "/T" in widget:
                x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
                box = Box(str(widget["/T"]), kind, (x0, y0, x1, y1))
                boxes.setdefault(number, []).append(box)
    return PlanPages(plan_id, sizes, boxes)


def read_picture(picture: Picture, pages: PlanPages) -> PageResult:
    """Find the page in the picture and read its boxes; refuse a page of another plan."""
    first = next(iter(pages.sizes.values()), PAPER_SIZES["a4"])
    sizes = [first] + [s for s in PAPER_SIZES.values() if s != first]
    found = locate(picture.grey, sizes, pages.codes())
    if isinstance(found, NotFound):
        return PageResult(picture.source, problem=found.reason)
    check_same_plan(picture.source, found, pages.plan_id)
    boxes = pages.boxes.get(found.page, [])
    if not boxes:
        return PageResult(picture.source, found.page, problem="this page has no tick boxes")
    found = found.on_paper(pages.sizes[found.page])
    page = straighten(picture.grey, found.to_page, found.page_size)
    return PageResult(picture.source, found.page, read_boxes(page, found.page_size[1], boxes))


def check_same_plan(source: str, found: Located, plan_id: str) -> None:
    if found.plan_id != plan_id.upper():
        raise InputError(
            f"{source}: is a page of another plan (plan {found.plan_id}), not of this one "
            f"(plan {plan_id}); nothing was written. Give the photos of this plan's pages"
        )


@dataclass
class Merged:
    """The form values after reading paper, and what the person should know about them."""

    values: dict[str, bool]
    changed_from_screen: list[str]  # ticked on screen, but empty on paper: paper wins
    unsure: list[str]
    written_in: list[str]  # write-in boxes with ink on paper (numbers are not read)


def merge(results: list[PageResult], screen: Mapping[str, Any]) -> Merged:
    """Paper over screen, box by box; later pictures of the same page win over earlier."""
    merged = Merged({}, [], [], [])
    for result in results:
        for reading in result.readings:
            name = reading.name
            if reading.kind == "text":
                if reading.state is State.TICKED and name not in merged.written_in:
                    merged.written_in.append(name)
                continue
            on_screen = _ticked(screen.get(name))
            if reading.state is State.UNSURE:
                merged.unsure.append(name)
                merged.values[name] = on_screen
                continue
            paper = reading.state is State.TICKED
            merged.values[name] = paper
            if on_screen and not paper:
                merged.changed_from_screen.append(name)
    return merged


def _ticked(value: Any) -> bool:
    return value is not None and str(value) not in ("/Off", "Off", "")


def write_filled_copy(plan_pdf: Path, values: Mapping[str, bool], target: Path) -> None:
    """The plan with its checkboxes set: `progress` and `next` read it like one ticked on
    screen. The field's value and its widget's look are both set, as a PDF reader would."""
    import pikepdf
    from pikepdf import Name

    with pikepdf.open(plan_pdf) as pdf:
        for page in pdf.pages:
            for widget in page.obj.get(Name.Annots, []):
                name = str(widget.get(Name.T, ""))
                if name in values and widget.get(Name.FT) == Name.Btn:
                    state = Name.Yes if values[name] else Name.Off
                    widget.V = state
                    widget.AS = state
        pdf.save(target, deterministic_id=True)


_SET = re.compile(r"w(\d+)-(\w+)-(\w+)-(.+)-set(\d+)")
_DONE = re.compile(r"w(\d+)-(\w+)-(\w+)-done")
_SPORT = re.compile(r"w(\d+)-(\w+)-sport-(.+)-done")
_TRACKER = re.compile(r"tracker-w(\d+)-(\w+)-(.+)")
_PAIN = re.compile(r"w(\d+)-(\w+)-(\w+)-pain_(before|after)")


def describe(name: str, exercise_names: Callable[[str], str]) -> str:
    """A field name in words: 'week 3, Mon session A, Bird dog, set 2'."""
    if found := _SPORT.fullmatch(name):
        week, day, sport = found.groups()
        return f"week {int(week)}, {day.title()}, {sport.replace('_', ' ')} done"
    if found := _SET.fullmatch(name):
        week, day, label, exercise, number = found.groups()
        return (
            f"week {int(week)}, {day.title()} session {label}, "
            f"{exercise_names(exercise)}, set {number}"
        )
    if found := _DONE.fullmatch(name):
        week, day, label = found.groups()
        return f"week {int(week)}, {day.title()} session {label}, session done"
    if found := _PAIN.fullmatch(name):
        week, day, label, when = found.groups()
        return f"week {int(week)}, {day.title()} session {label}, pain {when}"
    if found := _TRACKER.fullmatch(name):
        week, day, what = found.groups()
        return f"week {int(week)}, {day.title()} {what.replace('_', ' ')} (progress tracker)"
    return name
