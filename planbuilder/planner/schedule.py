"""The days: strength, mobility, balance, walks and sports on the calendar (rules 1, 5,
9, 10, 11 and 13d)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from itertools import combinations, pairwise

from planbuilder.content import Library, Sport
from planbuilder.plan import (
    Day,
    MobilitySession,
    Prescription,
    Session,
    SportSession,
    StrengthSession,
    WalkSession,
    Week,
)
from planbuilder.planner.eligibility import needs_balance, scheduled_sports
from planbuilder.planner.rules import (
    BALANCE_DAYS,
    GENTLE_STRENGTH_DAYS,
    HEAVY_DAYS_PER_WEEK,
    LABELS,
    LIGHTER_SPORT_SHARE,
    SPORT_DAY_PREFERENCE,
    WALK_DAY_PREFERENCE,
    WALK_GROWTH,
    WALK_LEAST_STEP,
    WALK_MOST_STEP,
    WALK_START_DAYS,
    WALK_TARGET_DAYS,
    WALK_TARGET_MINUTES,
)
from planbuilder.planner.templates import WeekState, trains_balance
from planbuilder.profile import DOSING_DEFAULTS, Profile
from planbuilder.vocab import WEEKDAYS

# --- days ---------------------------------------------------------------------------------------


def _adjacent(a: str, b: str) -> bool:
    """Next to each other in the week, Sunday and Monday included."""
    return abs(WEEKDAYS.index(a) - WEEKDAYS.index(b)) in (1, 6)


def _gap(date: dt.date, others: list[dt.date]) -> int:
    """Days between `date` and the nearest of `others`."""
    return min(abs((date - other).days) for other in others)


def strength_days(profile: Profile) -> tuple[str, ...]:
    """The days of strength work. Beginners and anyone with moderate pain train on at most 3
    non-consecutive days (ACSM 2009); the other days they asked for become mobility days."""
    if profile.level != "beginner" and profile.pain != "moderate":
        return profile.days
    chosen: list[str] = []
    for day in profile.days:
        if len(chosen) < GENTLE_STRENGTH_DAYS and not any(_adjacent(day, c) for c in chosen):
            chosen.append(day)
    return tuple(chosen)


def balance_days(profile: Profile) -> tuple[str, ...]:
    """Extra short sessions so that balance work comes on 3 days a week when fewer days were
    asked for; never on the day kept free of everything."""
    if not needs_balance(profile) or len(profile.days) >= BALANCE_DAYS:
        return ()
    free = [day for day in SPORT_DAY_PREFERENCE if day not in profile.days]
    return tuple(free[: BALANCE_DAYS - len(profile.days)])


def sport_days(profile: Profile) -> list[str]:
    """Weekdays for the week's sport sessions, leaving at least one day fully free."""
    free = [day for day in SPORT_DAY_PREFERENCE if day not in profile.days]
    usable = free[: max(len(free) - 1, 0)]
    wanted = profile.sport_sessions_per_week
    days = usable[:wanted]
    # More sport sessions than free days: double up on strength days, in week order.
    extra = wanted - len(days)
    days += [day for day in WEEKDAYS if day in profile.days][:extra]
    return days


def walk_weeks(profile: Profile, deloads: list[bool]) -> list[tuple[int, int]]:
    """(days, minutes) of walking for each week: start at the minutes the person can walk
    now, add days before minutes, then 15 % a week (2 to 5 minutes), up to 30 minutes on 5
    days; lighter weeks hold steady (WalkBack, Pocovi 2024)."""
    if not profile.walking:
        return [(0, 0)] * len(deloads)
    minutes = min(first_walk_minutes(profile), WALK_TARGET_MINUTES)
    days = WALK_TARGET_DAYS if minutes >= WALK_TARGET_MINUTES else WALK_START_DAYS
    result: list[tuple[int, int]] = []
    for number, deload in enumerate(deloads, start=1):
        if number > 1 and not deload:
            if days < WALK_TARGET_DAYS:
                days += 1
            elif minutes < WALK_TARGET_MINUTES:
                more = min(max(WALK_LEAST_STEP, round(minutes * WALK_GROWTH)), WALK_MOST_STEP)
                minutes = min(minutes + more, WALK_TARGET_MINUTES)
        result.append((days, minutes))
    return result


def first_walk_minutes(profile: Profile) -> int:
    """The minutes the person said they can walk now. Fit people (advanced, or intermediate
    without pain) who left the answer at its default walk at least the target already:
    ten minutes would be noise for them, so their walks start at 30 minutes on 5 days."""
    fit = profile.level == "advanced" or (
        profile.level == "intermediate" and profile.pain == "none"
    )
    if fit and profile.walk_minutes == DOSING_DEFAULTS["walk_minutes"]:
        return WALK_TARGET_MINUTES
    return profile.walk_minutes


