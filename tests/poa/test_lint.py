"""`poa lint`: each rule of `rules/poa.yaml` quiet on good letters and firing, at the right
line, on the letter written to break it; the listing, the JSON and the pack's place (the
lint runs it, an audit never does)."""

from __future__ import annotations

import datetime as dt
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
from auditor.poa.notice import Notice, RequestedDocument
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
#: The notice as read (auditor.poa.notice), for the letters whose notice states figures or
#: asks for documents.
ODR_NOTICE = Notice(
    violation="order-defect-rate",
    marketplace="DE",
    channel="mfn",
    rate=0.0125,
    target=0.01,
    defects=5,
    orders=400,
    window_days=60,
)
SUPPLEMENT_NOTICE = Notice(
    violation="restricted-product-violations",
    marketplace="US",
    asins=("B0DK7Q2VNL", "B0F3TR8WJX"),
    documents=(
        RequestedDocument(
            "coa",
            "a Certificate of Analysis (COA) from an ISO/IEC 17025 accredited laboratory",
            365,
            "ISO/IEC 17025 accredited laboratory",
        ),
        RequestedDocument("label_images", "images of the product label, all sides"),
        RequestedDocument("invoice", "invoices issued within the last 365 days", 365),
    ),
)
NOTICES = {
    "contradicts-notice.md": ODR_NOTICE,
    "odr-good.md": ODR_NOTICE,
    "evidence-missing.txt": SUPPLEMENT_NOTICE,
}
GOOD = ["odr-good.md", "ip-good.txt", "restricted-good.txt", "inauthentic-good.txt"]
ALL_RULES = [f"POA-{n:03d}" for n in range(1, 17)]


def lint(
    name: str,
    options: Options | None = None,
    text: str | None = None,
    *,
    notice: Notice | None = None,
    as_of: dt.date = AS_OF,
    draft: bool = False,
):
    text = (LETTERS / name).read_text(encoding="utf-8") if text is None else text
    return lint_letter(
        text,
        name,
        notice=notice or NOTICES.get(name),
        notice_asins=NOTICE_ASINS.get(name, ()),
        options=options,
        as_of=as_of,
        draft=draft,
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
        ("POA-006", "no-other-sellers-or-cases"),
        ("POA-007", "placeholders-to-complete"),
        ("POA-008", "root-cause-states-a-cause"),
        ("POA-009", "every-cause-has-an-action"),
        ("POA-010", "corrective-actions-dated"),
        ("POA-011", "measures-have-owner-and-frequency"),
        ("POA-012", "no-business-introduction"),
        ("POA-013", "one-language"),
        ("POA-014", "agrees-with-notice"),
        ("POA-015", "before-deadline"),
        ("POA-016", "asin-evidence-named"),
    ]
    placeholders = pack.rules[6].check
    assert placeholders.pattern == PLACEHOLDER_PATTERN  # the lint's list and the rule agree


@pytest.mark.parametrize("name", GOOD)
def test_a_complete_factual_letter_has_no_finding_at_all(name):
    result = lint(name)
    assert result.findings == []
    assert result.counts == {"fail": 0, "warn": 0, "unknown": 0}
    assert not result.failed
    assert [p.rule.id for p in result.rules] == ALL_RULES
    assert render_lint(result) == "No problems found: the plan is ready to send.\n"


# Each bad letter breaks one rule, at these lines, and passes every other rule (a sentence
# that is no measure at all, the plea and the promise, has no owner or frequency either).
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
            (19, "POA-011", "fail", "owner"),
            (19, "POA-011", "fail", "frequency"),
        ],
    ),
    (
        "promises.txt",
        [
            (17, "POA-005", "fail", "we guarantee, will never happen again"),
            (17, "POA-011", "fail", "owner"),
            (17, "POA-011", "fail", "frequency"),
        ],
    ),
    ("other-sellers.txt", [(8, "POA-006", "fail", "other sellers, competitor")]),
    (
        "placeholders.md",
        [
            (10, "POA-007", "fail", "[[TO COMPLETE: date the label printer failed]]"),
            (14, "POA-007", "fail", "[insert date]"),
            (23, "POA-007", "fail", "TBD"),
        ],
    ),
    # (these short letters also warn on length, POA-003: under 150 words)
    ("restates-metric.txt", [(1, "POA-003", "warn", None), (7, "POA-008", "fail", None)]),
    ("unanswered-causes.txt", [(11, "POA-009", "fail", None)]),
    (
        "introduction.txt",
        [(1, "POA-003", "warn", None), (5, "POA-012", "fail", "We are a small family business")],
    ),
    ("mixed-language.txt", [(1, "POA-003", "warn", None), (11, "POA-013", "fail", None)]),
    ("contradicts-notice.md", [(9, "POA-014", "fail", None)]),
    ("evidence-missing.txt", [(8, "POA-016", "fail", None), (9, "POA-016", "fail", None)]),
]


@pytest.mark.parametrize("name, expected", BAD, ids=[b[0] for b in BAD])
def test_a_letter_written_to_break_one_rule_breaks_it_where_expected(name, expected):
    result = lint(name)
    assert summary(result) == expected
    assert result.failed == any(outcome == "fail" for _, _, outcome, _ in expected)


def test_every_rule_has_a_bad_letter():
    broken = {rule for _, found in BAD for _, rule, _, _ in found}
    broken |= {"POA-010", "POA-015"}  # an undated action and a passed deadline: below
    assert broken == set(ALL_RULES)


