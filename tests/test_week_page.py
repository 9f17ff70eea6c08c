"""The week page as a person reads and fills it: the legend in words, numbered set boxes, pain
as circles to tick, notes, guide pages, a tick for every planned day, minutes, pages used."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from planbuilder.content import default_library
from planbuilder.layout import available_layouts, load_layout
from planbuilder.plan import StrengthSession
from planbuilder.planner import build_plan
from planbuilder.profile import profile_from_answers
from planbuilder.render.document import render_pdf
from planbuilder.render.prose import weekday_day_month

from conftest import START, fill, outline_pages


def _plan_pdf(tmp_path: Path, name: str = "plan.pdf", **answers: object):
    library = default_library()
    answers.setdefault("level", "beginner")
    answers.setdefault("age", 52)
    answers.setdefault("start", START)
    answers.setdefault("weeks", 2)
    layout = str(answers.get("layout", "classic"))
    profile = profile_from_answers(answers, library, available_layouts())
    plan = build_plan(profile, library)
    path = tmp_path / name
    render_pdf(plan, library, load_layout(layout), path)
    return path, plan


def _week_text(reader: PdfReader, week: int) -> str:
    page = outline_pages(reader)[f"Week {week}"]
    return " ".join(reader.pages[page].extract_text().split())


def test_the_legend_says_the_dose_in_words(built):
    path, _ = built
    text = _week_text(PdfReader(path), 1)
    assert "3 × 10: 3 sets of 10 repetitions" in text
    assert "hold" in text and "seconds" in text
    assert "Sessions A and B are two different sets of exercises" in text


@pytest.mark.slow
def test_the_legend_explains_a_slow_lowering_in_the_weeks_that_ask_for_one(built):
    """'lower in 3 s' is said in words on the pages of the weeks whose doses have a tempo,
    and only there."""
    path, plan = built
    reader = PdfReader(path)
    explained = default_library().booklet.week_tempo.partition(": ")[2]
    for week in plan.weeks:
        slow = any(item.tempo for s in week.strength_sessions() for item in s.items)
        assert (explained in _week_text(reader, week.number)) == slow, f"week {week.number}"
    assert any(item.tempo for s in plan.weeks[-1].strength_sessions() for item in s.items)


def test_a_lighter_week_says_which_exercises_keep_their_sets(library):
    """Someone who fell keeps their balance practice whole in a lighter week, and warm-ups
    and stretches are never lightened: the lighter week's words must not say that every
    exercise has one set fewer."""
    from conftest import make_profile

    plan = build_plan(make_profile(library, age=74, fall_last_year=True, weeks=12), library)
    lighter = next(w for w in plan.weeks if w.deload)
    before = plan.weeks[lighter.number - 2]
    sets = {i.exercise: i.sets for s in before.strength_sessions() for i in s.items}
    kept = [
        plan.exercises[i.exercise]
        for s in lighter.strength_sessions()
        for i in s.items
        if i.sets == sets.get(i.exercise, 0) and i.sets > 1
    ]
    assert kept, "a faller's lighter week keeps some exercise whole"
    words = library.booklet.lighter_week
    assert "balance practice" in words and "may stay as they are" in words


def test_set_boxes_are_numbered_and_each_exercise_names_its_guide_page(built):
    path, plan = built
    reader = PdfReader(path)
    text = _week_text(reader, 1)
    assert "1 2 3" in text  # the numbers beside a three-set row's boxes
    pages = outline_pages(reader)
    for item in plan.weeks[0].strength_sessions()[0].items:
        card_page = pages[plan.exercises[item.exercise].name] + 1
        assert f"p. {card_page}" in text


def test_pain_before_and_after_are_radio_groups_of_0_to_10(built):
    path, plan = built
    fields = PdfReader(path).get_fields()
    day = next(d for d in plan.weeks[0].days if d.strength())
    label = day.strength()[0].label
    for when in ("before", "after"):
        field = fields[f"w01-{day.weekday}-{label}-pain_{when}"]
        assert field["/FT"] == "/Btn" and int(field["/Ff"]) & (1 << 15)
        assert set(field["/_States_"]) - {"/Off"} == {f"/{n}" for n in range(11)}
    assert "Pain before" in _week_text(PdfReader(path), 1)


def test_each_week_has_a_multi_line_notes_field(built):
    path, plan = built
    fields = PdfReader(path).get_fields()
    for week in plan.weeks:
        field = fields[f"w{week.number:02d}-notes"]
        assert field["/FT"] == "/Tx" and int(field.get("/Ff", 0)) & (1 << 12)


def test_the_day_strip_ticks_every_planned_day_and_says_its_minutes(built):
    path, plan = built
    reader = PdfReader(path)
    fields = reader.get_fields()
    for week in plan.weeks[:3]:
        text = _week_text(reader, week.number)
        for day in week.days:
            for session in day.sessions:
                if isinstance(session, StrengthSession):
                    name = f"w{week.number:02d}-{day.weekday}-{session.label}-done"
                    assert f"Session {session.label}, {session.minutes} min" in text
                    assert f"Session {session.label} · about {session.minutes} min" in text
                elif session.kind == "sport":
                    name = f"w{week.number:02d}-{day.weekday}-sport-{session.sport}-done"
                else:
                    name = f"w{week.number:02d}-{day.weekday}-{session.kind}-done"
                assert name in fields, name
                assert f"{session.minutes} min" in text


@pytest.mark.slow
def test_progress_reads_pain_circles_notes_and_old_text_pain(run, tmp_path, built):
    path, _ = built
    filled = tmp_path / "filled.pdf"
    fill(
        path,
        {"w01-mon-A-pain_before": "3", "w01-mon-A-pain_after": "2", "w01-notes": "Knee sore"},
        filled,
    )
    status, out, _ = run("progress", filled, "--json")
    week = json.loads(out)["weeks"][0]
    assert status == 0 and week["pain_before"] == [3] and week["pain_after"] == [2]
    assert week["notes"] == "Knee sore"
    assert "Week 1: Knee sore" in run("progress", filled)[1]


def _ink_share_of_body(pdf: Path, page: int, look_top: float, look_bottom: float) -> float:
    """Share of the body area's height between the first and last row with ink."""
    import numpy as np
    from PIL import Image

    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "50", "-png", "-f", str(page), "-l", str(page), pdf, prefix],
        check=True,
    )
    image = next(pdf.parent.glob(f"{prefix.name}-*{page}.png"))
    grey = np.asarray(Image.open(image))
    scale = grey.shape[0] / 842
    top, bottom = int(look_top * scale), int(grey.shape[0] - look_bottom * scale)
    rows = np.where((grey[top:bottom] < 128).any(axis=1))[0]
    return (rows[-1] - rows[0]) / (bottom - top)


