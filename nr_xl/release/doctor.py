"""nr-xl doctor: what a user needs to know when a ribbon button does nothing."""

from __future__ import annotations

import platform
import re
import shutil
import struct
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nr_xl.release.installer import System


@dataclass(frozen=True)
class Line:
    label: str
    value: str
    ok: bool = True


@dataclass
class Diagnosis:
    lines: list[Line] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(line.ok for line in self.lines)

    def text(self) -> str:
        out = [f"{'OK ' if line.ok else '!! '} {line.label} : {line.value}" for line in self.lines]
        if self.advice:
            out += ["", "À faire :"] + [f"- {a}" for a in self.advice]
        elif not self.ok:  # a problem line always comes with its advice; never « en ordre » after one
            out += ["", "À revoir : les lignes marquées « !! » ci-dessus."]
        else:
            out += ["", "Tout est en ordre."]
        return "\n".join(out)


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def workbook_xlwings_version(path: Path) -> str | None:
    """The XLWINGS_VERSION constant of the xlwings VBA module embedded in the workbook."""
    from pyopenvba import ExcelFile

    with ExcelFile(path) as book:
        if not book.has_vba_project():
            return None
        source = book.vba_modules().get("xlwings")
    if source is None:
        return None
    m = re.search(r'XLWINGS_VERSION As String = "([^"]+)"', source)
    return m.group(1) if m else None


def diagnose(workbook: Path | None, system: System | None = None) -> Diagnosis:
    """``system`` stands for Windows' registry and file streams (tests pass their own);
    on Windows the real one is used."""
    d = Diagnosis()
    d.lines.append(Line("Python", f"{platform.python_version()} ({sys.executable})",
                        sys.version_info >= (3, 11)))
    if sys.version_info < (3, 11):  # noqa: UP036 (advice for whoever runs it on an older Python)
        d.advice.append("Installez Python 3.11 ou plus récent (https://www.python.org/downloads/), puis relancez "
                        "l'installateur du paquet de diffusion (installer.cmd).")
    from nr_xl import __version__

    d.lines.append(Line("nr_xl", _version("nr_xl") or f"{__version__} (exécuté depuis les sources)"))
    xlwings = _version("xlwings")
    d.lines.append(Line("xlwings (Python)", xlwings or "absent", xlwings is not None))
    if xlwings is None:
        d.advice.append("Installez xlwings : relancez l'installateur (installer.cmd), qui installe la bonne version.")
    for package in ("openpyxl", "python-calamine", "docxtpl", "matplotlib", "Babel"):
        version = _version(package)
        d.lines.append(Line(package, version or "absent", version is not None))
        if version is None:
            d.advice.append(f"Réinstallez nr_xl pour retrouver {package} : supprimez le dossier nr_xl de vos données "
                            "d'application locales, puis relancez l'installateur.")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    d.lines.append(Line("LibreOffice (PDF)", office or "absent (les PDF ne pourront pas être produits)"))
    system_name = platform.system()
    d.lines.append(Line("Système", f"{system_name} {platform.release()}"))
    if system_name not in ("Windows", "Darwin") and system is None:
        d.lines.append(Line("Ruban Excel", "indisponible sur ce système : utilisez nr-xl en ligne de commande"))
    if system_name == "Windows":
        udf_support(d, platform.machine(), struct.calcsize("P") * 8,
                    [Path(sys.prefix), Path(sys.executable).parent], xlwings)
    if workbook is not None:
        _workbook(d, workbook, xlwings)
        if system is None and system_name == "Windows":
            from nr_xl.release.installer import System as WindowsSystem

            system = WindowsSystem()
        if system is not None and system.name == "windows" and workbook.exists():
            _office_security(d, workbook.resolve(), system)
    return d


UDF_LABEL = "Fonctions de feuille NR_…"
UDF_IMPORT = ("cochez Fichier > Options > Centre de gestion de la confidentialité > Paramètres des macros > "
              "« Accès approuvé au modèle d'objet du projet VBA », puis Alt+F8 > ImportPythonUDFs > Exécuter")


