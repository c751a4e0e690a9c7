"""nr_xl: valider une feuille de route Numérique responsable (méthode ANCT, étape 5)."""

# The one version: the wheel (pyproject reads it), the workbook and doctor show it.
__version__ = "0.2.0"
