"""Printed on a black-and-white home printer: black ink for everything black or grey, colour
only where it means something (and then a shape and a word too), and a footer that puts a
loose page back in its place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pikepdf
import pytest
import yaml
from pypdf import PdfReader

from planbuilder.errors import ContentError
from planbuilder.layout import COLOUR_KEYS, available_layouts, load_layout

from conftest import EXAMPLES, fill, outline_pages

COLOUR_OPERATORS = {"rg", "RG", "k", "K", "g", "G", "sc", "scn", "SC", "SCN"}


def colours_used(path: Path) -> list[tuple[str, tuple[float, ...]]]:
    """Every colour operator of every page and of every form drawn on it (the footer's page
    total, the look of each form field), with its numbers."""
    used: list[tuple[str, tuple[float, ...]]] = []

    def read(owner: pikepdf.Page | pikepdf.Object) -> None:
        for operands, operator in pikepdf.parse_content_stream(owner):
            if str(operator) in COLOUR_OPERATORS:
                numbers = tuple(
                    round(float(v), 3) for v in operands if not isinstance(v, pikepdf.Name)
                )
                used.append((str(operator), numbers))

    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            read(page)
            for form in page.obj.get("/Resources", {}).get("/XObject", {}).values():
                read(form)
            for widget in page.obj.get("/Annots", []):
                looks = widget.get("/AP", {}).get("/N", {})  # one look, or one per state
                for look in [looks] if isinstance(looks, pikepdf.Stream) else looks.values():
                    read(look)
    return used


def meaning_colours(layout_name: str) -> set[tuple[float, ...]]:
    """The traffic light's colours, as rg numbers: the only colour the booklet prints."""
    colours = load_layout(layout_name).colours
    return {
        tuple(round(int(colours[key][i : i + 2], 16) / 255, 3) for i in (1, 3, 5))
        for key in ("green", "amber", "red")
    }


@pytest.fixture(scope="module")
def booklets(shared_build) -> dict[str, Path]:
    """The 12-week beginner plan in every layout."""
    return {
        layout: shared_build(EXAMPLES / "beginner-12-weeks.yaml", layout=layout)
        for layout in available_layouts()
    }


@pytest.mark.slow
@pytest.mark.parametrize("layout", available_layouts())
def test_black_and_grey_print_with_black_ink_alone(booklets, layout):
    """No RGB black or grey anywhere (a printer mixes those from colour inks); greys are
    black ink only (CMYK with C = M = Y = 0, or DeviceGray); the only RGB colours are the
    traffic light's three, which carry meaning."""
    used = colours_used(booklets[layout])
    assert len(used) > 500
    rgb = [numbers for operator, numbers in used if operator in ("rg", "RG")]
    assert all(len(set(numbers)) > 1 for numbers in rgb), "an RGB grey or black"
    assert set(rgb) <= meaning_colours(layout), set(rgb) - meaning_colours(layout)
    cmyk = [numbers for operator, numbers in used if operator in ("k", "K")]
    assert cmyk and all(numbers[:3] == (0, 0, 0) for numbers in cmyk), "a CMYK colour mix"
    assert not [operator for operator, _ in used if operator.lower() in ("sc", "scn")]


