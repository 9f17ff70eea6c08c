"""Ticks that survive every reader: filled by other programs, drawn by poppler (Evince,
pdftoppm), MuPDF and pdfium (Chrome), and flattened by qpdf, a tick shows where it was made,
and nowhere else. The tick is found as ink inside the box of a render."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from planbuilder.acroform import RADIO, FieldBox, add_fields_and_attachments
from planbuilder.readback import open_filled

DPI = 100


def ticked_and_empty(plan) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The boxes a person ticks in week 1's first session (it is done, and its first two sets),
    and three set boxes of the same session left empty beside them."""
    session = plan.weeks[0].days[0].strength()[0]
    sets = [
        f"w01-mon-A-{item.exercise}-set{number}"
        for item in session.items
        for number in range(1, item.sets + 1)
    ]
    return ("w01-mon-A-done", *sets[:2]), tuple(sets[2:5])


needs = {
    tool: pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} not installed")
    for tool in ("pdftk", "mutool", "pdftoppm", "qpdf")
}


def widget_boxes(path: Path) -> dict[str, tuple[int, tuple[float, ...]]]:
    """Every field's widgets: name (a radio button: name=value) → (page index, rectangle)."""
    boxes: dict[str, tuple[int, tuple[float, ...]]] = {}
    for index, page in enumerate(PdfReader(path).pages):
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue
            rect = tuple(float(v) for v in widget["/Rect"])
            if "/T" in widget:
                boxes[str(widget["/T"])] = (index, rect)
            else:  # a radio button: named by its group and its on state
                on = next(k for k in widget["/AP"]["/N"] if k != "/Off")
                boxes[f"{widget['/Parent']['/T']}={on[1:]}"] = (index, rect)
    return boxes


def render(path: Path, page: int, engine: str, folder: Path) -> np.ndarray:
    """One page in grey at DPI, drawn by poppler (pdftoppm) or MuPDF (mutool draw)."""
    target = folder / f"{path.stem}-{engine}-{page}.png"
    if engine == "poppler":
        command = ["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page + 1), "-l", str(page + 1)]
        subprocess.run([*command, "-singlefile", "-png", path, target.with_suffix("")], check=True)
    else:
        command = ["mutool", "draw", "-q", "-r", str(DPI), "-c", "gray", "-o", target]
        subprocess.run([*command, path, str(page + 1)], check=True, capture_output=True)
    return np.asarray(Image.open(target).convert("L"))


def ink(
    image: np.ndarray, rect: tuple[float, ...], page_height: float, margin: float = 0.25
) -> float:
    """The share of dark pixels in a box without `margin` of its width on each side; by
    default its middle half: 0 for an empty box (its printed outline lies outside the middle),
    about a half for a ticked one."""
    x0, y0, x1, y1 = rect
    margin = (x1 - x0) * margin
    scale = DPI / 72
    top, bottom = int((page_height - y1 + margin) * scale), int((page_height - y0 - margin) * scale)
    left, right = int((x0 + margin) * scale), int((x1 - margin) * scale)
    return float((image[top:bottom, left:right] < 128).mean())


def assert_ticks_show(
    path: Path, ticked: tuple[str, ...], empty: tuple[str, ...], engine: str, folder: Path
) -> None:
    boxes = widget_boxes(path)
    height = float(PdfReader(path).pages[0].mediabox.height)
    pages = {boxes[name][0] for name in ticked + empty}
    images = {page: render(path, page, engine, folder) for page in pages}
    for name in ticked:
        page, rect = boxes[name]
        assert ink(images[page], rect, height) > 0.15, (engine, name, "tick missing")
    for name in empty:
        page, rect = boxes[name]
        assert ink(images[page], rect, height) < 0.02, (engine, name, "tick where none was made")


def fill_with_pikepdf(source: Path, values: dict[str, str], target: Path) -> None:
    """What a reader saves when a box is clicked: the value and the widget's state, nothing
    more; it draws no appearance of its own."""
    import pikepdf

    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            for widget in page.obj.get("/Annots", []):
                name = str(widget.get("/T", ""))
                if name in values:
                    widget.V = widget.AS = pikepdf.Name("/" + values[name])
                parent = widget.get("/Parent")
                if parent is not None and str(parent.T) in values:
                    chosen = pikepdf.Name("/" + values[str(parent.T)])
                    parent.V = chosen
                    widget.AS = chosen if chosen in widget.AP.N else pikepdf.Name.Off
        pdf.save(target)


def fill_with_pdftk(source: Path, values: dict[str, str], target: Path) -> None:
    fields = "".join(
        f'<field name="{escape(k)}"><value>{escape(v)}</value></field>' for k, v in values.items()
    )
    xfdf = target.with_suffix(".xfdf")
    xfdf.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><xfdf xmlns="http://ns.adobe.com/xfdf/">'
        f"<fields>{fields}</fields></xfdf>",
        encoding="utf-8",
    )
    command = ["pdftk", str(source), "fill_form", str(xfdf), "output", str(target)]
    subprocess.run(command, check=True, capture_output=True)


