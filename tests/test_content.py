"""The content library: complete, covering the seed, and validated with precise messages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from planbuilder.content import load_library
from planbuilder.errors import ContentError
from planbuilder.librarycache import CACHE_VARIABLE, cached
from planbuilder.paths import content_dir
from planbuilder.vocab import LEVELS

from conftest import EQUIPMENT_IDS, SPORT_IDS

SEED_EXERCISES = {
    "bird_dog": "the quadruped opposite arm/leg hold",
    "prone_swimmer_beats": "prone lift of trunk and legs with beats on a cushion",
    "band_row_anchored": "band pull with shoulder blades together, band fixed to a door",
    "deadlift": "the deadlift",
    "pull_up": "pull-ups",
    "table_row": "inverted rows under a sturdy table",
}

# The screening ids are part of the answers-file contract (issue 11), by tier.
SCREENING = {
    "emergency": {
        "bladder_bowel",
        "saddle_numbness",
        "both_legs",
        "sexual_dysfunction",
        "leg_weakness",
        "unsteady_walking",
        "chest_pain_now",
        "major_trauma",
    },
    "see_first": {
        "trauma",
        "fracture_risk",
        "cancer_history",
        "weight_loss",
        "fever_unwell",
        "immune_suppression",
        "recent_infection_or_surgery",
        "spinal_surgery",
        "night_pain",
        "upper_back_chest",
        "heart_condition",
        "dizziness_fainting",
        "blood_pressure_high",
        "supervised_only",
        "condition_uncontrolled",
        "leg_symptoms_longstanding",
        "pregnancy",
        "postpartum",
    },
    "caution": {
        "chronic_condition",
        "blood_pressure_controlled",
        "inflammatory_signs",
        "pain_medicines",
    },
}
# The eight ids of the first version keep their meaning: old answers files still work.
FIRST_RED_FLAGS = {
    "bladder_bowel",
    "saddle_numbness",
    "leg_weakness",
    "trauma",
    "fever_unwell",
    "weight_loss",
    "cancer_history",
    "night_pain",
}


def test_library_has_at_least_24_exercises_in_every_area(library):
    assert len(library.exercises) >= 24
    for area in ("lower_back", "upper_back", "core", "glutes_hamstrings", "mobility"):
        assert any(area in ex.areas for ex in library.exercises.values()), area


def test_every_seed_exercise_is_in_the_library(library):
    for exercise_id in SEED_EXERCISES:
        assert exercise_id in library.exercises


def test_at_least_four_back_stretches(library):
    stretches = [ex for ex in library.exercises.values() if "mobility" in ex.areas]
    assert len(stretches) >= 4


def test_sports_safety_and_equipment_ids_are_the_contract(library):
    assert set(library.sports) == set(SPORT_IDS)
    for tier, ids in SCREENING.items():
        assert {i.id for i in library.safety.tier(tier, asked_only=True)} == ids, tier
    assert set(library.safety.red_flags) >= FIRST_RED_FLAGS
    assert set(library.equipment) == set(EQUIPMENT_IDS)
    assert (library.safety.pain_rule.above_usual, library.safety.pain_rule.highest) == (2, 5)


def test_deadlift_needs_a_load_carries_the_coach_note_and_is_not_for_beginners(library):
    deadlift = library.exercises["deadlift"]
    assert set(deadlift.equipment_one_of) == {"barbell", "dumbbells", "kettlebell"}
    assert deadlift.note and "coach" in deadlift.note
    assert "beginner" not in deadlift.levels
    assert "beginner" not in library.exercises["pull_up"].levels


def test_cushion_exercises_offer_a_towel_instead(library):
    for ex in library.exercises.values():
        if "cushion" in ex.equipment:
            assert "towel" in ex.substitutes["cushion"]


def test_every_exercise_has_what_a_card_needs(library):
    for ex in library.exercises.values():
        assert ex.steps and 2 <= len(ex.cues) <= 4 and ex.mistakes and ex.stop_if
        for level in ex.levels:
            assert ex.dose.start[level] <= ex.dose.ceiling
            assert level in LEVELS


def test_advanced_people_meet_the_easier_form_of_a_two_step_family_at_its_ceiling(library):
    """The push-up on the knees and the split squat without weights lead, for advanced people
    only, to a harder form reached from them: an advanced person starts them at the top of
    their repetitions, for a week of form, not four weeks of the easier form (physiotherapist
    review: knee push-ups for a climber who does pull-ups)."""
    checked = []
    for ex in library.exercises.values():
        if ex.dose.kind != "reps" or set(ex.levels) != {"intermediate", "advanced"}:
            continue
        steps = [library.exercises[h] for h in ex.harder]
        if any(h.progression_only and tuple(h.levels) == ("advanced",) for h in steps):
            assert ex.dose.start["advanced"] == ex.dose.ceiling, ex.id
            checked.append(ex.id)
    assert {"knee_push_up", "split_squat"} <= set(checked)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_dir(), root)
    return root


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(root: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_library(root)
    return str(caught.value)


def test_a_bad_field_is_named_with_file_exercise_and_field(content_copy):
    _break(content_copy / "exercises" / "bird_dog.yaml", "step: 2", "step: five")
    message = _problems(content_copy)
    assert "content/exercises/bird_dog.yaml, line 17: dose.step:" in message
    assert "'five'" in message


def test_an_unknown_variant_id_is_reported(content_copy):
    _break(
        content_copy / "exercises" / "bird_dog.yaml",
        "harder: [bird_dog_knee_elbow]",
        "harder: [flying_dog]",
    )
    message = _problems(content_copy)
    assert "bird_dog: harder: 'flying_dog' is not an exercise in the library" in message


def test_unknown_equipment_and_area_ids_are_reported(content_copy):
    _break(
        content_copy / "exercises" / "band_pull_apart.yaml",
        "equipment: [band]",
        "equipment: [rubber_band]",
    )
    _break(content_copy / "exercises" / "dead_bug.yaml", "areas: [core]", "areas: [abs]")
    message = _problems(content_copy)
    assert "band_pull_apart: equipment: 'rubber_band' is not one of" in message
    assert "dead_bug: areas: 'abs' is not one of" in message


def test_every_problem_is_reported_at_once_and_no_library_is_returned(content_copy):
    _break(content_copy / "exercises" / "bird_dog.yaml", "ceiling: 10", "ceiling: 3")
    _break(content_copy / "sports.yaml", "minutes: 30", "minutes: lots")
    (content_copy / "exercises" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    message = _problems(content_copy)
    assert "bird_dog.yaml, line 16: dose.start: beginner: 6 is above the ceiling 3" in message
    assert "content/sports.yaml, line 12: sports[swimming].minutes: 'lots'" in message
    assert "content/exercises/broken.yaml: not valid YAML" in message


def test_holds_that_cannot_grow_or_an_unreachable_variant_are_reported(content_copy):
    folder = content_copy / "exercises"
    _break(folder / "forearm_plank.yaml", "max_holds: 4", "max_holds: 2")
    _break(folder / "dead_bug.yaml", "seconds_per_rep: 4", "seconds_per_rep: 4\n  max_holds: 6")
    _break(folder / "plank_leg_lift.yaml", "easier: [forearm_plank]", "easier: []")
    message = _problems(content_copy)
    assert re.search(r"forearm_plank\.yaml, line \d+: dose\.max_holds: 2 is below holds 3", message)
    assert re.search(r"dead_bug\.yaml, line \d+: dose\.max_holds: needs holds", message)
    assert re.search(r"plank_leg_lift\.yaml, line \d+: progression_only: needs an easier", message)


def test_one_sided_variant_links_are_reported(content_copy):
    _break(
        content_copy / "exercises" / "side_plank.yaml", "easier: [side_plank_knees]", "easier: []"
    )
    message = _problems(content_copy)
    assert "side_plank_knees: harder: 'side_plank' does not list 'side_plank_knees'" in message


def test_file_name_must_match_the_id(content_copy):
    (content_copy / "exercises" / "cat_cow.yaml").rename(content_copy / "exercises" / "cat.yaml")
    assert "'cat_cow' does not match the file name 'cat.yaml'" in _problems(content_copy)


def test_a_question_asks_within_the_answers_files_range_and_says_it(content_copy):
    from planbuilder.questions import load_questions
    from planbuilder.vocab import WEEKS

    weeks = next(q for q in load_questions(content_copy / "questions.yaml") if q.key == "weeks")
    assert (weeks.low, weeks.high) == (WEEKS.low, WEEKS.high)
    assert f"{WEEKS.low} to {WEEKS.high}" in (weeks.help or "")
    _break(
        content_copy / "questions.yaml",
        "help: 8 to 12 suits most people",
        "max: 60\n    help: 8 to 12 suits most people",
    )
    with pytest.raises(ContentError) as caught:
        load_questions(content_copy / "questions.yaml")
    message = str(caught.value)
    assert (
        "line" in message
        and "max: 60 is outside the answers file's range for weeks (1 to 52)" in message
    )


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_no_hyphenated_word_is_split_by_a_folded_line_break():
    """YAML's folded text turns a line ending in "sit-up-" into "sit-up- like" on the page."""
    split = re.compile(r"\w- [a-z]")
    found = [
        f"{path.name}: {match.group()!r}"
        for path in sorted(content_dir().rglob("*.yaml"))
        for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8")))
        for match in split.finditer(text)
    ]
    assert found == []


