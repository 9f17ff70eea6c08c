"""The exercise guide: one card per exercise of the plan, with its doses week by week."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from planbuilder.content import Exercise, Library
from planbuilder.content_schema import GuideWords
from planbuilder.plan import Plan, Prescription
from planbuilder.poses import Figure, figure_extent
from planbuilder.render.figures import card_scale, figure_drawing, label_line_count
from planbuilder.render.flowables import Anchor
from planbuilder.render.fonts import BOLD, REGULAR
from planbuilder.render.prose import boxed, bullets, card_key, escape, para
from planbuilder.render.styles import Look
from planbuilder.render.weekparts import stack_height
from planbuilder.vocab import DOWN_POSITIONS

FACTS_SHARE = 0.2  # of the card's width, for what it works and what it needs
# A long plan changes doses many times; past this many cells the card points to the weeks.
MAX_LADDER_CELLS = 16
LYING_HEIGHT = 25  # in the poses' units: a figure no higher than this lies on the floor
SLACK = 6.0  # pt: what a measured page of cards may be off by
CUSHION = "cushion"  # the equipment id of a cushion or mat: a card listing it says so already
PACKINGS = 30  # ways of packing the guide kept page by page (enough for the fullest plan's)
LOOK_AHEAD = 20  # cards a page may reach past the first card not yet placed


@dataclass(frozen=True)
class DoseRun:
    """Weeks in a row with the same dose: '2 × 10 s each side', and how it is done when that
    changes too ('medium (red)', 'lower in 3 s'): without it, 3 × 12 followed by 3 × 8 with a
    stronger band reads as a step back."""

    weeks: list[int]
    dose: str
    how: str = ""


def dose_by_week(plan: Plan, exercise_id: str, heavier: str = "") -> list[DoseRun]:
    """Runs of weeks with the same dose and the same band and tempo.

    Weeks without the exercise (it may be in every other week's session) do not break a run:
    the dose is the same whenever it comes. A lighter week is said to be lighter only where
    the dose is: warm-ups and stretches (and a faller's balance practice) stay as they were.
    `heavier`: the words for the week a lift's weight may go up (its repetitions start lower
    again), which then starts a cell of its own."""
    runs: list[DoseRun] = []
    before = ""  # the dose of the last ordinary week
    heavier_weeks = plan.heavier_by_week() if heavier else {}
    for week in plan.weeks:
        items = [
            item
            for session in week.strength_sessions()
            for item in session.items
            if item.exercise == exercise_id
        ]
        if not items:
            continue
        dose = " or ".join(sorted({item.dose_text for item in items}))
        if not week.deload:
            before = dose
        elif dose != before:
            dose += " (lighter)"
        how = " or ".join(sorted({_how(item) for item in items} - {""}))
        if exercise_id in heavier_weeks.get(week.number, ()):
            how = " · ".join(filter(None, (how, heavier)))
        last = runs[-1] if runs else None
        if last and (last.dose, last.how) == (dose, how):
            last.weeks.append(week.number)
        else:
            runs.append(DoseRun([week.number], dose, how))
    if len(runs) > MAX_LADDER_CELLS:
        rest = [w for run in runs[MAX_LADDER_CELLS - 1 :] for w in run.weeks]
        runs = [*runs[: MAX_LADDER_CELLS - 1], DoseRun(rest, "as on the week pages")]
    return runs


def _how(item: Prescription) -> str:
    """The band and the tempo, in the week pages' words ('medium (red)': colours differ
    between makers, so the strength comes first)."""
    return " · ".join(filter(None, (item.band, item.tempo)))


def dose_ladder(runs: list[DoseRun], look: Look, width: float) -> Table:
    """The doses as a grid of small cells, 'Weeks 1–2' over '2 × 10 s each side' (over
    'medium (red)' where the band or tempo is part of the dose). The cells are as wide as
    the widest weeks and dose; the band and tempo wrap within them."""
    s = look.styles
    widest = max(
        stringWidth(text, font, look.size("small"))
        for run in runs
        for text, font in ((_weeks_label(run.weeks), BOLD), (run.dose, REGULAR))
    )
    columns = max(1, min(len(runs), int(width // (widest + look.padding * 3))))
    most_rows = look.layout.guide.dose_rows
    if len(runs) > columns * most_rows:
        # a year of doses: the first ones here, the later ones on their week pages; at least
        # the first dose, even where a cell a card is all there is room for (large type)
        keep = max(1, columns * most_rows - 1)
        later = [w for run in runs[keep:] for w in run.weeks]
        runs = [*runs[:keep], DoseRun(later, "as on the week pages")]
    cells = [
        [para(_weeks_label(run.weeks), s["label"]), para(run.dose, s["small_ink"])]
        + ([para(run.how, s["small"])] if run.how else [])
        for run in runs
    ]
    while len(cells) % columns:
        cells.append([])
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    table = Table(rows, colWidths=[width / columns] * columns)
    table.setStyle(
        look.table_style(
            [
                ("GRID", (0, 0), (-1, -1), look.line / 2, look.colours["rule"]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), look.padding / 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.padding),
                ("LEFTPADDING", (0, 0), (-1, -1), look.padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), look.padding),
            ]
        )
    )
    return table


def _next_steps(exercise: Exercise, plan: Plan) -> list[tuple[str, int]]:
    """Where the plan moves on to a harder variant of this exercise, and from which week."""
    own_runs = dose_by_week(plan, exercise.id)
    if not own_runs:
        return []
    last_week = own_runs[-1].weeks[-1]
    steps = []
    for harder_id in exercise.harder:
        runs = dose_by_week(plan, harder_id)
        later = [w for run in runs for w in run.weeks if w > last_week]
        if later:
            steps.append((plan.exercises[harder_id].name, later[0]))
    return steps


def _last_week(exercise: Exercise, plan: Plan) -> int | None:
    """The week an exercise is last done in, when that is before the plan's end and no
    harder version follows it: it made way for another exercise's next step, or for a fresh
    exercise of a new block, and the card says so rather than letting it vanish."""
    runs = dose_by_week(plan, exercise.id)
    if not runs or not plan.weeks:
        return None
    last = runs[-1].weeks[-1]
    return last if last < plan.weeks[-1].number else None


def _weeks_label(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"Week {numbers[0]}"
    return f"Weeks {numbers[0]}–{numbers[-1]}"


def _equipment_text(exercise: Exercise, plan: Plan, library: Library) -> str:
    """What the exercise needs: its equipment (or what stands in for it), household things
    its steps use, and, on the floor or the knees, something soft under the person (said
    "Nothing" above a card of kneeling on a hard floor)."""
    owned = set(plan.profile.equipment)
    words = library.booklet.guide
    parts = []
    for item in exercise.equipment:
        name = library.equipment[item].name
        if item in owned:
            parts.append(name)
        else:
            parts.append(f"{exercise.substitutes[item]} (instead of a {name.lower()})")
    if exercise.equipment_one_of:
        mine = [library.equipment[e].name.lower() for e in exercise.equipment_one_of if e in owned]
        parts.append("A light weight: " + " or ".join(mine))
    if exercise.household:
        parts.append(exercise.household)
    if exercise.position in DOWN_POSITIONS and CUSHION not in exercise.equipment:
        parts.append(words.floor_under_you)
    text = "; ".join(parts) or words.nothing
    return text[0].upper() + text[1:]


def card_styles(look: Look) -> dict[str, ParagraphStyle]:
    """The card's own text sizes: the guide is read at arm's length while exercising, so its
    text is larger than the rest of the booklet's (the layout's `guide.text`)."""
    size = look.layout.guide.text
    leading = size * look.layout.guide.leading
    base = look.styles["body_tight"]
    return {
        "name": ParagraphStyle(
            "card_name",
            parent=look.styles["subheading"],
            fontSize=size * 1.2,
            leading=leading * 1.2,
            spaceBefore=0,
            spaceAfter=0,
        ),
        "text": ParagraphStyle("card_text", parent=base, fontSize=size, leading=leading),
        "facts": ParagraphStyle(
            "card_facts",
            parent=look.styles["small"],
            spaceBefore=size * 0.2,
            spaceAfter=size * 0.3,
        ),
        "label": ParagraphStyle(
            "card_label",
            parent=base,
            fontName=BOLD,
            fontSize=size,
            leading=leading,
            textColor=look.colours["accent"],
            spaceBefore=size * 0.25,
        ),
    }


def figure_scale(exercise: Exercise, look: Look) -> float:
    """One width for all of an exercise's figures, so its positions are drawn to one scale:
    as wide as the layout allows (lying figures need the width to be read), narrower when the
    tallest position would be taller than the layout's figure height."""
    width = look.figure
    if any(_lies(f) for f in exercise.figures):
        return width  # a lying body needs the width; its other positions follow its scale
    tallest = max((f.frame[3] - f.frame[1]) * card_scale(f, width) for f in exercise.figures)
    room = look.layout.guide.figure_height_mm * mm - look.size("small") * 1.5  # one label line
    if tallest > room:
        width *= room / tallest
    return width


