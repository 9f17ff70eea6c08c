"""The planner's numbers in one place: what each means and, for the clinical ones, its
source (docs/clinical-basis.md, "Dosing and progression")."""

from __future__ import annotations

LABELS = ("A", "B")
# Fewer, well-done exercises beat many: a session's item count, warm-up and stretch included.
MAX_ITEMS = {"beginner": 6, "intermediate": 7, "advanced": 8}
# A session's planned time as a share of the minutes asked for: filled to START_FILL at the
# start, never below MIN_FILL (unless the library has nothing more to offer), never above
# MAX_FILL; progression beyond that is by harder variants, bands, tempo and weight.
START_FILL = 0.9
MIN_FILL = 0.8
MAX_FILL = 1.05
# Training weeks between two progression steps, by how the back feels now.
PROGRESS_EVERY = {"none": 1, "mild": 2, "moderate": 2}
# A lighter week comes after this many weeks that progressed, and no later than BLOCK_WEEKS.
STEPS_BEFORE_LIGHTER = 2
MIN_BLOCK_WEEKS = 3  # training weeks before a lighter week, at least
MAX_BLOCK_WEEKS = 5  # training weeks before a lighter week, at most (blocks of 4-6 weeks)
LIGHTER_WEEKS_FROM = 8  # plans shorter than this have no lighter week
LIGHTER_SPORT_SHARE = 2 / 3  # a back-loading sport's length in a lighter week
BLOCKS_BEYOND = 12  # plans longer than this swap exercises at their ceiling between blocks
# Heavy work (content `load: heavy`): at most this many days a week, never two in a row.
HEAVY_DAYS_PER_WEEK = 3
# Strength days for beginners and for moderate pain (ACSM 2009: 2-3 non-consecutive days).
GENTLE_STRENGTH_DAYS = 3
# Slower tempos, one step at a time, for exercises that progress by tempo at their ceiling.
TEMPOS = ("lower in 3 s", "lower in 4 s, pause 1 s at the top")
PREREQUISITE_WEEKS = 2  # weeks of a drill before its lift (the hinge drill before the deadlift)
ENTRY_CHECK = (
    "I did the {drill} {sets} × {reps} with a straight back and green pain; "
    "if not, repeat the drill this week"
)
FIRST_WEIGHT = "Start with a weight you could lift 15 times with good form; never to failure"
# Double progression: the repetitions climb at one weight, then the weight may go up and the
# repetitions start again. The weight goes up only when the person has earned it: a rule, not a
# schedule (a physiotherapist read the old numbered "increase 2 of this plan" as one).
SAME_WEIGHT = (
    "Keep your weight and build up the repetitions; add weight only when you manage 2 more "
    "than the target in every set, two sessions running, with green pain; never to failure"
)
# The same rule for a lift done for time (a carry): the seconds climb, not the repetitions.
FIRST_WEIGHT_TIMED = (
    "Start with a weight you can carry for the whole time standing tall, without leaning; "
    "never to failure"
)
SAME_WEIGHT_TIMED = (
    "Keep your weight and build up the time; add weight only when you go the full time "
    "upright in every set, two sessions running, with green pain; never to failure"
)
NEW_WEIGHT_TIMED = (
    "This week you may add weight, {added}, if you went the full time upright in every "
    "set, two sessions running, with green pain; otherwise keep your weight. Never to failure"
)
# How much weight a step adds, unless the exercise says (content `weight_added`: a pull-up adds
# kilograms, where 5 % of a 2.5 kg start would be 125 g). Fixed dumbbells and kettlebells
# cannot add 5 %: their step is the next weight up (physiotherapist review); the repetitions
# start again at the new weight anyway.
WEIGHT_ADDED = "at most 5 % or the next weight up"
LIGHTER_WEEK_WEIGHT = "A lighter week: keep last week's weight, add none; never to failure"
NEW_WEIGHT = (
    "This week you may add weight, {added}, if you managed 2 more than the target in "
    "every set, two sessions running, with green pain; otherwise keep your weight. Never to "
    "failure"
)
# Extra items after the required ones, by focus, taken in turn while time allows.
FOCUS_AREAS = {
    "balanced": ("core", "glutes_hamstrings", "upper_back", "lower_back"),
    "lower_back": ("lower_back", "glutes_hamstrings", "core", "lower_back"),
    "upper_back": ("upper_back", "core", "upper_back", "lower_back"),
}
REQUIRED = ("lower_back", "upper_back", "cool_down")
# Families that do the same work, so a session holds one of them, as if one family: the front
# and the side plank are both minutes of static trunk holding (physiotherapist review: both in
# one session came to 6 minutes of holds, 11 with the rests).
# The band pull-apart and the band row both squeeze the shoulder blades together against the
# band (physiotherapist review: both in one session beside the band press-out was three band
# exercises in a row, two of them the same pull).
TRUNK_HOLDS = frozenset({"plank", "side_plank"})
SAME_WORK = (TRUNK_HOLDS, frozenset({"band_pull_apart", "band_row"}))
# Side-trunk work: the side plank (McGill's side bridge, the exercise for the muscles along
# the side of the trunk, one of his "big three") or the suitcase carry. A week holds one when
# one suits the person, and keeps it (physiotherapist review: an intermediate runner had none
# in 16 weeks; a beginner's side plank on knees gave way in week 10 while the plank stayed).
SIDE_TRUNK = frozenset({"side_plank", "carry"})
# Everyday strength for those who need balance work: standing up from a chair, in every
# session beside the balance hold (Sherrington 2020: balance and functional exercise on 3 days
# a week or more; physiotherapist review: a 74-year-old stood up from a chair once a week).
EVERYDAY_STRENGTH = frozenset({"sit_to_stand"})
# Back-extension work: the back muscles lifting the trunk against gravity, lying or standing
# (the bird dog holds the spine still, and a hinge works the hips).
BACK_EXTENSION = frozenset({"back_extension", "standing_back_extension"})
# Work a plan keeps once it has it, when an extra gives way so that another can progress: a
# trunk hold, front or side (a beginner had ended the plan with no plank at all), side-trunk
# work, and back-extension work (physiotherapist review: keeping the side plank, a 74-year-old
# lost her chest lift and a beginner in pain his only standing back extension).
KEPT_WORK = (TRUNK_HOLDS, SIDE_TRUNK, BACK_EXTENSION)
EXTRA_ITEMS = 4  # more exercises allowed when the sets alone cannot fill the time asked for
# Never more items than this in a session, extras included: a beginner (and anyone starting
# gently) does 6-8 exercises well rather than 10 hurriedly; a shorter honest session is better.
MOST_ITEMS = {"beginner": 8, "intermediate": 9, "advanced": 10}
# Sets a beginner does when the planner fills time: the guideline's 1-2 (ACSM 2009); a third
# set comes only as a progression step, at an exercise's ceiling.
BEGINNER_FILL_SETS = 2
# An exercise that cannot progress within the time makes an extra give way, as long as a
# session keeps this many main exercises (physiotherapist review: drop one, don't freeze all).
MIN_MAIN_ITEMS = 4
# Weeks at the top of its dose before a gentle start (moderate pain…) may add a third set.
TOP_WEEKS_FOR_A_THIRD_SET = 2
# Free days in the order sports are put on them; Sunday last, so it usually stays a rest day.
SPORT_DAY_PREFERENCE = ("sat", "tue", "thu", "wed", "fri", "mon", "sun")
# Walks: the days they go on, in order of adding; the target (WalkBack, Pocovi 2024).
WALK_DAY_PREFERENCE = ("tue", "thu", "sat", "mon", "wed", "fri", "sun")
WALK_START_DAYS = 3
WALK_TARGET_DAYS = 5
WALK_TARGET_MINUTES = 30
# Once on 5 days, each walk grows by 15 % a week, at least 2 and at most 5 minutes: within
# WalkBack's 1-5 minutes or 10-20 %; 1 minute a week left a beginner at 14 minutes after
# 8 weeks (physiotherapist review).
WALK_GROWTH = 0.15
WALK_LEAST_STEP = 2
WALK_MOST_STEP = 5
# Positions each floor answer allows.
POSITIONS_FOR_FLOOR = {
    "yes": ("floor", "kneeling", "standing", "chair"),
    "with_help": ("floor", "kneeling", "standing", "chair"),
    "no": ("standing", "chair"),
}

OLDER_FROM = 65  # age from which balance work is part of every week (Sherrington 2020)
BALANCE_DAYS = 3  # days a week with balance work for older people and after a fall
OLDER_STRETCH_SECONDS = 30  # stretch holds of 30-60 s for older adults (ACSM)
FRACTURE_RISK = "fracture_risk"
PREGNANCY = "pregnancy"
POSTPARTUM = "postpartum"
# The sport that is the walking programme (rule 10) when the person walks.
WALKING_SPORT = "walking"
# Each scheduled sport comes back at least every this many weeks (rule 11): with more sports
# than fit that rhythm, the first ones chosen are scheduled and the rest named on the cover.
ROTATION_WEEKS = 3
