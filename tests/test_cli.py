"""The command line as a seller or a CI pipeline uses it: output, files and exit codes."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF as AUDIT_DATE
from conftest import REPO

from auditor import __version__
from auditor.api import inspect_files
from auditor.cli import SCHEMA_KINDS, main
from auditor.model.tables import TABLES

AS_OF = ["--as-of", "2026-11-27"]


@pytest.fixture
def listings(demo_store: Path) -> Path:
    """The demo store's listings: input enough for a test of the command's own behaviour
    (formats, files, exit codes), in a fraction of the time of the whole store, which
    test_demo_audit_prints_a_table_and_exits_1_on_high_failures audits."""
    return demo_store / "listings"


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_version_and_module_entry_point():
    assert __version__ in CliRunner().invoke(main, ["--version"]).output
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("auditor, version")


def test_the_command_flushes_its_output_and_keeps_its_exit_code(demo_store):
    """`auditor` ends without the interpreter's teardown (cli.run): nothing may be lost."""
    audit = [sys.executable, "-m", "auditor", "audit", str(demo_store), *AS_OF, "--format", "json"]
    result = subprocess.run(audit, capture_output=True, text=True, encoding="utf-8")

    assert result.returncode == 1  # high failures in the demo store
    assert json.loads(result.stdout)["findings"]  # the whole report, to its last byte

    missing = subprocess.run(
        [sys.executable, "-m", "auditor", "audit", "no-such-folder", *AS_OF],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2
    assert "no-such-folder: no such file" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_demo_audit_prints_a_table_and_exits_1_on_high_failures(cli, demo_store):
    result = cli("audit", str(demo_store), *AS_OF)
    assert result.exit_code == 1
    assert "Score:" in result.output and "Gate: FAILED (fail on high)" in result.output
    assert "HLT-001 order-defect-rate · DE · mfn · 60d" in result.output
    assert "row 7 [price]: '12,99' is not a number" in result.output


def test_fail_on_and_strict_decide_the_exit_code(cli, demo_store, listings):
    assert (
        cli("audit", str(demo_store / "account-health"), *AS_OF, "--select", "HLT-005").exit_code
        == 0
    )
    assert (
        cli(
            "audit", str(demo_store / "account-health"), *AS_OF, "--select", "HLT-005", "--strict"
        ).exit_code
        == 1
    )
    only_low = cli("audit", str(listings), *AS_OF, "--select", "LST-008")
    assert only_low.exit_code == 0
    assert (
        cli("audit", str(listings), *AS_OF, "--select", "LST-008", "--fail-on", "low").exit_code
        == 1
    )


def test_one_format_to_a_file_and_several_into_a_folder(cli, listings, tmp_path):
    single = tmp_path / "audit.json"
    assert cli("audit", str(listings), *AS_OF, "--format", "json", "-o", str(single)).exit_code == 1
    assert json.loads(single.read_text(encoding="utf-8"))["run"]["as_of"] == "2026-11-27"
    folder = tmp_path / "reports"
    cli(
        "audit",
        str(listings),
        *AS_OF,
        "--format",
        "json",
        "--format",
        "md",
        "--format",
        "table",
        "-o",
        str(folder),
    )
    assert sorted(p.name for p in folder.iterdir()) == ["report.json", "report.md", "report.txt"]
    assert (folder / "report.md").read_text(encoding="utf-8").startswith("# Amazon seller audit")


def test_every_format_into_a_folder_in_chinese(cli, listings, tmp_path):
    folder = tmp_path / "reports"
    formats = [a for f in ("table", "json", "md", "csv", "xlsx", "junit") for a in ("--format", f)]
    result = cli("audit", str(listings), *AS_OF, *formats, "-o", str(folder), "--lang", "zh")
    assert result.exit_code == 1
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"report.{e}" for e in ("csv", "json", "md", "txt", "xlsx", "xml")]
    assert f"已写入 {folder / 'report.xlsx'}" in result.output
    assert (folder / "report.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (folder / "report.xlsx").read_bytes().startswith(b"PK")  # a zip: the workbook
    assert "<testsuites" in (folder / "report.xml").read_text(encoding="utf-8")
    assert (folder / "report.txt").read_text(encoding="utf-8").startswith("亚马逊卖家合规审计")


def test_one_binary_format_to_a_file_or_a_pipe(cli, listings, tmp_path):
    target = tmp_path / "audit.xlsx"
    assert cli("audit", str(listings), *AS_OF, "--format", "xlsx", "-o", str(target)).exit_code == 1
    assert target.read_bytes().startswith(b"PK")
    piped = CliRunner().invoke(main, ["audit", str(listings), *AS_OF, "--format", "xlsx"])
    assert piped.stdout_bytes.startswith(b"PK")


def test_cli_messages_in_chinese(cli, demo_store):
    several = cli("audit", str(demo_store), "--format", "json", "--format", "md", "--lang", "zh")
    assert several.exit_code == 2
    assert several.output.startswith("错误: 同时指定多个 --format 时")


def test_colour_only_on_a_terminal_without_no_color(cli, listings, monkeypatch):
    from auditor.cli import _colour

    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _colour(Terminal()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert _colour(Terminal()) is False
    monkeypatch.delenv("NO_COLOR")
    assert _colour(io.StringIO()) is False  # a pipe or a file
    result = cli("audit", str(listings), *AS_OF)
    assert "\x1b[" not in result.output


def test_progress_goes_to_stderr_only_on_a_terminal(monkeypatch):
    import time

    from auditor.cli import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with Progress("zh", delay=0) as progress:
        progress.step("cli_evaluating")
        time.sleep(0.3)
    written = terminal.getvalue()
    assert "正在评估规则" in written and written.endswith("\r\x1b[K")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with Progress("en", delay=0) as progress:
        progress.step("cli_reading")
        time.sleep(0.2)
    assert sys.stderr.getvalue() == ""


def test_usage_errors_exit_2_with_a_message_and_no_traceback(cli, demo_store, tmp_path):
    several = cli("audit", str(demo_store), "--format", "json", "--format", "md")
    assert several.exit_code == 2 and "need -o FOLDER" in several.output
    assert cli("audit", str(demo_store), "--as-of", "27/11/2026").exit_code == 2
    bad_market = cli("audit", str(demo_store), "--marketplace", "XX")
    assert bad_market.exit_code == 2 and "unknown marketplace 'XX'" in bad_market.output
    unknown_rule = cli("audit", str(demo_store), "--select", "LST-999")
    assert unknown_rule.exit_code == 2 and "no rule matches 'LST-999'" in unknown_rule.output
    (tmp_path / "notes.txt").write_text("nothing to audit here\n", encoding="utf-8")
    nothing = cli("audit", str(tmp_path))
    assert nothing.exit_code == 2 and "no input could be read" in nothing.output
    assert "not a recognised format" in nothing.output
    for result in (several, bad_market, unknown_rule, nothing):
        assert "Traceback" not in result.output


def test_invalid_rule_pack_exits_2_naming_file_line_and_rule(cli, demo_store, tmp_path):
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "name: mine\nversion: '1.0'\narea: listing\nrules:\n"
        "  - id: MYR-001\n    name: title-colour\n    severity: loud\n",
        encoding="utf-8",
    )
    result = cli("audit", str(demo_store), "--rules", str(tmp_path))
    assert result.exit_code == 2
    assert f"{pack.as_posix()}:5 [MYR-001]" in result.output
    assert cli("rules", "validate", str(pack)).exit_code == 2


def test_a_sku_in_no_input_is_named_and_exits_2(cli, listings):
    result = cli(
        "audit",
        str(listings),
        *AS_OF,
        "--sku",
        "VX-PB-10K",
        "--sku",
        "NO-SUCH",
        "--sku",
        "VX-TYPO",
    )
    assert result.exit_code == 2
    assert "--sku names SKUs that no input holds: NO-SUCH, VX-TYPO" in result.output
    assert cli("audit", str(listings), *AS_OF, "--sku", "VX-PB-10K").exit_code in (0, 1)


def test_invalid_config_exits_2_with_its_line(cli, demo_store, tmp_path):
    config = tmp_path / "auditor.yaml"
    config.write_text("language: en\nfail_on: sometimes\n", encoding="utf-8")
    result = cli("audit", str(demo_store), "--config", str(config))
    assert result.exit_code == 2 and f"{config.as_posix()}:2" in result.output


def test_rules_commands(cli):
    listing = cli("rules", "list")
    assert listing.exit_code == 0 and "HLT-001  critical  health" in listing.output
    shown = cli("rules", "show", "lst-011", "--lang", "zh")
    assert shown.exit_code == 0 and "后台搜索词" in shown.output and "23501" in shown.output
    assert cli("rules", "show", "NOPE-1").exit_code == 2
    assert cli("rules", "validate").output.startswith("10 pack(s)")
    docs = cli("rules", "docs").output
    ids = [line.split()[0] for line in listing.output.splitlines()]
    assert all(f"## {rule_id} " in docs for rule_id in ids)


def test_rules_show_prints_the_examples_audit_date_whole(cli):
    """`as_of` sits beside the outcomes in `examples`: it is a date, not a list of records."""
    shown = cli("rules", "show", "CMP-009").output
    assert "As of: 2026-11-27." in shown
    assert '- As of: `"2"`' not in shown


def test_rules_show_prints_a_dated_schedule_as_a_table(cli):
    """INV-004's aged inventory surcharge is data in the pack: shown with its date, by tier."""
    shown = cli("rules", "show", "INV-004").output
    assert "Dated schedule." in shown and "From 2023-04-15" in shown
    assert "| from_day | to_day | usd_per_cubic_foot | exempt |" in shown
    assert "| 181 | 210 | 0.5 | apparel, shoes, bags, jewelry, watches |" in shown


def test_rules_test_runs_a_packs_examples(cli):
    """`rules test PACK` runs its examples (every bundled one is run by
    tests/packs/test_examples.py, and by CI from the installed wheel)."""
    result = cli("rules", "test", str(REPO / "rules" / "sales.yaml"))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("16 passed, 0 failed")


def test_rules_test_reports_a_broken_example(cli, tmp_path):
    broken = (
        (REPO / "rules" / "listing.yaml")
        .read_text(encoding="utf-8")
        .replace("fail: {gt: 200}", "fail: {gt: 300}")
    )
    (tmp_path / "listing.yaml").write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "test", str(tmp_path / "listing.yaml")])
    assert result.exit_code == 1
    assert "LST-001: example expected fail, got pass" in result.output


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_prints_json_schema(cli, kind):
    schema = json.loads(cli("schema", kind).output)
    assert schema["$schema"].endswith("2020-12/schema")


