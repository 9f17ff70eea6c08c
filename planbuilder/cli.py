"""The command line: parses arguments, runs a command, turns errors into exit codes.

This is the only module that knows about exit codes (ExitStatus): every error a person can
cause or meet becomes one message on standard error and one status. What each command does
is in commands.py; the jobs themselves in pipeline.py.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path

from planbuilder import __version__
from planbuilder.errors import ContentError, InputError, MachineError, PlanbuilderError, SafetyStop

Command = Callable[[argparse.Namespace], None]


class ExitStatus(IntEnum):
    """What planbuilder's exit status tells a script; the README and --help list them."""

    DONE = 0
    MACHINE_FAILED = 1  # the disk, permissions, or a bug in planbuilder
    BAD_INPUT = 2  # the message names the file or option, the key, and what is allowed
    SAFETY_STOP = 3  # the answers say: see a doctor or physiotherapist first
    INTERRUPTED = 130  # Ctrl-C, or quitting the questionnaire


EXIT_STATUSES = """exit status:
  0    done
  1    the machine failed (disk full, no permission, a bug in planbuilder)
  2    bad input: the message names the file or option, the key and what is allowed
  3    stopped for safety: see a doctor or physiotherapist first (the message says how soon)
  130  cancelled (Ctrl-C, Ctrl-D, or quitting the questions)"""


def _later(name: str) -> Command:
    """The command `name` of commands.py, imported when it runs: `--help` and a mistyped
    option never load commands.py and what it imports, so they answer at once."""

    def run(args: argparse.Namespace) -> None:
        from planbuilder import commands

        getattr(commands, name)(args)

    return run


def _command(
    subcommands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    examples: str,
    run: Command,
) -> argparse.ArgumentParser:
    """A sub-command with a one-line summary, a description, examples and the exit statuses."""
    parser = subcommands.add_parser(
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
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = _command(
        subcommands,
        "build",
        "write the printable PDF of an answers file",
        "  planbuilder build sam.answers.yaml                 writes sam.pdf beside it\n"
        "  planbuilder build sam.answers.yaml -o ~/plan.pdf --force\n"
        "  planbuilder build sam.answers.yaml --weeks 5-8 -o weeks-5-8.pdf",
        _later("cmd_build"),
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
        subcommands,
        "plan",
        "show the plan an answers file gives, week by week",
        "  planbuilder plan sam.answers.yaml\n"
        "  planbuilder plan sam.answers.yaml --json | jq .weeks[0]",
        _later("cmd_plan"),
    )
    plan.add_argument("answers", type=Path, metavar="ANSWERS.yaml", help="the answers file")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON, for other tools")

    progress = _command(
        subcommands,
        "progress",
        "read back a plan ticked on screen: sessions, sets and pain, week by week",
        "  planbuilder progress sam.pdf\n  planbuilder progress sam.pdf --json",
        _later("cmd_progress"),
    )
    progress.add_argument("filled", type=Path, metavar="FILLED.pdf", help="the ticked plan")
    progress.add_argument("--json", action="store_true", help="print the report as JSON")

    following = _command(
        subcommands,
        "next",
        "build the next block from a filled plan, adjusted to what was done",
        "  planbuilder next sam.pdf                    writes sam-next.pdf and its answers\n"
        "  planbuilder next sam.pdf -o sam-block2.pdf --early\n"
        "  planbuilder next sam.pdf --ask              ticked on paper: answer a few questions\n"
        "  planbuilder next sam.pdf --week 1:3:2:2:right --week 2:2:3:3:too-hard",
        _later("cmd_next"),
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
        subcommands,
        "scan",
        "read the ticks of printed pages from phone photos or a scan",
        "  planbuilder scan sam.pdf week1.jpg week2.jpg   writes sam-scanned.pdf\n"
        "  planbuilder scan sam.pdf scanned-pages.pdf --json\n"
        "  planbuilder progress sam-scanned.pdf; planbuilder next sam-scanned.pdf\n\n"
        "needs the scan extra: pip install 'planbuilder[scan]'",
        _later("cmd_scan"),
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
        subcommands,
        "new",
        "answer the questions again, starting from old answers",
        "  planbuilder new --from sam.answers.yaml",
        _later("cmd_questionnaire"),
    )
    new.add_argument(
        "--from",
        dest="previous",
        type=Path,
        metavar="OLD.answers.yaml",
        help="an answers file whose answers become the defaults; the new block starts after it",
    )

    exercises = _command(
        subcommands,
        "exercises",
        "list the exercise library, or draw every exercise's figures",
        "  planbuilder exercises --level beginner --equipment band,cushion\n"
        "  planbuilder exercises --equipment ''            only exercises needing nothing\n"
        "  planbuilder exercises --figures figures.pdf",
        _later("cmd_exercises"),
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
        subcommands,
        "validate",
        "check content/, layouts/ and the questions for problems",
        "  planbuilder validate                  inside a checkout: its content/ and layouts/\n"
        "  planbuilder validate --content ~/my-content",
        _later("cmd_validate"),
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

    schema = _command(
        subcommands,
        "schema",
        "print the JSON Schema of a file planbuilder reads, for other tools to check it",
        "  planbuilder schema answers > answers.schema.json\n"
        "  (then, e.g.: check-jsonschema --schemafile answers.schema.json sam.answers.yaml)",
        _later("cmd_schema"),
    )
    schema.add_argument("kind", choices=["answers"], help="which file: answers")

    helper = _command(
        subcommands,
        "help",
        "show help for planbuilder or one command",
        "  planbuilder help next",
        cmd_help,
    )
    helper.add_argument("topic", nargs="?", metavar="COMMAND", help="the command to explain")
    return parser


def cmd_help(args: argparse.Namespace) -> None:
    parser = build_parser()
    if args.topic is None:
        parser.print_help()
        return
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if args.topic not in subcommands.choices:
        raise InputError(
            f"help: '{args.topic}' is not a command; commands: {', '.join(subcommands.choices)}"
        )
    subcommands.choices[args.topic].print_help()


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
        if _interrupted(bug):
            print("\nCancelled, nothing written.", file=sys.stderr)
            return ExitStatus.INTERRUPTED
        if os.environ.get("PLANBUILDER_DEBUG"):
            raise
        print(
            f"planbuilder: something went wrong inside planbuilder ({type(bug).__name__}: "
            f"{bug}). Nothing was written. Please report this with your answers file; "
            "PLANBUILDER_DEBUG=1 shows the details.",
            file=sys.stderr,
        )
        return ExitStatus.MACHINE_FAILED


def _interrupted(error: BaseException) -> bool:
    """Ctrl-C that a library turned into its own error: pydantic-core builds its validators
    in Rust and reports a KeyboardInterrupt met there as a SchemaError naming it."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt) or "KeyboardInterrupt" in str(current):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _run_command(argv: Sequence[str] | None) -> ExitStatus:
    args = build_parser().parse_args(argv)
    if args.command is None:
        args.previous = None
    run: Command = getattr(args, "run", _later("cmd_questionnaire"))
    run(args)
    return ExitStatus.DONE


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so Python's final flush of what is left in its
    buffer cannot fail again with a second message."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
