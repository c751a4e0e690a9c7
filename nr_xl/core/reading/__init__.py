"""How a typed cell is read: every form a French agent writes, for each kind of column.

Each reader takes what a source returns for a cell (str, int, float, date, datetime,
bool or None) and gives the value, a ``Reading`` when the cell was not typed exactly as
the workbook writes it (the value and a note that says how it was read, shown to the
user as a finding of its own), None for an empty cell, or raises ``CellError`` when the
cell cannot be read at all. The accepted forms are tables in each module, and
docs/classeur.md lists them (generated).
"""

# Libraries: the French month names come from Babel's CLDR data (already the package's
# formatter). dateparser was left out: a large import (its 200 locales load at start-up), a
# compiled dependency (regex), and a reading of relative words (« dans trois jours ») that
# would date a roadmap from the clock; price-parser too: it guesses « 1.234 » per string and
# knows no k€, M€, TTC or ETP, which these tables say once. Both readers must also run
# unchanged under Pyodide (xlwings Lite).
