"""Screening: who may get a plan, and what their plan and booklet must say.

Runs on the answers before anything is planned. The rules, in order (each with its source in
docs/clinical-basis.md; the items and their words are in content/safety.yaml):

1. Any `emergency` item → no plan: go to an emergency department now. Cannot be cleared.
2. Severe pain (cannot sleep, sit or walk for more than a few minutes) → no plan: self-care
   advice and when to get help urgently.
3. Under the minimum age (16) → no plan: the programme is not written for children.
4. Any `see_first` item not in `cleared` → no plan until a doctor or physiotherapist has
   checked it; the message lists what to ask. Derived items come from age, how long the pain
   has lasted and the sports chosen:
   - 16-19 with back pain lasting beyond 3 weeks (or not said), or a back-bending sport →
     `teen_back_pain` (in young people this can be a stress fracture);
5. `caution` items → the plan is built; each note is printed on the cover and safety page:
   - 16-19 with back pain otherwise → `teen_back_caution`;
   - 50 or over with a first episode in the last 6 weeks → `first_episode_over_50`.
Then what the booklet must also carry: the clearances, a guardian's signature under 18, the
unknown duration of the pain, and whether the balance and floor adaptations apply (65 or
over, or a fall in the last year).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planbuilder.content import Library, Safety, ScreeningItem
from planbuilder.errors import InputError, SafetyStop
from planbuilder.profile import Profile

# The pain durations that are, or may be, longer than 3 weeks (`None`: not said).
LASTING = (None, "6_to_12_weeks", "over_12_weeks", "comes_and_goes")


@dataclass(frozen=True, slots=True)
class Screening:
    """What the answers let through, and what the booklet must say because of them."""

    cautions: tuple[ScreeningItem, ...]
    cleared: tuple[ScreeningItem, ...]
    guardian_signature: bool
    duration_unknown: bool
    balance_and_floor: bool  # 65 or over, or a fall in the last year (the dosing adaptations)
    falls_check: bool = False  # a fall in the last year: ask for a falls check (NICE NG249)

    @property
    def fragile_bones(self) -> bool:
        """A cleared fracture risk: sudden new back pain is not a flare-up but a reason to call."""
        return any(item.id == "fracture_risk" for item in self.cleared)


class AgeNeeded(InputError):
    """Answers from a plan printed before planbuilder asked for age."""


def screen(profile: Profile, library: Library) -> Screening:
    """The screening result for these answers; raises SafetyStop when there must be no plan."""
    safety = library.safety
    if profile.age is None:
        raise AgeNeeded(
            "age: these answers come from a plan made before planbuilder asked for age. Give "
            "it with --age (e.g. `planbuilder next PLAN.pdf --age 45`), or add `age: 45` to "
            "the answers file"
        )
    answered = [safety.items[i] for i in profile.red_flags] + _derived(profile, safety)
    emergencies = [item for item in answered if item.tier == "emergency"]
    if emergencies:
        raise emergency_stop(safety, emergencies)
    if profile.pain == "severe":
        raise SafetyStop(safety.messages["severe_pain"], [safety.messages["severe_pain_urgent"]])
    if profile.age < safety.age.minimum:
        raise SafetyStop(safety.messages["under_16"])
    waiting = [i for i in answered if i.tier == "see_first" and i.id not in profile.cleared]
    if waiting:
        raise see_first_stop(safety, waiting)
    cautions = tuple(_unique(item for item in answered if item.tier == "caution"))
    return Screening(
        cautions=cautions,
        cleared=tuple(_cleared(profile, safety, answered)),
        guardian_signature=profile.age < safety.age.guardian_under,
        duration_unknown=profile.pain != "none" and profile.pain_since is None,
        balance_and_floor=profile.age >= safety.age.balance_from or profile.fall_last_year,
        falls_check=profile.fall_last_year,
    )


def _derived(profile: Profile, safety: Safety) -> list[ScreeningItem]:
    """Items that follow from age, how long the pain has lasted and the sports chosen."""
    items = safety.items
    age = safety.age
    assert profile.age is not None
    derived: list[ScreeningItem] = []
    in_pain = profile.pain != "none"
    if in_pain and age.minimum <= profile.age <= age.teen_until:
        bending_sport = bool(set(profile.sports) & set(age.teen_sports))
        if profile.pain_since in LASTING or bending_sport:
            derived.append(items["teen_back_pain"])
        else:
            derived.append(items["teen_back_caution"])
    if in_pain and profile.age >= age.first_episode_from and profile.pain_since == "under_6_weeks":
        derived.append(items["first_episode_over_50"])
    return derived


def _cleared(
    profile: Profile, safety: Safety, answered: list[ScreeningItem]
) -> list[ScreeningItem]:
    """What a clinician checked and cleared. Naming an item in `cleared` says the person has
    it, even when the answers do not list it again among the red flags: the plan is adapted
    for it, so the cover must say it was cleared."""
    named = [safety.items[i] for i in profile.cleared if i in safety.items]
    return _unique(
        item for item in answered + named if item.tier == "see_first" and item.id in profile.cleared
    )


def _unique(items: Iterable[ScreeningItem]) -> list[ScreeningItem]:
    """Each item once, in first-seen order."""
    seen: dict[str, ScreeningItem] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


def emergency_stop(safety: Safety, items: list[ScreeningItem]) -> SafetyStop:
    """Leads with what to do now; says why in a sentence per sign; no reassurance."""
    reasons = [f"{item.question} You said yes. {item.why}" for item in items]
    return SafetyStop(
        f"{safety.messages['emergency']}\n{safety.messages['emergency_why']}", reasons
    )


def see_first_stop(safety: Safety, items: list[ScreeningItem]) -> SafetyStop:
    """Names each item, why it matters and what to ask, then how to come back cleared."""
    reasons = [f"{item.question} {item.why} {item.ask} (id: {item.id})" for item in items]
    reasons.append(safety.messages["see_first_then"])
    return SafetyStop(safety.messages["see_first"], reasons)


def stop_early(answers: dict[str, Any], library: Library) -> None:
    """The stops the questionnaire can decide before every question is answered, so nobody
    answers ten more questions to be told to go to an emergency department."""
    safety = library.safety
    picked = [safety.items[i] for i in answers.get("red_flags") or [] if i in safety.items]
    emergencies = [item for item in picked if item.tier == "emergency"]
    if emergencies:
        raise emergency_stop(safety, emergencies)
    if "cleared" in answers:
        cleared = set(answers["cleared"] or [])
        waiting = [i for i in picked if i.tier == "see_first" and i.id not in cleared]
        if waiting:
            raise see_first_stop(safety, waiting)
    if answers.get("pain") == "severe":
        raise SafetyStop(safety.messages["severe_pain"], [safety.messages["severe_pain_urgent"]])
    age = answers.get("age")
    if isinstance(age, int) and age < safety.age.minimum:
        raise SafetyStop(safety.messages["under_16"])


def grouped_choices(safety: Safety, tiers: tuple[str, ...]) -> list[tuple[str | None, str]]:
    """(id, label) pairs under (None, heading) lines, group by group, the most urgent tier
    first within a group: what the screening screen shows (the full question is shown for
    the line the cursor is on)."""
    rows: list[tuple[str | None, str]] = []
    for group, heading in safety.groups.items():
        items = [
            item
            for tier in tiers
            for item in safety.tier(tier, asked_only=True)
            if item.group == group
        ]
        if items:
            rows.append((None, heading))
            rows += [(item.id, item.label) for item in items]
    return rows
