"""The jobs planbuilder does, each in one place: answers → plan → document → files.

Every command and the questionnaire call these functions, so a rule (screening, planning,
where files go, never overwriting) is written once. Nothing here prints or knows exit codes:
each job returns what it wrote, and raises our errors (errors.py) for the command line to
report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbuilder.errors import InputError

if TYPE_CHECKING:  # loaded lazily, so `planbuilder --help` stays fast
    from planbuilder.content import Library
    from planbuilder.next_block import Decision
    from planbuilder.plan import Plan
    from planbuilder.profile import Profile
    from planbuilder.readback import PrintedPlan, Progress
    from planbuilder.scan.job import Merged, PageResult
    from planbuilder.told import WeekTold


@dataclass(frozen=True, slots=True)
class Output:
    """Where a job writes its PDF, whether it may replace an ordinary file already there, and
    the files the job reads (never written over, even with force)."""

    pdf: Path
    force: bool = False
    inputs: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class Written:
    """What a build wrote: the PDF, its page count, and the answers file saved beside it."""

    plan: Plan
    pdf: Path
    pages: int
    answers: Path | None = None


@dataclass(frozen=True, slots=True)
class NextWritten:
    """The next block: why it was shaped as it is, and what was written."""

    decision: Decision
    written: Written


def library() -> Library:
    """The validated content library every job starts from."""
    from planbuilder.content import default_library

    return default_library()


def layout_names() -> tuple[str, ...]:
    from planbuilder.layout import available_layouts

    return available_layouts()


def load_answers(path: Path, today: dt.date | None = None, require_age: bool = True) -> Profile:
    """An answers file, validated against the content and the layouts."""
    from planbuilder.profile import load_profile

    return load_profile(path, library(), layout_names(), today, require_age)


def make_plan(profile: Profile) -> Plan:
    """Screening, then planning: raises SafetyStop when the answers say see someone first."""
    from planbuilder.planner import build_plan
    from planbuilder.screening import screen

    result = screen(profile, library())
    return dataclasses.replace(build_plan(profile, library()), screening=result)


def replan(profile: Profile) -> Plan:
    """Today's plan for answers that were screened when their plan was printed."""
    from planbuilder.planner import build_plan

    return build_plan(profile, library())


def plan_of(answers: Path, today: dt.date) -> Plan:
    return make_plan(load_answers(answers, today))


def start_in_the_past(plan: Plan, today: dt.date) -> str | None:
    """A note for a plan whose first week has already gone by: it is built as asked (a
    physiotherapist may date a plan from the first appointment), but the person is told."""
    start = plan.profile.start
    if start + dt.timedelta(days=7) > today:
        return None
    return (
        f"note: this plan starts on {start:%a %d %b %Y}, which has passed (today is "
        f"{today:%a %d %b %Y}); its weeks are dated from then. To start later, change "
        "`start:` in the answers file."
    )


def answers_path(pdf: Path) -> Path:
    """Where the answers of a PDF are saved: back-plan.pdf → back-plan.answers.yaml."""
    return pdf.with_name(f"{pdf.stem}.answers.yaml")


def answers_output(output: Output) -> Output:
    """The answers file written beside a PDF: never forced."""
    return Output(answers_path(output.pdf), force=False, inputs=output.inputs)


def check_outputs(*targets: Output) -> None:
    """Refuse before any work is done: a file in the way (without force), or no such folder."""
    from planbuilder.files import check_writable

    for target in targets:
        check_writable(target.pdf, target.force, target.inputs)


def write_plan(plan: Plan, output: Output) -> int:
    """Render into a temporary file beside the target and move it into place when complete.
    Returns the page count."""
    from planbuilder.files import write_atomically
    from planbuilder.layout import load_layout
    from planbuilder.render.document import render_pdf

    check_printable(plan.profile)
    layout = load_layout(plan.profile.layout)
    lib = library()
    return write_atomically(
        output.pdf,
        lambda temporary: render_pdf(plan, lib, layout, temporary),
        output.force,
        output.inputs,
    )


