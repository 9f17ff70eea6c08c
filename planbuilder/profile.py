"""The answers model: what a person told us, validated, with defaults filled in.

The answers file is a contract (the questionnaire writes it, physiotherapists write it by hand,
`planbuilder build` reads it), so loading checks every field and reports every problem at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from planbuilder.content import Library
from planbuilder.errors import InputError
from planbuilder.fields import Fields
from planbuilder.vocab import (
    ANSWER_PAIN_LEVELS,
    FLOOR_ANSWERS,
    FOCUSES,
    LEVELS,
    PAIN_SINCE,
    PAPERS,
    WEEKDAYS,
)
from planbuilder.yamlfile import read_yaml

MAX_NAME = 100
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
AGES = (16, 100)
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


def _date(fields: Fields, key: str, default: dt.date) -> dt.date:
    value = fields.raw(key)
    if value is None:
        return default
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    fields.problem(key, f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04")
    return default


def profile_from_answers(
    data: Any,
    library: Library,
    layouts: tuple[str, ...],
    source: str = "answers",
    today: dt.date | None = None,
    require_age: bool = True,
) -> Profile:
    """Validate an answers mapping into a Profile; raise InputError listing every problem.

    `require_age=False` reads the answers attached to a plan printed before planbuilder
    asked for age: their ticks must stay readable."""
    problems: list[str] = []
    if data is None:
        data = {}
    fields = Fields(data, f"{source}: ", problems, "an answers file: a mapping")
    fields.check_keys(KEYS, ["level"])
    today = today or dt.date.today()

    name = fields.text("name", None, max_length=MAX_NAME)
    start = _date(fields, "start", next_monday(today))
    if start.year < 2000 or start.year > 2200:
        fields.problem("start", f"{start} is not a plausible start date")
    sessions = fields.integer("sessions_per_week", 3, low=1, high=6)
    days = _days(fields, sessions)
    sports = tuple(
        fields.text_list("sports", [], allowed=library.sports, max_items=len(library.sports))
    )
    sport_sessions = fields.integer("sport_sessions_per_week", 1 if sports else 0, low=0, high=5)
    if sport_sessions and not sports:
        fields.problem(
            "sport_sessions_per_week",
            f"is {sport_sessions} but no sports are chosen; add sports or set it to 0",
        )
    profile = Profile(
        name=name,
        start=start,
        weeks=fields.integer("weeks", 8, low=1, high=52),
        sessions_per_week=sessions,
        days=days,
        minutes=fields.integer("minutes", 20, low=10, high=60),
        level=fields.choice("level", LEVELS),
        pain=fields.choice("pain", ANSWER_PAIN_LEVELS, "none"),
        pain_since=fields.choice("pain_since", PAIN_SINCE, None),
        age=_age(fields, require_age),
        cleared=tuple(fields.text_list("cleared", [], allowed=library.safety.items)),
        fall_last_year=fields.boolean("fall_last_year", False),
        equipment=tuple(fields.text_list("equipment", [], allowed=library.equipment)),
        sports=sports,
        sport_sessions_per_week=sport_sessions,
        focus=fields.choice("focus", FOCUSES, "balanced"),
        red_flags=tuple(fields.text_list("red_flags", [], allowed=library.safety.red_flags)),
        paper=fields.choice("paper", PAPERS, "a4"),
        layout=fields.choice("layout", layouts, "classic"),
        progress_steps=fields.integer("progress_steps", 0, low=-5, high=200),
        cover_note=fields.text("cover_note", None, max_length=800),
        walking=fields.boolean("walking", True),
        walk_minutes=fields.integer("walk_minutes", 10, low=1, high=120),
        sports_now=fields.boolean("sports_now", True),
        floor=_floor(fields),
    )
    if problems:
        count = "a problem" if len(problems) == 1 else f"{len(problems)} problems"
        raise InputError(f"{source} has {count}:", problems)
    return profile


def _floor(fields: Fields) -> str:
    """yes | with_help | no; YAML reads a bare yes or no as true or false, so take those too."""
    value = fields.raw("floor")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(fields.choice("floor", FLOOR_ANSWERS, "yes"))


def _age(fields: Fields, required: bool) -> int | None:
    if not fields.has("age"):
        if required:
            fields.problem("age", AGE_MISSING)
        return None
    # Under 16 is not bad input but a safety stop (screening.py), with advice, so accept it here.
    return fields.integer("age", low=1, high=AGES[1])


def _days(fields: Fields, sessions: int) -> tuple[str, ...]:
    if not fields.has("days"):
        return DEFAULT_DAYS.get(sessions, DEFAULT_DAYS[3])
    days = fields.text_list("days", allowed=WEEKDAYS, min_items=1, max_items=6)
    given = fields.raw("days")
    if isinstance(given, list) and len(days) != sessions and len(days) == len(given):
        fields.problem(
            "days",
            f"lists {len(days)} day(s) but sessions_per_week is {sessions}; "
            "give one day per session",
        )
    return tuple(sorted(days, key=WEEKDAYS.index))


def load_profile(
    path: Path,
    library: Library,
    layouts: tuple[str, ...],
    today: dt.date | None = None,
    require_age: bool = True,
) -> Profile:
    return profile_from_answers(read_yaml(path), library, layouts, str(path), today, require_age)


def dump_answers(profile: Profile) -> str:
    """The answers file text for a profile; loading it gives the same profile back."""
    header = "# planbuilder answers: edit and run `planbuilder build THIS_FILE` to rebuild.\n"
    body = yaml.safe_dump(
        profile.to_answers(), sort_keys=False, allow_unicode=True, default_flow_style=None
    )  # lists on one line: days: [mon, wed, fri]
    return header + body
