"""Checking a loaded YAML file against its pydantic model, in our words.

pydantic does the checking (types, ranges, allowed words, unknown keys) and collects every
problem at once; this module turns its errors into the messages a person reads: the file, the
line, the key, the bad value and what is allowed, with "did you mean" for a typo. Users never
see pydantic's own wording. Custom checks raise `Problem` with a finished sentence.
"""

from __future__ import annotations

import difflib
import enum
import typing
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from planbuilder.yamlfile import Lines

Model = TypeVar("Model", bound=BaseModel)
Loc = tuple[str | int, ...]
PROBLEM = "planbuilder"
# Errors of a list entry whose kind is unknown or missing: pydantic puts them on the entry; we
# name the key, as for any other bad value.
UNION_TAG = ("union_tag_invalid", "union_tag_not_found")


def Problem(text: str) -> PydanticCustomError:  # noqa: N802 (reads as the exception it makes)
    """A finished sentence for the person, raised from a validator."""
    return PydanticCustomError(PROBLEM, "{text}", {"text": text})


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option a typo most likely meant, or None when nothing is close."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def describe(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def not_one_of(value: Any, allowed: Iterable[str]) -> str:
    allowed = [str(option) for option in allowed]
    hint = closest(value, allowed) if isinstance(value, str) else None
    suggestion = f"; did you mean '{hint}'?" if hint else ""
    return f"{describe(value)} is not one of {', '.join(allowed)}{suggestion}"


def validate(
    model: type[Model],
    data: Any,
    source: str,
    lines: Lines | None = None,
    context: dict[str, Any] | None = None,
    name: Callable[[Loc, Any], str] | None = None,
) -> tuple[Model | None, list[str]]:
    """The model, or None and every problem of the file, each as one line of our own.
    `name` says how a key's path is written (key_path unless given)."""
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as exc:
        return None, [
            where(source, _loc(error), lines, data, name) + message(model, error)
            for error in exc.errors()
            if not _counted_after_other_errors(error)
        ]


def _counted_after_other_errors(error: ErrorDetails) -> bool:
    """A list whose entries failed is also said to be too short, counting only the entries
    that passed: that says nothing the entries' own problems do not."""
    counted = (error.get("ctx") or {}).get("actual_length")
    given = error.get("input")
    return error["type"] == "too_short" and hasattr(given, "__len__") and counted != len(given)


def _loc(error: ErrorDetails) -> Loc:
    if error["type"] in UNION_TAG:
        return (*error["loc"], str(error["ctx"]["discriminator"]).strip("'"))
    return error["loc"]


def where(
    source: str,
    loc: Loc,
    lines: Lines | None = None,
    data: Any = None,
    name: Callable[[Loc, Any], str] | None = None,
) -> str:
    """`answers.yaml, line 4: days[1]: `: the file, the line when known, the key's path."""
    loc = without_entry_kinds(loc, data)
    line = _line_of(loc, lines or {})
    place = f"{source}, line {line}: " if line else f"{source}: "
    path = (name or key_path)(loc, data)
    return place + (f"{path}: " if path else "")


def key_path(loc: Loc, data: Any = None) -> str:
    """days[1], dose.start, or sports[swimming].minutes: a list entry with an id is named by it."""
    text = ""
    for part in loc:
        entry = _child(data, part)
        if isinstance(part, int):
            ident = entry.get("id") if isinstance(entry, dict) else None
            text += f"[{ident}]" if isinstance(ident, str) else f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
        data = entry
    return text


def without_entry_kinds(loc: Loc, data: Any) -> Loc:
    """The path without the kind pydantic puts between a list entry of several kinds and the
    key inside it (props[0].chair.x is props[0].x): the entry's value of `kind`, not a key."""
    kept: list[str | int] = []
    for index, part in enumerate(loc):
        after_entry = index > 0 and isinstance(loc[index - 1], int) and index + 1 < len(loc)
        if not (after_entry and isinstance(data, dict) and part in data.values()):
            kept.append(part)
            data = _child(data, part)
    return tuple(kept)


def _child(data: Any, part: str | int) -> Any:
    if isinstance(part, int):
        return data[part] if isinstance(data, list) and part < len(data) else None
    return data.get(part) if isinstance(data, dict) else None


def _line_of(loc: tuple[str | int, ...], lines: Lines) -> int | None:
    for end in range(len(loc), -1, -1):  # the nearest enclosing value whose line is known
        if loc[:end] in lines and end:
            return lines[loc[:end]]
    return None


