"""The fillable side of the PDF: field names, the fields themselves, and reading them back.

The drawn boxes stay as they are, so the file prints exactly as before; over each one lies
an AcroForm field (a checkbox over a tick box, a small text field over a pain box) that any
PDF reader can fill. Field names are a contract between `build` and `progress`:

    w03-mon-A-bird_dog-set2     a set of an exercise      (checkbox)
    w03-mon-A-done              the session's done box     (checkbox)
    w03-mon-A-pain_before       pain before, 0-10          (text)
    w03-mon-A-pain_after        pain after, 0-10           (text, or a radio group 0-10)
    w03-notes                   the week's notes area      (multi-line text)
    w03-tue-mobility-cat_cow-set1  a set on a mobility day (checkbox)
    w03-deadlift-entry_check    a lift's gate, and -coach  (checkbox)
    w03-sat-sport-swimming-done a sport session            (checkbox)
    w03-tue-walk-done           a walk                     (checkbox)
    w03-sat-mobility-done       a mobility session         (checkbox)
    tracker-w03-mon-A           the progress tracker       (checkbox)
    tracker-w03-pain            the week's usual pain      (text)

The answers the plan was made from travel inside the PDF as an attached file, so the PDF
alone is enough for `progress` and `next`.

Every widget carries its own appearance dictionary, a drawn look for on and one for off, its
/AS set to the one showing, and the form says NeedAppearances false: no reader has to invent
a look for a box, so a tick shows the same in every reader, after saving in one and opening
in another, and after flattening. A reader ticks a box by changing that widget's /AS (and
/V), never the drawing, so the drawings themselves are shared: one stream per look and box
size for the whole plan (common PDF practice), not two per box. Each stream is an object of
its own that cannot be compressed with the others, and a plan has some fifteen hundred
boxes: sharing keeps the file a quarter of its size and quicker to write. The write-in
fields keep drawings of their own, as a reader that fills one redraws its appearance. The
appearances are drawn with lines, not a font glyph, so no unembedded font enters the file.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ANSWERS_ATTACHMENT = "planbuilder-answers.yaml"
# The plan exactly as printed (plan.plan_record), so ticks are read against what was drawn.
PLAN_ATTACHMENT = "planbuilder-plan.json"


CHECKBOX = "checkbox"
TEXT = "text"  # a short write-in box: a pain score, two digits at most
NOTES = "notes"  # a line to write on: a multi-line text field
RADIO = "radio"  # one button of a group sharing the name: a pain circle 0-10

# Field flags (PDF 32000-1:2008, tables 226 and 228).
MULTILINE_FLAG = 1 << 12
RADIO_BUTTONS = 1 << 15


@dataclass(frozen=True, slots=True)
class FieldBox:
    """A drawn box to lay a field over: its name, kind, page (1-based) and rectangle.

    A radio button also has its `value` ("0" to "10" for a pain circle): all buttons of one
    name make one group, and choosing a button makes the group's value its `value`.
    """

    name: str
    kind: str  # CHECKBOX, TEXT, NOTES or RADIO
    page: int
    rect: tuple[float, float, float, float]
    value: str = ""


def session_prefix(week: int, weekday: str, label: str) -> str:
    return f"w{week:02d}-{weekday}-{label}"


def set_field(week: int, weekday: str, label: str, exercise: str, number: int) -> str:
    return f"{session_prefix(week, weekday, label)}-{exercise}-set{number}"


def done_field(week: int, weekday: str, label: str) -> str:
    return f"{session_prefix(week, weekday, label)}-done"


def pain_field(week: int, weekday: str, label: str, when: str) -> str:
    return f"{session_prefix(week, weekday, label)}-pain_{when}"


def notes_field(week: int) -> str:
    """The week's notes area: a multi-line field, read back by `progress` as written."""
    return f"w{week:02d}-notes"


def mobility_set_field(week: int, weekday: str, exercise: str, number: int) -> str:
    return set_field(week, weekday, "mobility", exercise, number)


def gate_field(week: int, exercise: str, what: str) -> str:
    """A lift's gate before its first session: "entry_check" passed, or "coach" seen."""
    return f"w{week:02d}-{exercise}-{what}"


def sport_field(week: int, weekday: str, sport: str) -> str:
    return f"w{week:02d}-{weekday}-sport-{sport}-done"


def light_field(week: int, weekday: str, kind: str) -> str:
    """The done box of a walk or a mobility session (one of each a day at most)."""
    return f"w{week:02d}-{weekday}-{kind}-done"


def tracker_field(week: int, weekday: str, what: str) -> str:
    return f"tracker-w{week:02d}-{weekday}-{what}"


