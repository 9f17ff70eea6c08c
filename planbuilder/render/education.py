"""The page that teaches (what back pain is and is not, pain medicines) and the flare-up plan
the person fills in: education is part of every guideline's first-line care (NICE NG59)."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from planbuilder.content import Library
from planbuilder.plan import Plan
from planbuilder.render.flowables import Anchor, WritingLines
from planbuilder.render.notes import handwriting_spacing
from planbuilder.render.prose import boxed, bullets, para, side_by_side
from planbuilder.render.styles import Look
from planbuilder.render.weekparts import stack_height

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
    prompts = [
        [
            para(prompt, s["body_tight"]),
            WritingLines(WRITE_IN_LINES, spacing, look.line / 2, look.colours["rule"]),
        ]
        for prompt in page.write_in
    ]
    stacked = [KeepTogether(prompt) for prompt in prompts]  # a prompt never apart from its lines
    room = look.height - stack_height(story, look.width, look.height)
    if sum(_prompt_height(prompt, look) for prompt in prompts) <= room:
        return story + stacked
    # large type: two prompts a row rather than the last alone on a page of its own
    rows = [prompts[i : i + 2] for i in range(0, len(prompts), 2)]
    return story + [
        side_by_side(*row, look) if len(row) == 2 else KeepTogether(row[0]) for row in rows
    ]


def _prompt_height(prompt: list[Flowable], look: Look) -> float:
    """A prompt and its writing lines, at the text's width (lines ask only what they draw)."""
    return sum(f.wrap(look.width, look.height)[1] + f.getSpaceBefore() for f in prompt)
