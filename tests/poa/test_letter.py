"""A plan of action split into the tables the `poa` rules read: its three parts, its
paragraphs with the line each starts on, and the notice's ASINs where the plan names them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from auditor.errors import AuditorError
from auditor.poa.letter import (
    NOTES_MARKER,
    find_placeholders,
    heading_section,
    placeholder,
)
from auditor.poa.tables import split_letter

LETTERS = DATA / "poa" / "letters"


#: The columns of the split itself (what each paragraph says is tests/poa/test_tables.py's).
SPLIT_COLUMNS = {
    "poa_letters": ["letter", "text", "root_cause", "corrective_actions", "preventive_measures"],
    "poa_paragraphs": ["letter", "line", "section", "text"],
    "poa_asins": ["letter", "asin", "line"],
}


def letter_rows(text: str, name: str = "plan.txt", asins: tuple[str, ...] = ()) -> dict:
    tables = split_letter(text, name, asins)
    frames = {
        n: t.frame.reindex(columns=SPLIT_COLUMNS[n])
        for n, t in tables.items()
        if n in SPLIT_COLUMNS
    }
    return {
        n: [
            {k: (None if v is None or v != v else v) for k, v in r.items()}
            for r in f.to_dict("records")
        ]
        for n, f in frames.items()
    }


def paragraphs(path: Path | str, asins: tuple[str, ...] = ()) -> list[tuple[int, str | None, str]]:
    text = path.read_text(encoding="utf-8") if isinstance(path, Path) else path
    rows = letter_rows(text, "plan.txt", asins)["poa_paragraphs"]
    return [(r["line"], r["section"], r["text"]) for r in rows]


@pytest.mark.parametrize(
    "heading, section",
    [
        ("# Root Cause", "root_cause"),
        ("## 1. Root cause", "root_cause"),
        ("1. Root Cause", "root_cause"),
        ("**Root causes:**", "root_cause"),
        ("Root cause(s) of the issue:", "root_cause"),
        ("ROOT CAUSE ANALYSIS", "root_cause"),
        ("II. What caused the issue", "root_cause"),
        ("Corrective actions (taken)", "corrective_actions"),
        ("Corrective action taken:", "corrective_actions"),
        ("2) Actions taken", "corrective_actions"),
        ("Actions we have taken", "corrective_actions"),
        ("Part 2: Corrective Measures", "corrective_actions"),
        ("Preventive measures", "preventive_measures"),
        ("**Preventative Measures**", "preventive_measures"),
        ("Steps to prevent recurrence:", "preventive_measures"),
        ("Actions taken to prevent recurrence", "preventive_measures"),
        ("### 3. Long-term preventive actions", "preventive_measures"),
        ("一、根本原因", "root_cause"),
        ("【纠正措施】", "corrective_actions"),
        ("三、预防措施：", "preventive_measures"),
    ],
)
def test_a_heading_is_known_however_the_seller_writes_it(heading, section):
    assert heading_section(heading) == section


@pytest.mark.parametrize(
    "line",
    [
        "Root cause analysis showed that the carrier lost 12 parcels.",
        "Plan of Action - Order Defect Rate",
        "Dear Seller Performance Team,",
        "Preventive maintenance of the label printer was overdue",
        "Actions",
    ],
)
def test_a_sentence_about_a_cause_is_not_a_heading(line):
    assert heading_section(line) is None


def test_markdown_letter_parts_and_paragraph_lines():
    rows = letter_rows((LETTERS / "odr-good.md").read_text(encoding="utf-8"))
    [letter] = rows["poa_letters"]
    assert letter["root_cause"].startswith("We reviewed all 5 defective orders.")
    assert letter["root_cause"].endswith("both arrived broken.")
    assert letter["corrective_actions"].startswith("1. On 2026-11-21 we refunded the 3 buyers")
    assert letter["preventive_measures"].endswith("Hannah Weber, Northwind Home GmbH")
    assert letter["text"].startswith("# Plan of Action: Order Defect Rate")
    assert paragraphs(LETTERS / "odr-good.md")[:6] == [
        (1, None, "# Plan of Action: Order Defect Rate, seller-fulfilled orders, Amazon.de"),
        (3, None, "Dear Seller Performance Team,"),
        (
            5,
            None,
            "This plan answers your notice of 2026-11-20 about our Order Defect Rate of 1.25% "
            "(5 of 400 seller-fulfilled orders in the 60 days from 2026-09-21 to 2026-11-19).",
        ),
        (9, "root_cause", "We reviewed all 5 defective orders. There were two causes:"),
        (
            11,
            "root_cause",
            "Late and undelivered parcels (3 orders: 2 negative feedback, 1 A-to-z Guarantee "
            "claim). All 3 were shipped with our regional carrier between 2026-10-06 and "
            "2026-10-10, when its Leipzig depot was closed for 4 days. We did not check tracking "
            "after handover, so we learned of the delay only from the buyers.",
        ),
        (
            12,
            "root_cause",
            "Damaged items (2 orders: 1 negative feedback, 1 chargeback). The glass bottles of "
            "SKU HN-BOT-750 were packed in a mailer without padding; both arrived broken.",
        ),
    ]


def test_bold_headings_with_their_text_on_the_same_line():
    found = paragraphs(LETTERS / "restricted-good.txt")
    assert found[2][:2] == (5, "root_cause")
    assert found[2][2].startswith("On 2026-10-28 a new catalogue assistant created the listing")
    assert [(line, section) for line, section, _ in found[3:]] == [
        (8, "corrective_actions"),
        (9, "corrective_actions"),
        (10, "corrective_actions"),
        (13, "preventive_measures"),
        (14, "preventive_measures"),
        (15, "preventive_measures"),
        (17, "preventive_measures"),
        (19, "preventive_measures"),
    ]
    assert found[-1][2] == "Sincerely, Tomas Novak, Greenrow Garden Supplies"


def test_headings_in_words_and_dash_items():
    rows = letter_rows((LETTERS / "inauthentic-good.txt").read_text(encoding="utf-8"))
    [letter] = rows["poa_letters"]
    assert letter["root_cause"].startswith("Between 2026-09-01 and 2026-11-10 we received 4")
    assert letter["corrective_actions"].startswith("1. On 2026-11-11 we removed the remaining 37")
    assert letter["preventive_measures"].startswith(
        "1. Our purchasing manager buys this brand only from distributors"
    )
    ip = paragraphs(LETTERS / "ip-good.txt")
    assert [(line, section) for line, section, _ in ip if section == "corrective_actions"] == [
        (11, "corrective_actions"),
        (12, "corrective_actions"),
        (13, "corrective_actions"),
        (14, "corrective_actions"),
    ]
    assert ip[4][2] == (
        "On 2026-11-18 we deleted both listings and confirmed the deletion on the Manage "
        "Inventory page."
    )


def test_a_wrapped_list_item_is_one_paragraph_starting_on_its_first_line():
    text = (
        "Root cause\n"
        "1. The label printer failed on 2026-10-14 and 17 orders\n"
        "   were confirmed without tracking.\n"
        "2. A local courier is not integrated with Amazon.\n"
        "\n"
        "Corrective actions:\n"
        "- Uploaded tracking for the 17 orders on 2026-11-20.\n"
        "Preventive measures: only Buy Shipping labels are used.\n"
    )
    assert paragraphs(text) == [
        (
            2,
            "root_cause",
            "The label printer failed on 2026-10-14 and 17 orders were confirmed without tracking.",
        ),
        (4, "root_cause", "A local courier is not integrated with Amazon."),
        (7, "corrective_actions", "Uploaded tracking for the 17 orders on 2026-11-20."),
        (8, "preventive_measures", "only Buy Shipping labels are used."),
    ]


def test_a_line_inside_a_paragraph_is_a_heading_only_when_marked_up():
    text = (
        "We found that the\n"
        "root cause of the delay\n"
        "was a closed depot.\n"
        "Corrective actions:\n"
        "We refunded 3 buyers.\n"
    )
    rows = letter_rows(text)
    [letter] = rows["poa_letters"]
    assert letter["root_cause"] is None
    assert letter["corrective_actions"] == "We refunded 3 buyers."
    assert [(r["line"], r["section"]) for r in rows["poa_paragraphs"]] == [
        (1, None),
        (5, "corrective_actions"),
    ]


def test_a_heading_repeated_for_each_cause_adds_to_the_same_part():
    text = (
        "Root cause 1: negative feedback\n"
        "Three buyers said the mat smelled of rubber.\n"
        "\n"
        "Root cause 2 - late deliveries\n"
        "Two parcels waited 6 days at the depot.\n"
    )
    [letter] = letter_rows(text)["poa_letters"]
    assert letter["root_cause"] == (
        "negative feedback\nThree buyers said the mat smelled of rubber.\n\n"
        "late deliveries\nTwo parcels waited 6 days at the depot."
    )


def test_chinese_headings():
    text = (
        "一、根本原因\n"
        "9 月 1 日至 10 月 30 日共 400 个订单，其中 5 个为缺陷订单。\n"
        "\n"
        "二、纠正措施：已于 2026-11-21 全额退款。\n"
        "\n"
        "三、预防措施\n"
        "- 仓库主管每个工作日 10:00 检查未妥投包裹。\n"
    )
    assert paragraphs(text) == [
        (2, "root_cause", "9 月 1 日至 10 月 30 日共 400 个订单，其中 5 个为缺陷订单。"),
        (4, "corrective_actions", "已于 2026-11-21 全额退款。"),
        (7, "preventive_measures", "仓库主管每个工作日 10:00 检查未妥投包裹。"),
    ]


def test_a_heading_with_nothing_under_it_leaves_its_part_blank():
    text = (
        "Root cause:\nThe carrier lost 4 parcels.\n\nCorrective actions:\n\nPreventive measures:\n"
    )
    [letter] = letter_rows(text)["poa_letters"]
    assert letter["root_cause"] == "The carrier lost 4 parcels."
    assert letter["corrective_actions"] is None
    assert letter["preventive_measures"] is None


def test_windows_line_endings_and_a_byte_order_mark_keep_line_numbers():
    text = "\ufeffDear team,\r\n\r\nRoot cause:\r\nThe carrier lost 4 parcels.\r\n"
    assert paragraphs(text) == [
        (1, None, "Dear team,"),
        (4, "root_cause", "The carrier lost 4 parcels."),
    ]


def test_nothing_after_the_notes_marker_is_part_of_the_letter():
    text = (LETTERS / "placeholders.md").read_text(encoding="utf-8")
    rows = letter_rows(text)
    [letter] = rows["poa_letters"]
    assert NOTES_MARKER not in letter["text"]
    assert letter["text"].endswith("Kind regards,\nTBD")
    assert "buyer lied" not in " ".join(r["text"] for r in rows["poa_paragraphs"])
    assert rows["poa_paragraphs"][-1] == {
        "letter": "plan.txt",
        "line": 23,
        "section": "preventive_measures",
        "text": "Kind regards, TBD",
    }


def test_notice_asins_are_found_where_a_part_first_names_them():
    text = (LETTERS / "asin-not-addressed.txt").read_text(encoding="utf-8")
    rows = letter_rows(text, asins=("B0CPST7KL3", "b0cpst7kl4 ", "B0CPST7KL5", "B0CPST7KL3"))
    assert rows["poa_asins"] == [
        {"letter": "plan.txt", "asin": "B0CPST7KL3", "line": 8},
        {"letter": "plan.txt", "asin": "B0CPST7KL4", "line": 13},
        # Named only in the introduction, which restates the notice: not addressed.
        {"letter": "plan.txt", "asin": "B0CPST7KL5", "line": None},
    ]


def test_a_letter_without_parts_is_searched_whole_for_asins():
    rows = letter_rows("We deleted ASIN B0CPST7KL3 on 2026-11-15.", asins=("B0CPST7KL3",))
    assert rows["poa_asins"] == [{"letter": "plan.txt", "asin": "B0CPST7KL3", "line": 1}]


def test_an_asin_inside_a_longer_code_is_not_a_mention():
    text = "Root cause:\nRemoval order B0CPST7KL3X was late.\n"
    rows = letter_rows(text, asins=("B0CPST7KL3",))
    assert rows["poa_asins"] == [{"letter": "plan.txt", "asin": "B0CPST7KL3", "line": None}]


def test_an_empty_letter_is_a_clear_error():
    with pytest.raises(AuditorError, match=r"plan\.txt: the letter is empty"):
        split_letter(f"\n  \n{NOTES_MARKER}\n- notes only\n", "plan.txt")


def test_placeholders_the_draft_writes_and_those_people_write():
    assert placeholder("supplier name") == "[[TO COMPLETE: supplier name]]"
    text = (
        f"Supplier: {placeholder('supplier name')}\n"
        "Invoice dated [insert date], order XXX-XXXXXXX-XXXXXXX.\n"
        "Signed: [Your name], TBD, ____\n"
        "Courier: [DHL] for orders of 2026-10 in size XXL; {{ order_count }} orders\n"
        f"{NOTES_MARKER}\n"
        "[TBD] in the notes is not the letter's.\n"
    )
    assert find_placeholders(text) == [
        (1, "[[TO COMPLETE: supplier name]]"),
        (2, "[insert date]"),
        (2, "XXX-XXXXXXX-XXXXXXX"),
        (3, "[Your name]"),
        (3, "TBD"),
        (3, "____"),
        (4, "{{ order_count }}"),
    ]
