"""Exercise figures: pose data validated on load, drawn on every card, and a catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from reportlab.graphics.shapes import String
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from planbuilder.content import load_library
from planbuilder.errors import ContentError
from planbuilder.layout import load_layout
from planbuilder.paths import content_dir
from planbuilder.posecheck import figure_faults
from planbuilder.poses import HEAD_RADIUS, Pose, figure_extent, joints
from planbuilder.render.figures import card_scale
from planbuilder.render.fonts import register_fonts
from planbuilder.render.guide import figures
from planbuilder.render.styles import make_look

from conftest import EXAMPLES, outline_pages


def test_every_exercise_has_poses_that_pass_the_geometry_self_check(library):
    for exercise in library.exercises.values():
        assert len(exercise.figures) >= 2 or exercise.figures[0].arrows, exercise.id
        for figure in exercise.figures:
            assert figure_faults(figure) == [], (exercise.id, figure.label)


def test_the_kinematics_put_a_standing_figure_on_its_feet():
    standing = Pose(
        hip=(60, 46.1),
        trunk=90,
        head=90,
        arm=(270, 270),
        arm2=(270, 270),
        leg=(270, 270),
        leg2=(270, 270),
    )
    points = joints(standing)
    assert points["foot"] == pytest.approx((60, 2.1), abs=1e-9)
    assert points["shoulder"] == pytest.approx((60, 74.1), abs=1e-9)
    assert points["head"][1] - HEAD_RADIUS > points["shoulder"][1]
    assert points["hand"][1] < points["hip"][1]  # hands hang below the hips, as people's do


def test_the_bird_dog_shows_opposite_arm_and_leg_no_higher_than_the_hips(library):
    hold = library.exercises["bird_dog"].figures[-1]
    points = joints(hold.pose)
    assert points["hand"][0] > points["shoulder"][0] + 25  # near arm reaches forward
    assert points["foot2"][0] < points["hip"][0] - 35  # far leg reaches back
    assert points["foot2"][1] <= points["hip"][1] + 1
    assert points["hand2"][1] < 3 and points["knee"][1] < 4  # the other hand and knee stay down


def test_the_hip_hinge_keeps_the_back_straight_the_feet_still_and_the_hips_back(library):
    start, hinge = library.exercises["hip_hinge_drill"].figures
    assert hinge.pose.bend == 0
    assert joints(hinge.pose)["hip"][0] < joints(start.pose)["hip"][0] - 5
    assert joints(hinge.pose)["foot"][0] == pytest.approx(joints(start.pose)["foot"][0], abs=1)
    assert 20 <= hinge.pose.trunk <= 60


def test_sideways_movements_are_drawn_from_the_front(library):
    for exercise_id in ("band_pull_apart", "side_plank", "prone_y_t_raise", "reverse_snow_angel"):
        views = {figure.pose.view for figure in library.exercises[exercise_id].figures}
        assert "front" in views, exercise_id


def test_props_touch_what_the_text_says(library):
    deadlift_start = library.exercises["deadlift"].figures[0]
    hands = joints(deadlift_start.pose)["hand"]
    assert hands[1] < 12  # the plate's centre: the weight starts on the floor
    hang = library.exercises["dead_hang"].figures[0]
    kinds = {prop.kind for prop in hang.props}
    assert {"bar", "step"} <= kinds
    bar = next(prop for prop in hang.props if prop.kind == "bar")
    assert bar.at is not None and bar.at[1] > joints(hang.pose)["head"][1] + HEAD_RADIUS
    row = library.exercises["dumbbell_row"].figures[0]
    assert {"bench", "weight"} <= {prop.kind for prop in row.props}


def test_lying_figures_print_at_least_40_mm_wide_on_classic_cards(library):
    width = load_layout("classic").figure_mm * mm
    lying = [exercise for exercise in library.exercises.values() if exercise.lying]
    assert len(lying) >= 10
    for exercise in lying:
        widest = max(
            (figure_extent(figure)[2] - figure_extent(figure)[0]) * card_scale(figure, width)
            for figure in exercise.figures
        )
        assert widest >= 40 * mm, (exercise.id, widest / mm)


@pytest.mark.parametrize("layout", ["classic", "compact", "large-print"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_figure_label_fits_under_its_figure_and_a_cards_figures_stand_level(
    library, layout, paper
):
    """'Both hands on · each side' was wider than its drawing in large print and ran into the
    next figure's label; a label takes a second line instead, and every figure of the card
    keeps the same room under it, so that they still stand on one line."""
    register_fonts()
    look = make_look(load_layout(layout), paper)
    wrapped = 0
    for exercise in library.exercises.values():
        drawings = figures(exercise, look)
        first_lines = set()
        for drawing in drawings:
            lines = [shape for shape in drawing.contents if isinstance(shape, String)]
            assert lines, exercise.id
            for line in lines:
                width = stringWidth(line.text, line.fontName, line.fontSize)
                assert width <= drawing.width + 0.01, (exercise.id, line.text)
            first_lines.add(round(lines[0].y, 3))
            wrapped += len(lines) > 1
        assert len(first_lines) == 1, exercise.id
        words = " ".join(s.text for d in drawings for s in d.contents if isinstance(s, String))
        for figure in exercise.figures:
            assert " ".join(figure.label.split()) in " ".join(words.split()), exercise.id
    if layout == "large-print":
        assert wrapped  # the case this test is about occurs


# --- each fault the drawings once had, re-introduced, is caught by name ----------------------


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_dir(), root)
    return root


def _faults_after(root: Path, exercise_id: str, change) -> str:
    """Change one exercise's entry in a copy of poses.yaml; the problems loading reports."""
    path = root / "poses.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["exercises"][exercise_id])
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_library(root)
    return "\n".join(caught.value.problems)


