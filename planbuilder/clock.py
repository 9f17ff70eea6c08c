"""Today's date, from the clock or, for scripts and tests, from PLANBUILDER_TODAY=YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import os

from planbuilder.errors import InputError


def today() -> dt.date:
    value = os.environ.get("PLANBUILDER_TODAY", "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"PLANBUILDER_TODAY: {value!r} is not a date; write it as YYYY-MM-DD "
            "(e.g. 2027-01-04), or unset it to use the clock"
        ) from None
