"""The exercise guide: one card per exercise of the plan, with its doses week by week."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from planbuilder.content import Exercise, Library
from planbuilder.plan import Plan
from planbuilder.render.figures import figure_drawing
from planbuilder.render.flowables import Anchor
from planbuilder.render.prose import boxed, bullets, card_key, para
from planbuilder.render.styles import Look

FACTS_SHARE = 0.2  # of the card's width, for what it works and what it needs
# A long plan changes doses many times; past this many cells the card points to the weeks.
MAX_LADDER_CELLS = 16


def dose_by_week(plan: Plan, exercise_id: str) -> list[tuple[list[int], str]]:
    """Runs of weeks with the same dose: [([1, 2, 3], '2 × 10 s each side'), ...].

    Weeks without the exercise (it may be in every other week's session) do not break a run:
    the dose is the same whenever it comes."""
    runs: list[tuple[list[int], str]] = []
    for week in plan.weeks:
        doses = sorted(
            {
                item.dose_text
                for session in week.strength_sessions()
                for item in session.items
                if item.exercise == exercise_id
            }
        )
        if not doses:
            continue
        text = " or ".join(doses)
        if week.deload:
            text += " (lighter)"
        last = runs[-1] if runs else None
        if last and last[1] == text:
            last[0].append(week.number)
        else:
            runs.append(([week.number], text))
    if len(runs) > MAX_LADDER_CELLS:
        rest = [w for weeks, _ in runs[MAX_LADDER_CELLS - 1 :] for w in weeks]
        runs = [*runs[: MAX_LADDER_CELLS - 1], (rest, "as on the week pages")]
    return runs


def dose_ladder(runs: list[tuple[list[int], str]], look: Look, width: float) -> Table:
    """The doses as a grid of small cells, 'Weeks 1–2' over '2 × 10 s each side'."""
    s = look.styles
    columns = max(1, min(len(runs), int(width // (look.size("small") * 7.5))))
    cells = [
        [para(_weeks_label(weeks), s["label"]), para(text, s["small_ink"])] for weeks, text in runs
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


def _next_steps(exercise: Exercise, plan: Plan) -> list[str]:
    """Where the plan moves on to a harder variant of this exercise, and from which week."""
    own_runs = dose_by_week(plan, exercise.id)
    if not own_runs:
        return []
    last_week = own_runs[-1][0][-1]
    steps = []
    for harder_id in exercise.harder:
        later = [w for weeks, _ in dose_by_week(plan, harder_id) for w in weeks if w > last_week]
        if later:
            steps.append(f"{plan.exercises[harder_id].name}, from week {later[0]}.")
    return steps


def _weeks_label(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"Week {numbers[0]}"
    return f"Weeks {numbers[0]}–{numbers[-1]}"


def _equipment_text(exercise: Exercise, plan: Plan, library: Library) -> str:
    owned = set(plan.profile.equipment)
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
    return "; ".join(parts) or "None"


def figure_strip(exercise: Exercise, look: Look) -> Table:
    """The exercise's drawn positions side by side, each `figure_mm` wide."""
    caption = "each side" if exercise.dose.per_side else None
    drawings = [
        figure_drawing(f, look.figure, look.colours, look.size("small"), caption)
        for f in exercise.figures
    ]
    strip = Table(
        [drawings], colWidths=[look.figure + look.padding * 6] * len(drawings), hAlign="LEFT"
    )
    strip.setStyle(
        look.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), look.padding * 6),
            ]
        )
    )
    return strip


def card(exercise: Exercise, plan: Plan, library: Library, look: Look) -> Flowable:
    """One card: name and figures across the top, key facts on the left, how to do it right."""
    s = look.styles
    areas = ", ".join(library.areas[a].name for a in exercise.areas)
    facts: list[Flowable] = [
        para("Works", s["label"]),
        para(areas, s["small_ink"]),
        Spacer(0, look.space / 2),
        para("You need", s["label"]),
        para(_equipment_text(exercise, plan, library), s["small_ink"]),
    ]
    if exercise.dose.unit == "s" and exercise.phase == "main":
        facts += [
            Spacer(0, look.space / 2),
            # holds tempt people to brace and hold their breath, which raises blood pressure
            Paragraph("<b>Breathe normally, never hold your breath.</b>", s["small_ink"]),
        ]
    if exercise.dose.per_side:
        facts += [
            Spacer(0, look.space / 2),
            para("Both sides: the dose is for each side.", s["small_ink"]),
        ]

    rest = f"Rest about {exercise.dose.rest} s between sets." if exercise.dose.rest else ""
    facts_width = look.width * FACTS_SHARE
    text_width = look.width - facts_width
    heading = [
        Anchor(card_key(exercise.id), exercise.name, level=1),
        para(exercise.name, s["subheading"]),
        para(exercise.summary, s["body"]),
    ]
    sections: list[list[Flowable]] = [
        [para("What you should feel", s["label"]), para(exercise.feel, s["body_tight"])],
        [para("How to do it", s["label"]), bullets(exercise.steps, look, "body_tight", True)],
        [para("Keep in mind", s["label"]), bullets(exercise.cues, look, "body_tight")],
        [para("Common mistakes", s["label"]), bullets(exercise.mistakes, look, "body_tight")],
        [para("Stop or skip it if", s["label"]), bullets(exercise.stop_if, look, "body_tight")],
        [
            para(f"Your dose, week by week. {rest}", s["label"]),
            dose_ladder(dose_by_week(plan, exercise.id), look, text_width - look.padding),
        ],
    ]
    for step_up in _next_steps(exercise, plan):
        sections.append([para(step_up, s["body_tight"], "<b>Next step:</b> ")])
    if exercise.note:
        note = para(exercise.note, s["body_tight"], "<b>Important:</b> ")
        sections.append([boxed(note, look, text_width - look.padding)])

    # A row per section, so a card taller than a page (large print) splits between them.
    rows: list[list[object]] = [[heading, ""], [figure_strip(exercise, look), ""]]
    rows += [[facts if index == 0 else "", section] for index, section in enumerate(sections)]
    # splitInRow: a card taller than a page (a year of doses in large print) may split inside
    # its tallest row rather than fail to lay out.
    table = Table(rows, colWidths=[facts_width, text_width], splitInRow=1)
    table.setStyle(
        look.table_style(
            [
                ("SPAN", (0, 0), (1, 0)),
                ("SPAN", (0, 1), (1, 1)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, 0), look.line * 1.5, look.colours["accent"]),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), look.padding * 3),
                ("LEFTPADDING", (1, 0), (1, -1), look.padding),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), look.padding * 2),
                ("TOPPADDING", (0, 1), (-1, -1), look.padding / 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 1), (-1, 1), look.space),
            ]
        )
    )
    return KeepTogether([table, Spacer(0, look.space * 2)])


def guide_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    introduction: list[Flowable] = [
        Anchor("guide", "Exercise guide"),
        para("Exercise guide", s["heading"]),
        para(
            "Every exercise of your plan, in the order you first meet it. Move slowly and "
            "with control; quality counts more than numbers.",
            s["body"],
        ),
    ]
    cards = [card(exercise, plan, library, look) for exercise in plan.exercises.values()]
    # The introduction goes with the first card, never alone at the foot of a page.
    return [KeepTogether(introduction + cards[:1]), *cards[1:]]
