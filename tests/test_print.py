"""Printed on a black-and-white home printer: black ink for everything black or grey, colour
only where it means something (and then a shape and a word too), and a footer that puts a
loose page back in its place."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
import yaml
from pypdf import PdfReader

from planbuilder.errors import ContentError
from planbuilder.layout import COLOUR_KEYS, available_layouts, load_layout

from conftest import EXAMPLES, outline_pages

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
def booklets(tmp_path_factory) -> dict[str, Path]:
    """The 12-week beginner plan in every layout."""
    from planbuilder.cli import main

    folder = tmp_path_factory.mktemp("print")
    answers = yaml.safe_load((EXAMPLES / "beginner-12-weeks.yaml").read_text(encoding="utf-8"))
    built = {}
    for layout in available_layouts():
        source = folder / f"{layout}.yaml"
        source.write_text(yaml.safe_dump({**answers, "layout": layout}), encoding="utf-8")
        built[layout] = folder / f"{layout}.pdf"
        assert main(["build", str(source), "-o", str(built[layout])]) == 0
    return built


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


def test_the_traffic_light_names_each_state_in_words(booklets):
    reader = PdfReader(booklets["classic"])
    safety = " ".join(reader.pages[outline_pages(reader)["Safety and pain"]].extract_text().split())
    positions = [safety.index(word) for word in ("GO (green", "EASE OFF (amber", "STOP (red")]
    assert positions == sorted(positions)


# --- the footer -------------------------------------------------------------------------------


def footer(text: str) -> str:
    """The last lines of a page's text: the footer (its page total is drawn on its own)."""
    return " ".join(text.strip().splitlines()[-3:])


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
        elif index < min(week_of_page) or index > max(week_of_page) + 1:
            assert not weeks, bottom  # the cover, the guide, the tracker: no week


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
