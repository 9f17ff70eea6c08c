"""Walks content/questions.yaml and asks each question with questionary.

Returns the answers (in the answers-file form) and the chosen PDF path; knows nothing of PDFs.
Answers come from three places, highest first: what the person types now, the previous
answers file (`planbuilder new --from`), and each question's default.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbuilder.content import Library
from planbuilder.vocab import TIERS

if TYPE_CHECKING:
    import questionary
from planbuilder.freetext import hidden_characters, undrawable_problem
from planbuilder.glance import WEEKDAY_NAMES, profile_rows
from planbuilder.pipeline import answers_path
from planbuilder.profile import (
    DEFAULT_DAYS,
    Profile,
    next_monday,
    profile_from_answers,
)
from planbuilder.questions import Question
from planbuilder.screening import grouped_choices, stop_early

PAPER_WORDS = {"a4": "A4", "letter": "US Letter"}
# Countries whose printers take US Letter; everywhere else uses A4.
LETTER_COUNTRIES = ("US", "CA", "MX", "PH", "CL", "CO", "VE")


def locale_paper(environ: dict[str, str] | None = None) -> str:
    """A4, or Letter where the locale's country prints on Letter (LC_PAPER, LC_ALL, LANG)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(name, "")
        if value:
            country = value.split(".")[0].partition("_")[2].upper()
            return "letter" if country in LETTER_COUNTRIES else "a4"
    return "a4"


def free_pdf_name(folder: Path, stem: str = "back-plan") -> str:
    """stem.pdf, or stem-2.pdf… whichever is free along with its answers file. A next block
    keeps the old file's name: sam.answers.yaml → sam-2.pdf."""
    stem = re.sub(r"-\d+$", "", stem) or "back-plan"
    for number in range(1, 1000):
        name = stem if number == 1 else f"{stem}-{number}"
        pdf = folder / f"{name}.pdf"
        if not pdf.exists() and not answers_path(pdf).exists():
            return pdf.name
    return f"{stem}-new.pdf"


