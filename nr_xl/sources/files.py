"""What kind of file is this? Refuse early, and in French, what cannot be read.

Runs before any XML is parsed: the checks here look at magic bytes and at the zip
directory, so a hostile file is refused before it is inflated; only then is every part
read once, its checksum checked (a copy that went wrong is said here, not by a library
deep in a reader or a write).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import IO

from nr_xl.core.errors import WorkbookUnreadable

# Limits that keep time and memory bounded (stated in the README and SECURITY.md).
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_ENTRY_RATIO = 200  # real sheets compress 5-50x; bombs compress 1000x and more
RATIO_CHECK_MIN_BYTES = 10 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SAVE_AS = "Ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel prenant en charge les macros (.xlsm) »."


def preflight(path: Path, data: bytes | None = None) -> None:
    """Refuse what cannot be read: the file at ``path``, or ``data``, its bytes already read."""
    name = path.name
    if not path.exists():
        raise WorkbookUnreadable(
            f"Le fichier « {path} » est introuvable. Vérifiez le chemin et le nom du classeur."
        )
    if path.is_dir():
        raise WorkbookUnreadable(f"« {path} » est un dossier, pas un classeur. Indiquez un fichier .xlsm.")
    size = path.stat().st_size if data is None else len(data)
    if size == 0:
        raise WorkbookUnreadable(f"Le fichier « {name} » est vide (0 octet). Repartez d'une sauvegarde ou du modèle (nr-xl template).")
    if size > MAX_FILE_BYTES:
        raise WorkbookUnreadable(
            f"Le fichier « {name} » pèse {size / 1024 / 1024:.0f} Mo, au-delà de la limite de "
            f"{MAX_FILE_BYTES // 1024 // 1024} Mo. Une feuille de route tient en quelques Mo : "
            "supprimez les images ou les feuilles étrangères au classeur."
        )
    if data is None:
        with path.open("rb") as fh:
            head = fh.read(8)
    else:
        head = data[:8]
    if head.startswith(OLE_MAGIC):
        if _is_encrypted_ole(path.read_bytes() if data is None else data):
            raise WorkbookUnreadable(
                f"Le classeur « {name} » est protégé par un mot de passe à l'ouverture : nr_xl ne peut pas le lire. "
                "Retirez le mot de passe (Fichier > Informations > Protéger le classeur) ou travaillez sur une copie non chiffrée."
            )
        raise WorkbookUnreadable(
            f"« {name} » est un classeur Excel 97-2003 (.xls), format que nr_xl ne lit pas. {SAVE_AS}"
        )
    if not head.startswith(ZIP_MAGIC):
        raise WorkbookUnreadable(
            f"« {name} » n'est pas un classeur Excel (ce n'est pas une archive .xlsx/.xlsm : "
            f"peut-être un CSV ou un texte renommé). {SAVE_AS}"
        )
    _check_zip(path if data is None else io.BytesIO(data), name)


def _is_encrypted_ole(data: bytes) -> bool:
    try:
        import olefile  # shipped with oletools; optional at runtime

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return bool(ole.exists("EncryptionInfo"))
    except ImportError:
        return b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data
    except Exception:
        return False


def _check_zip(package: Path | IO[bytes], name: str) -> None:
    try:
        with zipfile.ZipFile(package) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "mimetype" in names and zf.read("mimetype").startswith(b"application/vnd.oasis"):
                raise WorkbookUnreadable(
                    f"« {name} » est un classeur OpenDocument (.ods). {SAVE_AS}"
                )
            if "xl/workbook.bin" in names:
                raise WorkbookUnreadable(
                    f"« {name} » est un classeur binaire Excel (.xlsb), format que nr_xl ne lit pas. {SAVE_AS}"
                )
            if "xl/workbook.xml" not in names:
                raise WorkbookUnreadable(
                    f"« {name} » est une archive zip mais pas un classeur Excel (pas de xl/workbook.xml). {SAVE_AS}"
                )
            total = 0
            for info in infos:
                total += info.file_size
                if (
                    info.file_size > RATIO_CHECK_MIN_BYTES
                    and info.file_size > MAX_ENTRY_RATIO * max(info.compress_size, 1)
                ):
                    raise WorkbookUnreadable(
                        f"« {name} » est refusé : la partie « {info.filename} » se décompresse en "
                        f"{info.file_size / 1024 / 1024:.0f} Mo à partir de {info.compress_size / 1024:.0f} Ko "
                        "(taux anormal, fichier piégé ou corrompu). Repartez d'une copie saine du classeur."
                    )
            if total > MAX_UNCOMPRESSED_BYTES:
                raise WorkbookUnreadable(
                    f"« {name} » est refusé : son contenu décompressé dépasserait "
                    f"{MAX_UNCOMPRESSED_BYTES // 1024 // 1024} Mo. Repartez d'une copie saine du classeur."
                )
            damaged = _damaged_part(zf)
            if damaged is not None:
                raise WorkbookUnreadable(
                    f"« {name} » est endommagé : la partie « {damaged} » ne se relit plus (copie ou "
                    "téléchargement interrompu, disque défaillant). Repartez d'une sauvegarde « .bak » datée "
                    "laissée par nr_xl ou d'une version antérieure (historique de OneDrive ou SharePoint) ; "
                    "gardez le fichier abîmé."
                )
    except zipfile.BadZipFile as exc:
        raise WorkbookUnreadable(
            f"« {name} » est endommagé (archive tronquée ou corrompue). "
            "Repartez d'une sauvegarde « .bak » datée laissée par nr_xl ou d'une version antérieure."
        ) from exc


def _damaged_part(zf: zipfile.ZipFile) -> str | None:
    """The first part whose data no longer matches its checksum or cannot be inflated, or None."""
    for info in zf.infolist():
        try:
            with zf.open(info) as part:
                while part.read(1 << 20):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
            # RuntimeError: an encrypted part; NotImplementedError: a compression Excel never writes
            return info.filename
    return None


def unreadable_message(path: Path, exc: BaseException) -> str:
    """Why the reader stopped, in French: a reader's own words (English, and about its
    internals) never reach the user; ``nr-xl --debug`` shows them."""
    return (
        f"Le classeur « {path.name} » n'a pas pu être lu : {_why(path, exc)}. "
        "Ouvrez-le dans Excel ou LibreOffice pour vérifier qu'il n'est pas endommagé, "
        "enregistrez-le au format .xlsm, puis relancez."
    )


def _why(path: Path, exc: BaseException) -> str:
    from lxml import etree

    kind, text = type(exc).__name__, str(exc).lower()
    if isinstance(exc, (zipfile.BadZipFile, zlib.error)) or kind == "ZipError" or "checksum" in text or "crc" in text:
        part = _damaged_part_of(path)
        return (f"la partie « {part} » de l'archive est endommagée (somme de contrôle fausse)" if part
                else "l'archive est endommagée")
    if isinstance(exc, etree.XMLSyntaxError) or kind == "XmlError" or "xml" in text:
        return "une de ses parties XML est mal formée"
    if kind == "PasswordError":
        return "il est protégé par un mot de passe"
    if isinstance(exc, MemoryError):
        return "il demande plus de mémoire que cet ordinateur n'en a"
    if kind == "PanicException":
        return "le lecteur s'est arrêté sur une valeur qu'il ne sait pas convertir"
    if isinstance(exc, KeyError):
        return "une partie dont le classeur a besoin manque"
    return "son contenu ne suit pas le format des classeurs Excel"


def _damaged_part_of(path: Path) -> str | None:
    """The first part whose checksum fails (read only once a read has failed: it inflates everything)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.testzip()
    except (zipfile.BadZipFile, OSError, zlib.error, EOFError):
        return None
    except Exception:  # a part that fails otherwise: no name to give
        return None
