"""The questionnaire: real prompts driven in-process, the walking rules, and the exits."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

import planbuilder.cli as cli
import planbuilder.commands as commands
from planbuilder.errors import SafetyStop
from planbuilder.layout import available_layouts
from planbuilder.questionnaire import Asker, ask_all, locale_paper, run_questionnaire
from planbuilder.questions import load_questions

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
SPACE = " "
CTRL_C = "\x03"
CTRL_D = "\x04"
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def terminal(monkeypatch, tmp_path):
    """Run `planbuilder` in tmp_path as if at a terminal, typing the given keys."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(commands, "is_terminal", lambda: True)

    def type_keys(keys: str, *args: str) -> int:
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            pipe.close()  # when the keys run out the prompt sees end of input, never hangs
            with create_app_session(input=pipe, output=DummyOutput()):
                return cli.main(list(args))

    return type_keys


class Scripted(Asker):
    """An asker that answers from a script (key → value) and records what was asked."""

    def __init__(self, library, script: dict[str, Any], cleared: bool = False) -> None:
        super().__init__(library, available_layouts(), Path("."))
        self.script = script
        self.asked: list[str] = []
        self.confirmed: list[str] = []
        self.cleared = cleared

    def confirm(self, text, default):
        self.confirmed.append(text)
        return self.cleared if text.startswith("Has a doctor") else True

    def ask(self, question, default, answers):
        self.asked.append(question.key)
        return self.script.get(question.key, default)


@pytest.mark.slow
def test_pressing_enter_all_the_way_gives_a_plan_and_its_answers_file(terminal, tmp_path, run):
    assert terminal(ENTER * 40) == 0
    pdf, answers = tmp_path / "back-plan.pdf", tmp_path / "back-plan.answers.yaml"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = answers.read_text(encoding="utf-8")
    assert "level: beginner" in text and "weeks: 8" in text
    status, _, _ = run("build", answers, "-o", tmp_path / "again.pdf")
    assert status == 0
    assert (tmp_path / "again.pdf").read_bytes() == pdf.read_bytes()


@pytest.mark.slow
def test_typed_answers_reach_the_answers_file(terminal, tmp_path):
    keys = (
        "\x7f\x7f67"
        + ENTER  # age 67
        + ENTER  # no red flags
        + DOWN
        + ENTER  # intermediate
        + DOWN
        + ENTER  # mild pain
        + UP
        + ENTER  # for 6 to 12 weeks
        + "y"
        + ENTER  # a fall in the last year
        + DOWN
        + SPACE
        + ENTER  # a resistance band
        + SPACE
        + ENTER  # swimming
        + "\x7f2"
        + ENTER  # two sport sessions
        + ENTER * 4  # doing them now, can walk, 10 minutes, gets down to the floor
        + "\x7f4"
        + ENTER  # four weeks
        + ENTER
        + ENTER  # three sessions, days chosen for me
        + "\x7f\x7f15"
        + ENTER  # fifteen minutes
        + ENTER
        + ENTER  # balanced, next Monday
        + "Дмитрий"
        + ENTER  # name
        + ENTER * 3
        + ENTER  # paper, layout, file name, build
    )
    assert terminal(keys) == 0
    text = (tmp_path / "back-plan.answers.yaml").read_text(encoding="utf-8")
    for line in (
        "age: 67",
        "level: intermediate",
        "pain: mild",
        "pain_since: 6_to_12_weeks",
        "fall_last_year: true",
        "equipment: [band]",
        "sports: [swimming]",
        "sport_sessions_per_week: 2",
        "weeks: 4",
        "minutes: 15",
        "name: Дмитрий",
    ):
        assert line in text


@pytest.mark.slow
def test_a_value_out_of_range_is_refused_at_the_prompt(terminal, tmp_path):
    keys = ENTER * 7 + "\x7f99" + ENTER + "\x7f\x7f8" + ENTER + ENTER * 30  # weeks: 99, then 8
    assert terminal(keys) == 0
    assert "weeks: 8" in (tmp_path / "back-plan.answers.yaml").read_text(encoding="utf-8")