def udf_support(d: Diagnosis, machine: str, bits: int, folders: list[Path], xlwings: str | None) -> None:
    """Windows: can the worksheet functions load? The buttons work without them.

    The functions go through xlwings' DLL (xlwings64-<version>.dll), which its
    wheel ships only for 64-bit x86 Python; on 32-bit or ARM64 Python it is absent.
    """
    if machine.upper() in ("ARM64", "AARCH64") or bits != 64:
        kind = "ARM64" if machine.upper() in ("ARM64", "AARCH64") else f"{bits} bits"
        d.lines.append(Line(UDF_LABEL, f"indisponibles avec ce Python ({kind}) ; les boutons fonctionnent"))
        d.advice.append("Pour les fonctions NR_… : installez Python 64 bits pour processeur x64 (python.org, "
                        "« Windows installer (64-bit) »), puis pip install nr_xl.")
        return
    dll = f"xlwings64-{xlwings}.dll"
    if xlwings is None or not any((folder / dll).is_file() for folder in folders):
        d.lines.append(Line(UDF_LABEL, f"{dll} introuvable à côté de Python", False))
        d.advice.append(f"Réinstallez xlwings pour retrouver {dll} : pip install --force-reinstall xlwings=={xlwings}.")
        return
    d.lines.append(Line(UDF_LABEL, f"disponibles : pour les importer, {UDF_IMPORT}"))


def _office_security(d: Diagnosis, workbook: Path, system: System) -> None:
    """Excel refuses macros from a file carrying the Mark of the Web unless its
    folder is a Trusted Location: say which, and the fix."""
    from nr_xl.release.installer import trusted_key

    marked = system.has_mark_of_the_web(workbook)
    d.lines.append(Line("Marque « fichier venu d'Internet »",
                        "présente : Excel bloque les macros de ce classeur" if marked else "absente", not marked))
    key = trusted_key(system, workbook.parent)
    d.lines.append(Line("Emplacement approuvé", f"oui ({workbook.parent})" if key
                        else f"non ({workbook.parent})"))
    if marked and key is None:
        d.advice.append(f"Débloquez le classeur : clic droit sur « {workbook.name} » > Propriétés > cocher "
                        "« Débloquer » > OK (ou, dans PowerShell : Unblock-File \"" + str(workbook) + "\"), "
                        "puis rouvrez-le. Ou relancez l'installateur avec --emplacement-approuve.")
    elif key is None:
        d.advice.append("Si Excel affiche « Activer le contenu » à chaque ouverture : relancez l'installateur "
                        "avec --emplacement-approuve, ou Fichier > Options > Centre de gestion de la "
                        "confidentialité > Emplacements approuvés > Ajouter un emplacement.")


