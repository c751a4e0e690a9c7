"""nr-xl verify: does a workbook's journal still hold what circulated minutes attested?

The hash chain makes hand edits visible, but anyone can recompute it: nothing inside
one file stops a determined forger. The minutes print the chain's head (« N° 1 à 11 —
3F2A 9C1B 77E0 ») on a line of their own; once they have been sent to the committee's
members, that line is an anchor outside the file. Rewriting any row up to N° 11 changes
every fingerprint from that row on, so the workbook no longer matches what was circulated.

The fingerprint is read from that labelled line of the document's body only: text typed
in the workbook (the « Collectivité » is printed in the header) can hold a fingerprint too,
and must never be the one compared. Only the body's part is read, as a stream, under a size
cap: a hostile document cannot make verify allocate more than a few megabytes.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from nr_xl.core import schema
from nr_xl.core.errors import UsageError
from nr_xl.core.journal.book import describe
from nr_xl.core.journal.chain import ACCEPTED, diagnose, short
from nr_xl.core.layout import FINGERPRINT_LABEL
from nr_xl.jobs.journal import read

# What the minutes print, and what a user may paste: the count is optional.
ANCHOR = re.compile(r"(?:N°\s*1\s*à\s*(\d+)\s*[—–-]\s*)?\b([0-9A-F]{4}) ?([0-9A-F]{4}) ?([0-9A-F]{4})\b", re.I)
# The minutes' own line: the label first, then the fingerprint (count included).
LABELLED = re.compile(rf"\s*{FINGERPRINT_LABEL}\s*:\s*(N°\s*1\s*à\s*\d+\s*[—–-]\s*[0-9A-F]{{4}} ?[0-9A-F]{{4}} ?"
                      r"[0-9A-F]{4})\b", re.I)
LABEL = re.compile(rf"\s*{FINGERPRINT_LABEL}\b", re.I)
MAX_DOCX = 50 * 1024 * 1024
# The body of a compte rendu is a few hundred kilobytes (78 kB for the example's): 16 MB is
# a région's minutes many times over, and what the stream below ever holds is one paragraph.
MAX_BODY = 16 * 1024 * 1024
BODY = "word/document.xml"
# The fingerprint's line is « Empreinte du journal : N° 1 à … — XXXX XXXX XXXX »: far shorter.
PARAGRAPH_KEPT = 4096
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH, TEXT = f"{{{W}}}p", f"{{{W}}}t"


class MinutesRefused(UsageError):
    """The document given to --contre cannot attest anything: unreadable, too large, or with
    no single fingerprint line."""


@dataclass(frozen=True)
class Anchor:
    count: int | None
    short: str


def parse_anchor(text: str) -> Anchor | None:
    """The fingerprint quoted in ``text`` (pasted on the command line, or the minutes' line)."""
    found = list(ANCHOR.finditer(text))
    if not found:
        return None
    m = found[-1]
    return Anchor(int(m.group(1)) if m.group(1) else None, " ".join(g.upper() for g in m.group(2, 3, 4)))


class _Capped:
    """A part's stream that refuses to give more than ``limit`` bytes (a zip entry may
    declare one size and inflate to another)."""

    def __init__(self, raw: IO[bytes], limit: int, name: str) -> None:
        self.raw, self.left, self.name = raw, limit, name

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(min(size, self.left + 1) if size >= 0 else self.left + 1)
        self.left -= len(data)
        if self.left < 0:
            raise MinutesRefused(f"« {self.name} » est anormalement volumineux une fois décompressé : "
                                 "ce n'est pas un compte rendu.")
        return data


def _paragraphs(stream: _Capped) -> Iterator[str]:
    """The text of each paragraph of the body, in order, one paragraph in memory at a time
    (a paragraph inside a text box is its own; deleted text, w:delText, is not read)."""
    open_texts: list[list[str]] = []
    kept: list[int] = []  # characters kept of each open paragraph
    for event, element in etree.iterparse(stream, events=("start", "end"), tag=(PARAGRAPH, TEXT),
                                          resolve_entities=False, no_network=True, load_dtd=False,
                                          huge_tree=False):
        if element.tag == PARAGRAPH and event == "start":
            open_texts.append([])
            kept.append(0)
        elif element.tag == TEXT and event == "end":
            # Only a paragraph's beginning can be the fingerprint's line: a paragraph of a
            # million runs keeps its first characters, not a million strings.
            if open_texts and kept[-1] < PARAGRAPH_KEPT:
                open_texts[-1].append(element.text or "")
                kept[-1] += len(element.text or "")
            element.clear()
            run = element.getparent()  # the runs read before this one are dropped too
            while run is not None and run.getprevious() is not None:
                del run.getparent()[0]
        elif element.tag == PARAGRAPH:
            kept.pop()
            yield "".join(open_texts.pop())
            element.clear()
            while element.getprevious() is not None:  # what was read is dropped
                del element.getparent()[0]


def fingerprint_lines(path: Path) -> list[str]:
    """The paragraphs of the document's body that begin with « Empreinte du journal »."""
    name = path.name
    if path.stat().st_size > MAX_DOCX:
        raise MinutesRefused(f"« {name} » dépasse {MAX_DOCX // (1024 * 1024)} Mo : ce n'est pas un compte rendu.")
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(BODY)
            if info.file_size > MAX_BODY:
                raise MinutesRefused(f"« {name} » est anormalement volumineux une fois décompressé : "
                                     "ce n'est pas un compte rendu.")
            with zf.open(info) as raw:
                return [text for text in _paragraphs(_Capped(raw, MAX_BODY, name)) if LABEL.match(text)]
    except KeyError as exc:
        raise MinutesRefused(f"« {name} » n'est pas un document Word lisible (pas de corps de document).") from exc
    except (zipfile.BadZipFile, zlib.error, etree.LxmlError, EOFError, OSError) as exc:
        # The parser's own words (English, a line and a column) say nothing to a reader.
        raise MinutesRefused(f"« {name} » n'est pas un document Word lisible (archive ou XML endommagé).") from exc


def minutes_anchor(path: Path) -> Anchor:
    """The fingerprint of the minutes' own line: exactly one line of the body begins with
    the label and holds a fingerprint, or the document is refused."""
    lines = fingerprint_lines(path)
    if len(lines) > 1:
        shown = " ; ".join(f"« {line.strip()[:80]} »" for line in lines[:3])
        raise MinutesRefused(
            f"Le compte rendu « {path.name} » est ambigu : {len(lines)} lignes commencent par "
            f"« {FINGERPRINT_LABEL} » ({shown}). Une seule doit porter l'empreinte : un texte du classeur imprimé "
            "dans le compte rendu (la collectivité, un nom) en imite une. Vérifiez avec l'empreinte du compte rendu "
            "diffusé, recopiée à la main : nr-xl verify CLASSEUR --contre \"N° 1 à … — …\".")
    found = LABELLED.match(lines[0]) if lines else None
    anchor = parse_anchor(found.group(1)) if found else None
    if anchor is None:
        raise MinutesRefused(f"Le compte rendu « {path.name} » n'imprime pas d'empreinte du journal "
                             f"(une ligne « {FINGERPRINT_LABEL} : N° 1 à … »). Utilisez un compte rendu produit par "
                             "nr_xl.")
    return anchor


def verify_against(path: Path, against: str) -> tuple[bool, str]:
    candidate = Path(against)
    if candidate.suffix.lower() == ".docx" or candidate.is_file():
        if not candidate.is_file():
            raise UsageError(f"Le compte rendu « {against} » est introuvable.")
        anchor = minutes_anchor(candidate)
        source = f"le compte rendu « {candidate.name} »"
    else:
        found = parse_anchor(against)
        source = "l'empreinte donnée"
        if found is None:
            raise UsageError("Empreinte illisible : donnez-la comme le compte rendu l'imprime, "
                             "par exemple « N° 1 à 11 — 3F2A 9C1B 77E0 », ou le chemin du compte rendu .docx.")
        anchor = found
    book = read(path)
    rows = book.journal
    if anchor.count is not None:
        index = next((i for i, r in enumerate(rows) if r.number == anchor.count), None)
    else:  # no count given: the row whose fingerprint it is
        index = next((i for i, r in enumerate(rows) if short(r.fingerprint) == anchor.short), None)
    if index is None:
        where = f"la ligne N° {anchor.count}" if anchor.count is not None else "aucune ligne de cette empreinte"
        return False, (f"NON CONFORME : {source} atteste le journal jusqu'à "
                       f"{where}, que le « {schema.JOURNAL.sheet} » de {path.name} ne contient plus."
                       + _accepted_since(rows, anchor))
    # The whole range the minutes attest, N° 1 à N, across any acceptance inside it (each one
    # checked against the seal of the rows before it).
    found_break = diagnose(rows[: index + 1], None, None)
    number = rows[index].number
    if found_break is not None:
        return False, (f"NON CONFORME : le journal de {path.name} a été modifié depuis {source} : "
                       f"{describe(found_break)}." + _accepted_since(rows, anchor))
    if short(rows[index].fingerprint) != anchor.short:
        return False, (f"NON CONFORME : les lignes N° 1 à {number} du journal de {path.name} ne sont plus celles "
                       f"qu'atteste {source} (empreinte {short(rows[index].fingerprint)} au lieu de {anchor.short}) : "
                       "elles ont été réécrites et leurs empreintes recalculées." + _accepted_since(rows, anchor))
    later = len(rows) - index - 1
    tail = f" Le journal compte {later} ligne(s) de plus, ajoutée(s) depuis." if later else ""
    return True, (f"CONFORME : les lignes N° 1 à {number} du journal de {path.name} sont celles qu'atteste "
                  f"{source} (empreinte {anchor.short}).{tail}")


def _accepted_since(rows: list, anchor: Anchor) -> str:
    """Where the journal says the attested rows were modified and accepted as they stood, if it does."""
    attested = f"N° 1 à {anchor.count} — {anchor.short}" if anchor.count is not None else anchor.short
    for row in rows:
        if row.field == ACCEPTED and attested in row.old:
            return (f" La ligne N° {row.number} du journal enregistre que ce journal a été modifié à la main puis "
                    f"accepté tel quel ({row.timestamp}, {row.author}) : {row.reason}.")
    return ""
