"""The printed plan, read back with pypdf (and rendered with poppler where it is installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from planbuilder.content import default_library
from planbuilder.layout import available_layouts, load_layout
from planbuilder.plan import Plan, SportSession, StrengthSession
from planbuilder.planner import build_plan
from planbuilder.profile import load_profile
from planbuilder.render.guide import dose_by_week
from planbuilder.render.prose import weekday_day_month

from conftest import EXAMPLES, LARGEST, make_profile, outline_pages, outline_titles

MM = 72 / 25.4
UNICODE_NAME = "Łukasz Żółć Дмитрий Ωμέγα"


def build(run, tmp_path: Path, answers: dict | Path, name: str = "plan.pdf") -> tuple[Path, Plan]:
    if isinstance(answers, dict):
        answers = {"age": 40, **answers}
        source = tmp_path / f"{name}.yaml"
        source.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    else:
        source = answers
    output = tmp_path / name
    status, out, err = run("build", source, "-o", output)
    assert status == 0, err
    library = default_library()
    plan = build_plan(load_profile(source, library, available_layouts()), library)
    return output, plan


def answers_from(example: str, **changes: object) -> dict:
    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    data.update(changes)
    return data


def square_count(reader: PdfReader, side: float) -> int:
    """How many squares of exactly `side` points are drawn: our tick boxes."""
    pattern = re.compile(rb"[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+) re")
    count = 0
    for page in reader.pages:
        for w, h in pattern.findall(page.get_contents().get_data()):
            if abs(float(w) - side) < 0.01 and abs(float(h) - side) < 0.01:
                count += 1
    return count


@pytest.fixture(scope="module")
def beginner(tmp_path_factory, shared_build):
    folder = tmp_path_factory.mktemp("beginner")
    output = Path(shutil.copy(shared_build(EXAMPLES / "beginner-12-weeks.yaml"), folder))
    library = default_library()
    profile = load_profile(EXAMPLES / "beginner-12-weeks.yaml", library, available_layouts())
    return output, build_plan(profile, library)


def test_cover_has_the_name_and_the_first_and_last_day(beginner):
    path, _ = beginner
    cover = PdfReader(path).pages[0].extract_text()
    assert "Sam Carter" in cover
    assert "Monday 4 January 2027" in cover and "Sunday 28 March 2027" in cover
    assert "How to use this booklet" in cover


def test_the_legends_example_page_is_the_card_of_the_weeks_first_exercise(beginner):
    """A made-up "p. 7" in the legend was the floor page in one booklet (physiotherapist
    review): the example is a real card's page, the one of the week's first exercise."""
    path, plan = beginner
    reader = PdfReader(path)
    pages = outline_pages(reader)
    for week in plan.weeks:
        first = plan.exercises[week.strength_sessions()[0].items[0].exercise]
        text = " ".join(reader.pages[pages[f"Week {week.number}"]].extract_text().split())
        legend = text[text.index("How to read") :]
        assert f"p. {pages[first.name] + 1}: " in legend, (week.number, first.name)


def test_the_pain_rule_on_a_week_page_gives_the_safety_pages_number(beginner):
    """The safety page is not the one pinned up: 'stop (safety page)' is followed by its
    number (physiotherapist review)."""
    path, plan = beginner
    reader = PdfReader(path)
    pages = outline_pages(reader)
    for week in plan.weeks:
        text = " ".join(reader.pages[pages[f"Week {week.number}"]].extract_text().split())
        assert f"stop (safety page, p. {pages['Safety and pain'] + 1})" in text, week.number


def test_a_layout_with_the_guide_after_the_weeks_names_no_page_in_the_legend(library, tmp_path):
    """The page of a card is known only once the card is drawn: where the weeks come first,
    the legend leaves its page example out rather than print a placeholder, and so does the
    pain rule where there is no safety page before the weeks."""
    from planbuilder.render.document import render_pdf

    plan = build_plan(make_profile(library, weeks=2), library)
    layout = replace(load_layout("classic"), pages=("cover", "weeks", "guide"))
    render_pdf(plan, library, layout, tmp_path / "plan.pdf")
    reader = PdfReader(tmp_path / "plan.pdf")
    week = " ".join(reader.pages[outline_pages(reader)["Week 1"]].extract_text().split())
    legend = week[week.index("How to read") :][:400]
    assert "1 2 3: tick one box" in legend
    assert "p. 0" not in legend and "card in the guide" not in legend
    assert "stop (safety page)." in week and "000" not in week  # no safety page either


def test_each_week_page_has_its_dates_and_every_scheduled_session(beginner):
    path, plan = beginner
    reader = PdfReader(path)
    pages = outline_pages(reader)
    for week in plan.weeks:
        # Cells wrap long doses over two lines: compare with whitespace folded.
        text = " ".join(reader.pages[pages[f"Week {week.number}"]].extract_text().split())
        assert f"Week {week.number} ·" in text
        for day in week.days:
            assert weekday_day_month(day.date) in text
            for session in day.sessions:
                if isinstance(session, StrengthSession):
                    assert f"Session {session.label}" in text
                    for item in session.items:
                        assert item.dose_text in text
                elif isinstance(session, SportSession):
                    assert f"{plan.sports[session.sport].name}, {session.minutes} min" in text
                else:  # a walk or a mobility session, with its minutes
                    assert f"{session.kind.capitalize()}, {session.minutes} min" in text
        if week.deload:
            assert "lighter week" in text


def test_the_drawings_made_once_and_placed_often_are_not_clipped_at_their_origin(beginner):
    """The page total, the cover's "pages 13–16" and the pain circles are each drawn once
    and placed where needed. A placed drawing shows only what lies inside its box, which
    starts at its origin unless told: "pages" lost the tails of its p and g, and the 0
    circle its left edge. Each box reaches below and left of its origin."""
    import pikepdf

    path, _ = beginner
    with pikepdf.open(path) as pdf:
        forms = {}
        for page in pdf.pages:
            for name, xobject in page.Resources.get("/XObject", {}).items():
                if xobject.get("/Subtype") == "/Form":
                    forms[str(name)] = [float(v) for v in xobject.BBox]
    kinds = {"PainCircles", "blockPages", "TotalPages"}
    found = {kind for kind in kinds for name in forms if kind.lower() in name.lower()}
    assert found == kinds, sorted(forms)
    for name, (left, bottom, _, _) in forms.items():
        assert bottom < 0, f"{name}: its box starts at {bottom}"
        if "paincircles" in name.lower():
            assert left < 0, f"{name}: its box starts at x = {left}"


@pytest.mark.slow
def test_a_card_names_the_household_things_its_steps_use(beginner):
    """'You need: None' above steps that hold a broom handle or sit on a chair read as a
    contradiction: a card names what its steps use, and says 'Nothing' only when so."""
    path, plan = beginner
    reader = PdfReader(path)
    pages = outline_pages(reader)
    with_things = [e for e in plan.exercises.values() if e.household]
    assert with_things, "the beginner's plan has exercises done with a chair or a wall"
    for exercise in plan.exercises.values():
        text = " ".join(reader.pages[pages[exercise.name]].extract_text().split())
        assert "You need: None" not in text
        if exercise.household:
            assert exercise.household[1:] in text, exercise.id


def test_a_card_on_the_floor_or_the_knees_asks_for_something_soft_under_you(beginner, library):
    """A physiotherapist's read: 'You need: Nothing' above kneeling on all fours sends a
    person to kneel on a hard floor."""
    path, plan = beginner
    reader = PdfReader(path)
    pages = outline_pages(reader)
    soft = library.booklet.guide.floor_under_you
    down = [e for e in plan.exercises.values() if e.position in ("floor", "kneeling")]
    assert down, "the beginner's plan has exercises on the floor"
    for exercise in down:
        text = " ".join(reader.pages[pages[exercise.name]].extract_text().split())
        facts = text[text.index("You need:") :].lower()
        assert soft in facts or "cushion or exercise mat" in facts, exercise.id


def test_classic_gives_each_week_its_own_page_in_order(beginner):
    path, plan = beginner
    pages = outline_pages(PdfReader(path))
    week_pages = [pages[f"Week {w.number}"] for w in plan.weeks]
    assert week_pages == sorted(set(week_pages))


def test_the_outline_lists_cover_safety_every_card_and_every_week(beginner):
    path, plan = beginner
    titles = outline_titles(PdfReader(path))
    for title in ("Cover", "Safety and pain", "Exercise guide", "Weeks", "Progress tracker"):
        assert title in titles
    for exercise in plan.exercises.values():
        assert exercise.name in titles
    for week in plan.weeks:
        assert f"Week {week.number}" in titles


def test_exercise_names_in_the_week_tables_link_to_their_cards(beginner):
    path, plan = beginner
    reader = PdfReader(path)
    pages = outline_pages(reader)
    page_numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    week_page = reader.pages[pages["Week 1"]]
    linked_pages = {
        page_numbers[a.get_object()["/Dest"][0].idnum]
        for a in week_page.get("/Annots", [])
        if "/Dest" in a.get_object()
    }
    for session in plan.weeks[0].strength_sessions():
        for item in session.items:
            assert pages[plan.exercises[item.exercise].name] in linked_pages, item.exercise


@pytest.mark.slow
def test_the_card_of_an_exercise_that_ends_early_says_in_which_week(beginner):
    """Physiotherapist review: exercises vanished from the week pages without a word. The
    card of one that ends before the plan does, with no harder version after it, names its
    last week; the others say nothing of the kind."""
    path, plan = beginner
    reader = PdfReader(path)
    pages = outline_pages(reader)
    last_week = {}
    for week in plan.weeks:
        for session in week.strength_sessions():
            for item in session.items:
                last_week[item.exercise] = week.number
    ended = []
    for exercise_id, last in last_week.items():
        exercise = plan.exercises[exercise_id]
        text = " ".join(reader.pages[pages[exercise.name]].extract_text().split())
        card = text[text.index(exercise.name) :]
        followed = any(h in last_week and last_week[h] > last for h in exercise.harder)
        if last < plan.weeks[-1].number and not followed:
            assert f"Last done in week {last}:" in card, exercise_id
            ended.append(exercise_id)
    assert ended  # the example has some (a beginner's band row makes way in week 4)


def test_metadata_is_set(beginner):
    path, plan = beginner
    meta = PdfReader(path).metadata
    assert meta.title == "Back plan for Sam Carter"
    assert meta.author == "Sam Carter"
    assert "12-week" in meta.subject
    assert meta.creator.startswith("planbuilder ")


def test_the_tick_boxes_drawn_are_exactly_those_the_plan_needs(beginner):
    path, plan = beginner
    sessions = plan.sessions()
    sets = sum(
        item.sets for _, _, s in sessions if isinstance(s, StrengthSession) for item in s.items
    )
    done_boxes = len(sessions)  # one "done" per session of any kind on its week page
    tracker = len(sessions)  # and one on the tracker's calendar
    lifts_starting = {
        (week.number, item.exercise)
        for week, _, s in sessions
        if isinstance(s, StrengthSession)
        for item in s.items
        if item.entry_check
    }
    gates = 2 * len(lifts_starting)  # "entry check passed" and "learned with a coach"
    box = load_layout("classic").tick_box_mm * MM
    assert square_count(PdfReader(path), box) == sets + done_boxes + tracker + gates


@pytest.mark.slow
def test_fonts_are_embedded_and_unicode_names_come_back_exactly(run, tmp_path):
    path, _ = build(run, tmp_path, answers_from("beginner-12-weeks.yaml", name=UNICODE_NAME))
    reader = PdfReader(path)
    assert UNICODE_NAME in reader.pages[0].extract_text()
    assert reader.metadata.author == UNICODE_NAME
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font.get_object()["/BaseFont"]


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.28, 841.89)), ("letter", (612, 792))])
def test_page_size_follows_paper(run, tmp_path, paper, size):
    path, _ = build(run, tmp_path, answers_from("beginner-12-weeks.yaml", paper=paper, weeks=1))
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == pytest.approx(
        size, abs=0.01
    )


def test_two_builds_of_the_same_answers_are_byte_identical(run, tmp_path, shared_build):
    """A build after others in the same process (caches warm) gives the run's first bytes."""
    first = shared_build(EXAMPLES / "advanced-12-weeks.yaml")
    second = tmp_path / "again.pdf"
    assert run("build", first.parent / "answers.yaml", "-o", second)[0] == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.slow
