"""The collectivité's logo in the documents' header: the image « Logo » of « Paramètres »
names, checked before it reaches a document (type, size, dimensions), else none."""

from __future__ import annotations

from pathlib import Path

from nr_xl.core.schema import LOGO

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 6000  # per side: a logo, not a scanned poster
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def load(typed: str | None, base: Path) -> tuple[Path | None, str]:
    """The logo's file (a path as typed, complete or relative to ``base``, the workbook's
    folder) and "", or None and why it is left out, in French."""
    text = (typed or "").strip().strip('"')
    if not text:
        return None, ""
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = base / path
    why = _problem(path)
    if why:
        return None, (f"Logo laissé de côté : « {text} » {why}. Indiquez dans « {LOGO.key} » une image PNG ou "
                      "JPEG.")
    return path, ""


def _problem(path: Path) -> str:
    try:
        if not path.is_file():
            return "est introuvable (chemin complet, ou relatif au dossier du classeur)"
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            return f"pèse {size // 1024} Ko (2 Mo au plus)"
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        return f"ne peut pas être lu ({exc.strerror or exc})"
    if not any(head.startswith(sig) for sig in _SIGNATURES):
        return "n'est pas une image PNG ou JPEG"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "est une image abîmée"
    except Image.DecompressionBombError:
        return "est une image démesurée"
    if max(width, height) > MAX_LOGO_PIXELS:
        return f"mesure {width} × {height} pixels ({MAX_LOGO_PIXELS} au plus par côté)"
    return ""
