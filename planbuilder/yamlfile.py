"""Reading YAML safely: safe_load only, small files, and no alias bombs.

PyYAML shares aliased nodes, so a "billion laughs" file loads cheaply but explodes the moment
anything walks it (validation, JSON). Before building any Python objects we measure how big
the document would be with every alias expanded (linear time, sizes shared between aliases)
and refuse it when that is far more than any answers, content or layout file could need.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from planbuilder.errors import InputError

MAX_BYTES = 1_000_000
MAX_EXPANDED_NODES = 100_000
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


def parse_yaml(text: str, source: str, error: type[Exception] = InputError) -> Any:
    """Parse YAML text; problems raise `error` with a message naming `source` and the line."""
    if len(text) > MAX_BYTES:
        raise error(
            f"{source}: the file is larger than {MAX_BYTES // 1000} kB; is it the right file?"
        )
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if expanded_size(node) > MAX_EXPANDED_NODES:
            raise error(
                f"{source}: its aliases (*name) expand to more than {MAX_EXPANDED_NODES} values; "
                "refusing to load it"
            )
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        where = f" (line {exc.problem_mark.line + 1})" if exc.problem_mark else ""
        raise error(f"{source}: not valid YAML{where}: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise error(f"{source}: not valid YAML: {exc}") from None
    except RecursionError:
        raise error(
            f"{source}: nested too deeply to be an answers, content or layout file"
        ) from None
    finally:
        loader.dispose()


def read_yaml(path: Path, error: type[Exception] = InputError, label: str | None = None) -> Any:
    """Read and parse a YAML file; a missing or unreadable file raises `error` naming it.

    `label` is how messages name the file (content/sports.yaml rather than a long site path).
    """
    name = label or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
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
    return parse_yaml(text, name, error)