def test_builds_in_two_separate_processes_are_byte_identical(tmp_path):
    """Nothing of one process (hash seeds, caches, the order of a set) reaches the bytes: a
    physiotherapist rebuilding a patient's plan next month gets the same file. The two
    processes run at once (a core each)."""
    import os
    import sys

    outputs, processes = [], []
    for run_number, seed in enumerate(("1", "2")):
        outputs.append(tmp_path / f"plan-{run_number}.pdf")
        environment = {**os.environ, "PYTHONHASHSEED": seed, "PLANBUILDER_TODAY": "2027-04-01"}
        command = [sys.executable, "-m", "planbuilder", "build"]
        command += [str(EXAMPLES / "advanced-12-weeks.yaml"), "-o", str(outputs[-1])]
        processes.append(subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL))
    assert [process.wait() for process in processes] == [0, 0]
    assert outputs[0].read_bytes() == outputs[1].read_bytes()


@pytest.mark.slow
def test_compact_puts_two_short_weeks_on_a_page(run, tmp_path):
    # Short weeks: ten-minute sessions and no walks (a week of walks fills a page on its own).
    answers = answers_from("beginner-12-weeks.yaml", layout="compact", minutes=10, walking=False)
    path, plan = build(run, tmp_path, answers)
    pages = outline_pages(PdfReader(path))
    assert pages["Week 1"] == pages["Week 2"]
    assert len({pages[f"Week {w.number}"] for w in plan.weeks}) <= len(plan.weeks) // 2 + 1