def check_printable(profile: Profile) -> None:
    """Refuse, before drawing, free text the PDF's font cannot print: it would come out as
    empty boxes or letters in the wrong order, with no warning."""
    from planbuilder.freetext import undrawable_problem

    for key, text in (("name", profile.name), ("cover_note", profile.cover_note)):
        problem = undrawable_problem(text or "")
        if problem:
            raise InputError(f"{key}: {problem}")


def build(answers: Path, output: Output, today: dt.date, weeks: str | None = None) -> Written:
    """`planbuilder build`: the printable PDF of an answers file; with `weeks` ('5-8'), just
    those weeks of the plan, to print a long plan a block at a time."""
    check_outputs(output)
    plan = plan_of(answers, today)
    if weeks is not None:
        from planbuilder.blocks import parse_weeks, plan_part

        plan = plan_part(plan, *parse_weeks(weeks, len(plan.weeks)))
    return Written(plan, output.pdf, write_plan(plan, output))


def build_with_answers(profile: Profile, output: Output) -> Written:
    """The PDF and, beside it, the answers file it was made from (questionnaire and `next`).

    The answers file is never replaced, even when the PDF may be: the person named the PDF,
    not the answers file, and it may be the only record of an earlier block."""
    from planbuilder.profile import save_answers

    answers = answers_output(output)
    check_outputs(output, answers)
    plan = make_plan(profile)
    pages = write_plan(plan, output)
    save_answers(plan.profile, answers.pdf, force=False)
    return Written(plan, output.pdf, pages, answers.pdf)


def printed_plan_of(filled: Path) -> PrintedPlan:
    """The plan a planbuilder PDF was printed with (its boxes' meaning)."""
    return _opened(filled)[1]


def _opened(filled: Path) -> tuple[dict[str, Any], PrintedPlan]:
    from planbuilder.profile import profile_from_answers
    from planbuilder.readback import open_filled, printed_plan

    pdf = open_filled(filled)
    source = f"{filled} (its answers)"
    profile = profile_from_answers(
        pdf.answers, library(), layout_names(), source, require_age=False
    )
    return pdf.values, printed_plan(pdf, profile, replan)


def read_progress(filled: Path, today: dt.date) -> Progress:
    """What a filled plan shows was done, read against the plan exactly as it was printed."""
    from planbuilder.readback import measure

    values, printed = _opened(filled)
    return measure(printed, values, today)


@dataclass(frozen=True, slots=True)
class Rescreen:
    """What the person says before a next block: signs that appeared since the last one
    (screening ids), clearances given again (a pregnancy clearance never carries over), and
    their age where the old plan did not record it."""

    new_signs: tuple[str, ...] = ()
    cleared_again: tuple[str, ...] = ()
    age: int | None = None


# Clearances that hold for one block only: asked again at every `next`.
CLEARED_FOR_ONE_BLOCK = ("pregnancy",)

# Weeks told instead of ticked (`next --ask`): given the plan and the last week to ask about.
Told = Callable[["PrintedPlan", int], "list[WeekTold]"]


def next_block(
    filled: Path,
    output: Output,
    today: dt.date,
    rescreen_for: Callable[[Profile], Rescreen],
    early: bool = False,
    told: Told | None = None,
) -> NextWritten:
    """`planbuilder next`: the following block, shaped by what the filled plan shows (or by
    what the person tells, `told`, when the ticks are on paper), after screening again with
    what the person says has changed (`rescreen_for` asks them, given the old answers).

    Before the plan's last week has begun, the ticks are not all there yet: that needs
    `early`, so a next block is never built by mistake from half a plan."""
    from planbuilder.next_block import decide
    from planbuilder.readback import measure

    check_outputs(output, answers_output(output))
    values, printed = _opened(filled)
    _refuse_a_part_before_the_end(filled, printed)
    progress = measure(printed, values, today)
    last_week = printed.weeks[-1].first
    if today < last_week and not early:
        raise InputError(
            f"{filled}: this plan runs until {printed.profile.end:%a %d %b %Y} and today "
            f"is {progress.today_in_words()}. Finish it first (its last week starts on "
            f"{last_week:%a %d %b}), or add --early to build the next block now from the "
            "weeks done so far"
        )
    if told is not None:
        from planbuilder.told import progress_from_told

        last_asked = min(max(progress.current_week, 1), len(printed.weeks))
        progress = progress_from_told(printed, told(printed, last_asked), today)
    decision = decide(progress, today, library().safety.pain_rule)
    profile = rescreened(decision.profile, rescreen_for(decision.profile))
    decision = dataclasses.replace(decision, profile=profile)
    return NextWritten(decision, build_with_answers(profile, output))


