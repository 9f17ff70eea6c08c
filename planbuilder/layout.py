"""The layout registry: which layouts exist (layouts/*.yaml) and each one validated into a
Layout. Both the questionnaire (to list them) and the renderer (to draw with one) read it,
so the question side never imports the drawing side.

Every size, margin, colour and the page order of the PDF come from here; the drawing code reads
a Layout and hard-codes none of them. No ReportLab import: the command line lists and checks
layouts without paying for it; pydantic checks each file (LayoutFile), collecting every
problem with its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, Field

from planbuilder import paths
from planbuilder.content_schema import Strict
from planbuilder.errors import ContentError
from planbuilder.yamlfile import Lines, read_yaml

REQUIRED_PARTS = ("cover", "safety", "education", "flare_up", "floor", "guide", "weeks")
# Printers cannot print to the edge; nothing of ours comes closer than this.
MIN_MARGIN_MM = 12
Part = Literal[
    "cover",
    "safety",
    "education",
    "flare_up",
    "floor",
    "guide",
    "weeks",
    "tracker",
    "sports",
    "notes",
]
PAGE_PARTS: tuple[str, ...] = get_args(Part)
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]


def _size(low: float, high: float) -> Any:
    return Annotated[float, Field(ge=low, le=high, strict=False)]


class Margins(Strict):
    top: _size(MIN_MARGIN_MM, 40)
    bottom: _size(MIN_MARGIN_MM, 40)
    left: _size(MIN_MARGIN_MM, 40)
    right: _size(MIN_MARGIN_MM, 40)


class Fonts(Strict):
    """Point sizes of each kind of text."""

    title: _size(6, 40)
    heading: _size(6, 40)
    subheading: _size(6, 40)
    body: _size(6, 40)
    table: _size(6, 40)
    small: _size(6, 40)
    footer: _size(6, 40)


# Text, rules, frames and figures: greys (#RRGGBB with R = G = B), printed with black ink
# alone (render/styles.py). Only the traffic light's colours carry meaning, and its shapes
# and words carry the same meaning on a black-and-white print.
GREY_KEYS = ("ink", "muted", "accent", "rule")


def is_grey(hex_colour: str) -> bool:
    """#RRGGBB with its three parts equal: black, white or a grey."""
    return hex_colour[1:3].lower() == hex_colour[3:5].lower() == hex_colour[5:7].lower()


def _grey(value: str) -> str:
    from planbuilder.validation import Problem

    if not is_grey(value):
        raise Problem(
            f"{value!r} should be a grey (#RRGGBB with RR = GG = BB, e.g. #555555): "
            "black-and-white printers print greys with black ink alone"
        )
    return value


Grey = Annotated[Colour, AfterValidator(_grey)]


class Colours(Strict):
    ink: Grey
    muted: Grey
    accent: Grey
    rule: Grey
    green: Colour
    amber: Colour
    red: Colour


COLOUR_KEYS = tuple(Colours.model_fields)


class GuideLook(Strict):
    """How the exercise guide sets its cards: how many share a page (one: a page each; more:
    they follow one another, as many as fit, which the sizes make that many), their text size,
    how tall a figure may be, whether figures stand beside the steps or above them, and in how
    many columns the short lists (keep in mind, mistakes, when to stop) stand, and in how many
    rows of doses at most (a year of doses points to the week pages for the rest)."""

    cards_per_page: Annotated[int, Field(ge=1, le=3, strict=True)]
    text: _size(6, 40)
    figure_height_mm: _size(15, 120)
    figures: Literal["beside", "above"]
    list_columns: Annotated[int, Field(ge=1, le=3, strict=True)]
    dose_rows: Annotated[int, Field(ge=1, le=4, strict=True)]
    leading: _size(1.0, 2.0)  # of the card's text: short lines, read one at a time
    card_gap_mm: _size(0, 20)  # below a card that shares its page


def _share() -> Any:
    return Annotated[float, Field(gt=0, lt=1, strict=False)]


