"""The commands: what each `planbuilder` command does, in the terminal's words.

Each command reads its arguments, runs its job through pipeline.py and prints what happened
(or raises one of our errors, which cli.py turns into a message and an exit status). The
questionnaire, the exercise list and the last screen a person sees live here too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbuilder import clock
from planbuilder.errors import ContentError, InputError

if TYPE_CHECKING:  # the modules themselves load lazily, so --help stays fast
    from planbuilder.content import Exercise, Library
    from planbuilder.pipeline import Output, Rescreen, Told, Written
    from planbuilder.plan import Plan
    from planbuilder.profile import Profile
    from planbuilder.questions import Question


def _output(path: Path, force: bool, *inputs: Path) -> Output:
    from planbuilder.pipeline import Output

    return Output(path, force, inputs)


def cmd_plan(args: argparse.Namespace) -> None:
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


def _warn_if_started(plan: Plan) -> None:
    from planbuilder.pipeline import start_in_the_past

    note = start_in_the_past(plan, clock.today())
    if note:
        print(f"planbuilder: {note}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> None:
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


def cmd_questionnaire(args: argparse.Namespace) -> None:
    """`planbuilder` alone, or `planbuilder new --from OLD.answers.yaml`."""
    from planbuilder.pipeline import layout_names, library
    from planbuilder.questions import load_questions

    if not is_terminal():
        raise InputError(NOT_A_TERMINAL)
    questions = load_questions()
    today = clock.today()
    previous = _previous_answers(args.previous, today) if args.previous else {}
    interview(questions, library(), layout_names(), previous, Path.cwd(), today)


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
) -> None:
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
        "Tick one box for each set as you do it and tick your pain before and after on its "
        "circles (0-10); or open the PDF on a screen, click the boxes and circles and save.",
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


def cmd_progress(args: argparse.Namespace) -> None:
    from planbuilder.pipeline import library, read_progress
    from planbuilder.readback import progress_json, progress_text

    progress = read_progress(args.filled, clock.today())
    safety = library().safety
    if args.json:
        print(json.dumps(progress_json(progress, safety), indent=2, ensure_ascii=False))
    else:
        print(progress_text(progress, safety))


def cmd_next(args: argparse.Namespace) -> None:
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


def cmd_scan(args: argparse.Namespace) -> None:
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
    "a terminal. Add --no-new-signs if none have, or --signs ID,ID naming them (ids: {ids})"
)


def _rescreen(args: argparse.Namespace, old: Profile) -> Rescreen:
    """What has changed since the last block: from the options, or asked at the terminal."""
    from planbuilder.pipeline import Rescreen, library

    cleared = tuple(_split_ids(args.cleared))
    if args.no_new_signs or args.signs is not None:
        return Rescreen(tuple(_split_ids(args.signs)), cleared, args.age)
    if not is_terminal():
        raise InputError(NEXT_NEEDS_SIGNS.format(ids=", ".join(library().safety.items)))
    from planbuilder.questionnaire import Asker, ask_since_last_block

    asker = Asker(library(), (), Path.cwd())
    try:
        signs, again = ask_since_last_block(asker, "pregnancy" in old.cleared)
    except EOFError:
        raise KeyboardInterrupt from None
    return Rescreen(signs, tuple(dict.fromkeys([*cleared, *again])), args.age)


def cmd_exercises(args: argparse.Namespace) -> None:
    from planbuilder.pipeline import library as load_library
    from planbuilder.planner.eligibility import has_equipment
    from planbuilder.vocab import LEVELS

    library = load_library()
    if args.figures:
        _figure_catalogue(args.figures, args.force)
        return
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
        return
    width = shutil.get_terminal_size().columns
    print("\n".join(_exercise_table(rows, width)))
    footer = f"{len(rows)} of {len(library.exercises)} exercises"
    print("\n" + textwrap.fill(f"{footer} (id, name, areas, levels, equipment)", max(width, 30)))


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


def _figure_catalogue(output: Path, force: bool) -> None:
    from planbuilder.pipeline import figure_catalogue

    pages, count = figure_catalogue(_output(output, force))
    print(f"Wrote {output} ({pages} pages): the figures of all {count} exercises.")


def _split_ids(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def cmd_validate(args: argparse.Namespace) -> None:
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
        raise ContentError(f"Found {len(problems)} problem(s) in {where}:", problems)
    assert library is not None
    print(
        f"Checked {where}: all valid. {len(library.exercises)} exercises, "
        f"{len(library.sports)} sports, {len(library.safety.red_flags)} screening questions, "
        f"{len(available_layouts(layouts))} layouts."
    )


def cmd_schema(args: argparse.Namespace) -> None:
    """The answers file's JSON Schema, for editors and other tools that write answers files."""
    import json

    from planbuilder.answers import json_schema, library_choices
    from planbuilder.content import default_library
    from planbuilder.layout import available_layouts

    schema = json_schema(library_choices(default_library(), available_layouts()))
    print(json.dumps(schema, indent=2, ensure_ascii=False))


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
