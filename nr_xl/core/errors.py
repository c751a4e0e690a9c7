"""The one exception family of nr_xl: a run that cannot go on, and the exit code of each.

Messages are French and say what happened, where, and what to do. Everything
that can be reported as a finding on a cell is a finding instead.

``EXIT_CODES`` is the one table of exit codes of every command: the CLI returns
them, its ``--help`` prints them and the README shows them (a test compares).
"""

from __future__ import annotations

import errno
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    BLOCKING = 1
    USAGE = 2
    FILE = 3
    BUSY = 4
    OUTPUT = 5
    # sysexits' EX_SOFTWARE: a script tells a bug of nr_xl from everything above.
    INTERNAL = 70
    # 128 + SIGINT, as a shell reports a command stopped by Ctrl+C.
    INTERRUPTED = 130


# What each code means, for every command; check keeps the meanings it always had for 0 to 3.
EXIT_CODES: dict[ExitCode, str] = {
    ExitCode.OK: "réussi : feuille de route faisable ou à arbitrer (check), journal conforme (verify), "
                 "modèle valide (template-check), tout en ordre (doctor), décision ou document enregistré",
    ExitCode.BLOCKING: "bloquant ou refusé : au moins un constat de gravité error (check), journal non conforme "
                       "(verify), décision ou document refusé (validate, kickoff), journal modifié à la main "
                       "(log, snapshot, validate), problème signalé (doctor, template-check)",
    ExitCode.USAGE: "commande mal écrite : option inconnue, date illisible, valeur de NR_XL_LOCK_WAIT refusée",
    ExitCode.FILE: "fichier illisible ou refusé (pas un classeur, endommagé, modèle refusé), ou écriture "
                   "impossible dans le classeur : il n'est pas modifié",
    ExitCode.BUSY: "classeur occupé : une autre commande nr_xl tient son verrou, il est ouvert dans Excel ou "
                   "LibreOffice, ou il a changé pendant l'opération ; rien n'est écrit, relancez plus tard",
    ExitCode.OUTPUT: "sortie impossible : le rapport, le document ou son PDF n'a pas pu être écrit en entier "
                     "(disque plein, sortie fermée, dossier en lecture seule, LibreOffice absent)",
    ExitCode.INTERNAL: "erreur inattendue de nr_xl (« Erreur inattendue ») : à signaler, avec nr-xl --debug",
    ExitCode.INTERRUPTED: "interrompu (Ctrl+C)",
}


_WORKBOOK_READ = (ExitCode.OK, ExitCode.BLOCKING, ExitCode.USAGE, ExitCode.FILE, ExitCode.OUTPUT)
_WORKBOOK_WRITE = (*_WORKBOOK_READ, ExitCode.BUSY)
# The codes each command returns, from the table above; every command may also end in 70
# (a defect of nr_xl) or 130 (Ctrl+C). Its --help lists them, the README too (a test compares,
# and the tests of each command check every code they see is declared here).
COMMAND_EXIT_CODES: dict[str, tuple[ExitCode, ...]] = {
    "check": _WORKBOOK_WRITE,  # 4 with --write only
    "configure": _WORKBOOK_WRITE,
    "demo": (ExitCode.OK, ExitCode.USAGE, ExitCode.BUSY, ExitCode.OUTPUT),  # 4: --force over a workbook in use
    "doctor": _WORKBOOK_WRITE,  # 3 and 4 with --reparer
    "bilan": _WORKBOOK_READ,
    "kickoff": _WORKBOOK_READ,
    "log": _WORKBOOK_WRITE,
    "minutes": _WORKBOOK_READ,
    "snapshot": _WORKBOOK_WRITE,
    "suivi": _WORKBOOK_READ,
    "support": _WORKBOOK_READ,
    "template": (ExitCode.OK, ExitCode.USAGE, ExitCode.OUTPUT),
    "template-check": (ExitCode.OK, ExitCode.BLOCKING, ExitCode.USAGE, ExitCode.OUTPUT),
    "validate": _WORKBOOK_WRITE,
    "verify": _WORKBOOK_READ,
}


def exit_codes_of(command: str) -> tuple[ExitCode, ...]:
    """Every code ``command`` can end with, in the table's order."""
    declared = set(COMMAND_EXIT_CODES[command]) | {ExitCode.INTERNAL, ExitCode.INTERRUPTED}
    return tuple(code for code in EXIT_CODES if code in declared)


class NrXlError(Exception):
    """Base class; ``exit_code`` is what the CLI returns for it: a refusal (1) unless a
    subclass says otherwise."""

    exit_code: int = ExitCode.BLOCKING

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(NrXlError):
    exit_code = ExitCode.USAGE


class FileRefused(NrXlError):
    """A file given to nr_xl cannot be used (unreadable, damaged, a refused template)."""

    exit_code = ExitCode.FILE


class WorkbookUnreadable(FileRefused):
    """The file is not a workbook nr_xl can read."""


class WorkbookWriteError(NrXlError):
    """Writing into the workbook failed; the original file is left intact."""

    exit_code = ExitCode.FILE


class WorkbookBusy(WorkbookWriteError):
    """Someone else has the workbook right now (nr_xl's lock, Excel, a save meanwhile): nothing
    was written, and the same command later will do."""

    exit_code = ExitCode.BUSY


class OutputError(NrXlError):
    """What the command produces (the report on its output, a document, its PDF) could not be
    written whole; the workbook is as the message says."""

    exit_code = ExitCode.OUTPUT


class DocumentRefused(NrXlError):
    """A document would claim what the workbook does not record (an announcement of a
    roadmap the committee has not validated): nothing is written (exit code 1)."""


def os_reason(exc: OSError) -> str:
    """Why the system refused, in French: never the system's own (English) words."""
    reasons = {
        (errno.ENOSPC, errno.EDQUOT, errno.EFBIG): "le disque est plein (ou votre quota d'espace est atteint)",
        (errno.EACCES, errno.EPERM, errno.EROFS): "l'accès en écriture est refusé (dossier en lecture seule, "
                                                  "droits insuffisants ou fichier ouvert ailleurs)",
        (errno.EPIPE,): "la sortie a été fermée avant la fin (le programme qui la lisait s'est arrêté)",
        (errno.ENOTDIR, errno.EEXIST): "un fichier se trouve là où il faut un dossier",
        (errno.EISDIR,): "un dossier se trouve là où il faut un fichier",
        (errno.ENAMETOOLONG,): "le nom ou le chemin est trop long",
        (errno.ENOENT,): "le dossier n'existe pas",
    }
    for numbers, reason in reasons.items():
        if exc.errno in numbers:
            return reason
    return f"erreur système n° {exc.errno}" if exc.errno else f"erreur système ({type(exc).__name__})"