class Crowded(Strict):
    """How a week too full for its page at the layout's sizes is set: less padding in its rows
    and less space between its parts (never below the least a pen and eye need)."""

    row_padding_mm: _size(0.3, 5)
    spacing_mm: _size(0.5, 15)
    tick_box_mm: _size(4, 12)
    notes_line_mm: _size(5, 15)
    # names and doses may wrap to more lines so that a session's days stand side by side,
    # rather than its rows being printed twice in a second grid
    narrowest_name_share: Annotated[float, Field(gt=0, lt=1, strict=False)]
    narrowest_dose_share: Annotated[float, Field(gt=0, lt=1, strict=False)]
    # the grids' text size (pt) for a week still too full when set tight (six sessions with
    # sports and walks): smaller text rather than a week over two pages. None: the layout
    # never goes smaller (large print breaks such a week between sessions instead)
    table_pt: _size(7, 40) | None = None


class WeekLook(Strict):
    """How a week page shares its width and its height.

    A session's grid gives its exercises' names and doses these shares of the width and its
    days the rest; when a session's days do not fit across, names and doses narrow down to
    the `narrowest_` shares (wrapping to more lines) before the days go into a second grid.
    Sizes "in box sides" scale with the tick box."""

    name_share: _share()
    dose_share: _share()
    narrowest_name_share: _share()
    narrowest_dose_share: _share()
    set_gap: _size(0.2, 2)  # between one set's box and the next set's number, in box sides
    number_gap: _size(0.3, 2)  # between a set's number and its box, in box sides
    day_margin: _size(0.2, 2)  # at least, around a day's set boxes, in box sides
    cell_padding: _size(0.1, 1)  # at least, between a grid's words and its rules, in box sides
    pain_gap: _size(0.1, 1)  # between pain circles, in box sides
    notes_lines: Annotated[int, Field(ge=3, le=20, strict=True)]  # at least
    notes_line_mm: _size(5, 15)  # handwriting needs about 6 mm a line; large type more
    # the days' columns only as wide as their boxes and dates, the names and doses all the rest
    # (split so their rows take the fewest lines): for large type, whose names wrap otherwise
    days_as_needed: bool = False
    crowded: Crowded


# --- the cover's and the tracker's proportions ------------------------------------------------


def _bounded(low: float, high: float) -> Any:
    """A share of the text width, or a size in some other unit of the page, within bounds."""
    return Annotated[float, Field(ge=low, le=high, strict=False)]


class CoverLook(Strict):
    """The cover: the plan-at-a-glance table's label column, and the frame of the notes."""

    label_column: _bounded(0.15, 0.5)  # of the text width
    row_padding: _bounded(0, 4)  # above and below each row, in row paddings (row_padding_mm)
    frame_line: _bounded(0.5, 4)  # the notes' frame, in line widths
    frame_side: _bounded(0, 6)  # inside the frame left and right, in row paddings
    frame_end: _bounded(0, 6)  # inside the frame above the first note and below the last
    between_notes: _bounded(0, 3)  # in spacings (spacing_mm)


class ChartSteps(Strict):
    least: _bounded(0.3, 3)
    most: _bounded(0.3, 4)


class TrackerLook(Strict):
    """The progress tracker: the calendar's columns and boxes, and the pain chart's height."""

    week_column: _bounded(0.04, 0.2)  # of the text width
    pain_column: _bounded(0.04, 0.2)
    # Between boxes one above the other, in box sides: a scanner looks for each box's border a
    # few pixels around where it should be, and must not find the neighbour's.
    box_gap: _bounded(0.2, 1)
    pain_box_width: _bounded(1, 4)  # in box sides, at least; or 0.6 of the pain column
    pain_box_height: _bounded(1, 2)  # in box sides
    # The chart's height per pain step, in lines of table text: it takes the room the calendar
    # leaves, between these.
    chart_step_lines: ChartSteps


# --- end of the cover's and the tracker's proportions ----------------------------------------