def message(model: type[BaseModel], error: ErrorDetails) -> str:
    """One pydantic error in the words of our other messages."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == PROBLEM:
        return str(ctx["text"])
    if kind == "missing":
        return "is missing (it is required)"
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, error["loc"][:-1])
        hint = closest(str(error["loc"][-1]), allowed)
        suggestion = f"; did you mean '{hint}'?" if hint else ""
        return f"unknown key{suggestion} (allowed: {', '.join(allowed)})"
    if kind in ("enum", "literal_error"):
        return not_one_of(value, _allowed_words(ctx.get("expected", "")))
    if kind == "union_tag_invalid":
        return not_one_of(ctx["tag"], _allowed_words(ctx["expected_tags"]))
    if kind == "union_tag_not_found":
        return "is missing (it is required)"
    low, high = _bounds(model, error["loc"])
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{value} is out of range; allowed: {low} to {high}"
    if kind.startswith("int") or kind.startswith("float"):
        range_words = f" from {low} to {high}" if low is not None else ""
        noun = "whole number" if kind.startswith("int") else "number"
        return f"{describe(value)} should be a {noun}{range_words}"
    if kind.startswith("bool"):
        return f"{describe(value)} should be true or false"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {ctx['max_length']} are allowed"
    if kind == "string_too_short" or kind.startswith("string"):
        return f"{describe(value)} should be a non-empty piece of text"
    if kind in ("too_short", "too_long"):
        count = len(value) if hasattr(value, "__len__") else "?"
        return f"has {count} items; allowed: {_length_words(model, error['loc'])}"
    if kind.startswith("list") or kind.startswith("tuple"):
        return f"{describe(value)} should be a list"
    if kind.startswith("dict") or kind == "model_type" or kind == "model_attributes_type":
        return f"{describe(value)} should be a mapping of keys and values"
    if kind.startswith("date"):
        return f"{describe(value)} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04"
    return f"{describe(value)} is not allowed here"  # a kind our models do not use


def _allowed_words(expected: str) -> list[str]:
    """pydantic's "'a', 'b' or 'c'" back into a list."""
    return [word.strip(" '") for word in expected.replace(" or ", ", ").split(",") if word.strip()]


def _found(model: type[BaseModel], loc: Loc) -> tuple[Any, list[type[BaseModel]]]:
    """The FieldInfo at `loc` (None when it cannot be found) and the models its value may be.

    A part that names no field is a key of a `dict[str, Sub]` or the kind pydantic adds to the
    path of an entry of several kinds; the kind picks its model."""
    info: Any = None
    models: list[type[BaseModel]] = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        owner = next((found for found in models if part in found.model_fields), None)
        if owner is None:
            models = [found for found in models if _of_kind(found, part)] or models
            continue
        info = owner.model_fields[part]
        models = _inner_models(info.annotation)
    return info, models


def _field(model: type[BaseModel], loc: Loc) -> Any:
    """The FieldInfo at `loc`, following nested models; None when it cannot be found."""
    return _found(model, loc)[0]


def _of_kind(model: type[BaseModel], kind: str) -> bool:
    """Whether one of the model's fields is a Literal that allows `kind` (its discriminator)."""
    return any(kind in typing.get_args(info.annotation) for info in model.model_fields.values())


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    """The models inside `Sub`, `list[Sub]`, `Sub | None`, `dict[str, Sub]` or `A | B`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for argument in typing.get_args(annotation) for found in _inner_models(argument)]


def allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    models = _found(model, loc)[1] if loc else [model]
    if not models:
        return []
    return [info.alias or name for name, info in models[0].model_fields.items()]


def _bounds(model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[Any, Any]:
    info = _field(model, loc)
    low = high = None
    for item in info.metadata if info is not None else ():
        if isinstance(item, Ge):
            low = item.ge
        if isinstance(item, Le):
            high = item.le
    return low, high


def _length_words(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    info = _field(model, loc)
    low, high = 0, "any number"
    for item in info.metadata if info is not None else ():
        if isinstance(item, MinLen):
            low = item.min_length
        if isinstance(item, MaxLen):
            high = item.max_length
    return f"{low} to {high}"


def enum_words(kind: type[enum.Enum]) -> list[str]:
    return [str(member.value) for member in kind]