def test_a_classic_week_page_with_three_sessions_is_at_least_three_quarters_used(built):
    from planbuilder.pagemarks import BOTTOM_BAND, TOP_BAND

    path, plan = built
    first = outline_pages(PdfReader(path))["Week 1"] + 1
    assert len(plan.weeks[0].strength_sessions()) == 3
    assert _ink_share_of_body(path, first, TOP_BAND, BOTTOM_BAND) >= 0.75


@pytest.mark.parametrize("layout", ["classic", "compact"])
@pytest.mark.parametrize(
    ("sessions", "walking", "sports"),
    [
        (1, False, []),
        (2, True, ["swimming"]),
        (3, True, []),
        (4, False, ["swimming", "yoga"]),
        pytest.param(5, True, ["cycling"], marks=pytest.mark.slow),
        pytest.param(6, True, ["swimming", "rowing"], marks=pytest.mark.slow),
    ],
)
def test_a_week_stays_on_one_page(tmp_path, layout, sessions, walking, sports):
    """Up to 30-minute sessions; the fullest weeks (45 minutes, tests/test_pagination.py) too."""
    path, plan = _plan_pdf(
        tmp_path,
        layout=layout,
        weeks=3,
        sessions_per_week=sessions,
        walking=walking,
        sports=sports,
        sport_sessions_per_week=len(sports),
        minutes=30,
        equipment=["cushion", "band", "dumbbells"],
    )
    reader = PdfReader(path)
    pages = outline_pages(reader)
    whole = []
    for week in plan.weeks:
        start = pages[f"Week {week.number}"]
        text = " ".join(reader.pages[start].extract_text().split())
        # the week's last day and its notes are on the page where it starts
        names = {str(a.get_object().get("/T")) for a in reader.pages[start].get("/Annots", [])}
        whole.append(weekday_day_month(week.last) in text and f"w{week.number:02d}-notes" in names)
    assert all(whole)