def test_sport_sessions_are_asked_only_when_sports_are_chosen(library):
    questions = load_questions()
    quiet = Scripted(library, {"sports": []})
    ask_all(questions, quiet, {}, Path("."), TODAY)
    assert "sport_sessions_per_week" not in quiet.asked
    sporty = Scripted(library, {"sports": ["yoga"]})
    ask_all(questions, sporty, {}, Path("."), TODAY)
    assert "sport_sessions_per_week" in sporty.asked


def test_days_are_asked_only_when_the_person_wants_to_choose(library):
    questions = load_questions()
    spread = Scripted(library, {"choose_days": False})
    ask_all(questions, spread, {}, Path("."), TODAY)
    assert "days" not in spread.asked
    choosy = Scripted(library, {"choose_days": True})
    answers = ask_all(questions, choosy, {}, Path("."), TODAY)
    assert "days" in choosy.asked and answers["days"] == ["mon", "wed", "fri"]


def test_the_safety_screen_comes_first_and_an_emergency_sign_stops_everything(library):
    stopped = Scripted(library, {"red_flags": ["leg_weakness"]})
    with pytest.raises(SafetyStop) as stop:
        ask_all(load_questions(), stopped, {}, Path("."), TODAY)
    assert stopped.asked == ["age", "red_flags"]
    assert str(stop.value).startswith("Call your emergency number now")
    assert stopped.confirmed[0].startswith("You ticked: A leg or foot getting weaker")


def test_a_see_first_item_stops_unless_a_clinician_has_cleared_it(library):
    waiting = Scripted(library, {"red_flags": ["pregnancy"]}, cleared=False)
    with pytest.raises(SafetyStop) as stop:
        ask_all(load_questions(), waiting, {}, Path("."), TODAY)
    assert "midwife" in str(stop.value)
    cleared = Scripted(library, {"red_flags": ["pregnancy"]}, cleared=True)
    answers = ask_all(load_questions(), cleared, {}, Path("."), TODAY)
    assert answers["cleared"] == ["pregnancy"]


def test_severe_pain_stops_right_after_the_pain_question(library):
    hurting = Scripted(library, {"pain": "severe"})
    with pytest.raises(SafetyStop) as stop:
        ask_all(load_questions(), hurting, {}, Path("."), TODAY)
    assert hurting.asked[-1] == "pain"
    assert "keep gently moving" in str(stop.value)


def test_the_screening_screen_is_grouped_under_headings_emergency_first(library):
    choices = Asker(library, (), Path(".")).choices(
        next(q for q in load_questions() if q.key == "red_flags")
    )
    headings = [label for value, label in choices if value is None]
    assert headings == ["Right now", "In your history", "Your general health"]
    assert choices[1][0] == "bladder_bowel"


@pytest.mark.slow
def test_a_slip_of_the_key_is_caught_by_the_confirmation(terminal, tmp_path, capsys):
    # tick the first sign, say "no, that is wrong", untick it, go on: a plan, not a stop
    keys = ENTER + SPACE + ENTER + "n" + ENTER + SPACE + ENTER + ENTER * 40
    assert terminal(keys) == 0
    assert (tmp_path / "back-plan.pdf").exists()


def test_an_emergency_sign_at_the_prompt_exits_3_and_writes_nothing(terminal, tmp_path, capsys):
    assert terminal(ENTER + SPACE + ENTER + ENTER) == 3  # age, tick, go on, "Is that right?" yes
    assert "emergency department now" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_cancels_with_130_and_leaves_nothing(terminal, tmp_path, capsys):
    assert terminal(ENTER * 3 + CTRL_C) == 130
    assert "Cancelled, nothing written." in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_ctrl_d_at_a_question_cancels_like_ctrl_c(terminal, tmp_path, capsys):
    assert terminal(ENTER * 3 + CTRL_D) == 130
    err = capsys.readouterr().err
    assert "Cancelled, nothing written." in err and "redirected" not in err
    assert list(tmp_path.iterdir()) == []


