"""`auditor fleet`: stores audited on Dask give what `auditor audit` gives each alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import TypeAdapter

from auditor.cli import main
from auditor.model.portfolio import Portfolio
from tests.fleet.conftest import make_store, write_fleet

#: The module's tests share one xdist worker, and so the one Dask cluster they start.
pytestmark = pytest.mark.xdist_group("dask")

AS_OF = ["--as-of", "2026-12-07"]
SEVERITIES = ["info", "low", "medium", "high", "critical"]
STORES = {name: [f"data/{name}"] for name in ("acme-us", "bolt-us", "cedar-us")}


def fleet(*args: str) -> Any:
    return CliRunner().invoke(main, ["fleet", *args, *AS_OF], catch_exceptions=False)


def alone(folder: Path, tmp_path: Path) -> dict[str, Any]:
    """The store audited by `auditor audit`, as its own JSON report."""
    out = tmp_path / f"{folder.name}-alone.json"
    CliRunner().invoke(
        main,
        ["audit", str(folder), *AS_OF, "--marketplace", "US", "--format", "json", "-o", str(out)],
    )
    return json.loads(out.read_text(encoding="utf-8"))


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """What a store's audit found: its findings and scores (its run id names its config)."""
    return {"findings": report["findings"], "summary": report["summary"], "rules": report["rules"]}


def test_on_a_local_cluster_and_on_an_existing_one_each_store_is_audited_as_audit_does(
    fleet_dir: Path, scheduler: str
) -> None:
    fleet_file = write_fleet(fleet_dir, STORES)
    local, remote = fleet_dir / "local", fleet_dir / "remote"

    first = fleet(str(fleet_file), "--workers", "2", "-o", str(local), "--format", "json")
    second = fleet(str(fleet_file), "--scheduler", scheduler, "-o", str(remote), "--format", "json")

    assert first.exit_code == second.exit_code == 1, first.output  # a high finding gates
    portfolio = json.loads((local / "portfolio.json").read_text(encoding="utf-8"))
    TypeAdapter(Portfolio).validate_python(portfolio)
    assert portfolio["run"]["scheduler"] == "local" and portfolio["run"]["workers"] == 2
    assert [s["name"] for s in portfolio["stores"]] == list(STORES)
    for entry in portfolio["stores"]:
        name = entry["name"]
        report = json.loads((local / entry["reports"]["json"]).read_text(encoding="utf-8"))
        assert entry["reports"] == {"json": f"stores/{name}/report.json"}
        assert comparable(report) == comparable(alone(fleet_dir / "data" / name, fleet_dir))
        assert entry["score"] == report["summary"]["score"]
        assert entry["status"] == "audited" and entry["error"] is None
        fails = [f for f in report["findings"] if f["outcome"] == "fail"]
        assert sum(entry["fails"].values()) == len(fails)
        worst = max(fails, key=lambda f: SEVERITIES.index(f["severity"]))
        assert entry["top_findings"][0]["severity"] == worst["severity"]
    assert len({s["score"] for s in portfolio["stores"]}) == 3  # each store's titles differ
    assert "[3/3]" in first.stderr and "3 stores on local (2 workers)" in first.stderr
    # On the operator's cluster: the same stores, byte for byte.
    theirs = json.loads((remote / "portfolio.json").read_bytes())
    assert theirs["run"]["scheduler"] == scheduler and theirs["run"]["workers"] == 2
    assert theirs["stores"] == portfolio["stores"] and theirs["summary"] == portfolio["summary"]
    for name in STORES:
        path = Path("stores") / name / "report.json"
        assert (local / path).read_bytes() == (remote / path).read_bytes()


