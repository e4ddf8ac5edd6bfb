"""`poa lint`: each rule of `rules/poa.yaml` quiet on good letters and firing, at the right
line, on the letter written to break it; the listing, the JSON and the pack's place (the
lint runs it, an audit never does)."""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import AS_OF, DATA

from auditor.api import Options, audit
from auditor.errors import AuditorError
from auditor.model.config import Config
from auditor.packs.loader import load_packs
from auditor.poa.letter import NOTES_MARKER, PLACEHOLDER_PATTERN
from auditor.poa.lint import finding_line, lint_letter, render_lint
from auditor.resources import rules_dir

LETTERS = DATA / "poa" / "letters"

#: The ASINs of each letter's notice (as `--notice` would give them).
NOTICE_ASINS = {
    "ip-good.txt": ("B0CRT4LMP1", "B0CRT4LMP2"),
    "restricted-good.txt": ("B0CPST7KL3",),
    "inauthentic-good.txt": ("B0CXV2PB10",),
    "asin-not-addressed.txt": ("B0CPST7KL3", "B0CPST7KL4", "B0CPST7KL5"),
    "other-sellers.txt": ("B0CXV2PB10",),
}
GOOD = ["odr-good.md", "ip-good.txt", "restricted-good.txt", "inauthentic-good.txt"]


def lint(name: str, options: Options | None = None, text: str | None = None):
    text = (LETTERS / name).read_text(encoding="utf-8") if text is None else text
    return lint_letter(
        text, name, notice_asins=NOTICE_ASINS.get(name, ()), options=options, as_of=AS_OF
    )


def summary(result) -> list[tuple[int, str, str, str | None]]:
    """(line, rule, outcome, detail or what was found) of each finding, in order."""
    return [
        (finding_line(f), f["rule_id"], f["outcome"], f["detail"] or f["evidence"].get("found"))
        for f in result.findings
    ]


def test_the_pack_is_the_public_contract():
    [pack] = [p.pack for p in load_packs([rules_dir()]) if p.pack.name == "poa"]
    assert (pack.area.value, pack.version) == ("poa", "1.0")
    assert [(r.id, r.name) for r in pack.rules] == [
        ("POA-001", "three-parts-present"),
        ("POA-002", "notice-asins-addressed"),
        ("POA-003", "length-within-guidance"),
        ("POA-004", "no-emotive-language"),
        ("POA-005", "no-distrusted-promises"),
        ("POA-006", "no-other-sellers"),
        ("POA-007", "placeholders-to-complete"),
    ]
    placeholders = pack.rules[-1].check
    assert placeholders.pattern == PLACEHOLDER_PATTERN  # the lint's list and the rule agree


@pytest.mark.parametrize("name", GOOD)
def test_a_complete_factual_letter_has_no_finding_at_all(name):
    result = lint(name)
    assert result.findings == []
    assert result.counts == {"fail": 0, "warn": 0, "unknown": 0}
    assert not result.failed
    assert [p.rule.id for p in result.rules] == [f"POA-00{n}" for n in range(1, 8)]
    assert render_lint(result) == "No problems found: the plan is ready to send.\n"


# Each bad letter breaks one rule, at these lines, and passes every other rule.
BAD = [
    (
        "missing-parts.txt",
        [
            (1, "POA-001", "fail", "corrective_actions"),
            (1, "POA-001", "fail", "preventive_measures"),
        ],
    ),
    ("asin-not-addressed.txt", [(1, "POA-002", "fail", None)]),
    ("too-short.txt", [(1, "POA-003", "warn", None)]),
    (
        "emotive.txt",
        [
            (8, "POA-004", "fail", "unfair, the buyer lied"),
            (19, "POA-004", "fail", "frustrated, we beg you, amazon's mistake"),
        ],
    ),
    ("promises.txt", [(17, "POA-005", "fail", "we guarantee, will never happen again")]),
    ("other-sellers.txt", [(8, "POA-006", "fail", "other sellers, competitor")]),
    (
        "placeholders.md",
        [
            (10, "POA-007", "warn", "[[TO COMPLETE: date the label printer failed]]"),
            (14, "POA-007", "warn", "[insert date]"),
            (23, "POA-007", "warn", "TBD"),
        ],
    ),
]


@pytest.mark.parametrize("name, expected", BAD, ids=[b[0] for b in BAD])
def test_a_letter_written_to_break_one_rule_breaks_it_where_expected(name, expected):
    result = lint(name)
    assert summary(result) == expected
    assert result.failed == any(outcome == "fail" for _, _, outcome, _ in expected)


def test_every_rule_has_a_bad_letter():
    assert {rule for _, found in BAD for _, rule, _, _ in found} == {
        f"POA-00{n}" for n in range(1, 8)
    }