def test_saying_no_to_build_then_quit_writes_nothing(terminal, tmp_path, capsys):
    assert terminal(ENTER * 15 + "n" + ENTER + DOWN + ENTER) == 130  # "Build?" no, quit
    assert "Cancelled, nothing written." in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_new_from_old_answers_offers_them_as_defaults_for_the_next_block(
    terminal, tmp_path, monkeypatch
):
    monkeypatch.setenv("PLANBUILDER_TODAY", "2027-01-20")  # in the old block's last week
    old = tmp_path / "old.answers.yaml"
    old.write_text(
        "level: advanced\nweeks: 4\nstart: 2027-01-04\nequipment: [band]\n"
        "sports: [yoga]\nsport_sessions_per_week: 2\nname: Sam\n",
        encoding="utf-8",
    )
    assert terminal(ENTER * 40, "new", "--from", str(old)) == 0
    text = (tmp_path / "old-2.answers.yaml").read_text(encoding="utf-8")  # the old name kept
    for line in (
        "level: advanced",
        "weeks: 4",
        "equipment: [band]",
        "sports: [yoga]",
        "sport_sessions_per_week: 2",
        "name: Sam",
        "start: 2027-02-01",
    ):
        assert line in text


@pytest.mark.slow
def test_the_existing_plan_is_never_overwritten(terminal, tmp_path):
    (tmp_path / "back-plan.pdf").write_bytes(b"mine")
    assert terminal(ENTER * 40) == 0
    assert (tmp_path / "back-plan.pdf").read_bytes() == b"mine"
    assert (tmp_path / "back-plan-2.pdf").exists()


@pytest.mark.parametrize(
    ("lang", "paper"),
    [
        ("en_US.UTF-8", "letter"),
        ("fr_CA.UTF-8", "letter"),
        ("en_GB.UTF-8", "a4"),
        ("C.UTF-8", "a4"),
        ("", "a4"),
    ],
)
def test_paper_defaults_to_letter_in_the_us_and_canada(lang, paper):
    assert locale_paper({"LANG": lang}) == paper


def test_not_a_terminal_points_to_build_and_exits_2_without_hanging(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "planbuilder"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    assert "not one" in result.stderr and "planbuilder build ANSWERS.yaml" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("columns", [50, 120])
def test_in_a_real_terminal_typing_answers_produces_the_pdf(tmp_path, columns):
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "NO_COLOR": "1", "LANG": "en_GB.UTF-8", "TERM": "xterm"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "planbuilder"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, columns),
    )
    child.expect(r"1 of \d+")  # "1 of 20": every screen says where the person is
    child.expect("How old are you")
    child.send(ENTER)
    child.expect("Do any of these apply")
    child.send(ENTER)
    child.expect("Which sounds most like you")
    child.send(DOWN + ENTER)  # intermediate
    for _ in range(30):
        index = child.expect(["Build the plan", r"\?"])
        child.send("y" if index == 0 else ENTER)
        if index == 0:
            break
    child.expect("Your plan is ready")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "back-plan.pdf").exists()
    assert "level: intermediate" in (tmp_path / "back-plan.answers.yaml").read_text("utf-8")


