"""A notice saved from an email as HTML reads as the text the mail client showed."""

from __future__ import annotations

from pathlib import Path

from auditor.poa.html_text import html_to_text, looks_like_html
from auditor.poa.notice import parse_notice, read_notice

NOTICES = Path(__file__).resolve().parents[1] / "data" / "poa" / "notices"
HTML = NOTICES / "ip-trademark-us.html"


def test_an_email_saved_as_html_gives_its_text_without_tags_scripts_or_links():
    text = html_to_text(HTML.read_text(encoding="utf-8"))

    assert text.splitlines()[:4] == [
        "From: Amazon <notice-dispute@amazon.com>",
        "Sent: Friday, November 13, 2026 11:02 PM",
        "To: support@brightpeak-goods.example",
        "Subject: Notice of policy warning: intellectual property complaint",
    ]
    assert "rights owner’s trademark" in text  # &#8217;
    assert "Rights owner: Helvar Audio GmbH & Co. KG\n" in text
    assert "ASIN: B07XJ8C8F5\nASIN: B08R4N2VQK\n" in text
    for gone in ("<b>", "<a ", "script", "document.cookie", "font-family", "https://", "&amp;"):
        assert gone not in text


def test_the_html_notice_reads_as_the_text_one_does():
    from_html = read_notice(HTML)
    from_text = read_notice(NOTICES / "ip-trademark-us.txt")

    assert from_html.understood[0].startswith("The notice is an email saved as HTML")
    same = ("violation", "asins", "marketplace", "notice_date", "deadline", "complaint_ids")
    assert all(getattr(from_html, f) == getattr(from_text, f) for f in same)
    assert from_html.rights_owner == "Helvar Audio GmbH & Co. KG"


def test_table_cells_stay_apart_as_the_notice_reader_expects():
    html = (
        "<p>The following listings were removed:</p><table>"
        "<tr><th>ASIN</th><th>SKU</th><th>Title</th></tr>"
        "<tr><td>B0C4KX9Q2M</td><td>NLH-PEST-0100</td><td>Garden ant bait</td></tr>"
        "<tr><td>B0D1RT7WZ3</td><td>NLH-PEST-0250</td><td>Wasp spray</td></tr></table>"
    )
    assert parse_notice(html).skus == ("NLH-PEST-0100", "NLH-PEST-0250")


def test_plain_text_with_an_address_in_angle_brackets_is_not_taken_for_html():
    text = (NOTICES / "restricted-eu-72h.txt").read_text(encoding="utf-8")
    assert not looks_like_html(text)
    assert not looks_like_html(text + "\nSKU: <script>alert(1)</script>\n")
    assert looks_like_html("<div>Hello,</div><p>We removed <b>B0C4KX9Q2M</b>.</p>")
