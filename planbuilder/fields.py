"""Reading typed values out of one YAML mapping, collecting every problem on the way.

Content, layouts and answers are all validated with this: like a compiler, we report every
problem of a file at once, each naming where it is, the bad value and what is allowed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from planbuilder.freetext import hidden_characters_problem

_MISSING: Any = object()


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option a typo most likely meant, or None when nothing is close."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def describe(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Fields:
    """A mapping being validated; problems go to a shared list, prefixed with `where`."""

    def __init__(self, data: Any, where: str, problems: list[str], what: str = "a mapping") -> None:
        self.where = where
        self.problems = problems
        if isinstance(data, dict):
            self.data: dict[str, Any] = data
        else:
            self.data = {}
            self.problems.append(f"{where.rstrip('. ')}: should be {what} of keys and values")

    def problem(self, key: str, text: str) -> None:
        self.problems.append(f"{self.where}{key}: {text}")

    def check_keys(self, allowed: Iterable[str], required: Iterable[str] = ()) -> None:
        allowed = list(allowed)
        for key in self.data:
            if key not in allowed:
                hint = closest(str(key), allowed)
                suggestion = f"; did you mean '{hint}'?" if hint else ""
                self.problem(str(key), f"unknown key{suggestion} (allowed: {', '.join(allowed)})")
        for key in required:
            if key not in self.data:
                self.problem(key, "is missing (it is required)")

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def text(self, key: str, default: Any = _MISSING, max_length: int = 2000) -> Any:
        value = self.data.get(key, default)
        if value is _MISSING:
            self.problem(key, "is missing (it is required)")
            return ""
        if value is default:
            return value
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"{describe(value)} should be a non-empty piece of text")
            return "" if default is _MISSING else default
        if len(value) > max_length:
            self.problem(key, f"is {len(value)} characters long; at most {max_length} are allowed")
        hidden = hidden_characters_problem(value)
        if hidden:
            self.problem(key, hidden)
        return value.strip()

    def integer(self, key: str, default: Any = _MISSING, low: int = 0, high: int = 10**6) -> int:
        value = self.data.get(key, default)
        if value is _MISSING:
            self.problem(key, "is missing (it is required)")
            return low
        if not _is_int(value):
            self.problem(key, f"{describe(value)} should be a whole number from {low} to {high}")
            return low if default is _MISSING else default
        if not low <= value <= high:
            self.problem(key, f"{value} is out of range; allowed: {low} to {high}")
        return value

    def boolean(self, key: str, default: Any = _MISSING) -> bool:
        value = self.data.get(key, default)
        if value is _MISSING:
            self.problem(key, "is missing (it is required)")
            return False
        if not isinstance(value, bool):
            self.problem(key, f"{describe(value)} should be true or false")
            return False
        return value

    def choice(self, key: str, allowed: Iterable[str], default: Any = _MISSING) -> Any:
        allowed = list(allowed)
        value = self.data.get(key, default)
        if value is _MISSING:
            self.problem(key, f"is missing (it is required); allowed: {', '.join(allowed)}")
            return allowed[0]
        if value is default:
            return value
        if value not in allowed:
            hint = closest(str(value), allowed) if isinstance(value, str) else None
            suggestion = f"; did you mean '{hint}'?" if hint else ""
            self.problem(key, f"{describe(value)} is not one of {', '.join(allowed)}{suggestion}")
            return default if default is not _MISSING else allowed[0]
        return value

    def text_list(
        self,
        key: str,
        default: Any = _MISSING,
        allowed: Iterable[str] | None = None,
        min_items: int = 0,
        max_items: int = 100,
    ) -> list[str]:
        value = self.data.get(key, default)
        if value is _MISSING:
            self.problem(key, "is missing (it is required)")
            return []
        if value is None:
            value = []
        if isinstance(value, str) and allowed is not None:
            value = [value]
        if not isinstance(value, list):
            self.problem(key, f"{describe(value)} should be a list")
            return []
        allowed = list(allowed) if allowed is not None else None
        result: list[str] = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.problem(key, f"{describe(item)} should be a piece of text")
            elif allowed is not None and item not in allowed:
                hint = closest(item, allowed)
                suggestion = f"; did you mean '{hint}'?" if hint else ""
                self.problem(
                    key, f"{describe(item)} is not one of {', '.join(allowed)}{suggestion}"
                )
            elif item in result:
                self.problem(key, f"{describe(item)} is listed twice")
            else:
                result.append(item.strip())
        if not min_items <= len(value) <= max_items:
            self.problem(key, f"has {len(value)} items; allowed: {min_items} to {max_items}")
        return result

    def mapping(self, key: str) -> Fields:
        """The nested mapping at `key`; a missing one is reported by check_keys, not here."""
        value = self.data.get(key, _MISSING)
        if value is _MISSING:
            return Fields({}, f"{self.where}{key}.", [])
        return Fields(value, f"{self.where}{key}.", self.problems)
