"""The validated content library, kept between runs in the user's cache folder.

Reading and validating content/ (some fifty YAML files, a pydantic model for each, the pose
book) is a good part of every `planbuilder build`, and it gives the same library until
content/ or planbuilder itself changes. So the validated library is pickled into the cache
folder under a key made of the bytes of every content file and of planbuilder's own source,
planbuilder's version and Python's; a later run with the same key unpickles it in a few
milliseconds. A missing, unreadable or stale cache, or a folder that cannot be written, means
an ordinary load: the cache only ever saves time, never changes what is loaded, and a content
problem is always reported by the ordinary load (a library with problems is never cached).

The cache folder: $PLANBUILDER_CACHE_DIR if set (an empty value turns the cache off), else
the platform's user cache folder (~/.cache/planbuilder on Linux).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from planbuilder import __version__

CACHE_VARIABLE = "PLANBUILDER_CACHE_DIR"
PREFIX = "library-"
Loaded = TypeVar("Loaded")


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "planbuilder"


def library_key(content: Path) -> str:
    """A digest of everything the validated library depends on: the content files (names and
    bytes), the source of planbuilder's top-level modules (the classes the library is made
    of, and its checks), and the versions of planbuilder and Python."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0{content}\0".encode())
    package = Path(__file__).parent
    content_files = sorted(path for path in content.rglob("*") if path.is_file())
    for root, path in [(content, p) for p in content_files] + [
        (package, p) for p in sorted(package.glob("*.py"))
    ]:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def cached(content: Path, load: Callable[[Path], Loaded]) -> Loaded:
    """`load(content)`, from the cache when it holds this very content, else loaded and
    kept for the next run."""
    folder = cache_dir()
    if folder is None:
        return load(content)
    try:
        target = folder / f"{PREFIX}{library_key(content)}.pickle"
    except OSError:
        return load(content)
    try:
        with target.open("rb") as stored:
            return pickle.load(stored)  # noqa: S301 (our own file, in the user's own folder)
    except Exception:  # noqa: BLE001 (any failure means: load it the ordinary way)
        pass
    loaded = load(content)
    _keep(folder, target, loaded)
    return loaded


def _keep(folder: Path, target: Path, loaded: object) -> None:
    """Write the cache file whole (a temporary file renamed into place, so a run at the same
    time never reads half of it) and remove the libraries of earlier content or versions."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except OSError:
        return  # a cache that cannot be written is no cache
    try:
        with os.fdopen(handle, "wb") as temporary:
            pickle.dump(loaded, temporary, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(name, target)
    except Exception:  # noqa: BLE001 (a full disk, an object that cannot be pickled)
        Path(name).unlink(missing_ok=True)
        return
    for old in folder.glob(f"{PREFIX}*.pickle"):
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink()
