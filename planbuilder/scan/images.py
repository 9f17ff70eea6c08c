"""The images to read, whatever they came as: phone photos (JPEG, PNG, HEIC) or scanned PDFs.

Each becomes one or more grey pictures (numpy arrays) with a name a person recognises
("scan.pdf page 3"). A scanned PDF is rendered by pdfium rather than its images taken out:
scanners store pages as JPEG, JBIG2, CCITT fax or strips of several images, and rendering
reads them all the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from planbuilder.errors import InputError

# Scanned pages are rendered at this resolution: enough for a 4 mm box and the QR code.
SCAN_DPI = 200
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp"}
HEIC_SUFFIXES = {".heic", ".heif"}
MAX_PDF_PAGES = 200


@dataclass(frozen=True)
class Picture:
    """One picture of (we hope) one page: where it came from, and its grey pixels."""

    source: str
    grey: np.ndarray


def load_pictures(path: Path) -> list[Picture]:
    """The pictures in one file; InputError naming the file when it cannot be read."""
    if not path.is_file():
        raise InputError(f"{path}: no such file" if not path.exists() else f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf_pages(path)
    if suffix in HEIC_SUFFIXES:
        return [Picture(str(path), _heic(path))]
    if suffix not in PHOTO_SUFFIXES:
        allowed = ", ".join(sorted(PHOTO_SUFFIXES | HEIC_SUFFIXES | {".pdf"}))
        raise InputError(
            f"{path}: '{suffix or path.name}' is not an image planbuilder reads; allowed: {allowed}"
        )
    data = np.fromfile(str(path), dtype=np.uint8)
    grey = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE) if data.size else None
    if grey is None:
        raise InputError(f"{path}: is not a readable image (damaged, or not really {suffix})")
    return [Picture(str(path), grey)]


def _heic(path: Path) -> np.ndarray:
    """iPhone photos: read through pillow-heif, when it is installed."""
    try:
        import pillow_heif
        from PIL import Image
    except ImportError:
        raise InputError(
            f"{path}: HEIC photos need pillow-heif (pip install 'planbuilder[scan]'); or save "
            "the photo as JPEG"
        ) from None
    pillow_heif.register_heif_opener()
    try:
        with Image.open(path) as image:
            return np.asarray(image.convert("L"))
    except Exception as exc:  # noqa: BLE001 - the decoder raises many kinds for a bad file
        raise InputError(f"{path}: is not a readable HEIC photo ({type(exc).__name__})") from None


def _pdf_pages(path: Path) -> list[Picture]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception as exc:  # noqa: BLE001 - pdfium raises its own kinds for a bad file
        raise InputError(f"{path}: is not a readable PDF ({type(exc).__name__})") from None
    try:
        if len(document) > MAX_PDF_PAGES:
            raise InputError(f"{path}: has {len(document)} pages; at most {MAX_PDF_PAGES}")
        pictures = []
        for index in range(len(document)):
            bitmap = document[index].render(scale=SCAN_DPI / 72, grayscale=True)
            grey = bitmap.to_numpy()
            if grey.ndim == 3:
                grey = cv2.cvtColor(grey, cv2.COLOR_BGR2GRAY)
            pictures.append(Picture(f"{path} page {index + 1}", np.ascontiguousarray(grey)))
        return pictures
    finally:
        document.close()