def test_a_broken_store_is_reported_and_the_rest_complete(fleet_dir: Path, scheduler: str) -> None:
    junk = fleet_dir / "data" / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("not a report\n", encoding="utf-8")
    stores = {**STORES, "gone": ["data/nowhere"], "junk": ["data/junk"]}
    out = fleet_dir / "out"

    result = fleet(str(write_fleet(fleet_dir, stores)), "--scheduler", scheduler, "-o", str(out))

    assert result.exit_code == 3, result.output
    portfolio = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    by_name = {s["name"]: s for s in portfolio["stores"]}
    assert by_name["gone"]["status"] == "failed"
    assert by_name["gone"]["error"] == "no such file or folder: data/nowhere"
    assert by_name["junk"]["status"] == "failed"
    assert "no input could be read" in by_name["junk"]["error"]
    assert by_name["junk"]["reports"] == {} and not (out / "stores" / "junk").exists()
    assert all(by_name[n]["status"] == "audited" for n in STORES)
    assert portfolio["summary"] | {"fails": None} == {
        "stores": 5, "audited": 3, "partial": 0, "failed": 2, "gated": 3, "exit_code": 3, "fails": None,
    }  # fmt: skip
    assert "gone: FAILED: no such file or folder: data/nowhere" in result.stderr
    # By default each store's report in JSON and HTML, and the portfolio's page links to them
    assert sorted(p.name for p in (out / "stores" / "acme-us").iterdir()) == [
        "report.html",
        "report.json",
    ]
    page = (out / "portfolio.html").read_text(encoding="utf-8")
    assert 'href="stores/acme-us/report.html"' in page and "data/nowhere" in page


def test_the_history_records_every_store_and_the_next_run_compares_with_it(
    fleet_dir: Path, scheduler: str
) -> None:
    fleet_file = write_fleet(fleet_dir, STORES)
    history = fleet_dir / "history.db"
    on_cluster = ["--scheduler", scheduler, "--history", str(history), "--format", "json"]
    fleet(str(fleet_file), *on_cluster, "-o", str(fleet_dir / "w1"))
    make_store(fleet_dir / "data" / "dune-us", overlong_titles=3)
    grown = write_fleet(fleet_dir, {**STORES, "dune-us": ["data/dune-us"]})

    result = CliRunner().invoke(
        main,
        ["fleet", str(grown), *on_cluster, "-o", str(fleet_dir / "w2"), "--as-of", "2026-12-14"],
    )

    assert result.exit_code == 1, result.output
    listed = CliRunner().invoke(
        main, ["history", "list", "--history", str(history), "--all-stores", "--format", "json"]
    )
    runs = json.loads(listed.output)
    assert sorted((r["store"], r["as_of"]) for r in runs) == [
        ("acme-us", "2026-12-07"), ("acme-us", "2026-12-14"), ("bolt-us", "2026-12-07"),
        ("bolt-us", "2026-12-14"), ("cedar-us", "2026-12-07"), ("cedar-us", "2026-12-14"),
        ("dune-us", "2026-12-14"),
    ]  # fmt: skip
    acme = json.loads((fleet_dir / "w2" / "stores" / "acme-us" / "report.json").read_bytes())
    assert acme["since_last"]["before"]["as_of"] == "2026-12-07"
    dune = json.loads((fleet_dir / "w2" / "stores" / "dune-us" / "report.json").read_bytes())
    assert dune["since_last"]["before"] is None  # a new store's first run


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "stores:\n  - name: a\n    inputs: [x]\n  - name: a\n    inputs: [y]\n",
            "store names must be unique: a",
        ),
        ("stores:\n  - name: a b\n    inputs: [x]\n", "FLEET.yaml:2"),
        ("stores:\n  - name: a\n", "neither `inputs:` nor `fetch:`"),
    ],
)
def test_a_bad_fleet_file_is_a_usage_error_naming_the_line(
    tmp_path: Path, text: str, says: str
) -> None:
    fleet_file = tmp_path / "FLEET.yaml"
    fleet_file.write_text(text, encoding="utf-8")

    result = fleet(str(fleet_file), "-o", str(tmp_path / "out"))

    assert result.exit_code == 2 and says in result.stderr, result.output
    assert not (tmp_path / "out").exists()


def test_workers_and_a_scheduler_together_are_a_usage_error(fleet_dir: Path) -> None:
    result = fleet(
        str(write_fleet(fleet_dir, STORES)), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"
    )
    assert result.exit_code == 2 and "--workers sizes a local cluster" in result.stderr