def sport_minutes(profile: Profile, usual: int, weeks: int) -> int:
    """A sport the person is not doing now, or any sport with back pain, starts at about two
    thirds of its usual length and grows by about 10 % for each week it was done."""
    if profile.sports_now and profile.pain == "none":
        return usual
    start = round(usual * 2 / 3)
    return min(usual, round(start * 1.1 ** (weeks - 1)))


@dataclass
class DayPlanner:
    """Walks the calendar handing out sessions: A or B by the heavy-day rule, mobility on
    the extra days, walks, and sports."""

    profile: Profile
    library: Library
    states: list[WeekState]
    walks: list[tuple[int, int]]
    next_label: int = 0
    last_heavy: dt.date | None = None  # the last day of session A (its heavy families)
    last_hard: dt.date | None = None  # the last day of climbing, rowing or gymnastics
    sport_count: int = 0
    # the training weeks each sport was done in (its length grows with them)
    weeks_of: dict[str, set[int]] = field(default_factory=dict)

    def week(self, number: int) -> Week:
        state = self.states[number - 1]
        dates = [self.profile.start + dt.timedelta(days=7 * (number - 1) + i) for i in range(7)]
        sports = {date: self._sports(WEEKDAYS[date.weekday()], number) for date in dates}
        labels = self._labels(state, dates, sports)
        if any(s.exercise.load == "heavy" for s in state.sessions[0]):
            sports = self._spaced_sports(sports, [d for d, label in labels.items() if label == 0])
        days: list[Day] = []
        for date in dates:
            weekday = WEEKDAYS[date.weekday()]
            sessions: list[Session] = []
            if date in labels:
                label = labels[date]
                items = tuple(s.prescription(self.library) for s in state.sessions[label])
                sessions.append(StrengthSession(LABELS[label], items))
            elif weekday in self.profile.days or weekday in balance_days(self.profile):
                sessions.append(MobilitySession(self._mobility_items(state)))
            walk_days, walk_minutes = self.walks[number - 1]
            if weekday in WALK_DAY_PREFERENCE[:walk_days]:
                sessions.append(WalkSession(walk_minutes))
            sessions += sports[date]
            days.append(Day(date, tuple(sessions)))
        return Week(number, state.deload, tuple(days))

    def _labels(
        self, state: WeekState, dates: list[dt.date], sports: dict[dt.date, list[Session]]
    ) -> dict[dt.date, int]:
        """Session A or B for each strength day. Without heavy work A and B take turns; with
        it, A (the heavy session) goes on the days `_heavy_days` picks, B on the others."""
        days = [d for d in dates if WEEKDAYS[d.weekday()] in strength_days(self.profile)]
        a_heavy = any(s.exercise.load == "heavy" for s in state.sessions[0])
        hard_sport = [d for d in dates if any(self._loads_the_back(s) for s in sports[d])]
        if not (a_heavy and len(state.sessions) > 1 and len(days) > 1):
            labels = {}
            for date in days:  # A and B take turns, across the weeks too
                label = self.next_label
                blocked = self.last_heavy is not None and (date - self.last_heavy).days == 1
                if label == 0 and a_heavy and len(state.sessions) > 1 and blocked:
                    label = 1
                labels[date] = label
                self.next_label = (label + 1) % len(state.sessions)
            # Every A day counts, heavy or not yet: the week A turns heavy (the drill becomes
            # the deadlift) must not put the lift on the day after last week's drill.
            a_days = [d for d, label in labels.items() if label == 0]
            self.last_heavy = max(a_days, default=self.last_heavy)
            self.last_hard = max(hard_sport, default=self.last_hard)
            return labels
        a_days = self._heavy_days(days, hard_sport) or days[1:2]  # after last week's A
        self.last_heavy = max(a_days)
        self.last_hard = max(hard_sport, default=self.last_hard)
        self.next_label = 0
        return {date: 0 if date in a_days else 1 for date in days}

    def _spaced_sports(
        self, sports: dict[dt.date, list[Session]], a_days: list[dt.date]
    ) -> dict[dt.date, list[Session]]:
        """The week's sports on the same days, but the one that needs the longest recovery
        (climbing: fingers, elbows and back pull to the limit) on the day farthest from the
        heavy session A, so that a day of rest lies between them (ACSM 2009: 48 h between
        hard loads on the same muscles; physiotherapist review: climb 48 h from each A).
        Only days with one sport are exchanged, and only between sports of the same load, so
        the hard days A was spaced from stay where they are; a sport's minutes go with it."""
        if not a_days:
            return sports
        placed = dict(sports)
        for load in ("light", "moderate", "heavy"):
            single = [
                date
                for date, sessions in sports.items()
                if len(sessions) == 1 and self._sport(sessions[0]).load == load
            ]
            farthest_first = sorted(single, key=lambda date: (-_gap(date, a_days), date))
            longest_first = sorted(
                (sports[date][0] for date in single),
                key=lambda session: self._sport(session).recovery_days,
                reverse=True,
            )
            placed |= {date: [s] for date, s in zip(farthest_first, longest_first, strict=True)}
        return placed

    def _sport(self, session: Session) -> Sport:
        assert isinstance(session, SportSession)
        return self.library.sports[session.sport]

    def _heavy_days(self, days: list[dt.date], hard_sport: list[dt.date]) -> list[dt.date]:
        """Days for the heavy session A. Always: never two in a row, never the day after last
        week's last A, at most half the strength days and at most 3, at least one B day
        (rule 1). Then, best first: not on a day of climbing, rowing or gymnastics (the two
        together make one very hard day: physiotherapist review); as many A days as that
        allows (one heavy session a week left the other four to B); next to as few of those
        sports as possible (ACSM 2009: 48 h between loads on the same muscles); earliest."""
        most = min(-(-len(days) // 2), HEAVY_DAYS_PER_WEEK, len(days) - 1)
        hard = set(hard_sport) | ({self.last_hard} if self.last_hard else set())

        def spaced(chosen: tuple[dt.date, ...]) -> bool:
            after_last = self.last_heavy is not None and (chosen[0] - self.last_heavy).days == 1
            return not after_last and all((b - a).days > 1 for a, b in pairwise(chosen))

        def cost(chosen: tuple[dt.date, ...]) -> tuple[int, int, int, tuple[dt.date, ...]]:
            stacked = sum(date in hard for date in chosen)
            beside = sum(
                date + dt.timedelta(days=shift) in hard for date in chosen for shift in (-1, 1)
            )
            return stacked, -len(chosen), beside, chosen

        options = [
            chosen
            for size in range(1, most + 1)
            for chosen in combinations(days, size)
            if spaced(chosen)
        ]
        return list(min(options, key=cost)) if options else []

    def _loads_the_back(self, session: Session) -> bool:
        return (
            isinstance(session, SportSession) and self.library.sports[session.sport].load == "heavy"
        )

    def _mobility_items(self, state: WeekState) -> tuple[Prescription, ...]:
        """The warm-ups, light holds and stretches of the week, at the week's own doses; the
        holds once (one set), so a mobility day stays short and the trunk rests between the
        strength days (ACSM 2009: 48 h between sessions loading the same muscles)."""
        seen: dict[str, Prescription] = {}
        for session in state.sessions:
            for slot in session:
                ex = slot.exercise
                easy = (
                    ex.phase != "main"
                    or (ex.load == "light" and ex.dose.kind == "hold")
                    or (needs_balance(self.profile) and trains_balance(ex))
                )
                if easy:
                    once = replace(slot, sets=1) if ex.phase == "main" else slot
                    seen.setdefault(ex.family, once.prescription(self.library))  # one a family
        order = ("warm_up", "main", "cool_down")
        return tuple(
            sorted(
                seen.values(),
                key=lambda p: order.index(self.library.exercises[p.exercise].phase),
            )
        )

    def _sports(self, weekday: str, number: int) -> list[Session]:
        sessions: list[Session] = []
        for _ in range(sport_days(self.profile).count(weekday)):
            sports = scheduled_sports(self.profile, self.library)
            if not sports:
                break
            sport_id = sports[self.sport_count % len(sports)]
            sport = self.library.sports[sport_id]
            weeks = self.weeks_of.setdefault(sport_id, set())
            # A lighter week holds a sport's length, and shortens one that loads the back
            # like a heavy session (physiotherapist review: the climber's lighter weeks cut
            # only the strength work; NSCA: a deload lowers the whole week's volume).
            if not self.states[number - 1].deload:
                weeks.add(number)
            minutes = sport_minutes(self.profile, sport.minutes, max(1, len(weeks)))
            if self.states[number - 1].deload and sport.load == "heavy":
                minutes = 5 * round(minutes * LIGHTER_SPORT_SHARE / 5)  # "about 15 min"
            sessions.append(SportSession(sport.id, minutes))
            self.sport_count += 1
        return sessions
