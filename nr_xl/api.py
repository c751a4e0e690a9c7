"""The library's façade: what the command line and the Excel entry points call.

Each function does one job on a workbook file (``nr_xl.jobs``) or on rows already
read (``nr_xl.core``); the CLI only parses arguments, calls one of these, and
presents the result (tests/test_cli_thin.py holds it to that). Nothing under
``nr_xl`` calls this module: it faces outward only.
"""

from __future__ import annotations

import datetime as dt
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from nr_xl.core import schema
from nr_xl.core.build import build_roadmap
from nr_xl.core.findings import Finding, Report
from nr_xl.core.model import Roadmap
from nr_xl.core.report import check_roadmap, check_sheets
from nr_xl.jobs import check as check_job
from nr_xl.sources import Engine, read_rows

if TYPE_CHECKING:
    import pandas as pd

    from nr_xl.jobs.configure import Configured
    from nr_xl.jobs.repair import Repair
    from nr_xl.workbook.lock import Guard

# The documents written from a workbook: the committee's minutes, the roadmap's kickoff announcement.
DocumentKind = Literal["compte_rendu", "annonce_lancement"]
# The templates ``check_template`` knows: the two Word documents and the committee's deck.
TemplateKind = Literal["compte_rendu", "annonce_lancement", "support_comite", "compte_rendu_suivi", "bilan_annuel"]

INPUT_SHEETS = [t.sheet for t in schema.INPUT_TABLES]

# The pure checks, for rows already read (the ribbon, xlwings Lite, notebooks).
__all__ = ["check_roadmap", "check_sheets"]


def read_roadmap(path: str | Path, engine: Engine = "calamine") -> tuple[Roadmap, list[Finding]]:
    """The typed roadmap and the input findings of the workbook at ``path``."""
    rows = read_rows(path, INPUT_SHEETS, engine=engine)
    return build_roadmap(rows.sheets)


def check(path: str | Path, engine: Engine = "calamine") -> Report:
    """Every feasibility check (docs/constats.md) on the workbook at ``path``,
    plus the journal's hash chain."""
    return check_job.check(Path(path), engine)


def write_findings(path: str | Path, report: Report, now: dt.datetime | None = None,
                   guard: Guard | None = None) -> Path:
    """Fill the Contrôles sheet of the workbook; returns the backup's path."""
    return check_job.write_findings(Path(path), report, now, guard)


def write_controles(path: str | Path, report: Report, now: dt.datetime | None = None,
                    guard: Guard | None = None) -> Path:
    """Deprecated: the former name of ``write_findings``."""
    warnings.warn("nr_xl.api.write_controles is deprecated: use nr_xl.api.write_findings",
                  DeprecationWarning, stacklevel=2)
    return write_findings(path, report, now, guard)


def journal_restore_hint(path: str | Path, report: Report) -> str | None:
    """When ``report`` says the journal was modified by hand: which backup beside the workbook
    holds it intact (French), or that none does; None for an intact journal."""
    return check_job.restore_hint(Path(path), report)


def check_and_write(path: str | Path, engine: Engine = "calamine", break_lock: bool = False,
                    now: dt.datetime | None = None) -> tuple[Report, Path]:
    """check then write_findings under one lock: the report written is that of
    the very bytes it replaces. Returns the report and the backup's path."""
    return check_job.check_and_write(Path(path), engine, break_lock, now)


def build_template(out: str | Path, data: dict | None = None, lite_wheel: str | Path | None = None,
                   replace: bool = True) -> Path:
    """The blank template (or, with ``data``, a filled workbook) at ``out``; ``lite_wheel``, a
    wheel of nr_xl, is embedded in the workbook's xlwings Lite code (the release does it).
    Without ``replace`` a file already at ``out`` stays: returns where the workbook is."""
    from nr_xl.workbook.template import write_template

    wheel = Path(lite_wheel).read_bytes() if lite_wheel is not None else None
    return write_template(Path(out), data, wheel, replace)


def repair(path: str | Path) -> Repair:
    """Put right what another program's re-save broke in nr_xl's parts of the workbook
    (reference sheet very hidden, VBA Dictionary module, xlwings Lite's code, ribbon)."""
    from nr_xl.jobs.repair import repair_workbook

    return repair_workbook(Path(path))


def build_example(out: str | Path, replace: bool = True) -> Path:
    from nr_xl.example import load_example

    return build_template(out, load_example(), replace=replace)


