"""Four weekly audits of one store tell its story: the seller-fulfilled ODR drifts towards
1%, a children's product certificate expires, another is about to, and a too-long title
is fixed. The diff, the trend projection and the review must each tell it correctly."""

from __future__ import annotations

import json

from .conftest import STORE, WEEKLY, WEEKS, audit_week, history_args, run_cli


def test_history_list_shows_the_four_runs_in_date_order(weekly_history):
    history, reports = weekly_history
    code, output = run_cli("history", "list", *history_args(history), "--format", "json")
    assert code == 0
    runs = json.loads(output)
    assert [r["as_of"] for r in runs] == list(WEEKS)
    assert [r["run_id"] for r in runs] == [r["run"]["id"] for r in reports]
    assert [r["score"] for r in runs] == [r["summary"]["score"] for r in reports]
    assert {r["store"] for r in runs} == {STORE}


def test_first_run_has_nothing_to_compare_with(weekly_history):
    _, reports = weekly_history
    first = reports[0]["since_last"]
    assert first["before"] is None
    # Its findings are the report's own list; nothing is "new" against nothing.
    assert first["findings"] == {"new": [], "resolved": [], "persisting": 0, "changed": []}
    assert first["score"] == {
        "before": None,
        "after": reports[0]["summary"]["score"],
        "delta": None,
    }


def test_the_week_the_title_was_fixed_and_the_certificate_expired(weekly_history):
    history, _ = weekly_history
    code, output = run_cli(
        "diff", "2026-11-13", "2026-11-20", *history_args(history), "--format", "json"
    )
    assert code == 0
    change = json.loads(output)
    resolved = {(f["rule_id"], f["entity"].get("sku")) for f in change["findings"]["resolved"]}
    assert resolved == {("LST-001", "VX-EAR-02"), ("LST-002", "VX-EAR-02")}
    changed = {
        (f["rule_id"], f["outcome_before"], f["outcome"]) for f in change["findings"]["changed"]
    }
    assert ("CMP-019", "warn", "fail") in changed
    assert [d["identifier"] for d in change["documents"]["expired"]] == ["CPC-LS-2024-027"]
    assert change["findings"]["new"] == []


def test_latest_week_against_the_one_before(weekly_history):
    history, reports = weekly_history
    code, output = run_cli("diff", *history_args(history), "--format", "json")
    assert code == 0
    change = json.loads(output)
    assert change == reports[-1]["since_last"]  # the report's section is the same diff
    assert [f["rule_id"] for f in change["findings"]["new"]] == ["HLT-001"]
    assert change["findings"]["resolved"] == []
    odr = next(
        m for m in change["metrics"] if m["metric"] == "order_defect_rate" and m["channel"] == "mfn"
    )
    assert (round(odr["before"], 4), round(odr["after"], 4)) == (0.0074, 0.0086)
    assert (odr["change"], odr["limit"], odr["failing"]) == ("worse", 0.01, False)
    assert odr["unit"] == "rate"
    # HLT-005 holds two metrics with one limit: each gets it, and higher is better.
    on_time = {
        m["metric"]: m
        for m in change["metrics"]
        if m["metric"] in ("on_time_delivery_rate", "unit_on_time_delivery_rate")
    }
    assert {k: (m["limit"], m["change"]) for k, m in on_time.items()} == {
        "on_time_delivery_rate": (0.9, "worse"),  # 98.5% -> 98.4%
        "unit_on_time_delivery_rate": (0.9, "worse"),  # 97.2% -> 97.0%
    }
    ahr = next(m for m in change["metrics"] if m["metric"] == "account_health_rating")
    assert (ahr["before"], ahr["after"], ahr["unit"]) == (280, 260, "number")
    expiring = change["documents"]["expiring"]
    assert [(d["identifier"], d["days_left"]) for d in expiring] == [("CPC-LS-2024-033", 5)]
    assert change["documents"]["next_audit"] == "2026-12-04"
    assert change["score"]["before"] == reports[-2]["summary"]["score"]
    assert change["score"]["after"] == reports[-1]["summary"]["score"]


def test_diff_in_markdown_reads_as_the_story(weekly_history):
    history, _ = weekly_history
    code, output = run_cli("diff", *history_args(history))
    assert code == 0
    assert "1 new, 0 resolved, 5 persisting" in output
    assert "HLT-001" in output and "Expires in 5 days" in output
    assert (
        "Order defect rate · US · seller-fulfilled · 60 days | 0.74% | 0.86% | 1% | worse" in output
    )
    code, zh = run_cli("diff", *history_args(history), "--lang", "zh")
    assert "新增 1 个，已解决 0 个" in zh and "5 天后过期" in zh


def test_trend_projects_when_the_odr_crosses_one_percent(weekly_history, tmp_path):
    history, _ = weekly_history
    code, output = run_cli(
        "trend",
        "order_defect_rate",
        "--marketplace",
        "US",
        *history_args(history),
        "--format",
        "json",
    )
    assert code == 0
    series = {s["channel"]: s for s in json.loads(output)}
    mfn = series["mfn"]
    assert [p["as_of"] for p in mfn["points"]] == list(WEEKS)
    assert [round(p["value"], 4) for p in mfn["points"]] == [0.005, 0.0062, 0.0074, 0.0086]
    assert mfn["limit"]["value"] == 0.01 and mfn["limit"]["rule_id"] == "HLT-001"
    # +0.12 points a week; 0.14 to go from 0.86% is 8.2 days after Nov 27: Dec 6.
    assert mfn["projection"]["status"] == "crossing"
    assert mfn["projection"]["crosses_on"] == "2026-12-06"
    assert series["afn"]["projection"]["status"] == "away"

    code, text = run_cli("trend", "order_defect_rate", *history_args(history))
    assert "it reaches 1% on Dec 6, 2026" in text

    target = tmp_path / "odr.svg"
    code, _ = run_cli(
        "trend", "order_defect_rate", *history_args(history), "--format", "svg", "-o", str(target)
    )
    assert code == 0
    files = sorted(p.name for p in tmp_path.glob("odr-*.svg"))
    assert files == ["odr-US-afn.svg", "odr-US-mfn.svg"]
    assert (tmp_path / "odr-US-mfn.svg").read_text().startswith("<svg")


