"""Every closed vocabulary and every range of planbuilder, declared once.

A level, a pain level or a weekday is one of a few words that the answers file, the
questionnaire, the planner and the booklet must agree on; a range such as 1-52 weeks is a
promise the questionnaire, the answers file and its JSON Schema all make. Declaring each here
once means a change is made in one place. The members are `StrEnum`s, so they compare equal to
the plain words in YAML and JSON, and their order is the order of the declaration (from least
to most: `Pain.order`, `Level.order`).

Ids that content defines (exercises, equipment, sports, layouts, screening items) are not
here: they live in content/ and are checked against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Ordered(StrEnum):
    """A vocabulary whose order means something (less to more)."""

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)


class Level(Ordered):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Pain(Ordered):
    """How much the back hurts now. `severe` stops the tool (screening.py): the planner and
    the content only ever see the first three (`PLANNED_PAIN`)."""

    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


PLANNED_PAIN: tuple[str, ...] = Pain.values()[:3]


class Weekday(Ordered):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class Focus(StrEnum):
    BALANCED = "balanced"
    LOWER_BACK = "lower_back"
    UPPER_BACK = "upper_back"


class PainSince(Ordered):
    UNDER_6_WEEKS = "under_6_weeks"
    WEEKS_6_TO_12 = "6_to_12_weeks"
    OVER_12_WEEKS = "over_12_weeks"
    COMES_AND_GOES = "comes_and_goes"


class Floor(StrEnum):
    """Can the person get down to the floor and back up?"""

    YES = "yes"
    WITH_HELP = "with_help"
    NO = "no"


class Tier(Ordered):
    """Screening tiers, most urgent first: what each does is in screening.py."""

    EMERGENCY = "emergency"
    SEE_FIRST = "see_first"
    CAUTION = "caution"


@dataclass(frozen=True, slots=True)
class Range:
    """The whole numbers an answer may take, and its default when not given."""

    low: int
    high: int
    default: int | None = None

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high

    def words(self) -> str:
        return f"{self.low} to {self.high}"


# The answers file's numbers (the questionnaire asks within the same ranges).
WEEKS = Range(1, 52, 8)
SESSIONS_PER_WEEK = Range(1, 6, 3)
MINUTES = Range(10, 60, 20)
SPORT_SESSIONS_PER_WEEK = Range(0, 5)
WALK_MINUTES = Range(1, 120, 10)
# Under 16 is not bad input but a safety stop with advice (screening.py): the file takes 1-100.
AGE = Range(1, 100)
PROGRESS_STEPS = Range(-5, 200, 0)
ANSWER_RANGES = {
    "weeks": WEEKS,
    "sessions_per_week": SESSIONS_PER_WEEK,
    "minutes": MINUTES,
    "sport_sessions_per_week": SPORT_SESSIONS_PER_WEEK,
    "walk_minutes": WALK_MINUTES,
    "age": AGE,
    "progress_steps": PROGRESS_STEPS,
}

# The words themselves, in order, for code that lists or indexes them.
LEVELS = Level.values()
PAIN_LEVELS = PLANNED_PAIN
ANSWER_PAIN_LEVELS = Pain.values()
WEEKDAYS = Weekday.values()
PAPERS = tuple(paper.value for paper in Paper)
FOCUSES = tuple(focus.value for focus in Focus)
PAIN_SINCE = PainSince.values()
FLOOR_ANSWERS = tuple(floor.value for floor in Floor)
# The exercises' positions that take a person down to the floor.
DOWN_POSITIONS = ("floor", "kneeling")
TIERS = Tier.values()