class Asker:
    """Turns one Question into a questionary prompt. Tests may replace `ask`."""

    def __init__(self, library: Library, layouts: tuple[str, ...], folder: Path) -> None:
        self.library = library
        self.layouts = layouts
        self.folder = folder
        self.position = "•"  # "3 of 14" while the questionnaire walks its questions

    def choices(self, question: Question) -> list[tuple[str | None, str]]:
        lib = self.library
        source: dict[str, Callable[[], list[tuple[str | None, str]]]] = {
            "equipment": lambda: [(e.id, e.name) for e in lib.equipment.values()],
            "sports": lambda: [
                (s.id, f"{s.name} (about {s.minutes} min)") for s in lib.sports.values()
            ],
            "red_flags": lambda: grouped_choices(lib.safety, TIERS),
            "layouts": lambda: [(name, self._layout_label(name)) for name in self.layouts],
            "weekdays": lambda: list(WEEKDAY_NAMES.items()),
        }
        if question.choices_from:
            return source[question.choices_from]()
        return list(question.choices)

    def details(self, question: Question) -> dict[str | None, str]:
        """The full text behind a short choice label, shown under the list for the line the
        cursor is on (the screening questions)."""
        if question.key != "red_flags":
            return {}
        # questionary prints "  Description: " before it and does not wrap: we do
        width = max(shutil.get_terminal_size().columns - 16, 30)
        return {
            item.id: textwrap.fill(item.question, width, subsequent_indent=" " * 15)
            for item in self.library.safety.items.values()
        }

    def pick(self, text: str, options: list[tuple[str, str]]) -> str:
        """One of (value, label) options, asked by the code (tests replace it)."""
        import questionary

        choices = [questionary.Choice(fit(label), value) for value, label in options]
        return str(
            questionary.select(text, choices=choices, qmark="•", style=_style()).unsafe_ask()
        )

    def confirm(self, text: str, default: bool) -> bool:
        """A yes/no question asked by the code, not by questions.yaml (tests replace it)."""
        import questionary

        return bool(
            questionary.confirm(
                fit(text), default=default, qmark="•", style=_style(), auto_enter=False
            ).unsafe_ask()
        )

    def _layout_label(self, name: str) -> str:
        from planbuilder.layout import load_layout

        return f"{name}: {load_layout(name).description}"

    def ask(self, question: Question, default: Any, answers: dict[str, Any]) -> Any:
        import questionary

        style = _style()
        common: dict[str, Any] = {"qmark": self.position, "style": style}
        text = question.text
        if question.kind == "select":
            options = [questionary.Choice(label, value) for value, label in self.choices(question)]
            return questionary.select(
                text, choices=options, default=default, instruction=question.help, **common
            ).unsafe_ask()
        if question.kind == "checkbox":
            chosen = set(default or [])
            details = self.details(question)
            choices: list[Any] = [  # a None value is a heading between groups
                questionary.Choice(
                    label, value, checked=value in chosen, description=details.get(value)
                )
                if value is not None
                else questionary.Separator(f"── {label} ──")
                for value, label in self.choices(question)
            ]
            picked = questionary.checkbox(
                text,
                choices=choices,
                instruction=question.help,
                validate=lambda picked: check_count(question, picked, answers),
                erase_when_done=True,  # questionary would say "done (7 selections)"
                **common,
            ).unsafe_ask()
            labels = dict(self.choices(question))
            print(fit(f"{self.position} {text} {chosen_in_words(picked, labels)}"))
            return picked
        # Typed answers follow the question on its line: the help goes in brackets before it.
        if question.help:
            text = f"{text} ({question.help.rstrip('.')})"
        if question.kind == "confirm":
            # a typed y or n waits for Enter, as every other answer does: otherwise the Enter
            # that follows it answers the next question unseen
            return questionary.confirm(
                fit(text), default=bool(default), auto_enter=False, **common
            ).unsafe_ask()
        # The default is shown, not typed in: typing 12 over a prefilled 8 gave 812.
        shown = _as_text(default)
        if shown:
            text = f"{text} [{shown}]"
        validate = self._validator(question, shown)
        typed = questionary.text(fit(text), validate=validate, **common).unsafe_ask()
        return convert(question, typed.strip() or shown)

    def _validator(self, question: Question, default: str) -> Callable[[str], bool | str]:
        def validate(typed: str) -> bool | str:
            try:
                value = convert(question, typed.strip() or default)
            except ValueError as problem:
                return str(problem)
            if question.key == "output":
                return check_output(self.folder, value)
            return True

        return validate


def chosen_in_words(picked: list[str], labels: dict[str | None, str]) -> str:
    """What a checkbox answer says back: the choices when there are a few, else a count."""
    if not picked:
        return "none"
    if len(picked) <= 3:
        return "; ".join(labels.get(value, value) for value in picked)
    return f"{len(picked)} chosen"


def fit(text: str) -> str:
    """A question folded between words to the terminal's width (50 columns and up), since
    the terminal itself would break it mid-word."""
    width = max(shutil.get_terminal_size().columns - 8, 30)
    return textwrap.fill(text, width)


def _style() -> questionary.Style:
    """Quiet colours, and none at all when NO_COLOR is set (prompt_toolkit honours it too)."""
    import questionary

    if os.environ.get("NO_COLOR"):
        return questionary.Style([])
    return questionary.Style(
        [
            ("qmark", "fg:#2e7d32 bold"),
            ("question", "bold"),
            ("instruction", "fg:#777777"),
            ("answer", "fg:#1f5f99 bold"),
        ]
    )


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def convert(question: Question, typed: str) -> Any:
    """The typed text as the question's value; ValueError with a short reason if it is not."""
    typed = typed.strip()
    if question.kind == "number":
        if not typed.isdigit():
            raise ValueError(f"Please type a whole number from {question.low} to {question.high}.")
        number = int(typed)
        if not question.low <= number <= question.high:
            raise ValueError(f"Please choose from {question.low} to {question.high}.")
        return number
    if question.kind == "date":
        try:
            return dt.date.fromisoformat(typed)
        except ValueError:
            raise ValueError("Please type a date as YYYY-MM-DD, e.g. 2027-01-04.") from None
    if len(typed) > question.max_length:
        raise ValueError(f"Please keep it under {question.max_length} characters.")
    if hidden_characters(typed):
        raise ValueError("Please use letters, numbers and spaces only.")
    unprintable = undrawable_problem(typed)
    if unprintable:
        raise ValueError(unprintable[0].upper() + unprintable[1:] + ".")
    return typed