def _workbook(d: Diagnosis, workbook: Path, xlwings: str | None) -> None:
    import zipfile

    from nr_xl.core.errors import NrXlError, WorkbookUnreadable
    from nr_xl.sources.files import preflight

    try:
        preflight(workbook)
    except WorkbookUnreadable as exc:
        d.lines.append(Line("Classeur", exc.message, False))
        return
    form = _foreign_form(workbook)
    if form is not None:
        d.lines.append(Line("Classeur", form, False))
        d.advice.append(f"Ouvrez « {workbook.name} » dans Excel, puis Fichier > Enregistrer sous > « Classeur Excel "
                        "(prenant en charge les macros) (*.xlsm) » ; nr_xl lit la copie ainsi enregistrée.")
        return
    with zipfile.ZipFile(workbook) as zf:
        names = set(zf.namelist())
        rels = zf.read("_rels/.rels").decode("utf-8", "replace") if "_rels/.rels" in names else ""
        core = zf.read("docProps/core.xml").decode("utf-8", "replace") if "docProps/core.xml" in names else ""
    built_with = re.search(r"<cp:version>([^<]+)</cp:version>", core)
    d.lines.append(Line("Modèle du classeur", f"nr_xl {built_with.group(1)}" if built_with
                        else "version inconnue (modèle antérieur à 0.2.0)"))
    _ribbon(d, names, rels)
    _resave(d, workbook)
    try:
        vba = workbook_xlwings_version(workbook) if "xl/vbaProject.bin" in names else None
    except Exception:  # a damaged or emptied VBA project: a diagnosis, not a crash
        d.lines.append(Line("xlwings (VBA du classeur)", "projet VBA illisible (endommagé ou vide)", False))
        d.advice.append("Le projet VBA du classeur est abîmé : repartez de workbook_template.xlsm "
                        "(nr-xl template) et recopiez vos tableaux ; la ligne de commande marche sans lui.")
        vba = ""
    same = bool(vba) and vba == xlwings
    if vba == "":
        pass
    elif vba is None:
        d.lines.append(Line("xlwings (VBA du classeur)", "absent", False))
        d.advice.append("Le classeur n'a pas de module VBA xlwings : enregistrez-le en .xlsm depuis le modèle.")
    elif not same:
        d.lines.append(Line("xlwings (VBA du classeur)", vba, False))
        d.advice.append(f"Le VBA du classeur (xlwings {vba}) et Python (xlwings {xlwings}) diffèrent : "
                        f"installez la même version (pip install xlwings=={vba}) ou régénérez le modèle "
                        "avec nr-xl template.")
    else:
        d.lines.append(Line("xlwings (VBA du classeur)", vba))
    from nr_xl.jobs.configure import active_settings, read_conf

    try:
        settings = active_settings(read_conf(workbook))
    except NrXlError as exc:  # a package Excel itself would have to repair
        d.lines.append(Line("Feuille xlwings.conf", "illisible", False))
        d.advice.append(exc.message)
        return
    shown = ", ".join(f"{k} = {_short(v) or '(vide)'}" for k, v in settings.items()) or "aucun réglage"
    d.lines.append(Line("Feuille xlwings.conf", shown))
    upper = {k.upper(): v for k, v in settings.items()}
    if upper.get("ADD_WORKBOOK_TO_PYTHONPATH", "true").strip().lower() != "false":
        d.lines.append(Line("ADD_WORKBOOK_TO_PYTHONPATH", upper.get("ADD_WORKBOOK_TO_PYTHONPATH") or "absent", False))
        d.advice.append("Ajoutez dans xlwings.conf la clé ADD_WORKBOOK_TO_PYTHONPATH avec la valeur False (colonne A "
                        "et B, sous « UDF Modules ») : sinon un classeur ouvert depuis OneDrive ou SharePoint "
                        "bloque les boutons (« Couldn't find your local OneDrive file »).")
    for key in ("Interpreter_Win", "Interpreter_Mac"):
        value = settings.get(key)
        if value and not _exists(value):
            d.lines.append(Line(key, f"{_short(value)} introuvable sur cette machine", False))
            d.advice.append(f"Corrigez {key} : nr-xl configure \"{workbook}\" --interpreter CHEMIN_DE_PYTHON "
                            "(ou à la main dans la feuille xlwings.conf).")


STRICT_NAMESPACE = "http://purl.oclc.org/ooxml/"
CONTENT_TYPES = "[Content_Types].xml"


def _foreign_form(workbook: Path) -> str | None:
    """What makes a readable package one other programs may not take as Excel wrote it, or None:
    « Open XML strict » (another namespace for every part, which nr_xl does not support), or the
    parts' table of contents under another case (written by a tool that lower-cases names)."""
    import zipfile

    with zipfile.ZipFile(workbook) as zf:
        names = zf.namelist()
        if CONTENT_TYPES not in names:
            other = next((n for n in names if n.lower() == CONTENT_TYPES.lower()), None)
            if other is None:
                return f"la table des parties « {CONTENT_TYPES} » manque : ce n'est pas un classeur enregistré par Excel"
            return (f"la table des parties s'appelle « {other} » au lieu de « {CONTENT_TYPES} » (fichier écrit "
                    "par un autre programme) : des logiciels et des commandes peuvent le refuser")
        head = zf.read("xl/workbook.xml")[:2048] if "xl/workbook.xml" in names else b""
    if STRICT_NAMESPACE.encode() in head:
        return "enregistré au format « Classeur Open XML strict », que nr_xl ne prend pas en charge"
    return None


REPAIR_HINT = ("lancez nr-xl doctor --reparer \"CLASSEUR\" (ou toute commande qui écrit, comme nr-xl check "
               "--write) : nr_xl remet ce qui manque d'après le modèle, sans toucher à vos données, et garde une copie .bak.")


