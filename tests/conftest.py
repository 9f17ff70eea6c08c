"""Shared fixtures: the shipped library, answers files in tmp_path, and running the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from planbuilder.cli import main
from planbuilder.content import Library, default_library
from planbuilder.profile import Profile, profile_from_answers
from planbuilder.render.layout import available_layouts

REPO = Path(__file__).resolve().parent.parent
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


@pytest.fixture(autouse=True)
def show_bugs(monkeypatch):
    """In tests an unexpected exception is a failure with its traceback, not a tidy message."""
    monkeypatch.setenv("PLANBUILDER_DEBUG", "1")


@pytest.fixture(scope="session")
def library() -> Library:
    return default_library()


def make_profile(library: Library, **answers: Any) -> Profile:
    answers.setdefault("level", "beginner")
    answers.setdefault("start", START)
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
