"""A workbook opened from OneDrive or SharePoint: Excel gives its URL, not a path."""

from __future__ import annotations

import pytest

from nr_xl.sources import read_rows

from conftest import ROOT
from remote_book import ExcelLikeBook
from test_macros import COMMANDS, alerts

URLS = ("https://d.docs.live.net/4f2a9c/Documents/orvane.xlsm",
        "https://agglo-my.sharepoint.com/personal/lea_agglo_fr/Documents/NR/orvane.xlsm",
        "https://agglo.sharepoint.com/sites/NumeriqueResponsable/Documents%20partages/orvane.xlsm")


@pytest.fixture
def no_onedrive(tmp_path, monkeypatch):
    """A computer where nothing is synchronised: no OneDrive folder, no settings."""
    from xlwings.utils import fullname_url_to_local_path

    for name in ("OneDrive", "OneDriveConsumer", "OneDriveCommercial"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("xlwings.utils.read_user_config", lambda: {})
    (tmp_path / "Documents").mkdir()
    fullname_url_to_local_path.cache_clear()
    yield tmp_path
    fullname_url_to_local_path.cache_clear()


def xlwings_settings() -> dict[str, str]:
    rows = read_rows(ROOT / "workbook_template.xlsm", ["xlwings.conf"]).sheets["xlwings.conf"]
    settings = {}
    for row in rows:
        if not row or row[0] in (None, ""):
            break  # xlwings reads column A down to the first empty cell
        settings[str(row[0]).upper()] = str(row[1])
    return settings


def runpython_sys_path_argument(settings: dict[str, str], url: str) -> str:
    """The string xlwings.bas's RunPython builds and hands to xlwings.utils.prepare_sys_path."""
    add = settings.get("ADD_WORKBOOK_TO_PYTHONPATH", "true")
    return ";".join([add, url, url, settings.get("ONEDRIVE_CONSUMER_WIN", ""),
                     settings.get("ONEDRIVE_COMMERCIAL_WIN", ""), settings.get("SHAREPOINT_WIN", ""),
                     settings.get("PYTHONPATH", "")])


@pytest.mark.parametrize("url", URLS)
def test_runpython_reaches_nr_xl_for_a_workbook_known_only_by_its_url(url, no_onedrive, monkeypatch):
    import sys

    import xlwings
    from xlwings.utils import prepare_sys_path

    settings = xlwings_settings()
    assert settings["ADD_WORKBOOK_TO_PYTHONPATH"] == "False"
    monkeypatch.setattr(sys, "path", list(sys.path))
    before = list(sys.path)
    prepare_sys_path(runpython_sys_path_argument(settings, url))
    assert sys.path == before or sys.path[1:] == before  # nothing but the (empty) PYTHONPATH setting
    # xlwings' default stops there, before nr_xl runs (for SharePoint, xlwings
    # 0.37.8 even fails on an UnboundLocalError of its own).
    with pytest.raises((xlwings.XlwingsError, UnboundLocalError)):
        prepare_sys_path(runpython_sys_path_argument({**settings, "ADD_WORKBOOK_TO_PYTHONPATH": "true"}, url))


def test_buttons_work_on_a_workbook_known_only_by_its_url(example_path, no_onedrive):
    book = ExcelLikeBook.from_file(example_path, fullname=URLS[0])
    with pytest.raises(Exception, match="Couldn't find your local OneDrive file"):
        book.remote().fullname  # what xlwings' Windows engine does with that URL
    (message,) = alerts(book.click(COMMANDS["NR_Verifier"]))
    assert "Faisabilité" in message[0]
    (message,) = alerts(book.click(COMMANDS["NR_CompteRendu"]))
    (written,) = list((no_onedrive / "Documents").glob("compte_rendu_*.docx"))
    assert message[3] == "info" and str(written) in message[0]
