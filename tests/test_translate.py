"""A saved report renders in any format and language, as the audit in that language would
have written it (`auditor render`): the findings carry the codes their sentences come from."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from conftest import DATA, demo_report

from auditor.api import Options, audit
from auditor.cli import main
from auditor.errors import AuditorError
from auditor.outputs.render import FORMATS, render, to_json
from auditor.translate import translate

DEMO = DATA.parent.parent / "examples" / "demo-store"
AS_OF = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def reports() -> dict[str, dict]:
    """The demo store audited in each language (once per process, see conftest)."""
    return {lang: demo_report(lang) for lang in ("en", "zh")}


def test_the_run_is_the_same_run_in_either_language(reports):
    assert reports["en"]["run"]["id"] == reports["zh"]["run"]["id"]


@pytest.mark.parametrize("source, target", [("en", "zh"), ("zh", "en")])
def test_a_translated_report_is_the_report_audited_in_that_language(reports, source, target):
    translated = translate(reports[source], target)
    assert to_json(translated) == to_json(reports[target])
    # the unknown findings' sentences come from their codes, not from the first language
    unknown = [f for f in translated["findings"] if f["outcome"] == "unknown"]
    assert unknown and all("undecided" in f or f["missing"] for f in unknown)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("source, target", [("en", "zh"), ("zh", "en")])
def test_every_format_renders_from_the_saved_json_as_the_audit_wrote_it(
    reports, fmt, source, target
):
    saved = json.loads(to_json(reports[source]))  # through the file a seller keeps
    assert render(translate(saved, target), fmt, target) == render(reports[target], fmt, target)


def test_the_render_command_writes_what_audit_writes(tmp_path):
    runner = CliRunner()
    report = tmp_path / "report.json"
    args = ["--as-of", AS_OF.isoformat()]
    listings = str(DEMO / "listings")  # a report to render: the demo's listings are enough
    audited = runner.invoke(main, ["audit", listings, *args, "--format", "json", "-o", str(report)])
    assert audited.exit_code == 1  # the listings fail their gate; render does not judge
    runner.invoke(
        main,
        ["audit", listings, *args, "--lang", "zh", "--format", "md", "-o", str(tmp_path / "a.md")],
    )
    rendered = runner.invoke(
        main,
        ["render", str(report), "--format", "md", "--lang", "zh", "-o", str(tmp_path / "r.md")],
    )
    assert rendered.exit_code == 0, rendered.output
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == (tmp_path / "a.md").read_text(
        encoding="utf-8"
    )
    several = runner.invoke(
        main, ["render", str(report), "--format", "html", "--format", "csv", "-o", str(tmp_path)]
    )
    assert several.exit_code == 0 and (tmp_path / "report.html").exists()


def test_a_report_whose_rules_changed_since_is_not_rendered_in_another_language(reports):
    changed = json.loads(to_json(reports["en"]))
    changed["run"]["rule_packs"][0]["sha256"] = "0" * 64
    with pytest.raises(AuditorError, match="not among the rules available or has changed"):
        translate(changed, "zh")
    assert translate(changed, "en") is changed  # its own language needs no rules


def test_a_file_that_is_not_a_report_is_a_clear_error(tmp_path):
    other = tmp_path / "other.json"
    other.write_text('{"orders": []}', encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(other)])
    assert result.exit_code == 2
    assert "is not an auditor JSON report" in result.output


def test_a_report_of_another_schema_version_is_refused_rather_than_half_rendered(tmp_path, reports):
    """The renderers read the report as this version's contract types it, so a report of
    another schema is turned away at the door with what to do."""
    older = json.loads(to_json(reports["en"])) | {"schema_version": "1.0"}
    path = tmp_path / "older.json"
    path.write_text(json.dumps(older), encoding="utf-8")

    result = CliRunner().invoke(main, ["render", str(path), "--format", "html"])

    assert result.exit_code == 2
    assert "is a report of schema '1.0'; this version reads schema '1.1'" in result.output
    assert "audit the inputs again" in result.output


def test_a_report_with_history_translates_its_earlier_runs_findings_too(tmp_path):
    weekly = DATA.parent.parent / "examples" / "weekly"
    weeks = [dt.date(2026, 11, 13), dt.date(2026, 11, 20)]
    audited = {}
    for lang in ("en", "zh"):
        history = tmp_path / f"{lang}.db"
        for week in weeks:
            options = Options(as_of=week, language=lang, history=history, store="demo-us")
            audited[lang] = audit([weekly / week.isoformat()], options).report
    assert audited["en"]["since_last"]["findings"]["changed"]
    assert to_json(translate(audited["en"], "zh")) == to_json(audited["zh"])