def test_a_corrective_action_needs_its_date():
    text = (LETTERS / "ip-good.txt").read_text(encoding="utf-8")
    text = text.replace("- On 2026-11-18 we stopped buying", "- We stopped buying")
    assert summary(lint("ip-good.txt", text=text)) == [(14, "POA-010", "fail", None)]


def test_a_plan_after_the_notices_deadline_fails_and_on_its_day_warns():
    late = Notice(**{**ODR_NOTICE.__dict__, "deadline": dt.datetime(2026, 11, 23, 8, 5)})
    [finding] = lint("odr-good.md", notice=late, as_of=dt.date(2026, 11, 25)).findings
    assert (finding["rule_id"], finding["outcome"], finding["observed"]) == (
        "POA-015",
        "fail",
        "2026-11-23",
    )
    assert "2026-11-23" in finding["message"]
    today = lint("odr-good.md", notice=late, as_of=dt.date(2026, 11, 23))
    assert summary(today) == [(1, "POA-015", "warn", None)]
    assert lint("odr-good.md", notice=late, as_of=dt.date(2026, 11, 21)).findings == []


def test_the_contradiction_is_said_in_plain_words():
    [finding] = [f for f in lint("contradicts-notice.md").findings if f["rule_id"] == "POA-014"]
    assert finding["observed"] == (
        "0.81% where the notice states 1.25%; 3 of 370 orders where the notice states 5 of "
        "400; FBA orders where the notice is about seller-fulfilled orders; a 30-day window "
        "where the notice's is 60 days"
    )
    # Without the notice nothing is compared: the letter is only checked for substance.
    assert lint("contradicts-notice.md", notice=Notice()).findings == []


def test_each_asin_is_named_with_the_documents_the_notice_asks_for():
    found = lint("evidence-missing.txt").findings
    assert [(f["entity"]["asin"], f["observed"]) for f in found] == [
        ("B0DK7Q2VNL", "images of the product label and packaging"),
        ("B0F3TR8WJX", "Certificate of Analysis (COA), supplier invoices"),
    ]


def test_a_draft_is_linted_with_its_placeholders_as_warnings():
    result = lint("placeholders.md", draft=True)
    assert [(f["rule_id"], f["outcome"]) for f in result.findings] == [("POA-007", "warn")] * 3
    assert not result.failed
    assert lint("placeholders.md").failed


def test_mixed_language_names_the_text():
    [finding] = [f for f in lint("mixed-language.txt").findings if f["rule_id"] == "POA-013"]
    assert finding["observed"] == "这里要再确认一下具体日期。"


def test_an_unaddressed_asin_is_named_in_the_finding():
    [finding] = lint("asin-not-addressed.txt").findings
    assert finding["entity"] == {
        "type": "notice_asin",
        "letter": "asin-not-addressed.txt",
        "asin": "B0CPST7KL5",
    }
    assert "B0CPST7KL5" in finding["message"]


def test_length_is_counted_in_words_and_a_long_letter_warns():
    assert lint("too-short.txt").findings[0]["observed"] == 34
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


def test_three_placeholders_fail_three_times_with_their_texts():
    result = lint("placeholders.md")
    assert [f["detail"] for f in result.findings] == [
        "[[TO COMPLETE: date the label printer failed]]",
        "[insert date]",
        "TBD",
    ]
    assert result.counts == {"fail": 3, "warn": 0, "unknown": 0}
    assert result.failed
    # The letter's own list gives each placeholder's exact line (TBD is on the sign-off's
    # second line); the notes after the marker are not the letter's.
    assert result.placeholders == [
        (10, "[[TO COMPLETE: date the label printer failed]]"),
        (14, "[insert date]"),
        (24, "TBD"),
    ]


def test_the_same_placeholder_twice_in_a_paragraph_fails_once_there():
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
        emotive.txt:19: POA-011 fail  This preventive measure names no owner: say who runs it (a role) and how often.
        emotive.txt:19: POA-011 fail  This preventive measure names no frequency: say who runs it (a role) and how often.
        4 failing, 0 warnings: fix the failing ones before sending.
        """
    )


def test_the_listing_in_chinese():
    result = lint("placeholders.md", draft=True)
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
    assert "POA-004" not in [f["rule_id"] for f in result.findings]
    assert "POA-004" not in [p.rule.id for p in result.rules]
    only = lint("placeholders.md", options=Options(select=["POA-007"]))
    assert [p.rule.id for p in only.rules] == ["POA-007"]


def test_a_configuration_written_for_audits_does_not_stop_the_lint():
    # Ids of audit rules are valid names here; a select of audit rules only keeps the pack.
    options = Options(select=["LST-", "HLT-001"], ignore=["LST-002"])
    result = lint("promises.txt", options=options)
    assert [p.rule.id for p in result.rules] == ALL_RULES
    assert summary(result)[0] == (17, "POA-005", "fail", "we guarantee, will never happen again")


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


def test_an_asin_the_letter_does_not_name_is_left_to_poa_002_not_reported_twice():
    notice = Notice(**{**SUPPLEMENT_NOTICE.__dict__, "asins": ("B0DK7Q2VNL", "B0DNOTNAMED")})
    found = [
        (f["rule_id"], f["entity"]["asin"])
        for f in lint("evidence-missing.txt", notice=notice).findings
    ]
    assert ("POA-002", "B0DNOTNAMED") in found
    assert ("POA-016", "B0DNOTNAMED") not in found
    assert ("POA-016", "B0DK7Q2VNL") in found