def test_an_unaddressed_asin_is_named_in_the_finding():
    [finding] = lint("asin-not-addressed.txt").findings
    assert finding["entity"] == {
        "type": "notice_asin",
        "letter": "asin-not-addressed.txt",
        "asin": "B0CPST7KL5",
    }
    assert "B0CPST7KL5" in finding["message"]


def test_length_is_counted_in_words_and_a_long_letter_warns():
    assert lint("too-short.txt").findings[0]["observed"] == 33
    good = (LETTERS / "odr-good.md").read_text(encoding="utf-8")
    orders = "\n".join(
        f"- Order 302-{4410000 + n:07d}-{n * 7919 % 9999999:07d}: shipped 2026-10-{1 + n % 28:02d}, "
        f"tracking uploaded late, buyer contacted and refunded 24.99 EUR on 2026-11-21."
        for n in range(60)
    )
    long_letter = good.replace(
        "## 2. Corrective actions", f"Affected orders:\n{orders}\n\n## 2. Corrective actions"
    )
    result = lint("odr-long.md", text=long_letter)
    assert summary(result) == [(1, "POA-003", "warn", None)]
    assert result.findings[0]["observed"] > 1000
    assert result.findings[0]["limit"] == 1000


def test_three_placeholders_give_three_warnings_with_their_texts():
    result = lint("placeholders.md")
    assert [f["detail"] for f in result.findings] == [
        "[[TO COMPLETE: date the label printer failed]]",
        "[insert date]",
        "TBD",
    ]
    assert result.counts == {"fail": 0, "warn": 3, "unknown": 0}
    assert not result.failed
    # The letter's own list gives each placeholder's exact line (TBD is on the sign-off's
    # second line); the notes after the marker are not the letter's.
    assert result.placeholders == [
        (10, "[[TO COMPLETE: date the label printer failed]]"),
        (14, "[insert date]"),
        (24, "TBD"),
    ]


def test_the_same_placeholder_twice_in_a_paragraph_warns_once_there():
    text = (
        (LETTERS / "placeholders.md")
        .read_text(encoding="utf-8")
        .replace(
            "1. On [insert date] we uploaded",
            "1. On [insert date] (ticket of [insert date]) we uploaded",
        )
    )
    assert [d for _, _, _, d in summary(lint("placeholders.md", text=text))] == [
        "[[TO COMPLETE: date the label printer failed]]",
        "[insert date]",
        "TBD",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "12 of the 18 A-to-z Guarantee claims were for parcels marked delivered.",
        "Two orders shipped after the promised delivery date of 2026-10-14.",
        "We now inspect 100% of inbound units before they are sent to FBA.",
        "From the beginning of October the buyer messages were answered within 24 hours.",
        "The buyer reported that the seam was torn; we refunded 24.99 USD.",
        "We apologise to the 5 buyers and have refunded each of them in full.",
        "The complaint named ASIN B0CRT4LMP1; we deleted the listing on 2026-11-18.",
        "The supplier, Shenzhen Voltix Electronics Co., Ltd., guaranteed delivery within 10 days in its contract.",
    ],
)
def test_factual_sentences_pass_the_wording_rules(sentence):
    text = (LETTERS / "odr-good.md").read_text(encoding="utf-8")
    text = text.replace("We reviewed all 5 defective orders.", sentence)
    assert lint("odr-good.md", text=text).findings == []


def test_the_listing_reads_like_a_linter():
    result = lint("emotive.txt")
    assert render_lint(result) == textwrap.dedent(
        """\
        emotive.txt:8: POA-004 fail  Emotive or blaming language: unfair, the buyer lied. Keep to facts.
        emotive.txt:19: POA-004 fail  Emotive or blaming language: frustrated, we beg you, amazon's mistake. Keep to facts.
        2 failing, 0 warnings: fix the failing ones before sending.
        """
    )


def test_the_listing_in_chinese():
    result = lint("placeholders.md")
    assert render_lint(result, "zh").splitlines() == [
        "placeholders.md:10: POA-007 warn  还有待填写的占位符：[[TO COMPLETE: date the label printer failed]]。",
        "placeholders.md:14: POA-007 warn  还有待填写的占位符：[insert date]。",
        "placeholders.md:23: POA-007 warn  还有待填写的占位符：TBD。",
        "0 项未通过，3 项警告：提交前请逐项核对。",
    ]
    assert (
        render_lint(result).splitlines()[-1] == "0 failing, 3 warnings: check them before sending."
    )


def test_messages_follow_the_options_language():
    result = lint("promises.txt", options=Options(language="zh"))
    assert (
        result.findings[0]["message"]
        == "用承诺代替了具体措施：we guarantee, will never happen again。"
    )