def test_a_layout_with_a_coloured_text_colour_is_refused(tmp_path):
    source = Path(load_layout("classic").name).with_suffix(".yaml")
    data = yaml.safe_load((Path(__file__).parents[1] / "layouts" / source).read_text("utf-8"))
    data["colours"]["accent"] = "#1f5f99"
    (tmp_path / "blue.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_layout("blue", tmp_path)
    problems = " ".join(caught.value.problems)
    assert "accent" in problems and "'#1f5f99'" in problems and "grey" in problems
    assert set(COLOUR_KEYS) >= {"green", "amber", "red"}


def test_a_layout_with_a_tracker_column_out_of_range_or_a_cover_typo_is_refused(tmp_path, run):
    """The tracker's and the cover's proportions are layout data, checked like the rest."""
    text = (Path(__file__).parents[1] / "layouts" / "classic.yaml").read_text("utf-8")
    text = text.replace("week_column: 0.08", "week_column: 0.5")
    text = text.replace("label_column:", "label_colum:")
    (tmp_path / "wide.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    week_line = next(n for n, line in enumerate(lines, 1) if "week_column: 0.5" in line)
    cover_line = next(n for n, line in enumerate(lines, 1) if "label_colum:" in line)
    with pytest.raises(ContentError) as caught:
        load_layout("wide", tmp_path)
    problems = caught.value.problems
    assert (
        f"layouts/wide.yaml, line {week_line}: tracker.week_column: 0.5 is out of range; "
        "allowed: 0.04 to 0.2" in problems
    )
    typo = f"layouts/wide.yaml, line {cover_line}: cover.label_colum: unknown key; did you mean"
    assert any(problem.startswith(f"{typo} 'label_column'?") for problem in problems), problems


@pytest.mark.slow
def test_the_traffic_light_names_each_state_in_words(booklets):
    reader = PdfReader(booklets["classic"])
    safety = " ".join(reader.pages[outline_pages(reader)["Safety and pain"]].extract_text().split())
    positions = [safety.index(word) for word in ("GO (green", "EASE OFF (amber", "STOP (red")]
    assert positions == sorted(positions)


# --- the footer -------------------------------------------------------------------------------


def footer(text: str) -> str:
    """The last lines of a page's text: the footer (its page total is drawn on its own)."""
    return " ".join(text.strip().splitlines()[-3:])


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["classic", "large-print"])
def test_every_footer_says_whose_plan_which_week_and_page_n_of_m(booklets, layout):
    reader = PdfReader(booklets[layout])
    total = len(reader.pages)
    outline = outline_pages(reader)
    week_of_page = {outline[f"Week {n}"]: n for n in range(1, 13)}
    for index, page in enumerate(reader.pages):
        bottom = footer(page.extract_text())
        assert re.search(rf"Page {index + 1} of\s*{total}\b", bottom), bottom
        assert "Back plan for Sam Carter" in bottom, bottom
        weeks = re.findall(r"· Weeks? (\d+)", bottom)
        if index in week_of_page:  # a week's first page
            assert weeks == [str(week_of_page[index])], bottom
        elif index < min(week_of_page) or index >= outline["Progress tracker"]:
            assert not weeks, bottom  # the cover, the guide, the tracker: no week


@pytest.mark.slow
def test_a_long_name_gives_way_in_the_footer_but_the_week_does_not(run, tmp_path):
    answers = yaml.safe_load((EXAMPLES / "beginner-12-weeks.yaml").read_text(encoding="utf-8"))
    answers["name"] = "Maximiliana Wilhelmina Bartholomew-Featherstonehaugh von Ichtershausen"
    source = tmp_path / "long.yaml"
    source.write_text(yaml.safe_dump(answers), encoding="utf-8")
    status, _, err = run("build", source, "-o", tmp_path / "long.pdf")
    assert status == 0, err
    reader = PdfReader(tmp_path / "long.pdf")
    week = outline_pages(reader)["Week 12"]
    bottom = footer(reader.pages[week].extract_text())
    assert "Back plan for Maximiliana" in bottom and "… · Week 12" in bottom, bottom


# --- long plans print in blocks ---------------------------------------------------------------


def test_a_long_plans_cover_lists_the_pages_of_each_four_week_block(booklets):
    reader = PdfReader(booklets["classic"])
    cover = " ".join(reader.pages[0].extract_text().split())
    outline = outline_pages(reader)
    first_week = outline["Week 1"] + 1
    assert f"Before week 1 (cover, safety, guide): pages 1–{first_week - 1}" in cover
    for first, last in ((1, 4), (5, 8), (9, 12)):
        pages = f"{outline[f'Week {first}'] + 1}–{outline[f'Week {last}'] + 1}"
        assert f"Weeks {first}–{last}: pages {pages}" in cover, cover
    # whoever prints block by block also prints the tracker they are asked to fill in
    after = f"{outline['Week 12'] + 2}–{len(reader.pages)}"
    assert f"Tracker to the end: pages {after}" in cover, cover


@pytest.mark.slow
def test_a_short_plans_cover_lists_no_blocks(run, tmp_path):
    source = tmp_path / "short.yaml"
    source.write_text("level: beginner\nage: 40\nweeks: 8\n", encoding="utf-8")
    assert run("build", source, "-o", tmp_path / "short.pdf")[0] == 0
    assert "Weeks 1–4: pages" not in PdfReader(tmp_path / "short.pdf").pages[0].extract_text()


@pytest.fixture(scope="module")
def weeks_5_to_8(tmp_path_factory) -> Path:
    from planbuilder.cli import main

    output = tmp_path_factory.mktemp("part") / "weeks-5-8.pdf"
    answers = EXAMPLES / "beginner-12-weeks.yaml"
    assert main(["build", str(answers), "--weeks", "5-8", "-o", str(output)]) == 0
    return output


def test_build_weeks_writes_just_those_weeks_with_a_short_cover(weeks_5_to_8):
    reader = PdfReader(weeks_5_to_8)
    outline = outline_pages(reader)
    assert [t for t in outline if t.startswith("Week ")] == [f"Week {n}" for n in range(5, 9)]
    assert {"Cover", "Safety and pain", "Progress tracker"} <= set(outline)
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Weeks 5 to 8 of 12" in cover and "Sam Carter" in cover
    assert "How to use this booklet" not in cover  # short: the first booklet has it
    tracker = " ".join(reader.pages[outline["Progress tracker"]].extract_text().split())
    assert "5 1 Feb" in tracker and "25 Jan" not in tracker
    names = set(reader.get_fields())
    assert any(n.startswith("w05-") for n in names) and not any(n.startswith("w04-") for n in names)
    bottom = footer(reader.pages[outline["Week 5"]].extract_text())
    assert "· Week 5" in bottom and re.search(rf"of\s*{len(reader.pages)}$", bottom), bottom


@pytest.mark.slow
def test_progress_reads_the_weeks_of_a_part_as_the_weeks_they_are(run, tmp_path, weeks_5_to_8):

    filled = tmp_path / "filled.pdf"
    fill(weeks_5_to_8, {"w06-mon-B-done": "Yes", "w06-mon-B-pain_after": "3"}, filled)
    status, out, err = run("progress", filled, "--json")
    assert status == 0, err
    report = json.loads(out)
    assert [w["number"] for w in report["weeks"]] == [5, 6, 7, 8]
    week_6 = report["weeks"][1]
    assert week_6["sessions_done"] == 1 and week_6["pain_after"] == [3]


@pytest.mark.parametrize("weeks", ["0-3", "9-2", "5-13", "13", "abc", "5-", "-3", ""])
def test_bad_week_ranges_are_refused_naming_what_is_allowed(run, tmp_path, weeks):
    output = tmp_path / "part.pdf"
    status, _, err = run(
        "build", EXAMPLES / "beginner-12-weeks.yaml", "--weeks", weeks, "-o", output
    )
    assert status == 2 and "Traceback" not in err
    assert "--weeks" in err and "1 ≤ FIRST ≤ LAST ≤ 12" in err, err
    assert not output.exists()


def test_next_refuses_a_part_that_is_not_the_plans_end_and_says_which_to_give(
    run, tmp_path, weeks_5_to_8
):
    status, _, err = run("next", "--no-new-signs", weeks_5_to_8, "-o", tmp_path / "next.pdf")
    assert status == 2 and "weeks 5 to 8 of a 12-week plan" in err and "--weeks 9-12" in err


def test_a_page_with_two_weeks_names_both_in_its_footer(run, tmp_path):
    answers = yaml.safe_load((EXAMPLES / "beginner-12-weeks.yaml").read_text(encoding="utf-8"))
    answers.update(layout="compact", minutes=10, walking=False)  # short weeks: two a page
    source = tmp_path / "compact.yaml"
    source.write_text(yaml.safe_dump(answers), encoding="utf-8")
    assert run("build", source, "-o", tmp_path / "compact.pdf")[0] == 0
    reader = PdfReader(tmp_path / "compact.pdf")
    outline = outline_pages(reader)
    assert outline["Week 1"] == outline["Week 2"]
    assert "· Weeks 1–2" in footer(reader.pages[outline["Week 1"]].extract_text())


@pytest.mark.parametrize("layout", available_layouts())
def test_the_tracker_calendars_headings_never_run_into_each_other(booklets, layout):
    """'Week' ended inside the Mon column in large print, printing as 'WeekMon'."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from planbuilder.render.fonts import BOLD, register_fonts

    register_fonts()
    reader = PdfReader(booklets[layout])
    tracker = outline_pages(reader)["Progress tracker"]
    words: list[tuple[str, float, float, float]] = []  # word, x, y, size

    def visit(text, cm, tm, font, size):  # noqa: ANN001 (pypdf's visitor)
        if text.strip() in ("Week", "Mon"):
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            words.append((text.strip(), x, round(y), size * tm[0] * cm[0]))

    headings = []
    for page in range(tracker, len(reader.pages)):
        words.clear()
        reader.pages[page].extract_text(visitor_text=visit)
        for word, x, y, size in words:
            beside = [m for w, m, v, _ in words if w == "Mon" and v == y and m > x]
            if word == "Week" and beside:
                headings.append((x + stringWidth("Week", BOLD, size), min(beside)))
    assert headings, "no calendar heading found"
    for week_ends, mon_starts in headings:
        assert week_ends < mon_starts, (week_ends, mon_starts)
