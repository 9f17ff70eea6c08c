"""Free text a person types and we print (a name, a note): characters it must not contain.

Control characters and the invisible marks that reverse the direction of text are refused,
not printed: they are never meant, and a direction override can make a printed name read
differently from what the file says. Characters the PDF's font (planbuilder/fonts) has no
glyph for are refused too, by name, instead of printing as empty boxes.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from planbuilder.typeface import faces

# Marks that change the direction of the text around them (Unicode's bidi controls).
DIRECTION_MARKS = frozenset(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
ALLOWED_CONTROLS = frozenset("\n\t")


def code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def hidden_characters(text: str) -> list[str]:
    """The control and direction characters in `text`, as U+XXXX, each once, in order."""
    found: list[str] = []
    for character in text:
        hidden = ord(character) in DIRECTION_MARKS or (
            unicodedata.category(character) == "Cc" and character not in ALLOWED_CONTROLS
        )
        if hidden and code_point(character) not in found:
            found.append(code_point(character))
    return found


def hidden_characters_problem(text: str) -> str | None:
    """A sentence for the person, or None when the text is fine."""
    found = hidden_characters(text)
    if not found:
        return None
    return (
        f"contains {', '.join(found)}: invisible control or text-direction characters, which "
        "are never printed; remove them (retype the text if you pasted it)"
    )


@cache
def _drawable_code_points() -> frozenset[int]:
    """What both faces of the font can draw (a name may be set in either)."""
    regular, bold = (face.face.charToGlyph for face in faces().values())
    return frozenset(regular) & frozenset(bold)


def undrawable(text: str) -> list[str]:
    """The characters of `text` the PDF cannot print as written, each once: those the font
    has no glyph for (they would print as empty boxes) and right-to-left letters (ReportLab
    would set them left to right, unjoined)."""
    drawable = _drawable_code_points()
    found: list[str] = []
    for character in text:
        missing = ord(character) not in drawable and not character.isspace()
        backwards = unicodedata.bidirectional(character) in ("R", "AL")
        if (missing or backwards) and character not in found:
            found.append(character)
    return found


def undrawable_problem(text: str) -> str | None:
    """A sentence for the person, or None when every character prints."""
    characters = undrawable(text)
    if not characters:
        return None
    shown = ", ".join(f"{c} ({code_point(c)})" for c in characters[:8])
    more = " and more" if len(characters) > 8 else ""
    return (
        f"the PDF's font cannot print {shown}{more}. It prints Latin letters (with every "
        "European accent), Greek and Cyrillic; write it in one of those, or leave it out"
    )
