"""Safety and how to judge pain: a traffic light, the stop rules, the signs to see a clinician."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Spacer, Table

from planbuilder.content import Library
from planbuilder.render.blocks import boxed, bullets
from planbuilder.render.flowables import Anchor
from planbuilder.render.styles import Look
from planbuilder.render.text import para


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


def safety_story(library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    safety = library.safety
    rule = safety.pain_rule
    story: list[Flowable] = [
        Anchor("safety", "Safety and pain"),
        para("Safety first", s["heading"]),
        para("How to judge pain", s["subheading"]),
        para(
            f"Some discomfort is normal when you start to exercise. Pain up to about "
            f"{rule.limit} out of 10 that has settled by the next morning is acceptable.",
            s["body"],
        ),
    ]
    lamp = look.box * 2.2
    rows = [
        [
            Light(lamp, look.colours["green"], look.line),
            para("GREEN: go on", s["table_bold"]),
            para(rule.green, s["table"]),
        ],
        [
            Light(lamp, look.colours["amber"], look.line),
            para("AMBER: hold", s["table_bold"]),
            para(rule.amber, s["table"]),
        ],
        [
            Light(lamp, look.colours["red"], look.line),
            para("RED: step back", s["table_bold"]),
            para(rule.red, s["table"]),
        ],
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
    story += [table, Spacer(0, look.space * 2)]

    story.append(para("Stop the exercise straight away if you feel", s["subheading"]))
    story.append(bullets(safety.stop_rules, look))
    story.append(Spacer(0, look.space))

    signs = [flag.sign for flag in safety.red_flags.values() if flag.sign]
    warning = [
        para(
            "See a doctor or physiotherapist before you go on if any of these appear",
            s["subheading"],
        ),
        bullets(signs, look),
    ]
    story.append(boxed(warning, look))
    return story
