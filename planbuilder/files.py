"""Writing output files so that nothing is ever half-written, overwritten by surprise, or
written over something that is not an ordinary file.

A file appears under its name only when it is complete (written beside it, then published),
and publishing a new name is a single step that fails if the name was taken meanwhile, so of
two planbuilders racing for one name exactly one wins.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from planbuilder.errors import InputError, MachineError
from planbuilder.interrupts import held_until_done

T = TypeVar("T")


def check_writable(path: Path, force: bool, inputs: Sequence[Path] = ()) -> None:
    """Refuse before any work is done: a file in the way (without force), something that is
    not an ordinary file (even with force), one of the inputs, or no such folder."""
    try:
        if path.is_dir():
            raise InputError(
                f"{path}: is a folder; give a file name such as {path / 'back-plan.pdf'}"
            )
        if path.exists() or path.is_symlink():
            _check_replaceable(path, force, inputs)
        if not path.parent.is_dir():
            raise InputError(f"{path.parent}: no such folder")
    except OSError as exc:  # a name too long for the file system, a folder we may not read
        raise InputError(f"{path}: cannot be used as a file name ({exc.strerror})") from None


def _check_replaceable(path: Path, force: bool, inputs: Sequence[Path]) -> None:
    try:
        mode = path.stat().st_mode
    except OSError:  # a link to nowhere: nothing to lose, but nothing we should replace either
        raise InputError(f"{path}: is a broken link; give another file name with -o") from None
    if not stat.S_ISREG(mode):
        raise InputError(
            f"{path}: is not an ordinary file (a device, a pipe or a socket); planbuilder only "
            "ever replaces ordinary files, even with --force. Give another name with -o"
        )
    for source in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(path, source):
                raise InputError(
                    f"{path}: is the file you are reading from ({source}); writing there would "
                    "replace it. Give another name with -o"
                )
    if not force:
        raise InputError(
            f"{path}: already exists; use --force to replace it, or -o to choose another name"
        )


def write_atomically(
    path: Path, write: Callable[[Path], T], force: bool, inputs: Sequence[Path] = ()
) -> T:
    """Call write(temporary path) in the target's folder, then publish it under `path`, and
    return what write returned.

    An error or Ctrl-C on the way leaves no partial file, no temporary file, and the old file
    untouched. OSErrors (a full disk, no permission) become MachineError.
    """
    check_writable(path, force, inputs)
    temp = _temporary_beside(path)
    try:
        with held_until_done():
            result = write(temp)
        _publish(temp, path, force, inputs)
        return result
    except OSError as exc:
        raise MachineError(
            f"{path}: cannot be written ({exc.strerror or exc}); nothing was written"
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _temporary_beside(path: Path) -> Path:
    try:
        handle, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".part"
        )
    except OSError as exc:
        raise MachineError(f"{path.parent}: cannot write here ({exc.strerror})") from None
    os.close(handle)
    temp = Path(name)
    # mkstemp makes the file private (0600); give it the permissions any new file would get.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp, 0o666 & ~umask)
    return temp


def _publish(temp: Path, path: Path, force: bool, inputs: Sequence[Path]) -> None:
    """Give the finished file its name: replacing an ordinary file when forced, otherwise
    only if the name is still free at this very moment."""
    if force and (path.exists() or path.is_symlink()):
        _check_replaceable(path, force, inputs)  # it may have changed while we worked
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)  # fails if the name exists: atomic, unlike check-then-rename
    except FileExistsError:
        raise InputError(
            f"{path}: already exists (it appeared while planbuilder worked); nothing was "
            "replaced. Use --force to replace it, or -o to choose another name"
        ) from None
    except OSError:
        _publish_without_links(temp, path)


def _publish_without_links(temp: Path, path: Path) -> None:
    """For file systems without hard links: claim the name with O_EXCL, then move in."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise InputError(f"{path}: already exists; nothing was replaced") from None
    os.replace(temp, path)
