"""The answers file: every problem named with its key and what is allowed, exit status 2."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from planbuilder.layout import available_layouts
from planbuilder.profile import dump_answers, load_profile, next_monday, profile_from_answers

from conftest import EXAMPLES


def test_minimal_answers_take_the_documented_defaults(library):
    profile = profile_from_answers(
        {"level": "beginner", "age": 40}, library, available_layouts(), today=dt.date(2026, 11, 25)
    )
    assert profile.start == dt.date(2026, 11, 30)  # the coming Monday
    assert (profile.weeks, profile.sessions_per_week, profile.minutes) == (8, 3, 20)
    assert profile.days == ("mon", "wed", "fri")
    assert (profile.pain, profile.focus, profile.paper, profile.layout) == (
        "none",
        "balanced",
        "a4",
        "classic",
    )
    assert profile.sport_sessions_per_week == 0


def test_sport_sessions_default_to_one_when_sports_are_chosen(library):
    profile = profile_from_answers(
        {"level": "beginner", "age": 40, "sports": ["yoga"]}, library, available_layouts()
    )
    assert profile.sport_sessions_per_week == 1


def test_next_monday_is_today_on_a_monday():
    assert next_monday(dt.date(2027, 1, 4)) == dt.date(2027, 1, 4)
    assert next_monday(dt.date(2027, 1, 10)) == dt.date(2027, 1, 11)


def test_saved_answers_load_back_to_the_same_profile(library, tmp_path):
    original = load_profile(EXAMPLES / "advanced-12-weeks.yaml", library, available_layouts())
    saved = tmp_path / "again.yaml"
    saved.write_text(dump_answers(original), encoding="utf-8")
    assert load_profile(saved, library, available_layouts()) == original


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ("level: beginner\nleval: advanced\n", "leval: unknown key; did you mean 'level'?"),
        ("level: expert\n", "level: 'expert' is not one of beginner, intermediate, advanced"),
        ("weeks: 53\nlevel: beginner\n", "weeks: 53 is out of range; allowed: 1 to 52"),
        ("weeks: eight\nlevel: beginner\n", "weeks: 'eight' should be a whole number from 1 to 52"),
        ("minutes: 5\nlevel: beginner\n", "minutes: 5 is out of range; allowed: 10 to 60"),
        ("sessions_per_week: 7\nlevel: beginner\n", "sessions_per_week: 7 is out of range"),
        (
            "equipment: [band, trampoline]\nlevel: beginner\n",
            "equipment: 'trampoline' is not one of cushion, band",
        ),
        ("sports: [swiming]\nlevel: beginner\n", "did you mean 'swimming'?"),
        ("red_flags: [headache]\nlevel: beginner\n", "red_flags: 'headache' is not one of"),
        ("days: [mon, wed]\nlevel: beginner\n", "days: lists 2 day(s) but sessions_per_week is 3"),
        ("days: [mon, funday, fri]\nlevel: beginner\n", "days[1]: 'funday' is not one of mon, tue"),
        ("start: next week\nlevel: beginner\n", "start: 'next week' is not a date"),
        ("paper: a5\nlevel: beginner\n", "paper: 'a5' is not one of a4, letter"),
        ("layout: fancy\nlevel: beginner\n", "layout: 'fancy' is not one of classic"),
        ("sport_sessions_per_week: 2\nlevel: beginner\n", "but no sports are chosen"),
        ("weeks: 8\n", "level: is missing (it is required)"),
        ("level: [beginner\n", "not valid YAML (line 2)"),
        ("- just\n- a list\n", "should be an answers file: a mapping"),
        ("name: " + "x" * 101 + "\nlevel: beginner\n", "name: is 101 characters long"),
    ],
)
def test_bad_answers_exit_2_with_a_message_naming_key_and_allowed_values(
    run, write_answers, answers, expected
):
    path = write_answers(answers)
    status, out, err = run("plan", path)
    assert status == 2
    assert expected in err
    assert str(path) in err
    assert "Traceback" not in err and out == ""


def test_every_problem_of_a_file_is_reported_at_once(run, write_answers):
    path = write_answers("level: expert\nage: 40\nweeks: 0\ncolour: blue\n")
    status, _, err = run("plan", path)
    assert status == 2
    assert "has 3 problems" in err
    assert "level:" in err and "weeks:" in err and "colour:" in err


def test_an_empty_answers_file_names_both_required_keys(run, write_answers):
    status, _, err = run("plan", write_answers(""))
    assert status == 2
    assert "has 2 problems" in err and "level: is missing" in err and "age: is missing" in err


def test_a_missing_file_is_named(run, tmp_path):
    status, _, err = run("plan", tmp_path / "nowhere.yaml")
    assert status == 2
    assert "nowhere.yaml: no such file" in err


def test_an_alias_bomb_is_refused_quickly(run, write_answers):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    path = write_answers("\n".join(lines) + "\nlevel: beginner\n")
    status, _, err = run("plan", path)
    assert status == 2
    assert "aliases" in err


def test_a_binary_file_is_refused(run, tmp_path):
    path = tmp_path / "photo.yaml"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    status, _, err = run("plan", path)
    assert status == 2
    assert "not a UTF-8 text file" in err


def test_an_answers_file_from_before_age_was_asked_says_how_to_add_it(run, write_answers):
    status, _, err = run("plan", write_answers("level: beginner\npain: mild\n"))
    assert status == 2
    assert "age: is missing" in err and "age: 45" in err


def test_a_problem_names_the_line_it_is_on(run, write_answers):
    path = write_answers("name: Sam\nage: 40\nlevel: beginner\ndays: [mon, wed, funday]\n")
    status, _, err = run("plan", path)
    assert status == 2
    assert f"{path}, line 4: days[2]: 'funday' is not one of" in err


def _schema(run) -> dict:
    import json

    status, out, err = run("schema", "answers")
    assert status == 0, err
    return json.loads(out)


def test_the_json_schema_accepts_every_example_and_what_the_questionnaire_writes(run):
    import jsonschema

    schema = _schema(run)
    for example in EXAMPLES.glob("*.yaml"):
        data = yaml.safe_load(example.read_text(encoding="utf-8"))
        data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
        jsonschema.validate(data, schema)
    assert schema["required"] == ["level"]


@pytest.mark.parametrize(
    "bad",
    [
        {"level": "expert"},
        {"level": "beginner", "weeks": 53},
        {"level": "beginner", "equipment": ["trampoline"]},
        {"level": "beginner", "colour": "blue"},
        {"level": "beginner", "days": ["funday"]},
        {"weeks": 8},
    ],
)
def test_the_json_schema_refuses_what_the_loader_refuses(run, write_answers, bad):
    import jsonschema

    schema = _schema(run)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    status, _, _ = run("plan", write_answers(yaml.safe_dump({"age": 40, **bad})))
    assert status == 2


def test_an_answers_file_given_where_a_filled_pdf_belongs_is_called_not_a_pdf(run, write_answers):
    answers = write_answers({"level": "beginner", "age": 40})
    status, _, err = run("progress", answers)
    assert status == 2
    assert "not a PDF" in err and "damaged" not in err and "Traceback" not in err
