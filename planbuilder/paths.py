"""The one place that knows where content/ and layouts/ live.

In a wheel they are packaged inside planbuilder/_data; in a source checkout (or an editable
install) they sit at the top of the repository, next to the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def content_dir() -> Path:
    return _data_dir("content")


def layouts_dir() -> Path:
    return _data_dir("layouts")


def fonts_dir() -> Path:
    return _PACKAGE / "fonts"