def test_trend_of_the_score_and_of_a_health_rating_heading_down(weekly_history):
    history, reports = weekly_history
    _, output = run_cli("trend", "score", *history_args(history), "--format", "json")
    (score,) = json.loads(output)
    assert [p["value"] for p in score["points"]] == [r["summary"]["score"] for r in reports]
    _, output = run_cli(
        "trend", "account_health_rating", *history_args(history), "--format", "json"
    )
    (ahr,) = json.loads(output)
    assert [p["value"] for p in ahr["points"]] == [320, 300, 280, 260]
    # -20 a week; 260 -> 200 takes 21 days (Dec 18), and it fails only below 200: Dec 19.
    assert ahr["projection"]["crosses_on"] == "2026-12-19"


def test_monthly_review_tells_what_got_worse_and_what_improved(weekly_history):
    history, _ = weekly_history
    code, output = run_cli(
        "review", "--period", "month", *history_args(history), "--format", "json"
    )
    assert code == 0
    review = json.loads(output)
    assert (review["from"], review["to"], review["runs"]) == ("2026-11-06", "2026-11-27", 4)
    worse = {(m["metric"], m.get("channel")) for m in review["worse"]["metrics"]}
    assert ("order_defect_rate", "mfn") in worse and ("account_health_rating", None) in worse
    assert [f["rule_id"] for f in review["worse"]["findings"]] == ["HLT-001"]
    assert {f["rule_id"] for f in review["improved"]["findings"]} == {"LST-001", "LST-002"}
    better = {m["metric"] for m in review["improved"]["metrics"]}
    assert "late_shipment_rate" in better
    # CMP-008 rests on DHS's own UFLPA page (official), so it is high again (issue 17).
    assert {f["rule_id"] for f in review["open_critical"]} == {"CMP-008", "CMP-009"}
    assert [d["identifier"] for d in review["documents"]["expired"]] == ["CPC-LS-2024-027"]
    assert [d["identifier"] for d in review["documents"]["expiring"]] == ["CPC-LS-2024-033"]
    assert review["worst_listings"][0]["sku"] in {"HN-BOT-750", "LS-BLOCKS-01"}


def test_weekly_review_compares_with_the_week_before(weekly_history):
    history, _ = weekly_history
    _, output = run_cli("review", *history_args(history), "--format", "json")
    review = json.loads(output)
    assert (review["from"], review["to"]) == ("2026-11-20", "2026-11-27")
    assert review["improved"]["findings"] == []
    _, text = run_cli("review", *history_args(history), "--lang", "zh")
    assert "# 每周业务复盘 · demo-us" in text and "2026年12月6日" in text


def test_rerunning_a_week_replaces_its_run_and_reports_the_same_bytes(weekly_history, tmp_path):
    history, reports = weekly_history
    again = audit_week(history, WEEKS[-1])
    assert json.dumps(again, sort_keys=True) == json.dumps(reports[-1], sort_keys=True)
    _, output = run_cli("history", "list", "--history", str(history), "--store", STORE)
    assert len(output.strip().splitlines()) == 4


def test_without_history_the_report_has_no_history_sections():
    code, output = run_cli("audit", str(WEEKLY / WEEKS[0]), "--as-of", WEEKS[0], "--format", "json")
    assert code == 1  # CMP-008 fails every week
    report = json.loads(output)
    assert "since_last" not in report and "trends" not in report


def test_no_history_flag_overrides_the_config(tmp_path):
    config = tmp_path / "auditor.yaml"
    config.write_text("history: seller.db\nstore: acme\n", encoding="utf-8")
    code, output = run_cli(
        "audit",
        str(WEEKLY / WEEKS[0]),
        "--as-of",
        WEEKS[0],
        "--config",
        str(config),
        "--format",
        "json",
    )
    assert code == 1
    assert "since_last" in json.loads(output)
    assert (tmp_path / "seller.db").exists()  # relative to the config file
    _, listed = run_cli("history", "list", "--config", str(config))
    assert listed.startswith("acme ")
    code, output = run_cli(
        "audit",
        str(WEEKLY / WEEKS[1]),
        "--as-of",
        WEEKS[1],
        "--config",
        str(config),
        "--no-history",
        "--format",
        "json",
    )
    assert code == 1
    assert "since_last" not in json.loads(output)
    _, listed = run_cli("history", "list", "--config", str(config))
    assert len(listed.strip().splitlines()) == 1


def test_a_plan_of_action_draft_does_not_record_a_run(tmp_path):
    """`poa draft` audits for evidence; with `history:` in auditor.yaml it still records nothing."""
    config = tmp_path / "auditor.yaml"
    config.write_text("history: seller.db\n", encoding="utf-8")
    code, output = run_cli(
        "poa",
        "draft",
        str(WEEKLY / WEEKS[-1]),
        "--violation",
        "order-defect-rate",
        "--as-of",
        WEEKS[-1],
        "--config",
        str(config),
    )
    assert code in (0, 1), output
    assert "Order Defect Rate" in output or "order defect rate" in output.lower()
    assert not (tmp_path / "seller.db").exists()
