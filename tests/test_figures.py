"""Exercise figures: pose data validated on load, drawn on every card, and a catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from planbuilder.content import load_library
from planbuilder.errors import ContentError
from planbuilder.paths import content_dir
from planbuilder.poses import FLOOR_TOLERANCE, HEAD_RADIUS, Pose, joints, pose_problems

from conftest import EXAMPLES, outline_pages


def test_every_exercise_has_valid_pose_data_showing_what_moves(library):
    for exercise in library.exercises.values():
        assert exercise.figures, exercise.id
        if len(exercise.figures) == 1:
            assert exercise.figures[0].arrows, exercise.id
        for figure in exercise.figures:
            assert pose_problems(figure.pose) == [], exercise.id


def test_the_kinematics_put_a_standing_figure_on_its_feet():
    standing = Pose(
        hip=(60, 40),
        trunk=90,
        head=90,
        arm=(270, 270),
        arm2=(270, 270),
        leg=(270, 270),
        leg2=(270, 270),
    )
    points = joints(standing)
    assert points["foot"] == pytest.approx((60, 0), abs=1e-9)
    assert points["shoulder"] == pytest.approx((60, 70), abs=1e-9)
    assert points["head"][1] - HEAD_RADIUS > points["shoulder"][1]


def test_the_bird_dog_shows_opposite_arm_and_leg_no_higher_than_the_hips(library):
    hold = library.exercises["bird_dog"].figures[-1]
    points = joints(hold.pose)
    assert points["hand"][0] > points["shoulder"][0] + 15  # near arm reaches forward
    assert points["foot2"][0] < points["hip"][0] - 30  # far leg reaches back
    assert points["foot2"][1] <= points["hip"][1] + FLOOR_TOLERANCE
    assert abs(points["shoulder"][1] - points["hip"][1]) < 5  # a flat back


def test_the_band_pull_keeps_the_elbows_at_shoulder_height(library):
    pull = library.exercises["band_row_anchored"].figures[-1]
    points = joints(pull.pose)
    assert abs(points["elbow"][1] - points["shoulder"][1]) < 2
    assert "band" in pull.props


def test_the_hip_hinge_keeps_the_back_straight_and_the_hips_back(library):
    start, hinge = library.exercises["hip_hinge_drill"].figures
    assert hinge.pose.bend == 0
    assert joints(hinge.pose)["hip"][0] < joints(start.pose)["hip"][0]
    assert 20 <= hinge.pose.trunk <= 60


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_dir(), root)
    return root


def test_a_figure_through_the_floor_is_an_error_naming_the_exercise(content_copy):
    path = content_copy / "exercises" / "glute_bridge.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("hip: [55, 15]", "hip: [55, 4]"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_library(content_copy)
    assert "glute_bridge: figures[1].pose: the" in str(caught.value)
    assert "goes through the floor" in str(caught.value)


def test_a_figure_leaving_the_frame_is_an_error(content_copy):
    path = content_copy / "exercises" / "dead_hang.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("hip: [60, 40]", "hip: [60, 80]"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_library(content_copy)
    assert "dead_hang: figures[1].pose: the hand leaves the frame" in str(caught.value)


def test_every_card_of_a_built_plan_shows_its_figures(run, tmp_path, library):
    output = tmp_path / "plan.pdf"
    status, _, _ = run("build", EXAMPLES / "advanced-12-weeks.yaml", "-o", output)
    assert status == 0
    reader = PdfReader(output)
    pages = outline_pages(reader)
    for exercise in library.exercises.values():
        if exercise.name not in pages:
            continue
        page = reader.pages[pages[exercise.name]]
        text = " ".join(page.extract_text().split())
        for figure in exercise.figures:
            assert figure.label in text, (exercise.id, figure.label)
        drawn = page.get_contents().get_data()
        assert drawn.count(b" c\n") + drawn.count(b" c ") >= 4  # heads and backs are curves
    assert sum(1 for ex in library.exercises.values() if ex.name in pages) >= 8
    # Most of the size is the form: every tick box has two drawn looks of its own, on and off,
    # so a tick shows the same in every reader (test_readers.py); the pages alone are ~200 kB.
    assert output.stat().st_size < 600_000


def test_the_figure_catalogue_builds_with_every_exercise(run, tmp_path, library):
    output = tmp_path / "figures.pdf"
    status, out, _ = run("exercises", "--figures", output)
    assert status == 0 and str(output) in out
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(output).pages)
    for exercise in library.exercises.values():
        assert exercise.name in text
    status, _, err = run("exercises", "--figures", output)
    assert status == 2 and "already exists" in err
