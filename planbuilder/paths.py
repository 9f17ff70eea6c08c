"""The one place that knows where content/, layouts/ and the fonts live.

In a wheel, content/ and layouts/ are packaged inside planbuilder/_data; in a source checkout
(or an editable install) they sit at the top of the repository, next to the package. Both are
found through importlib.resources, so a zip or other loader works too.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def _package_dir() -> Path:
    # Our data is read with ordinary file APIs (YAML, fonts by path for ReportLab), so the
    # package must be a real directory; as_file() gives one for any loader that is not.
    with as_file(files("planbuilder")) as path:
        return Path(path)


def _data_dir(name: str) -> Path:
    installed = _package_dir() / "_data" / name
    if installed.is_dir():
        return installed
    return _package_dir().parent / name


def content_dir() -> Path:
    return _data_dir("content")


def layouts_dir() -> Path:
    return _data_dir("layouts")


def fonts_dir() -> Path:
    return _package_dir() / "fonts"
