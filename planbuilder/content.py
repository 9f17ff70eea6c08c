"""The content library: exercises, sports, safety rules, equipment and body areas.

Everything here comes from YAML under content/ and is validated once, on the way in: a broken
file raises ContentError listing every problem (file, exercise id, field), and no plan is ever
built from a half-valid library.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from planbuilder import paths
from planbuilder.errors import ContentError
from planbuilder.fields import Fields
from planbuilder.poses import (
    OPTIONAL_POSE_PARTS,
    POSE_PARTS,
    PROP_KINDS,
    WEIGHT_KINDS,
    Figure,
    Pose,
    pose_problems,
)
from planbuilder.yamlfile import read_yaml

LEVELS = ("beginner", "intermediate", "advanced")
PAIN_LEVELS = ("none", "mild", "moderate")
DOSE_KINDS = ("hold", "reps", "time")
PHASES = ("warm_up", "main", "cool_down")
# --- dosing contract (issue 12) ---
# How hard an exercise is on the back; heavy = loaded lifts, hanging, full pull-ups and prone
# lifts of arms and legs together: never for moderate pain, never on two days in a row.
LOADS = ("light", "moderate", "heavy")
POSITIONS = ("floor", "kneeling", "standing", "chair")
# How an exercise keeps progressing once its dose is at the ceiling.
HARDER_BY = ("variant", "set", "tempo", "band", "weight")
# How the spine moves (fracture risk rules out repeated bending and twisting), and how a person
# lies (pregnancy after the first trimester rules out lying on the back or face down).
SPINE_MOTIONS = ("neutral", "flexion", "twist", "extension")
LYING = ("back", "front", "side")
# The planner builds every session around these areas; content must define them.
REQUIRED_AREAS = ("lower_back", "upper_back", "core", "glutes_hamstrings", "mobility")


@dataclass(frozen=True, slots=True)
class Dose:
    """How an exercise is dosed and progressed. Doses are seconds (hold, time) or reps."""

    kind: str
    per_side: bool
    start: dict[str, int]
    step: int
    ceiling: int
    sets: dict[str, int]
    max_sets: int
    rest: int
    seconds_per_rep: int
    setup: int
    holds: int | None = None  # a repeated hold: this many holds of `dose` seconds per set

    @property
    def unit(self) -> str:
        return "reps" if self.kind == "reps" else "s"

    def seconds(self, dose: int, sets: int) -> int:
        """Estimated seconds for `sets` sets at `dose`, with rests and getting into position."""
        work = dose * self.seconds_per_rep if self.kind == "reps" else dose
        if self.holds:
            work = self.holds * (dose + 3)  # a short pause to reset between holds
        if self.per_side:
            work = 2 * work + 5
        return self.setup + sets * work + (sets - 1) * self.rest


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    summary: str
    areas: tuple[str, ...]
    levels: tuple[str, ...]
    equipment: tuple[str, ...]
    equipment_one_of: tuple[str, ...]
    substitutes: dict[str, str]
    phase: str
    dose: Dose
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    stop_if: tuple[str, ...]
    note: str | None
    easier: tuple[str, ...]
    harder: tuple[str, ...]
    figures: tuple[Figure, ...]
    max_pain: str = "moderate"  # the most back pain at which the exercise is offered
    # --- dosing contract (issue 12) ---
    family: str = ""  # its variant chain: never twice in one session
    load: str = "light"
    position: str = "floor"
    harder_by: str = "set"
    feel: str = ""  # what the person should feel, and where
    after: str | None = None  # an exercise to do for at least two weeks first (drill → lift)
    spine: str = "neutral"
    lying: str | None = None


@dataclass(frozen=True, slots=True)
class Sport:
    id: str
    name: str
    benefits: str
    caution: str
    minutes: int
    falls: bool = False  # falls or heavy landings are part of it: not while pregnant
    floor_work: bool = False  # much of it on a mat on the floor: not with `floor: no`


# A screening label and its tick box fit a 50-column terminal.
LABEL_WIDTH = 42
# Screening tiers, most urgent first: what each does is in planbuilder/screening.py.
TIERS = ("emergency", "see_first", "caution")


@dataclass(frozen=True, slots=True)
class ScreeningItem:
    """One screening question: its tier decides what a yes does (see screening.py)."""

    id: str
    tier: str
    group: str
    question: str
    label: str  # the short form on the screening screen (fits 50 columns); question below it
    why: str
    ask: str | None  # see_first: what to ask the doctor or physiotherapist
    note: str | None  # caution: printed on the cover and the safety page
    sign: str | None  # how the safety page names it if it appears during the plan
    asked: bool  # False: derived from other answers (age, duration, sports), never asked


@dataclass(frozen=True, slots=True)
class PainRule:
    """The one pain rule; its texts already carry the two numbers."""

    above_usual: int  # points above the person's usual pain (0-10)
    highest: int  # never higher than this, out of 10
    green: str
    amber: str
    red: str
    short: str


@dataclass(frozen=True, slots=True)
class AgeRules:
    minimum: int
    teen_until: int
    guardian_under: int
    first_episode_from: int
    balance_from: int
    teen_sports: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Safety:
    groups: dict[str, str]  # id -> heading, in order
    items: dict[str, ScreeningItem]
    messages: dict[str, str]
    age: AgeRules
    pain_rule: PainRule
    stop_rules: tuple[str, ...]
    emergency_stop: str
    adaptations: dict[str, str]  # what an adapted plan tells the person (planner.py)

    def tier(self, tier: str, asked_only: bool = False) -> list[ScreeningItem]:
        return [
            item
            for item in self.items.values()
            if item.tier == tier and (item.asked or not asked_only)
        ]

    @property
    def red_flags(self) -> dict[str, ScreeningItem]:
        """Every item a person can answer (the answers file's `red_flags` takes all tiers)."""
        return {key: item for key, item in self.items.items() if item.asked}


@dataclass(frozen=True, slots=True)
class Education:
    """The page that teaches what back pain is and is not (education is first-line care)."""

    title: str
    points: tuple[str, ...]
    medicines_title: str
    medicines: str
    sources: str


@dataclass(frozen=True, slots=True)
class FlareUp:
    """The flare-up plan: what to do on a bad day, when to get help, lines to fill in."""

    title: str
    intro: str
    bad_day_title: str
    bad_day: tuple[str, ...]
    seek_help_title: str
    seek_help: tuple[str, ...]
    write_in_title: str
    write_in: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Booklet:
    """Words of the printed booklet that belong to no single exercise, sport or rule."""

    how_to_use: tuple[str, ...]
    lighter_week: str
    tracker_intro: str
    # The week page's legend: how a dose is written, in words; the sessions line only
    # where a week has sessions A and B.
    week_legend: tuple[str, ...]
    week_sessions: str
    stretching: tuple[str, ...]
    sports_intro: str
    education: Education
    flare_up: FlareUp


@dataclass(frozen=True, slots=True)
class Named:
    """An entry of a small vocabulary (equipment, areas): an id and how people call it."""

    id: str
    name: str


@dataclass(frozen=True, slots=True, repr=False)
class Library:
    exercises: dict[str, Exercise]
    sports: dict[str, Sport]
    safety: Safety
    equipment: dict[str, Named]
    areas: dict[str, Named]
    booklet: Booklet
    root: Path = field(compare=False)
    # Resistance bands from lightest to strongest (content/equipment.yaml): the plan names the
    # next one when a band exercise is at its ceiling.
    bands: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"<Library {self.root}: {len(self.exercises)} exercises, {len(self.sports)} sports>"


# --- loading -----------------------------------------------------------------------------


def _relative(path: Path, root: Path) -> str:
    try:
        return f"content/{path.relative_to(root).as_posix()}"
    except ValueError:
        return str(path)


def _vocabulary(data: Any, problems: list[str], source: str, key: str) -> dict[str, Named]:
    top = Fields(data, f"{source}: ", problems)
    top.check_keys([key, "bands"], [key])
    entries = top.raw(key) or []
    if not isinstance(entries, list):
        problems.append(f"{source}: {key}: should be a list")
        return {}
    result: dict[str, Named] = {}
    for index, entry in enumerate(entries):
        item = Fields(entry, f"{source}: {key}[{index}].", problems)
        item.check_keys(["id", "name"], ["id", "name"])
        named = Named(item.text("id"), item.text("name"))
        if named.id in result:
            problems.append(f"{source}: {key}: id '{named.id}' is defined twice")
        result[named.id] = named
    return result


def _per_level(
    fields: Fields, key: str, levels: tuple[str, ...], low: int, high: int
) -> dict[str, int]:
    """A number per level, written either as one number for all or as {level: number}."""
    value = fields.raw(key)
    if isinstance(value, int) and not isinstance(value, bool):
        per = Fields({level: value for level in levels}, f"{fields.where}{key}.", fields.problems)
    else:
        per = fields.mapping(key)
        per.check_keys(LEVELS)
        for level in levels:
            if level not in per.data:
                per.problem(level, "is missing: every level the exercise suits needs a value")
        for level in per.data:
            if level in LEVELS and level not in levels:
                per.problem(level, "is given, but the exercise does not list this level")
    return {level: per.integer(level, low, low, high) for level in levels if level in LEVELS}


def _dose(fields: Fields, levels: tuple[str, ...]) -> Dose:
    kind = fields.choice("kind", DOSE_KINDS)
    start = _per_level(fields, "start", levels, 1, 600)
    step = fields.integer("step", low=1, high=120)
    ceiling = fields.integer("ceiling", low=1, high=600)
    sets = _per_level(fields, "sets", levels, 1, 6)
    max_sets = fields.integer("max_sets", max(sets.values(), default=1), low=1, high=6)
    dose = Dose(
        kind=kind,
        per_side=fields.boolean("per_side"),
        start=start,
        step=step,
        ceiling=ceiling,
        sets=sets,
        max_sets=max_sets,
        rest=fields.integer("rest", low=0, high=300),
        seconds_per_rep=fields.integer("seconds_per_rep", 3, low=1, high=20),
        setup=fields.integer("setup", 15, low=0, high=120),
        holds=fields.integer("holds", low=2, high=12) if fields.has("holds") else None,
    )
    fields.check_keys(
        [
            "kind",
            "per_side",
            "start",
            "step",
            "ceiling",
            "sets",
            "max_sets",
            "rest",
            "seconds_per_rep",
            "setup",
            "holds",
        ],
        ["kind", "per_side", "start", "step", "ceiling", "sets", "rest"],
    )
    for level, value in start.items():
        if value > ceiling:
            fields.problem("start", f"{level}: {value} is above the ceiling {ceiling}")
    if dose.holds and kind != "hold":
        fields.problem("holds", "only a hold can be repeated: use kind: hold")
    for level, value in sets.items():
        if value > max_sets:
            fields.problem("sets", f"{level}: {value} is above max_sets {max_sets}")
    return dose


EXERCISE_KEYS = [
    "id",
    "name",
    "summary",
    "areas",
    "levels",
    "equipment",
    "equipment_one_of",
    "substitutes",
    "phase",
    "dose",
    "steps",
    "cues",
    "mistakes",
    "stop_if",
    "note",
    "easier",
    "harder",
    "figures",
    "max_pain",
    "family",
    "load",
    "position",
    "harder_by",
    "feel",
    "after",
    "spine",
    "lying",
]
EXERCISE_OPTIONAL = (
    "equipment_one_of",
    "substitutes",
    "phase",
    "note",
    "after",
    "spine",
    "lying",
)
EXERCISE_REQUIRED = [key for key in EXERCISE_KEYS if key not in EXERCISE_OPTIONAL]


def _numbers(fields: Fields, key: str, value: Any, count: int) -> tuple[float, ...] | None:
    ok = (
        isinstance(value, list)
        and len(value) == count
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )
    if not ok:
        fields.problem(key, f"{value!r} should be a list of {count} numbers")
        return None
    return tuple(float(v) for v in value)


def _pose(fields: Fields, name: str) -> Pose:
    """A pose written out in full (content/poses.yaml)."""
    fields.check_keys(POSE_PARTS + OPTIONAL_POSE_PARTS, POSE_PARTS)
    parts: dict[str, object] = {}
    for part in POSE_PARTS + OPTIONAL_POSE_PARTS:
        value = fields.raw(part, 0.0)
        if part in ("trunk", "head", "bend"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                fields.problem(part, f"{value!r} should be an angle in degrees")
                value = 0
            parts[part] = float(value)
        else:
            parts[part] = _numbers(fields, part, value, 2) or (0.0, 0.0)
    return Pose(**parts)  # type: ignore[arg-type]


def _figure_props(fields: Fields) -> dict[str, object]:
    fields.check_keys(PROP_KINDS)
    sizes = {"cushion": 2, "band": 2, "bar": 2, "table": 3}
    props: dict[str, object] = {}
    for kind, value in fields.data.items():
        if kind in sizes:
            numbers = _numbers(fields, kind, value, sizes[kind])
            if numbers:
                props[kind] = numbers
        elif kind == "weight":
            props[kind] = fields.choice("weight", WEIGHT_KINDS)
        elif kind in ("stick", "strap"):
            props[kind] = fields.boolean(kind)
    return props


def _figures(fields: Fields, poses: dict[str, Pose]) -> tuple[Figure, ...]:
    """The exercise's drawn positions: a base pose from poses.yaml, with changes."""
    raw = fields.raw("figures")
    if not isinstance(raw, list) or not raw:
        if "figures" in fields.data:
            fields.problem("figures", "should be a list of drawn positions")
        return ()
    figures = []
    for index, entry in enumerate(raw):
        item = Fields(entry, f"{fields.where}figures[{index}].", fields.problems)
        item.check_keys(["label", "pose", "set", "props", "arrows"], ["label", "pose"])
        base = poses.get(item.choice("pose", list(poses) or ["?"]))
        if base is None:
            continue
        changes = item.mapping("set")
        changes.check_keys(POSE_PARTS + OPTIONAL_POSE_PARTS)
        updates: dict[str, Any] = {}
        for part, value in changes.data.items():
            count = 2 if part in ("hip", "arm", "arm2", "leg", "leg2") else 1
            numbers = _numbers(changes, part, value if count == 2 else [value], count)
            if numbers:
                updates[part] = numbers if count == 2 else numbers[0]
        pose = replace(base, **updates)
        arrows: list[tuple[Any, Any]] = []
        for arrow in item.raw("arrows") or []:
            ends = (
                [_numbers(item, "arrows", end, 2) for end in arrow]
                if isinstance(arrow, list)
                else []
            )
            if len(ends) == 2 and all(ends):
                arrows.append((ends[0], ends[1]))
            else:
                item.problem("arrows", f"{arrow!r} should be [[x, y], [x, y]]")
        for problem in pose_problems(pose):
            item.problem("pose", problem)
        figures.append(
            Figure(
                item.text("label", max_length=30),
                pose,
                _figure_props(item.mapping("props")),
                tuple(arrows),
            )
        )
    if len(figures) == 1 and not figures[0].arrows:
        fields.problem("figures", "one position needs arrows showing what moves; or give two")
    return tuple(figures)


def _exercise(
    path: Path, data: Any, source: str, problems: list[str], poses: dict[str, Pose]
) -> Exercise:
    exercise_id = data.get("id") if isinstance(data, dict) else None
    top = Fields(
        data, f"{source}: {exercise_id or path.stem}: ", problems, "an exercise: a mapping"
    )
    top.check_keys(EXERCISE_KEYS, EXERCISE_REQUIRED)
    ident = top.text("id", max_length=60)
    if ident and ident != path.stem:
        top.problem("id", f"'{ident}' does not match the file name '{path.stem}.yaml'")
    levels = tuple(top.text_list("levels", allowed=LEVELS, min_items=1))
    substitutes_fields = top.mapping("substitutes")
    substitutes = {
        str(key): substitutes_fields.text(str(key), max_length=200)
        for key in substitutes_fields.data
    }
    return Exercise(
        id=ident,
        name=top.text("name", max_length=60),
        summary=top.text("summary", max_length=300),
        areas=tuple(top.text_list("areas", min_items=1)),
        levels=levels,
        equipment=tuple(top.text_list("equipment")),
        equipment_one_of=tuple(top.text_list("equipment_one_of", [])),
        substitutes=substitutes,
        phase=top.choice("phase", PHASES, "main"),
        dose=_dose(top.mapping("dose"), levels),
        steps=tuple(top.text_list("steps", min_items=2, max_items=10)),
        cues=tuple(top.text_list("cues", min_items=2, max_items=4)),
        mistakes=tuple(top.text_list("mistakes", min_items=1, max_items=6)),
        stop_if=tuple(top.text_list("stop_if", min_items=1, max_items=6)),
        note=top.text("note", None, max_length=300),
        easier=tuple(top.text_list("easier")),
        harder=tuple(top.text_list("harder")),
        figures=_figures(top, poses),
        max_pain=top.choice("max_pain", PAIN_LEVELS),
        # --- dosing contract (issue 12) ---
        family=top.text("family", max_length=40),
        load=top.choice("load", LOADS),
        position=top.choice("position", POSITIONS),
        harder_by=top.choice("harder_by", HARDER_BY),
        feel=top.text("feel", max_length=200),
        after=top.text("after", None, max_length=60),
        spine=top.choice("spine", SPINE_MOTIONS, "neutral"),
        lying=top.choice("lying", LYING, None),
    )


def _sports(data: Any, problems: list[str], source: str) -> dict[str, Sport]:
    top = Fields(data, f"{source}: ", problems)
    top.check_keys(["sports"], ["sports"])
    result: dict[str, Sport] = {}
    for index, entry in enumerate(top.raw("sports") or []):
        label = entry.get("id", index) if isinstance(entry, dict) else index
        item = Fields(entry, f"{source}: {label}: ", problems)
        item.check_keys(
            ["id", "name", "benefits", "caution", "minutes", "falls", "floor_work"],
            ["id", "name", "benefits", "caution", "minutes"],
        )
        sport = Sport(
            id=item.text("id", max_length=40),
            name=item.text("name", max_length=40),
            benefits=item.text("benefits", max_length=400),
            caution=item.text("caution", max_length=300),
            minutes=item.integer("minutes", low=10, high=120),
            falls=item.boolean("falls", False),
            floor_work=item.boolean("floor_work", False),
        )
        if sport.id in result:
            item.problem("id", f"'{sport.id}' is defined twice")
        result[sport.id] = sport
    return result


SAFETY_MESSAGES = (
    "emergency",
    "emergency_why",
    "see_first",
    "see_first_then",
    "under_16",
    "severe_pain",
    "severe_pain_urgent",
    "cleared",
    "guardian",
    "balance_and_floor",
    "unknown_duration",
)


def _safety(data: Any, problems: list[str], source: str) -> Safety:
    top = Fields(data, f"{source}: ", problems)
    keys = [
        "groups",
        "screening",
        "messages",
        "age",
        "pain_rule",
        "stop_rules",
        "emergency_stop",
        "adaptations",
    ]
    top.check_keys(keys, keys)
    groups: dict[str, str] = {}
    for index, entry in enumerate(top.raw("groups") or []):
        group = Fields(entry, f"{source}: groups: {index}: ", problems)
        group.check_keys(["id", "heading"], ["id", "heading"])
        groups[group.text("id")] = group.text("heading", max_length=40)
    items = _screening_items(top.raw("screening") or [], tuple(groups), problems, source)
    texts = top.mapping("messages")
    texts.check_keys(SAFETY_MESSAGES, SAFETY_MESSAGES)
    return Safety(
        groups=groups,
        items=items,
        messages={key: texts.text(key, max_length=1200) for key in SAFETY_MESSAGES},
        age=_age_rules(top.mapping("age")),
        pain_rule=_pain_rule(top.mapping("pain_rule")),
        stop_rules=tuple(top.text_list("stop_rules", min_items=1)),
        emergency_stop=top.text("emergency_stop", max_length=400),
        adaptations=_adaptations(top.mapping("adaptations")),
    )


ADAPTATIONS = ("pregnancy", "postpartum", "fracture_risk", "balance", "floor_with_help")


def _adaptations(words: Fields) -> dict[str, str]:
    words.check_keys(ADAPTATIONS, ADAPTATIONS)
    return {key: words.text(key, max_length=800) for key in ADAPTATIONS}


def _screening_items(
    entries: Any, groups: tuple[str, ...], problems: list[str], source: str
) -> dict[str, ScreeningItem]:
    items: dict[str, ScreeningItem] = {}
    keys = ["id", "tier", "group", "question", "label", "why", "ask", "note", "sign", "asked"]
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        label = entry.get("id", index) if isinstance(entry, dict) else index
        item = Fields(entry, f"{source}: screening: {label}: ", problems)
        item.check_keys(keys, ["id", "tier", "group", "question", "why"])
        screening = ScreeningItem(
            id=item.text("id"),
            tier=item.choice("tier", TIERS),
            group=item.choice("group", groups),
            question=item.text("question", max_length=220),
            label=item.text("label", "", max_length=LABEL_WIDTH),
            why=item.text("why", max_length=300),
            ask=item.text("ask", None, max_length=300),
            note=item.text("note", None, max_length=400),
            sign=item.text("sign", None, max_length=200),
            asked=item.boolean("asked", True),
        )
        if screening.asked and not screening.label:
            item.problem(
                "label",
                f"is missing: an asked item needs a short label (at most {LABEL_WIDTH} characters)",
            )
        if screening.tier == "see_first" and not screening.ask:
            item.problem("ask", "is missing: a see_first item says what to ask the clinician")
        if screening.tier == "caution" and not screening.note:
            item.problem("note", "is missing: a caution item carries the note to print")
        if screening.id in items:
            item.problem("id", f"'{screening.id}' is used twice")
        items[screening.id] = screening
    return items


def _age_rules(age: Fields) -> AgeRules:
    keys = ["minimum", "teen_until", "guardian_under", "first_episode_from", "balance_from"]
    age.check_keys([*keys, "teen_sports"], keys)
    return AgeRules(
        minimum=age.integer("minimum", low=10, high=30),
        teen_until=age.integer("teen_until", low=10, high=30),
        guardian_under=age.integer("guardian_under", low=10, high=30),
        first_episode_from=age.integer("first_episode_from", low=30, high=100),
        balance_from=age.integer("balance_from", low=30, high=100),
        teen_sports=tuple(age.text_list("teen_sports", [])),
    )


def _pain_rule(rule: Fields) -> PainRule:
    texts = ["green", "amber", "red", "short"]
    rule.check_keys(["above_usual", "highest", *texts], ["above_usual", "highest", *texts])
    numbers = {
        "above_usual": rule.integer("above_usual", low=0, high=10),
        "highest": rule.integer("highest", low=0, high=10),
    }
    formatted = {}
    for key in texts:
        try:
            formatted[key] = rule.text(key, max_length=600).format(**numbers)
        except (KeyError, IndexError, ValueError):
            rule.problem(key, "may use only {above_usual} and {highest} in braces")
            formatted[key] = ""
    return PainRule(
        above_usual=numbers["above_usual"],
        highest=numbers["highest"],
        green=formatted["green"],
        amber=formatted["amber"],
        red=formatted["red"],
        short=formatted["short"],
    )


def _poses(data: Any, problems: list[str], source: str) -> dict[str, Pose]:
    top = Fields(data, f"{source}: ", problems)
    top.check_keys(["poses"], ["poses"])
    named = top.mapping("poses")
    poses = {}
    for name in named.data:
        pose = _pose(named.mapping(str(name)), str(name))
        for problem in pose_problems(pose):
            named.problem(str(name), problem)
        poses[str(name)] = pose
    return poses


def _booklet(data: Any, problems: list[str], source: str) -> Booklet:
    top = Fields(data, f"{source}: ", problems)
    keys = [
        "how_to_use",
        "lighter_week",
        "tracker_intro",
        "week_legend",
        "week_sessions",
        "stretching",
        "sports_intro",
        "education",
        "flare_up",
    ]
    top.check_keys(keys, keys)
    return Booklet(
        how_to_use=tuple(top.text_list("how_to_use", min_items=1, max_items=8)),
        lighter_week=top.text("lighter_week", max_length=300),
        tracker_intro=top.text("tracker_intro", max_length=300),
        week_legend=tuple(top.text_list("week_legend", min_items=1, max_items=8)),
        week_sessions=top.text("week_sessions", max_length=300),
        stretching=tuple(top.text_list("stretching", min_items=1, max_items=8)),
        sports_intro=top.text("sports_intro", max_length=400),
        education=_education(top.mapping("education")),
        flare_up=_flare_up(top.mapping("flare_up")),
    )


def _education(page: Fields) -> Education:
    keys = ["title", "points", "medicines_title", "medicines", "sources"]
    page.check_keys(keys, keys)
    return Education(
        title=page.text("title", max_length=60),
        points=tuple(page.text_list("points", min_items=1, max_items=10)),
        medicines_title=page.text("medicines_title", max_length=60),
        medicines=page.text("medicines", max_length=600),
        sources=page.text("sources", max_length=300),
    )


def _flare_up(page: Fields) -> FlareUp:
    lists = ["bad_day", "seek_help", "write_in"]
    texts = ["title", "intro", "bad_day_title", "seek_help_title", "write_in_title"]
    page.check_keys([*texts, *lists], [*texts, *lists])
    return FlareUp(
        title=page.text("title", max_length=60),
        intro=page.text("intro", max_length=400),
        bad_day_title=page.text("bad_day_title", max_length=60),
        bad_day=tuple(page.text_list("bad_day", min_items=1, max_items=8)),
        seek_help_title=page.text("seek_help_title", max_length=60),
        seek_help=tuple(page.text_list("seek_help", min_items=1, max_items=6)),
        write_in_title=page.text("write_in_title", max_length=80),
        write_in=tuple(page.text_list("write_in", min_items=1, max_items=6)),
    )


def _check_references(library: Library, sources: dict[str, str], problems: list[str]) -> None:
    """Ids that point elsewhere must point at something, and variants must agree both ways."""
    for area in REQUIRED_AREAS:
        if area not in library.areas:
            problems.append(f"content/areas.yaml: the area '{area}' is required but not defined")
    for exercise in library.exercises.values():
        where = f"{sources[exercise.id]}: {exercise.id}: "
        for area in exercise.areas:
            if area not in library.areas:
                problems.append(f"{where}areas: '{area}' is not one of {', '.join(library.areas)}")
        for key in ("equipment", "equipment_one_of"):
            for item in getattr(exercise, key):
                if item not in library.equipment:
                    problems.append(
                        f"{where}{key}: '{item}' is not one of {', '.join(library.equipment)}"
                    )
        for item in exercise.substitutes:
            if item not in exercise.equipment:
                problems.append(
                    f"{where}substitutes: '{item}' is not in this exercise's equipment list"
                )
        for key, back in (("easier", "harder"), ("harder", "easier")):
            for other_id in getattr(exercise, key):
                other = library.exercises.get(other_id)
                if other is None:
                    problems.append(f"{where}{key}: '{other_id}' is not an exercise in the library")
                elif other_id == exercise.id:
                    problems.append(f"{where}{key}: an exercise cannot be its own variant")
                elif exercise.id not in getattr(other, back):
                    problems.append(
                        f"{where}{key}: '{other_id}' does not list '{exercise.id}' under {back}"
                    )
    _check_no_harder_cycle(library, sources, problems)
    for exercise in library.exercises.values():
        problems.extend(
            f"{sources[exercise.id]}: {exercise.id}: {p}"
            for p in _dosing_problems(exercise, library)
        )


def _dosing_problems(exercise: Exercise, library: Library) -> list[str]:
    """The dosing contract between fields: heavy work waits for pain to settle, variants share
    a family, and an exercise progresses by means it actually has."""
    problems: list[str] = []
    if exercise.load == "heavy" and exercise.max_pain == "moderate":
        problems.append("max_pain: a heavy exercise is never for moderate pain; use mild or none")
    for other_id in (*exercise.easier, *exercise.harder):
        other = library.exercises.get(other_id)
        if other is not None and other.family != exercise.family:
            problems.append(
                f"family: '{exercise.family}' differs from its variant {other_id}'s "
                f"'{other.family}'; variants share a family"
            )
    needs = {
        "variant": bool(exercise.harder),
        "band": "band" in exercise.equipment,
        "weight": bool(exercise.equipment_one_of),
    }
    if not needs.get(exercise.harder_by, True):
        problems.append(
            f"harder_by: '{exercise.harder_by}' but the exercise has no "
            f"{'harder variant' if exercise.harder_by == 'variant' else exercise.harder_by}"
        )
    if exercise.after is not None:
        first = library.exercises.get(exercise.after)
        if first is None:
            problems.append(f"after: '{exercise.after}' is not an exercise in the library")
        elif first.family != exercise.family or exercise.after not in exercise.easier:
            problems.append(f"after: '{exercise.after}' should be an easier variant of it")
    return problems


def _check_no_harder_cycle(library: Library, sources: dict[str, str], problems: list[str]) -> None:
    for start in library.exercises.values():
        seen = {start.id}
        frontier = [h for h in start.harder if h in library.exercises]
        while frontier:
            current = frontier.pop()
            if current == start.id:
                problems.append(f"{sources[start.id]}: {start.id}: harder: variants form a loop")
                break
            if current in seen:
                continue
            seen.add(current)
            frontier.extend(h for h in library.exercises[current].harder if h in library.exercises)


def _bands(data: Any, problems: list[str]) -> tuple[str, ...]:
    """Band strengths, lightest first; at least two, or a band could never get stronger."""
    bands = Fields(data, "content/equipment.yaml: ", problems).text_list("bands", min_items=2)
    return tuple(bands)


def load_library(root: Path | None = None) -> Library:
    """Load and validate the whole library; raise ContentError listing every problem."""
    root = root or paths.content_dir()
    problems: list[str] = []

    def read(name: str) -> tuple[Any, list[str]]:
        """The file's data and where its problems go: nowhere if it could not be parsed,
        since every field of an unreadable file would otherwise be reported missing."""
        try:
            return read_yaml(root / name, ContentError, _relative(root / name, root)), problems
        except ContentError as exc:
            problems.append(exc.message)
            return {}, []

    equipment_data, equipment_sink = read("equipment.yaml")
    equipment = _vocabulary(equipment_data, equipment_sink, "content/equipment.yaml", "equipment")
    bands = _bands(equipment_data, equipment_sink)
    areas = _vocabulary(*read("areas.yaml"), "content/areas.yaml", "areas")
    sports = _sports(*read("sports.yaml"), "content/sports.yaml")
    safety = _safety(*read("safety.yaml"), "content/safety.yaml")
    booklet = _booklet(*read("booklet.yaml"), "content/booklet.yaml")
    poses = _poses(*read("poses.yaml"), "content/poses.yaml")

    exercises: dict[str, Exercise] = {}
    sources: dict[str, str] = {}
    exercise_files = sorted((root / "exercises").glob("*.yaml"))
    if not exercise_files:
        problems.append("content/exercises/: no exercise files found")
    for path in exercise_files:
        source = _relative(path, root)
        data, sink = read(f"exercises/{path.name}")
        exercise = _exercise(path, data, source, sink, poses)
        if exercise.id in exercises:
            problems.append(f"{source}: {exercise.id}: id is defined twice")
        exercises[exercise.id] = exercise
        sources[exercise.id] = source

    library = Library(exercises, sports, safety, equipment, areas, booklet, root, bands)
    _check_references(library, sources, problems)
    for sport in safety.age.teen_sports:
        if sport not in sports:
            problems.append(f"content/safety.yaml: age: teen_sports: '{sport}' is not a sport")
    if problems:
        raise ContentError(f"The content library has {len(problems)} problem(s):", problems)
    return library


@cache
def default_library() -> Library:
    """The shipped library, loaded once per process."""
    return load_library()
