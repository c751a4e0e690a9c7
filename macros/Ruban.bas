Attribute VB_Name = "Ruban"
' Ruban « Numérique responsable » : un bouton = une ligne qui appelle Python (xlwings RunPython).
' Le code Python est dans le paquet nr_xl (nr_xl/macros.py) ; rien d'autre ne s'exécute ici.
Option Explicit

Sub NR_Verifier(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.check()"
End Sub

Sub NR_FigerReference(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.snapshot()"
End Sub

Sub NR_Journaliser(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.log()"
End Sub

Sub NR_Valider(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.validate()"
End Sub

Sub NR_CompteRendu(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.minutes()"
End Sub

Sub NR_Annonce(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.kickoff()"
End Sub

Sub NR_LisezMoi(control As IRibbonControl)
    ThisWorkbook.Worksheets("Lisez-moi").Activate
End Sub

Sub NR_Diagnostic(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.doctor()"
End Sub