def snapshot(path: str | Path, now: dt.datetime | None = None, accept_broken: bool = False,
             rebuild: bool = False, break_lock: bool = False):
    """Store the current roadmap as the reference version inside the workbook (``rebuild``: rebuild
    a deleted one from the journal); returns the plan written (``state``, and ``notices``)."""
    from nr_xl.jobs.journal import take_snapshot

    return take_snapshot(Path(path), now, accept_broken, rebuild, break_lock)


def log(path: str | Path, instance: str | None = None, author: str | None = None,
        reason: str = "", now: dt.datetime | None = None, accept_broken: bool = False,
        break_lock: bool = False):
    """Append one Journal row per change since the last log."""
    from nr_xl.jobs.journal import log_changes

    return log_changes(Path(path), instance, author, reason, now, accept_broken, break_lock)


def validate(path: str | Path, instance: str | None = None, author: str | None = None,
             reason: str = "", now: dt.datetime | None = None, reservations: str | None = None,
             adjourned: bool = False, accept_broken: bool = False,
             break_lock: bool = False):
    """Record the committee's decision (validated, with reservations, or adjourned):
    log pending changes, bump Version unless adjourned, take a new reference version.
    Refuses (ValidationRefused) while blocking points remain and no reservation is given."""
    from nr_xl.jobs.journal import validate as validate_roadmap

    return validate_roadmap(Path(path), instance, author, reason, now, reservations, adjourned, accept_broken,
                            break_lock)


def verify(path: str | Path, against: str) -> tuple[bool, str]:
    """Does the journal of ``path`` still hold what circulated minutes (a .docx) or a
    fingerprint (« N° 1 à 11 — 3F2A 9C1B 77E0 ») said? Returns (matches, French explanation)."""
    from nr_xl.jobs.verify import verify_against

    return verify_against(Path(path), against)


def adjustments(path: str | Path):
    """The net adjustments since the reference version, with the journal's reasons."""
    from nr_xl.core.journal.review import net_adjustments
    from nr_xl.jobs.journal import read

    return net_adjustments(read(Path(path)))


def document(kind: DocumentKind, path: str | Path, output: str | Path | None = None,
             template: str | Path | None = None, pdf: bool = False, today: dt.date | None = None,
             force: bool = False, warn: Callable[[str], None] | None = None,
             annexes: bool | None = None) -> list[Path]:
    """Write the document ``kind`` of the workbook at ``path`` (and its PDF with ``pdf``);
    returns the files written. ``output`` defaults to a dated name beside the workbook,
    ``template`` to modeles/<kind>.docx beside it, else the packaged one; ``today`` is the
    date printed (default: the committee's, or the kickoff's). A document already there is
    never replaced unless ``force``: the new one is « nom (2).docx ». The announcement of a
    roadmap the committee has not validated raises DocumentRefused, unless ``force``: then it
    is a draft marked « PROJET — non validée ». ``warn`` receives what to know before sending
    the document (default: standard error). ``annexes``: the minutes with or without their
    annexes (None: as « Annexes du compte rendu » of « Paramètres » says)."""
    from nr_xl.documents.produce import kind_named
    from nr_xl.jobs.documents import generate

    return generate(kind_named(kind), Path(path), Path(output) if output is not None else None,
                    Path(template) if template is not None else None, pdf, today=today, force=force, warn=warn,
                    annexes=annexes)


def followup(path: str | Path, output: str | Path | None = None, template: str | Path | None = None,
             pdf: bool = False, today: dt.date | None = None, force: bool = False, agenda: bool = False,
             warn: Callable[[str], None] | None = None) -> list[Path]:
    """Write the follow-up committee's minutes (« compte rendu du comité de suivi »), or with
    ``agenda`` its agenda alone, of the workbook at ``path``: progress on the day of the
    follow-up, late actions, indicators off their trajectory, open decisions, the spending of
    the year, the adjustments journalled and the decision, the roadmap before and after.
    Otherwise as ``document``."""
    from nr_xl.documents.produce import FOLLOWUP
    from nr_xl.jobs.documents import generate

    return generate(FOLLOWUP, Path(path), Path(output) if output is not None else None,
                    Path(template) if template is not None else None, pdf, today=today, force=force, warn=warn,
                    agenda=agenda)


