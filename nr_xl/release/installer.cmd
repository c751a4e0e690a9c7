@echo off
rem Installe nr_xl pour l'utilisateur courant (sans droits d'administrateur).
rem Double-clic, ou dans un terminal : installer.cmd --emplacement-approuve
chcp 65001 >nul
where py >nul 2>nul
if %errorlevel%==0 (
  py -3 "%~dp0installer.py" %*
) else (
  where python >nul 2>nul
  if errorlevel 1 (
    echo Python est introuvable sur ce poste.
    echo Installez Python 3.11 ou plus recent depuis https://www.python.org/downloads/
    echo ^(bouton « Install Now », sans droits d'administrateur^), puis relancez installer.cmd.
    pause
    exit /b 1
  )
  python "%~dp0installer.py" %*
)
pause
