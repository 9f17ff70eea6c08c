"""The answers model: what a person told us, validated, with defaults filled in.

The answers file is a contract (the questionnaire writes it, physiotherapists write it by hand,
`planbuilder build` reads it), so loading checks every field and reports every problem at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from planbuilder.content import Library
from planbuilder.errors import InputError
from planbuilder.vocab import (
    WEEKDAYS,
)
from planbuilder.yamlfile import Lines, read_yaml

if TYPE_CHECKING:  # pydantic loads only on the paths that validate answers
    from planbuilder.answers import AnswersFile

# How the booklet and the questionnaire's summary say the answers in plain words.
PAIN_WORDS = {
    "none": "No pain at the moment",
    "mild": "Mild pain",
    "moderate": "Moderate pain",
    "severe": "Severe pain",
}
# A person may say their pain is severe; screening then stops (no plan is made for it), so
# the planner only ever sees PAIN_LEVELS.
PAIN_SINCE_WORDS = {
    "under_6_weeks": "less than 6 weeks",
    "6_to_12_weeks": "6 to 12 weeks",
    "over_12_weeks": "more than 12 weeks",
    "comes_and_goes": "it comes and goes",
}
AGE_MISSING = (
    "is missing. planbuilder now asks your age, because some screening rules depend on it "
    "(answers files from before it asked cannot say). Add a line such as `age: 45`"
)
FOCUS_WORDS = {"balanced": "Whole back", "lower_back": "Lower back", "upper_back": "Upper back"}

# Strength days spread through the week with rest between them where the count allows.
DEFAULT_DAYS = {
    1: ("wed",),
    2: ("mon", "thu"),
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "fri"),
    5: ("mon", "tue", "wed", "fri", "sat"),
    6: ("mon", "tue", "wed", "thu", "fri", "sat"),
}

KEYS = (
    "name",
    "age",
    "start",
    "weeks",
    "sessions_per_week",
    "days",
    "minutes",
    "level",
    "pain",
    "equipment",
    "sports",
    "sport_sessions_per_week",
    "focus",
    "pain_since",
    "red_flags",
    "cleared",
    "fall_last_year",
    "paper",
    "layout",
    "progress_steps",
    "cover_note",
    "walking",
    "walk_minutes",
    "sports_now",
    "floor",
)
# Written by `planbuilder next` for a following block; left out of the file when unset.
BLOCK_KEYS = ("progress_steps", "cover_note")
# --- dosing answers (issue 12) ---
# Can the person get down to the floor and back up easily?
# Optional keys left out of the file at their default, so older answers files (and the plan
# ids printed from them) stay exactly as they were.
DOSING_DEFAULTS: dict[str, Any] = {
    "walking": True,
    "walk_minutes": 10,
    "sports_now": True,
    "floor": "yes",
}
# Optional keys left out of the file when unset.
UNSET_KEYS = ("name", "age", "pain_since")


@dataclass(frozen=True, slots=True)
class Profile:
    level: str
    start: dt.date
    name: str | None = None
    weeks: int = 8
    sessions_per_week: int = 3
    days: tuple[str, ...] = DEFAULT_DAYS[3]
    minutes: int = 20
    pain: str = "none"
    equipment: tuple[str, ...] = ()
    sports: tuple[str, ...] = ()
    sport_sessions_per_week: int = 0
    focus: str = "balanced"
    red_flags: tuple[str, ...] = field(default=())
    age: int | None = None  # required in answers files; None only in plans made before it
    pain_since: str | None = None  # None: not said; treated as long-standing and unchanged
    cleared: tuple[str, ...] = ()  # see_first items a clinician has checked and cleared
    fall_last_year: bool = False
    paper: str = "a4"
    layout: str = "classic"
    progress_steps: int = 0  # steps ahead (+) or behind (-) the level's starting doses
    cover_note: str | None = None  # what changed from the last block, and why
    # --- dosing answers (issue 12) ---
    walking: bool = True  # can walk for exercise: the plan includes a walking programme
    walk_minutes: int = 10  # minutes the person can walk comfortably now
    sports_now: bool = True  # already doing the chosen sports regularly
    floor: str = "yes"  # yes | with_help | no: getting down to the floor and up

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=7 * self.weeks - 1)

    def to_answers(self) -> dict[str, Any]:
        """The answers-file form: plain YAML types, keys in the documented order."""
        data = asdict(self)
        answers: dict[str, Any] = {}
        for key in KEYS:
            value = data[key]
            if key in UNSET_KEYS and value is None:
                continue
            if key in BLOCK_KEYS and not value:
                continue
            if key in DOSING_DEFAULTS and value == DOSING_DEFAULTS[key]:
                continue
            answers[key] = list(value) if isinstance(value, tuple) else value
        return answers

    def plan_id(self) -> str:
        """A short id printed on every page, so a loose printed page finds its file again."""
        text = yaml.safe_dump(self.to_answers(), sort_keys=True, allow_unicode=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8].upper()


def next_monday(today: dt.date) -> dt.date:
    """The coming Monday: today if today is a Monday."""
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def following_start(previous: Profile, today: dt.date) -> dt.date:
    """Where the next block starts: the day after the previous one ends, or, if that day has
    passed, the coming Monday."""
    following = previous.end + dt.timedelta(days=1)
    return following if following >= today else next_monday(today)


def save_answers(profile: Profile, path: Path, force: bool) -> None:
    """Write the answers file beside its PDF, atomically, never over a file without force."""
    from planbuilder.files import write_atomically

    write_atomically(path, lambda temp: temp.write_text(dump_answers(profile), "utf-8"), force)


def profile_from_answers(
    data: Any,
    library: Library,
    layouts: tuple[str, ...],
    source: str = "answers",
    today: dt.date | None = None,
    require_age: bool = True,
    lines: Lines | None = None,
) -> Profile:
    """Validate an answers mapping into a Profile; raise InputError listing every problem.

    `require_age=False` reads the answers attached to a plan printed before planbuilder
    asked for age: their ticks must stay readable."""
    from planbuilder.answers import AnswersFile, library_choices
    from planbuilder.validation import validate, where

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{source}: should be an answers file: a mapping of keys and values")
    answers, problems = validate(
        AnswersFile, data, source, lines, library_choices(library, layouts)
    )
    if answers is not None:
        problems += [
            where(source, (key,), lines) + text for key, text in _between_keys(answers, require_age)
        ]
    elif require_age and data.get("age") is None:  # every problem at once, age's too
        problems.append(where(source, ("age",), lines) + AGE_MISSING)
    if problems or answers is None:
        count = "a problem" if len(problems) == 1 else f"{len(problems)} problems"
        raise InputError(f"{source} has {count}:", problems)
    return _profile(answers, today or dt.date.today())


def _between_keys(answers: AnswersFile, require_age: bool) -> list[tuple[str, str]]:
    """What no single key can say wrong: keys that must agree with each other."""
    problems = []
    if answers.age is None and require_age:
        problems.append(("age", AGE_MISSING))
    if answers.days is not None and len(answers.days) != answers.sessions_per_week:
        problems.append(
            (
                "days",
                f"lists {len(answers.days)} day(s) but sessions_per_week is "
                f"{answers.sessions_per_week}; give one day per session",
            )
        )
    if answers.sport_sessions_per_week and not answers.sports:
        problems.append(
            (
                "sport_sessions_per_week",
                f"is {answers.sport_sessions_per_week} but no sports are chosen; add sports or "
                "set it to 0",
            )
        )
    return problems


def _profile(answers: AnswersFile, today: dt.date) -> Profile:
    values = answers.model_dump()
    sessions = answers.sessions_per_week
    days = answers.days or DEFAULT_DAYS[sessions]
    sport_sessions = answers.sport_sessions_per_week
    if sport_sessions is None:
        sport_sessions = 1 if answers.sports else 0
    for key in ("equipment", "sports", "red_flags", "cleared"):
        values[key] = tuple(values[key])
    return Profile(
        **{
            **values,
            "start": answers.start or next_monday(today),
            "days": tuple(sorted(days, key=WEEKDAYS.index)),
            "sport_sessions_per_week": sport_sessions,
        }
    )


def load_profile(
    path: Path,
    library: Library,
    layouts: tuple[str, ...],
    today: dt.date | None = None,
    require_age: bool = True,
) -> Profile:
    lines: Lines = {}
    data = read_yaml(path, lines=lines)
    return profile_from_answers(data, library, layouts, str(path), today, require_age, lines)


def dump_answers(profile: Profile) -> str:
    """The answers file text for a profile; loading it gives the same profile back."""
    header = "# planbuilder answers: edit and run `planbuilder build THIS_FILE` to rebuild.\n"
    body = yaml.safe_dump(
        profile.to_answers(), sort_keys=False, allow_unicode=True, default_flow_style=None
    )  # lists on one line: days: [mon, wed, fri]
    return header + body
