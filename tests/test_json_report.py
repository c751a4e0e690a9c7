"""The JSON report's layout: indented for a reader, one record per line."""

from __future__ import annotations

import json

from nr_xl import api

from nr_xl.cli import json_report


def test_the_report_is_the_reports_data_with_one_record_per_line(example_master):
    report = api.check(example_master)
    text = json_report.dumps(report)
    assert json.loads(text) == json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    lines = text.splitlines()
    # Each finding and each figure record is one whole line, in the report's order.
    finding_lines = [json.loads(line.strip().rstrip(",")) for line in lines if line.startswith('    {"code"')]
    assert finding_lines == [f for f in report.to_dict()["findings"]] and len(finding_lines) == len(report.findings) > 0
    capacity = report.to_dict()["figures"]["capacity"]
    capacity_lines = [json.loads(line.strip().rstrip(",")) for line in lines if line.startswith('      {"service"')]
    assert capacity_lines == capacity and len(capacity) > 0
    # The rest is indented by key, two spaces per level; French stays readable.
    assert lines[0] == "{" and lines[-1] == "}" and lines[1].startswith('  "file": ')
    assert '    "Budget": ' in text and "é" in text and "\\u00e9" not in text


def test_empty_containers_and_plain_lists_stay_compact():
    assert json_report._pretty({"a": [], "b": {}, "c": [1, 2], "d": None}, "") == \
        '{\n  "a": [],\n  "b": {},\n  "c": [1, 2],\n  "d": null\n}'
    assert json_report._pretty({"x": [{"k": 1}, [2]]}, "") == '{\n  "x": [\n    {"k": 1},\n    [2]\n  ]\n}'


def test_records_whose_text_looks_like_a_record_boundary_stay_one_per_line():
    """The records of a list are encoded in one call and cut before each one: text
    that reads like the cut, nested records and uneven records must not move a line."""
    tricky = [{"code": 'a}, {"code": b', "n": 1}, {"code": "}, {", "more": [{"code": "x"}, {"code": "y"}]},
              {"code": "é\\\"}, {\"code\": ", "n": None}]
    text = json_report._pretty({"findings": tricky}, "")
    lines = text.splitlines()[2:-2]
    assert [json.loads(line.strip().rstrip(",")) for line in lines] == tricky
    assert json.loads(text) == {"findings": tricky}
    uneven = [{"code": "a"}, {"key": "b"}, [1]]
    assert json_report._pretty({"x": uneven}, "") == '{\n  "x": [\n    {"code": "a"},\n    {"key": "b"},\n    [1]\n  ]\n}'