def test_large_print_breaks_a_week_between_sessions_and_repeats_its_heading(tmp_path):
    path, plan = _plan_pdf(tmp_path, layout="large-print", sessions_per_week=4, minutes=20, weeks=1)
    reader = PdfReader(path)
    start = outline_pages(reader)["Week 1"]
    following = " ".join(reader.pages[start + 1].extract_text().split())
    assert "Week 1 ·" in following and "(continued)" in following
    # a session's pain circles stay on the page of its grid
    for page in (start, start + 1):
        annots = [a.get_object() for a in reader.pages[page].get("/Annots", [])]
        sets = {str(a["/T"]).split("-")[2] for a in annots if "-set" in str(a.get("/T", ""))}
        pains = {str(a["/Parent"]["/T"]).split("-")[2] for a in annots if "/Parent" in a}
        assert sets <= pains | {"mobility"} and pains <= sets


def test_a_crowded_weeks_walk_days_say_walk_in_the_day_strip_not_rest(tmp_path):
    """In a week set at its densest the walks are ticked on a line of their own; their days
    in the strip still say "Walk", never "Rest" (a large-print week showed Rest on walk days)."""
    from planbuilder.render.week import _day_entries

    path, plan = _plan_pdf(tmp_path, sessions_per_week=3, walking=True)
    week = plan.weeks[1]
    library = default_library()
    walk_only = [d for d in week.days if d.sessions and all(s.kind == "walk" for s in d.sessions)]
    assert walk_only
    for day in walk_only:
        entries = _day_entries(week.number, day, library, walks=False)
        assert [e.text.split(",")[0] for e in entries] == ["Walk"]
        assert all(e.field is None for e in entries)  # the box is on the walks' line
        ticked = _day_entries(week.number, day, library, walks=True)
        assert all(e.field for e in ticked)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_compact_page_of_two_weeks_keeps_every_rule_of_the_week_page(tmp_path, paper):
    """Two ordinary weeks a page (three sessions of 20 minutes, walks): the legend in words
    once a page, each session's minutes and numbered set boxes naming their guide pages,
    pain before and after as 0-10 circles for every session, each week's notes a multi-line
    field on its page, and a tick with minutes for every planned day."""
    path, plan = _plan_pdf(
        tmp_path, layout="compact", paper=paper, weeks=4, sessions_per_week=3, minutes=20
    )
    reader = PdfReader(path)
    pages = outline_pages(reader)
    fields = reader.get_fields()
    for week in plan.weeks:
        page = pages[f"Week {week.number}"]
        text = " ".join(reader.pages[page].extract_text().split())
        names = {str(a.get_object().get("/T")) for a in reader.pages[page].get("/Annots", [])}
        assert "How to read this page" in text and "3 sets of 10 repetitions" in text
        assert f"w{week.number:02d}-notes" in names
        assert int(fields[f"w{week.number:02d}-notes"].get("/Ff", 0)) & (1 << 12)
        for day in week.days:
            for session in day.sessions:
                assert f"{session.minutes} min" in text
                if not isinstance(session, StrengthSession):
                    assert f"w{week.number:02d}-{day.weekday}-{session.kind}-done" in names
                    continue
                prefix = f"w{week.number:02d}-{day.weekday}-{session.label}"
                assert f"{prefix}-done" in names
                assert f"Session {session.label} · about {session.minutes} min" in text
                for when in ("before", "after"):
                    pain = fields[f"{prefix}-pain_{when}"]
                    assert set(pain["/_States_"]) - {"/Off"} == {f"/{n}" for n in range(11)}
                for item in session.items:
                    card_page = pages[plan.exercises[item.exercise].name] + 1
                    assert f"p. {card_page}" in text
                    sets = {f"{prefix}-{item.exercise}-set{n}" for n in range(1, item.sets + 1)}
                    assert sets <= names, sets - names
    week_pages = sorted({pages[f"Week {week.number}"] for week in plan.weeks})
    assert len(week_pages) == len(plan.weeks) // 2
