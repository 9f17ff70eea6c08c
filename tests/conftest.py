"""Shared fixtures: the shipped library, answers files in tmp_path, and running the CLI."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
import yaml
from pypdf import PdfReader

from planbuilder.cli import main
from planbuilder.content import Library, default_library
from planbuilder.layout import available_layouts, load_layout
from planbuilder.plan import Plan
from planbuilder.planner import build_plan
from planbuilder.profile import Profile, load_profile, profile_from_answers
from planbuilder.render.document import render_pdf

REPO = Path(__file__).resolve().parent.parent
# The validated library's cache (librarycache.py) stays out of the user's own cache folder.
os.environ.setdefault(
    "PLANBUILDER_CACHE_DIR", str(Path(tempfile.gettempdir()) / "planbuilder-test-cache")
)
# Ids that are part of the contract: answers files and other tools use them.
EQUIPMENT_IDS = (
    "cushion",
    "band",
    "pullup_bar",
    "sturdy_table",
    "dumbbells",
    "kettlebell",
    "barbell",
)
SPORT_IDS = (
    "swimming",
    "rowing",
    "walking",
    "running",
    "cycling",
    "nordic_walking",
    "elliptical",
    "dance",
    "gymnastics",
    "pilates",
    "yoga",
    "climbing",
)
EXAMPLES = REPO / "examples"
START = dt.date(2027, 1, 4)


# The day the tests run on, whatever the clock says: after the examples' 12 weeks (which start
# on START), so their plans are complete and `next` may follow them.
TODAY = dt.date(2027, 4, 1)


@pytest.fixture(autouse=True)
def show_bugs(monkeypatch):
    """In tests an unexpected exception is a failure with its traceback, not a tidy message."""
    monkeypatch.setenv("PLANBUILDER_DEBUG", "1")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("PLANBUILDER_TODAY", TODAY.isoformat())


@pytest.fixture(scope="session")
def library() -> Library:
    return default_library()


def make_profile(library: Library, **answers: Any) -> Profile:
    answers.setdefault("level", "beginner")
    answers.setdefault("start", START)
    answers.setdefault("age", 40)
    return profile_from_answers(answers, library, available_layouts())


@pytest.fixture
def write_answers(tmp_path: Path):
    """Write an answers mapping (or raw text) to a file and return its path."""

    def write(content: dict[str, Any] | str, name: str = "answers.yaml") -> Path:
        path = tmp_path / name
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def run(capsys):
    """Run the command line in-process; return (exit status, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        try:
            status = main([str(a) for a in args])
        except SystemExit as exit_:  # argparse's own exits (--help, --version, usage)
            status = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return status, out, err

    return invoke


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def outline_pages(reader: PdfReader) -> dict[str, int]:
    pages: dict[str, int] = {}

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                pages[item.title] = reader.get_destination_page_number(item)

    walk(reader.outline)
    return pages


# --- a built plan, and filling it the way a reader app does ---------------------------------


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, Plan]:
    """The 12-week beginner example built once for the whole run (classic, fields on)."""
    folder = tmp_path_factory.mktemp("fillable")
    output = folder / "plan.pdf"
    library = default_library()
    profile = load_profile(EXAMPLES / "beginner-12-weeks.yaml", library, available_layouts())
    plan = build_plan(profile, library)
    render_pdf(plan, library, load_layout("classic"), output)
    return output, plan


def fill(source: Path, values: dict[str, str], output: Path) -> None:
    """Fill fields with pdftk (checkboxes take "Yes"), or with pikepdf setting the value and
    the appearance state as a reader app would, where pdftk is not installed."""
    if shutil.which("pdftk"):
        fields = "".join(
            f'<field name="{escape(k)}"><value>{escape(v)}</value></field>'
            for k, v in values.items()
        )
        xfdf = output.with_suffix(".xfdf")
        xfdf.write_text(
            '<?xml version="1.0" encoding="UTF-8"?><xfdf xmlns="http://ns.adobe.com'
            f'/xfdf/"><fields>{fields}</fields></xfdf>',
            encoding="utf-8",
        )
        subprocess.run(
            ["pdftk", str(source), "fill_form", str(xfdf), "output", str(output)],
            check=True,
            capture_output=True,
        )
        return
    import pikepdf

    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                name = str(annot.get("/T", ""))
                if name in values:
                    if pikepdf.Name.Btn == annot.FT:
                        annot.V = annot.AS = pikepdf.Name("/" + values[name])
                    else:
                        annot.V = pikepdf.String(values[name])
        pdf.save(output)


def ticks_for(plan, share: float, pain_after: tuple[int, int]) -> dict[str, str]:
    """Tick `share` of every session's sets and its done box; pain after rises linearly."""
    values: dict[str, str] = {}
    weeks = len(plan.weeks)
    for week in plan.weeks:
        pain = round(
            pain_after[0] + (pain_after[1] - pain_after[0]) * (week.number - 1) / max(weeks - 1, 1)
        )
        for day in week.days:
            for session in day.strength():
                prefix = f"w{week.number:02d}-{day.weekday}-{session.label}"
                boxes = [
                    f"{prefix}-{i.exercise}-set{n}"
                    for i in session.items
                    for n in range(1, i.sets + 1)
                ]
                for name in boxes[: round(len(boxes) * share)]:
                    values[name] = "Yes"
                values[f"{prefix}-done"] = "Yes"
                values[f"{prefix}-pain_before"] = "1"
                values[f"{prefix}-pain_after"] = str(pain)
    return values