def review(path: str | Path, year: int, output: str | Path | None = None, template: str | Path | None = None,
           pdf: bool = False, today: dt.date | None = None, force: bool = False,
           warn: Callable[[str], None] | None = None) -> list[Path]:
    """Write the yearly review of the strategy for ``year`` (the chapter of the report on
    sustainable development): done, spent and measured against the roadmap, the legal
    shares measured, the changes the committees decided, the figures' sources."""
    from nr_xl.documents.produce import REVIEW
    from nr_xl.jobs.documents import generate

    return generate(REVIEW, Path(path), Path(output) if output is not None else None,
                    Path(template) if template is not None else None, pdf, today=today, force=force, warn=warn,
                    year=year)


def support(path: str | Path, output: str | Path | None = None, template: str | Path | None = None,
            pdf: bool = False, reference: bool = False, force: bool = False) -> list[Path]:
    """Write the committee's slide deck (PowerPoint) of the workbook at ``path``, and its PDF
    with ``pdf``; returns the files written. With ``reference``, the deck of the version
    presented to the committee (kept in the workbook by ``snapshot``) rather than of the
    workbook as it stands. ``output`` defaults to a dated name beside the workbook,
    ``template`` to modeles/support_comite.pptx beside it, else the packaged one. A deck
    already there is never replaced unless ``force``: the new one is « nom (2).pptx »."""
    from nr_xl.jobs.deck import generate

    return generate(Path(path), Path(output) if output is not None else None,
                    Path(template) if template is not None else None, pdf, reference, force)


def check_template(template: str | Path, kind: TemplateKind | None = None) -> list[str]:
    """What is wrong with a user-edited template, in French; [] if it is fine: for a Word
    template, tags broken by Word and unknown variables; for the deck's PowerPoint template
    (.pptx), a layout or a placeholder the deck needs and cannot find. ``kind`` defaults from
    the file (a .pptx is the deck's; « annonce… » a kickoff announcement; anything else minutes)."""
    template = Path(template)
    if kind == "support_comite" or (kind is None and template.suffix.lower() == ".pptx"):
        from nr_xl.documents.deck import check_template as check_deck

        if template.suffix.lower() != ".pptx":
            return [f"« {template.name} » : le modèle du support du comité est une présentation PowerPoint (.pptx)."]
        return check_deck(template)
    from nr_xl.documents.produce import check_template as check, kind_named

    lower = template.name.lower()
    name = kind or ("annonce_lancement" if "annonce" in lower else "bilan_annuel" if "bilan" in lower
                    else "compte_rendu_suivi" if "suivi" in lower else "compte_rendu")
    return check(template, kind_named(name))


def configure(path: str | Path, interpreter: str,
              system: Literal["windows", "macos"] | None = None) -> Configured:
    """Tell the workbook which Python the ribbon starts (Interpreter_Win or Interpreter_Mac
    in its hidden xlwings.conf sheet; ``system`` defaults to this one). Writes nothing when
    the value is already there."""
    from nr_xl.jobs.configure import configure as configure_workbook

    return configure_workbook(Path(path), interpreter, system)


def read_date(text: str) -> dt.date | None:
    """A date as the workbook's cells accept it (07/03/2027, 2027-03-07…), or None."""
    from nr_xl.core import parse

    try:
        return parse.date(text)
    except parse.CellError:
        return None


def replaced_workbooks() -> list[Path]:
    """Every workbook this process has replaced so far: after an unexpected error, what
    was written all the same. Loads no writer (a process that never wrote has none)."""
    writer = sys.modules.get("nr_xl.workbook.writer")
    replaced: list[Path] = list(writer.REPLACED) if writer is not None else []
    return replaced


def frames(path: str | Path, engine: Engine = "calamine") -> dict[str, pd.DataFrame]:
    """One typed pandas DataFrame per input table of the workbook at ``path``, keyed by
    sheet name, with the rows the checks read (index: the Excel row) and the contract's
    headers as columns; dtypes and what is left out: ``nr_xl.jobs.frames``. Needs the optional
    pandas (``pip install "nr-xl[analyse]"``; without it, a UsageError says so in French)."""
    from nr_xl.jobs.frames import from_sheets, require_pandas

    require_pandas()  # before reading: a missing pandas is said at once
    return from_sheets(read_rows(path, INPUT_SHEETS, engine=engine).sheets)