@pytest.mark.slow
def test_ctrl_c_in_a_real_terminal(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "planbuilder"],
        cwd=str(tmp_path),
        env={**os.environ, "TERM": "xterm"},
        encoding="utf-8",
        timeout=30,
    )
    child.expect("How old are you")
    child.sendcontrol("c")
    child.expect("Cancelled, nothing written.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_an_emergency_sign_in_a_real_terminal_is_confirmed_then_stops_with_3(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "planbuilder"],
        cwd=str(tmp_path),
        env={**os.environ, "TERM": "xterm", "NO_COLOR": "1"},
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 50),
    )
    child.expect("How old are you")
    child.send(ENTER)
    child.expect("Do any of these apply")
    child.send(SPACE + ENTER)  # the first line: new bladder or bowel trouble
    child.expect(r"right\?")  # "Is that right?", folded at 50 columns
    child.send(ENTER)
    child.expect("emergency")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3
    assert "harmless" not in (child.before or "")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_a_number_typed_at_a_prompt_replaces_the_default(terminal, tmp_path):
    # weeks: 12 typed where 8 is offered, after age to floor (walking, walk minutes, floor)
    keys = ENTER * 10 + "12" + ENTER + ENTER * 30
    assert terminal(keys) == 0
    assert "weeks: 12" in (tmp_path / "back-plan.answers.yaml").read_text(encoding="utf-8")


def test_one_answer_is_changed_at_the_summary_and_the_summary_comes_back(library, tmp_path):
    class Changing(Scripted):
        def __init__(self) -> None:
            super().__init__(library, {"weeks": 8})
            self.builds = iter([False, True])  # "Build the plan?" no, then yes
            self.picks = iter(["change", "weeks"])

        def confirm(self, text, default):
            return next(self.builds) if text == "Build the plan?" else True

        def pick(self, text, options):
            return next(self.picks)

        def ask(self, question, default, answers):
            if question.key == "weeks" and "weeks" in answers:
                self.asked.append("weeks again")
                return 12
            return super().ask(question, default, answers)

    asker = Changing()
    lines: list[str] = []
    profile, _ = run_questionnaire(load_questions(), asker, {}, tmp_path, TODAY, lines.append)
    assert profile.weeks == 12
    assert asker.asked.count("level") == 1  # nothing else is asked again
    assert asker.asked[-1] == "weeks again"
    assert sum("Here is your plan" in line for line in lines) == 2


@pytest.mark.slow
def test_the_last_screen_says_where_the_files_are_how_to_print_and_what_to_run(
    terminal, tmp_path, capsys
):
    assert terminal(ENTER * 40) == 0
    out = capsys.readouterr().out
    pdf = (tmp_path / "back-plan.pdf").resolve()
    assert str(pdf) in out and str(pdf.with_name("back-plan.answers.yaml")) in out
    assert "actual size" in out and "A4" in out
    assert "This block ends on" in out
    assert f"planbuilder progress {pdf}" in out and f"planbuilder next {pdf}" in out


def test_a_start_date_in_the_past_asks_to_confirm(library):
    class Late(Scripted):
        def confirm(self, text, default):
            self.confirmed.append(text)
            return True

    asker = Late(library, {"start": TODAY - dt.timedelta(days=30)})
    ask_all(load_questions(), asker, {}, Path("."), TODAY)
    assert any("has already passed" in text for text in asker.confirmed)


@pytest.mark.slow
def test_select_all_on_the_safety_list_is_caught_before_anything_stops(terminal, tmp_path):
    # "a" ticks every line (questionary's select-all); the read-back says so, "n" goes back to
    # the list, "a" again unticks all, and the questions go on to a plan
    keys = ENTER + "a" + ENTER + "n" + ENTER + "a" + ENTER + ENTER * 40
    assert terminal(keys) == 0
    assert (tmp_path / "back-plan.pdf").exists()


def test_a_checkbox_answer_is_said_back_in_plain_words():
    from planbuilder.questionnaire import chosen_in_words

    labels = {"band": "Resistance band", "cushion": "Cushion", "dumbbells": "Dumbbells"}
    assert chosen_in_words([], labels) == "none"
    assert chosen_in_words(["band", "cushion"], labels) == "Resistance band; Cushion"
    assert chosen_in_words(["a", "b", "c", "d", "e", "f", "g"], labels) == "7 chosen"
