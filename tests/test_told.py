"""`planbuilder next PLAN.pdf --ask` (or --week flags): weeks told instead of ticked feed the
same adaptation as ticks."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from planbuilder import cli, commands
from planbuilder.next_block import PROGRESS, decide
from planbuilder.pipeline import library, printed_plan_of, read_progress
from planbuilder.told import Feel, WeekTold, planned_sessions, progress_from_told

EXAMPLES = Path(__file__).parent.parent / "examples"
TODAY = dt.date(2027, 4, 1)  # conftest's PLANBUILDER_TODAY: after the example plan's 12 weeks


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory, shared_build) -> Path:
    """The advanced example, copied from the run's shared build: `next` writes beside it."""
    folder = tmp_path_factory.mktemp("told")
    return Path(shutil.copy(shared_build(EXAMPLES / "advanced-12-weeks.yaml"), folder))


def _weeks(plan_pdf: Path, before: int, after: list[int], feel: str) -> list[str]:
    """--week flags: every planned session done, with these pains and this feeling."""
    printed = printed_plan_of(plan_pdf)
    flags = []
    for number, pain in enumerate(after, start=1):
        done = planned_sessions(printed, number)
        flags += ["--week", f"{number}:{done}:{before}:{pain}:{feel}"]
    return flags


def _next(plan_pdf: Path, tmp_path: Path, *flags: str) -> int:
    target = tmp_path / "next.pdf"
    return cli.main(["next", str(plan_pdf), "-o", str(target), "--no-new-signs", *flags])


@pytest.mark.slow
def test_every_session_done_and_steady_pain_carries_on(plan_pdf, tmp_path, capsys):
    assert _next(plan_pdf, tmp_path, *_weeks(plan_pdf, 2, [2] * 12, "right")) == 0
    assert "one step further" in capsys.readouterr().out
    assert (tmp_path / "next.pdf").exists()


@pytest.mark.slow
def test_work_that_felt_too_hard_is_repeated_not_raised(plan_pdf, tmp_path, capsys):
    assert _next(plan_pdf, tmp_path, *_weeks(plan_pdf, 2, [2] * 12, "too-hard")) == 0
    assert "felt too hard" in capsys.readouterr().out


@pytest.mark.slow
def test_pain_told_rising_by_two_steps_back(plan_pdf, tmp_path, capsys):
    assert _next(plan_pdf, tmp_path, *_weeks(plan_pdf, 2, [1] * 6 + [4] * 6, "right")) == 0
    assert "steps back" in capsys.readouterr().out


def test_a_bad_week_flag_names_what_is_allowed(plan_pdf, tmp_path, capsys):
    assert _next(plan_pdf, tmp_path, "--week", "1:3:2:2:fine") == 2
    assert "too-easy, right, too-hard" in capsys.readouterr().err
    assert not (tmp_path / "next.pdf").exists()


def test_ask_without_a_terminal_names_the_flags_for_scripts(plan_pdf, tmp_path, capsys):
    assert _next(plan_pdf, tmp_path, "--ask") == 2
    assert "--week N:SESSIONS" in capsys.readouterr().err


@pytest.mark.slow
def test_ask_asks_week_by_week_at_the_terminal(plan_pdf, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(commands, "is_terminal", lambda: True)
    printed = printed_plan_of(plan_pdf)
    # every session, pain 2 and 2, "about right" (the default)
    keys = "".join(f"{planned_sessions(printed, w.number)}\r2\r2\r\r" for w in printed.weeks)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            assert _next(plan_pdf, tmp_path, "--ask") == 0
    assert "one step further" in capsys.readouterr().out


@pytest.mark.slow
def test_weeks_told_all_done_give_the_block_every_box_ticked_gives(plan_pdf, tmp_path):
    from planbuilder.scan.job import plan_pages, write_filled_copy

    pytest.importorskip("cv2", reason="the scan extra writes the ticked copy")
    printed = printed_plan_of(plan_pdf)
    every_box = {
        box.name: True
        for boxes in plan_pages(plan_pdf, printed.plan_id).boxes.values()
        for box in boxes
        if box.kind == "checkbox"
    }
    ticked = tmp_path / "ticked.pdf"
    write_filled_copy(plan_pdf, every_box, ticked)
    from_ticks = decide(read_progress(ticked, TODAY), TODAY, library().safety.pain_rule)
    told = [
        WeekTold(w.number, planned_sessions(printed, w.number), 0, 0, Feel.RIGHT)
        for w in printed.weeks
    ]
    from_told = decide(progress_from_told(printed, told, TODAY), TODAY, library().safety.pain_rule)
    assert from_ticks.kind == from_told.kind == PROGRESS
    assert from_ticks.profile == from_told.profile