def test_an_unreachable_scheduler_is_named(
    fleet_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("auditor.fleet.cluster.CONNECT_TIMEOUT_S", 1)
    result = fleet(
        str(write_fleet(fleet_dir, STORES)),
        "--scheduler",
        "tcp://127.0.0.1:9",
        "-o",
        str(fleet_dir / "o"),
    )
    assert (
        result.exit_code == 2
        and "cannot reach the Dask scheduler tcp://127.0.0.1:9" in result.stderr
    )


FETCHING = """\
history: history.db
stores:
  nordvik-us:
    seller_id: A1EXAMPLESELLER
    marketplaces: [US]
    sp_api:
      client_id: ${{NORDVIK_CLIENT_ID}}
      client_secret: ${{NORDVIK_CLIENT_SECRET}}
      refresh_token: ${{NORDVIK_REFRESH_TOKEN}}
      endpoint: {endpoint}
      token_endpoint: {token}
"""


def test_a_fetch_store_is_fetched_by_its_worker_then_audited(
    fleet_dir: Path, sp_api_standin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor.model.common import MARKETPLACE_IDS
    from tests.fetch.standin import StoredReport
    from tests.fleet.conftest import LISTINGS, PERFORMANCE

    for kind, path in (
        ("GET_MERCHANT_LISTINGS_ALL_DATA", LISTINGS),
        ("GET_V2_SELLER_PERFORMANCE_REPORT", PERFORMANCE),
    ):
        sp_api_standin.add_report(
            kind, MARKETPLACE_IDS["US"], StoredReport(path.read_bytes(), statuses=("DONE",))
        )
    config = fleet_dir / "auditor.yaml"
    config.write_text(
        FETCHING.format(endpoint=sp_api_standin.endpoint, token=sp_api_standin.token_endpoint),
        encoding="utf-8",
    )
    monkeypatch.setenv("NORDVIK_CLIENT_ID", sp_api_standin.client_id)
    monkeypatch.setenv("NORDVIK_CLIENT_SECRET", sp_api_standin.client_secret)
    monkeypatch.setenv("NORDVIK_REFRESH_TOKEN", sp_api_standin.refresh_token)
    fleet_file = fleet_dir / "FLEET.yaml"
    fleet_file.write_text(
        "stores:\n  - name: nordvik-us\n    fetch: nordvik-us\n  - name: acme-us\n    inputs: [data/acme-us]\n",
        encoding="utf-8",
    )
    out = fleet_dir / "out"

    result = fleet(
        str(fleet_file),
        "--workers",
        "1",
        "--config",
        str(config),
        "-o",
        str(out),
        "--format",
        "json",
    )

    portfolio = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    nordvik = portfolio["stores"][0]
    assert nordvik["fetched"] == "stores/nordvik-us/fetched", nordvik
    manifest = json.loads((out / "stores" / "nordvik-us" / "fetched" / "fetch.json").read_bytes())
    done = {f["report_type"] for f in manifest["files"] if f["status"] == "done"}
    assert {"GET_MERCHANT_LISTINGS_ALL_DATA", "GET_V2_SELLER_PERFORMANCE_REPORT"} <= done, manifest
    report = json.loads((out / nordvik["reports"]["json"]).read_bytes())
    read = {i["format"] for i in report["run"]["inputs"]}
    assert "fetch-manifest" in read and report["summary"]["sku_totals"]["listings"] == 5
    # the history of --config's auditor.yaml holds both stores' runs
    assert (fleet_dir / "history.db").exists()
    assert result.exit_code == 1, result.output  # fetched whole, audited, a finding gates
    assert (nordvik["status"], nordvik["error"]) == ("audited", None)


def test_alerts_go_out_once_per_store_with_something_new_and_not_on_an_unchanged_run(
    fleet_dir: Path, scheduler: str, webhook: Any, smtp: Any
) -> None:
    fleet_file = fleet_dir / "FLEET.yaml"
    fleet_file.write_text(
        "stores:\n"
        "  - name: bolt-us\n    inputs: [data/bolt-us]\n    marketplace: US\n"
        f"    notify: ['{webhook.url()}']\n"
        "  - name: cedar-us\n    inputs: [data/cedar-us]\n    marketplace: US\n"
        f"    notify: [{{url: '{smtp.url()}', min_severity: high}}]\n"
        "  - name: gone\n    inputs: [data/gone]\n"
        f"    notify: ['{webhook.url('/hooks/team')}']\n",
        encoding="utf-8",
    )
    on_cluster = ["--scheduler", scheduler, "--history", str(fleet_dir / "h.db")]
    mails = len(smtp.received)

    first = fleet(str(fleet_file), *on_cluster, "-o", str(fleet_dir / "w1"))
    second = fleet(str(fleet_file), *on_cluster, "-o", str(fleet_dir / "w2"))

    assert first.exit_code == second.exit_code == 3, first.output
    [bolt] = webhook.messages("/hooks/acme")
    assert "bolt-us" in bolt["title"]
    body = bolt["message"]
    assert "LST-001" in body and "VX-EAR-09" in body  # the rule and the listing
    assert "Cut the title" in body  # its fix
    assert str(fleet_dir / "w1" / "stores" / "bolt-us" / "report.html") in body
    [failure] = webhook.messages("/hooks/team")
    assert "gone" in failure["title"] and "no such file or folder: data/gone" in failure["message"]
    [mail] = smtp.texts()[mails:]
    assert "cedar-us" in smtp.subjects()[-1] and "LST-001" in mail
    assert "LST-002" not in mail  # info findings stay below this target's min_severity
    # what each store's alerts came to, in the portfolio and on the terminal
    portfolio = json.loads((fleet_dir / "w1" / "portfolio.json").read_bytes())
    alerts = {s["name"]: [a["status"] for a in s.get("alerts", [])] for s in portfolio["stores"]}
    assert alerts == {"bolt-us": ["sent"], "cedar-us": ["sent"], "gone": ["sent"]}
    assert f"alert to {webhook.url()}: sent" in first.stderr
    # The second run finds nothing new: nothing is sent, and each store says so.
    again = json.loads((fleet_dir / "w2" / "portfolio.json").read_bytes())
    assert {s["name"]: [a["status"] for a in s["alerts"]] for s in again["stores"]} == {
        "bolt-us": ["nothing_new"], "cedar-us": ["nothing_new"], "gone": ["nothing_new"],
    }  # fmt: skip
    assert len(webhook.messages()) == 2 and len(smtp.received) == mails + 1


def test_a_render_whose_worker_left_the_cluster_fails_that_store_instead_of_waiting() -> None:
    import datetime as dt

    from auditor.fleet.plan import StorePlan
    from auditor.fleet.run import _lost, _Tally

    class Cluster:  # what the scheduler says: one worker is left
        def scheduler_info(self) -> dict[str, Any]:
            return {"workers": {"tcp://127.0.0.1:4001": {}}}

    class Render:
        cancelled = False

        def cancel(self) -> None:
            self.cancelled = True

    def plan(name: str) -> StorePlan:
        return StorePlan(name, (), (), None, dt.date(2026, 12, 7), ("json",))

    gone, kept = Render(), Render()
    waiting = {gone: plan("acme-us"), kept: plan("bolt-us")}
    pinned = {gone: "tcp://127.0.0.1:4002", kept: "tcp://127.0.0.1:4001"}
    entries: dict[str, Any] = {}

    _lost(Cluster(), waiting, pinned, entries, _Tally(2, None))

    assert gone.cancelled and not kept.cancelled
    assert list(waiting.values()) == [plan("bolt-us")] and list(pinned) == [kept]
    assert entries["acme-us"]["status"] == "failed"
    assert "left the cluster before rendering" in entries["acme-us"]["error"]


def test_the_readme_s_fleet_example_runs(tmp_path: Path, scheduler: str) -> None:
    from tests.conftest import REPO

    out = tmp_path / "fleet-out"
    result = CliRunner().invoke(
        main,
        ["fleet", str(REPO / "examples" / "fleet" / "FLEET.yaml"), "--as-of", "2026-11-27",
         "--scheduler", scheduler, "-o", str(out)],
    )  # fmt: skip

    assert result.exit_code == 1, result.output
    portfolio = json.loads((out / "portfolio.json").read_bytes())
    assert [(s["name"], s["status"]) for s in portfolio["stores"]] == [
        ("demo", "audited"),
        ("weekly-us", "audited"),
    ]
    assert (out / "portfolio.html").is_file()


def test_without_dask_installed_the_fleet_names_the_extra_and_writes_nothing(
    fleet_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    out = fleet_dir / "out"

    result = fleet(str(write_fleet(fleet_dir, STORES)), "-o", str(out))

    assert result.exit_code == 2
    assert "pip install 'amazon-seller-auditor[fleet]'" in result.stderr
    assert not out.exists()
