"""Ctrl-C while the PDF is drawn.

ReportLab has bare `except:` clauses that can swallow a KeyboardInterrupt and carry on
drawing, so a Ctrl-C at the wrong moment would be lost. While a file is written, Ctrl-C only
notes that it was pressed; the interrupt is raised as soon as the writing returns and before
the file is published, so nothing is left behind.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def held_until_done() -> Iterator[None]:
    """Hold Ctrl-C during the block; raise KeyboardInterrupt after it if it was pressed."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread; nothing to hold elsewhere
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt
