"""The one exception family of nr_xl: a run that cannot go on.

Messages are French and say what happened, where, and what to do. Everything
that can be reported as a finding on a cell is a finding instead.
"""

from __future__ import annotations


class NrXlError(Exception):
    """Base class; ``exit_code`` is what the CLI returns for it."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(NrXlError):
    exit_code = 2


class WorkbookUnreadable(NrXlError):
    """The file is not a workbook nr_xl can read (exit code 3)."""

    exit_code = 3


class WorkbookWriteError(NrXlError):
    """Writing into the workbook failed; the original file is left intact."""

    exit_code = 3


class DocumentRefused(NrXlError):
    """A document would claim what the workbook does not record (an announcement of a
    roadmap the committee has not validated): nothing is written (exit code 1)."""