def check_count(question: Question, picked: list[str], answers: dict[str, Any]) -> bool | str:
    if question.count_equals and len(picked) != answers.get(question.count_equals):
        wanted = answers.get(question.count_equals)
        return (
            f"Please tick exactly {wanted} day(s), one for each session (you ticked {len(picked)})."
        )
    return True


def check_output(folder: Path, name: str) -> bool | str:
    if not name.lower().endswith(".pdf"):
        return "Please give a name ending in .pdf, e.g. back-plan.pdf."
    target = folder / name
    if not target.parent.is_dir():
        return f"There is no folder {target.parent}."
    for path in (target, answers_path(target)):
        if path.exists():
            return f"{path.name} already exists; please choose another name."
    return True


def computed_default(
    question: Question, answers: dict[str, Any], folder: Path, today: dt.date
) -> Any:
    computed: dict[str | None, Callable[[], Any]] = {
        "next_monday": lambda: next_monday(today),
        "locale_paper": locale_paper,
        "default_days": lambda: list(DEFAULT_DAYS[answers.get("sessions_per_week", 3)]),
        "free_pdf_name": lambda: free_pdf_name(folder),
        None: lambda: question.default,
    }
    return computed[question.default_from]()


def default_for(
    question: Question, known: dict[str, Any], answers: dict[str, Any], folder: Path, today: dt.date
) -> Any:
    """What a question offers: the known answer (from the old file, or given before a change),
    else its computed default. Days chosen for another number of sessions do not carry over."""
    default = known.get(question.key)
    if default is None or (
        question.key == "days" and len(default) != answers.get("sessions_per_week")
    ):
        default = computed_default(question, answers, folder, today)
    return default


def ask_all(
    questions: tuple[Question, ...],
    asker: Asker,
    previous: dict[str, Any],
    folder: Path,
    today: dt.date,
) -> dict[str, Any]:
    """Ask every question whose condition holds; stop as soon as screening says so."""
    answers: dict[str, Any] = {}
    for index, question in enumerate(questions):
        if not applies(question, answers):
            continue
        asked = sum(1 for q in questions[:index] if q.key in answers)
        # a question whose condition is not answered yet counts as one still to come
        still = sum(1 for q in questions[index:] if q.when not in answers or applies(q, answers))
        asker.position = f"{asked + 1} of {asked + still}"
        default = default_for(question, previous, answers, folder, today)
        answers[question.key] = asker.ask(question, default, answers)
        while (
            question.kind == "date"
            and answers[question.key] < today
            and not asker.confirm(
                f"{answers[question.key]:%a %d %b %Y} has already passed. Date the plan from then "
                "anyway?",
                False,
            )
        ):
            answers[question.key] = asker.ask(question, default, answers)
        if question.key == "red_flags":
            answers.update(confirm_screening(asker, question, answers["red_flags"], default))
        stop_early(answers, asker.library)
    return answers


def applies(question: Question, answers: dict[str, Any]) -> bool:
    """Whether a question is asked, given the answers so far (its `when`)."""
    return not question.when or answers.get(question.when) not in (None, "", [], False, "none")


def confirm_screening(
    asker: Asker, question: Question, picked: list[str], default: Any
) -> dict[str, Any]:
    """A slip of the key never ends the session: ticks are read back and confirmed (asked
    again if wrong); see-first items then ask whether a clinician has already cleared them."""
    safety = asker.library.safety
    while picked:
        names = "; ".join(safety.items[i].label for i in picked)
        if asker.confirm(f"You ticked: {names}. Is that right?", True):
            break
        picked = asker.ask(question, picked, {})
    see_first = [i for i in picked if safety.items[i].tier == "see_first"]
    cleared: list[str] = []
    if see_first and asker.confirm(
        "Has a doctor or physiotherapist examined you for exactly these, and said you may "
        "exercise?",
        False,
    ):
        cleared = see_first
    return {"red_flags": picked, "cleared": cleared}


