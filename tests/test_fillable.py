"""Tick on screen, read the ticks back, and build the next block from them."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from planbuilder.acroform import ANSWERS_ATTACHMENT
from planbuilder.content import default_library
from planbuilder.layout import available_layouts, load_layout
from planbuilder.plan import StrengthSession
from planbuilder.planner import build_plan
from planbuilder.planner.rules import MIN_MAIN_ITEMS
from planbuilder.profile import load_profile
from planbuilder.render.document import render_pdf

from conftest import fill, ticks_for

needs_pdftk = pytest.mark.skipif(
    shutil.which("pdftk") is None, reason="pdftk-java not installed (.ci/run installs it)"
)


def drawn_boxes(reader: PdfReader, page_index: int) -> list[tuple[float, float, float, float]]:
    """Absolute rectangles of every box drawn with `re` on a page."""
    boxes = []

    def visit(operator, operands, cm, tm):  # type: ignore[no-untyped-def]
        if operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            a, b, c, d, e, f = cm
            boxes.append((a * x + c * y + e, b * x + d * y + f, w * a, h * d))

    reader.pages[page_index].extract_text(visitor_operand_before=visit)
    return boxes


@pytest.mark.slow
def test_a_field_lies_over_every_drawn_box(built):
    path, _ = built
    reader = PdfReader(path)
    side = load_layout("classic").tick_box_mm * 72 / 25.4
    checked = 0
    for index, page in enumerate(reader.pages):
        widgets = [
            a.get_object()
            for a in page.get("/Annots", [])
            if a.get_object().get("/Subtype") == "/Widget"
        ]
        boxes = drawn_boxes(reader, index)  # parsing a page's drawing is the slow part
        squares = [b for b in boxes if abs(b[2] - side) < 0.01 and abs(b[3] - side) < 0.01]
        circles = [w for w in widgets if "/Parent" in w]  # pain circles: checked below
        # a notes area is a multi-line field over ruled lines, not a box
        widgets = [w for w in widgets if "/Parent" not in w and not int(w.get("/Ff", 0)) & 4096]
        assert len([w for w in widgets if w["/FT"] == "/Btn"]) == len(squares), index
        for circle in circles:
            x0, y0, x1, y1 = (float(v) for v in circle["/Rect"])
            assert abs(x1 - x0 - side) < 0.05 and abs(y1 - y0 - side) < 0.05
        for widget in widgets:
            x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
            match = [
                b
                for b in boxes
                if abs(b[0] - x0) < 1
                and abs(b[1] - y0) < 1
                and abs(b[0] + b[2] - x1) < 1
                and abs(b[1] + b[3] - y1) < 1
            ]
            assert match, (index, widget["/T"])
            checked += 1
    assert checked > 300


def test_field_names_say_week_day_session_exercise_and_set(built):
    path, plan = built
    names = set(PdfReader(path).get_fields())
    week = plan.weeks[0]
    day = next(d for d in week.days if d.strength())
    session = day.strength()[0]
    item = session.items[1]
    prefix = f"w01-{day.weekday}-{session.label}"
    assert f"{prefix}-{item.exercise}-set1" in names
    assert {f"{prefix}-done", f"{prefix}-pain_before", f"{prefix}-pain_after"} <= names
    assert "tracker-w01-pain" in names


def test_the_answers_travel_inside_the_pdf(built):
    path, plan = built
    attached = PdfReader(path).attachments[ANSWERS_ATTACHMENT][0].decode("utf-8")
    assert "level: beginner" in attached and "name: Sam Carter" in attached


def test_a_layout_can_turn_the_fields_off(tmp_path, built):
    _, plan = built
    library = default_library()
    layout = dataclasses.replace(load_layout("classic"), form_fields=False)
    output = tmp_path / "paper-only.pdf"
    render_pdf(plan, library, layout, output)
    reader = PdfReader(output)
    assert not reader.get_fields()
    assert ANSWERS_ATTACHMENT in reader.attachments


# --- filling, the way a reader app does ------------------------------------------------------


@pytest.mark.slow
def test_progress_reports_exactly_what_was_filled(run, tmp_path, built):
    path, plan = built
    monday_a = plan.weeks[0].days[0].strength()[0]
    first, second = (item.exercise for item in monday_a.items[:2])
    values = {
        "w01-mon-A-done": "Yes",
        f"w01-mon-A-{first}-set1": "Yes",
        f"w01-mon-A-{second}-set2": "Yes",
        "w01-mon-A-pain_before": "3",
        "w01-mon-A-pain_after": "2",
        "w01-sat-sport-swimming-done": "Yes",
        "tracker-w02-wed-A": "Yes",
        "tracker-w02-pain": "4",
    }
    filled = tmp_path / "filled.pdf"
    fill(path, values, filled)
    status, out, err = run("progress", filled, "--json")
    assert status == 0, err
    report = json.loads(out)
    assert report["sessions"]["done"] == 3
    assert report["sets"]["done"] == 2
    assert report["weeks"][0]["pain_before"] == [3] and report["weeks"][0]["pain_after"] == [2]
    assert report["weeks"][0]["sessions_done"] == 2 and report["weeks"][1]["sessions_done"] == 1
    assert report["weeks"][1]["weekly_pain"] == 4
    assert report["exercises"][first]["sets_done"] == 1
    assert report["exercises"][second]["sets_done"] == 1
    assert report["weeks_without_entries"] == list(range(3, 13))
    planned_sets = sum(
        i.sets for _, _, s in plan.sessions() if isinstance(s, StrengthSession) for i in s.items
    )
    assert report["sets"]["planned"] == planned_sets
    status, text, _ = run("progress", filled)
    assert status == 0 and "Sessions done: 3 of" in text


@pytest.mark.slow
@needs_pdftk
def test_pdftk_fills_the_fields_and_progress_reads_them(run, tmp_path, built):
    path, _ = built
    filled = tmp_path / "pdftk.pdf"
    fill(path, {"w03-wed-B-done": "Yes", "w03-wed-B-pain_after": "5"}, filled)
    report = json.loads(run("progress", filled, "--json")[1])
    assert report["weeks"][2]["sessions_done"] == 1 and report["weeks"][2]["pain_after"] == [5]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("share", "pain", "outcome", "words"),
    [
        (1.0, (2, 2), "progress", "carries on from where the last one ended"),
        (0.6, (2, 2), "repeat", "repeats the doses"),
        (0.3, (2, 6), "step_back", "steps back"),
    ],
)
def test_next_adjusts_the_block_to_what_was_done(run, tmp_path, built, share, pain, outcome, words):
    path, plan = built
    filled = tmp_path / "filled.pdf"
    fill(path, ticks_for(plan, share, pain), filled)
    output = tmp_path / "next.pdf"
    status, out, err = run("next", "--no-new-signs", filled, "-o", output)
    assert status == 0, err
    assert words in out
    cover = " ".join(PdfReader(output).pages[0].extract_text().split())
    assert words in cover and "Since your last block" in cover
    answers = (tmp_path / "next.answers.yaml").read_text(encoding="utf-8")
    library = default_library()
    new_plan = build_plan(
        load_profile(tmp_path / "next.answers.yaml", library, available_layouts()), library
    )
    first_new = _sessions_by_label(new_plan.weeks[0])
    last_old = _sessions_by_label(next(w for w in reversed(plan.weeks) if not w.deload))
    first_old = _sessions_by_label(plan.weeks[0])
    for label, session in first_new.items():
        if outcome == "repeat":  # the doses reached at the end of the last block
            assert session.items == last_old[label].items
        if outcome == "progress":  # one step beyond them
            pairs = _matched(last_old[label].items, session.items, library)
            for old, new in pairs:
                other_means = (new.band, new.tempo, new.weight_step) != (
                    old.band,
                    old.tempo,
                    old.weight_step,
                )  # a stronger band, slower tempo or more weight restarts the repetitions
                assert (new.exercise == old.exercise and (new.load >= old.load or other_means)) or (
                    new.exercise in library.exercises[old.exercise].harder
                )
            main = [n for n in session.items if library.exercises[n.exercise].phase == "main"]
            assert (
                session.load > last_old[label].load
                or any(o != n for o, n in pairs)
                or all(n.ceiling for n in main)
            )
        if outcome == "step_back":  # below where the last block started, and gentler
            before = {item.exercise: item for item in first_old[label].items}
            shared = [item for item in session.items if item.exercise in before]
            assert len(shared) >= 3
            assert all(item.load <= before[item.exercise].load for item in shared)
            assert "pain: moderate" in answers  # mild before, and pain rose by 4


def _matched(old_items, new_items, library):  # type: ignore[no-untyped-def]
    """Each new item beside the old one it continues: the same exercise or its harder
    variant. A variant that kneels or lies where the old one stood moves down the session
    (the floor work comes together), so the order alone does not pair them. Every old item
    goes on, but for one extra that gives way to another's step; an extra that gave way in
    the last block may come back in the new one, where the time allows it again."""
    left = list(old_items)
    pairs = []
    for new in new_items:
        old = next(
            (o for o in left if o.exercise == new.exercise),
            next((o for o in left if new.exercise in library.exercises[o.exercise].harder), None),
        )
        if old is None:
            assert library.exercises[new.exercise].phase == "main", new.exercise
            continue
        left.remove(old)
        pairs.append((old, new))
    # an extra may give way to another's step, as within a block (rules.MIN_MAIN_ITEMS)
    main = [n for n in new_items if library.exercises[n.exercise].phase == "main"]
    assert len(left) <= 1 and len(main) >= MIN_MAIN_ITEMS, [o.exercise for o in left]
    return pairs


def _sessions_by_label(week) -> dict[str, StrengthSession]:  # type: ignore[no-untyped-def]
    return {s.label: s for s in week.strength_sessions()}


def test_a_pdf_not_made_by_planbuilder_is_refused(run, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    other = tmp_path / "other.pdf"
    canvas = Canvas(str(other))
    canvas.drawString(100, 700, "Not a plan")
    canvas.save()
    status, _, err = run("progress", other)
    assert status == 2 and "not made by planbuilder" in err


def test_a_damaged_pdf_is_refused_without_a_traceback(run, tmp_path, built):
    path, _ = built
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(path.read_bytes()[:2000])
    for command in ("progress", "next"):
        status, out, err = run(command, damaged)
        assert status == 2 and "Traceback" not in err
        assert "damaged" in err or "not made by planbuilder" in err


MUPDF_FILL = """
var doc = new PDFDocument(scriptArgs[0]);
for (var p = 0; p < doc.countPages(); p++) {
  var widgets = doc.loadPage(p).getWidgets();
  for (var i = 0; i < widgets.length; i++) {
    var name = widgets[i].getName ? widgets[i].getName() : widgets[i].getLabel();
    if (name == "w01-mon-A-done" || name == scriptArgs[2]) {
      widgets[i].toggle(); widgets[i].update();
    }
    if (name == "w01-mon-A-pain_after") { widgets[i].setTextValue("3"); widgets[i].update(); }
  }
}
doc.save(scriptArgs[1], "incremental");
"""


@pytest.mark.skipif(
    shutil.which("mutool") is None, reason="mupdf-tools not installed (.ci/run installs it)"
)
def test_a_pdf_reader_engine_fills_it_and_progress_reads_it(run, tmp_path, built):
    """MuPDF, the engine of several PDF readers, ticks boxes the way a person clicking does."""
    path, plan = built
    first = plan.weeks[0].days[0].strength()[0].items[0].exercise
    script = tmp_path / "fill.js"
    script.write_text(MUPDF_FILL, encoding="utf-8")
    filled = tmp_path / "mupdf.pdf"
    result = subprocess.run(
        ["mutool", "run", str(script), str(path), str(filled), f"w01-mon-A-{first}-set1"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(run("progress", filled, "--json")[1])
    assert report["sessions"]["done"] == 1 and report["sets"]["done"] == 1
    assert report["weeks"][0]["pain_after"] == [3]