class LayoutFile(Strict):
    """One layouts/*.yaml: every size, margin, colour and the page order of the booklet."""

    description: Annotated[str, Field(min_length=1, max_length=200)]
    pages: Annotated[tuple[Part, ...], Field(min_length=1)]
    # Parts that begin on the page the part before them ends on, when a third of it is left
    # (the notes after a short stretching page): fewer sheets to print.
    shares_page: tuple[Part, ...] = ()
    weeks_per_page: Annotated[int, Field(ge=1, le=2, strict=True)]
    margins_mm: Margins
    fonts: Fonts
    leading: _size(1.0, 2.0)
    spacing_mm: _size(0.5, 15)
    tick_box_mm: _size(4, 12)
    row_padding_mm: _size(0.3, 5)
    line_width: _size(0.2, 2)
    figure_mm: _size(40, 80)  # a lying figure takes it all, and needs 40 mm to be read
    notes_lines: Annotated[int, Field(ge=0, le=60, strict=True)]
    colours: Colours
    form_fields: Annotated[bool, Field(strict=True)]
    guide: GuideLook
    cover: CoverLook
    tracker: TrackerLook
    week: WeekLook


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    description: str
    pages: tuple[str, ...]
    weeks_per_page: int
    margins_mm: dict[str, float]
    fonts: dict[str, float]
    leading: float
    spacing_mm: float
    tick_box_mm: float
    row_padding_mm: float
    line_width: float
    figure_mm: float
    notes_lines: int
    colours: dict[str, str]
    form_fields: bool
    guide: GuideLook
    cover: CoverLook
    tracker: TrackerLook
    week: WeekLook
    shares_page: tuple[str, ...] = ()


def available_layouts(root: Path | None = None) -> tuple[str, ...]:
    root = root or paths.layouts_dir()
    return tuple(sorted(p.stem for p in root.glob("*.yaml")))


def _between_keys(found: LayoutFile) -> list[tuple[tuple[str | int, ...], str]]:
    problems: list[tuple[tuple[str | int, ...], str]] = [
        (("pages",), f"must include '{part}'") for part in REQUIRED_PARTS if part not in found.pages
    ]
    week = found.week
    for at, narrowest, share in (
        (("week", "narrowest_name_share"), week.narrowest_name_share, week.name_share),
        (("week", "narrowest_dose_share"), week.narrowest_dose_share, week.dose_share),
        (
            ("week", "crowded", "narrowest_name_share"),
            week.crowded.narrowest_name_share,
            week.narrowest_name_share,
        ),
        (
            ("week", "crowded", "narrowest_dose_share"),
            week.crowded.narrowest_dose_share,
            week.narrowest_dose_share,
        ),
    ):
        if narrowest > share:
            problems.append((at, f"{narrowest} is wider than the share it narrows ({share})"))
    if week.name_share + week.dose_share >= 0.8:
        problems.append((("week", "dose_share"), "names and doses leave the days under a fifth"))
    return problems


def load_layout(name: str, root: Path | None = None) -> Layout:
    """Load one layout by name; raise ContentError naming the file and every bad key."""
    from planbuilder.validation import validate, where

    root = root or paths.layouts_dir()
    source = f"layouts/{name}.yaml"
    if name not in available_layouts(root):
        raise ContentError(
            f"{source}: no such layout; available: {', '.join(available_layouts(root))}"
        )
    lines: Lines = {}
    data = read_yaml(root / f"{name}.yaml", ContentError, source, lines)
    found, problems = validate(LayoutFile, data, source, lines)
    if found is not None:
        problems += [where(source, at, lines, data) + text for at, text in _between_keys(found)]
    if problems or found is None:
        raise ContentError(f"The layout '{name}' has {len(problems)} problem(s):", problems)
    models = {
        "guide": found.guide,
        "cover": found.cover,
        "tracker": found.tracker,
        "week": found.week,
    }
    return Layout(name=name, **found.model_dump(exclude=set(models)), **models)


def check_all_layouts(root: Path | None = None) -> list[str]:
    """Every problem of every layout, for `planbuilder validate`."""
    root = root or paths.layouts_dir()
    problems: list[str] = []
    names = available_layouts(root)
    if not names:
        problems.append("layouts/: no layout files found")
    for name in names:
        try:
            load_layout(name, root)
        except ContentError as exc:
            problems.extend(exc.problems or [exc.message])
    return problems
