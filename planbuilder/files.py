"""Writing output files so that nothing is ever half-written or overwritten by surprise."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from planbuilder.errors import InputError

T = TypeVar("T")


def check_writable(path: Path, force: bool) -> None:
    """Refuse before any work is done: an existing file (without force), or no such folder."""
    if path.exists() and path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name such as {path / 'back-plan.pdf'}")
    if path.exists() and not force:
        raise InputError(
            f"{path}: already exists; use --force to replace it, or -o to choose another name"
        )
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: no such folder")


def write_atomically(path: Path, write: Callable[[Path], T], force: bool) -> T:
    """Call write(temporary path) in the target's folder, then rename it into place, and
    return what write returned.

    An error or Ctrl-C on the way leaves no partial file and the old one untouched.
    """
    check_writable(path, force)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as exc:
        raise InputError(f"{path.parent}: cannot write here ({exc.strerror})") from None
    os.close(handle)
    temp = Path(temporary)
    # mkstemp makes the file private (0600); give it the permissions any new file would get.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp, 0o666 & ~umask)
    try:
        result = write(temp)
        if path.exists() and not force:  # appeared while we worked
            raise InputError(f"{path}: already exists; use --force to replace it")
        os.replace(temp, path)
        return result
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
