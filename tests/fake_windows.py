"""Windows' registry as a dict, for the installer and doctor tests.

Everything else of ``installer.System`` runs for real on Linux: the Mark of the
Web is an alternate data stream « FICHIER:Zone.Identifier », which on a Linux
file system is simply a file of that name beside the workbook.
"""

from __future__ import annotations

from pathlib import Path

from nr_xl.release.installer import ZONE_STREAM, Registry

INTERNET_ZONE = "[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://exemple.fr/nr_xl.zip\r\n"


class DictRegistry(Registry):
    def __init__(self) -> None:
        self.keys: dict[str, dict[str, object]] = {}

    def subkeys(self, path: str) -> dict[str, dict[str, object]]:
        prefix = path + "\\"
        return {k[len(prefix):]: dict(v) for k, v in self.keys.items()
                if k.startswith(prefix) and "\\" not in k[len(prefix):]}

    def set_values(self, path: str, values: dict[str, object]) -> None:
        self.keys.setdefault(path, {}).update(values)


def mark_as_downloaded(path: Path) -> Path:
    """What a browser or Outlook leaves on a file it saved."""
    stream = Path(str(path) + ZONE_STREAM)
    stream.write_text(INTERNET_ZONE)
    return stream


class LockedRegistry(DictRegistry):
    """A registry whose Trusted Locations a policy of the DSI forbids to write."""

    def set_values(self, path: str, values: dict[str, object]) -> None:
        raise PermissionError(13, "Accès refusé", "HKCU\\" + path)
