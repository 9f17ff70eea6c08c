"""Safety and how to judge pain: a traffic light in shapes and words as well as colours, the
stop rules, the signs to see a clinician."""

from __future__ import annotations

import math

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Spacer, Table

from planbuilder.content import Library, PainRule
from planbuilder.content_schema import SafetyPageWords
from planbuilder.plan import Plan
from planbuilder.render.flowables import Anchor
from planbuilder.render.prose import boxed, bullets, para
from planbuilder.render.styles import Look


class Signal(Flowable):
    """One state of the traffic light as a shape filled with its colour and outlined in
    black: a circle, a triangle or an octagon, so the three states differ on a greyscale
    print, where the three colours come out as much the same grey. Its word is printed
    beside it, so the meaning never depends on seeing colour or shape either."""

    def __init__(self, shape: str, size: float, colour: Color, outline: Color, line: float):
        super().__init__()
        self.shape = shape
        self.size = size
        self.colour = colour
        self.outline = outline
        self.line = line

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.colour)
        canvas.setStrokeColor(self.outline)
        canvas.setLineWidth(self.line * 2)
        canvas.setLineJoin(1)
        half, inset = self.size / 2, self.line * 1.5
        path = canvas.beginPath()
        if self.shape == "circle":
            path.circle(half, half, half - inset)
        else:
            corners = 3 if self.shape == "triangle" else 8
            turn = math.pi / 2 if corners == 3 else math.pi / 8  # a point up; a flat top
            radius = half - inset
            points = [
                (
                    half + radius * math.cos(turn + 2 * math.pi * i / corners),
                    half + radius * math.sin(turn + 2 * math.pi * i / corners),
                )
                for i in range(corners)
            ]
            if corners == 3:  # sit the triangle's base low, so it looks centred
                points = [(x, y - radius * 0.2) for x, y in points]
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            path.close()
        canvas.drawPath(path, stroke=1, fill=1)
        canvas.restoreState()


# The traffic light, state by state: colour key and shape (the words are in content).
SIGNALS = (("green", "circle"), ("amber", "triangle"), ("red", "octagon"))


def safety_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """The pain rule as a traffic light, the stop rules, the signs to act on (emergency first),
    and what screening asks this person's booklet to say."""
    s = look.styles
    safety = library.safety
    rule = safety.pain_rule
    words = library.booklet.safety_page
    story: list[Flowable] = [
        Anchor("safety", "Safety and pain"),
        para(words.title, s["heading"]),
        para(words.pain_title, s["subheading"]),
        para(words.pain_intro.format(rule=rule.short), s["body"]),
        _traffic_light(rule, words, look),
        Spacer(0, look.space * 2),
        para(words.stop_title, s["subheading"]),
        bullets(safety.stop_rules, look),
        Spacer(0, look.space),
    ]
    emergency = [
        para(words.emergency_title, s["subheading"]),
        para(safety.emergency_stop, s["body_tight"]),
        bullets([i.sign for i in safety.tier("emergency") if i.sign], look, "body_tight"),
    ]
    story += [boxed(emergency, look), Spacer(0, look.space)]
    see_first = [i.sign for i in safety.tier("see_first") if i.sign]
    story += [
        para(words.see_first_title, s["subheading"]),
        bullets(see_first, look, "body_tight"),
    ]
    story += screening_notes(plan, library, look)
    return story


def _traffic_light(rule: PainRule, words: SafetyPageWords, look: Look) -> Table:
    s = look.styles
    lamp = look.box * 2.4
    texts = {"green": rule.green, "amber": rule.amber, "red": rule.red}
    rows = []
    for colour, shape in SIGNALS:
        signal = getattr(words, colour)
        rows.append(
            [
                Signal(shape, lamp, look.colours[colour], look.colours["ink"], look.line),
                para(f"({signal.meaning})", s["table"], f"<b>{signal.word}</b><br/>"),
                para(texts[colour], s["table"]),
            ]
        )
    word_width = look.width * 0.22
    lamp_cell = lamp + look.padding * 4
    table = Table(rows, colWidths=[lamp_cell, word_width, look.width - lamp_cell - word_width])
    table.setStyle(
        look.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -2), look.line / 2, look.colours["rule"]),
                ("BOX", (0, 0), (-1, -1), look.line, look.colours["rule"]),
                ("TOPPADDING", (0, 0), (-1, -1), look.padding * 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.padding * 2),
            ]
        )
    )
    return table


def screening_notes(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """What screening let through with a note, framed, for the safety page."""
    notes = screening_paragraphs(plan, library, look)
    if not notes:
        return []
    return [Spacer(0, look.space), boxed(notes, look), Spacer(0, look.space)]


def screening_paragraphs(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """What screening let through with a note: cautions, clearances, an unknown duration,
    and a guardian's signature under 18. The cover and the safety page both print it."""
    result = plan.screening
    if result is None:
        return []
    s = look.styles
    messages = library.safety.messages
    notes: list[Flowable] = []
    for item in result.cautions:
        notes.append(para(item.note or "", s["body_tight"], "<b>Note:</b> "))
    if any(item.id == "pregnancy" for item in result.cleared):  # ACOG 804's signs to stop
        notes.append(
            para(library.safety.adaptations["pregnancy"], s["body_tight"], "<b>Pregnancy:</b> ")
        )
    if result.fragile_bones:
        notes.append(para(messages["fracture_pain"], s["body_tight"], "<b>Your bones:</b> "))
    if result.balance_and_floor:
        notes.append(para(messages["balance_and_floor"], s["body_tight"], "<b>Note:</b> "))
    if result.falls_check:
        notes.append(para(messages["falls_check"], s["body_tight"], "<b>Note:</b> "))
    if result.duration_unknown:
        notes.append(para(messages["unknown_duration"], s["body_tight"], "<b>Note:</b> "))
    if result.cleared:
        notes.append(para(messages["cleared"], s["body_tight"]))
        notes.append(bullets([item.question for item in result.cleared], look, "body_tight"))
    if result.guardian_signature:
        notes.append(para(messages["guardian"], s["body_tight"], "<b>Under 18:</b> "))
        notes.append(
            para("Signed (parent or guardian): ____________________   Date: ________", s["body"])
        )
    return notes
