"""What the system said when a file could not be written, in French (pure).

The system's own words (« File name too long », « Read-only file system ») are English
and name no remedy: each case a user can meet is worded here once, with what to do.
"""

from __future__ import annotations

import errno

# The longest file name most systems accept, in bytes (NTFS, ext4, APFS: 255).
NAME_LIMIT = 255

_WORDS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("le disque est plein (ou votre quota d'espace est atteint)", "Libérez de la place puis relancez."),
    errno.EDQUOT: ("le disque est plein (ou votre quota d'espace est atteint)", "Libérez de la place puis relancez."),
    # A file too large for the disk or the account (a quota on file size) reads as a full disk.
    errno.EFBIG: ("le disque est plein (ou votre quota d'espace est atteint)", "Libérez de la place puis relancez."),
    errno.EACCES: ("l'accès est refusé (fichier ouvert ailleurs, ou droits insuffisants sur le dossier)",
                   "Fermez le fichier dans Excel, Word ou LibreOffice, vérifiez vos droits, ou choisissez un "
                   "autre dossier."),
    errno.EPERM: ("l'accès est refusé (fichier ouvert ailleurs, ou droits insuffisants sur le dossier)",
                  "Fermez le fichier dans Excel, Word ou LibreOffice, vérifiez vos droits, ou choisissez un "
                  "autre dossier."),
    errno.EROFS: ("le dossier est en lecture seule", "Choisissez un dossier où vous pouvez écrire."),
    errno.ENAMETOOLONG: (f"le nom du fichier est trop long pour ce système (au plus {NAME_LIMIT} octets, et "
                         "nr_xl y ajoute parfois un suffixe : « (2) », une date de sauvegarde)",
                         "Raccourcissez le nom du fichier ou du dossier, puis relancez."),
    errno.ENOENT: ("le dossier n'existe pas", "Vérifiez le chemin, ou créez le dossier."),
    errno.ENOTDIR: ("une partie du chemin est un fichier, pas un dossier", "Vérifiez le chemin."),
    errno.EEXIST: ("une partie du chemin est un fichier, pas un dossier", "Vérifiez le chemin."),
    errno.EISDIR: ("ce chemin est un dossier", "Donnez un nom de fichier."),
}


def reason(exc: OSError) -> tuple[str, str]:
    """(why, what to do), in French, for ``exc``."""
    if exc.errno in _WORDS:
        return _WORDS[exc.errno]
    if exc.errno is None and exc.args:  # raised by nr_xl itself, already in French
        return str(exc.args[0]), "Vérifiez le disque et relancez."
    return ("le système a refusé l'écriture (erreur " + (str(exc.errno) if exc.errno else "inconnue") + ")",
            "Vérifiez le dossier (disque réseau déconnecté, antivirus) et relancez.")