@pytest.mark.slow
def test_large_print_has_14_pt_text_and_big_tick_boxes(run, tmp_path):
    layout = load_layout("large-print")
    assert layout.fonts["body"] >= 14 and layout.fonts["table"] >= 14
    assert layout.tick_box_mm >= 7
    path, plan = build(
        run, tmp_path, answers_from("beginner-12-weeks.yaml", layout="large-print", weeks=2)
    )
    assert square_count(PdfReader(path), layout.tick_box_mm * MM) > 0


# --- the command's promises about files ---------------------------------------------------


def test_build_prints_the_path_the_page_count_and_how_to_rebuild(run, tmp_path):
    output = tmp_path / "mine.pdf"
    status, out, _ = run("build", EXAMPLES / "minimal.yaml", "-o", output)
    assert status == 0
    pages = len(PdfReader(output).pages)
    assert str(output) in out and f"{pages} pages" in out and "planbuilder build" in out
    assert len(out.strip().splitlines()) == 1


def test_an_existing_file_is_never_overwritten_without_force(run, tmp_path):
    output = tmp_path / "plan.pdf"
    output.write_bytes(b"my own file")
    status, _, err = run("build", EXAMPLES / "minimal.yaml", "-o", output)
    assert status == 2 and "already exists" in err and "--force" in err
    assert output.read_bytes() == b"my own file"
    status, _, _ = run("build", EXAMPLES / "minimal.yaml", "-o", output, "--force")
    assert status == 0 and output.read_bytes().startswith(b"%PDF")


