"""The worksheet functions NR_… as xlwings finds them: « UDF Modules » of the workbook's
``xlwings.conf`` names this module, and the VBA that ``ImportPythonUDFs`` generated calls it
by this name. The code is in ``nr_xl.excel.udfs``.
"""

from nr_xl.excel.udfs import NR_CHARGE, NR_ECART_BUDGET, NR_TAUX_CHARGE, NR_TRIMESTRE

__all__ = ["NR_CHARGE", "NR_ECART_BUDGET", "NR_TAUX_CHARGE", "NR_TRIMESTRE"]