FILLERS = {
    "pikepdf": pytest.param(fill_with_pikepdf, id="pikepdf"),
    "pdftk": pytest.param(fill_with_pdftk, id="pdftk", marks=needs["pdftk"]),
}
ENGINES = [
    pytest.param("poppler", marks=needs["pdftoppm"]),
    pytest.param("mupdf", marks=needs["mutool"]),
]


# --- the form itself --------------------------------------------------------------------------


def test_every_widget_has_its_own_on_and_off_look_and_shows_its_state(built):
    """Each box has its own appearance dictionary (on: a drawn cross, off: nothing drawn) and
    its own /AS: a reader ticks a box by changing its /AS. The drawings may be shared by
    boxes of one size, as readers never rewrite a button's drawing."""
    import pikepdf

    path, _ = built
    with pikepdf.open(path) as pdf:
        assert pdf.Root.AcroForm.NeedAppearances is False
        count = 0
        for page in pdf.pages:
            for widget in page.obj.get("/Annots", []):
                if widget.get("/Subtype") != "/Widget" or widget.get("/FT") != "/Btn":
                    continue
                assert not widget.AP.is_indirect and not widget.AP.N.is_indirect, widget.T
                looks = widget.AP.N
                assert set(looks.keys()) == {"/Yes", "/Off"}, widget.T
                assert widget.AS == "/Off" and widget.V == "/Off"
                assert b" l S" in looks.Yes.read_bytes(), "no cross drawn for on"
                assert looks.Off.read_bytes() == b"q Q", "something drawn for off"
                count += 1
        assert count > 300


# --- filled by other programs, drawn by every engine -----------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("filler", FILLERS.values())
def test_ticks_filled_outside_planbuilder_show_in_poppler_and_mupdf(
    built, tmp_path, filler, engine
):
    path, plan = built
    ticked, empty = ticked_and_empty(plan)
    filled = tmp_path / "filled.pdf"
    filler(path, dict.fromkeys(ticked, "Yes"), filled)
    assert_ticks_show(filled, ticked, empty, engine, tmp_path)


@needs["qpdf"]
@needs["pdftoppm"]
def test_a_flattened_copy_prints_its_ticks(built, tmp_path):
    """Flattening (what 'print to PDF' and many services do) keeps each box's look."""
    path, plan = built
    ticked, empty = ticked_and_empty(plan)
    filled, flat = tmp_path / "filled.pdf", tmp_path / "flat.pdf"
    fill_with_pikepdf(path, dict.fromkeys(ticked, "Yes"), filled)
    boxes = widget_boxes(filled)
    subprocess.run(["qpdf", "--flatten-annotations=all", filled, flat], check=True)
    assert not widget_boxes(flat)  # the fields are gone: only the drawing is left
    image = render(flat, boxes[ticked[0]][0], "poppler", tmp_path)
    height = float(PdfReader(flat).pages[0].mediabox.height)
    assert all(ink(image, boxes[name][1], height) > 0.15 for name in ticked)
    assert all(ink(image, boxes[name][1], height) < 0.02 for name in empty)