def test_bad_answers_write_nothing(run, tmp_path, write_answers):
    output = tmp_path / "plan.pdf"
    status, _, _ = run("build", write_answers("level: expert\n"), "-o", output)
    assert status == 2
    assert not output.exists()


def test_a_missing_output_folder_is_bad_input(run, tmp_path):
    status, _, err = run("build", EXAMPLES / "minimal.yaml", "-o", tmp_path / "no" / "plan.pdf")
    assert status == 2 and "no such folder" in err


def test_an_interrupted_build_leaves_no_file_behind(run, tmp_path, monkeypatch):
    import planbuilder.render.document as document

    def interrupted(*args, **kwargs):
        Path(args[-1]).write_bytes(b"%PDF-1.4 half")
        raise KeyboardInterrupt

    monkeypatch.setattr(document, "render_pdf", interrupted)
    output = tmp_path / "plan.pdf"
    status, _, err = run("build", EXAMPLES / "minimal.yaml", "-o", output)
    assert status == 130 and "nothing written" in err
    assert list(tmp_path.iterdir()) == []


# --- rendering: nothing near the edge, in every layout, on both papers ---------------------

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils not installed (.ci/run installs it)"
)


def blank_margin_problems(pdf: Path, first: int, last: int, tmp_path: Path) -> list[str]:
    """Render pages and report every one with ink in the 12 mm band along its edges."""
    from PIL import Image

    dpi = 50
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-gray",
            "-png",
            "-f",
            str(first),
            "-l",
            str(last),
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    band = int(12 / 25.4 * dpi) - 1  # a pixel less, for anti-aliasing at the boundary
    problems = []
    for image_path in sorted(tmp_path.glob("page-*.png")):
        image = Image.open(image_path).convert("L")
        width, height = image.size
        strips = {
            "top": (0, 0, width, band),
            "bottom": (0, height - band, width, height),
            "left": (0, 0, band, height),
            "right": (width - band, 0, width, height),
        }
        for side, box in strips.items():
            darkest, _ = image.crop(box).getextrema()
            if darkest < 245:
                problems.append(f"{image_path.name}: ink within 12 mm of the {side} edge")
    return problems