def _resave(d: Diagnosis, workbook: Path) -> None:
    """What a re-save by another program (LibreOffice) broke in nr_xl's parts: the reference
    sheet's « very hidden » state, a VBA class module, xlwings Lite's code."""
    import zipfile

    try:  # lxml and the rest imported here: doctor answers even when one of them is broken
        from nr_xl.core import schema
        from nr_xl.workbook import lite, repair

        with zipfile.ZipFile(workbook) as zf:
            parts = {name: zf.read(name) for name in zf.namelist()
                     if name in (repair.WORKBOOK_PART, repair.VBA_PART, repair.APP_PART, "_rels/.rels")
                     or name in lite.PARTS or name.startswith("customUI/")}
        found = {damage.key: damage for damage in repair.damages(parts) if damage.key != "ribbon"}  # _ribbon says it
    except Exception as exc:  # a package too damaged to tell: a diagnosis, not a crash
        d.lines.append(Line("Parties de nr_xl (référence, VBA, xlwings Lite)", f"illisibles ({type(exc).__name__})",
                            False))
        d.advice.append("Le classeur est abîmé : repartez de workbook_template.xlsm (nr-xl template) et recopiez "
                        "vos tableaux ; gardez l'original.")
        return
    hint = REPAIR_HINT.replace("CLASSEUR", str(workbook))
    to_repair: list[str] = []
    state = repair.reference_state(parts)
    if "reference" in found:
        d.lines.append(Line(found["reference"].label, found["reference"].detail, False))
        to_repair.append("la feuille de référence")
    elif state is not None:
        d.lines.append(Line(f"Feuille de référence « {schema.REFERENCE_SHEET.name} »", "très masquée"))
    modules = [damage for key, damage in found.items() if key.startswith("vba:")]
    for damage in modules:
        d.lines.append(Line(damage.label, damage.detail, False))
        if damage.repairable:
            to_repair.append(f"le module VBA {damage.key.split(':', 1)[1]}")
        else:
            d.advice.append(f"{damage.label} (le vôtre) a été réécrit par LibreOffice : dans Excel, Alt+F11, "
                            "ouvrez ce module, retirez la ligne « Option ClassModule » et vérifiez qu'il compile "
                            "(Débogage > Compiler).")
    if not modules and repair.VBA_PART in parts:
        d.lines.append(Line("Modules VBA", "aucun réécrit par un autre tableur"))
    if "lite" in found:
        d.lines.append(Line(found["lite"].label, found["lite"].detail, False))
        to_repair.append("le code xlwings Lite")
    elif lite.state(parts) == "present":
        d.lines.append(Line("Code xlwings Lite", "présent (main.py, requirements.txt)"))
    else:
        d.lines.append(Line("Code xlwings Lite", "absent (classeur d'un modèle antérieur : xlwings Lite demande "
                                                 "alors de coller lite/main.py)"))
    if to_repair:
        d.advice.append(f"Le classeur a été réenregistré par un autre tableur (LibreOffice) : {', '.join(to_repair)} "
                        f"{'sont' if len(to_repair) > 1 else 'est'} à remettre ; {hint}")


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _exists(path: str) -> bool:
    try:
        return Path(path).exists()
    except (OSError, ValueError):  # a path too long, or with a NUL: not a path to anything
        return False


def _ribbon(d: Diagnosis, names: set[str], rels: str) -> None:
    """The ribbon needs its part and the package relationship pointing at it: LibreOffice
    keeps the part but drops the relationship, and Excel then shows no tab."""
    part = "customUI/customUI14.xml" in names
    wired = part and "ui/extensibility" in rels and "customUI/customUI14.xml" in rels
    label = "Ruban « Numérique responsable »"
    if wired:
        d.lines.append(Line(label, "présent"))
        return
    if part:
        d.lines.append(Line(label, "présent dans le fichier mais plus relié au classeur : Excel ne l'affiche pas", False))
        d.advice.append("Le ruban n'est plus relié (classeur réenregistré par LibreOffice ou un autre programme) : "
                        f"{REPAIR_HINT}")
        return
    d.lines.append(Line(label, "absent", False))
    d.advice.append("Le ruban a disparu (classeur réenregistré par un autre programme) : repartez de "
                    "workbook_template.xlsm et recopiez vos tableaux, ou utilisez nr-xl en ligne de commande.")
