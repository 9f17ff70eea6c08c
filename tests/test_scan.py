"""`planbuilder scan`: ticks made with a pen on printed pages come back from photos and scans.

The pictures are synthetic (tests/synthetic.py): real pages of real plans, ticked with
pen-like strokes at the boxes' places, photographed or scanned in simulation. Seeds are
fixed, so a failure is repeatable; bench/scan_bench.py runs larger sweeps.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import pytest

cv2 = pytest.importorskip("cv2", reason="the scan extra is not installed")
np = pytest.importorskip("numpy")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from planbuilder import cli  # noqa: E402
from planbuilder.errors import InputError  # noqa: E402
from planbuilder.next_block import decide  # noqa: E402
from planbuilder.pipeline import library, read_progress  # noqa: E402
from planbuilder.readback import open_filled  # noqa: E402
from planbuilder.scan import require_scan_extra  # noqa: E402
from planbuilder.scan.boxes import State  # noqa: E402
from planbuilder.scan.images import Picture  # noqa: E402
from planbuilder.scan.job import PlanPages, plan_pages, read_picture, write_filled_copy  # noqa: E402
from planbuilder.scan.locate import Located, locate  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import box_pixels, photograph, render_page, scan, tick_page  # noqa: E402

EXAMPLES = Path(__file__).parent.parent / "examples"
AFTER_THE_PLAN = dt.date(2027, 6, 1)


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory, shared_build) -> Path:
    """The advanced example, copied from the run's shared build: scans write beside it."""
    folder = tmp_path_factory.mktemp("scan")
    return Path(shutil.copy(shared_build(EXAMPLES / "advanced-12-weeks.yaml"), folder))


@pytest.fixture(scope="module")
def pages(plan_pdf: Path) -> PlanPages:
    filled = open_filled(plan_pdf)
    assert filled.record is not None
    return plan_pages(plan_pdf, str(filled.record["plan_id"]))


def _checkboxes(pages: PlanPages, page: int) -> int:
    return sum(box.kind == "checkbox" for box in pages.boxes[page])


def _tally(
    pages: PlanPages, grey: np.ndarray, truth: dict[str, bool], counts: dict[str, int]
) -> None:
    result = read_picture(Picture("synthetic", grey), pages)
    counts["pictures"] += 1
    if result.problem is not None:  # a safe failure: the person is asked to retake it
        counts["not_found"] += 1
        return
    for reading in result.readings:
        if reading.kind != "checkbox":
            continue
        counts["boxes"] += 1
        if reading.state is State.UNSURE:
            counts["unsure"] += 1
        elif (reading.state is State.TICKED) != truth[reading.name]:
            counts["wrong"] += 1
            counts["false_ticks"] += reading.state is State.TICKED


def _new_counts() -> dict[str, int]:
    return {"pictures": 0, "not_found": 0, "boxes": 0, "wrong": 0, "unsure": 0, "false_ticks": 0}


@pytest.mark.slow
def test_every_page_with_tick_boxes_shows_its_plan_and_page_to_a_camera(
    plan_pdf: Path, pages: PlanPages
) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(plan_pdf))
    for number in range(1, len(document) + 1):
        grey = document[number - 1].render(scale=200 / 72, grayscale=True).to_numpy()
        found = locate(np.ascontiguousarray(grey), [pages.sizes[number]])
        if number in pages.boxes:
            assert isinstance(found, Located), f"page {number}: {found}"
            assert (found.plan_id, found.page) == (pages.plan_id, number)
        else:
            assert not isinstance(found, Located), f"page {number} has no boxes but marks"


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])  # bench/scan_bench.py sweeps hundreds
def test_phone_photos_read_at_least_99_percent_of_boxes_right(
    plan_pdf: Path, pages: PlanPages, seed: int
) -> None:
    """Turned up to 20 degrees, in perspective, lit unevenly, blurred, noisy, JPEG 60."""
    rng = np.random.default_rng(seed)
    counts = _new_counts()
    week_pages = sorted(pages.boxes)
    for page in (week_pages[0], week_pages[3], week_pages[-1]):
        rendered = render_page(plan_pdf, page, 150)
        for _ in range(6):
            ticked, truth = tick_page(
                rendered, pages.boxes[page], 150, pages.sizes[page][1], rng, rng.uniform(0.2, 0.9)
            )
            _tally(pages, photograph(ticked, rng), truth, counts)
    right = counts["boxes"] - counts["wrong"] - counts["unsure"]
    assert right / counts["boxes"] >= 0.99, counts
    assert counts["not_found"] <= counts["pictures"] * 0.1, counts