REGISTERS = ["ad_campaigns.csv", "approvals.csv", "documents.csv", "products.csv"]


def test_init_writes_config_and_registers_without_a_row_that_counts(cli, tmp_path):
    result = cli("init", str(tmp_path))
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["auditor.yaml", "registers.md", *REGISTERS]
    )
    for name in REGISTERS:  # the header row only: an example row would count in an audit
        assert len((tmp_path / name).read_text(encoding="utf-8").splitlines()) == 1
    notes = (tmp_path / "registers.md").read_text(encoding="utf-8")
    assert "DE1234567890123" in notes and "beauty-topicals,US,approved" in notes
    assert cli("init", str(tmp_path)).exit_code == 2  # never overwrites silently
    audited = cli(
        "audit",
        str(tmp_path),
        "--config",
        str(tmp_path / "auditor.yaml"),
        "--format",
        "json",
        *AS_OF,
    )
    report = json.loads(audited.output)
    inputs = {Path(i["path"]).name: i for i in report["run"]["inputs"]}
    assert {i["table"] for i in inputs.values() if i["table"]} == {
        "documents",
        "approvals",
        "products",
        "ad_campaigns",
    }
    assert all(i["rows_read"] == 0 and i["rows_rejected"] == 0 for i in inputs.values())
    assert inputs["registers.md"]["skipped"] == "not an input (notes the tool wrote for people)"
    assert not [f for f in report["findings"] if f["outcome"] in ("pass", "fail", "warn")]


