"""A self-referencing YAML anchor in any file the CLI loads is exit 2 with file and line (issue 16, item 3)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from auditor.cli import main

RECURSIVE = "a: &a [*a]\n"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STORE = str(EXAMPLES / "demo-store")


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_located(result: Result, path: Path) -> None:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert f"{path.as_posix()}:1" in result.output and "recursive anchor" in result.output


def test_in_a_rule_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(RECURSIVE, encoding="utf-8")

    assert_located(cli("audit", STORE, "--rules", str(tmp_path)), pack)


def test_in_a_config(tmp_path: Path) -> None:
    config = tmp_path / "auditor.yaml"
    config.write_text(RECURSIVE, encoding="utf-8")

    assert_located(cli("audit", STORE, "--config", str(config)), config)


def test_in_a_suppressions_file(tmp_path: Path) -> None:
    suppressions = tmp_path / "accepted.yaml"
    suppressions.write_text(RECURSIVE, encoding="utf-8")

    assert_located(cli("audit", STORE, "--suppressions", str(suppressions)), suppressions)


def test_in_a_facts_file(tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(RECURSIVE, encoding="utf-8")
    notice = EXAMPLES / "poa" / "odr-notice.txt"

    result = cli(
        "poa",
        "draft",
        STORE,
        "--notice",
        str(notice),
        "--as-of",
        "2026-11-27",
        "--facts",
        str(facts),
        "-o",
        str(tmp_path / "plan.md"),
    )

    assert_located(result, facts)
