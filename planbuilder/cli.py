"""The command line: parses arguments, runs the pipeline, turns errors into exit codes.

This is the only module that knows about exit codes and prints to the terminal:
0 done, 2 bad input, 3 refused for safety, 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbuilder import __version__
from planbuilder.errors import ContentError, InputError, PlanbuilderError, SafetyStop

if TYPE_CHECKING:  # the modules themselves load lazily, so --help stays fast
    from planbuilder.content import Exercise, Library
    from planbuilder.plan import Plan
    from planbuilder.progress import Progress
    from planbuilder.questions import Question
    from planbuilder.render.layout import Layout

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_SAFETY = 3
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 1


def _context() -> tuple[Library, tuple[str, ...]]:
    """The validated library and layout names every command starts from."""
    from planbuilder.content import default_library
    from planbuilder.render.layout import available_layouts

    return default_library(), available_layouts()


def _load_plan(answers: Path) -> tuple[Plan, Library]:
    from planbuilder.planner import build_plan
    from planbuilder.profile import load_profile

    library, layouts = _context()
    profile = load_profile(answers, library, layouts)
    return build_plan(profile, library), library


def cmd_plan(args: argparse.Namespace) -> int:
    from planbuilder.plan import plan_to_json
    from planbuilder.summary import plan_summary

    plan, library = _load_plan(args.answers)
    if args.json:
        print(json.dumps(plan_to_json(plan), indent=2, ensure_ascii=False))
    else:
        print(plan_summary(plan, library))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from planbuilder.files import check_writable
    from planbuilder.render.layout import load_layout

    output: Path = args.output
    check_writable(output, args.force)
    plan, library = _load_plan(args.answers)
    layout = load_layout(plan.profile.layout)
    pages = write_pdf(plan, library, layout, output, args.force)
    rebuild = f"planbuilder build {args.answers} -o {output} --force"
    print(f"Wrote {output} ({pages} pages). To rebuild it after changing the answers: {rebuild}")
    return EXIT_OK


def write_pdf(plan: Plan, library: Library, layout: Layout, output: Path, force: bool) -> int:
    """Render into a temporary file beside `output` and move it into place when complete."""
    from planbuilder.files import write_atomically
    from planbuilder.render.document import render_pdf

    return write_atomically(
        output, lambda temporary: render_pdf(plan, library, layout, temporary), force
    )


NOT_A_TERMINAL = (
    "planbuilder asks its questions in a terminal, and this is not one (input or output is "
    "redirected). To make a plan without questions, write an answers file (examples/ has some) "
    "and run: planbuilder build ANSWERS.yaml"
)


def is_terminal() -> bool:
    """Questions need a person at a terminal: both input and output must be one."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def cmd_questionnaire(args: argparse.Namespace) -> int:
    """`planbuilder` alone, or `planbuilder new --from OLD.answers.yaml`."""
    from planbuilder.questions import load_questions

    if not is_terminal():
        raise InputError(NOT_A_TERMINAL)
    library, layouts = _context()
    questions = load_questions()
    today = dt.date.today()
    previous = _previous_answers(args.previous, library, layouts, today) if args.previous else {}
    return interview(questions, library, layouts, previous, Path.cwd(), today)


def _previous_answers(
    path: Path, library: Library, layouts: tuple[str, ...], today: dt.date
) -> dict[str, Any]:
    """The old answers as defaults; the next block starts the day after the old one ends."""
    from planbuilder.profile import DEFAULT_DAYS, following_start, load_profile

    old = load_profile(path, library, layouts, today)
    previous = old.to_answers()
    previous["start"] = following_start(old, today)
    previous["choose_days"] = old.days != DEFAULT_DAYS[old.sessions_per_week]
    return previous


def interview(
    questions: tuple[Question, ...],
    library: Library,
    layouts: tuple[str, ...],
    previous: dict[str, Any],
    folder: Path,
    today: dt.date,
) -> int:
    """Ask, build the PDF, save the answers beside it, say what was written."""
    from planbuilder.planner import build_plan
    from planbuilder.profile import save_answers
    from planbuilder.questionnaire import Asker, answers_path, run_questionnaire
    from planbuilder.render.layout import load_layout

    try:
        result = run_questionnaire(
            questions, Asker(library, layouts, folder), previous, folder, today
        )
    except EOFError:
        raise InputError(NOT_A_TERMINAL) from None
    if result is None:
        print("Nothing written.")
        return EXIT_OK
    profile, pdf = result
    answers_file = answers_path(pdf)
    plan = build_plan(profile, library)
    pages = write_pdf(plan, library, load_layout(profile.layout), pdf, force=False)
    save_answers(profile, answers_file, force=False)
    print(
        f"\nYour plan is ready: {pdf.name} ({pages} pages). "
        f"Your answers are in {answers_file.name}."
    )
    print(
        f"To change something, edit {answers_file.name} and run "
        f"`planbuilder build {answers_file.name} -o {pdf.name} --force`,"
    )
    print(f"or answer again with `planbuilder new --from {answers_file.name}`.")
    return EXIT_OK


