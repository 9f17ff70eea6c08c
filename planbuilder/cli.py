"""The command line: parses arguments, runs the pipeline, turns errors into exit codes.

This is the only module that knows about exit codes (ExitStatus) and prints to the terminal.
The jobs themselves live in pipeline.py.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import shlex
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbuilder import __version__, clock
from planbuilder.errors import ContentError, InputError, MachineError, PlanbuilderError, SafetyStop

if TYPE_CHECKING:  # the modules themselves load lazily, so --help stays fast
    from planbuilder.content import Exercise, Library
    from planbuilder.pipeline import Output, Rescreen, Told, Written
    from planbuilder.plan import Plan
    from planbuilder.profile import Profile
    from planbuilder.questions import Question


class ExitStatus(IntEnum):
    """What planbuilder's exit status tells a script; the README and --help list them."""

    DONE = 0
    MACHINE_FAILED = 1  # the disk, permissions, or a bug in planbuilder
    BAD_INPUT = 2  # the message names the file or option, the key, and what is allowed
    SAFETY_STOP = 3  # the answers say: see a doctor or physiotherapist first
    INTERRUPTED = 130  # Ctrl-C, or quitting the questionnaire


def _output(path: Path, force: bool, *inputs: Path) -> Output:
    from planbuilder.pipeline import Output

    return Output(path, force, inputs)


def cmd_plan(args: argparse.Namespace) -> ExitStatus:
    from planbuilder.pipeline import plan_of
    from planbuilder.plan import plan_to_json
    from planbuilder.summary import plan_summary

    plan = plan_of(args.answers, clock.today())
    _warn_if_started(plan)
    if args.json:
        from planbuilder.pipeline import library
        from planbuilder.readback import pain_rule_json

        data = {**plan_to_json(plan), "pain_rule": pain_rule_json(library().safety.pain_rule)}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        from planbuilder.pipeline import library

        print(plan_summary(plan, library()))
    return ExitStatus.DONE


