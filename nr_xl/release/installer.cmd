@echo off
rem Installe nr_xl pour l'utilisateur courant (sans droits d'administrateur).
rem Double-clic, ou dans un terminal ouvert dans ce dossier : installer.cmd --emplacement-approuve
rem installer.py cherche lui-meme Python 3.13, 3.12 ou 3.11 (py -3.13...) et ecrit installer.log.
chcp 65001 >nul
setlocal
set "PY="
for %%V in (3.13 3.12 3.11 3) do (
  if not defined PY (
    py -%%V -c "import sys" >nul 2>nul && set "PY=py -%%V"
  )
)
if not defined PY (
  python -c "import sys; sys.exit(sys.version_info < (3, 8))" >nul 2>nul && set "PY=python"
)
if not defined PY (
  echo Python est introuvable sur ce poste : il faut Python 3.11, 3.12 ou 3.13.
  echo Sans droits d'administrateur : https://www.python.org/downloads/windows/
  echo   choisissez "Python 3.13" puis "Windows installer (64-bit)", lancez-le, laissez DECOCHEE
  echo   "Use admin privileges when installing py.exe", cochez "Add python.exe to PATH",
  echo   puis "Install Now". Ou : Microsoft Store, "Python 3.13", Obtenir.
  echo Puis double-cliquez de nouveau sur installer.cmd.
  pause
  exit /b 1
)
%PY% "%~dp0installer.py" %*
set "RC=%ERRORLEVEL%"
pause
exit /b %RC%
