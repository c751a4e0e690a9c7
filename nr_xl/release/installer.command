#!/bin/sh
# Installe nr_xl pour l'utilisateur courant. Double-clic dans le Finder, ou : sh installer.command
cd "$(dirname "$0")" || exit 1
if ! command -v python3 >/dev/null 2>&1; then
  echo "Python est introuvable. Installez Python 3.11 ou plus récent depuis https://www.python.org/downloads/ puis relancez."
  exit 1
fi
exec python3 installer.py "$@"