# --- clicked in a reader, box after box -------------------------------------------------------


def test_pdfium_keeps_every_earlier_tick_and_progress_reads_the_saved_file(run, built, tmp_path):
    """pdfium (Chrome's and many apps' PDF engine) driven by mouse clicks, as a person does:
    each new tick leaves the earlier ones drawn."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    path, plan = built
    ticked, empty = ticked_and_empty(plan)
    boxes = widget_boxes(path)
    document = pdfium.PdfDocument(str(path))
    document.init_forms()
    page_index = boxes[ticked[0]][0]
    page = document[page_index]
    height = page.get_height()

    def click(name: str) -> None:
        x0, y0, x1, y1 = boxes[name][1]
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        pdfium_c.FORM_OnMouseMove(document.formenv, page.raw, 0, x, y)
        pdfium_c.FORM_OnLButtonDown(document.formenv, page.raw, 0, x, y)
        pdfium_c.FORM_OnLButtonUp(document.formenv, page.raw, 0, x, y)

    for done, name in enumerate(ticked, start=1):
        click(name)
        image = page.render(scale=DPI / 72, grayscale=True, may_draw_forms=True).to_numpy()
        for earlier in ticked[:done]:
            assert ink(image, boxes[earlier][1], height) > 0.15, (name, earlier)
    saved = tmp_path / "pdfium.pdf"  # pain circles: the radio tests below, test_week_page.py
    document.save(saved)
    report = json.loads(run("progress", saved, "--json")[1])
    assert report["weeks"][0]["sessions_done"] == 1 and report["weeks"][0]["sets_done"] == 2


EVINCE_CLICKS = """
import json, sys, cairo, gi
gi.require_version("Poppler", "0.18")
from gi.repository import Poppler

source, saved, dpi, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
document = Poppler.Document.new_from_file("file://" + source, None)
fields = {}
for index in range(document.get_n_pages()):
    page = document.get_page(index)
    for mapping in page.get_form_field_mapping():
        if mapping.field.get_name() in names:
            fields[mapping.field.get_name()] = (page, mapping.field, mapping.area)

def ink(page, area):
    # the page as Evince draws it on screen; dark pixels in the middle half of the box
    scale = dpi / 72
    width, height = page.get_size()
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, int(width * scale), int(height * scale))
    context = cairo.Context(surface)
    context.set_source_rgb(1, 1, 1)
    context.paint()
    context.scale(scale, scale)
    page.render(context)
    surface.flush()
    data, stride = bytes(surface.get_data()), surface.get_stride()
    margin = (area.x2 - area.x1) * 0.25
    rows = range(int((height - area.y2 + margin) * scale), int((height - area.y1 - margin) * scale))
    columns = range(int((area.x1 + margin) * scale), int((area.x2 - margin) * scale))
    pixels = [data[row * stride + column * 4 + 1] for row in rows for column in columns]
    return sum(pixel < 128 for pixel in pixels) / len(pixels)

shown = []
for name in names:
    page, field, _ = fields[name]
    field.button_set_state(True)
    shown.append([ink(fields[n][0], fields[n][2]) for n in names])