def stored_answers(questions: tuple[Question, ...], answers: dict[str, Any]) -> dict[str, Any]:
    """The answers-file part: helper questions dropped, an empty name left out."""
    kept = {q.key: answers[q.key] for q in questions if q.store and q.key in answers}
    if not kept.get("name"):
        kept.pop("name", None)
    if not kept.get("sports"):
        kept["sport_sessions_per_week"] = 0
    if answers.get("cleared"):
        kept["cleared"] = answers["cleared"]
    return kept


def summary_lines(profile: Profile, library: Library, output: str) -> list[str]:
    rows = [
        ("For", profile.name or "(no name)"),
        *profile_rows(profile, library),
        ("Booklet", f"{profile.layout}, {PAPER_WORDS[profile.paper]}, saved as {output}"),
    ]
    width = max(len(label) for label, _ in rows) + 2
    return [f"  {label + ':':<{width}}{value}" for label, value in rows]


def run_questionnaire(
    questions: tuple[Question, ...],
    asker: Asker,
    previous: dict[str, Any],
    folder: Path,
    today: dt.date,
    say: Callable[[str], None] = print,
) -> tuple[Profile, Path] | None:
    """Ask, show a summary, confirm; at the summary one answer can be changed and the summary
    comes back. Returns the profile and PDF path, or None to quit."""
    answers = ask_all(questions, asker, previous, folder, today)
    while True:
        profile = profile_from_answers(
            stored_answers(questions, answers), asker.library, asker.layouts, "your answers", today
        )
        output = answers.get("output") or free_pdf_name(folder)
        say("\nHere is your plan:")
        for line in summary_lines(profile, asker.library, output):
            say(line)
        asker.position = "•"
        if asker.confirm("Build the plan?", True):
            return profile, folder / output
        choice = asker.pick(
            "What would you like to do?",
            [("change", "Change one answer"), ("quit", "Quit without writing anything")],
        )
        if choice == "quit":
            return None
        answers = change_one(questions, asker, answers, folder, today)


def change_one(
    questions: tuple[Question, ...],
    asker: Asker,
    answers: dict[str, Any],
    folder: Path,
    today: dt.date,
) -> dict[str, Any]:
    """Ask one chosen question again (and the questions that depend on it), keeping the rest."""
    asked = [q for q in questions if q.key in answers and q.key != "red_flags"]
    key = asker.pick("Which answer?", [(q.key, q.text) for q in asked])
    changed = dict(answers)
    for question in questions:
        depends = question.when == key or question.count_equals == key
        if question.key != key and not (depends and applies(question, changed)):
            continue
        default = default_for(question, changed, changed, folder, today)
        changed[question.key] = asker.ask(question, default, changed)
        stop_early(changed, asker.library)
    return changed


def ask_since_last_block(
    asker: Asker, pregnancy_cleared: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Before a next block: the emergency and see-first signs again ("since your last
    block"), confirmed; and a pregnancy clearance, which holds for one block only."""
    from planbuilder.questions import Question

    question = Question(
        key="red_flags",
        kind="checkbox",
        text="Since your last block, has any of these appeared?",
        help="Space ticks a line, Enter goes on. If none, just press Enter.",
        choices=tuple(grouped_choices(asker.library.safety, TIERS[:2])),
        choices_from=None,
        default=[],
        default_from=None,
        when=None,
        low=0,
        high=0,
        max_length=0,
        count_equals=None,
        store=True,
    )
    picked = asker.ask(question, [], {})
    confirmed = confirm_screening(asker, question, picked, [])
    again = tuple(confirmed["cleared"])
    if pregnancy_cleared and asker.confirm(
        "Your last block was cleared for pregnancy. Has your midwife or doctor said again "
        "that you may go on exercising?",
        False,
    ):
        again += ("pregnancy",)
    return tuple(confirmed["red_flags"]), again
