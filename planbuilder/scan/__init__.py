"""Reading ticks made with a pen: photos and scans of printed plan pages → form-field values.

The path of the data: image files (images.py) → each page found by its corner markers and QR
code (locate.py) → every box of that page read as ticked, empty or unsure (boxes.py) → merged
with what was ticked on screen and written as a filled copy of the plan (job.py), which
`progress` and `next` read like any plan ticked on screen.

Image reading needs OpenCV and friends, an optional extra: `pip install 'planbuilder[scan]'`.
"""

from __future__ import annotations

from planbuilder.errors import InputError

EXTRA_MISSING = (
    "reading photos and scans needs the 'scan' extra, which is not installed ({missing}). "
    "Install it with: pip install 'planbuilder[scan]'"
)


def require_scan_extra() -> None:
    """Fail with a message naming the extra, before any work, when its libraries are absent."""
    for module in ("numpy", "cv2", "pypdfium2", "zxingcpp"):
        try:
            __import__(module)
        except ImportError:
            raise InputError(EXTRA_MISSING.format(missing=f"no module {module}")) from None
