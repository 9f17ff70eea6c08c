"""The answers file's schema: what each key may hold, checked by pydantic.

The answers file is a contract: the questionnaire writes it, physiotherapists write it by
hand, `planbuilder build` reads it, and other tools can check it against the JSON Schema that
`planbuilder schema answers` prints from this same model. Ids that content defines (equipment,
sports, screening items, layouts) are checked against the library passed in the validation
context, and added to the JSON Schema as its allowed values.

profile.py turns a valid file into a Profile; this module only says whether it is valid, and
if not, lists every problem at once in our words (validation.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from planbuilder.freetext import hidden_characters_problem
from planbuilder.validation import Problem, not_one_of
from planbuilder.vocab import (
    AGE,
    MINUTES,
    PROGRESS_STEPS,
    SESSIONS_PER_WEEK,
    SPORT_SESSIONS_PER_WEEK,
    WALK_MINUTES,
    WEEKS,
    Floor,
    Focus,
    Level,
    Pain,
    PainSince,
    Paper,
    Range,
    Weekday,
)

MAX_NAME = 100
MAX_COVER_NOTE = 800
EARLIEST_START, LATEST_START = 2000, 2200


def _visible(text: str) -> str:
    problem = hidden_characters_problem(text)
    if problem:
        raise Problem(problem)
    return text


def _text(max_length: int) -> Any:
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(_visible),
    ]


def _number(span: Range, description: str) -> Any:
    return Annotated[int, Field(ge=span.low, le=span.high, strict=True, description=description)]


def _a_date(value: Any) -> Any:
    """YAML reads 2027-01-04 as a date, and a date with a time as a datetime: take both."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise Problem(
                f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04"
            ) from None
    return value


def _plausible(start: dt.date) -> dt.date:
    if not EARLIEST_START <= start.year <= LATEST_START:
        raise Problem(f"{start} is not a plausible start date")
    return start


def _as_list(value: Any) -> Any:
    """An empty key is an empty list; a single word is a list of one."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


def _no_repeats(items: list[Any]) -> list[Any]:
    for index, item in enumerate(items):
        if item in items[:index]:
            raise Problem(f"'{item}' is listed twice")
    return items


def _floor_word(value: Any) -> Any:
    """YAML reads a bare yes or no as true or false."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


Ids = Annotated[list[str], BeforeValidator(_as_list), AfterValidator(_no_repeats)]


class AnswersFile(BaseModel):
    """One person's answers. Only `level` and `age` are required."""

    model_config = ConfigDict(
        extra="forbid", use_enum_values=True, validate_default=True, title="planbuilder answers"
    )

    name: _text(MAX_NAME) | None = Field(None, description="printed on the cover")
    age: _number(AGE, "years; under 16 gets advice, not a plan") | None = None
    start: (
        Annotated[
            dt.date, BeforeValidator(_a_date), AfterValidator(_plausible), Field(strict=False)
        ]
        | None
    ) = Field(None, description="first day of week 1 (default: the coming Monday)")
    weeks: _number(WEEKS, "weeks in the plan") = WEEKS.default
    sessions_per_week: _number(SESSIONS_PER_WEEK, "strength sessions a week") = (
        SESSIONS_PER_WEEK.default
    )
    days: (
        Annotated[
            list[Weekday],
            BeforeValidator(_as_list),
            AfterValidator(_no_repeats),
            Field(min_length=1, max_length=SESSIONS_PER_WEEK.high),
        ]
        | None
    ) = Field(None, description="one weekday per strength session")
    minutes: _number(MINUTES, "minutes per strength session") = MINUTES.default
    level: Level
    pain: Pain = Pain.NONE
    equipment: Ids = Field([], description="ids from content/equipment.yaml")
    sports: Ids = Field([], description="ids from content/sports.yaml")
    sport_sessions_per_week: _number(SPORT_SESSIONS_PER_WEEK, "sport sessions a week") | None = None
    focus: Focus = Focus.BALANCED
    pain_since: PainSince | None = None
    red_flags: Ids = Field([], description="screening items answered yes")
    cleared: Ids = Field([], description="see-first items a clinician has checked and cleared")
    fall_last_year: Annotated[bool, Field(strict=True)] = False
    paper: Paper = Paper.A4
    layout: str = Field("classic", description="a layout from layouts/")
    progress_steps: _number(PROGRESS_STEPS, "written by `planbuilder next`") = 0
    cover_note: _text(MAX_COVER_NOTE) | None = Field(None, description="written by `next`")
    walking: Annotated[bool, Field(strict=True)] = True
    walk_minutes: _number(WALK_MINUTES, "minutes the person can walk comfortably now") = (
        WALK_MINUTES.default
    )
    sports_now: Annotated[bool, Field(strict=True)] = True
    floor: Annotated[Floor, BeforeValidator(_floor_word)] = Floor.YES

    @field_validator("equipment", "sports", "red_flags", "cleared", "layout")
    @classmethod
    def _known_to_the_library(cls, value: Any, info: ValidationInfo) -> Any:
        known = (info.context or {}).get(info.field_name)
        if known is None:
            return value
        for item in value if isinstance(value, list) else [value]:
            if item not in known:
                raise Problem(not_one_of(item, known))
        return value


def library_choices(library: Any, layouts: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The content-defined ids each key may take: the validation context."""
    return {
        "equipment": tuple(library.equipment),
        "sports": tuple(library.sports),
        "red_flags": tuple(library.safety.red_flags),
        "cleared": tuple(library.safety.items),
        "layout": layouts,
    }


def json_schema(choices: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """The answers file's JSON Schema, with the library's ids as allowed values."""
    schema = AnswersFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    for definition in schema.get("$defs", {}).values():
        definition.pop("description", None)  # our docstrings speak to developers
    properties = schema["properties"]
    for key, ids in choices.items():
        target = properties[key]
        if target.get("type") == "array":
            target = target["items"]
        target["enum"] = list(ids)
    return schema
