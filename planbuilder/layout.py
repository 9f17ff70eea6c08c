"""The layout registry: which layouts exist (layouts/*.yaml) and each one validated into a
Layout. Both the questionnaire (to list them) and the renderer (to draw with one) read it,
so the question side never imports the drawing side.

Every size, margin, colour and the page order of the PDF come from here; the drawing code reads
a Layout and hard-codes none of them. No ReportLab import: the command line lists and checks
layouts without paying for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from planbuilder import paths
from planbuilder.errors import ContentError
from planbuilder.fields import Fields
from planbuilder.yamlfile import read_yaml

PAGE_PARTS = (
    "cover",
    "safety",
    "education",
    "flare_up",
    "guide",
    "weeks",
    "tracker",
    "sports",
    "notes",
)
REQUIRED_PARTS = ("cover", "safety", "education", "flare_up", "guide", "weeks")
COLOUR_KEYS = ("ink", "muted", "accent", "rule", "green", "amber", "red")
# Text, rules, frames and figures: greys (#RRGGBB with R = G = B), printed with black ink
# alone (render/styles.py). Only the traffic light's colours carry meaning, and its shapes
# and words carry the same meaning on a black-and-white print.
GREY_KEYS = ("ink", "muted", "accent", "rule")
FONT_KEYS = ("title", "heading", "subheading", "body", "table", "small", "footer")
MARGIN_KEYS = ("top", "bottom", "left", "right")
# Printers cannot print to the edge; nothing of ours comes closer than this.
MIN_MARGIN_MM = 12
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


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


def is_grey(hex_colour: str) -> bool:
    """#RRGGBB with its three parts equal: black, white or a grey."""
    return hex_colour[1:3].lower() == hex_colour[3:5].lower() == hex_colour[5:7].lower()


def available_layouts(root: Path | None = None) -> tuple[str, ...]:
    root = root or paths.layouts_dir()
    return tuple(sorted(p.stem for p in root.glob("*.yaml")))


def _numbers(
    fields: Fields, key: str, names: tuple[str, ...], low: float, high: float
) -> dict[str, float]:
    part = fields.mapping(key)
    part.check_keys(names, names)
    result: dict[str, float] = {}
    for name in names:
        value = part.raw(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            if name in part.data:
                part.problem(name, f"{value!r} should be a number from {low} to {high}")
            result[name] = low
        elif not low <= value <= high:
            part.problem(name, f"{value} is out of range; allowed: {low} to {high}")
            result[name] = low
        else:
            result[name] = float(value)
    return result


def _number(fields: Fields, key: str, low: float, high: float) -> float:
    value = fields.raw(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        fields.problem(key, f"{value!r} should be a number from {low} to {high}")
        return low
    if not low <= value <= high:
        fields.problem(key, f"{value} is out of range; allowed: {low} to {high}")
        return low
    return float(value)


KEYS = (
    "description",
    "pages",
    "weeks_per_page",
    "margins_mm",
    "fonts",
    "leading",
    "spacing_mm",
    "tick_box_mm",
    "row_padding_mm",
    "line_width",
    "figure_mm",
    "notes_lines",
    "colours",
    "form_fields",
)


def _parse(name: str, data: object, source: str, problems: list[str]) -> Layout:
    fields = Fields(data, f"{source}: ", problems, "a layout: a mapping")
    fields.check_keys(KEYS, KEYS)
    pages = tuple(fields.text_list("pages", allowed=PAGE_PARTS, min_items=1))
    for part in REQUIRED_PARTS:
        if part not in pages and "pages" in fields.data:
            fields.problem("pages", f"must include '{part}'")
    colours_part = fields.mapping("colours")
    colours_part.check_keys(COLOUR_KEYS, COLOUR_KEYS)
    colours = {}
    for key in COLOUR_KEYS:
        value = colours_part.raw(key, "#000000")
        if not isinstance(value, str) or not _HEX.match(value):
            colours_part.problem(key, f"{value!r} should be a colour written #RRGGBB")
            value = "#000000"
        elif key in GREY_KEYS and not is_grey(value):
            colours_part.problem(
                key,
                f"{value!r} should be a grey (#RRGGBB with RR = GG = BB, e.g. #555555): "
                "black-and-white printers print greys with black ink alone",
            )
            value = "#000000"
        colours[key] = value
    return Layout(
        name=name,
        description=fields.text("description", max_length=200),
        pages=pages,
        weeks_per_page=fields.integer("weeks_per_page", low=1, high=2),
        margins_mm=_numbers(fields, "margins_mm", MARGIN_KEYS, MIN_MARGIN_MM, 40),
        fonts=_numbers(fields, "fonts", FONT_KEYS, 6, 40),
        leading=_number(fields, "leading", 1.0, 2.0),
        spacing_mm=_number(fields, "spacing_mm", 0.5, 15),
        tick_box_mm=_number(fields, "tick_box_mm", 4, 12),
        row_padding_mm=_number(fields, "row_padding_mm", 0.3, 5),
        line_width=_number(fields, "line_width", 0.2, 2),
        figure_mm=_number(fields, "figure_mm", 15, 80),
        notes_lines=fields.integer("notes_lines", low=0, high=60),
        colours=colours,
        form_fields=fields.boolean("form_fields"),
    )


def load_layout(name: str, root: Path | None = None) -> Layout:
    """Load one layout by name; raise ContentError naming the file and every bad key."""
    root = root or paths.layouts_dir()
    source = f"layouts/{name}.yaml"
    if name not in available_layouts(root):
        raise ContentError(
            f"{source}: no such layout; available: {', '.join(available_layouts(root))}"
        )
    problems: list[str] = []
    layout = _parse(name, read_yaml(root / f"{name}.yaml", ContentError, source), source, problems)
    if problems:
        raise ContentError(f"The layout '{name}' has {len(problems)} problem(s):", problems)
    return layout


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
