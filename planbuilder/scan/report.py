"""What `scan` tells the person: page by page what was read, what to check, what is next."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from planbuilder.scan.boxes import State
from planbuilder.scan.job import PageResult, describe

if TYPE_CHECKING:
    from planbuilder.pipeline import Scanned

_WEEK = re.compile(r"(?:tracker-)?w(\d+)-")


def page_weeks(result: PageResult) -> str:
    """'week 3', 'weeks 3-4' or 'the progress tracker': what a page holds, in words."""
    if any(r.name.startswith("tracker-") for r in result.readings):
        return "the progress tracker"
    weeks = sorted({int(m.group(1)) for r in result.readings if (m := _WEEK.match(r.name))})
    if not weeks:
        return "no week"
    return f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}-{weeks[-1]}"


def scan_json(scanned: Scanned) -> dict[str, Any]:
    names = scanned.plan.exercise_names

    def words(name: str) -> str:
        return describe(name, lambda ex: names.get(ex, ex))

    return {
        "plan_id": scanned.plan.plan_id,
        "written": str(scanned.pdf),
        "pictures": [
            {
                "source": r.source,
                "page": r.page,
                "holds": page_weeks(r) if r.readings else None,
                "ticked": r.count(State.TICKED),
                "empty": r.count(State.EMPTY),
                "unsure": r.count(State.UNSURE),
                "problem": r.problem,
            }
            for r in scanned.pages
        ],
        "unsure": [{"field": n, "box": words(n)} for n in scanned.merged.unsure],
        "paper_over_screen": [
            {"field": n, "box": words(n), "paper": scanned.merged.values[n]}
            for n in scanned.merged.changed_from_screen
        ],
        "pain_written_not_read": [{"field": n, "box": words(n)} for n in scanned.merged.written_in],
        "pain_read": [
            {"field": n, "box": words(n), "pain": int(v)} for n, v in scanned.merged.pains.items()
        ],
    }


def scan_text(scanned: Scanned) -> str:
    data = scan_json(scanned)
    lines = [f"Read {len(scanned.pages)} picture(s) of plan {scanned.plan.plan_id}:"]
    for picture in data["pictures"]:
        if picture["problem"]:
            where = f"page {picture['page']}: " if picture["page"] else ""
            lines.append(f"  {picture['source']}: not read - {where}{picture['problem']}")
        else:
            lines.append(
                f"  {picture['source']}: page {picture['page']} ({picture['holds']}): "
                f"{picture['ticked']} ticked, {picture['empty']} empty, "
                f"{picture['unsure']} unsure"
            )
    changed = data["paper_over_screen"]
    if changed:
        lines.append(f"{len(changed)} box(es) were filled differently on screen; the paper wins:")
        lines += [
            f"  - {c['box']}: {'ticked' if c['paper'] else 'empty'} on paper" for c in changed
        ]
    if data["unsure"]:
        lines.append(
            "Please look at these boxes on your paper: we could not tell if they are ticked, "
            "so they are left as they were (unticked, unless ticked on screen). Tick them on "
            "screen in the copy if they are:"
        )
        lines += [f"  - {u['box']}" for u in data["unsure"]]
    if data["pain_written_not_read"]:
        count = len(data["pain_written_not_read"])
        lines.append(
            f"{count} pain number(s) were written on paper; planbuilder cannot read "
            "handwriting yet, so type them into the copy on screen (or use `next --ask`)."
        )
    if data["pain_read"]:
        lines.append(f"{len(data['pain_read'])} pain circle(s) read from paper.")
    lines.append(f"Wrote {scanned.pdf}. See it with: planbuilder progress {scanned.pdf}")
    return "\n".join(lines)
