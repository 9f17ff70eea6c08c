"""Reading a filled plan back: what was done and how the back felt, week by week.

Pure apart from reading the PDF: the answers travel inside it, the plan is rebuilt from them
(the planner is deterministic), and the form fields are matched against what it asked for.
What the next block should be is decided in next_block.py.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from planbuilder.acroform import (
    ANSWERS_ATTACHMENT,
    PLAN_ATTACHMENT,
    done_field,
    gate_field,
    light_field,
    mobility_set_field,
    notes_field,
    pain_field,
    set_field,
    sport_field,
    tracker_field,
    tracker_pain_field,
)
from planbuilder.content import PainRule, Safety
from planbuilder.errors import InputError
from planbuilder.plan import (
    PLAN_FORMAT,
    MobilitySession,
    Plan,
    SportSession,
    StrengthSession,
    Week,
    weeks_from_json,
)
from planbuilder.profile import Profile
from planbuilder.yamlfile import MAX_BYTES, parse_yaml

DAMAGED_RECORD = "{path}: the plan stored inside it is damaged; nothing was read"


@dataclass
class WeekProgress:
    number: int
    sessions_planned: int = 0
    sessions_done: int = 0
    sets_planned: int = 0
    sets_done: int = 0
    pain_before: list[int] = field(default_factory=list)
    pain_after: list[int] = field(default_factory=list)
    weekly_pain: int | None = None
    entries: int = 0  # anything filled in at all
    mobility_sets_planned: int = 0
    mobility_sets_done: int = 0
    notes: str = ""
    # A lift starting this week: exercise -> {"entry_check": ticked, "coach": ticked}
    gates: dict[str, dict[str, bool]] = field(default_factory=dict)


@dataclass(frozen=True)
class PrintedPlan:
    """The plan a PDF was printed with: what each of its boxes means."""

    plan_id: str
    profile: Profile
    weeks: tuple[Week, ...]
    exercise_names: dict[str, str]

    @classmethod
    def of(cls, plan: Plan) -> PrintedPlan:
        names = {ex_id: ex.name for ex_id, ex in plan.exercises.items()}
        return cls(plan.plan_id, plan.profile, plan.weeks, names)


@dataclass
class Progress:
    plan: PrintedPlan
    weeks: list[WeekProgress]
    exercises: dict[str, list[int]]  # id -> [sets done, sets planned]
    today: dt.date
    # How the work felt, week -> too-easy / right / too-hard: told (`next --ask`), not ticked.
    felt: dict[int, str] = field(default_factory=dict)

    def felt_too_hard(self) -> bool:
        """The last weeks told about (up to two) mostly felt too hard."""
        recent = [self.felt[week] for week in sorted(self.felt)[-2:]]
        return bool(recent) and recent.count("too-hard") * 2 >= len(recent)

    @property
    def total_weeks(self) -> int:
        """The whole plan's weeks; a PDF of some of them (`build --weeks`) has fewer."""
        return max(self.plan.profile.weeks, max((w.number for w in self.weeks), default=0))

    @property
    def current_week(self) -> int:
        """The plan's week today falls in: 0 before it starts, weeks + 1 after it ends.
        Counted in the whole plan's weeks, so a PDF of weeks 5-8 reads its weeks right."""
        days = (self.today - self.plan.profile.start).days
        return min(max(days // 7 + 1, 0), self.total_weeks + 1) if days >= 0 else 0

    def not_yet(self, week: WeekProgress) -> bool:
        """A week that has not begun: nothing in it could have been done."""
        return week.number > self.current_week

    def today_in_words(self) -> str:
        total = self.total_weeks
        date = f"{self.today:%a %d %b %Y}"
        if self.current_week == 0:
            return f"{date}, before the plan starts on {self.plan.profile.start:%a %d %b %Y}"
        if self.current_week > total:
            return f"{date}, after the plan's {total} weeks"
        return f"{date}, in week {self.current_week} of {total}"

    @property
    def sets_fraction(self) -> float:
        planned = sum(w.sets_planned for w in self.weeks)
        return sum(w.sets_done for w in self.weeks) / planned if planned else 0.0

    def pain_trend(self) -> list[tuple[int, float]]:
        """(week, usual pain) for weeks with a pain entry: after-session pain, else weekly."""
        trend = []
        for week in self.weeks:
            values = week.pain_after or ([week.weekly_pain] if week.weekly_pain is not None else [])
            if values:
                trend.append((week.number, round(mean(values), 1)))
        return trend

    def pain_change(self) -> float:
        """How much pain rose from the first two weeks with entries to the last two."""
        trend = [pain for _, pain in self.pain_trend()]
        if len(trend) < 2:
            return 0.0
        size = min(2, len(trend) // 2)
        return round(mean(trend[-size:]) - mean(trend[:size]), 1)


@dataclass(frozen=True)
class FilledPdf:
    """What a planbuilder PDF carries: its answers, the plan as printed (None in PDFs made
    before plans were attached), the planbuilder that made it, and its form-field values."""

    path: Path
    answers: Any
    record: dict[str, Any] | None
    creator: str
    values: dict[str, Any]


def open_filled(path: Path) -> FilledPdf:
    """The attachments and field values of a planbuilder PDF; InputError for anything else."""
    pdf = _read_pdf(path)
    if ANSWERS_ATTACHMENT not in pdf.attachments:
        raise InputError(
            f"{path}: was not made by planbuilder, or lost what planbuilder put inside it (it "
            "carries no planbuilder answers; 'print to PDF' and some editors drop them); give "
            "the PDF that `planbuilder build` wrote"
        )
    if not pdf.fields:
        raise InputError(
            f"{path}: has no tick boxes left to read (it was flattened, 'printed to PDF', or "
            "built with a layout without form fields). Give the file you ticked on screen; "
            "ticks made on paper cannot be read from this file"
        )
    answers_text = pdf.attachments[ANSWERS_ATTACHMENT]
    answers = parse_yaml(answers_text, f"{path} (its answers)")
    record = None
    if PLAN_ATTACHMENT in pdf.attachments:
        record = _plan_record(path, pdf.attachments[PLAN_ATTACHMENT])
    values = {name: data.get("/V") for name, data in pdf.fields.items()}
    return FilledPdf(path, answers, record, pdf.creator, values)


@dataclass(frozen=True)
class _RawPdf:
    attachments: dict[str, str]  # ours only, decoded
    fields: dict[str, Any]
    creator: str


def _read_pdf(path: Path) -> _RawPdf:
    """Everything we need from the file, read in one guarded place: pypdf raises many kinds
    of error for a damaged file, and its limits stop decompression bombs (LimitReachedError)."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # our message says what is wrong
    try:
        reader = PdfReader(path)
        found = reader.attachments
        attachments = {
            name: _attachment_text(found, name)
            for name in (ANSWERS_ATTACHMENT, PLAN_ATTACHMENT)
            if name in found
        }
        fields = reader.get_fields() or {}
        creator = str(reader.metadata.get("/Creator", "")) if reader.metadata else ""
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; give the plan's PDF file") from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds for a broken file
        what = "this PDF is damaged or not a plan" if _looks_like_pdf(path) else "not a PDF"
        raise InputError(
            f"{path}: {what} ({type(exc).__name__}); give the PDF that `planbuilder build` wrote"
        ) from None
    return _RawPdf(attachments, fields, creator)


def _looks_like_pdf(path: Path) -> bool:
    """A PDF starts with %PDF- within its first kilobyte (an answers file given by mistake
    does not)."""
    try:
        with path.open("rb") as file:
            return b"%PDF-" in file.read(1024)
    except OSError:
        return False


def _attachment_text(attachments: Mapping[str, list[bytes]], name: str) -> str:
    data = attachments[name][0]
    if len(data) > MAX_BYTES:
        raise ValueError(f"{name} is {len(data)} bytes")
    return data.decode("utf-8", errors="replace")


def _plan_record(path: Path, text: str) -> dict[str, Any]:
    try:
        record = json.loads(text)
        version = int(record["format"])
    except (ValueError, KeyError, TypeError):
        raise InputError(
            f"{path}: the plan stored inside it is damaged; nothing was read"
        ) from None
    if version > PLAN_FORMAT:
        raise InputError(
            f"{path}: was made by a newer planbuilder ({record.get('planbuilder', '?')}, plan "
            f"format {version}; this one reads up to {PLAN_FORMAT}). Update planbuilder "
            "(pip install --upgrade planbuilder) and try again"
        )
    return dict(record)


def printed_plan(
    filled: FilledPdf, profile: Profile, replan: Callable[[Profile], Plan]
) -> PrintedPlan:
    """The plan the PDF was printed with: the attached record, or, for a PDF made before
    plans were attached, today's plan for its answers, if its boxes match the PDF's fields."""
    if filled.record is not None:
        try:
            weeks = weeks_from_json(filled.record["weeks"])
            names = {k: str(v["name"]) for k, v in filled.record["exercises"].items()}
            plan_id = str(filled.record["plan_id"])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise InputError(DAMAGED_RECORD.format(path=filled.path)) from None
        return PrintedPlan(plan_id, profile, weeks, names)
    printed = PrintedPlan.of(replan(profile))
    if set(filled.values) - added_fields(printed.weeks) != expected_fields(printed.weeks):
        made_by = filled.creator or "an older planbuilder"
        raise InputError(
            f"{filled.path}: was made by {made_by}, and today's planbuilder would plan these "
            "answers differently, so its boxes cannot be matched safely; nothing was read. "
            f"Read it with the version that made it (pip install '{made_by.replace(' ', '==')}')"
        )
    return printed


def expected_fields(weeks: tuple[Week, ...]) -> set[str]:
    """Every form-field name a plan of these weeks carries, as the booklet draws them."""
    names: set[str] = set()
    for week in weeks:
        names.add(tracker_pain_field(week.number))
        for day in week.days:
            for session in day.sessions:
                if isinstance(session, StrengthSession):
                    prefix = (week.number, day.weekday, session.label)
                    names |= {done_field(*prefix), tracker_field(*prefix)}
                    names |= {pain_field(*prefix, when) for when in ("before", "after")}
                    names |= {
                        set_field(*prefix, item.exercise, n)
                        for item in session.items
                        for n in range(1, item.sets + 1)
                    }
                elif isinstance(session, SportSession):
                    names.add(sport_field(week.number, day.weekday, session.sport))
                    names.add(tracker_field(week.number, day.weekday, session.sport))
                else:
                    names.add(light_field(week.number, day.weekday, session.kind))
    return names


GATES = ("entry_check", "coach")


def added_fields(weeks: tuple[Week, ...]) -> set[str]:
    """Fields the booklet has drawn since plans carried their record (notes, mobility sets,
    a lift's gate, walks and mobility days on the tracker): a plan printed before them is
    matched on the others alone."""
    names: set[str] = set()
    for week in weeks:
        names.add(notes_field(week.number))
        for day in week.days:
            for session in day.sessions:
                if not isinstance(session, StrengthSession | SportSession):
                    names.add(tracker_field(week.number, day.weekday, session.kind))
                if isinstance(session, MobilitySession):
                    names |= {
                        mobility_set_field(week.number, day.weekday, item.exercise, n)
                        for item in session.items
                        for n in range(1, item.sets + 1)
                    }
                if isinstance(session, StrengthSession):
                    names |= {
                        gate_field(week.number, item.exercise, gate)
                        for item in session.items
                        if item.entry_check
                        for gate in GATES
                    }
    return names


def _ticked(value: Any) -> bool:
    return value is not None and str(value) not in ("/Off", "Off", "")


def _pain(value: Any) -> int | None:
    """A pain from 0 to 10: a radio group's chosen circle ("/3"), or, in plans printed
    before the circles, the digits typed in a box."""
    text = str(value or "").strip().removeprefix("/")
    # isdecimal() alone lets "²" and "①" through, which int() then refuses: ASCII digits only
    if not (text.isascii() and text.isdecimal()):
        return None
    return int(text) if 0 <= int(text) <= 10 else None


def measure(plan: PrintedPlan, values: dict[str, Any], today: dt.date) -> Progress:
    """Match the filled fields against what the plan asked for."""
    weeks = []
    exercises: dict[str, list[int]] = {}
    for week in plan.weeks:
        record = WeekProgress(week.number)
        for day in week.days:
            for session in day.sessions:
                record.sessions_planned += 1
                if isinstance(session, StrengthSession):
                    done = _ticked(values.get(done_field(week.number, day.weekday, session.label)))
                    _measure_strength(record, exercises, week.number, day.weekday, session, values)
                    tracked = tracker_field(week.number, day.weekday, session.label)
                elif isinstance(session, SportSession):
                    done = _ticked(values.get(sport_field(week.number, day.weekday, session.sport)))
                    tracked = tracker_field(week.number, day.weekday, session.sport)
                else:
                    done = _ticked(values.get(light_field(week.number, day.weekday, session.kind)))
                    tracked = tracker_field(week.number, day.weekday, session.kind)
                    if isinstance(session, MobilitySession):
                        _measure_mobility(record, week.number, day.weekday, session, values)
                done = done or _ticked(values.get(tracked))
                record.sessions_done += done
                record.entries += done
        _measure_notes_and_gates(record, week, values)
        record.weekly_pain = _pain(values.get(tracker_pain_field(week.number)))
        record.entries += record.weekly_pain is not None
        weeks.append(record)
    return Progress(plan, weeks, exercises, today)


def _measure_strength(
    record: WeekProgress,
    exercises: dict[str, list[int]],
    number: int,
    weekday: str,
    session: StrengthSession,
    values: dict[str, Any],
) -> None:
    for item in session.items:
        counts = exercises.setdefault(item.exercise, [0, 0])
        for set_number in range(1, item.sets + 1):
            name = set_field(number, weekday, session.label, item.exercise, set_number)
            ticked = _ticked(values.get(name))
            counts[0] += ticked
            counts[1] += 1
            record.sets_done += ticked
            record.sets_planned += 1
            record.entries += ticked
    for when, bucket in (("before", record.pain_before), ("after", record.pain_after)):
        pain = _pain(values.get(pain_field(number, weekday, session.label, when)))
        if pain is not None:
            bucket.append(pain)
            record.entries += 1


def _measure_mobility(
    record: WeekProgress,
    number: int,
    weekday: str,
    session: MobilitySession,
    values: dict[str, Any],
) -> None:
    """Mobility sets, where the week drew them (a crowded week says its mobility in words)."""
    for item in session.items:
        for set_number in range(1, item.sets + 1):
            name = mobility_set_field(number, weekday, item.exercise, set_number)
            if name not in values:
                continue
            ticked = _ticked(values.get(name))
            record.mobility_sets_planned += 1
            record.mobility_sets_done += ticked
            record.entries += ticked


def _measure_notes_and_gates(record: WeekProgress, week: Week, values: dict[str, Any]) -> None:
    """The week's notes as written, and whether each lift starting this week was cleared."""
    notes = values.get(notes_field(week.number))
    record.notes = str(notes).strip() if notes is not None else ""
    record.entries += bool(record.notes)
    for day in week.days:
        for session in day.strength():
            for item in session.items:
                if item.entry_check and item.exercise not in record.gates:
                    record.gates[item.exercise] = {
                        gate: _ticked(values.get(gate_field(week.number, item.exercise, gate)))
                        for gate in GATES
                    }
                    record.entries += sum(record.gates[item.exercise].values())


def progress_json(progress: Progress, safety: Safety) -> dict[str, Any]:
    weeks = progress.weeks
    return {
        "pain_rule": pain_rule_json(safety.pain_rule),
        "plan_id": progress.plan.plan_id,
        "sessions": {
            "done": sum(w.sessions_done for w in weeks),
            "planned": sum(w.sessions_planned for w in weeks),
        },
        "sets": {
            "done": sum(w.sets_done for w in weeks),
            "planned": sum(w.sets_planned for w in weeks),
        },
        "weeks": [
            {
                "number": w.number,
                "sessions_done": w.sessions_done,
                "sessions_planned": w.sessions_planned,
                "sets_done": w.sets_done,
                "sets_planned": w.sets_planned,
                "pain_before": w.pain_before,
                "pain_after": w.pain_after,
                "weekly_pain": w.weekly_pain,
                "mobility_sets": {"done": w.mobility_sets_done, "planned": w.mobility_sets_planned},
                "notes": w.notes,
                "lifts_cleared": w.gates,
            }
            for w in weeks
        ],
        "exercises": {
            ex: {"sets_done": done, "sets_planned": planned}
            for ex, (done, planned) in progress.exercises.items()
        },
        "pain_trend": [{"week": week, "pain": pain} for week, pain in progress.pain_trend()],
        "today": progress.today.isoformat(),
        "current_week": progress.current_week,
        "weeks_without_entries": [
            w.number for w in weeks if not w.entries and not progress.not_yet(w)
        ],
        "weeks_not_yet": [w.number for w in weeks if progress.not_yet(w)],
    }


def progress_text(progress: Progress, safety: Safety) -> str:
    data = progress_json(progress, safety)
    plan = progress.plan
    lines = [
        f"Plan {plan.plan_id}" + (f" for {plan.profile.name}" if plan.profile.name else ""),
        f"Sessions done: {data['sessions']['done']} of {data['sessions']['planned']}; "
        f"sets done: {data['sets']['done']} of {data['sets']['planned']} "
        f"({progress.sets_fraction:.0%}).",
        f"Today is {progress.today_in_words()}.",
        "",
        "Week  sessions  sets       pain before  pain after",
    ]
    for w in progress.weeks:
        if progress.not_yet(w):
            lines.append(f"{w.number:>4}  not yet")
            continue
        before = f"{mean(w.pain_before):.1f}" if w.pain_before else "-"
        after = f"{mean(w.pain_after):.1f}" if w.pain_after else "-"
        lines.append(
            f"{w.number:>4}  {w.sessions_done:>2} of {w.sessions_planned:<3} "
            f"{w.sets_done:>3} of {w.sets_planned:<4} {before:>11}  {after:>10}"
        )
    lines += _mobility_notes_and_gates(progress, plan.exercise_names)
    lines += ["", "Sets done by exercise:"]
    for exercise_id, (done, planned) in progress.exercises.items():
        lines.append(f"  {plan.exercise_names[exercise_id]:<36} {done:>3} of {planned}")
    trend = progress.pain_trend()
    if trend:
        lines.append("")
        lines.append(
            "Pain trend (usual pain after sessions): "
            + ", ".join(f"week {week}: {pain:g}" for week, pain in trend)
        )
    empty = data["weeks_without_entries"]
    if empty:
        lines.append(f"Weeks with nothing filled in: {', '.join(str(n) for n in empty)}.")
    signs = "; ".join(item.sign.rstrip(".") for item in safety.tier("emergency") if item.sign)
    lines += [
        "",
        f"Pain rule: {safety.pain_rule.short}",
        f"Warning signs: {signs}. If any of these appears, stop and call your emergency number "
        "now. If anything new has appeared since you started, see the safety page.",
    ]
    return "\n".join(lines)


def _mobility_notes_and_gates(progress: Progress, names: dict[str, str]) -> list[str]:
    """Mobility sets, each lift's gate and the weeks' notes, where the plan has them."""
    lines: list[str] = []
    weeks = progress.weeks
    planned = sum(w.mobility_sets_planned for w in weeks)
    if planned:
        done = sum(w.mobility_sets_done for w in weeks)
        lines += ["", f"Mobility sets done: {done} of {planned}."]
    for week in weeks:
        for exercise, gates in week.gates.items():
            said = [
                ("entry check passed" if gates["entry_check"] else "entry check not ticked"),
                ("learned with a coach" if gates["coach"] else "coach not ticked"),
            ]
            lines.append(f"Week {week.number}, {names.get(exercise, exercise)}: {', '.join(said)}.")
    written = [w for w in weeks if w.notes]
    if written:
        lines += ["", "Your notes:"]
        lines += [f"  Week {w.number}: {' '.join(w.notes.split())}" for w in written]
    return lines


def pain_rule_json(rule: PainRule) -> dict[str, Any]:
    """The pain rule as other tools read it, with the same numbers as every printed page."""
    return {"above_usual": rule.above_usual, "highest": rule.highest, "text": rule.short}