def test_init_in_chinese_writes_registers_the_audit_maps_column_by_column(cli, tmp_path):
    assert cli("init", str(tmp_path), "--lang", "zh").exit_code == 0
    header = (tmp_path / "documents.csv").read_text(encoding="utf-8-sig").splitlines()
    assert header == [
        "文件类型,证书编号/注册号,SKU,ASIN,品牌,商品类型,站点,签发日期,到期日期,签发机构,文件位置,备注"
    ]
    assert "language: zh" in (tmp_path / "auditor.yaml").read_text(encoding="utf-8")
    assert "# 登记表说明" in (tmp_path / "registers.md").read_text(encoding="utf-8")
    seen = {Path(item["path"]).name: item for item in inspect_files(sorted(tmp_path.iterdir()))}
    for name in REGISTERS:
        item = seen[name]
        (part,) = item["parts"]
        assert item["unmapped"] == [] and item["skipped"] is None
        assert part["mapped"] == sorted(TABLES[part["table"]].columns)
        assert name == f"{part['table']}.csv"
    assert seen["registers.md"]["skipped"].startswith("not an input")
    audited = cli("audit", str(tmp_path), "--config", str(tmp_path / "auditor.yaml"), *AS_OF)
    assert audited.exit_code == 0, audited.output


def test_schema_gives_a_tables_chinese_headers(cli):
    properties = json.loads(cli("schema", "products").output)["properties"]
    assert properties["for_children"]["x-label-zh"] == "是否儿童产品"