def _refuse_a_part_before_the_end(filled: Path, printed: PrintedPlan) -> None:
    """A PDF of some weeks (`build --weeks 5-8`) that are not the plan's last: the next block
    follows the plan's last week, so it is built from the part that holds it."""
    last, total = printed.weeks[-1].number, printed.profile.weeks
    if last < total:
        raise InputError(
            f"{filled}: holds weeks {printed.weeks[0].number} to {last} of a {total}-week "
            f"plan; the next block follows week {total}. Give `next` the PDF with week "
            f"{total} (planbuilder build ANSWERS.yaml --weeks {last + 1}-{total} prints it)"
        )


def rescreened(profile: Profile, rescreen: Rescreen) -> Profile:
    """The next block's answers with the new signs added and one-block clearances renewed
    only when given again."""
    unknown = [
        i for i in (*rescreen.new_signs, *rescreen.cleared_again) if i not in library().safety.items
    ]
    if unknown:
        raise InputError(
            f"{', '.join(unknown)}: not a screening id; allowed: "
            + ", ".join(library().safety.red_flags)
        )
    kept = [i for i in profile.cleared if i not in CLEARED_FOR_ONE_BLOCK]
    cleared = tuple(dict.fromkeys([*kept, *rescreen.cleared_again]))
    signs = tuple(dict.fromkeys([*profile.red_flags, *rescreen.new_signs]))
    age = rescreen.age if rescreen.age is not None else profile.age
    return dataclasses.replace(profile, red_flags=signs, cleared=cleared, age=age)


@dataclass(frozen=True)
class Scanned:
    """What `scan` read from the pictures, and the filled copy it wrote."""

    plan: PrintedPlan
    pages: list[PageResult]
    merged: Merged
    pdf: Path


def scan(plan_pdf: Path, images: list[Path], output: Output) -> Scanned:
    """`planbuilder scan`: photos or scans of ticked pages → a filled copy of the plan.

    Every picture is read before anything is written: one picture of another plan, or none
    of this one, and nothing is written at all."""
    from planbuilder.files import write_atomically
    from planbuilder.profile import profile_from_answers
    from planbuilder.readback import open_filled, printed_plan
    from planbuilder.scan import require_scan_extra

    require_scan_extra()
    from planbuilder.scan.images import load_pictures
    from planbuilder.scan.job import merge, plan_pages, read_picture, write_filled_copy

    check_outputs(output)
    filled = open_filled(plan_pdf)
    profile = profile_from_answers(
        filled.answers, library(), layout_names(), f"{plan_pdf} (its answers)"
    )
    printed = printed_plan(filled, profile, make_plan)
    pages = plan_pages(plan_pdf, printed.plan_id)
    pictures = [picture for path in images for picture in load_pictures(path)]
    results = [read_picture(picture, pages) for picture in pictures]
    if not any(result.readings for result in results):
        why = "; ".join(f"{r.source}: {r.problem}" for r in results)
        raise InputError(
            f"none of the pictures shows a page of {plan_pdf} with tick boxes; nothing was "
            f"written ({why})"
        )
    merged = merge(results, filled.values)
    write_atomically(
        output.pdf,
        lambda temporary: write_filled_copy(plan_pdf, merged.values, temporary, merged.pains),
        output.force,
        output.inputs,
    )
    return Scanned(printed, results, merged, output.pdf)


def figure_catalogue(output: Output) -> tuple[int, int]:
    """Every exercise's drawings on a few pages, for checking them. Returns (pages, count)."""
    from planbuilder.files import write_atomically
    from planbuilder.layout import load_layout
    from planbuilder.render.catalogue import render_catalogue

    lib = library()
    layout = load_layout("classic")
    pages = write_atomically(
        output.pdf, lambda temporary: render_catalogue(lib, layout, temporary), output.force
    )
    return pages, len(lib.exercises)