def _warn_if_started(plan: Plan) -> None:
    from planbuilder.pipeline import start_in_the_past

    note = start_in_the_past(plan, clock.today())
    if note:
        print(f"planbuilder: {note}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> ExitStatus:
    from planbuilder.pipeline import build

    output = args.output or default_pdf_name(args.answers)
    target = _output(output, args.force, args.answers)
    written = build(args.answers, target, clock.today(), args.weeks)
    _warn_if_started(written.plan)
    weeks = ("--weeks", args.weeks) if args.weeks else ()
    rebuild = shell_command(
        "planbuilder", "build", args.answers, *weeks, "-o", written.pdf, "--force"
    )
    print(
        f"Wrote {written.pdf} ({written.pages} pages). "
        f"To rebuild it after changing the answers: {rebuild}"
    )
    return ExitStatus.DONE


def default_pdf_name(answers: Path) -> Path:
    """sam.answers.yaml → sam.pdf, beside it; other names keep their stem: sam.yaml → sam.pdf."""
    stem = answers.name.removesuffix(".yaml").removesuffix(".yml").removesuffix(".answers")
    return answers.with_name(f"{stem or 'back-plan'}.pdf")


def shell_command(*words: str | Path) -> str:
    """A command a person can paste into their shell as it is, whatever the file names."""
    return shlex.join(str(word) for word in words)


NOT_A_TERMINAL = (
    "planbuilder asks its questions in a terminal, and this is not one (input or output is "
    "redirected). To make a plan without questions, write an answers file (examples/ has some) "
    "and run: planbuilder build ANSWERS.yaml"
)


def is_terminal() -> bool:
    """Questions need a person at a terminal: both input and output must be one."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def cmd_questionnaire(args: argparse.Namespace) -> ExitStatus:
    """`planbuilder` alone, or `planbuilder new --from OLD.answers.yaml`."""
    from planbuilder.pipeline import layout_names, library
    from planbuilder.questions import load_questions

    if not is_terminal():
        raise InputError(NOT_A_TERMINAL)
    questions = load_questions()
    today = clock.today()
    previous = _previous_answers(args.previous, today) if args.previous else {}
    return interview(questions, library(), layout_names(), previous, Path.cwd(), today)


def _previous_answers(path: Path, today: dt.date) -> dict[str, Any]:
    """The old answers as defaults; the next block starts the day after the old one ends."""
    from planbuilder.pipeline import load_answers
    from planbuilder.profile import DEFAULT_DAYS, following_start
    from planbuilder.questionnaire import free_pdf_name

    old = load_answers(path, today, require_age=False)  # an old file: age is asked anyway
    previous = old.to_answers()
    previous["start"] = following_start(old, today)
    previous["choose_days"] = old.days != DEFAULT_DAYS[old.sessions_per_week]
    previous["output"] = free_pdf_name(path.parent, default_pdf_name(path).stem)
    return previous


def interview(
    questions: tuple[Question, ...],
    library: Library,
    layouts: tuple[str, ...],
    previous: dict[str, Any],
    folder: Path,
    today: dt.date,
) -> ExitStatus:
    """Ask, build the PDF, save the answers beside it, say what was written."""
    from planbuilder.pipeline import build_with_answers
    from planbuilder.questionnaire import Asker, run_questionnaire

    try:
        result = run_questionnaire(
            questions, Asker(library, layouts, folder), previous, folder, today
        )
    except EOFError:  # Ctrl-D at a prompt: the terminal was checked above
        raise KeyboardInterrupt from None
    if result is None:  # "quit" at the summary: as Ctrl-C, said in the same words
        raise KeyboardInterrupt
    profile, pdf = result
    written = build_with_answers(profile, _output(pdf, force=False))
    assert written.answers is not None
    print("\n".join(last_screen(written.pdf.resolve(), written.answers.resolve(), written)))
    return ExitStatus.DONE


def fit(line: str) -> str:
    return textwrap.fill(line, max(shutil.get_terminal_size().columns - 1, 40))


def last_screen(pdf: Path, answers: Path, written: Written) -> list[str]:
    """What to do next: where the files are, how to print and tick, and the exact commands
    for when the block ends."""
    profile = written.plan.profile
    paper = "A4" if profile.paper == "a4" else "US Letter"
    lines = [
        "",
        f"Your plan is ready: {written.pages} pages.",
        f"  The plan:     {pdf}",
        f"  Your answers: {answers}",
        "",
        f"Print it on {paper} paper at actual size (100 %; not 'fit to page', so the tick "
        "boxes keep their size), one-sided, so the week pages can be pinned up.",
    ]
    if profile.weeks > 8:
        lines.append(
            "It is a long plan: print the first pages (cover to the guide) and the first "
            "four weeks now, and the next weeks as you reach them."
        )
    lines += [
        "Tick one box for each set as you do it and write your pain before and after "
        "(0-10); or open the PDF on a screen, click the boxes and save.",
        "",
        f"This block ends on {profile.end:%A %d %B %Y}. See how it went:",
        f"  {shell_command('planbuilder', 'progress', pdf)}",
        "Then build the next block from your ticks:",
        f"  {shell_command('planbuilder', 'next', pdf)}",
        f"To change an answer: edit the answers file and run "
        f"`{shell_command('planbuilder', 'build', answers, '-o', pdf, '--force')}`,",
        f"or answer again with `{shell_command('planbuilder', 'new', '--from', answers)}`.",
    ]
    return [fit(line) if not line.startswith("  ") else line for line in lines]


def cmd_progress(args: argparse.Namespace) -> ExitStatus:
    from planbuilder.pipeline import library, read_progress
    from planbuilder.readback import progress_json, progress_text

    progress = read_progress(args.filled, clock.today())
    safety = library().safety
    if args.json:
        print(json.dumps(progress_json(progress, safety), indent=2, ensure_ascii=False))
    else:
        print(progress_text(progress, safety))
    return ExitStatus.DONE


def cmd_next(args: argparse.Namespace) -> ExitStatus:
    """The next block from a filled plan: doses adjusted to what was done and how it felt,
    after asking again about the warning signs."""
    from planbuilder.pipeline import next_block

    filled: Path = args.filled
    output: Path = args.output or filled.with_name(f"{filled.stem}-next.pdf")
    result = next_block(
        filled,
        _output(output, args.force, filled),
        clock.today(),
        lambda old: _rescreen(args, old),
        args.early,
        _told(args),
    )
    written = result.written
    profile = written.plan.profile
    assert written.answers is not None
    print(result.decision.paragraph)
    print(
        f"Wrote {written.pdf} ({written.pages} pages, {profile.weeks} weeks from "
        f"{profile.start:%d %b %Y}) and its answers, {written.answers.name}."
    )
    return ExitStatus.DONE


def cmd_scan(args: argparse.Namespace) -> ExitStatus:
    """Photos or scans of ticked pages → a filled copy of the plan."""
    from planbuilder.pipeline import scan

    plan: Path = args.plan
    output: Path = args.output or plan.with_name(f"{plan.stem}-scanned.pdf")
    scanned = scan(plan, args.images, _output(output, args.force, plan, *args.images))
    if args.json:
        from planbuilder.scan.report import scan_json

        print(json.dumps(scan_json(scanned), indent=2, ensure_ascii=False))
    else:
        from planbuilder.scan.report import scan_text

        print(scan_text(scanned))
    return ExitStatus.DONE


def _told(args: argparse.Namespace) -> Told | None:
    """With --ask or --week: the weeks as told, from the flags, else asked in the terminal."""
    from planbuilder.told import ask_weeks, parse_week_flag

    if args.weeks:
        flags: list[str] = args.weeks
        return lambda plan, _last: [parse_week_flag(flag, plan) for flag in flags]
    if not args.ask:
        return None
    if not is_terminal():
        raise InputError(
            "--ask asks its questions in a terminal, and this is not one. In a script, give "
            "each week as --week N:SESSIONS:PAIN_BEFORE:PAIN_AFTER:FEEL (FEEL: too-easy, "
            "right or too-hard), for example --week 1:3:2:2:right"
        )
    return ask_weeks


NEXT_NEEDS_SIGNS = (
    "next asks whether any warning signs have appeared since your last block, and this is not "
    "a terminal. Add --no-new-signs if none have, or --signs ID,ID naming them (ids: "
    "`planbuilder help next`)"
)


def _rescreen(args: argparse.Namespace, old: Profile) -> Rescreen:
    """What has changed since the last block: from the options, or asked at the terminal."""
    from planbuilder.pipeline import Rescreen, library

    cleared = tuple(_split_ids(args.cleared))
    if args.no_new_signs or args.signs is not None:
        return Rescreen(tuple(_split_ids(args.signs)), cleared, args.age)
    if not is_terminal():
        raise InputError(NEXT_NEEDS_SIGNS)
    from planbuilder.questionnaire import Asker, ask_since_last_block

    asker = Asker(library(), (), Path.cwd())
    try:
        signs, again = ask_since_last_block(asker, "pregnancy" in old.cleared)
    except EOFError:
        raise KeyboardInterrupt from None
    return Rescreen(signs, tuple(dict.fromkeys([*cleared, *again])), args.age)


def cmd_exercises(args: argparse.Namespace) -> ExitStatus:
    from planbuilder.content import LEVELS
    from planbuilder.pipeline import library as load_library
    from planbuilder.planner import has_equipment

    library = load_library()
    if args.figures:
        return _figure_catalogue(args.figures, args.force)
    equipment = _split_ids(args.equipment)
    unknown = [e for e in equipment if e not in library.equipment]
    if unknown:
        raise InputError(
            f"--equipment: {', '.join(unknown)} not known; allowed: {', '.join(library.equipment)}"
        )
    if args.level and args.level not in LEVELS:
        raise InputError(f"--level: '{args.level}' is not one of {', '.join(LEVELS)}")
    rows = [
        _exercise_row(ex)
        for ex in library.exercises.values()
        if (not args.level or args.level in ex.levels)
        and (args.equipment is None or has_equipment(ex, set(equipment)))
    ]
    if not rows:
        print("No exercise matches these filters.")
        return ExitStatus.DONE
    width = shutil.get_terminal_size().columns
    print("\n".join(_exercise_table(rows, width)))
    footer = f"{len(rows)} of {len(library.exercises)} exercises"
    print("\n" + textwrap.fill(f"{footer} (id, name, areas, levels, equipment)", max(width, 30)))
    return ExitStatus.DONE


def _exercise_table(rows: Sequence[tuple[str, str, str, str, str]], width: int) -> list[str]:
    """Aligned columns when they fit the terminal; otherwise each exercise as a short block
    whose details wrap to the width, so nothing runs off a narrow window."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    if sum(widths) + 2 * (len(widths) - 1) <= width:
        return [
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows
        ]
    lines = []
    for ex_id, name, areas, levels, needs in rows:
        lines += textwrap.wrap(f"{ex_id}  {name}", width=max(width, 30), subsequent_indent="  ")
        details = f"areas: {areas}; levels: {levels}; equipment: {needs}"
        lines += textwrap.wrap(
            details, width=max(width, 30), initial_indent="    ", subsequent_indent="    "
        )
    return lines


def _exercise_row(ex: Exercise) -> tuple[str, str, str, str, str]:
    needs = list(ex.equipment) + ([" or ".join(ex.equipment_one_of)] if ex.equipment_one_of else [])
    return (ex.id, ex.name, ", ".join(ex.areas), ", ".join(ex.levels), ", ".join(needs) or "-")


def _figure_catalogue(output: Path, force: bool) -> ExitStatus:
    from planbuilder.pipeline import figure_catalogue

    pages, count = figure_catalogue(_output(output, force))
    print(f"Wrote {output} ({pages} pages): the figures of all {count} exercises.")
    return ExitStatus.DONE


def _split_ids(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def cmd_validate(args: argparse.Namespace) -> ExitStatus:
    from planbuilder.content import load_library
    from planbuilder.layout import available_layouts, check_all_layouts
    from planbuilder.questions import load_questions

    content, layouts = _folders_to_check(args)
    problems: list[str] = []
    library = None
    try:
        library = load_library(content)
    except ContentError as exc:
        problems.extend(exc.problems or [exc.message])
    problems.extend(check_all_layouts(layouts))
    try:
        load_questions(content / "questions.yaml")
    except ContentError as exc:
        problems.extend(exc.problems or [exc.message])
    where = f"content at {content}, layouts at {layouts}"
    if problems:
        print(f"Found {len(problems)} problem(s) in {where}:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return ExitStatus.BAD_INPUT
    assert library is not None
    print(
        f"Checked {where}: all valid. {len(library.exercises)} exercises, "
        f"{len(library.sports)} sports, {len(library.safety.red_flags)} screening questions, "
        f"{len(available_layouts(layouts))} layouts."
    )
    return ExitStatus.DONE


def _folders_to_check(args: argparse.Namespace) -> tuple[Path, Path]:
    """The folders `validate` checks: those given, else the checkout the command is run in
    (a writer edits those, not the installed copy), else the installed ones."""
    from planbuilder import paths

    checkout = _enclosing_checkout(Path.cwd())
    content = args.content or (checkout / "content" if checkout else paths.content_dir())
    layouts = args.layouts or (checkout / "layouts" if checkout else paths.layouts_dir())
    for option, folder in (("--content", content), ("--layouts", layouts)):
        if not folder.is_dir():
            raise InputError(f"{option}: {folder} is not a folder")
    return content.resolve(), layouts.resolve()


def _enclosing_checkout(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` that is a planbuilder source checkout."""
    for candidate in (folder, *folder.parents):
        project = candidate / "pyproject.toml"
        if (
            (candidate / "content" / "exercises").is_dir()
            and project.is_file()
            and 'name = "planbuilder"' in project.read_text(encoding="utf-8", errors="replace")
        ):
            return candidate
    return None


EXIT_STATUSES = """exit status:
  0    done
  1    the machine failed (disk full, no permission, a bug in planbuilder)
  2    bad input: the message names the file or option, the key and what is allowed
  3    stopped for safety: see a doctor or physiotherapist first (the message says how soon)
  130  cancelled (Ctrl-C, Ctrl-D, or quitting the questions)"""


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    examples: str,
    run: Callable[[argparse.Namespace], ExitStatus],
) -> argparse.ArgumentParser:
    """A sub-command with a one-line summary, a description, examples and the exit statuses."""
    parser = commands.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=f"examples:\n{examples}\n\n{EXIT_STATUSES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)
    return parser


def _force(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help=f"replace {what} if it exists (never a folder, device or one of the inputs)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planbuilder",
        description="Turn a few answers into a printable, multi-week back-strengthening plan. "
        "Run without a command to answer a few questions and get your PDF.",
        epilog="examples:\n"
        "  planbuilder                                  answer a few questions, get your PDF\n"
        "  planbuilder build sam.answers.yaml           the PDF of an answers file (sam.pdf)\n"
        "  planbuilder progress sam.pdf                 what you ticked so far\n"
        "  planbuilder next sam.pdf                     the next block, shaped by your ticks\n"
        "  planbuilder scan sam.pdf photo.jpg           read ticks made on paper\n"
        "  planbuilder help build                       more about one command\n\n" + EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"planbuilder {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = _command(
        commands,
        "build",
        "write the printable PDF of an answers file",
        "  planbuilder build sam.answers.yaml                 writes sam.pdf beside it\n"
        "  planbuilder build sam.answers.yaml -o ~/plan.pdf --force\n"
        "  planbuilder build sam.answers.yaml --weeks 5-8 -o weeks-5-8.pdf",
        cmd_build,
    )
    build.add_argument("answers", type=Path, metavar="ANSWERS.yaml", help="the answers file")
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PLAN.pdf",
        help="where to write the PDF (default: the answers file's name with .pdf, beside it)",
    )
    _force(build, "PLAN.pdf")
    build.add_argument(
        "--weeks",
        metavar="FIRST-LAST",
        help="just these weeks (e.g. 5-8), with a short cover, the safety page, their "
        "exercise cards and tracker: to print a long plan a block at a time",
    )

    plan = _command(
        commands,
        "plan",
        "show the plan an answers file gives, week by week",
        "  planbuilder plan sam.answers.yaml\n"
        "  planbuilder plan sam.answers.yaml --json | jq .weeks[0]",
        cmd_plan,
    )
    plan.add_argument("answers", type=Path, metavar="ANSWERS.yaml", help="the answers file")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON, for other tools")

    progress = _command(
        commands,
        "progress",
        "read back a plan ticked on screen: sessions, sets and pain, week by week",
        "  planbuilder progress sam.pdf\n  planbuilder progress sam.pdf --json",
        cmd_progress,
    )
    progress.add_argument("filled", type=Path, metavar="FILLED.pdf", help="the ticked plan")
    progress.add_argument("--json", action="store_true", help="print the report as JSON")

    following = _command(
        commands,
        "next",
        "build the next block from a filled plan, adjusted to what was done",
        "  planbuilder next sam.pdf                    writes sam-next.pdf and its answers\n"
        "  planbuilder next sam.pdf -o sam-block2.pdf --early\n"
        "  planbuilder next sam.pdf --ask              ticked on paper: answer a few questions\n"
        "  planbuilder next sam.pdf --week 1:3:2:2:right --week 2:2:3:3:too-hard",
        cmd_next,
    )
    following.add_argument("filled", type=Path, metavar="FILLED.pdf", help="the ticked plan")
    following.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="NEXT.pdf",
        help="where to write it (default: FILLED-next.pdf beside it); its answers file goes "
        "beside it and is never replaced",
    )
    following.add_argument(
        "--no-new-signs",
        action="store_true",
        help="none of the warning signs has appeared since the last block (for scripts; at a "
        "terminal planbuilder asks)",
    )
    following.add_argument(
        "--signs",
        action="append",
        metavar="IDS",
        help="warning signs that have appeared since the last block (screening ids of "
        "content/safety.yaml, comma-separated); the block is then screened again",
    )
    following.add_argument(
        "--cleared",
        action="append",
        metavar="IDS",
        help="items a doctor or physiotherapist has checked again and cleared (a pregnancy "
        "clearance holds for one block only)",
    )
    following.add_argument(
        "--age", type=int, metavar="YEARS", help="your age, if the old plan did not record it"
    )
    following.add_argument(
        "--early",
        action="store_true",
        help="build it before the plan's last week has begun",
    )
    following.add_argument(
        "--ask",
        action="store_true",
        help="for ticks made on paper: answer a few questions week by week (sessions done, "
        "usual pain before and after, how it felt) instead of reading the ticks",
    )
    following.add_argument(
        "--week",
        dest="weeks",
        action="append",
        metavar="N:SESSIONS:BEFORE:AFTER:FEEL",
        help="the same answers without questions, one --week per week, e.g. "
        "--week 1:3:2:2:right (FEEL: too-easy, right, too-hard); weeks left out count as "
        "nothing done",
    )
    _force(following, "NEXT.pdf")

    scanner = _command(
        commands,
        "scan",
        "read the ticks of printed pages from phone photos or a scan",
        "  planbuilder scan sam.pdf week1.jpg week2.jpg   writes sam-scanned.pdf\n"
        "  planbuilder scan sam.pdf scanned-pages.pdf --json\n"
        "  planbuilder progress sam-scanned.pdf; planbuilder next sam-scanned.pdf\n\n"
        "needs the scan extra: pip install 'planbuilder[scan]'",
        cmd_scan,
    )
    scanner.add_argument("plan", type=Path, metavar="PLAN.pdf", help="the plan you printed")
    scanner.add_argument(
        "images",
        type=Path,
        nargs="+",
        metavar="IMAGE",
        help="photos (JPEG, PNG, HEIC) or scanned PDFs of ticked pages, any order, any pages",
    )
    scanner.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILLED.pdf",
        help="where to write the filled copy (default: PLAN-scanned.pdf beside the plan)",
    )
    scanner.add_argument("--json", action="store_true", help="print what was read as JSON")
    _force(scanner, "FILLED.pdf")

    new = _command(
        commands,
        "new",
        "answer the questions again, starting from old answers",
        "  planbuilder new --from sam.answers.yaml",
        cmd_questionnaire,
    )
    new.add_argument(
        "--from",
        dest="previous",
        type=Path,
        metavar="OLD.answers.yaml",
        help="an answers file whose answers become the defaults; the new block starts after it",
    )

    exercises = _command(
        commands,
        "exercises",
        "list the exercise library, or draw every exercise's figures",
        "  planbuilder exercises --level beginner --equipment band,cushion\n"
        "  planbuilder exercises --equipment ''            only exercises needing nothing\n"
        "  planbuilder exercises --figures figures.pdf",
        cmd_exercises,
    )
    exercises.add_argument(
        "--level", help="only exercises for this level: beginner, intermediate or advanced"
    )
    exercises.add_argument(
        "--equipment",
        action="append",
        metavar="IDS",
        help="only exercises doable with this equipment (ids, comma-separated; '' for none)",
    )
    exercises.add_argument(
        "--figures",
        type=Path,
        metavar="OUT.pdf",
        help="write a sheet of every exercise's figures instead of the list",
    )
    _force(exercises, "OUT.pdf")

    validate = _command(
        commands,
        "validate",
        "check content/, layouts/ and the questions for problems",
        "  planbuilder validate                  inside a checkout: its content/ and layouts/\n"
        "  planbuilder validate --content ~/my-content",
        cmd_validate,
    )
    validate.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="the content folder to check (default: the checkout you are in, else the "
        "installed one)",
    )
    validate.add_argument(
        "--layouts", type=Path, metavar="DIR", help="the layouts folder to check (same default)"
    )

    helper = _command(
        commands,
        "help",
        "show help for planbuilder or one command",
        "  planbuilder help next",
        cmd_help,
    )
    helper.add_argument("topic", nargs="?", metavar="COMMAND", help="the command to explain")
    return parser


def cmd_help(args: argparse.Namespace) -> ExitStatus:
    parser = build_parser()
    if args.topic is None:
        parser.print_help()
        return ExitStatus.DONE
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if args.topic not in commands.choices:
        raise InputError(
            f"help: '{args.topic}' is not a command; commands: {', '.join(commands.choices)}"
        )
    commands.choices[args.topic].print_help()
    return ExitStatus.DONE


def _report(error: PlanbuilderError) -> None:
    print(wrapped(f"planbuilder: {error}"), file=sys.stderr)


def wrapped(text: str) -> str:
    """Lines folded at the terminal's width between words (list items keep their indent), so
    a stop message read at 50 columns never breaks a word in two. Unchanged when not a
    terminal: scripts and logs get one line per message."""
    if not sys.stderr.isatty():
        return text
    width = max(shutil.get_terminal_size().columns - 1, 30)
    lines = []
    for line in text.splitlines():
        indent = " " * (len(line) - len(line.lstrip(" -")))
        lines.append(textwrap.fill(line, width, subsequent_indent=indent) if line else "")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status; every error a person can cause or meet
    becomes one line on standard error, never a traceback."""
    try:
        status = _run_command(argv)
        sys.stdout.flush()  # a full disk or closed pipe shows here, not at interpreter exit
        return status
    except SafetyStop as stop:
        print(wrapped(str(stop)), file=sys.stderr)
        return ExitStatus.SAFETY_STOP
    except (InputError, ContentError) as error:
        _report(error)
        return ExitStatus.BAD_INPUT
    except MachineError as error:
        _report(error)
        return ExitStatus.MACHINE_FAILED
    except KeyboardInterrupt:
        print("\nCancelled, nothing written.", file=sys.stderr)
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`planbuilder plan x | head`): not an error worth a message.
        _silence_stdout()
        return ExitStatus.DONE
    except OSError as error:  # our own files are MachineErrors; this is the terminal's output
        _silence_stdout()
        print(f"planbuilder: cannot write to standard output: {error.strerror}", file=sys.stderr)
        return ExitStatus.MACHINE_FAILED
    except Exception as bug:  # noqa: BLE001 - the last line of defence against a traceback
        if os.environ.get("PLANBUILDER_DEBUG"):
            raise
        print(
            f"planbuilder: something went wrong inside planbuilder ({type(bug).__name__}: "
            f"{bug}). Nothing was written. Please report this with your answers file; "
            "PLANBUILDER_DEBUG=1 shows the details.",
            file=sys.stderr,
        )
        return ExitStatus.MACHINE_FAILED


def _run_command(argv: Sequence[str] | None) -> ExitStatus:
    args = build_parser().parse_args(argv)
    if args.command is None:
        args.previous = None
    run: Callable[[argparse.Namespace], ExitStatus] = getattr(args, "run", cmd_questionnaire)
    return run(args)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so Python's final flush of what is left in its
    buffer cannot fail again with a second message."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