@needs_poppler
def test_the_edge_check_finds_ink_near_the_edge(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "edge.pdf"
    canvas = Canvas(str(pdf))
    canvas.rect(8 * MM, 100, 20, 20, fill=1)
    canvas.showPage()
    canvas.save()
    assert blank_margin_problems(pdf, 1, 1, tmp_path) == [
        "page-1.png: ink within 12 mm of the left edge"
    ]


@pytest.mark.slow
@needs_poppler
@pytest.mark.parametrize("layout", ["classic", "compact", "large-print"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_nothing_comes_within_12_mm_of_the_edge_even_for_the_largest_plan(
    shared_build, tmp_path, layout, paper
):
    path = shared_build(LARGEST, layout=layout, paper=paper)
    reader = PdfReader(path)
    cover = "".join(reader.pages[0].extract_text().split())
    assert "".join(LARGEST["name"].split()) in cover  # wrapped, but every letter is there
    pages = outline_pages(reader)
    total = len(reader.pages)
    # The cover and its second page (the blocks to print, how to use), the first card, a
    # full week with sports, the tracker, the last page.
    samples = {
        1,
        2,
        pages["Exercise guide"] + 1,
        pages["Week 3"] + 1,
        pages["Progress tracker"] + 1,
        total,
    }
    problems = []
    for index, page in enumerate(sorted(samples)):
        folder = tmp_path / f"render{index}"
        folder.mkdir()
        problems += blank_margin_problems(path, page, page, folder)
    assert problems == []


FLOOR_TITLE = "Getting down to the floor and back up"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("changes", "steps_shown", "fall_advice"),
    [
        ({"age": 40}, None, None),  # no page at all
        ({"age": 68, "floor": "with_help"}, True, True),
        ({"age": 40, "fall_last_year": True}, True, True),
        ({"age": 72, "floor": "no"}, False, True),  # cannot get down: only what to do after a fall
    ],
)
def test_the_floor_page_is_there_for_those_who_need_it(
    run, tmp_path, changes, steps_shown, fall_advice
):
    path, _ = build(run, tmp_path, {"level": "beginner", "weeks": 2, **changes})
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]
    floor = [text for text in pages if text.startswith(FLOOR_TITLE)]
    if steps_shown is None:
        assert not any("If you fall and cannot get up" in text for text in pages)
        return
    assert len(floor) == 1
    assert ("Stand beside the chair, facing its seat" in floor[0]) is steps_shown
    assert ("If you fall and cannot get up" in floor[0]) is fall_advice


# A 72-year-old cleared after a fracture-risk question, with help on the floor: the most notes
# a cover carries (adaptations, the bones note, the floor note, the clearance) and a 12-week
# plan's block pages. Once its how-to list and plan id spilled onto an otherwise empty page 2.
OLDER_BONES = {
    "age": 72,
    "weeks": 12,
    "sessions_per_week": 3,
    "minutes": 30,
    "level": "beginner",
    "pain": "mild",
    "pain_since": "over_12_weeks",
    "equipment": ["cushion", "band", "dumbbells"],
    "cleared": ["fracture_risk"],
    "floor": "with_help",
    "start": "2027-04-05",
    "name": "Older Bones",
}


@pytest.fixture(scope="module")
def older_bones(tmp_path_factory):
    """The OLDER_BONES plan built once per layout and paper: (its PDF read, its plan)."""
    from planbuilder.cli import main

    built: dict[tuple[str, str], tuple[PdfReader, Plan]] = {}

    def build_once(layout: str, paper: str) -> tuple[PdfReader, Plan]:
        if (layout, paper) not in built:
            folder = tmp_path_factory.mktemp(f"older-{layout}-{paper}")
            source, output = folder / "answers.yaml", folder / "plan.pdf"
            answers = {**OLDER_BONES, "layout": layout, "paper": paper}
            source.write_text(yaml.safe_dump(answers), encoding="utf-8")
            assert main(["build", str(source), "-o", str(output)]) == 0
            library = default_library()
            plan = build_plan(load_profile(source, library, available_layouts()), library)
            built[layout, paper] = PdfReader(output), plan
        return built[layout, paper]

    return build_once


def _how_to_block(reader: PdfReader, plan: Plan) -> tuple[int, list[int]]:
    """The page the how-to heading is on, and the pages its items and the plan id are on."""
    texts = [" ".join(page.extract_text().split()) for page in reader.pages[:4]]
    heading = next(i for i, text in enumerate(texts) if "How to use this booklet" in text)
    lines = [" ".join(item.split()[:6]) for item in default_library().booklet.how_to_use]
    lines.append(f"Plan {plan.plan_id} · made with planbuilder")
    return heading, [next(i for i, text in enumerate(texts) if line in text) for line in lines]


@pytest.mark.slow
@pytest.mark.parametrize(("layout", "paper"), [("classic", "a4"), ("classic", "letter")])
def test_a_cover_with_many_notes_stays_on_one_page(older_bones, layout, paper):
    reader, plan = older_bones(layout, paper)
    heading, pages = _how_to_block(reader, plan)
    assert heading == 0 and set(pages) == {0}
    assert "Your bones:" in reader.pages[0].extract_text()
    assert reader.pages[1].extract_text().lstrip().startswith("Safety first")


@pytest.mark.slow
def test_in_large_print_the_how_to_list_moves_whole_and_the_notes_fill_page_one(older_bones):
    reader, plan = older_bones("large-print", "a4")
    heading, pages = _how_to_block(reader, plan)
    assert set(pages) == {heading}  # never split from its heading or its plan id
    first = reader.pages[0].extract_text()
    assert "Important:" in first  # the notes' frame splits between notes, not after the table


# A calendar row: the week's number (and "lighter"), then the date of its Monday.
CALENDAR_ROW = re.compile(r"(?m)^(\d+)\n(?:lighter\n)?\d+ [A-Z][a-z]{2}$")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("layout", "paper"), [("classic", "a4"), ("classic", "letter"), ("large-print", "a4")]
)
def test_the_tracker_calendar_splits_only_between_4_week_blocks(older_bones, layout, paper):
    reader, plan = older_bones(layout, paper)
    texts = [page.extract_text().lstrip() for page in reader.pages]
    tracker = [text for text in texts if text.startswith("Progress tracker")]
    pages = [[int(number) for number in CALENDAR_ROW.findall(text)] for text in tracker]
    pages = [weeks for weeks in pages if weeks]
    assert [week for weeks in pages for week in weeks] == list(range(1, 13)), pages
    # each page after the first says what it is, as a page pinned up alone must
    assert all(text.startswith("Progress tracker (continued)") for text in tracker[1:])
    assert len(pages) > 1  # this plan's calendar does split: the rule is exercised
    for weeks in pages[:-1]:
        assert weeks[-1] % 4 == 0, pages  # a page ends with a block's last week
    assert all(len(weeks) >= 4 for weeks in pages), pages  # never a week alone


