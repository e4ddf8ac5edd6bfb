"""`auditor history import`: seller performance reports saved before the tool was adopted
become runs at their own report dates, so trends start before the first audit."""

from __future__ import annotations

import json
import shutil

from .conftest import WEEKLY, WEEKS, audit_week, history_args, run_cli

REPORT = "account-health/GET_V2_SELLER_PERFORMANCE_REPORT.json"


def saved_reports(tmp_path):
    """The three earlier weeks' reports, as a seller saved them (names of their own)."""
    folder = tmp_path / "saved"
    folder.mkdir()
    for week in WEEKS[:3]:
        shutil.copy(WEEKLY / week / REPORT, folder / f"performance-{week}.json")
    return folder


def test_import_records_each_report_at_its_own_date(tmp_path):
    history = tmp_path / "h.db"
    code, output = run_cli(
        "history",
        "import",
        str(saved_reports(tmp_path)),
        *history_args(history),
    )
    assert code == 0, output
    # Each report's windows end the day before it was downloaded: that is its date.
    assert output.count("imported") == 3 and "as of 2026-11-05" in output
    _, listed = run_cli("history", "list", *history_args(history), "--format", "json")
    runs = json.loads(listed)
    assert [(r["as_of"], r["source"]) for r in runs] == [
        ("2026-11-05", "import"),
        ("2026-11-12", "import"),
        ("2026-11-19", "import"),
    ]

    # The first real audit continues the trend the imports began...
    report = audit_week(history, WEEKS[3])
    _, trend = run_cli(
        "trend",
        "order_defect_rate",
        *history_args(history),
        "--format",
        "json",
    )
    mfn = next(s for s in json.loads(trend) if s["channel"] == "mfn")
    assert [p["as_of"] for p in mfn["points"]] == [
        "2026-11-05",
        "2026-11-12",
        "2026-11-19",
        "2026-11-27",
    ]
    assert mfn["projection"]["status"] == "crossing"
    # An import scores account health alone: the overall score's trend starts at the audit.
    _, score = run_cli("trend", "score", *history_args(history), "--format", "json")
    assert [p["as_of"] for p in json.loads(score)[0]["points"]] == ["2026-11-27"]
    # ...and compares only what both runs looked at: the imports saw account health, not
    # listings, so the audit's listing and compliance findings are not "new".
    since = report["since_last"]
    assert since["compared_areas"] == ["health"]
    assert [f["rule_id"] for f in since["findings"]["new"]] == ["HLT-001"]


def test_import_refuses_a_file_that_is_not_a_seller_performance_report(tmp_path):
    code, output = run_cli(
        "history",
        "import",
        str(WEEKLY / WEEKS[0] / "documents.csv"),
        "--history",
        str(tmp_path / "h.db"),
    )
    assert code == 2
    assert "not a seller performance report" in output and "Traceback" not in output


def test_a_folder_import_skips_other_files_and_says_so(tmp_path):
    folder = saved_reports(tmp_path)
    shutil.copy(WEEKLY / WEEKS[0] / "documents.csv", folder / "documents.csv")
    code, output = run_cli("history", "import", str(folder), "--history", str(tmp_path / "h.db"))
    assert code == 0
    assert output.count("imported") == 3
    assert "skipped" in output and "documents.csv: not a seller performance report" in output