def test_inspect_shows_format_columns_rows_and_rejections(cli, demo_store, tmp_path):
    flat_file = demo_store / "listings" / "Flat.File.Custom.de.txt"
    result = cli("inspect", str(flat_file), "--marketplace", "gb")
    assert result.exit_code == 0
    assert "format:      flat-file (cp1252)" in result.output
    assert "marketplace: DE (named in the file)" in result.output
    assert "rows:        8 read, 7 used, 1 rejected" in result.output
    assert "row 7 [price]: '12,99' is not a number" in result.output
    extra = tmp_path / "export.csv"
    extra.write_text("sku,title,colour_name\n0001-BT,Speaker,Black\n", encoding="utf-8")
    shown = cli("inspect", str(extra))
    assert "columns not mapped (1): colour_name" in shown.output
    assert "marketplace: not named: give --marketplace or default_marketplace" in shown.output
    notes = tmp_path / "notes.txt"
    notes.write_text("just notes\n", encoding="utf-8")
    assert "skipped: not a recognised format" in cli("inspect", str(notes)).output


def test_rule_commands_speak_the_language_asked_for():
    runner = CliRunner()
    validated = runner.invoke(main, ["rules", "validate", "--lang", "zh"])
    assert validated.exit_code == 0 and "条规则：校验通过" in validated.output
    sales = str(REPO / "rules" / "sales.yaml")
    tested = runner.invoke(main, ["rules", "test", sales, "--as-of", "2026-11-27", "--lang", "zh"])
    assert tested.exit_code == 0 and "个示例通过，0 个未通过" in tested.output
    missing = runner.invoke(main, ["rules", "show", "XYZ", "--lang", "zh"])
    assert missing.exit_code == 2 and "没有规则“XYZ”" in missing.output


def test_an_unforeseen_error_is_one_line_and_exit_2_never_a_traceback(monkeypatch, capsys):
    import auditor.cli as cli

    def broken() -> None:
        raise RuntimeError("the index was out of step\nsecond line")

    exits: list[int] = []
    monkeypatch.setattr(cli, "main", broken)
    monkeypatch.setattr(cli.os, "_exit", exits.append)
    monkeypatch.delenv("AUDITOR_DEBUG", raising=False)

    cli.run()

    assert exits == [2]  # never 1, the gate's "findings" code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: the index was out of step" in err
    assert "Traceback" not in err


def test_a_panic_in_a_rust_library_is_one_line_and_exit_2_too(monkeypatch, capsys):
    """pyo3 raises a panic (calamine's, say) as PanicException, a BaseException: it went
    past `except Exception`, printed a traceback and exited 1, the gate's code."""
    import auditor.cli as cli

    class PanicException(BaseException):  # pyo3's, which cannot be imported by name
        pass

    def broken() -> None:
        raise PanicException("TimeDelta::milliseconds out of bounds")

    exits: list[int] = []
    monkeypatch.setattr(cli, "main", broken)
    monkeypatch.setattr(cli.os, "_exit", exits.append)
    monkeypatch.delenv("AUDITOR_DEBUG", raising=False)

    cli.run()

    assert exits == [2]
    err = capsys.readouterr().err
    assert err == (
        "error: unexpected PanicException: TimeDelta::milliseconds out of bounds "
        "(please report it; AUDITOR_DEBUG=1 shows where)\n"
    )


def test_a_file_a_reader_fails_on_is_skipped_and_the_audit_goes_on(tmp_path, monkeypatch):
    """A reader's bug (none is known: the fuzz test looks for them; here one is made)
    skips its file with the kind of failure, never its message, and the audit goes on."""
    from auditor.api import Options, audit
    from auditor.ingest.formats.listings_items import ListingsItemsApi

    def fails(self, probe):
        raise KeyError("VX-SECRET-SKU")

    monkeypatch.setattr(ListingsItemsApi, "extract", fails)
    item = {"sku": "VX-SECRET-SKU", "summaries": [{"marketplaceId": "ATVPDKIKX0DER"}]}
    (tmp_path / "listing.json").write_text(json.dumps(item), encoding="utf-8")
    (tmp_path / "documents.csv").write_text(
        "document_type,identifier,brand,marketplace\nepr_de_packaging,DE4702819365120,Voltix,DE\n",
        encoding="utf-8",
    )

    report = audit([tmp_path], Options(as_of=AUDIT_DATE)).report

    inputs = {Path(i["path"]).name: i for i in report["run"]["inputs"]}
    assert inputs["listing.json"]["skipped"] == "could not be read: the reader failed (KeyError)"
    assert inputs["documents.csv"]["table"] == "documents"


