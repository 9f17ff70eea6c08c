"""Deciding the next block from a filled plan: carry on, repeat, or step back.

The rule a physiotherapist would use with a paper log and the pain rule (content/safety.yaml):
most sets done and usual pain not rising → one step further; some sets missed, usual pain
rising a little, or pain after sessions above the rule's ceiling → repeat the doses reached;
half the sets missed or usual pain up by more than the rule's points → step back, and rise
more gently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from planbuilder.content import PainRule
from planbuilder.planner.progression import steps_in_block
from planbuilder.profile import PAIN_WORDS, Profile, following_start, next_monday
from planbuilder.readback import Progress
from planbuilder.vocab import PAIN_LEVELS

# Within what the answers file accepts, for any number of chained blocks: far beyond the
# last step any exercise has, and never more than a few steps below the starting doses.
MIN_STEPS, MAX_STEPS = -5, 200
MAX_LEAD = dt.timedelta(days=365)

PROGRESS = "progress"
REPEAT = "repeat"
STEP_BACK = "step_back"


@dataclass(frozen=True)
class Decision:
    kind: str
    paragraph: str
    profile: Profile


def decide(progress: Progress, today: dt.date, rule: PainRule) -> Decision:
    """The next block's profile from what was done: progress, repeat, or step back.

    The pain rule decides with the ticks: usual pain creeping up by more than the rule's
    points is red (step back, rise more gently); creeping up at all, or pain above the rule's
    ceiling after sessions, is amber (repeat)."""
    old = progress.plan.profile
    done = progress.sets_fraction
    rise = progress.pain_change()
    too_high = any(p > rule.highest for week in progress.weeks for p in week.pain_after)
    end_steps = old.progress_steps + steps_in_block(old)
    pain = old.pain
    if done < 0.5 or rise > rule.above_usual:
        kind, steps = STEP_BACK, old.progress_steps - 1
        if rise > rule.above_usual:
            pain = PAIN_LEVELS[min(PAIN_LEVELS.index(old.pain) + 1, len(PAIN_LEVELS) - 1)]
        reasons = []
        if done < 0.5:
            reasons.append(f"you did {done:.0%} of the sets")
        if rise > rule.above_usual:
            reasons.append(f"your usual pain rose by {rise:g} points")
        why = " and ".join(reasons)
        what = "This block steps back: the doses start below those of your last block"
        if pain != old.pain:
            what += ", and they rise more gently"
    elif done < 0.8 or rise > 0 or too_high:
        kind, steps = REPEAT, end_steps
        if done < 0.8:
            why = f"you did {done:.0%} of the sets"
        elif rise > 0:
            why = f"your usual pain rose a little ({rise:+g})"
        else:
            why = f"your pain after some sessions was above {rule.highest}/10"
        what = "This block repeats the doses you reached at the end of the last one"
    elif progress.felt_too_hard():
        kind, steps = REPEAT, end_steps
        why = "you said the work felt too hard"
        what = "This block repeats the doses you reached at the end of the last one"
    else:
        kind, steps = PROGRESS, end_steps + 1
        why = f"you did {done:.0%} of the sets and your pain did not rise"
        what = "This block carries on from where the last one ended, one step further"
    lower = stepped_down(progress, pain)
    if lower != pain:
        what += (
            f". Your pain was {PAIN_TOP[lower]}/10 or less after most sessions, so the plan now "
            f"counts your back as '{PAIN_WORDS[lower].lower()}'"
        )
        pain = lower
    paragraph = (
        f"{what}, because {why}. Keep ticking the boxes and writing down your pain. "
        f"{rule.short} If your usual pain creeps up from week to week, repeat the week or do "
        "one set fewer, and talk to a physiotherapist."
    )
    profile = dataclasses.replace(
        old,
        start=next_start(old, today),
        progress_steps=min(max(steps, MIN_STEPS), MAX_STEPS),
        pain=pain,
        cover_note=paragraph,
    )
    return Decision(kind, paragraph, profile)


# The most pain, out of 10, that each pain level describes (the questionnaire's own wording).
PAIN_TOP = {"none": 1, "mild": 3, "moderate": 6}


def stepped_down(progress: Progress, pain: str) -> str:
    """One pain level lower when the usual pain after most sessions (more than half, at least
    four entries) was at or below the top of that lower level; pain never steps down in the
    same block it stepped up."""
    old = progress.plan.profile.pain
    index = PAIN_LEVELS.index(pain)
    if pain != old or index == 0 or pain not in PAIN_TOP:
        return pain
    lower = PAIN_LEVELS[index - 1]
    entries = [p for week in progress.weeks for p in week.pain_after]
    if len(entries) < 4:
        entries = [w.weekly_pain for w in progress.weeks if w.weekly_pain is not None]
    if len(entries) < 4:
        return pain
    low = sum(1 for p in entries if p <= PAIN_TOP[lower])
    return lower if low * 2 > len(entries) else pain


def next_start(old: Profile, today: dt.date) -> dt.date:
    """The day after the old block, unless that is more than a year away (a chain of `next`
    run on blocks not yet done): then the coming Monday, so dates never drift off."""
    following = following_start(old, today)
    if following > today + MAX_LEAD:
        return next_monday(today)
    return following