def tracker_pain_field(week: int) -> str:
    return f"tracker-w{week:02d}-pain"


# What the person sees in a box, as PDF drawing operators in the box's own coordinates. Pure
# black in DeviceGray ("0 G"): a black-and-white printer prints it with black ink alone.
NOTHING = "q Q"  # an empty stream would be saved as a zero-length, broken Flate stream


def cross_drawing(width: float, height: float) -> str:
    """A ticked checkbox: a bold cross from corner to corner, inside the printed square."""
    inset = max(1.0, width * 0.18)
    line = max(1.2, width * 0.1)
    far_x, far_y = width - inset, height - inset
    return (
        f"q 0 G {line:.1f} w 1 J {inset:.1f} {inset:.1f} m {far_x:.1f} {far_y:.1f} l S "
        f"{inset:.1f} {far_y:.1f} m {far_x:.1f} {inset:.1f} l S Q"
    )


def ring_drawing(width: float, height: float) -> str:
    """A chosen radio button: a bold ring just inside the printed circle, so the number
    printed in the circle still shows through the middle."""
    line = max(1.5, min(width, height) * 0.16)
    radius = min(width, height) / 2 - line / 2 - 0.3
    return f"q 0 G {line:.2f} w {_circle_path(width / 2, height / 2, radius)} S Q"


def _circle_path(x: float, y: float, r: float) -> str:
    """A circle as four Bézier curves (PDF has no circle operator)."""
    k = r * 0.5523  # the control-point distance of a quarter circle
    return (
        f"{x + r:.2f} {y:.2f} m "
        f"{x + r:.2f} {y + k:.2f} {x + k:.2f} {y + r:.2f} {x:.2f} {y + r:.2f} c "
        f"{x - k:.2f} {y + r:.2f} {x - r:.2f} {y + k:.2f} {x - r:.2f} {y:.2f} c "
        f"{x - r:.2f} {y - k:.2f} {x - k:.2f} {y - r:.2f} {x:.2f} {y - r:.2f} c "
        f"{x + k:.2f} {y - r:.2f} {x + r:.2f} {y - k:.2f} {x + r:.2f} {y:.2f} c h"
    )


def appearance(pdf: Any, content: str, width: float, height: float) -> Any:
    """A form XObject drawing `content` in a box of `width` × `height`."""
    import pikepdf
    from pikepdf import Array, Name

    # No /Type: optional for a form, and a plan has hundreds of these small streams, which,
    # unlike dictionaries, cannot be compressed together into object streams.
    stream = pikepdf.Stream(pdf, content.encode("ascii"), Subtype=Name.Form)
    stream.BBox = Array([0, 0, round(width, 2), round(height, 2)])
    return pdf.make_indirect(stream)


Drawing = Callable[[float, float], str]


def _nothing(width: float, height: float) -> str:
    """An unticked box: nothing over what is printed."""
    return NOTHING


class SharedLooks:
    """The drawn looks of the form's buttons: one stream per drawing and box size, made the
    first time a box needs it and pointed at by every box of that size after."""

    def __init__(self, pdf: Any) -> None:
        self._pdf = pdf
        self._made: dict[tuple[Drawing, float, float], Any] = {}

    def of(self, drawing: Drawing, box: FieldBox) -> Any:
        # Boxes of one kind differ by rounding only (11.9 or 11.91 points): one look each.
        width, height = (round(side, 2) for side in _size(box))
        key = (drawing, width, height)
        if key not in self._made:
            self._made[key] = appearance(self._pdf, drawing(width, height), width, height)
        return self._made[key]


class Form:
    """What the fields are laid into: the pages (their dictionaries, looked up once), the
    shared looks, and each page's new widgets, added to its /Annots in one go at the end.

    It also holds the few PDF names every widget repeats, made once: pikepdf makes a new
    Name object at every `Name.X` and the import inside a function costs a look-up each
    call, which together were a third of the time spent on fifteen hundred widgets."""

    def __init__(self, pdf: Any) -> None:
        from pikepdf import Name

        self.pdf = pdf
        self.pages = [page.obj for page in pdf.pages]
        self.looks = SharedLooks(pdf)
        self._placed: dict[int, list[Any]] = {}
        self.annot, self.widget_type = Name.Annot, Name.Widget
        self.button, self.text, self.off = Name.Btn, Name.Tx, Name.Off

    def widget(self, box: FieldBox, **entries: Any) -> Any:
        """The widget annotation over a drawn box (where it is, that it prints, its page),
        with `entries`, as an indirect object placed on its page."""
        from pikepdf import Array, Dictionary

        widget = Dictionary(
            Type=self.annot,
            Subtype=self.widget_type,
            Rect=Array([round(v, 2) for v in box.rect]),
            F=4,  # 4: printed
            P=self.pages[box.page - 1],
            **entries,
        )
        widget = self.pdf.make_indirect(widget)
        self._placed.setdefault(box.page - 1, []).append(widget)
        return widget

    def finish(self) -> None:
        from pikepdf import Array, Name

        for index, widgets in self._placed.items():
            page = self.pages[index]
            if Name.Annots in page:
                page.Annots.extend(widgets)
            else:
                page.Annots = Array(widgets)