# --- the validated library kept between runs (librarycache.py) ---------------------------------


def _loads_once(root: Path) -> tuple[list[Path], Any]:
    """A loader that counts its calls: a library from the cache is not loaded again."""
    calls: list[Path] = []

    def load(folder: Path) -> Any:
        calls.append(folder)
        return load_library(folder)

    return calls, load


def test_a_second_run_reads_the_library_from_the_cache(content_copy, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))
    calls, load = _loads_once(content_copy)
    first = cached(content_copy, load)
    second = cached(content_copy, load)
    assert len(calls) == 1 and second == first == load_library(content_copy)


def test_changed_content_is_never_read_from_an_old_cache(content_copy, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))
    cached(content_copy, load_library)
    _break(content_copy / "exercises" / "bird_dog.yaml", "name: Bird dog", "name: Bird dog, slow")
    assert cached(content_copy, load_library).exercises["bird_dog"].name == "Bird dog, slow"
    assert len(list((tmp_path / "cache").glob("library-*"))) == 1  # the old one is gone


def test_a_damaged_cache_is_loaded_the_ordinary_way_and_replaced(
    content_copy, tmp_path, monkeypatch
):
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))
    cached(content_copy, load_library)
    (stored,) = (tmp_path / "cache").glob("library-*")
    stored.write_bytes(b"not a pickle")
    calls, load = _loads_once(content_copy)
    assert cached(content_copy, load) == load_library(content_copy) and len(calls) == 1
    assert cached(content_copy, load) == load_library(content_copy) and len(calls) == 1


def test_a_cache_folder_that_cannot_be_made_only_costs_time(content_copy, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    monkeypatch.setenv(CACHE_VARIABLE, str(blocked / "cache"))
    assert cached(content_copy, load_library) == load_library(content_copy)


def test_content_with_problems_is_reported_and_never_cached(content_copy, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))
    _break(content_copy / "exercises" / "bird_dog.yaml", "name: Bird dog", "nam: Bird dog")
    for _ in range(2):
        with pytest.raises(ContentError):
            cached(content_copy, load_library)
    assert not list((tmp_path / "cache").glob("library-*"))


def test_lifting_legs_or_trunk_while_lying_face_down_waits_until_pain_is_mild(library):
    """Face-down lifts of the legs or the trunk arch the lower back against gravity; a
    physiotherapist leaves them out in moderate pain and uses standing back extensions
    instead. Arm lifts with the forehead on a towel (Y and T raise) work the shoulder blades
    and stay."""
    face_down_lifts = [
        ex
        for ex in library.exercises.values()
        if ex.lying == "front" and ex.spine == "extension" and "lower_back" in ex.areas
    ]
    assert face_down_lifts
    for exercise in face_down_lifts:
        assert exercise.max_pain in ("none", "mild"), exercise.id
