Attribute VB_Name = "Ruban"
' Ruban « Numérique responsable » : un bouton = une ligne qui appelle Python (xlwings RunPython).
' Le code Python est dans le paquet nr_xl (nr_xl/excel/ribbon.py, appelé par nr_xl.macros) ; rien d'autre ne s'exécute ici.
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
    ' La décision du comité : vide = validée (refusée s'il reste un point bloquant),
    ' des réserves = validée sous réserve, « ajourner » = ajournée.
    Dim answer As String
    answer = InputBox("Réserves du comité (vide : validation sans réserve ; " _
        & "tapez « ajourner » pour ajourner) :", "Valider la feuille de route")
    ' Annuler rend aussi un texte vide : une validation sans réserve se confirme.
    If Len(answer) = 0 Then
        If MsgBox("Valider la feuille de route sans réserve ?", vbYesNo + vbQuestion, _
            "Valider la feuille de route") <> vbYes Then Exit Sub
    End If
    RunPython "import nr_xl.macros; nr_xl.macros.validate_with(" & PyText(answer) & ")"
End Sub

' Le texte tapé, en littéral Python sûr : chaque caractère en \uXXXX (guillemets compris).
Private Function PyText(ByVal text As String) As String
    Dim i As Long
    PyText = "'"
    For i = 1 To Len(text)
        PyText = PyText & "\u" & Right$("000" & Hex$(AscW(Mid$(text, i, 1)) And &HFFFF&), 4)
    Next i
    PyText = PyText & "'"
End Function

Sub NR_Support(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.support()"
End Sub

Sub NR_CompteRendu(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.minutes()"
End Sub

Sub NR_Annonce(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.kickoff()"
End Sub

Sub NR_OrdreDuJourSuivi(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.followup_agenda()"
End Sub

Sub NR_CompteRenduSuivi(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.followup()"
End Sub

Sub NR_Bilan(control As IRibbonControl)
    ' L'année du bilan : par défaut, l'année écoulée.
    Dim answer As String
    answer = InputBox("Année du bilan :", "Bilan annuel", CStr(Year(Date) - 1))
    If Len(answer) = 0 Then Exit Sub
    RunPython "import nr_xl.macros; nr_xl.macros.review_of(" & PyText(answer) & ")"
End Sub

Sub NR_LisezMoi(control As IRibbonControl)
    ThisWorkbook.Worksheets("Lisez-moi").Activate
End Sub

Sub NR_Diagnostic(control As IRibbonControl)
    RunPython "import nr_xl.macros; nr_xl.macros.doctor()"
End Sub
