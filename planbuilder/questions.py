"""The questionnaire as data: content/questions.yaml, validated into Question objects.

The wording, order, choices, defaults, limits and conditions of every question live in the
YAML file; questionnaire.py only walks it. Keys that fill the answers file must be answers
keys, so a new question cannot silently write something `planbuilder build` would refuse, and
a number that fills the answers file asks within the answers file's range (vocab.py), which a
question may narrow but never widen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field

from planbuilder import paths
from planbuilder.content_schema import KeyPath, Strict, Text
from planbuilder.errors import ContentError
from planbuilder.profile import KEYS as ANSWER_KEYS
from planbuilder.validation import validate, where
from planbuilder.vocab import ANSWER_RANGES
from planbuilder.yamlfile import Lines, read_yaml

SOURCE = "content/questions.yaml"
NO_LIMIT = 1000


class ChoiceEntry(Strict):
    value: Text(60)
    label: Text(120)


class QuestionEntry(Strict):
    key: Text(40)
    kind: Literal["select", "checkbox", "confirm", "text", "number", "date"]
    text: Text(200)
    help: Text(200) | None = None
    choices: Annotated[tuple[ChoiceEntry, ...], Field(min_length=1)] | None = None
    choices_from: Literal["equipment", "sports", "red_flags", "layouts", "weekdays"] | None = None
    default: Any = None
    default_from: Literal["next_monday", "locale_paper", "default_days", "free_pdf_name"] | None = (
        None
    )
    when: Text(40) | None = None
    min: Annotated[int, Field(ge=0, le=NO_LIMIT, strict=True)] | None = None
    max: Annotated[int, Field(ge=0, le=NO_LIMIT, strict=True)] | None = None
    max_length: Annotated[int, Field(ge=1, le=NO_LIMIT, strict=True)] = 200
    count_equals: Text(40) | None = None
    store: Annotated[bool, Field(strict=True)] = True


class QuestionsFile(Strict):
    questions: Annotated[tuple[QuestionEntry, ...], Field(min_length=1)]


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    kind: str
    text: str
    help: str | None
    # (value, label); empty when choices_from is used; a None value is a heading between groups
    choices: tuple[tuple[str | None, str], ...]
    choices_from: str | None
    default: Any
    default_from: str | None
    when: str | None
    low: int
    high: int
    max_length: int
    count_equals: str | None
    store: bool


def _question(entry: QuestionEntry) -> Question:
    answers_range = ANSWER_RANGES.get(entry.key) if entry.store else None
    low = entry.min if entry.min is not None else (answers_range.low if answers_range else 0)
    high = (
        entry.max if entry.max is not None else (answers_range.high if answers_range else NO_LIMIT)
    )
    return Question(
        key=entry.key,
        kind=entry.kind,
        text=entry.text,
        help=entry.help.format(low=low, high=high) if entry.help else None,
        choices=tuple((choice.value, choice.label) for choice in entry.choices or ()),
        choices_from=entry.choices_from,
        default=entry.default,
        default_from=entry.default_from,
        when=entry.when,
        low=low,
        high=high,
        max_length=entry.max_length,
        count_equals=entry.count_equals,
        store=entry.store,
    )


def _between_keys(questions: QuestionsFile) -> list[tuple[KeyPath, str]]:
    problems: list[tuple[KeyPath, str]] = []
    seen: list[str] = []
    for index, entry in enumerate(questions.questions):

        def add(key: str, text: str, index: int = index) -> None:
            problems.append((("questions", index, key), text))

        if entry.store and entry.key not in ANSWER_KEYS:
            add("key", f"'{entry.key}' is not an answers-file key (set store: false for a helper)")
        if entry.key in seen:
            add("key", f"'{entry.key}' is asked twice")
        if entry.kind in ("select", "checkbox") and not entry.choices and not entry.choices_from:
            add("choices", f"a {entry.kind} question needs choices or choices_from")
        for name, reference in (("when", entry.when), ("count_equals", entry.count_equals)):
            if reference and reference not in seen:
                add(name, f"'{reference}' is not the key of an earlier question")
        if entry.default is not None and entry.default_from:
            add("default", "give default or default_from, not both")
        answers_range = ANSWER_RANGES.get(entry.key) if entry.store else None
        for name, limit in (("min", entry.min), ("max", entry.max)):
            if answers_range and limit is not None and limit not in answers_range:
                add(
                    name,
                    f"{limit} is outside the answers file's range for {entry.key} "
                    f"({answers_range.words()}); a question may only narrow it",
                )
        if entry.help:
            try:
                entry.help.format(low=0, high=0)
            except (KeyError, IndexError, ValueError):
                add("help", "may use only {low} and {high} in braces")
        seen.append(entry.key)
    if "level" not in seen:
        problems.append(((), "no question asks for 'level', which every plan needs"))
    return problems


def load_questions(path: Path | None = None) -> tuple[Question, ...]:
    path = path or paths.content_dir() / "questions.yaml"
    lines: Lines = {}
    data = read_yaml(path, ContentError, SOURCE, lines)
    found, problems = validate(QuestionsFile, data, SOURCE, lines)
    if found is not None:
        problems += [where(SOURCE, at, lines, data) + text for at, text in _between_keys(found)]
    if problems or found is None:
        raise ContentError(f"The questionnaire has {len(problems)} problem(s):", problems)
    return tuple(_question(entry) for entry in found.questions)