document.save("file://" + saved)
print(json.dumps(shown))
"""


def _poppler_glib() -> bool:
    probe = (
        "import cairo, gi; gi.require_version('Poppler', '0.18'); from gi.repository import Poppler"
    )
    system = Path("/usr/bin/python3")
    return (
        system.exists()
        and subprocess.run([system, "-c", probe], capture_output=True).returncode == 0
    )


@pytest.mark.slow
@pytest.mark.skipif(
    not _poppler_glib(), reason="Evince's poppler-glib (gir1.2-poppler, python3-gi-cairo) missing"
)
@pytest.mark.parametrize("engine", ENGINES)
def test_evince_keeps_every_earlier_tick_and_its_saved_file_shows_them_all(
    run, built, tmp_path, engine
):
    """Evince's own library (poppler-glib) ticks the boxes one after another, drawing the
    page after each click as Evince does on screen; then saves. Earlier ticks stay drawn,
    and the saved file shows them in every engine and reads back."""
    path, plan = built
    ticked, empty = ticked_and_empty(plan)
    script, saved = tmp_path / "evince.py", tmp_path / "evince.pdf"
    script.write_text(EVINCE_CLICKS, encoding="utf-8")
    command = ["/usr/bin/python3", script, path.resolve(), saved.resolve(), str(DPI), *ticked]
    shown = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    for clicks, inks in enumerate(shown, start=1):
        assert all(share > 0.15 for share in inks[:clicks]), (clicks, inks)
    assert_ticks_show(saved, ticked, empty, engine, tmp_path)
    report = json.loads(run("progress", saved, "--json")[1])
    assert report["weeks"][0]["sets_done"] == 2


# --- radio groups: a pain score chosen from circles 0-10 --------------------------------------


@pytest.fixture(scope="module")
def circles(tmp_path_factory) -> Path:
    """A page of eleven printed circles, 0 to 10, with a radio group laid over them the way
    a week page lays one over its pain circles."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path_factory.mktemp("radio") / "circles.pdf"
    canvas = Canvas(str(path), pagesize=(400, 200))
    size, boxes = 16.0, []
    for score in range(11):
        x, y = 20 + score * 30, 100
        canvas.circle(x + size / 2, y + size / 2, size / 2, stroke=1, fill=0)
        boxes.append(
            FieldBox("w01-mon-A-pain_after", RADIO, 1, (x, y, x + size, y + size), str(score))
        )
    canvas.save()
    add_fields_and_attachments(path, boxes, "name: test\n", '{"format": 1}', with_fields=True)
    return path


def test_a_radio_group_has_one_look_on_and_off_per_circle(circles):
    import pikepdf

    with pikepdf.open(circles) as pdf:
        (group,) = pdf.Root.AcroForm.Fields
        assert group.Ff & (1 << 15) and group.V == "/Off" and len(group.Kids) == 11
        for score, kid in enumerate(group.Kids):
            assert set(kid.AP.N.keys()) == {f"/{score}", "/Off"} and kid.AS == "/Off"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("filler", FILLERS.values())
def test_a_chosen_circle_shows_in_every_engine_and_reads_as_its_score(
    circles, tmp_path, filler, engine
):
    """The chosen circle gets a bold ring (its number still shows in the middle); the
    others keep their thin printed outline."""
    from planbuilder.readback import _pain

    filled = tmp_path / "chosen.pdf"
    filler(circles, {"w01-mon-A-pain_after": "3"}, filled)
    boxes = widget_boxes(filled)
    image = render(filled, 0, engine, tmp_path)
    inks = {
        score: ink(image, boxes[f"w01-mon-A-pain_after={score}"][1], 200, margin=0.05)
        for score in range(11)
    }
    chosen = inks.pop(3)
    assert chosen > max(inks.values()) + 0.15, (chosen, inks)
    assert _pain(open_filled(filled).values["w01-mon-A-pain_after"]) == 3


def test_the_notes_area_of_every_week_is_a_multi_line_field(built):
    path, plan = built
    fields = PdfReader(path).get_fields()
    for week in plan.weeks:
        notes = fields[f"w{week.number:02d}-notes"]
        assert notes["/FT"] == "/Tx" and int(notes["/Ff"]) & (1 << 12)  # multi-line
