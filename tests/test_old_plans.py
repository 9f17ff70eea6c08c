"""A plan printed by an earlier version stays readable: ticks are read against the plan as it
was printed (attached to the PDF), never against what today's planner and content would plan.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pikepdf
import pytest
from test_fillable import fill, ticks_for

from planbuilder import pipeline
from planbuilder.acroform import PLAN_ATTACHMENT
from planbuilder.content import load_library

from conftest import REPO


@pytest.fixture
def changed_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After the plan was printed, the content changes: the warm-up now has two sets, so
    today's plan for the same answers draws other boxes."""
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    warm_up = root / "exercises" / "march_arm_swings.yaml"
    text = warm_up.read_text(encoding="utf-8")
    warm_up.write_text(text.replace("  sets: 1\n  max_sets: 1\n", "  sets: 2\n  max_sets: 2\n"))
    changed = load_library(root)
    monkeypatch.setattr(pipeline, "library", lambda: changed)


@pytest.fixture
def ticked(tmp_path: Path, built) -> tuple[Path, dict]:
    path, plan = built
    filled = tmp_path / "ticked.pdf"
    fill(path, ticks_for(plan, 0.7, (2, 3)), filled)
    return filled, plan


def progress_of(run, pdf: Path) -> dict:
    status, out, err = run("progress", pdf, "--json")
    assert status == 0, err
    return json.loads(out)


def without_plan_record(source: Path, output: Path) -> Path:
    """The same PDF as an earlier planbuilder wrote it: answers attached, no plan record."""
    with pikepdf.open(source) as pdf:
        del pdf.attachments[PLAN_ATTACHMENT]
        pdf.save(output)
    return output


@pytest.mark.slow
def test_ticks_are_read_against_the_plan_as_printed_after_the_content_changed(run, ticked, request):
    filled, _ = ticked
    before = progress_of(run, filled)
    request.getfixturevalue("changed_content")
    after = progress_of(run, filled)
    assert after == before
    assert after["sets"]["done"] > 0


@pytest.mark.slow
def test_an_older_plan_without_a_record_is_read_when_todays_plan_matches_its_boxes(
    run, ticked, tmp_path
):
    filled, _ = ticked
    old = without_plan_record(filled, tmp_path / "old.pdf")
    assert progress_of(run, old) == progress_of(run, filled)


@pytest.mark.slow
def test_an_older_plan_whose_boxes_no_longer_match_is_refused_not_misread(
    run, ticked, tmp_path, changed_content
):
    filled, _ = ticked
    old = without_plan_record(filled, tmp_path / "old.pdf")
    status, out, err = run("progress", old)
    assert status == 2 and out == ""
    assert "cannot be matched safely" in err and "nothing was read" in err
    assert "pip install" in err


def test_a_plan_from_a_newer_planbuilder_is_refused_with_what_to_do(run, built, tmp_path):
    path, _ = built
    newer = tmp_path / "newer.pdf"
    with pikepdf.open(path) as pdf:
        record = json.loads(pdf.attachments[PLAN_ATTACHMENT].get_file().read_bytes())
        record["format"] += 1
        pdf.attachments[PLAN_ATTACHMENT] = pikepdf.AttachedFileSpec(
            pdf, json.dumps(record).encode()
        )
        pdf.save(newer)
    status, _, err = run("progress", newer)
    assert status == 2 and "newer planbuilder" in err and "upgrade" in err


def test_a_flattened_plan_says_it_has_no_tick_boxes_left(run, ticked, tmp_path):
    filled, _ = ticked
    flat = tmp_path / "flat.pdf"
    with pikepdf.open(filled) as pdf:
        pdf.flatten_annotations()  # also removes the form, as 'flatten' tools do
        assert "/AcroForm" not in pdf.Root
        pdf.save(flat)
    for command in ("progress", "next"):
        status, _, err = run(command, flat)
        assert status == 2 and "no tick boxes left" in err, command
