"""The program's entry point (the `planbuilder` command and `python -m planbuilder`).

It exists for Ctrl-C: pressed while Python is still importing planbuilder, it would print a
traceback, and pressed while the interpreter shuts down after the work is done, it would end
the process with a signal instead of the exit status. Here both end as a person expects.
(The first few milliseconds belong to Python's own start-up, before any of our code runs.)
"""

from __future__ import annotations

import signal
import sys

CANCELLED = "\nCancelled, nothing written.\n"


def run() -> None:
    try:
        from planbuilder.cli import main

        status = main()
    except KeyboardInterrupt:  # during start-up: main() handles it from then on
        sys.stderr.write(CANCELLED)
        status = 130
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # done or cancelled: nothing to interrupt
    sys.exit(status)