def _bands_by_week(plan: Plan, exercise: str) -> dict[int, set[str | None]]:
    """The bands an exercise is done with, in each week it is done."""
    bands: dict[int, set[str | None]] = {}
    for week in plan.weeks:
        for session in week.strength_sessions():
            for item in session.items:
                if item.exercise == exercise:
                    bands.setdefault(week.number, set()).add(item.band)
    return bands


@pytest.mark.slow
def test_a_cards_dose_ladder_names_the_band_and_starts_a_new_cell_when_it_changes(
    shared_build, library
):
    """3 × 12 with one band then 3 × 8 with the next is a step up, not back: each cell of the
    'Your dose, week by week' ladder says its band as the week pages do, and a band change
    starts a new cell."""
    pdf = shared_build(LARGEST)
    plan = build_plan(make_profile(library, **LARGEST), library)
    reader = PdfReader(pdf)
    pages = outline_pages(reader)
    banded = [e for e in plan.exercises if set().union(*_bands_by_week(plan, e).values()) - {None}]
    assert banded, "the fullest plan has band exercises"
    changed = False
    for exercise in banded:
        bands = _bands_by_week(plan, exercise)
        for run in dose_by_week(plan, exercise):
            if run.dose != "as on the week pages":
                assert len({frozenset(bands[w]) for w in run.weeks}) == 1, (exercise, run)
        band = next(iter(bands[sorted(bands)[0]]))  # the first week's: "light (yellow)"
        text = reader.pages[pages[plan.exercises[exercise].name]].extract_text()
        ladder = " ".join(text[text.index("Your dose, week by week") :].split())
        assert band in ladder, (exercise, band)
        changed |= len({frozenset(b) for b in bands.values()}) > 1
    assert changed, "no band changes: the check above proved nothing"


def test_a_lifts_drop_in_repetitions_is_always_said_to_be_the_week_of_more_weight(library):
    """A lift goes from 3 × 12 to 3 × 8 when its weight may go up: read alone, that is a
    step back. Every such drop, outside a lighter week, falls in a week the plan names as
    the lift's week of more weight; the card's ladder and the week page say so."""
    plan = build_plan(make_profile(library, **LARGEST), library)
    heavier = library.booklet.week_heavier
    last: dict[str, tuple[int, int]] = {}
    drops = 0
    for week in plan.weeks:
        said = plan.heavier_in(week.number)
        for session in week.strength_sessions():
            for item in session.items:
                if item.weight_step is None or week.deload:
                    continue
                before = last.get(item.exercise)
                if before and item.sets == before[0] and item.dose < before[1]:
                    drops += 1
                    assert item.exercise in said, (week.number, item.exercise)
                last[item.exercise] = (item.sets, item.dose)
    assert drops, "the fullest plan's lifts do step their weight up"
    for exercise in {e for week in plan.weeks for e in plan.heavier_in(week.number)}:
        runs = dose_by_week(plan, exercise, heavier)
        assert any(heavier in run.how for run in runs), exercise


def test_a_week_page_says_heavier_beside_the_lift(shared_build, library):
    """Alex's plan (advanced, every piece of equipment, 5 sessions): in a week a lift's
    weight may go up, its row says so beside the dose."""
    answers = answers_from("advanced-12-weeks.yaml")
    plan = build_plan(make_profile(library, **answers), library)
    weeks = [w.number for w in plan.weeks if plan.heavier_in(w.number)]
    assert weeks, "the advanced example steps a lift's weight up"
    reader = PdfReader(shared_build(EXAMPLES / "advanced-12-weeks.yaml"))
    pages = outline_pages(reader)
    text = " ".join(reader.pages[pages[f"Week {weeks[0]}"]].extract_text().split())
    assert library.booklet.week_heavier in text.replace("\xa0", " ")


