"""The sports and stretching page: what each chosen sport brings and its caution."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from planbuilder.content import Library
from planbuilder.plan import Plan
from planbuilder.render.flowables import Anchor
from planbuilder.render.prose import bullets, para
from planbuilder.render.styles import Look


def sports_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    title = "Sports and stretching" if plan.sports else "Stretching"
    story: list[Flowable] = [Anchor("sports", title), para(title, s["heading"])]
    if plan.sports:
        story.append(para(library.booklet.sports_intro, s["body"]))
        for sport in plan.sports.values():
            story.append(
                KeepTogether(
                    [
                        para(f"{sport.name}, about {sport.minutes} minutes", s["subheading"]),
                        para(sport.benefits, s["body"]),
                        para(sport.caution, s["body"], "<b>Take care:</b> "),
                    ]
                )
            )
        story.append(Spacer(0, look.space))
        story.append(para("Stretching", s["subheading"]))
    story.append(bullets(library.booklet.stretching, look))
    return story
