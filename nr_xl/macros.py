"""The names the workbook's ribbon calls: ``RunPython "import nr_xl.macros; nr_xl.macros.check()"``.

Workbooks in use carry these strings in their VBA, and xlwings Lite's ``main.py`` imports
this module: the names stay here whatever moves inside the package. The code is in
``nr_xl.excel.ribbon``.
"""

from nr_xl.excel.ribbon import (
    check, doctor, followup, followup_agenda, kickoff, log, minutes, review, review_of, snapshot, support, validate,
    validate_from_parameters, validate_with,
)

__all__ = ["check", "doctor", "followup", "followup_agenda", "kickoff", "log", "minutes", "review", "review_of",
           "snapshot", "support", "validate", "validate_from_parameters", "validate_with"]
