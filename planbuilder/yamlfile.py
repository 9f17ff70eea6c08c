"""Reading YAML safely: safe_load only, small files, no alias bombs, no deep nesting, no
duplicate keys, and no impossible dates.

Each check runs before the step it protects:
- size in bytes, before decoding;
- nesting depth, on libyaml's event stream (which is iterative), before the document is
  composed: composing is recursive and a file nested 30,000 deep crashed the interpreter;
- alias expansion: PyYAML shares aliased nodes, so a "billion laughs" file loads cheaply but
  explodes the moment anything walks it; we measure the expanded size (linear time, sizes
  shared between aliases) before building any Python objects;
- duplicate keys (YAML forbids them; PyYAML silently keeps the last) and dates that match
  YAML's date pattern but do not exist (2027-02-30), on the composed nodes, with line numbers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from planbuilder.errors import InputError

MAX_BYTES = 1_000_000
MAX_EXPANDED_NODES = 100_000
# Deeper than any answers, content or layout file needs (poses are the deepest, at about 6).
MAX_DEPTH = 40
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# libyaml's parser when PyYAML was built with it (the wheels are): ten times faster, same rules.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def expanded_size(node: yaml.Node, sizes: dict[int, int] | None = None) -> int:
    """How many nodes the document has once aliases are expanded."""
    sizes = {} if sizes is None else sizes
    key = id(node)
    if key in sizes:
        return sizes[key]
    sizes[key] = 1  # a guard against cycles while this node is being measured
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total += sum(expanded_size(k, sizes) + expanded_size(v, sizes) for k, v in node.value)
    sizes[key] = total
    return total


def nesting_depth(text: str, loader_class: type = _SafeLoader, limit: int = MAX_DEPTH) -> int:
    """The deepest nesting of lists and mappings, counted on the event stream; stops counting
    as soon as `limit` is passed."""
    loader = loader_class(text)
    depth = deepest = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > limit:
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return deepest


def node_problems(root: yaml.Node) -> list[str]:
    """Duplicate keys and impossible dates, each with its line, walking the nodes without
    recursion."""
    problems: list[str] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            problems += _duplicate_keys(node)
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif node.tag == TIMESTAMP_TAG and not _is_real_date(node.value):
            problems.append(
                f"line {node.start_mark.line + 1}: {node.value} is not a real date "
                "(write it as YYYY-MM-DD, e.g. 2027-01-04)"
            )
    return sorted(problems, key=_line_number)


def _duplicate_keys(node: yaml.MappingNode) -> list[str]:
    first_line: dict[str, int] = {}
    problems = []
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line = key.start_mark.line + 1
        if key.value in first_line:
            problems.append(
                f"line {line}: '{key.value}' is given twice (lines {first_line[key.value]} and "
                f"{line}); keep one"
            )
        else:
            first_line[key.value] = line
    return problems


def _is_real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return False
    return True


def _line_number(problem: str) -> int:
    return int(problem.split(":")[0].removeprefix("line "))


# Where each value of a document starts: ("days", 1) -> line 7, for messages that name lines.
Lines = dict[tuple[str | int, ...], int]


def value_lines(
    node: yaml.Node, path: tuple[str | int, ...] = (), lines: Lines | None = None
) -> Lines:
    """The line (1-based) of every key and list item, by its path from the top."""
    lines = {} if lines is None else lines
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[(*path, key.value)] = key.start_mark.line + 1
                value_lines(value, (*path, key.value), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            value_lines(item, (*path, index), lines)
    return lines


def parse_yaml(
    text: str, source: str, error: type[Exception] = InputError, lines: Lines | None = None
) -> Any:
    """Parse YAML text; problems raise `error` with a message naming `source` and the line.
    `lines`, when given, is filled with the line of every key and list item."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise error(TOO_LARGE.format(source=source))
    try:
        if nesting_depth(text) > MAX_DEPTH:
            raise error(
                f"{source}: lists or mappings nested more than {MAX_DEPTH} deep; an answers, "
                "content or layout file never needs that. Is it the right file?"
            )
        loader = _SafeLoader(text)
        try:
            return _checked_document(loader, source, error, lines)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        where = f" (line {exc.problem_mark.line + 1})" if exc.problem_mark else ""
        raise error(f"{source}: not valid YAML{where}: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise error(f"{source}: not valid YAML: {exc}") from None


def _checked_document(loader: Any, source: str, error: type[Exception], lines: Lines | None) -> Any:
    node = loader.get_single_node()
    if node is None:
        return None
    if expanded_size(node) > MAX_EXPANDED_NODES:
        raise error(
            f"{source}: its aliases (*name) expand to more than {MAX_EXPANDED_NODES} values; "
            "refusing to load it"
        )
    if lines is not None:  # after the size check: a walk follows every alias
        value_lines(node, (), lines)
    problems = node_problems(node)
    if problems:
        count = "a problem" if len(problems) == 1 else f"{len(problems)} problems"
        raise error(f"{source} has {count}:", [f"{source}: {p}" for p in problems])
    return loader.construct_document(node)


TOO_LARGE = f"{{source}}: the file is larger than {MAX_BYTES // 1000} kB; is it the right file?"


def read_yaml(
    path: Path,
    error: type[Exception] = InputError,
    label: str | None = None,
    lines: Lines | None = None,
) -> Any:
    """Read and parse a YAML file; a missing or unreadable file raises `error` naming it.

    `label` is how messages name the file (content/sports.yaml rather than a long site path).
    """
    name = label or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:  # counted in bytes, before decoding
            raise error(TOO_LARGE.format(source=name))
    except FileNotFoundError:
        raise error(f"{name}: no such file") from None
    except IsADirectoryError:
        raise error(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise error(f"{name}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"{name}: is not a UTF-8 text file") from None
    return parse_yaml(text, name, error, lines)