def _lies(figure: Figure) -> bool:
    _, low, _, high = figure_extent(figure)
    return high - low <= LYING_HEIGHT


def figures(exercise: Exercise, look: Look) -> list[Drawing]:
    caption = "each side" if exercise.dose.per_side else None
    width = figure_scale(exercise, look)
    size = look.size("small")
    lines = label_line_count(exercise.figures, width, size, caption)
    return [figure_drawing(f, width, look.colours, size, caption, lines) for f in exercise.figures]


def figure_row(drawings: list[Drawing], look: Look) -> Table:
    """The exercise's drawn positions side by side."""
    gap = look.padding * 6
    strip = Table([drawings], colWidths=[d.width + gap for d in drawings], hAlign="LEFT")
    strip.setStyle(
        look.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return strip


def _facts(exercise: Exercise, plan: Plan, library: Library, look: Look) -> Paragraph:
    """What it works and what it needs, on one line under the name: looked up once, so it
    takes no room from the words read while exercising."""
    words = library.booklet.guide
    areas = ", ".join(library.areas[a].name for a in exercise.areas)
    text = words.facts.format(areas=areas, equipment=_equipment_text(exercise, plan, library))
    if exercise.dose.per_side:
        text += f"  {words.per_side}"
    return para(text, card_styles(look)["facts"])


def _how_to(exercise: Exercise, words: GuideWords, look: Look) -> list[Flowable]:
    """What to feel and the steps: the words read while doing it."""
    c = card_styles(look)
    story: list[Flowable] = [
        para(exercise.feel, c["text"], f"<b>{escape(words.feel_lead)}</b> "),
        para(words.how_to, c["label"]),
        bullets(exercise.steps, look, c["text"], True),
    ]
    if exercise.dose.unit == "s" and exercise.phase == "main":
        # holds tempt people to brace and hold their breath, which raises blood pressure
        story.append(Paragraph(f"<b>{escape(words.breathe)}</b>", c["text"]))
    return story


def _lists(exercise: Exercise, words: GuideWords, look: Look) -> Table:
    """Keep in mind, common mistakes, when to stop: side by side when the layout has room,
    which saves the ragged ends of three short lists."""
    c = card_styles(look)
    blocks = [
        [para(title, c["label"]), bullets(items, look, c["text"])]
        for title, items in (
            (words.keep_in_mind, exercise.cues),
            (words.mistakes, exercise.mistakes),
            (words.stop_if, exercise.stop_if),
        )
    ]
    columns = look.layout.guide.list_columns
    gap = look.padding * 4
    width = (look.width + gap) / columns
    rows = [blocks[i : i + columns] for i in range(0, len(blocks), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[width] * columns, hAlign="LEFT")
    table.setStyle(
        look.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _afterword(exercise: Exercise, plan: Plan, words: GuideWords, look: Look) -> list[Flowable]:
    """Where the exercise leads, and the one warning that must not be missed."""
    c = card_styles(look)
    lead = f"<b>{escape(words.next_step_lead)}</b> "
    story: list[Flowable] = [
        para(words.next_step.format(name=name, week=week), c["text"], lead)
        for name, week in _next_steps(exercise, plan)
    ]
    last = _last_week(exercise, plan)
    if not story and last is not None:
        story.append(para(words.ends.format(week=last), c["text"]))
    if exercise.note:
        note_lead = f"<b>{escape(words.note_lead)}</b> "
        story.append(boxed(para(exercise.note, c["text"], note_lead), look))
    return story


def _dose_section(
    exercise: Exercise, plan: Plan, words: GuideWords, look: Look, heavier: str
) -> Table:
    """The doses and their title as one piece: the title never ends a page without them;
    `heavier`: the week pages' words for a lift's week of more weight."""
    title = words.dose_title
    if exercise.dose.rest:
        rest = words.rest.format(seconds=exercise.dose.rest)
        if exercise.dose.holds:
            rest += f", {words.between_holds}"  # a repeated hold is not one long hold
        title += f" {rest}."
    section = Table(
        [
            [para(title, look.styles["label"])],
            [dose_ladder(dose_by_week(plan, exercise.id, heavier), look, look.width)],
        ],
        colWidths=[look.width],
    )
    section.setStyle(
        look.table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return section


def _figure_column(drawings: list[Drawing], look: Look, width: float) -> Table:
    """The figures in a column beside the words, as many to a row as fit its width."""
    gap = look.padding * 4
    per_row = max(1, int((width + gap) // (max(d.width for d in drawings) + gap)))
    rows = [drawings[i : i + per_row] for i in range(0, len(drawings), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    table = Table(rows, colWidths=[width / per_row] * per_row, hAlign="LEFT")
    table.setStyle(
        look.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), look.space / 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _plain_cells(look: Look, align: str = "TOP") -> TableStyle:
    return look.table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), align),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )


def _middle(
    exercise: Exercise, heading: list[Flowable], words: GuideWords, look: Look
) -> list[Flowable]:
    """The name and the steps with the figures: beside them (two cards a page), the figures
    running down the side of the heading and the steps; or above the steps."""
    drawings = figures(exercise, look)
    if look.layout.guide.figures == "above":
        row = figure_row(drawings, look)
        row_width = sum(row._colWidths)  # noqa: SLF001 (the widths given to the Table)
        if row_width > look.width / 2:
            return [*heading, row, *_how_to(exercise, words, look)]
        # upright figures are narrow: the name and summary stand beside them
        top = Table([[heading, row]], colWidths=[look.width - row_width, row_width])
        top.setStyle(_plain_cells(look, "BOTTOM"))
        return [top, *_how_to(exercise, words, look)]
    gap = look.padding * 4
    side = min(look.figure, max(d.width for d in drawings))
    table = Table(
        [[_figure_column(drawings, look, side), [*heading, *_how_to(exercise, words, look)]]],
        colWidths=[side + gap, look.width - side - gap],
    )
    table.setStyle(
        look.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table]


def card(exercise: Exercise, plan: Plan, library: Library, look: Look) -> Flowable:
    """One card: the name, what it is for and needs; the figures beside (or above) the steps;
    what to keep in mind, avoid and stop for; the doses. It never splits between pages."""
    c = card_styles(look)
    words = library.booklet.guide
    space = Spacer(0, look.space / 2)
    heading = [
        para(exercise.name, c["name"]),
        para(exercise.summary, c["text"]),
        _facts(exercise, plan, library, look),
    ]
    parts: list[Flowable] = [
        Anchor(card_key(exercise.id), exercise.name, level=1),
        Rule(look),
        *_middle(exercise, heading, words, look),
        space,
        _lists(exercise, words, look),
        *_afterword(exercise, plan, words, look),
        space,
        _dose_section(exercise, plan, words, look, library.booklet.week_heavier),
    ]
    if look.layout.guide.cards_per_page > 1:
        parts.append(Spacer(0, look.layout.guide.card_gap_mm * mm))
    return KeepTogether(parts)


class Rule(Flowable):
    """The line above each card: where one card ends and the next begins."""

    def __init__(self, look: Look) -> None:
        super().__init__()
        self.look = look

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.look.line * 1.5 + self.look.padding

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(self.look.colours["accent"])
        self.canv.setLineWidth(self.look.line * 1.5)
        top = self.look.line * 1.5 + self.look.padding
        self.canv.line(0, top, self.width, top)
        self.canv.restoreState()


def guide_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    text = card_styles(look)["text"]
    words = library.booklet.guide
    introduction: list[Flowable] = [
        Anchor("guide", words.title),
        para(words.title, s["heading"]),
        para(words.intro, text),
        Spacer(0, look.space),  # the first card's rule clear of the introduction's last line
    ]
    cards = [card(exercise, plan, library, look) for exercise in plan.exercises.values()]
    if look.layout.guide.cards_per_page == 1:
        names = [exercise.name for exercise in plan.exercises.values()]
        return [*introduction, *_contents(plan, words, look), *_a_card_a_page(cards, names, look)]
    story: list[Flowable] = list(introduction)
    first_room = look.height - _height(introduction, look)
    for number, page in enumerate(_packed(cards, first_room, look)):
        story += [PageBreak()] if number else []
        story += page
    return story


def _height(flowables: list[Flowable], look: Look) -> float:
    """The height of flowables set one under another at the text's width."""
    total = 0.0
    for flowable in flowables:  # a card's KeepTogether can be measured only by its parts
        inner = flowable._content if isinstance(flowable, KeepTogether) else [flowable]
        total += stack_height(inner, look.width, look.height)
    return total


def _packed(cards: list[Flowable], first_room: float, look: Look) -> list[list[Flowable]]:
    """The cards on pages: in plain order, as Platypus would set them, unless packing them
    takes fewer pages. Plain order leaves a page half empty whenever two tall cards follow
    each other (the fullest Letter plan: 17 pages for 26 cards; packed, 14); the week pages
    give each card's page, so a card a little out of order is still found."""
    heights = [_height([one], look) for one in cards]
    rooms = [first_room - SLACK, look.height - SLACK]
    pages = card_pages(heights, rooms, look.layout.guide.cards_per_page + 1)
    return [[cards[i] for i in page] for page in pages]


def card_pages(heights: list[float], rooms: list[float], most: int) -> list[list[int]]:
    """Which cards (by their place in the plan's order) go on each page, given their heights
    and the room on the first page and on the others: packed (up to `most` a page) when
    that takes fewer pages than plain order."""
    ways = (
        _pages_in_order(heights, rooms),
        _pages_packed(heights, rooms, most, keep=1),  # each page as full as it goes
        _pages_packed(heights, rooms, most, keep=PACKINGS),
    )
    return min(ways, key=len)  # the first of the shortest: plain order when it is as short


def _pages_in_order(heights: list[float], rooms: list[float]) -> list[list[int]]:
    """Each card on the page it comes to, the next page when it does not fit."""
    pages: list[list[int]] = [[]]
    left = rooms[0]
    for card, height in enumerate(heights):
        if pages[-1] and height > left:
            pages.append([])
            left = rooms[1]
        pages[-1].append(card)
        left -= height
    return pages


def _pages_packed(
    heights: list[float], rooms: list[float], most: int, keep: int
) -> list[list[int]]:
    """Each page starts with the first card not yet placed, in the order the person meets
    them, then takes later cards, up to `most` on the page. Page by page, the `keep`
    packings that have placed the most card height go on to the next page (with 1: each
    page as full as it goes; that alone ended the fullest compact guide a page longer, and
    more kept ended Alex's classic guide a page longer)."""
    everything = frozenset(range(len(heights)))
    packings: list[tuple[frozenset[int], list[list[int]]]] = [(frozenset(), [])]
    while True:
        finished = [pages for placed, pages in packings if placed == everything]
        if finished:
            return finished[0]
        grown: dict[frozenset[int], list[list[int]]] = {}
        for placed, pages in packings:
            room = rooms[min(len(pages), 1)]
            for page in _fullest_pages(heights, room, placed, most)[:keep]:
                grown.setdefault(placed | set(page), [*pages, page])
        ranked = sorted(grown.items(), key=lambda item: -sum(heights[i] for i in item[0]))
        packings = ranked[:keep]


def _fullest_pages(
    heights: list[float], room: float, placed: frozenset[int], most: int
) -> list[list[int]]:
    """The next page's choices, fullest first: the first card not placed, and some of the
    next LOOK_AHEAD cards that fit (so no card waits far from its place in the order)."""
    first, *later = (i for i in range(len(heights)) if i not in placed)
    groups = list(_fitting_groups(later[:LOOK_AHEAD], heights, room - heights[first], most - 1))
    groups.sort(key=lambda group: -sum(heights[i] for i in group))
    return [[first, *group] for group in groups]


def _fitting_groups(
    cards: list[int], heights: list[float], left: float, most: int
) -> Iterator[tuple[int, ...]]:
    """Every group of at most `most` of `cards`, in order, whose heights fit in `left`:
    only those are tried, which keeps the search to a few hundred groups a page."""
    yield ()
    if most == 0:
        return
    for at, card in enumerate(cards):
        if heights[card] <= left:
            rest = _fitting_groups(cards[at + 1 :], heights, left - heights[card], most - 1)
            for group in rest:
                yield (card, *group)


def _contents(plan: Plan, words: GuideWords, look: Look) -> list[Flowable]:
    """With a card a page, the introduction has a page of its own (no card fits beside it in
    large type): it lists the cards that follow, one to a page, in order."""
    text = card_styles(look)["text"]
    names = [exercise.name for exercise in plan.exercises.values()]
    return [
        Spacer(0, look.space),
        para(words.contents_lead, text),
        bullets(names, look, style=text, numbered=True),
    ]


def _a_card_a_page(cards: list[Flowable], names: list[str], look: Look) -> list[Flowable]:
    """Each card is turned to on its own."""
    spaced: list[Flowable] = []
    for one, name in zip(cards, names, strict=True):
        spaced += [PageBreak(), *_over_pages(one, name, look)]
    return spaced


def _over_pages(card: Flowable, name: str, look: Look) -> list[Flowable]:
    """A card as it is where it fits its page. In large type a card with a long list of
    doses (an advanced plan of a year) may not: it then goes on between its parts, and its
    next page opens with its name, "(continued)", so that page read alone says whose
    steps, rules or doses it gives."""
    if _height([card], look) <= look.height:  # as Platypus keeps it (SLACK is for packing)
        return [card]
    room = look.height - SLACK
    heading = para(f"{name} (continued)", card_styles(look)["name"])
    story: list[Flowable] = []
    used = 0.0
    for part in card._content:
        height = _height([part], look)
        if used and used + height > room:
            story += [PageBreak(), heading]
            used = _height([heading], look)
        story.append(part)
        used += height
    return story