@pytest.mark.slow
@pytest.mark.parametrize("dpi", [150, 300])
def test_scans_read_right_whichever_way_up(plan_pdf: Path, pages: PlanPages, dpi: int) -> None:
    rng = np.random.default_rng(dpi)
    counts = _new_counts()
    week_pages = sorted(pages.boxes)
    for index, page in enumerate((week_pages[1], week_pages[4], week_pages[-1])):
        rendered = render_page(plan_pdf, page, dpi)
        for upside_down in (False, True):
            ticked, truth = tick_page(
                rendered, pages.boxes[page], dpi, pages.sizes[page][1], rng, 0.3 + 0.2 * index
            )
            _tally(pages, scan(ticked, rng, upside_down), truth, counts)
    assert counts["wrong"] + counts["unsure"] <= counts["boxes"] * 0.01, counts


@pytest.mark.slow
def test_unticked_pages_are_almost_never_read_as_ticked(plan_pdf: Path, pages: PlanPages) -> None:
    """Stray pen marks and shadows, no ticks: at most one box in 1,000 read as ticked."""
    rng = np.random.default_rng(1000)
    counts = _new_counts()
    for page in sorted(pages.boxes)[::2]:
        rendered = render_page(plan_pdf, page, 150)
        for _ in range(3):
            blank, truth = tick_page(
                rendered, pages.boxes[page], 150, pages.sizes[page][1], rng, 0.0, strays=6
            )
            _tally(pages, photograph(blank, rng), truth, counts)
    assert counts["boxes"] >= 1000
    assert counts["false_ticks"] <= counts["boxes"] / 1000, counts


COMPACT_WEEKS = {
    "level": "intermediate",
    "weeks": 2,
    "sessions_per_week": 3,
    "minutes": 25,
    "equipment": ["band", "cushion"],
    "layout": "compact",
    "paper": "letter",
    "age": 45,
    "start": "2027-01-04",
}


@pytest.mark.slow
def test_a_compact_page_of_two_weeks_reads_right(shared_build, tmp_path: Path) -> None:
    """Two weeks a page, their sessions' grids side by side with narrow day columns: the set
    boxes still read right from phone photos and scans."""
    plan = Path(shutil.copy(shared_build(COMPACT_WEEKS), tmp_path))
    pages = plan_pages(plan, str(open_filled(plan).record["plan_id"]))
    page = next(p for p in sorted(pages.boxes) if any("w02-" in b.name for b in pages.boxes[p]))
    assert any("w01-" in box.name for box in pages.boxes[page]), "the two weeks share a page"
    rng = np.random.default_rng(14)
    counts = _new_counts()
    for dpi, photo in ((150, True), (300, False)):
        rendered = render_page(plan, page, dpi)
        for _ in range(2):
            share = rng.uniform(0.2, 0.9)
            ticked, truth = tick_page(
                rendered, pages.boxes[page], dpi, pages.sizes[page][1], rng, share
            )
            picture = photograph(ticked, rng) if photo else scan(ticked, rng, False)
            _tally(pages, picture, truth, counts)
    assert counts["not_found"] == 0, counts
    assert counts["wrong"] + counts["unsure"] <= counts["boxes"] * 0.01, counts


def _photo_file(
    plan: Path, pages: PlanPages, page: int, folder: Path, seed: int, share: float = 0.5
) -> tuple[Path, dict[str, bool]]:
    rng = np.random.default_rng(seed)
    rendered = render_page(plan, page, 150)
    ticked, truth = tick_page(rendered, pages.boxes[page], 150, pages.sizes[page][1], rng, share)
    path = folder / f"page{page}-{seed}.jpg"
    cv2.imwrite(str(path), photograph(ticked, rng), [cv2.IMWRITE_JPEG_QUALITY, 60])
    return path, truth


