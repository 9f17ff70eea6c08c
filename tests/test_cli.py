"""The command line as a person or a script uses it: outputs, exit codes, help."""

from __future__ import annotations

import json

import pytest

from planbuilder import __version__

from conftest import EXAMPLES


def test_plan_json_has_the_documented_shape(run):
    status, out, _ = run("plan", EXAMPLES / "beginner-12-weeks.yaml", "--json")
    assert status == 0
    data = json.loads(out)
    assert len(data["weeks"]) == 12
    week = data["weeks"][0]
    assert set(week) >= {"number", "deload", "days"} and len(week["days"]) == 7
    assert week["days"][0]["date"] == "2027-01-04"
    sessions = [s for day in week["days"] for s in day["sessions"]]
    strength = [s for s in sessions if s["kind"] == "strength"]
    assert [s["label"] for s in strength] == ["A", "B", "A"]
    item = strength[0]["items"][0]
    assert {"exercise", "sets", "dose", "unit", "per_side", "rest", "ceiling"} <= set(item)
    assert set(item) <= {
        *item.keys() & {"reps", "band", "tempo", "weight_note", "weight_step", "entry_check"},
        "exercise",
        "sets",
        "dose",
        "unit",
        "per_side",
        "rest",
        "ceiling",
    }
    assert item["unit"] in ("s", "reps")
    walks = [s for s in sessions if s["kind"] == "walk"]
    assert walks and all(set(w) == {"kind", "minutes"} for w in walks)
    sport = [s for s in sessions if s["kind"] == "sport"]
    # Swimming is 30 minutes; with a sore back it starts at two thirds of that.
    assert sport == [{"kind": "sport", "sport": "swimming", "minutes": 20}]
    for exercise_id, info in data["exercises"].items():
        assert set(info) >= {
            "name",
            "areas",
            "levels",
            "equipment",
            "equipment_one_of",
            "family",
            "load",
            "max_pain",
            "position",
        }, exercise_id
    # Mild pain steps up every other week; the lighter week follows the second step.
    assert [w["number"] for w in data["weeks"] if w["deload"]] == [6, 11]


def test_plan_text_summary_reads_week_by_week(run):
    status, out, _ = run("plan", EXAMPLES / "advanced-12-weeks.yaml")
    assert status == 0
    assert "Back plan" in out and "for Alex Moreau" in out
    assert "Week 4 (lighter week)" in out
    assert "Deadlift (light): Learn it with a coach or physiotherapist first" in out
    assert "× " in out


def test_red_flags_stop_with_exit_3_and_no_plan(run, write_answers):
    path = write_answers({"level": "beginner", "age": 40, "red_flags": ["saddle_numbness"]})
    status, out, err = run("plan", path, "--json")
    assert status == 3
    assert out == ""
    assert err.startswith("Call your emergency number now")


def test_exercises_lists_the_library_and_filters_by_level_and_equipment(run):
    status, out, _ = run("exercises")
    assert status == 0 and "bird_dog" in out and "deadlift" in out
    status, out, _ = run("exercises", "--level", "beginner", "--equipment", "")
    assert status == 0
    assert "bird_dog" in out
    assert "deadlift" not in out and "band_pull_apart" not in out and "pull_up" not in out
    status, out, _ = run("exercises", "--equipment", "band,kettlebell", "--level", "advanced")
    assert "deadlift" in out and "band_pull_apart" in out and "pull_up " not in out


def test_exercises_rejects_unknown_filters(run):
    status, _, err = run("exercises", "--equipment", "trampoline")
    assert status == 2 and "trampoline" in err and "allowed: cushion" in err
    status, _, err = run("exercises", "--level", "expert")
    assert status == 2 and "beginner, intermediate, advanced" in err


def test_validate_reports_the_shipped_content_and_layouts_as_valid(run):
    status, out, _ = run("validate")
    assert status == 0
    assert "valid" in out and "exercises" in out and "layouts" in out


@pytest.mark.parametrize("command", [[], ["plan"], ["build"], ["new"], ["exercises"], ["validate"]])
def test_every_command_has_help(run, command):
    status, out, _ = run(*command, "--help")
    assert status == 0
    assert "usage: planbuilder" in out


def test_version(run):
    status, out, _ = run("--version")
    assert status == 0 and __version__ in out


def test_unknown_command_is_bad_input(run):
    status, _, err = run("plant")
    assert status == 2 and "invalid choice" in err


def test_exit_statuses_are_the_documented_ones():
    from planbuilder.cli import ExitStatus

    assert {s.name: int(s) for s in ExitStatus} == {
        "DONE": 0,
        "MACHINE_FAILED": 1,
        "BAD_INPUT": 2,
        "SAFETY_STOP": 3,
        "INTERRUPTED": 130,
    }


def test_the_rebuild_hint_can_be_pasted_into_a_shell_whatever_the_names(run, tmp_path):
    import shlex
    import shutil

    answers = tmp_path / "Sam's plan.yaml"
    shutil.copy(EXAMPLES / "minimal.yaml", answers)
    output = tmp_path / "my plan.pdf"
    status, out, _ = run("build", answers, "-o", output)
    assert status == 0
    hint = out.split("To rebuild it after changing the answers: ")[1].strip()
    assert shlex.split(hint) == ["planbuilder", "build", str(answers), "-o", str(output), "--force"]


def test_validate_checks_the_checkout_it_is_run_in_and_says_which(run, tmp_path, monkeypatch):
    import shutil

    from conftest import REPO

    checkout = tmp_path / "my-checkout"
    for folder in ("content", "layouts"):
        shutil.copytree(REPO / folder, checkout / folder)
    shutil.copy(REPO / "pyproject.toml", checkout / "pyproject.toml")
    bird_dog = checkout / "content" / "exercises" / "bird_dog.yaml"
    bird_dog.write_text(
        bird_dog.read_text().replace(
            "levels: [beginner, intermediate, advanced]", "levels: [beginner, intermediat]"
        )
    )
    monkeypatch.chdir(checkout / "content")
    status, _, err = run("validate")
    assert status == 2
    assert f"content at {checkout / 'content'}" in err and "intermediat" in err
    monkeypatch.chdir(tmp_path)
    status, _, err = run("validate", "--content", checkout / "content")
    assert status == 2 and "intermediat" in err
    status, _, err = run("validate", "--content", tmp_path / "nowhere")
    assert status == 2 and "--content:" in err


def test_the_exercise_list_fits_a_narrow_terminal(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    status, out, _ = run("exercises", "--level", "beginner")
    assert status == 0
    assert max(len(line) for line in out.splitlines()) <= 50
    assert "bird_dog  Bird dog" in out
