"""The page on getting down to the floor and back up, and on what to do after a fall.

Printed for people who need help to reach the floor, and for those the plan gives balance
work (65 or older, a fall in the last year, fracture risk): learning to get up from the floor
is part of falls-prevention programmes, and lying on the floor for long after a fall is
itself a danger. Someone who cannot get down to the floor gets only the part about falls."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from planbuilder.content import Library
from planbuilder.plan import Plan
from planbuilder.planner.eligibility import needs_balance
from planbuilder.profile import Profile
from planbuilder.render.flowables import Anchor
from planbuilder.render.prose import boxed, bullets, para, side_by_side
from planbuilder.render.styles import Look
from planbuilder.render.weekparts import stack_height


def wants_floor_page(profile: Profile) -> bool:
    return profile.floor != "yes" or needs_balance(profile)


def floor_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    if not wants_floor_page(plan.profile):
        return []
    s = look.styles
    page = library.booklet.floor
    story: list[Flowable] = [Anchor("floor", page.title), para(page.title, s["heading"])]
    down = [para(page.down_title, s["subheading"]), bullets(page.down, look, numbered=True)]
    up = [para(page.up_title, s["subheading"]), bullets(page.up, look, numbered=True)]
    steps = [*down, Spacer(0, look.space), *up]
    fallen = [
        boxed(
            [para(page.fallen_title, s["subheading"]), bullets(page.fallen, look, numbered=True)],
            look,
        ),
        Spacer(0, look.space),
        para(page.sources, s["small"]),
    ]
    if plan.profile.floor == "no":
        return story + fallen
    story += [para(page.intro, s["body"]), Spacer(0, look.space)]
    whole = [*story, *steps, Spacer(0, look.space), *fallen]
    if stack_height(whole, look.width, look.height) > look.height:
        steps = [side_by_side(down, up, look)]  # large type: else a page for two lines
    return [*story, *steps, Spacer(0, look.space), *fallen]
