"""Parse the workbook's sheets while the rest of nr_xl is being imported.

A command spends its first 0.1–0.2 s importing nr_xl (Python, under the GIL) and
about as long again parsing the workbook (python-calamine, in Rust, without the
GIL). The two need not wait for each other: ``start_for(argv)`` runs first, before
the command's imports, and parses the sheets on a thread; when the command reads
the file, ``take`` hands them over — provided the file still holds the very bytes
that were parsed, so the result is exactly that of a read at that moment, lock or
no lock. The command's thread, done with its imports, parses the sheets still
waiting, alongside.

It is only a head start: any failure here (no such file, not a workbook, a
parser that panics, a platform without threads) leaves nothing behind, and the
command reads and reports as it always does. A file the command's own checks
would refuse (too large, a zip bomb) is refused here first, on the same checks,
before anything is inflated. A command that ends without reading (a usage error)
stops the parse after the sheet in hand.

This module imports nothing heavy, and its thread imports nothing at all beyond
python-calamine: the point is to start before the imports do, and two threads
importing the same modules could wait on each other.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Generator, Iterable
from typing import Any

# The commands of nr_xl.cli that read their FILE argument with python-calamine.
READING_COMMANDS = frozenset({"check", "log", "minutes", "kickoff", "snapshot", "validate", "verify"})
WORKBOOK_SUFFIXES = (".xlsm", ".xlsx")

_pending: dict[str, EarlyRead] = {}


class EarlyRead:
    """The sheets of one file, parsed in the workbook's order by whichever thread is free."""

    def __init__(self, path: str, vet: Callable[[bytes], None] = lambda data: None) -> None:
        self.path = path
        self._vet = vet  # raises on bytes the command's own read would refuse
        self.data: bytes | None = None
        self._queue: list[str] = []  # sheets not parsed yet, in the workbook's order
        self._wanted: frozenset[str] | None = None  # None: not known yet, every sheet
        self._parsed: dict[str, Any] = {}  # name -> python_calamine.CalamineSheet, not handed over yet
        self._parsing = 0  # sheets the early thread has taken and not yet parsed
        self._changed = threading.Condition()
        self._opened = threading.Event()
        # Not a daemon: a process that ends without taking the sheets waits for the one
        # being parsed (a fraction of a second) rather than stopping Rust code mid-way.
        self._thread = threading.Thread(target=self._run, name="nr_xl-early-read")

    def narrow(self, sheets: Iterable[str]) -> None:
        """Parse only these of the sheets still waiting (the others are not needed)."""
        with self._changed:
            self._wanted = frozenset(sheets) if self._wanted is None else self._wanted & frozenset(sheets)

    def _run(self) -> None:
        book = self._open()
        if book is not None:
            self._parse_waiting(book)

    def _open(self) -> Any:
        """The file's bytes, read once, and a parser over them; None if it is not a workbook."""
        try:
            import io

            import python_calamine

            with open(self.path, "rb") as file:
                data = file.read()
            self._vet(data)
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            self._queue, self.data = list(book.sheet_names), data
            return book
        except BaseException:  # a Rust panic is a BaseException; the command's own read will say what is wrong
            return None
        finally:
            self._opened.set()

    def _parse_waiting(self, book: Any) -> None:
        try:
            while (name := self._next(early=True)) is not None:
                sheet = None
                try:
                    sheet = book.get_sheet_by_name(name)
                except BaseException:  # a Rust panic too: left to the command's thread, which reports it
                    pass
                finally:  # whatever happened, the sheet is either handed over or waiting again
                    with self._changed:
                        self._parsing -= 1
                        if sheet is None:
                            self._queue.insert(0, name)
                        else:
                            self._parsed[name] = sheet
                        self._changed.notify_all()
                if sheet is None:
                    return
        finally:
            book.close()  # a parsed sheet keeps its own cells

    def _next(self, early: bool = False) -> str | None:
        with self._changed:
            return self._next_locked(early)

    def _next_locked(self, early: bool = False) -> str | None:
        while self._queue:
            name = self._queue.pop(0)
            if self._wanted is None or name in self._wanted:
                self._parsing += early
                return name
        return None

    def _ready_or_next(self) -> tuple[str, Any] | None:
        """A sheet the early thread has parsed, or else the name of one to parse (with
        None); None once every wanted sheet has been handed over."""
        with self._changed:
            while True:
                while self._parsed:
                    parsed = self._parsed.popitem()
                    if self._wanted is None or parsed[0] in self._wanted:
                        return parsed
                waiting = self._next_locked()
                if waiting is not None:
                    return waiting, None
                if not self._parsing:
                    return None
                self._changed.wait()  # the early thread is parsing the last ones

    def sheets(self, data: bytes, wanted: Iterable[str] | None) -> Generator[tuple[str, Any], None, None]:
        """Each sheet of ``wanted`` (every sheet if None) parsed from ``data``, as soon as
        it is; nothing if the file no longer holds the bytes parsed early.

        Between two sheets handed over, the calling thread parses those still waiting,
        on its own parser over the same bytes (a calamine workbook is not shared
        between threads); what it is handed, it turns into rows while the early thread
        parses the next."""
        self._opened.wait()
        if self.data != data:
            self.narrow(())
            self._join()
            return
        if wanted is not None:
            self.narrow(wanted)
        own = None
        try:
            while (ready := self._ready_or_next()) is not None:
                name, sheet = ready
                if sheet is None:  # nothing parsed is waiting: this thread parses the next one
                    if own is None:
                        import io

                        import python_calamine

                        own = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
                    sheet = own.get_sheet_by_name(name)
                yield name, sheet
        finally:
            if own is not None:
                own.close()
            self.narrow(())  # a reader that stops early leaves nothing to parse
            self._join()

    def _join(self) -> None:
        if self._thread.ident is not None:  # started
            self._thread.join()


