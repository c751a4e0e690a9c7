"""xlwings Lite's files (main.py, requirements.txt, GUIDE.md), shipped as ``nr_xl.lite`` so the
template builder writes them into the workbook from an installed nr_xl too. Data, not a module
anyone imports: main.py runs inside xlwings Lite."""
