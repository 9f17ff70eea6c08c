"""The fillable side of the PDF: field names, the fields themselves, and reading them back.

The drawn boxes stay as they are, so the file prints exactly as before; over each one lies
an AcroForm field (a checkbox over a tick box, a small text field over a pain box) that any
PDF reader can fill. Field names are a contract between `build` and `progress`:

    w03-mon-A-bird_dog-set2     a set of an exercise      (checkbox)
    w03-mon-A-done              the session's done box     (checkbox)
    w03-mon-A-pain_before       pain before, 0-10          (text)
    w03-mon-A-pain_after        pain after, 0-10           (text)
    w03-sat-sport-swimming-done a sport session            (checkbox)
    w03-tue-walk-done           a walk                     (checkbox)
    w03-sat-mobility-done       a mobility session         (checkbox)
    w03-sat-mobility-cat_cow-set1  a set of a mobility day (checkbox)
    w03-notes                   the week's notes           (multi-line text)
    w05-deadlift-entry_check    a lift's entry check       (checkbox)
    w05-deadlift-coach          "learned with a coach"     (checkbox)
    tracker-w03-mon-A           the progress tracker       (checkbox)
    tracker-w03-tue-walk        a walk or mobility day     (checkbox, tracker calendar)
    tracker-w03-pain            the week's usual pain      (text)

Pain before and after a session is a radio group of eleven circles, 0 to 10, whose value is
the circle ticked (`/3`); plans printed before it carry a two-digit text field of the same
name, read the same way.

The answers the plan was made from travel inside the PDF as an attached file, so the PDF
alone is enough for `progress` and `next`. Checkbox appearances are drawn with lines, not a
font glyph, so no unembedded font enters the file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ANSWERS_ATTACHMENT = "planbuilder-answers.yaml"
# The plan exactly as printed (plan.plan_record), so ticks are read against what was drawn.
PLAN_ATTACHMENT = "planbuilder-plan.json"


@dataclass(frozen=True, slots=True)
class FieldBox:
    """A drawn box to lay a field over: its name, kind, page (1-based) and rectangle."""

    name: str
    kind: str  # "checkbox", "text", "multiline" or "radio"
    page: int
    rect: tuple[float, float, float, float]
    value: str = ""  # a radio circle's own value ("0" to "10"); the group is the name


RADIO = "radio"
MULTILINE = "multiline"
# PDF field flags (PDF 32000-1, 12.7.4): a multi-line text field; radio buttons, one of
# which stays chosen once chosen.
MULTILINE_FLAG = 1 << 12
RADIO_FLAGS = (1 << 15) | (1 << 14)


def session_prefix(week: int, weekday: str, label: str) -> str:
    return f"w{week:02d}-{weekday}-{label}"


def set_field(week: int, weekday: str, label: str, exercise: str, number: int) -> str:
    return f"{session_prefix(week, weekday, label)}-{exercise}-set{number}"


def done_field(week: int, weekday: str, label: str) -> str:
    return f"{session_prefix(week, weekday, label)}-done"


def pain_field(week: int, weekday: str, label: str, when: str) -> str:
    return f"{session_prefix(week, weekday, label)}-pain_{when}"


def sport_field(week: int, weekday: str, sport: str) -> str:
    return f"w{week:02d}-{weekday}-sport-{sport}-done"


def light_field(week: int, weekday: str, kind: str) -> str:
    """The done box of a walk or a mobility session (one of each a day at most)."""
    return f"w{week:02d}-{weekday}-{kind}-done"


def mobility_set_field(week: int, weekday: str, exercise: str, number: int) -> str:
    return set_field(week, weekday, "mobility", exercise, number)


def notes_field(week: int) -> str:
    return f"w{week:02d}-notes"


def gate_field(week: int, exercise: str, what: str) -> str:
    """A lift's gate before its first session: "entry_check" passed, or "coach" seen."""
    return f"w{week:02d}-{exercise}-{what}"


def tracker_field(week: int, weekday: str, what: str) -> str:
    return f"tracker-w{week:02d}-{weekday}-{what}"


def tracker_pain_field(week: int) -> str:
    return f"tracker-w{week:02d}-pain"