def _pose(entry: dict, label: str) -> dict:
    return next(figure for figure in entry["figures"] if figure["label"] == label)


def _set(entry: dict, label: str, **parts) -> None:
    _pose(entry, label).setdefault("set", {}).update(parts)


def _prop(entry: dict, label: str, kind: str) -> dict:
    return next(prop for prop in _pose(entry, label)["props"] if prop["kind"] == kind)


FAULTS = [
    (
        "bird_dog",
        lambda e: _set(e, "Hold", arm=[35, 35]),
        "content/poses.yaml: bird_dog, pose Hold: right upper arm crosses the head",
    ),
    (
        "dead_bug",
        lambda e: _set(e, "Reach", arm=[178, 180]),
        "dead_bug, pose Reach: right upper arm crosses the head",
    ),
    (
        "prone_y_t_raise",
        lambda e: _set(e, "Y", arm=[-45, -45]),
        "prone_y_t_raise, pose Y: right upper arm crosses the head",
    ),
    (
        "reverse_snow_angel",
        lambda e: _set(e, "Hands meet", arm=[-45, -45]),
        "reverse_snow_angel, pose Hands meet: right upper arm crosses the head",
    ),
    (
        "pull_up",
        lambda e: _prop(e, "Pull", "bar").update(at=[70, 112]),
        "pull_up, pose Pull: the bar goes through the head",
    ),
    (
        "deadlift",
        lambda e: _set(e, "Start", arm=[300, 20], arm2=[300, 20]),
        "deadlift, pose Start: the barbell should rest on the floor but hangs at y =",
    ),
    (
        "deadlift",
        lambda e: _set(e, "Stand tall", arm=[230, 10]),
        "deadlift, pose Stand tall: the barbell sits on the trunk, not in the hands below it",
    ),
    (
        "table_row",
        lambda e: _prop(e, "Pull", "table").update(legs=[21, 80]),
        "table_row, pose Pull: the trunk passes through a table leg (x = 80)",
    ),
    (
        "prone_back_extension",
        lambda e: _prop(e, "Start", "cushion").update(y=-5),
        "prone_back_extension, pose Start: the cushion is drawn below the floor (bottom at y = -5",
    ),
    (
        "dead_bug",
        lambda e: _set(e, "Start", leg2=[120, 350]),
        "dead_bug, pose Start: the legs are tangled: left shin crosses right thigh",
    ),
    (
        "side_plank",
        lambda e: [_set(e, label, view="side") for label in ("Start", "Hold")],
        "side_plank: the text needs a view from the front, but no pose shows it",
    ),
    (
        "shoulder_blade_squeeze",
        lambda e: _pose(e, "Squeeze").update(set=dict(_pose(e, "Start").get("set", {}))),
        "shoulder_blade_squeeze: the poses Start and Squeeze look the same",
    ),
    (
        "band_pull_apart",
        lambda e: [figure.pop("props") for figure in e["figures"]],
        "band_pull_apart: the band (band in the equipment) is not drawn in any pose",
    ),
    (
        "dumbbell_row",
        lambda e: [figure.update(props=figure["props"][1:]) for figure in e["figures"]],
        "dumbbell_row: the text needs the bench, but no pose shows it",
    ),
    (
        "dead_hang",
        lambda e: [figure.update(props=figure["props"][:1]) for figure in e["figures"]],
        "dead_hang: the text needs the step, but no pose shows it",
    ),
    (
        "lying_twist",
        lambda e: [figure.update(pose="supine", set={}) for figure in e["figures"]],
        "lying_twist: the text needs a view from the front, but no pose shows it",
    ),
    (
        "glute_bridge",
        lambda e: _set(e, "Top", hip=[88, 5]),
        "glute_bridge, pose Top: the head goes through the floor",
    ),
    (
        "glute_bridge",
        lambda e: _set(e, "Start", leg=[45, 200]),
        "glute_bridge, pose Start: right knee bent -155°, outside the human range",
    ),
    (
        "dead_hang",
        lambda e: _set(e, "Grip", hip=[70, 80]),
        "dead_hang, pose Grip: the drawing leaves its frame",
    ),
    (
        "bird_dog",
        lambda e: _pose(e, "Start").update(contact=["hand", "hand2", "knee", "knee2", "foot"]),
        "bird_dog, pose Start: the right foot should rest on the floor or a prop",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("exercise_id", "change", "expected"), FAULTS, ids=[f[2].split(":")[-2][-30:] for f in FAULTS]
)
def test_a_drawing_fault_is_caught_by_name(content_copy, exercise_id, change, expected):
    assert expected in _faults_after(content_copy, exercise_id, change)


def test_the_shipped_figures_load_clean_with_validate(run):
    status, out, err = run("validate")
    assert status == 0, err
    assert "42 exercises" in out or "exercises" in out


def _line_of(root: Path, *texts: str) -> int:
    """The line of content/poses.yaml (as the test wrote it) that ends with the last of `texts`,
    found after lines ending with each of the ones before it, in order."""
    lines = enumerate((root / "poses.yaml").read_text(encoding="utf-8").splitlines(), 1)
    for text in texts:
        number = next(number for number, line in lines if line.rstrip().endswith(text))
    return number


def test_a_broken_pose_entry_names_file_line_exercise_pose_and_key(content_copy):
    def break_it(entry: dict) -> None:
        _set(entry, "Hold", arm=[10])
        _pose(entry, "Start")["props"] = [{"kind": "trampoline"}]

    problems = _faults_after(content_copy, "bird_dog", break_it)
    line = _line_of(content_copy, "bird_dog:", "label: Hold", "arm:")
    assert (
        f"content/poses.yaml, line {line}: bird_dog, pose Hold: set.arm: [10] should be a "
        "list of 2 or 4 numbers" in problems
    )
    assert "props[0].x" not in problems  # an unknown prop is reported once, not field by field
    assert "bird_dog, pose Start: props[0].kind: 'trampoline' is not one of cushion, step" in (
        problems
    )


def test_a_typo_in_poses_yaml_is_named_with_what_is_allowed_and_validate_exits_2(content_copy, run):
    """Each kind of mistake a writer of poses.yaml makes: file, line, key, what is allowed."""

    def break_it(entry: dict) -> None:
        _pose(entry, "Hold")["sett"] = {"arm": [35, 35]}
        _pose(entry, "Start")["props"] = [
            {"kind": "weight", "weight": "dumbell"},
            {"kind": "chair", "x": 20, "w": 15, "h": 25, "legs": [22]},
        ]
        _pose(entry, "Start")["contact"] = ["hand", "elbo"]

    path = content_copy / "poses.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    break_it(data["exercises"]["bird_dog"])
    data["poses"]["standing"]["view"] = "back"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    status, _, err = run("validate", "--content", content_copy)
    assert status == 2
    assert "Traceback" not in err
    sett, dumbell, legs, elbo, view = (
        _line_of(content_copy, text) for text in ("sett:", "dumbell", "legs:", "elbo", "view: back")
    )
    assert (
        f"content/poses.yaml, line {sett}: bird_dog, pose Hold: sett: unknown key; did you mean "
        "'set'? (allowed: label, pose, set, props, arrows, contact, thumbnail)" in err
    )
    assert (
        f"content/poses.yaml, line {dumbell}: bird_dog, pose Start: props[0].weight: 'dumbell' is "
        "not one of barbell, dumbbell, kettlebell; did you mean 'dumbbell'?" in err
    )
    assert (
        f"content/poses.yaml, line {legs}: bird_dog, pose Start: props[1].legs: unknown key "
        "(allowed: kind, x, y, w, h, back)" in err
    )
    assert f"content/poses.yaml, line {elbo}: bird_dog, pose Start: contact[1]: 'elbo' is " in err
    assert "did you mean 'elbow'?" in err
    assert (
        f"content/poses.yaml, line {view}: poses.standing.view: 'back' is not one of side, front"
        in err
    )


def test_a_position_on_an_undefined_base_pose_is_named(content_copy):
    problems = _faults_after(
        content_copy, "bird_dog", lambda entry: _pose(entry, "Hold").update(pose="all_four")
    )
    line = _line_of(content_copy, "pose: all_four")
    assert (
        f"content/poses.yaml, line {line}: bird_dog, pose Hold: pose: 'all_four' is not one of "
        in problems
    )
    assert "did you mean 'all_fours'?" in problems
    assert "has no figures" not in problems  # the file's own problem, not one per exercise


def test_an_exercise_without_poses_is_an_error(content_copy):
    path = content_copy / "poses.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["exercises"]["cat_cow"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_library(content_copy)
    assert "content/poses.yaml: cat_cow: has no figures (every exercise needs poses)" in (
        caught.value.problems
    )


# --- drawing -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_card_of_a_built_plan_shows_its_figures(shared_build, library):
    reader = PdfReader(shared_build(EXAMPLES / "advanced-12-weeks.yaml"))
    pages = outline_pages(reader)
    for exercise in library.exercises.values():
        if exercise.name not in pages:
            continue
        page = reader.pages[pages[exercise.name]]
        text = " ".join(page.extract_text().split())
        for figure in exercise.figures:
            assert figure.label in text, (exercise.id, figure.label)
        assert not page.images  # vector drawings, no bitmaps
    assert sum(1 for ex in library.exercises.values() if ex.name in pages) >= 8


def test_a_thumbnail_draws_an_exercises_first_pose_into_a_box(tmp_path, library):
    from reportlab.pdfgen.canvas import Canvas

    from planbuilder.render.figures import FigureThumbnail, draw_thumbnail
    from planbuilder.render.fonts import register_fonts

    register_fonts()
    path = tmp_path / "thumbs.pdf"
    canvas = Canvas(str(path), pageCompression=0)
    draw_thumbnail(canvas, "glute_bridge", 50, 50, 30 * mm, 15 * mm, library)
    thumbnail = FigureThumbnail(library.exercises["pull_up"].figures[0], 20 * mm, 20 * mm)
    assert thumbnail.wrap(100, 100) == (20 * mm, 20 * mm)
    thumbnail.drawOn(canvas, 200, 50)
    canvas.save()
    drawn = PdfReader(path).pages[0].get_contents().get_data()
    assert drawn.count(b" re") >= 1 and drawn.count(b" c\n") + drawn.count(b" l\n") > 50


@pytest.mark.slow
def test_the_figure_catalogue_shows_every_exercise_and_pose(run, tmp_path, library):
    output = tmp_path / "figures.pdf"
    status, out, _ = run("exercises", "--figures", output)
    assert status == 0 and str(output) in out
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(output).pages)
    for exercise in library.exercises.values():
        assert f"{exercise.name} · {exercise.id}" in text
        for figure in exercise.figures:
            assert figure.label in text
    status, _, err = run("exercises", "--figures", output)
    assert status == 2 and "already exists" in err
