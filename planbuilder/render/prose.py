"""Prose on the page: safe paragraphs, bullet lists, framed notes, and how dates, links and
anchors are written. Every page builder sets its text with these."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Table

from planbuilder.render.flowables import anchor_page, in_the_booklet
from planbuilder.render.styles import Look

NBSP = "\u00a0"
# Pairs a line must never part: a number and its unit ("45 min", "3 × 10", "10 s"), a word and
# its number ("Week 3", "Day 2"). The space between them becomes a non-breaking one.
_UNITS = (
    "min|minutes?|s|sec|seconds?|h|hours?|km|m|kg|%|×|x|reps?|repetitions|sets?|holds?|"
    "points?|times|weeks?|days?"
)
_UNIT_AFTER_NUMBER = re.compile(rf"(?<=\d) (?=(?:{_UNITS})\b|[×x%])")
_NUMBER_AFTER_WORD = re.compile(r"\b((?:[Ww]eeks?|[Dd]ays?|[Ss]ets?|[Pp]age|[Ss]tep)) (?=\d)")
_NUMBER_AFTER_TIMES = re.compile(r"(?<=[×x]) (?=\d)")
# "Session A" and a guide page's "p. 7"
_LABEL_AFTER_WORD = re.compile(r"\b(Session|p\.) (?=[A-Z]\b|\d)")


def escape(text: str) -> str:
    """Text made safe inside ReportLab's paragraph markup: &, < and > become entities. (What
    xml.sax.saxutils.escape does, without importing urllib.request and the network stack with
    it, a tenth of a second of every run.)"""
    return html.escape(text, quote=False)


def keep_together(text: str) -> str:
    """The text with non-breaking spaces where a line break would part a number from its unit
    or its word: "45 / min" or "Week / 3" at the end of a line is read wrongly."""
    text = _UNIT_AFTER_NUMBER.sub(NBSP, text)
    text = _NUMBER_AFTER_WORD.sub("\\1" + NBSP, text)
    text = _LABEL_AFTER_WORD.sub("\\1" + NBSP, text)
    return _NUMBER_AFTER_TIMES.sub(NBSP, text)


class Prose(Paragraph):
    """A paragraph that breaks its lines once per width.

    Platypus measures a paragraph several times at the same width (to see whether a week fits
    its page, to split a table, then to place it), and breaking the lines is the slowest part
    of a build. The same text at the same width breaks the same way, so the last breaking is
    kept until a different width is asked for (or until a split that found no room drops it).
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        kept = self._wrapped
        if kept is not None and kept[0] == availWidth and hasattr(self, "blPara"):
            return kept[1]
        size = super().wrap(availWidth, availHeight)
        # a width too narrow to set anything leaves no lines to keep
        self._wrapped = (availWidth, size) if hasattr(self, "blPara") else None
        return size


class PageRef(Prose):
    """A paragraph that names the page an anchor (an exercise card) is on, where its markup
    says {page}. Before the document is drawn, it is measured with the widest number a page
    could have; when the page is laid out, the guide has been drawn and the real number goes
    in. It is never wider than what was measured, so it never takes more lines. Where the
    anchor is not in the booklet before it (a layout that puts the guide after the weeks),
    `unknown` is set instead: markup no wider, without the page."""

    WIDEST = "000"

    def __init__(self, markup: str, style: ParagraphStyle, key: str, unknown: str) -> None:
        self.markup, self.key, self.unknown, self.filled = markup, key, unknown, False
        super().__init__(markup.replace("{page}", self.WIDEST), style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if not self.filled and in_the_booklet(self.canv):
            page = anchor_page(self.canv, self.key)
            markup = self.unknown if page is None else self.markup.replace("{page}", str(page))
            Paragraph.__init__(self, markup, self.style)
            self.filled, self._wrapped = True, None
        return super().wrap(availWidth, availHeight)


def para(text: str, style: ParagraphStyle, markup: str = "") -> Paragraph:
    """A paragraph of plain text: names like "Tom & Jerry <3" print as typed, and a number
    stays on the line of its unit ("45 min", "Week 3", "3 × 10").

    `markup` is trusted ReportLab markup put before the escaped text (anchors, bold).
    """
    return Prose(markup + escape(keep_together(text)), style)


def link(text: str, key: str) -> str:
    """Markup for text that jumps to an anchor (an exercise card) when clicked."""
    return f'<a href="#{key}">{escape(text)}</a>'


def day_month(date: dt.date) -> str:
    return f"{date.day} {date:%b}"


def weekday_day_month(date: dt.date) -> str:
    return f"{date:%a} {date.day} {date:%b}"


def long_date(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B %Y}"


def date_range(first: dt.date, last: dt.date) -> str:
    """'4–10 January 2027', '29 March – 4 April 2027', '28 Dec 2026 – 3 Jan 2027'."""
    if first.year != last.year:
        return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{first.day}–{last.day} {last:%B %Y}"


def card_key(exercise_id: str) -> str:
    return f"ex-{exercise_id}"


def week_key(number: int) -> str:
    return f"week-{number}"


def boxed(content: Flowable | list[Flowable], look: Look, width: float | None = None) -> Table:
    """A thin frame around important text; no fill, so it prints light."""
    box = Table([[content]], colWidths=[width or look.width])
    box.setStyle(
        look.table_style(
            [
                ("BOX", (0, 0), (-1, -1), look.line * 1.5, look.colours["accent"]),
                ("LEFTPADDING", (0, 0), (-1, -1), look.padding * 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), look.padding * 3),
                ("TOPPADDING", (0, 0), (-1, -1), look.padding * 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), look.padding * 2),
            ]
        )
    )
    return box


def bullets(
    items: Iterable[str], look: Look, style: str | ParagraphStyle = "body", numbered: bool = False
) -> ListFlowable:
    s = look.styles[style] if isinstance(style, str) else style
    entries = [ListItem(para(text, s), value=None) for text in items]
    return ListFlowable(
        entries,
        bulletType="1" if numbered else "bullet",
        start=None if numbered else "•",
        bulletFontName=s.fontName,
        bulletFontSize=s.fontSize,
        leftIndent=s.fontSize * 1.6,
        bulletColor=look.colours["ink"],
    )


def side_by_side(left: list[Flowable], right: list[Flowable], look: Look) -> Table:
    """Two groups of flowables side by side, each in half the width, tops aligned: where
    large type would leave a page for a few lines (getting down beside getting up; the
    flare-up prompts two a row)."""
    half = (look.width - look.space) / 2
    table = Table([[left, right]], colWidths=[half + look.space, half])
    table.setStyle(
        look.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), look.space),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
