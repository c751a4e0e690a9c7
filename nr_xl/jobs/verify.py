"""nr-xl verify: does a workbook's journal still hold what circulated minutes attested?

The hash chain makes hand edits visible, but anyone can recompute it: nothing inside
one file stops a determined forger. The minutes print the chain's head (« N° 1 à 11 —
3F2A 9C1B 77E0 »); once they have been sent to the committee's members, that line is
an anchor outside the file. Rewriting any row up to N° 11 changes every fingerprint
from that row on, so the workbook no longer matches what was circulated.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from nr_xl.core import schema
from nr_xl.core.errors import UsageError
from nr_xl.core.journal.chain import diagnose, short
from nr_xl.core.journal.book import describe
from nr_xl.jobs.journal import read

# What the minutes print, and what a user may paste: the count is optional.
ANCHOR = re.compile(r"(?:N°\s*1\s*à\s*(\d+)\s*[—–-]\s*)?\b([0-9A-F]{4}) ?([0-9A-F]{4}) ?([0-9A-F]{4})\b", re.I)
MAX_DOCX = 50 * 1024 * 1024


@dataclass(frozen=True)
class Anchor:
    count: int | None
    short: str


def parse_anchor(text: str) -> Anchor | None:
    """The last fingerprint quoted in ``text`` (the minutes print it once, at the end)."""
    found = list(ANCHOR.finditer(text))
    if not found:
        return None
    m = found[-1]
    return Anchor(int(m.group(1)) if m.group(1) else None, " ".join(g.upper() for g in m.group(2, 3, 4)))


def docx_text(path: Path) -> str:
    """Every text of a .docx (body, tables, headers, footers), read without python-docx
    so a damaged or hostile file gets a French message, not a crash.

    Read as a stream, within bounds: a 3 MB document whose header parts inflate to
    hundreds of megabytes once made verify allocate gigabytes. Each part is inflated
    through a counter (the zip directory's sizes can lie) and parsed element by element,
    only the text kept."""
    if path.stat().st_size > MAX_DOCX:
        raise UsageError(f"« {path.name} » dépasse {MAX_DOCX // (1024 * 1024)} Mo : ce n'est pas un compte rendu.")
    texts: list[str] = []
    budget = _TextBudget(path)
    try:
        with zipfile.ZipFile(path) as zf:
            parts = [n for n in zf.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
            for name in parts:
                if zf.getinfo(name).file_size > MAX_PART:
                    raise UsageError(_too_large(path))
                with zf.open(name) as raw:
                    texts.append(_part_text(_Bounded(raw, path), budget))
    except UsageError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, etree.LxmlError) as exc:
        raise UsageError(f"« {path.name} » n'est pas un document Word lisible (archive ou XML endommagé).") from exc
    return "\n".join(texts)


# A région's minutes body is under 1 MB of XML and 100,000 characters of text.
MAX_PART = 16 * 1024 * 1024
MAX_TEXT = 4 * 1024 * 1024
_PARSE = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False}


def _too_large(path: Path) -> str:
    return (f"« {path.name} » est anormalement volumineux une fois décompressé (une partie de plus de "
            f"{MAX_PART // (1024 * 1024)} Mo) : ce n'est pas un compte rendu produit par nr_xl.")


class _Bounded:
    """A part's bytes, refused past MAX_PART whatever the zip directory declared."""

    def __init__(self, raw: IO[bytes], path: Path) -> None:
        self.raw, self.path, self.left = raw, path, MAX_PART

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(min(size, self.left + 1) if size and size > 0 else self.left + 1)
        self.left -= len(data)
        if self.left < 0:
            raise UsageError(_too_large(self.path))
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # a Word part never declares one
            raise UsageError(f"« {self.path.name} » contient du XML refusé par sécurité (déclaration DOCTYPE).")
        return data


class _TextBudget:
    def __init__(self, path: Path) -> None:
        self.path, self.left = path, MAX_TEXT

    def spend(self, text: str) -> None:
        self.left -= len(text)
        if self.left < 0:
            raise UsageError(f"« {self.path.name} » contient plus de texte qu'un compte rendu n'en a "
                             f"({MAX_TEXT // (1024 * 1024)} millions de caractères) : ce n'en est pas un.")


def _part_text(source: _Bounded, budget: _TextBudget) -> str:
    """The text of the part's <w:t> elements, each element dropped once read."""
    pieces = []
    for _, element in etree.iterparse(source, events=("end",), **_PARSE):
        if isinstance(element.tag, str) and element.tag.endswith("}t") and element.text:
            budget.spend(element.text)
            pieces.append(element.text)
        element.clear(keep_tail=False)
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]  # the siblings already read
    return "".join(pieces)


def verify_against(path: Path, against: str) -> tuple[bool, str]:
    candidate = Path(against)
    if candidate.suffix.lower() == ".docx" or candidate.is_file():
        if not candidate.is_file():
            raise UsageError(f"Le compte rendu « {against} » est introuvable.")
        anchor = parse_anchor(docx_text(candidate))
        source = f"le compte rendu « {candidate.name} »"
        if anchor is None:
            raise UsageError(f"{source[0].upper()}{source[1:]} n'imprime pas d'empreinte du journal "
                             "(« Empreinte du journal : N° 1 à … »). Utilisez un compte rendu produit par nr_xl.")
    else:
        anchor = parse_anchor(against)
        source = "l'empreinte donnée"
        if anchor is None:
            raise UsageError("Empreinte illisible : donnez-la comme le compte rendu l'imprime, "
                             "par exemple « N° 1 à 11 — 3F2A 9C1B 77E0 », ou le chemin du compte rendu .docx.")
    book = read(path)
    rows = book.journal
    if anchor.count is not None:
        index = next((i for i, r in enumerate(rows) if r.number == anchor.count), None)
    else:  # no count given: the row whose fingerprint it is
        index = next((i for i, r in enumerate(rows) if short(r.fingerprint) == anchor.short), None)
    if index is None:
        where = f"la ligne N° {anchor.count}" if anchor.count is not None else "aucune ligne de cette empreinte"
        return False, (f"NON CONFORME : {source} atteste le journal jusqu'à "
                       f"{where}, que le « {schema.JOURNAL.sheet} » de {path.name} ne contient plus.")
    prefix = rows[: index + 1]
    found = diagnose(prefix, None, None)
    number = rows[index].number
    if found is not None:
        return False, (f"NON CONFORME : le journal de {path.name} a été modifié depuis {source} : "
                       f"{describe(found)}.")
    if short(rows[index].fingerprint) != anchor.short:
        return False, (f"NON CONFORME : les lignes N° 1 à {number} du journal de {path.name} ne sont plus celles "
                       f"qu'atteste {source} (empreinte {short(rows[index].fingerprint)} au lieu de {anchor.short}) : "
                       "elles ont été réécrites et leurs empreintes recalculées.")
    later = len(rows) - index - 1
    tail = f" Le journal compte {later} ligne(s) de plus, ajoutée(s) depuis." if later else ""
    return True, (f"CONFORME : les lignes N° 1 à {number} du journal de {path.name} sont celles qu'atteste "
                  f"{source} (empreinte {anchor.short}).{tail}")