def start(path: str, sheets: Iterable[str] | None = None,
          vet: Callable[[bytes], None] = lambda data: None) -> EarlyRead | None:
    """Start parsing ``sheets`` (every sheet if None) of the workbook at ``path``."""
    early = EarlyRead(path, vet)
    if sheets is not None:
        early.narrow(sheets)
    try:
        early._thread.start()
    except RuntimeError:  # no thread can be started here: the command reads as usual
        return None
    _pending[os.path.realpath(path)] = early
    return early


def abandon() -> None:
    """The command ends without having read: the sheets not started are not parsed."""
    for early in _pending.values():
        early.narrow(())
    _pending.clear()


def take(path: str | os.PathLike[str]) -> EarlyRead | None:
    """The early read of ``path`` if one was started, handed over once."""
    if not _pending:
        return None
    return _pending.pop(os.path.realpath(path), None)


def workbook_in(argv: list[str]) -> str | None:
    """The workbook a command line names, when its command reads one with calamine.

    Only the plain form is recognised: the command, then a file ending in .xlsm or
    .xlsx. Anything else (help, the openpyxl engine, a file that is not there)
    gets no head start, and loses nothing else."""
    if {"-h", "--help", "openpyxl", "--engine=openpyxl"} & set(argv):
        return None
    words = [arg for arg in argv if not arg.startswith("-")]
    if not words or words[0] not in READING_COMMANDS:
        return None
    for word in words[1:]:
        if word.lower().endswith(WORKBOOK_SUFFIXES) and os.path.isfile(word):
            return word
    return None


def start_for(argv: list[str]) -> EarlyRead | None:
    """Start parsing the workbook named by the command line ``argv``, if any."""
    import sys

    path = workbook_in(argv)
    if path is None or sys.platform == "emscripten":
        return None
    # Imported here, by the command's thread, before the early one starts (which then
    # imports nothing of nr_xl): the refusals of a plain read, and the sheets every
    # reading command reads (not « Contrôles », « Synthèse »…).
    from pathlib import Path

    from nr_xl.errors import WorkbookUnreadable
    from nr_xl.schema import CHECKED_SHEETS
    from nr_xl.sources.files import preflight, preflight_bytes

    try:
        preflight(Path(path))
    except WorkbookUnreadable:  # the command says so itself, when it reads
        return None
    name = os.path.basename(path)
    return start(path, CHECKED_SHEETS, lambda data: preflight_bytes(data, name))
