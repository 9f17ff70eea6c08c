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
from hypothesis import settings
from pypdf import PdfReader

from planbuilder.cli import main
from planbuilder.content import Library, default_library
from planbuilder.layout import available_layouts
from planbuilder.plan import Plan
from planbuilder.planner import build_plan
from planbuilder.profile import Profile, load_profile, profile_from_answers

REPO = Path(__file__).resolve().parent.parent
# The validated library's cache (librarycache.py) stays out of the user's own cache folder.
os.environ.setdefault(
    "PLANBUILDER_CACHE_DIR", str(Path(tempfile.gettempdir()) / "planbuilder-test-cache")
)
# Property tests: CI (CI=true) and every default run try the same examples, so a green
# main stays green and a failure reproduces; PLANBUILDER_EXAMPLES=500 searches afresh with
# random examples, which is how new counterexamples are found before a release.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("search", derandomize=False)
settings.load_profile("search" if os.environ.get("PLANBUILDER_EXAMPLES") else "repeatable")
# `pytest --quick` is the loop to run while working: it leaves out the tests marked slow and
# tries a sixth of the examples per property. CI and the README's command run everything.
QUICK = False


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--quick",
        action="store_true",
        help="leave out tests marked slow and try fewer property examples (CI runs all)",
    )


def pytest_configure(config: pytest.Config) -> None:
    global QUICK
    config.addinivalue_line(
        "markers",
        "slow: a second or more (real terminals, installs, photos, sweeps); --quick leaves it out",
    )
    QUICK = config.getoption("quick")
    if QUICK:
        wanted = config.option.markexpr
        config.option.markexpr = f"({wanted}) and not slow" if wanted else "not slow"


def property_examples(usual: int) -> int:
    """Examples a property test tries: `usual`, a sixth of it in the quick loop, and
    PLANBUILDER_EXAMPLES when searching afresh before a release."""
    if os.environ.get("PLANBUILDER_EXAMPLES"):
        return int(os.environ["PLANBUILDER_EXAMPLES"])
    return max(3, usual // 6) if QUICK else usual


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


# --- plans built once for the whole run -------------------------------------------------------

# The fullest plan there is, the extreme every page must survive: six 60-minute sessions,
# five sport sessions and walks, every piece of equipment, a name that wraps. 13 weeks, past
# the first 4-week blocks; more weeks only repeat these pages (test_faults builds a year).
LARGEST = {
    "age": 40,
    "name": ("Łukasz Żółć Дмитрий Ωμέγα " + "Wolfeschlegelsteinhausenbergerdorff" * 3)[:100],
    "start": "2027-01-04",
    "weeks": 13,
    "sessions_per_week": 6,
    "minutes": 60,
    "level": "advanced",
    "equipment": list(EQUIPMENT_IDS),
    "sports": ["swimming", "nordic_walking", "climbing"],
    "sport_sessions_per_week": 5,
    "walking": True,
}


@pytest.fixture(scope="session")
def shared_build(tmp_path_factory):
    """`planbuilder build` of some answers, made once for the whole run whichever test or
    xdist worker asks first (the others wait for it and read the same file): the slowest part
    of the suite is building the same plans again. Treat the PDF as read-only; copy it to
    change it."""
    import fcntl
    import hashlib
    import os

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    cache = shared / "shared-builds"
    cache.mkdir(exist_ok=True)

    def build(answers: dict[str, Any] | Path, **changes: Any) -> Path:
        data = answers if isinstance(answers, dict) else yaml.safe_load(answers.read_text("utf-8"))
        text = yaml.safe_dump({**data, **changes}, sort_keys=True, allow_unicode=True)
        key = hashlib.sha256(f"{TODAY}\n{text}".encode()).hexdigest()[:16]
        folder = cache / key
        output, done = folder / "plan.pdf", folder / "done"
        with (cache / f"{key}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not done.exists():
                folder.mkdir(exist_ok=True)
                source = folder / "answers.yaml"
                source.write_text(text, encoding="utf-8")
                assert main(["build", str(source), "-o", str(output), "--force"]) == 0
                done.touch()
        return output

    return build


# --- a built plan, and filling it the way a reader app does ---------------------------------


@pytest.fixture(scope="session")
def built(tmp_path_factory, shared_build) -> tuple[Path, Plan]:
    """The 12-week beginner example built once for the whole run (classic, fields on), in a
    folder of its own: commands write beside it."""
    folder = tmp_path_factory.mktemp("fillable")
    output = Path(shutil.copy(shared_build(EXAMPLES / "beginner-12-weeks.yaml"), folder))
    library = default_library()
    profile = load_profile(EXAMPLES / "beginner-12-weeks.yaml", library, available_layouts())
    return output, build_plan(profile, library)


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
