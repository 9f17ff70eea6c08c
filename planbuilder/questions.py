"""The questionnaire as data: content/questions.yaml, validated into Question objects.

The wording, order, choices, defaults, limits and conditions of every question live in the
YAML file; questionnaire.py only walks it. Keys that fill the answers file must be answers
keys, so a new question cannot silently write something `planbuilder build` would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planbuilder import paths
from planbuilder.errors import ContentError
from planbuilder.fields import Fields
from planbuilder.profile import KEYS as ANSWER_KEYS
from planbuilder.yamlfile import read_yaml

KINDS = ("select", "checkbox", "confirm", "text", "number", "date")
CHOICE_SOURCES = ("equipment", "sports", "red_flags", "layouts", "weekdays")
COMPUTED_DEFAULTS = ("next_monday", "locale_paper", "default_days", "free_pdf_name")
QUESTION_KEYS = (
    "key",
    "kind",
    "text",
    "help",
    "choices",
    "choices_from",
    "default",
    "default_from",
    "when",
    "min",
    "max",
    "max_length",
    "count_equals",
    "store",
)


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


def _choices(fields: Fields) -> tuple[tuple[str, str], ...]:
    raw = fields.raw("choices")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        fields.problem("choices", "should be a list of {value, label}")
        return ()
    result = []
    for index, entry in enumerate(raw):
        item = Fields(entry, f"{fields.where}choices[{index}].", fields.problems)
        item.check_keys(["value", "label"], ["value", "label"])
        result.append((item.text("value"), item.text("label", max_length=120)))
    return tuple(result)


def _question(data: Any, index: int, source: str, problems: list[str], seen: list[str]) -> Question:
    label = data.get("key", index) if isinstance(data, dict) else index
    fields = Fields(data, f"{source}: {label}: ", problems, "a question: a mapping")
    fields.check_keys(QUESTION_KEYS, ["key", "kind", "text"])
    store = fields.boolean("store", True)
    key = fields.text("key", max_length=40)
    if store and key and key not in ANSWER_KEYS:
        fields.problem("key", f"'{key}' is not an answers-file key (set store: false for a helper)")
    kind = fields.choice("kind", KINDS)
    question = Question(
        key=key,
        kind=kind,
        text=fields.text("text", max_length=200),
        help=fields.text("help", None, max_length=200),
        choices=_choices(fields),
        choices_from=fields.choice("choices_from", CHOICE_SOURCES, None),
        default=fields.raw("default"),
        default_from=fields.choice("default_from", COMPUTED_DEFAULTS, None),
        when=fields.text("when", None, max_length=40),
        low=fields.integer("min", 0, low=0, high=1000),
        high=fields.integer("max", 1000, low=0, high=1000),
        max_length=fields.integer("max_length", 200, low=1, high=1000),
        count_equals=fields.text("count_equals", None, max_length=40),
        store=store,
    )
    if kind in ("select", "checkbox") and not question.choices and not question.choices_from:
        fields.problem("choices", f"a {kind} question needs choices or choices_from")
    for name, reference in (("when", question.when), ("count_equals", question.count_equals)):
        if reference and reference not in seen:
            fields.problem(name, f"'{reference}' is not the key of an earlier question")
    if question.default is not None and question.default_from:
        fields.problem("default", "give default or default_from, not both")
    return question


def load_questions(path: Path | None = None) -> tuple[Question, ...]:
    path = path or paths.content_dir() / "questions.yaml"
    source = "content/questions.yaml"
    data = read_yaml(path, ContentError, source)
    problems: list[str] = []
    top = Fields(data, f"{source}: ", problems)
    top.check_keys(["questions"], ["questions"])
    seen: list[str] = []
    questions = []
    for index, entry in enumerate(top.raw("questions") or []):
        question = _question(entry, index, source, problems, seen)
        if question.key in seen:
            problems.append(f"{source}: {question.key}: asked twice")
        seen.append(question.key)
        questions.append(question)
    if "level" not in seen:
        problems.append(f"{source}: no question asks for 'level', which every plan needs")
    if problems:
        raise ContentError(f"The questionnaire has {len(problems)} problem(s):", problems)
    return tuple(questions)