def test_a_cards_ladder_says_lighter_only_where_the_lighter_week_changes_the_dose(library):
    """Warm-ups and stretches keep their dose in a lighter week: their cards said
    '(lighter)' beside the same dose as the week before. Only a lightened dose says so."""
    plan = build_plan(make_profile(library, level="beginner", weeks=12), library)
    lighter = {week.number for week in plan.weeks if week.deload}
    assert lighter
    said_lighter, kept = set(), set()
    for exercise in plan.exercises:
        for run in dose_by_week(plan, exercise):
            if lighter & set(run.weeks) and run.dose.endswith("(lighter)"):
                said_lighter.add(exercise)
            elif lighter & set(run.weeks):
                kept.add(exercise)
    phases = {plan.exercises[e].phase for e in said_lighter}
    assert phases == {"main"}, phases
    assert {plan.exercises[e].phase for e in kept} >= {"warm_up", "cool_down"}


def test_a_card_with_room_for_one_dose_still_gives_the_first(library):
    """Large type leaves a card room for a single cell of doses: it gives the first dose,
    and 'as on the week pages' after it, never only 'Weeks 1-12: as on the week pages'."""
    from planbuilder.render.fonts import register_fonts
    from planbuilder.render.guide import DoseRun, dose_ladder
    from planbuilder.render.styles import make_look

    register_fonts()
    look = make_look(load_layout("large-print"), "a4")
    runs = [DoseRun([week], f"2 × {8 + week} each side") for week in range(1, 13)]
    ladder = dose_ladder(runs, look, width=90)
    texts = [_texts_in(cell) for row in ladder._cellvalues for cell in row]
    words = " ".join(" ".join(t) for t in texts).replace("\xa0", " ")
    assert "2 × 9 each side" in words, words
    assert "as on the week pages" in words, words


def _texts_in(cell: object) -> list[str]:
    """The paragraphs' texts in a table cell (a paragraph, or a list of them)."""
    cells = cell if isinstance(cell, list | tuple) else [cell]
    found = []
    for one in cells:
        if hasattr(one, "text"):
            found.append(one.text)
        elif isinstance(one, list | tuple):
            found += _texts_in(one)
    return found


def test_in_large_print_the_flare_up_and_floor_pages_each_take_one_page(older_bones):
    """In large type on A4 the last flare-up prompt and the floor page's source note each
    stood on a page of their own, nearly blank: the prompts then go two a row, and getting
    down beside getting up. (On Letter, this person's flare-up page, with its warning for
    fragile bones, is longer than a page even so.)"""
    reader, _ = older_bones("large-print", "a4")
    pages = outline_pages(reader)
    sections = [item.title for item in reader.outline if not isinstance(item, list)]
    starts = sorted(pages[title] for title in sections)
    for title in ("Your flare-up plan", FLOOR_TITLE):
        later = [start for start in starts if start > pages[title]]
        assert later[0] - pages[title] == 1, f"{title}: {later[0] - pages[title]} pages"


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_flare_up_prompt_keeps_room_for_its_writing_lines_on_its_page(older_bones, paper):
    """In large print on Letter, 'Who I will call if it does not settle:' ended page 6 and
    its writing lines stood alone on page 7: a prompt now sits at least one handwriting line
    above the foot of the text, so its lines are on its page."""
    from planbuilder.render.notes import handwriting_spacing
    from planbuilder.render.styles import make_look

    reader, _ = older_bones("large-print", paper)
    look = make_look(load_layout("large-print"), paper)
    prompts = default_library().booklet.flare_up.write_in
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):  # noqa: ANN001 (pypdf's visitor)
        words = " ".join(text.split())
        for prompt in prompts:
            if words and prompt.startswith(words) and prompt not in found:
                found[prompt] = tm[5] * cm[3] + cm[5]

    start = outline_pages(reader)["Your flare-up plan"]
    for page in reader.pages[start : start + 3]:
        page.extract_text(visitor_text=visit)
    assert set(found) == set(prompts)
    for prompt, y in found.items():
        assert y - look.bottom >= handwriting_spacing(look), prompt