def add_fields_and_attachments(
    path: Path, boxes: list[FieldBox], answers_yaml: str, plan_json: str, with_fields: bool
) -> None:
    """Rewrite the PDF at `path` with form fields over `boxes`, and the answers and the plan
    as printed attached.

    pikepdf (qpdf) writes the result with object streams: the thousand small field and link
    dictionaries of a plan are compressed together, which more than halves the file.
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    finished = io.BytesIO()
    with pikepdf.open(path) as pdf:
        made: dict[tuple[str, float, float], pikepdf.Object] = {}
        nothing = "q Q"  # an empty stream would be saved as a zero-length, broken Flate stream

        def appearance(content: str, width: float, height: float) -> pikepdf.Object:
            """A form XObject, shared by every field of the same look and size."""
            key = (content, round(width, 2), round(height, 2))
            if key not in made:
                made[key] = pdf.make_indirect(
                    pikepdf.Stream(
                        pdf,
                        content.encode("ascii"),
                        Type=Name.XObject,
                        Subtype=Name.Form,
                        BBox=Array([0, 0, round(width, 3), round(height, 3)]),
                    )
                )
            return made[key]

        fields = Array()
        radios = [box for box in boxes if box.kind == RADIO] if with_fields else []
        for box in boxes if with_fields else []:
            if box.kind == RADIO:
                continue
            x0, y0, x1, y1 = box.rect
            width, height = x1 - x0, y1 - y0
            field = Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                T=pikepdf.String(box.name),
                Rect=Array([round(v, 2) for v in box.rect]),
                F=4,  # 4: printed
            )
            if box.kind == "checkbox":
                inset = max(1.0, width * 0.18)
                far = (width - inset, height - inset)
                cross = (
                    f"q 0.1 0.1 0.1 RG 1.2 w 1 J {inset:.2f} {inset:.2f} m {far[0]:.2f} "
                    f"{far[1]:.2f} l S {inset:.2f} {far[1]:.2f} m {far[0]:.2f} "
                    f"{inset:.2f} l S Q"
                )
                field.FT, field.V, field.AS = Name.Btn, Name.Off, Name.Off
                field.AP = Dictionary(
                    N=Dictionary(
                        Yes=appearance(cross, width, height), Off=appearance(nothing, width, height)
                    )
                )
            elif box.kind == MULTILINE:
                field.FT, field.V, field.Ff = Name.Tx, pikepdf.String(""), MULTILINE_FLAG
                field.DA = pikepdf.String("/Helv 9 Tf 0 g")
                field.AP = Dictionary(N=appearance(nothing, width, height))
            else:
                field.FT, field.V, field.MaxLen, field.Q = Name.Tx, pikepdf.String(""), 2, 1
                field.DA = pikepdf.String(f"/Helv {min(10.0, height * 0.7):.1f} Tf 0 g")
                field.AP = Dictionary(N=appearance(nothing, width, height))
            reference = pdf.make_indirect(field)
            page = pdf.pages[box.page - 1]
            if Name.Annots not in page.obj:
                page.obj.Annots = Array()
            page.obj.Annots.append(reference)
            fields.append(reference)
        for group in radio_groups(pdf, radios, appearance):
            fields.append(group)
        if with_fields:
            helvetica = pdf.make_indirect(
                Dictionary(
                    Type=Name.Font,
                    Subtype=Name.Type1,
                    BaseFont=Name.Helvetica,
                    Encoding=Name.WinAnsiEncoding,
                )
            )
            pdf.Root.AcroForm = Dictionary(
                Fields=fields,
                NeedAppearances=True,
                DA=pikepdf.String("/Helv 9 Tf 0 g"),
                DR=Dictionary(Font=Dictionary(Helv=helvetica)),
            )
        pdf.attachments[ANSWERS_ATTACHMENT] = pikepdf.AttachedFileSpec(
            pdf, answers_yaml.encode("utf-8"), mime_type="application/yaml"
        )
        pdf.attachments[PLAN_ATTACHMENT] = pikepdf.AttachedFileSpec(
            pdf, plan_json.encode("utf-8"), mime_type="application/json"
        )
        pdf.save(
            finished, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True
        )
    # qpdf aborts the whole process when its own file write fails (a full disk): it writes to
    # memory, and Python writes the file, so such a failure is an ordinary OSError.
    path.write_bytes(finished.getvalue())


def _dot(width: float, height: float) -> str:
    """A filled dot in the middle of a circle: the look of a chosen radio button, drawn with
    four Bezier curves so no font (ZapfDingbats) is needed."""
    r, cx, cy = min(width, height) * 0.3, width / 2, height / 2
    k = r * 0.5523
    return (
        f"q 0.1 0.1 0.1 rg {cx + r:.2f} {cy:.2f} m "
        f"{cx + r:.2f} {cy + k:.2f} {cx + k:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
        f"{cx - k:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k:.2f} {cx - r:.2f} {cy:.2f} c "
        f"{cx - r:.2f} {cy - k:.2f} {cx - k:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
        f"{cx + k:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k:.2f} {cx + r:.2f} {cy:.2f} c f Q"
    )


def radio_groups(pdf: Any, circles: list[FieldBox], appearance: Any) -> list[Any]:
    """One radio field per group name, a widget per drawn circle, each with its own value as
    its "on" appearance state, so a reader shows one chosen circle and the field's value is
    that circle's number.

    A minimal version, written beside the reader helper's own (the lead reconciles them)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    groups: dict[str, Any] = {}
    for box in circles:
        if box.name not in groups:
            groups[box.name] = pdf.make_indirect(
                Dictionary(
                    FT=Name.Btn,
                    Ff=RADIO_FLAGS,
                    T=pikepdf.String(box.name),
                    V=Name.Off,
                    Kids=Array(),
                )
            )
        parent = groups[box.name]
        x0, y0, x1, y1 = box.rect
        width, height = x1 - x0, y1 - y0
        on = Name("/" + box.value)
        widget = pdf.make_indirect(
            Dictionary(
                Subtype=Name.Widget,
                Parent=parent,
                Rect=Array([round(v, 2) for v in box.rect]),
                F=4,
                AS=Name.Off,
                # no "Off" look: a circle not chosen shows nothing over the drawn one
                AP=Dictionary(
                    N=Dictionary({str(on): appearance(_dot(width, height), width, height)})
                ),
            )
        )
        parent.Kids.append(widget)
        page = pdf.pages[box.page - 1]
        if Name.Annots not in page.obj:
            page.obj.Annots = Array()
        page.obj.Annots.append(widget)
    return list(groups.values())