@pytest.mark.slow
def test_scan_writes_a_filled_copy_that_progress_reads(
    plan_pdf: Path, pages: PlanPages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = sorted(pages.boxes)[0]
    photo, truth = _photo_file(plan_pdf, pages, page, tmp_path, seed=7)
    out = tmp_path / "filled.pdf"
    assert cli.main(["scan", str(plan_pdf), str(photo), "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pictures"][0]["page"] == page
    assert report["pictures"][0]["ticked"] == sum(truth.values())
    values = open_filled(out).values
    for name, ticked in truth.items():
        assert (str(values[name]) == "/Yes") == ticked, name
    progress = read_progress(out, AFTER_THE_PLAN)
    assert progress.weeks[0].sets_done > 0


@pytest.mark.slow
def test_a_scanned_pdf_is_read_page_by_page(
    plan_pdf: Path, pages: PlanPages, tmp_path: Path
) -> None:
    from PIL import Image

    rng = np.random.default_rng(11)
    images, truth = [], {}
    for page in sorted(pages.boxes)[:2]:
        rendered = render_page(plan_pdf, page, 150)
        ticked, page_truth = tick_page(
            rendered, pages.boxes[page], 150, pages.sizes[page][1], rng, 0.5
        )
        images.append(Image.fromarray(scan(ticked, rng, upside_down=page % 2 == 0)))
        truth |= page_truth
    scanned = tmp_path / "scanner.pdf"
    images[0].save(scanned, save_all=True, append_images=images[1:], resolution=150)
    out = tmp_path / "filled.pdf"
    assert cli.main(["scan", str(plan_pdf), str(scanned), "-o", str(out)]) == 0
    values = open_filled(out).values
    assert all((str(values[n]) == "/Yes") == t for n, t in truth.items())


@pytest.mark.slow
def test_a_page_of_another_plan_is_refused_and_nothing_written(
    plan_pdf: Path,
    pages: PlanPages,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    shared_build,
) -> None:
    other = shared_build(EXAMPLES / "beginner-12-weeks.yaml")
    other_pages = plan_pages(other, open_filled(other).record["plan_id"])  # type: ignore[index]
    theirs, _ = _photo_file(other, other_pages, sorted(other_pages.boxes)[0], tmp_path, 3)
    ours, _ = _photo_file(plan_pdf, pages, sorted(pages.boxes)[0], tmp_path, 4)
    out = tmp_path / "filled.pdf"
    assert cli.main(["scan", str(plan_pdf), str(ours), str(theirs), "-o", str(out)]) == 2
    assert "another plan" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
def test_pictures_without_a_page_of_the_plan_write_nothing(
    plan_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blank = tmp_path / "wall.png"
    cv2.imwrite(str(blank), np.full((800, 600), 200, np.uint8))
    out = tmp_path / "filled.pdf"
    assert cli.main(["scan", str(plan_pdf), str(blank), "-o", str(out)]) == 2
    assert "corner squares" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
def test_paper_wins_over_screen_and_says_so(
    plan_pdf: Path, pages: PlanPages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = sorted(pages.boxes)[0]
    photo, truth = _photo_file(plan_pdf, pages, page, tmp_path, seed=9)
    empty_on_paper = next(name for name, ticked in truth.items() if not ticked)
    elsewhere = next(b.name for b in pages.boxes[sorted(pages.boxes)[5]] if b.kind == "checkbox")
    on_screen = tmp_path / "on-screen.pdf"
    write_filled_copy(plan_pdf, {empty_on_paper: True, elsewhere: True}, on_screen)
    out = tmp_path / "filled.pdf"
    assert cli.main(["scan", str(on_screen), str(photo), "-o", str(out)]) == 0
    assert "the paper wins" in capsys.readouterr().out
    values = open_filled(out).values
    assert str(values[empty_on_paper]) == "/Off"
    assert str(values[elsewhere]) == "/Yes"  # a page not photographed keeps its screen ticks


def test_without_the_scan_extra_the_message_names_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "cv2", None)
    with pytest.raises(InputError, match=r"pip install 'planbuilder\[scan\]'"):
        require_scan_extra()


@pytest.mark.slow
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    shares=st.lists(st.sampled_from([0.0, 0.4, 0.7, 1.0]), min_size=2, max_size=2),
    rest=st.sampled_from([0.3, 0.6, 0.95]),
)
def test_scan_then_next_gives_the_block_the_same_ticks_on_screen_give(
    plan_pdf: Path,
    pages: PlanPages,
    tmp_path_factory: pytest.TempPathFactory,
    shares: list[float],
    rest: float,
) -> None:
    folder = tmp_path_factory.mktemp("property")
    rng = np.random.default_rng(int(rest * 100) + int(sum(shares) * 10))
    # the weeks not photographed were ticked on screen
    on_screen: dict[str, bool] = {
        b.name: bool(rng.random() < rest)
        for page in sorted(pages.boxes)[2:]
        for b in pages.boxes[page]
        if b.kind == "checkbox"
    }
    screen_pdf = folder / "screen.pdf"
    write_filled_copy(plan_pdf, on_screen, screen_pdf)
    photos, truth = [], dict(on_screen)
    for page, share in zip(sorted(pages.boxes)[:2], shares, strict=True):
        photo, page_truth = _photo_file(
            plan_pdf, pages, page, folder, int(rng.integers(1e6)), share
        )
        photos.append(str(photo))
        truth |= page_truth
    scanned = folder / "scanned.pdf"
    assert cli.main(["scan", str(screen_pdf), *photos, "-o", str(scanned)]) == 0
    all_on_screen = folder / "all-on-screen.pdf"
    write_filled_copy(plan_pdf, truth, all_on_screen)
    RULE = library().safety.pain_rule  # noqa: N806
    from_paper = decide(read_progress(scanned, AFTER_THE_PLAN), AFTER_THE_PLAN, RULE)
    from_screen = decide(read_progress(all_on_screen, AFTER_THE_PLAN), AFTER_THE_PLAN, RULE)
    assert from_paper.kind == from_screen.kind
    assert from_paper.profile == from_screen.profile


@pytest.mark.slow
def test_an_iphone_heic_photo_is_read(plan_pdf: Path, pages: PlanPages, tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    from PIL import Image

    rng = np.random.default_rng(5)
    page = sorted(pages.boxes)[2]
    rendered = render_page(plan_pdf, page, 150)
    ticked, truth = tick_page(rendered, pages.boxes[page], 150, pages.sizes[page][1], rng, 0.5)
    pillow_heif.register_heif_opener()
    photo = tmp_path / "IMG_0001.HEIC"
    # the format is what is tested here: a sharp picture, so the file alone can fail it
    Image.fromarray(scan(ticked, rng, upside_down=False)).save(photo, format="HEIF", quality=80)
    out = tmp_path / "filled.pdf"
    assert cli.main(["scan", str(plan_pdf), str(photo), "-o", str(out)]) == 0
    values = open_filled(out).values
    assert all((str(values[n]) == "/Yes") == t for n, t in truth.items())


def test_unsure_boxes_keep_what_the_screen_had_and_are_listed_in_words() -> None:
    from planbuilder.scan.boxes import Reading
    from planbuilder.scan.job import PageResult, describe, merge

    name = "w03-mon-A-bird_dog-set2"
    readings = [
        Reading(name, "checkbox", State.UNSURE, 0.04),
        Reading("w03-mon-A-done", "checkbox", State.TICKED, 0.3),
        Reading("w03-mon-A-pain_after", "text", State.TICKED, 0.2),
    ]
    merged = merge([PageResult("photo.jpg", 20, readings)], {name: "/Yes"})
    assert merged.unsure == [name] and merged.values[name] is True
    assert merged.values["w03-mon-A-done"] is True
    assert merged.written_in == ["w03-mon-A-pain_after"]
    words = describe(name, lambda ex: {"bird_dog": "Bird dog"}[ex])
    assert words == "week 3, Mon session A, Bird dog, set 2"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("notes.txt", b"ticks", "not an image planbuilder reads"),
        ("photo.jpg", b"\xff\xd8 not really", "not a readable image"),
        ("scan.pdf", b"%PDF-1.4 broken", "not a readable PDF"),
    ],
)
def test_a_file_that_is_not_a_picture_is_named_and_nothing_written(
    plan_pdf: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    says: str,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "filled.pdf"
    assert cli.main(["scan", str(plan_pdf), str(bad), "-o", str(out)]) == 2
    error = capsys.readouterr().err
    assert name in error and says in error
    assert not out.exists()


@pytest.mark.slow
def test_a_ticked_pain_circle_is_read_as_the_pain_number(
    plan_pdf: Path, pages: PlanPages, tmp_path: Path
) -> None:
    """A cross in circle 4 of a session's "pain after" row comes back as pain 4."""
    page = sorted(pages.boxes)[0]
    group = next(b.name for b in pages.boxes[page] if b.kind == "radio")
    circle = next(b for b in pages.boxes[page] if b.name == group and b.value == "4")
    rendered = render_page(plan_pdf, page, 150).copy()  # the pen draws on a copy
    x0, y0, x1, y1 = (int(v) for v in box_pixels(circle, 150, pages.sizes[page][1]))
    cv2.line(rendered, (x0 + 2, y0 + 2), (x1 - 2, y1 - 2), (30, 30, 30), 2)
    cv2.line(rendered, (x1 - 2, y0 + 2), (x0 + 2, y1 - 2), (30, 30, 30), 2)
    photo = tmp_path / "pain.jpg"
    cv2.imwrite(str(photo), photograph(rendered, np.random.default_rng(4)))
    out = tmp_path / "filled.pdf"
    assert cli.main(["scan", str(plan_pdf), str(photo), "-o", str(out)]) == 0
    assert str(open_filled(out).values[group]) == "/4"
