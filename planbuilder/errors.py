"""The errors planbuilder reports to people.

Each carries a message written for the person at the terminal; the command line turns the
class into an exit status (see cli.py) and never shows a traceback for these.
"""

from __future__ import annotations


class PlanbuilderError(Exception):
    """Base of every error whose message is meant for the user."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return "\n".join([self.message, *(f"  - {p}" for p in self.problems)])


class InputError(PlanbuilderError):
    """The person's input (answers file, arguments, output path) cannot be used."""


class ContentError(PlanbuilderError):
    """The content library or a layout is broken: no plan is built from it."""


class SafetyStop(PlanbuilderError):
    """The answers show a reason to see a clinician before exercising."""


class MachineError(PlanbuilderError):
    """The machine failed us: a full disk, a folder we may not write to, a closed output."""
