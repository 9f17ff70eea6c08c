"""Screening a clinician would sign: three tiers, age, severe pain, and what the booklet says.

Each rule is in planbuilder/screening.py with its source in docs/clinical-basis.md."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from planbuilder.content import default_library
from planbuilder.errors import SafetyStop
from planbuilder.screening import screen

from conftest import START, make_profile, property_examples

LIBRARY = default_library()
SAFETY = LIBRARY.safety
ASKED = (
    {tier: [i.id for i in SAFETY.tier(tier, asked_only=True)] for tier in SAFETY_TIERS}
    if (SAFETY_TIERS := ("emergency", "see_first", "caution"))
    else {}
)


def answers(**values: object) -> dict[str, object]:
    base: dict[str, object] = {"level": "beginner", "age": 40, "start": START}
    return {**base, **values}


def stop_message(library, **values) -> str:
    with pytest.raises(SafetyStop) as stop:
        screen(make_profile(library, **values), library)
    return str(stop.value)


# --- the tiers -----------------------------------------------------------------------------


@pytest.mark.parametrize("item", ASKED["emergency"])
def test_every_emergency_sign_says_go_to_an_emergency_department_now(library, item):
    message = stop_message(library, red_flags=[item])
    first_line = message.splitlines()[0]
    assert "emergency number now" in first_line and "emergency department now" in first_line
    assert "harmless" not in message.lower()
    assert SAFETY.items[item].why in message


def test_the_emergency_stop_exits_3_from_an_answers_file(run, write_answers):
    status, out, err = run("build", write_answers(answers(red_flags=["bladder_bowel"])))
    assert status == 3 and out == ""
    assert err.startswith("Call your emergency number now")


@pytest.mark.parametrize("item", ASKED["see_first"])
def test_every_see_first_item_names_what_to_ask_and_how_to_come_back(library, item):
    message = stop_message(library, red_flags=[item])
    assert "see a doctor or physiotherapist before you start" in message
    assert SAFETY.items[item].ask in message
    assert "cleared:" in message


def test_cancer_history_is_worded_as_urgent(library):
    message = stop_message(library, red_flags=["cancer_history"])
    assert "within days" in message


@pytest.mark.parametrize("item", ASKED["see_first"])
def test_a_cleared_see_first_item_builds_the_plan_and_says_what_was_cleared(library, item):
    result = screen(make_profile(library, red_flags=[item], cleared=[item]), library)
    assert [i.id for i in result.cleared] == [item]


@pytest.mark.slow
@pytest.mark.parametrize("item", ASKED["caution"])
def test_every_caution_item_builds_a_plan_whose_cover_carries_its_note(
    run, write_answers, tmp_path, item
):
    output = tmp_path / "plan.pdf"
    status, _, err = run("build", write_answers(answers(red_flags=[item])), "-o", output)
    assert status == 0, err
    reader = PdfReader(output)
    cover = " ".join(reader.pages[0].extract_text().split())
    note = " ".join(SAFETY.items[item].note.split())
    assert note[:60] in cover


def test_the_first_eight_ids_keep_working_in_old_answers_files(library):
    for item in ("bladder_bowel", "saddle_numbness", "leg_weakness"):
        assert SAFETY.items[item].tier == "emergency"
    for item in ("trauma", "fever_unwell", "weight_loss", "cancer_history", "night_pain"):
        assert SAFETY.items[item].tier == "see_first"


# --- properties ----------------------------------------------------------------------------

ANY_ITEMS = st.lists(st.sampled_from(list(SAFETY.red_flags)), unique=True, max_size=6)


@settings(max_examples=property_examples(60), deadline=None)
@given(
    emergency=st.sampled_from(ASKED["emergency"]),
    others=ANY_ITEMS,
    cleared=st.lists(st.sampled_from(list(SAFETY.items)), unique=True),
    age=st.integers(1, 100),
    pain=st.sampled_from(["none", "mild", "moderate", "severe"]),
)
def test_any_emergency_sign_stops_whatever_else_is_answered(emergency, others, cleared, age, pain):
    """Cleared never clears an emergency sign; age and pain never soften the message."""
    flags = [emergency, *(item for item in others if item != emergency)]
    profile = make_profile(LIBRARY, red_flags=flags, cleared=cleared, age=age, pain=pain)
    with pytest.raises(SafetyStop) as stop:
        screen(profile, LIBRARY)
    assert str(stop.value).startswith("Call your emergency number now")


@settings(max_examples=property_examples(60), deadline=None)
@given(
    see_first=st.lists(st.sampled_from(ASKED["see_first"]), unique=True, min_size=1, max_size=4),
    cleared_some=st.data(),
)
def test_every_see_first_item_without_clearance_stops(see_first, cleared_some):
    cleared = cleared_some.draw(
        st.lists(st.sampled_from(see_first), unique=True, max_size=len(see_first) - 1)
    )
    profile = make_profile(LIBRARY, red_flags=see_first, cleared=cleared)
    with pytest.raises(SafetyStop) as stop:
        screen(profile, LIBRARY)
    waiting = [i for i in see_first if i not in cleared]
    for item in waiting:
        assert f"(id: {item})" in str(stop.value)


# --- age, duration and severe pain -----------------------------------------------------------


@pytest.mark.parametrize("age", [10, 15])
def test_under_16_gets_no_plan_and_is_pointed_to_a_physiotherapist_or_coach(
    run, write_answers, age
):
    status, _, err = run("plan", write_answers(answers(age=age)))
    assert status == 3
    assert "adults and older teenagers" in err and "physiotherapist" in err


def test_severe_pain_gets_kind_self_care_advice_not_a_plan(run, write_answers):
    status, out, err = run("plan", write_answers(answers(pain="severe")))
    assert status == 3 and out == ""
    for words in ("keep gently moving", "short, easy walks", "pharmacist", "GP or physiotherapist"):
        assert words in err
    assert "emergency department" in err  # when to seek help urgently


@pytest.mark.parametrize(
    ("since", "sports", "tier"),
    [
        ("over_12_weeks", [], "see_first"),
        (None, [], "see_first"),
        ("under_6_weeks", ["gymnastics"], "see_first"),
        ("under_6_weeks", [], "caution"),
    ],
)
def test_a_teenager_with_back_pain_is_checked_for_a_stress_fracture(library, since, sports, tier):
    profile = make_profile(library, age=17, pain="mild", pain_since=since, sports=sports)
    if tier == "see_first":
        message = stop_message(library, age=17, pain="mild", pain_since=since, sports=sports)
        assert "stress fracture" in message
    else:
        result = screen(profile, library)
        assert [i.id for i in result.cautions] == ["teen_back_caution"]
        assert result.guardian_signature


def test_a_cleared_teenager_gets_a_plan_and_a_guardian_signature_under_18(library):
    result = screen(make_profile(library, age=16, pain="mild", cleared=["teen_back_pain"]), library)
    assert result.guardian_signature


def test_a_first_episode_after_50_is_a_caution_not_a_stop(library):
    result = screen(make_profile(library, age=58, pain="mild", pain_since="under_6_weeks"), library)
    assert [i.id for i in result.cautions] == ["first_episode_over_50"]
    assert "4 weeks" in result.cautions[0].note


def test_an_unknown_duration_is_treated_as_long_standing_and_said_on_the_cover(library):
    assert screen(make_profile(library, pain="mild"), library).duration_unknown
    assert not screen(
        make_profile(library, pain="mild", pain_since="over_12_weeks"), library
    ).duration_unknown


@pytest.mark.parametrize(
    ("age", "fall", "adapted"), [(64, False, False), (65, False, True), (40, True, True)]
)
def test_65_or_over_or_a_fall_asks_for_the_balance_and_floor_adaptations(
    library, age, fall, adapted
):
    result = screen(make_profile(library, age=age, fall_last_year=fall), library)
    assert result.balance_and_floor is adapted


# --- one pain rule everywhere ------------------------------------------------------------------


@pytest.mark.slow
def test_every_page_and_every_command_states_the_same_pain_rule(run, tmp_path, built):
    """The numbers of the pain rule, read out of every page of a built PDF, `plan --json`,
    `progress` and the paragraph `next` prints, agree with content/safety.yaml."""
    import json
    import re

    from conftest import EXAMPLES, fill, ticks_for

    rule = SAFETY.pain_rule
    path, plan = built
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    filled = tmp_path / "filled.pdf"
    fill(path, ticks_for(plan, 1.0, (2, 2)), filled)
    commands = [
        run("progress", filled)[1],
        run("next", "--no-new-signs", filled, "-o", tmp_path / "next.pdf")[1],
    ]
    everything = " ".join([text, *commands])
    points = [int(n) for n in re.findall(r"(\d+) points? above", everything)]
    ceilings = [int(n) for n in re.findall(r"(\d+)\s*(?:/|out of )10\b", everything)]
    assert points and set(points) == {rule.above_usual}
    assert ceilings and set(ceilings) == {rule.highest}
    assert text.count(" ".join(rule.short.split())) >= len(plan.weeks)  # every week page
    data = json.loads(run("plan", EXAMPLES / "beginner-12-weeks.yaml", "--json")[1])
    assert (data["pain_rule"]["above_usual"], data["pain_rule"]["highest"]) == (2, 5)
    report = json.loads(run("progress", filled, "--json")[1])
    assert report["pain_rule"] == data["pain_rule"]


@pytest.mark.slow
def test_an_older_person_or_one_who_fell_is_told_how_to_get_down_to_the_floor_and_up(
    run, write_answers, tmp_path
):
    output = tmp_path / "plan.pdf"
    status, _, err = run("build", write_answers(answers(age=70)), "-o", output)
    assert status == 0, err
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(output).pages]
    assert "Practise getting down to the floor and back up" in pages[0]
    assert any(text.startswith("Getting down to the floor and back up") for text in pages)


def test_someone_who_fell_is_asked_to_have_a_falls_check(library, run, write_answers, tmp_path):
    assert screen(make_profile(library, fall_last_year=True), library).falls_check
    assert not screen(make_profile(library, age=70), library).falls_check
    output = tmp_path / "plan.pdf"
    status, _, err = run("build", write_answers(answers(fall_last_year=True)), "-o", output)
    assert status == 0, err
    cover = " ".join(PdfReader(output).pages[0].extract_text().split())
    assert "ask your GP or practice nurse for a falls check" in cover


def test_a_clearance_alone_says_the_person_has_the_item_and_was_cleared(library):
    """`cleared: [fracture_risk]` without the red flag adapts the plan, so the cover must say
    what a clinician cleared."""
    result = screen(make_profile(library, cleared=["fracture_risk"]), library)
    assert [i.id for i in result.cleared] == ["fracture_risk"]
    assert result.fragile_bones


@pytest.mark.slow
def test_with_fragile_bones_sudden_new_pain_is_not_called_a_flare_up(run, write_answers, tmp_path):
    """Where the booklet says "hurt is not harm" and "flare-ups pass", a person with a cleared
    fracture risk reads the exception: sudden new pain is a reason to call the GP that day."""
    output = tmp_path / "plan.pdf"
    data = answers(age=72, red_flags=["fracture_risk"], cleared=["fracture_risk"])
    status, _, err = run("build", write_answers(data), "-o", output)
    assert status == 0, err
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(output).pages]
    titles = ("Your back plan", "Safety first", "Your back, in plain words", "Your flare-up plan")
    for title in titles:
        assert any(p.startswith(title) and "is not a flare-up" in p for p in pages), title
    assert sum("is not a flare-up" in p for p in pages) == len(titles)
    assert not screen(make_profile(LIBRARY, age=72), LIBRARY).fragile_bones


# --- next screens again --------------------------------------------------------------------


def test_next_stops_when_a_new_sign_has_appeared_since_the_last_block(run, built, tmp_path):
    path, _ = built
    status, _, err = run("next", "--signs", "night_pain", path, "-o", tmp_path / "n.pdf")
    assert status == 3 and "(id: night_pain)" in err
    status, _, err = run("next", "--signs", "both_legs", path, "-o", tmp_path / "n.pdf")
    assert status == 3 and err.startswith("Call your emergency number now")
    assert not (tmp_path / "n.pdf").exists()


def test_next_in_a_script_says_how_to_give_the_signs_and_lists_their_ids(run, built, library):
    path, _ = built
    status, _, err = run("next", path)  # no terminal in tests: it cannot ask
    assert status == 2
    assert "--no-new-signs" in err and "--signs" in err
    assert all(sign in err for sign in library.safety.items)


@pytest.mark.slow
def test_a_pregnancy_clearance_is_asked_again_at_every_next(run, write_answers, tmp_path):
    pregnant = write_answers(
        answers(red_flags=["pregnancy"], cleared=["pregnancy"], weeks=4), "mum.answers.yaml"
    )
    plan = tmp_path / "mum.pdf"
    assert run("build", pregnant, "-o", plan)[0] == 0
    status, _, err = run("next", "--no-new-signs", plan, "-o", tmp_path / "mum-2.pdf")
    assert status == 3 and "(id: pregnancy)" in err
    status, _, err = run(
        "next", "--no-new-signs", "--cleared", "pregnancy", plan, "-o", tmp_path / "mum-2.pdf"
    )
    assert status == 0, err


@pytest.mark.slow
def test_next_from_a_plan_made_before_age_was_asked_says_how_to_give_it(run, built, tmp_path):
    import pikepdf

    from planbuilder.acroform import ANSWERS_ATTACHMENT

    path, _ = built
    old = tmp_path / "old.pdf"
    with pikepdf.open(path) as pdf:
        text = pdf.attachments[ANSWERS_ATTACHMENT].get_file().read_bytes().decode()
        text = "\n".join(line for line in text.splitlines() if not line.startswith("age:"))
        pdf.attachments[ANSWERS_ATTACHMENT] = pikepdf.AttachedFileSpec(pdf, text.encode())
        pdf.save(old)
    assert run("progress", old)[0] == 0  # its ticks stay readable
    status, _, err = run("next", "--no-new-signs", old, "-o", tmp_path / "n.pdf")
    assert status == 2 and "--age" in err
    status, _, err = run("next", "--no-new-signs", "--age", "52", old, "-o", tmp_path / "n.pdf")
    assert status == 0, err


def test_at_a_terminal_next_asks_the_signs_again_and_the_pregnancy_clearance(library):
    from pathlib import Path

    from planbuilder.questionnaire import Asker, ask_since_last_block

    class Answering(Asker):
        def ask(self, question, default, answers):
            self.question = question
            return ["weight_loss"]

        def confirm(self, text, default):
            return not text.startswith("Has a doctor")

    asker = Answering(library, (), Path("."))
    signs, cleared = ask_since_last_block(asker, pregnancy_cleared=True)
    assert signs == ("weight_loss",) and cleared == ("pregnancy",)
    assert asker.question.text.startswith("Since your last block")
    offered = {value for value, _ in asker.question.choices if value}
    assert offered == set(ASKED["emergency"]) | set(ASKED["see_first"])


def test_a_cleared_pregnancy_prints_acogs_signs_to_stop_on_the_safety_page(
    run, write_answers, tmp_path
):
    output = tmp_path / "plan.pdf"
    cleared = answers(red_flags=["pregnancy"], cleared=["pregnancy"])
    assert run("build", write_answers(cleared), "-o", output)[0] == 0
    reader = PdfReader(output)
    safety = next(
        " ".join(page.extract_text().split())
        for page in reader.pages
        if "Safety first" in page.extract_text()
    )
    for sign in ("bleeding from the vagina", "calf pain or swelling", "chest pain"):
        assert sign in safety


def test_the_safety_page_says_when_a_fall_cancer_or_thin_bones_make_new_pain_a_doctors_matter(
    run, write_answers, tmp_path
):
    """Someone who answered no to these before starting still needs to know what to do if it
    changes: new pain after a fall, after cancer, or with thin bones can be a fracture or a
    spread to the spine, not a flare-up."""
    output = tmp_path / "plan.pdf"
    assert run("build", write_answers(answers(fall_last_year=True)), "-o", output)[0] == 0
    safety = next(
        " ".join(page.extract_text().split())
        for page in PdfReader(output).pages
        if "Safety first" in page.extract_text()
    )
    for sign in ("after a fall or a knock", "when you have had cancer", "with thin bones"):
        assert sign in safety
