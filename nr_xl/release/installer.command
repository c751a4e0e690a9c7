#!/bin/sh
# Installe nr_xl pour l'utilisateur courant. Double-clic dans le Finder, ou : sh installer.command
# installer.py cherche lui-même Python 3.13, 3.12 ou 3.11 et écrit installer.log à côté de lui.
cd "$(dirname "$0")" || exit 1
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1; then
    exec "$candidate" installer.py "$@"
  fi
done
echo "Python est introuvable. Installez Python 3.13 depuis https://www.python.org/downloads/macos/"
echo "(« macOS 64-bit universal2 installer », votre mot de passe de session suffit), puis relancez."
exit 1
