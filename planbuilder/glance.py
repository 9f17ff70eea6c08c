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
    profile: Profile,
    library: Library,
    lighter_weeks: tuple[int, ...] = (),
    session_minutes: tuple[int, int] | None = None,
) -> list[tuple[str, str]]:
    """(label, value) rows describing what the answers ask for; with a built plan's shortest
    and longest session, what it really takes when that is well short of the time offered."""
    p = profile
    weeks = plural(p.weeks, "week") + f" from {p.start:%A} {p.start.day} {p.start:%B %Y}"
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
            f"{p.sessions_per_week} a week ({days}), {_length(p, session_minutes)}",
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


# A plan that fills less than this share of the minutes offered says so (planner MIN_FILL).
WELL_SHORT = 0.8


def _length(profile: Profile, session_minutes: tuple[int, int] | None) -> str:
    """ "about 20 minutes each" (a session may run a minute or two over: rule 6 allows 105 %,
    and "up to" then read as a broken promise), unless a session is well shorter: then the
    honest range.
    With pain, or few exercises that suit the person, a few well-dosed exercises take less
    time than was offered; padding them out would be more load, not better care."""
    if session_minutes is None or session_minutes[0] >= profile.minutes * WELL_SHORT:
        return f"about {profile.minutes} minutes each"
    shortest, longest = session_minutes
    span = f"{shortest} to {longest}" if shortest != longest else str(longest)
    return (
        f"about {span} minutes each: less than your {profile.minutes} on purpose, as the "
        "exercises that suit you now need no more; a walk can fill the rest"
    )


def _duration(profile: Profile) -> str:
    if profile.pain == "none":
        return ""
    if profile.pain_since is None:
        return " (for how long: not given)"
    return f" ({PAIN_SINCE_WORDS[profile.pain_since]})"


def plan_rows(plan: Plan, library: Library) -> list[tuple[str, str]]:
    """The rows for a built plan: as for its answers, with its lighter weeks named."""
    lighter = tuple(week.number for week in plan.weeks if week.deload)
    minutes = [
        session.minutes
        for week in plan.weeks
        if not week.deload
        for session in week.strength_sessions()
    ]
    span = (min(minutes), max(minutes)) if minutes else None
    return profile_rows(plan.profile, library, lighter, span)
