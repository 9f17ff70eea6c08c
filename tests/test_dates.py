"""Today's date matters: where a person is in their plan, and not building the next block by
mistake from half a plan. Today comes from PLANBUILDER_TODAY in these tests."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import EXAMPLES, fill, ticks_for


@pytest.mark.slow
def test_progress_says_which_week_today_is_and_future_weeks_are_not_yet(
    run, built, tmp_path, monkeypatch
):
    path, plan = built
    filled = tmp_path / "filled.pdf"
    fill(path, ticks_for(plan, 1.0, (2, 2)), filled)
    monkeypatch.setenv("PLANBUILDER_TODAY", "2027-01-20")  # a Wednesday of week 3 of 12
    status, out, _ = run("progress", filled)
    assert status == 0
    assert "Today is Wed 20 Jan 2027, in week 3 of 12." in out
    assert "   4  not yet" in out and "  12  not yet" in out
    report = json.loads(run("progress", filled, "--json")[1])
    assert report["current_week"] == 3
    assert report["weeks_not_yet"] == list(range(4, 13))
    assert report["weeks_without_entries"] == []


@pytest.mark.slow
def test_next_before_the_last_week_needs_early(run, built, tmp_path, monkeypatch):
    path, _ = built
    monkeypatch.setenv("PLANBUILDER_TODAY", "2027-01-20")
    output = tmp_path / "next.pdf"
    status, _, err = run("next", "--no-new-signs", path, "-o", output)
    assert status == 2
    assert "week 3 of 12" in err and "--early" in err
    assert not output.exists()
    status, _, err = run("next", "--no-new-signs", path, "-o", output, "--early")
    assert status == 0, err
    assert output.exists()


def test_a_start_date_in_the_past_is_built_with_a_warning(run, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANBUILDER_TODAY", "2027-06-01")
    answers = tmp_path / "sam.answers.yaml"
    shutil.copy(EXAMPLES / "minimal.yaml", answers)
    answers.write_text(answers.read_text() + "\nstart: 2027-01-04\n", encoding="utf-8")
    status, _, err = run("build", answers)
    assert status == 0
    assert "starts on Mon 04 Jan 2027, which has passed" in err
    assert (tmp_path / "sam.pdf").exists()


def test_a_bad_planbuilder_today_is_named(run, monkeypatch):
    monkeypatch.setenv("PLANBUILDER_TODAY", "tomorrow")
    status, _, err = run("plan", EXAMPLES / "minimal.yaml")
    assert status == 2 and "PLANBUILDER_TODAY: 'tomorrow' is not a date" in err