def _read_progress(path: Path) -> tuple[Progress, Library]:
    from planbuilder.planner import build_plan
    from planbuilder.progress import measure, read_filled

    library, layouts = _context()
    profile, values = read_filled(path, library, layouts)
    return measure(build_plan(profile, library), values), library


def cmd_progress(args: argparse.Namespace) -> int:
    from planbuilder.progress import progress_json, progress_text

    progress, _ = _read_progress(args.filled)
    if args.json:
        print(json.dumps(progress_json(progress), indent=2, ensure_ascii=False))
    else:
        print(progress_text(progress))
    return EXIT_OK


def cmd_next(args: argparse.Namespace) -> int:
    """The next block from a filled plan: doses adjusted to what was done and how it felt."""
    from planbuilder.files import check_writable
    from planbuilder.planner import build_plan
    from planbuilder.profile import save_answers
    from planbuilder.progress import next_block
    from planbuilder.questionnaire import answers_path
    from planbuilder.render.layout import load_layout

    filled: Path = args.filled
    output: Path = args.output or filled.with_name(f"{filled.stem}-next.pdf")
    answers_file = answers_path(output)
    check_writable(output, args.force)
    check_writable(answers_file, args.force)
    progress, library = _read_progress(filled)
    decision = next_block(progress, dt.date.today())
    plan = build_plan(decision.profile, library)
    pages = write_pdf(plan, library, load_layout(plan.profile.layout), output, args.force)
    save_answers(plan.profile, answers_file, args.force)
    print(decision.paragraph)
    print(
        f"Wrote {output} ({pages} pages, {plan.profile.weeks} weeks from "
        f"{plan.profile.start:%d %b %Y}) and its answers, {answers_file.name}."
    )
    return EXIT_OK


def cmd_exercises(args: argparse.Namespace) -> int:
    from planbuilder.content import LEVELS

    library, _ = _context()
    if args.figures:
        return _figure_catalogue(library, args.figures, args.force)
    equipment = _split_ids(args.equipment)
    unknown = [e for e in equipment if e not in library.equipment]
    if unknown:
        raise InputError(
            f"--equipment: {', '.join(unknown)} not known; allowed: {', '.join(library.equipment)}"
        )
    if args.level and args.level not in LEVELS:
        raise InputError(f"--level: '{args.level}' is not one of {', '.join(LEVELS)}")
    rows = []
    for ex in library.exercises.values():
        if args.level and args.level not in ex.levels:
            continue
        if args.equipment is not None and not _doable_with(ex, set(equipment)):
            continue
        needs = list(ex.equipment) + (
            [" or ".join(ex.equipment_one_of)] if ex.equipment_one_of else []
        )
        rows.append(
            (ex.id, ex.name, ", ".join(ex.areas), ", ".join(ex.levels), ", ".join(needs) or "-")
        )
    if not rows:
        print("No exercise matches these filters.")
        return EXIT_OK
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) if i < 4 else cell for i, cell in enumerate(row)))
    print(
        f"\n{len(rows)} of {len(library.exercises)} exercises "
        "(columns: id, name, areas, levels, equipment)"
    )
    return EXIT_OK


def _figure_catalogue(library: Library, output: Path, force: bool) -> int:
    from planbuilder.files import write_atomically
    from planbuilder.render.catalogue import render_catalogue
    from planbuilder.render.layout import load_layout

    layout = load_layout("classic")
    pages = write_atomically(
        output, lambda temporary: render_catalogue(library, layout, temporary), force
    )
    print(f"Wrote {output} ({pages} pages): the figures of all {len(library.exercises)} exercises.")
    return EXIT_OK


