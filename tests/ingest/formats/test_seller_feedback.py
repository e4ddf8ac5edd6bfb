"""The seller feedback report, recognised by header in the API's TSV and Seller Central's CSV."""

from __future__ import annotations

from pathlib import Path

from conftest import DATA, column

from auditor.ingest.read import read_file
from auditor.ingest.result import FileResult

FILES = DATA / "amazon" / "seller-feedback"
API = FILES / "Feedback-API-US.tsv"
UK = FILES / "Feedback-Download-UK.csv"
GBK = FILES / "Feedback-Download-GBK.csv"


def read(path: Path, marketplace: str | None = None) -> FileResult:
    return read_file(path, path.name, marketplace)


def test_the_api_report_is_read_by_header_with_us_dates() -> None:
    result = read(API, "US")

    assert (result.format, result.table) == ("seller-feedback-report", "feedback")
    assert [str(d.date()) for d in column(result, "date")] == [
        "2026-11-28",
        "2026-11-21",
        "2026-11-14",
        "2026-11-02",
    ]
    assert column(result, "rating") == [1, 2, 5, 3]
    assert column(result, "response")[:2] == [
        None,
        "Sorry for the delay: we have refunded the shipping.",
    ]
    assert column(result, "order_id")[0] == "113-4728163-5039410"
    assert column(result, "marketplace") == ["US"] * 4


def test_the_rater_email_is_never_read() -> None:
    """The buyer's e-mail is personal data: no column holds it, only its header is named."""
    result = read(API, "US")

    assert result.frame is not None
    cells = [str(c) for c in result.frame.to_numpy().ravel()]
    assert not any("@marketplace.amazon" in c for c in cells)
    assert "Rater Email" in result.unmapped


def test_a_date_that_is_no_date_rejects_its_row_with_the_reason() -> None:
    result = read(API, "US")

    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (6, "date")
    assert "'13/13/26' is not a date" in rejected.reason


def test_the_longer_download_with_the_buyers_answers_and_european_dates() -> None:
    result = read(UK, "UK")

    assert [str(d.date()) for d in column(result, "date")] == ["2026-11-28", "2026-11-19"]
    assert column(result, "item_as_described") == ["No", "Yes"]
    assert column(result, "comments")[0] == "Fake! Not the real brand, the logo is different."
    [rejected] = result.rejected
    assert (rejected.row, rejected.column) == (4, "rating")
    assert "'six'" in rejected.reason


def test_a_gbk_file_saved_by_chinese_excel_is_read() -> None:
    result = read(GBK, "JP")

    assert column(result, "comments") == ["充电器用了一次就冒烟了，很危险", "很好，物流很快"]
    assert [str(d.date()) for d in column(result, "date")] == ["2026-11-25", "2026-11-20"]


def test_dates_that_read_both_ways_are_rejected_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "feedback.txt"
    path.write_text(
        "Date\tRating\tComments\tYour Response\tOrder ID\n"
        "03/04/26\t1\tBroken\t\t111-1\n"
        "05/05/26\t5\tGood\t\t111-2\n",
        encoding="utf-8",
    )
    result = read(path, "US")

    assert [str(d.date()) for d in column(result, "date")] == ["2026-05-05"]
    [rejected] = result.rejected
    assert rejected.row == 2
    assert "could be day/month or month/day" in rejected.reason


def test_a_rating_off_the_five_star_scale_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "feedback.txt"
    path.write_text(
        "Date\tRating\tComments\tYour Response\tOrder ID\n2026-11-20\t7\tBroken\t\t111-1\n",
        encoding="utf-8",
    )
    [rejected] = read(path, "US").rejected
    assert rejected.reason == "Rating '7' is not 1 to 5 stars"