def _size(box: FieldBox) -> tuple[float, float]:
    x0, y0, x1, y1 = box.rect
    return x1 - x0, y1 - y0


def checkbox(form: Form, box: FieldBox) -> Any:
    """A checkbox (field and widget in one): on is "Yes", drawn as a cross; off draws nothing."""
    from pikepdf import Dictionary, String

    looks = Dictionary(Yes=form.looks.of(cross_drawing, box), Off=form.looks.of(_nothing, box))
    return form.widget(
        box,
        T=String(box.name),
        FT=form.button,
        V=form.off,
        AS=form.off,
        AP=Dictionary(N=looks),
    )


def text_field(form: Form, box: FieldBox) -> Any:
    """A write-in field: two characters centred (a pain score), or, for NOTES, lines of text.
    Empty until filled; the reader that fills it draws what was typed, into a drawing of its
    own (never a shared one)."""
    import pikepdf
    from pikepdf import Dictionary

    width, height = _size(box)
    if box.kind == NOTES:
        size = min(9.0, max(6.0, height * 0.55))
        kind: dict[str, Any] = {"Ff": MULTILINE_FLAG}
    else:
        size = min(10.0, height * 0.7)
        kind = {"MaxLen": 2, "Q": 1}
    return form.widget(
        box,
        T=pikepdf.String(box.name),
        FT=form.text,
        V=pikepdf.String(""),
        DA=pikepdf.String(f"/Helv {size:.1f} Tf 0 g"),
        AP=Dictionary(N=appearance(form.pdf, NOTHING, width, height)),
        **kind,
    )


def radio_group(form: Form, name: str, buttons: list[FieldBox]) -> Any:
    """One radio field named `name` whose kids are `buttons` (drawn circles): each button has
    its own appearances, on (its value, drawn as a ring) and Off, and starts Off.

    Returns the field, for the form's field list; its widgets go on their pages' /Annots.
    The group's value (/V) is the chosen button's value as a name, e.g. /3; None chosen: /Off.
    Clicking the chosen button again clears it, so a wrong score can be taken back.
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    group = form.pdf.make_indirect(
        Dictionary(T=pikepdf.String(name), FT=Name.Btn, Ff=RADIO_BUTTONS, V=Name.Off, Kids=Array())
    )
    widgets = []
    for button in buttons:
        if not button.value or button.value == "Off":
            raise ValueError(f"{name}: a radio button needs its own value")
        looks = Dictionary(
            {
                "/" + button.value: form.looks.of(ring_drawing, button),
                "/Off": form.looks.of(_nothing, button),
            }
        )
        widgets.append(form.widget(button, Parent=group, AS=form.off, AP=Dictionary(N=looks)))
    group.Kids.extend(widgets)
    return group


def _add_fields(pdf: Any, boxes: list[FieldBox]) -> None:
    """Lay a field over every box, on its page, and make the form that lists them."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    form = Form(pdf)
    fields = []
    groups: dict[str, list[FieldBox]] = {}
    for box in boxes:
        if box.kind == RADIO:
            groups.setdefault(box.name, []).append(box)
        elif box.kind == CHECKBOX:
            fields.append(checkbox(form, box))
        else:
            fields.append(text_field(form, box))
    fields.extend(radio_group(form, name, buttons) for name, buttons in groups.items())
    form.finish()
    helvetica = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=Name.WinAnsiEncoding,
        )
    )
    pdf.Root.AcroForm = Dictionary(
        Fields=Array(fields),
        NeedAppearances=False,
        DA=pikepdf.String("/Helv 9 Tf 0 g"),
        DR=Dictionary(Font=Dictionary(Helv=helvetica)),
    )


def add_fields_and_attachments(
    path: Path, boxes: list[FieldBox], answers_yaml: str, plan_json: str, with_fields: bool
) -> None:
    """Rewrite the PDF at `path` with form fields over `boxes`, and the answers and the plan
    as printed attached.

    pikepdf (qpdf) writes the result with object streams: the thousand small field and link
    dictionaries of a plan are compressed together, which more than halves the file.
    """
    import pikepdf

    finished = io.BytesIO()
    with pikepdf.open(path) as pdf:
        if with_fields:
            _add_fields(pdf, boxes)
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