def _split_ids(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _doable_with(exercise: Exercise, owned: set[str]) -> bool:
    needs_ok = all(e in owned or e in exercise.substitutes for e in exercise.equipment)
    return needs_ok and (
        not exercise.equipment_one_of or bool(owned & set(exercise.equipment_one_of))
    )


def cmd_validate(args: argparse.Namespace) -> int:
    from planbuilder.content import load_library
    from planbuilder.questions import load_questions
    from planbuilder.render.layout import available_layouts, check_all_layouts

    problems: list[str] = []
    library = None
    try:
        library = load_library()
    except ContentError as exc:
        problems.extend(exc.problems or [exc.message])
    problems.extend(check_all_layouts())
    try:
        load_questions()
    except ContentError as exc:
        problems.extend(exc.problems or [exc.message])
    if problems:
        print(f"Found {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    assert library is not None
    print(
        f"content/ and layouts/ are valid: {len(library.exercises)} exercises, "
        f"{len(library.sports)} sports, {len(library.safety.red_flags)} red-flag questions, "
        f"{len(available_layouts())} layouts."
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planbuilder",
        description="Turn a few answers into a printable, multi-week back-strengthening plan. "
        "Run without a command to answer a few questions and get your PDF.",
    )
    parser.add_argument("--version", action="version", version=f"planbuilder {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    plan = commands.add_parser("plan", help="show the plan an answers file gives")
    plan.add_argument("answers", type=Path, metavar="ANSWERS.yaml")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")
    plan.set_defaults(run=cmd_plan)

    build = commands.add_parser("build", help="write the printable PDF of an answers file")
    build.add_argument("answers", type=Path, metavar="ANSWERS.yaml")
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("back-plan.pdf"),
        metavar="PLAN.pdf",
        help="where to write the PDF (default: back-plan.pdf)",
    )
    build.add_argument("--force", action="store_true", help="replace the PDF if it exists")
    build.set_defaults(run=cmd_build)

    exercises = commands.add_parser("exercises", help="list the exercise library")
    exercises.add_argument("--level", help="only exercises for this level")
    exercises.add_argument(
        "--equipment",
        action="append",
        metavar="IDS",
        help="only exercises doable with this equipment (comma-separated; give '' for none)",
    )
    exercises.add_argument(
        "--figures",
        type=Path,
        metavar="OUT.pdf",
        help="write a sheet of every exercise's figures instead of the list",
    )
    exercises.add_argument("--force", action="store_true", help="replace OUT.pdf if it exists")
    exercises.set_defaults(run=cmd_exercises)

    progress = commands.add_parser("progress", help="read back a plan ticked on screen")
    progress.add_argument("filled", type=Path, metavar="FILLED.pdf")
    progress.add_argument("--json", action="store_true", help="print the report as JSON")
    progress.set_defaults(run=cmd_progress)

    following = commands.add_parser("next", help="build the next block from a filled plan")
    following.add_argument("filled", type=Path, metavar="FILLED.pdf")
    following.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="NEXT.pdf",
        help="where to write it (default: FILLED-next.pdf beside it)",
    )
    following.add_argument("--force", action="store_true", help="replace NEXT.pdf if it exists")
    following.set_defaults(run=cmd_next)

    new = commands.add_parser("new", help="answer the questions again, starting from old answers")
    new.add_argument(
        "--from",
        dest="previous",
        type=Path,
        metavar="OLD.answers.yaml",
        help="an answers file whose answers become the defaults",
    )
    new.set_defaults(run=cmd_questionnaire)

    validate = commands.add_parser("validate", help="check content/ and layouts/ for problems")
    validate.set_defaults(run=cmd_validate)
    return parser


def _report(error: PlanbuilderError) -> None:
    print(f"planbuilder: {error}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.previous = None
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", cmd_questionnaire)
    try:
        return run(args)
    except SafetyStop as stop:
        print(str(stop), file=sys.stderr)
        return EXIT_SAFETY
    except (InputError, ContentError) as error:
        _report(error)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\nCancelled, nothing written.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`planbuilder plan x | head`): not an error worth a message.
        sys.stderr.close()
        return EXIT_OK
    except Exception as bug:  # noqa: BLE001 - the last line of defence against a traceback
        if os.environ.get("PLANBUILDER_DEBUG"):
            raise
        print(
            f"planbuilder: something went wrong inside planbuilder ({type(bug).__name__}: "
            f"{bug}). Nothing was written. Please report this with your answers file; "
            "PLANBUILDER_DEBUG=1 shows the details.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