def test_o_with_an_existing_folder_writes_report_ext_inside_it(listings, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()

    result = CliRunner().invoke(
        main, ["audit", str(listings), *AS_OF, "--format", "json", "-o", str(folder)]
    )

    assert result.exit_code == 1, result.output  # the demo store's failures gate
    assert json.loads((folder / "report.json").read_text(encoding="utf-8"))["findings"]
    assert [p.name for p in folder.iterdir()] == ["report.json"]  # no temporary file left


def test_every_report_says_which_config_applied_and_never_one_from_an_audited_folder(
    demo_store, tmp_path, monkeypatch
):
    store = tmp_path / "store"
    shutil.copytree(demo_store / "listings", store)  # a client's listings
    (store / "auditor.yaml").write_text("disable: [CMP-]\n", encoding="utf-8")  # a client's
    here = tmp_path / "work"
    here.mkdir()
    (here / "auditor.yaml").write_text("fail_on: critical\n", encoding="utf-8")
    monkeypatch.chdir(here)

    result = CliRunner().invoke(main, ["audit", str(store), *AS_OF, "--format", "json"])

    report = json.loads(result.stdout)
    assert report["run"]["config"] == "auditor.yaml"  # the current directory's, named
    assert any(f["rule_id"].startswith("CMP-") for f in report["findings"])  # not the store's


def test_a_link_out_of_the_folder_is_skipped_in_every_format_unless_followed(
    cli, demo_store, tmp_path
):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.csv").write_text("sku,marketplace,title\nX,US,SECRET=hunter2\n")
    # The demo's listings are enough: what matters is the link beside them.
    store = Path(shutil.copytree(demo_store / "listings", tmp_path / "store"))
    (store / "env.csv").symlink_to(tmp_path / "outside" / "secret.csv")

    for fmt in ("json", "md", "table"):
        result = cli("audit", str(store), *AS_OF, "--format", fmt, "--no-history")
        assert result.exit_code == 1, result.output
        assert "hunter2" not in result.output
        assert "a link out of the audited folder (use --follow-links to read it)" in result.output
    followed = cli(
        "audit", str(store), *AS_OF, "--format", "json", "--no-history", "--follow-links"
    )
    (env,) = [
        f for f in json.loads(followed.output)["run"]["inputs"] if f["path"].endswith("env.csv")
    ]
    assert (env["skipped"], env["rows_read"]) == (None, 1)


def _audit_in_a_process(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a process of its own, so that a FIFO that blocks fails the test."""
    command = [sys.executable, "-m", "auditor", "audit", *args, *AS_OF, "--no-history"]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=REPO)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_exits_2_and_one_in_a_folder_is_skipped_without_blocking(demo_store, tmp_path):
    store = Path(shutil.copytree(demo_store / "listings", tmp_path / "store"))
    os.mkfifo(store / "orders.csv")

    named = _audit_in_a_process(str(store / "orders.csv"))
    assert named.returncode == 2
    assert "not a regular file (a FIFO)" in named.stderr + named.stdout
    found = _audit_in_a_process(str(store), "--format", "json")
    assert found.returncode == 1
    (fifo,) = [
        f for f in json.loads(found.stdout)["run"]["inputs"] if f["path"].endswith("orders.csv")
    ]
    assert fifo["skipped"] == "not a regular file (a FIFO)"


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="no /proc here")
def test_the_environment_named_as_an_input_exits_2_and_is_not_printed(listings):
    secret = "hunter2-" + "x" * 8
    command = [sys.executable, "-m", "auditor", "audit", "/proc/self/environ", str(listings)]
    result = subprocess.run(
        [*command, *AS_OF, "--no-history", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "AUDITOR_TEST_SECRET": secret},
    )
    assert result.returncode == 2
    assert "a system file under /proc (never read)" in result.stderr
    assert secret not in result.stdout + result.stderr


def test_a_file_name_with_control_characters_cannot_write_to_the_terminal(tmp_path):
    named = tmp_path / "prices\x1b]0;pwned\x07\n[critical:fail].csv"
    named.write_text("item,unit cost\nbear,3.10\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["audit", str(named)])

    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\n[critical:fail]" not in result.output  # the name stays on its own line
