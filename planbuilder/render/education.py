"""The page that teaches (what back pain is and is not, pain medicines) and the flare-up plan
the person fills in: education is part of every guideline's first-line care (NICE NG59)."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from planbuilder.content import Library
from planbuilder.plan import Plan
from planbuilder.render.flowables import Anchor, WritingLines
from planbuilder.render.notes import handwriting_spacing
from planbuilder.render.prose import boxed, bullets, para
from planbuilder.render.styles import Look

WRITE_IN_LINES = 2


def fragile_bones_warning(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    """With a cleared fracture risk, "hurt is not harm" and "flare-ups pass" need their
    exception beside them: sudden new back pain may be a vertebral fracture (ROS 2019)."""
    if plan.screening is None or not plan.screening.fragile_bones:
        return []
    message = library.safety.messages["fracture_pain"]
    return [
        Spacer(0, look.space),
        boxed(para(message, look.styles["body_tight"], "<b>Your bones:</b> "), look),
    ]


def education_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    page = library.booklet.education
    return [
        Anchor("education", page.title),
        para(page.title, s["heading"]),
        bullets(page.points, look),
        *fragile_bones_warning(plan, library, look),
        Spacer(0, look.space),
        para(page.medicines_title, s["subheading"]),
        para(page.medicines, s["body"]),
        Spacer(0, look.space),
        para(page.sources, s["small"]),
    ]


def flare_up_story(plan: Plan, library: Library, look: Look) -> list[Flowable]:
    s = look.styles
    page = library.booklet.flare_up
    spacing = handwriting_spacing(look)
    story: list[Flowable] = [
        Anchor("flare_up", page.title),
        para(page.title, s["heading"]),
        para(page.intro, s["body"]),
        *fragile_bones_warning(plan, library, look),
        Spacer(0, look.space),
        para(page.bad_day_title, s["subheading"]),
        bullets(page.bad_day, look),
        Spacer(0, look.space),
        boxed([para(page.seek_help_title, s["subheading"]), bullets(page.seek_help, look)], look),
        Spacer(0, look.space),
        para(page.write_in_title, s["subheading"]),
    ]
    for prompt in page.write_in:
        lines = WritingLines(WRITE_IN_LINES, spacing, look.line / 2, look.colours["rule"])
        story.append(KeepTogether([para(prompt, s["body_tight"]), lines]))  # never apart
    return story