def test_json_output():
    result = lint("missing-parts.txt")
    data = json.loads(json.dumps(result.as_dict()))
    assert data["letter"] == "missing-parts.txt"
    assert data["failed"] is True
    assert data["counts"] == {"fail": 2, "warn": 0, "unknown": 0}
    assert [(f["rule_id"], f["line"], f["detail"]) for f in data["findings"]] == [
        ("POA-001", 1, "corrective_actions"),
        ("POA-001", 1, "preventive_measures"),
    ]
    assert data["rules"][0] == {
        "rule_id": "POA-001",
        "name": "three-parts-present",
        "severity": "critical",
        "pack": "poa",
    }
    placeholders = json.loads(json.dumps(lint("placeholders.md").as_dict()))["placeholders"]
    assert placeholders[1] == {"line": 14, "text": "[insert date]"}


def test_a_users_own_poa_pack_runs_beside_the_bundled_one(tmp_path):
    pack = {
        "name": "house-style",
        "version": "1.0",
        "area": "poa",
        "rules": [
            {
                "id": "HSP-001",
                "name": "no-dear-sir",
                "severity": "low",
                "applies_to": "poa_paragraphs",
                "check": {"kind": "forbidden_terms", "fields": "text", "terms": ["Dear Sir"]},
                "message": {
                    "en": "Address the Seller Performance Team.",
                    "zh": "请称呼卖家绩效团队。",
                },
                "why": {"en": "House style.", "zh": "公司规范。"},
                "fix": {
                    "en": "Write 'Dear Seller Performance Team'.",
                    "zh": "改为 Dear Seller Performance Team。",
                },
                "source": {
                    "url": "https://example.com/style",
                    "checked": "2026-11-27",
                    "confidence": "best-practice",
                },
                "examples": {
                    "pass": [{"text": "Dear Seller Performance Team,"}],
                    "fail": [{"text": "Dear Sir,"}],
                },
            }
        ],
    }
    (tmp_path / "house.yaml").write_text(json.dumps(pack), encoding="utf-8")
    text = (LETTERS / "odr-good.md").read_text(encoding="utf-8")
    text = text.replace("Dear Seller Performance Team,", "Dear Sir,")
    result = lint("odr-good.md", options=Options(rule_dirs=[tmp_path]), text=text)
    assert summary(result) == [(3, "HSP-001", "fail", "dear sir")]
    assert "HSP-001" in [p.rule.id for p in result.rules]


def test_select_and_ignore_apply_to_the_lint():
    result = lint("emotive.txt", options=Options(ignore=["POA-004"]))
    assert result.findings == [] and "POA-004" not in [p.rule.id for p in result.rules]
    only = lint("placeholders.md", options=Options(select=["POA-007"]))
    assert [p.rule.id for p in only.rules] == ["POA-007"]


def test_a_configuration_written_for_audits_does_not_stop_the_lint():
    # Ids of audit rules are valid names here; a select of audit rules only keeps the pack.
    options = Options(select=["LST-", "HLT-001"], ignore=["LST-002"])
    result = lint("promises.txt", options=options)
    assert [p.rule.id for p in result.rules] == [f"POA-00{n}" for n in range(1, 8)]
    assert summary(result) == [(17, "POA-005", "fail", "we guarantee, will never happen again")]


def test_a_misspelt_rule_id_is_a_clear_error():
    with pytest.raises(AuditorError, match="invalid rule selection"):
        lint("odr-good.md", options=Options(ignore=["POA-070"]))


def test_no_rules_left_is_a_clear_error():
    options = Options(config=Config(bundled_rules=False))
    with pytest.raises(AuditorError, match="no plan-of-action rules to run"):
        lint("odr-good.md", options=options)


def test_an_empty_letter_is_a_clear_error():
    with pytest.raises(AuditorError, match=r"blank\.txt: the letter is empty"):
        lint("blank.txt", text=f"\n{NOTES_MARKER}\n- [[TO COMPLETE: everything]]\n")


def test_an_audit_never_loads_the_poa_pack(tmp_path):
    listings = tmp_path / "listings.csv"
    listings.write_text(
        "sku,marketplace,asin,title,brand\n"
        "VX-SPK-01,US,B0CXV1SPK1,Voltix Portable Bluetooth Speaker 12W Black,Voltix\n",
        encoding="utf-8",
    )
    report = audit([listings], Options(as_of=AS_OF)).report
    assert report["rules"], "the audit ran its rules"
    assert not [r for r in report["rules"] if r["rule_id"].startswith("POA-")]
    assert "poa" not in {p["area"] for p in report["run"]["rule_packs"]}
