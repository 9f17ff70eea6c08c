"""Safety and how to judge pain: a traffic light, the stop rules, the signs to see a clinician."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Spacer, Table

from planbuilder.content import Library, PainRule
from planbuilder.plan import Plan
from planbuilder.render.flowables import Anchor
from planbuilder.render.prose import boxed, bullets, para
from planbuilder.render.styles import Look


class Light(Flowable):
    """One lamp of the traffic light: a small ringed disc. Its word is printed beside it,
    so the meaning never depends on seeing the colour."""

    def __init__(self, diameter: float, colour: Color, line: float) -> None:
        super().__init__()
        self.diameter = diameter
        self.colour = colour
        self.line = line

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.diameter, self.diameter

    def draw(self) -> None:
        radius = self.diameter / 2
        self.canv.saveState()
        self.canv.setStrokeColor(self.colour)
        self.canv.setFillColor(self.colour)
        self.canv.setLineWidth(self.line * 2)
        self.canv.circle(radius, radius, radius - self.line, stroke=1, fill=0)
        self.canv.circle(radius, radius, radius * 0.45, stroke=0, fill=1)
        self.canv.restoreState()


def safety_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """The pain rule as a traffic light, the stop rules, the signs to act on (emergency first),
    and what screening asks this person's booklet to say."""
    s = look.styles
    safety = library.safety
    rule = safety.pain_rule
    story: list[Flowable] = [
        Anchor("safety", "Safety and pain"),
        para("Safety first", s["heading"]),
        para("How to judge pain", s["subheading"]),
        para(
            "Some discomfort is normal when you start to exercise. Know your usual pain: the "
            f"level (0 to 10) your back has on an ordinary day. {rule.short}",
            s["body"],
        ),
        _traffic_light(rule, look),
        Spacer(0, look.space * 2),
        para("Stop the exercise straight away if you feel", s["subheading"]),
        bullets(safety.stop_rules, look),
        Spacer(0, look.space),
    ]
    emergency = [
        para("Emergency: call your emergency number now", s["subheading"]),
        para(safety.emergency_stop, s["body_tight"]),
        bullets([i.sign for i in safety.tier("emergency") if i.sign], look, "body_tight"),
    ]
    story += [boxed(emergency, look), Spacer(0, look.space)]
    see_first = [i.sign for i in safety.tier("see_first") if i.sign]
    story += [
        para(
            "See a doctor or physiotherapist before you go on if any of these appear",
            s["subheading"],
        ),
        bullets(see_first, look, "body_tight"),
    ]
    story += screening_notes(plan, library, look)
    return story


def _traffic_light(rule: PainRule, look: Look) -> Table:
    s = look.styles
    lamp = look.box * 2.2
    rows = [
        [
            Light(lamp, look.colours[colour], look.line),
            para(word, s["table_bold"]),
            para(text, s["table"]),
        ]
        for colour, word, text in (
            ("green", "GREEN: carry on", rule.green),
            ("amber", "AMBER: ease off", rule.amber),
            ("red", "RED: stop", rule.red),
        )
    ]
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
    if result.balance_and_floor:
        notes.append(para(messages["balance_and_floor"], s["body_tight"], "<b>Note:</b> "))
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
    if not notes:
        return []
    return [Spacer(0, look.space), boxed(notes, look), Spacer(0, look.space)]
