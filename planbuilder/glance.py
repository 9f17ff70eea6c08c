"""The plan at a glance: the same few lines on the cover, in `planbuilder plan` and in the
questionnaire's summary, so the three never tell a person different things."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planbuilder.profile import FOCUS_WORDS, PAIN_SINCE_WORDS, PAIN_WORDS

if TYPE_CHECKING:
    from planbuilder.content import Library
    from planbuilder.plan import Plan
    from planbuilder.profile import Profile

WEEKDAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def profile_rows(
    profile: Profile, library: Library, lighter_weeks: tuple[int, ...] = ()
) -> list[tuple[str, str]]:
    """(label, value) rows describing what the answers ask for."""
    p = profile
    weeks = plural(p.weeks, "week") + f" from {p.start:%a %d %b %Y}"
    if lighter_weeks:
        weeks += f" (lighter weeks: {', '.join(str(n) for n in lighter_weeks)})"
    days = ", ".join(WEEKDAY_NAMES[d] for d in p.days)
    equipment = ", ".join(library.equipment[e].name for e in p.equipment) or "None needed"
    rows = []
    if p.age is not None:
        rows.append(("Age", str(p.age)))
    rows += [
        ("Weeks", weeks),
        (
            "Strength sessions",
            f"{p.sessions_per_week} a week ({days}), up to {p.minutes} minutes each",
        ),
        ("Level", p.level.capitalize()),
        ("Your back now", PAIN_WORDS[p.pain] + _duration(p)),
        ("Focus", FOCUS_WORDS[p.focus]),
        ("Equipment", equipment),
    ]
    if p.sports and p.sport_sessions_per_week:
        sports = ", ".join(library.sports[s].name for s in p.sports)
        count = plural(p.sport_sessions_per_week, "session")
        rows.append(("Sports", f"{sports}: {count} a week"))
    return rows


def _duration(profile: Profile) -> str:
    if profile.pain == "none":
        return ""
    if profile.pain_since is None:
        return " (for how long: not given)"
    return f" ({PAIN_SINCE_WORDS[profile.pain_since]})"


def plan_rows(plan: Plan, library: Library) -> list[tuple[str, str]]:
    """The rows for a built plan: as for its answers, with its lighter weeks named."""
    lighter = tuple(week.number for week in plan.weeks if week.deload)
    return profile_rows(plan.profile, library, lighter)
