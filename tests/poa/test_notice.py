"""Reading Amazon's notice: which violation, which ASINs and store, when it was sent, when the
plan of action is due, and one plain line for each thing that could not be understood.

The notices in tests/data/poa/notices restate, in our own words, the notice wording the
reference quotes (see the README there); the inline texts are variants of our own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DATA, REPO
from hypothesis import given
from hypothesis import strategies as st

from auditor.errors import AuditorError
from auditor.poa.notice import NO_PLAN, Notice, RequestedDocument, parse_notice, read_notice
from auditor.poa.violations import VIOLATIONS

NOTICES = DATA / "poa" / "notices"
USUAL = "72 hours after the notice date (Amazon's usual window; the notice states none)"
NO_DATE = (
    "The notice gives no date to count from, so no deadline can be worked out; look up the "
    "notice's date in Seller Central (Performance > Account Health)."
)
NO_TYPE = (
    "No violation type recognised in the notice's wording (such as 'Order Defect Rate', "
    "'restricted product' or 'intellectual property'); name it with --violation."
)
UTC = dt.UTC


def notice(name: str, marketplace: str | None = None) -> Notice:
    if marketplace is None:
        return read_notice(NOTICES / name)
    return parse_notice((NOTICES / name).read_text(encoding="utf-8"), marketplace=marketplace)


# --- the notices the reference quotes ----------------------------------------------------------


def test_eu_restricted_product_notice_asks_for_a_plan_within_72_hours_of_its_date():
    read = notice("restricted-eu-72h.txt")

    assert read.violation == "restricted-product-violations"
    assert read.other_violations == ()
    assert read.asins == ("B0C4KX9Q2M", "B0D1RT7WZ3")
    assert read.skus == ("NLH-PEST-0100", "NLH-PEST-0250")
    assert read.marketplace == "DE"
    assert (read.notice_date, read.time_known) == (dt.datetime(2026, 11, 20, 9, 14), True)
    assert read.deadline == dt.datetime(2026, 11, 23, 9, 14)
    assert read.deadline_basis == "72 hours after the notice date (stated in the notice)"
    assert read.subject == "Action required: restricted products listed on Amazon.de"
    assert read.understood == (
        "Violation: restricted-product-violations ('restricted products', in the subject)",
        "Store: DE (named as 'Amazon.de')",
        "Notice date: 2026-11-20 09:14, from the 'Date:' header of the message from Amazon",
        "Deadline: 2026-11-23 09:14, 72 hours after the notice date (stated in the notice)",
        "ASINs: B0C4KX9Q2M, B0D1RT7WZ3",
        "SKUs: NLH-PEST-0100, NLH-PEST-0250",
    )
    # the plan's three parts are listed, but no document is asked for
    assert (read.channel, read.rate, read.documents) == (None, None, ())
    assert read.problems == ()


def test_related_accounts_notice_states_no_window_so_amazons_usual_72_hours_apply():
    """ "Paid out 90 days after the date of this message" is about funds, not the answer."""
    read = notice("related-accounts-ae.txt")

    assert read.violation == "related-accounts"
    assert read.asins == ()
    assert read.marketplace == "AE"
    assert read.notice_date == dt.datetime(2026, 11, 15, 18, 40)
    assert read.deadline == dt.datetime(2026, 11, 18, 18, 40)
    assert read.deadline_basis == USUAL
    # no listing is concerned, so no ASIN is missing
    assert read.problems == ()


def test_odr_at_risk_notice_forwarded_from_gmail():
    read = notice("odr-at-risk-us.txt")

    assert read.violation == "order-defect-rate"
    assert read.marketplace == "US"
    assert (read.notice_date, read.time_known) == (dt.datetime(2026, 11, 19, 16, 5), True)
    assert read.deadline == dt.datetime(2026, 11, 22, 16, 5)
    assert read.deadline_basis == "72 hours after the notice date (stated in the notice)"
    assert read.problems == ()


def test_inauthentic_notice_gives_17_days_and_the_365_days_of_invoices_are_no_deadline():
    read = notice("inauthentic-uk-17-days.txt")

    assert read.violation == "authenticity-complaints"
    assert read.asins == ("B0BQ7M2K9L", "B09ZP4TLW8")
    assert read.marketplace == "UK"
    assert (read.notice_date, read.time_known) == (dt.datetime(2026, 11, 18), False)
    assert (read.deadline, read.deadline_time_known) == (dt.datetime(2026, 12, 5), False)
    assert read.deadline_basis == "17 days after the notice date (stated in the notice)"
    assert read.understood[3] == (
        "Deadline: 2026-12-05 00:00, 17 days after the notice date (stated in the notice); "
        "the notice gives no time, so counted from the start of its day"
    )
    assert read.problems == ()


def test_us_valid_tracking_notice_a_window_not_about_answering_is_not_the_deadline():
    """ "Reflected in the metric within 72 hours" says when tracking shows, not when to reply."""
    read = notice("vtr-us.txt")

    assert read.violation == "valid-tracking-rate"
    assert read.marketplace == "US"
    assert (read.notice_date, read.time_known) == (dt.datetime(2026, 11, 3), False)
    assert read.deadline == dt.datetime(2026, 11, 6)
    assert read.deadline_basis == USUAL
    assert read.problems == ()


def test_ip_complaint_names_the_rights_owner_the_complaint_and_the_asins():
    read = notice("ip-trademark-us.txt")

    assert read.violation == "ip-complaints"
    assert read.rights_owner == "Helvar Audio GmbH"
    # the complaint id is ten digits like a book's ASIN, but is not labelled ASIN
    assert read.complaint_ids == ("9876543210",)
    assert read.asins == ("B07XJ8C8F5", "B08R4N2VQK")
    assert read.marketplace == "US"  # notice-dispute@amazon.com names no store; the signature does
    assert read.notice_date == dt.datetime(2026, 11, 13, 23, 2)
    assert read.deadline == dt.datetime(2026, 11, 16, 23, 2)
    assert read.deadline_basis == USUAL
    assert "Rights owner: Helvar Audio GmbH" in read.understood
    assert read.problems == ()


# --- variants of our own -----------------------------------------------------------------------


def test_email_forwarded_by_a_chinese_mail_client_is_dated_by_amazons_own_header():
    read = notice("forwarded-zh-product-safety.txt")

    assert read.violation == "product-safety-complaints"
    assert read.asins == ("B0CM3V8PLQ",)
    assert read.skus == ("HZL-USB-LAMP-07",)
    assert read.marketplace == "UK"
    assert read.subject == "Product safety complaints about your listing on Amazon.co.uk"
    # 20/11/2026 14:30 from Amazon, not the colleague's 2026年11月21日 上午10:02
    assert read.notice_date == dt.datetime(2026, 11, 20, 14, 30)
    assert read.deadline == dt.datetime(2026, 11, 23, 14, 30)
    assert read.dates == (dt.date(2026, 11, 21),)
    assert read.problems == ()


def test_a_date_the_notice_states_wins_over_a_window():
    read = notice("explicit-deadline-listing.txt")

    assert read.violation == "listing-policy-violations"
    assert read.asins == ("B0DF5NK2R7",)
    assert read.notice_date == dt.datetime(2026, 11, 23, 8, 0)
    assert (read.deadline, read.deadline_time_known) == (dt.datetime(2026, 12, 1), False)
    assert read.deadline_basis == "stated in the notice"
    assert read.understood[3:5] == (
        "Deadline: 2026-12-01, stated in the notice ('by December 1, 2026'); no time is given, "
        "so the start of that day",
        "The notice also says 'within 72 hours'; the date it states wins.",
    )
    assert read.problems == ()


def test_a_notice_naming_two_violations_answers_the_one_in_its_subject():
    read = notice("two-violations-review-listing.txt")

    assert read.violation == "review-policy-violations"
    assert read.other_violations == ("listing-policy-violations",)
    assert read.asins == ("B0B8WQ3X6N",)
    assert read.marketplace == "DE"
    assert read.notice_date == dt.datetime(2026, 11, 24, 11, 45)  # 24.11.2026 11:45
    assert read.deadline == dt.datetime(2026, 11, 27, 11, 45)
    assert read.understood[:2] == (
        "Violation: review-policy-violations ('Customer Product Reviews policy', in the subject)",
        "The notice also names listing-policy-violations ('listing policy')",
    )


@pytest.mark.parametrize(
    ("marketplace", "notice_date", "how"),
    [
        (None, dt.datetime(2026, 4, 3, 10, 15), "day first, as no store is named (give the "
         "marketplace to choose): 2026-04-03."),
        ("US", dt.datetime(2026, 3, 4, 10, 15), "month first, as the store is US: 2026-03-04."),
        ("DE", dt.datetime(2026, 4, 3, 10, 15), "day first, as the store is DE: 2026-04-03."),
    ],
)  # fmt: skip
def test_an_ambiguous_date_is_read_by_the_stores_custom_and_reported(
    marketplace: str | None, notice_date: dt.datetime, how: str
):
    read = parse_notice(
        (NOTICES / "ambiguous-date-lsr.txt").read_text(encoding="utf-8"), marketplace=marketplace
    )

    assert read.violation == "late-shipment-rate"
    assert (read.channel, read.rate, read.target, read.window_days) == ("mfn", 0.061, 0.04, 30)
    assert read.marketplace == marketplace
    assert read.notice_date == notice_date
    assert read.deadline == notice_date + dt.timedelta(hours=72)
    assert read.problems == (
        "The date '03/04/2026' could be 4 March (month first) or 3 April (day first); read " + how,
    )


# --- notices it cannot understand --------------------------------------------------------------


def test_a_notice_naming_no_violation_type_says_so():
    read = notice("no-type.txt")

    assert read.violation is None
    assert read.notice_date == dt.datetime(2026, 11, 25, 16, 20, 7, tzinfo=UTC)
    assert read.deadline == dt.datetime(2026, 11, 28, 16, 20, 7, tzinfo=UTC)
    assert read.problems == (NO_TYPE,)


def test_a_notice_without_a_date_has_no_deadline_and_says_why():
    read = notice("no-date-restricted.txt")

    assert read.violation == "restricted-product-violations"
    assert read.asins == ("B0C9HT4RZ1",)
    assert (read.notice_date, read.deadline) == (None, None)
    assert read.deadline_basis == "none: the notice gives no date to count from"
    assert read.problems == (
        "The notice gives 72 hours to answer but no date to count from, so no deadline can be "
        "worked out; look up the notice's date in Seller Central (Performance > Account "
        "Health).",
    )


def test_gibberish_is_reported_as_not_a_notice():
    read = notice("gibberish.txt")

    assert (read.violation, read.asins, read.notice_date, read.deadline) == (None, (), None, None)
    assert read.understood == ()
    assert read.problems == (
        NO_TYPE,
        NO_DATE,
        "Nothing in the text was recognised as part of an Amazon notice (no violation, date, "
        "ASIN or store); check that the right file was given.",
    )


@pytest.mark.parametrize("text", ["", "  \r\n\t\n"])
def test_an_empty_text_says_it_is_empty(text: str):
    assert parse_notice(text).problems == ("The notice is empty: there is nothing to read.",)


def test_an_empty_file_says_it_is_empty():
    read = notice("empty.txt")

    assert (read.violation, read.notice_date, read.deadline) == (None, None, None)
    assert read.problems == ("The notice is empty: there is nothing to read.",)


def test_a_listing_violation_without_asins_asks_for_them():
    read = parse_notice("Date: 2026-11-20\nWe removed listings that break our listing policy.")

    assert read.problems == (
        "The notice names no ASIN, though listing-policy-violations is about listings; list "
        "the ASINs concerned (Account Health shows them) so the plan addresses each.",
    )


# --- the wording of each violation type --------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "violation"),
    [
        ("Your Order Defect Rate is above 1%.", "order-defect-rate"),
        ("Your ODR for seller-fulfilled orders is above target.", "order-defect-rate"),
        ("Your late shipment rate is above 4%.", "late-shipment-rate"),
        ("Your Pre-fulfillment Cancel Rate is above 2.5%.", "pre-fulfillment-cancel-rate"),
        ("Your pre-fulfilment cancellation rate is too high.", "pre-fulfillment-cancel-rate"),
        ("Your Valid Tracking Rate is below 95%.", "valid-tracking-rate"),
        ("Your On-Time Delivery Rate is below 90%.", "on-time-delivery-rate"),
        ("We received a report of intellectual property infringement.", "ip-complaints"),
        ("The rights owner reported a trademark infringement.", "ip-complaints"),
        ("The rights owner reported a copyright infringement for your images.", "ip-complaints"),
        ("The rights owner reported that your product infringes their patent.", "ip-complaints"),
        ("Customers reported receiving inauthentic items.", "authenticity-complaints"),
        ("We received reports that you sold counterfeit items.", "authenticity-complaints"),
        ("We received product authenticity complaints.", "authenticity-complaints"),
        ("Your listing is a restricted product in this store.", "restricted-product-violations"),
        ("Your listing does not follow our listing policy.", "listing-policy-violations"),
        ("We found a policy violation on your listing.", "listing-policy-violations"),
        ("Customers made product safety complaints.", "product-safety-complaints"),
        ("You broke our Customer Product Reviews policy.", "review-policy-violations"),
        ("We found evidence of review manipulation.", "review-policy-violations"),
        ("You manipulated customer reviews.", "review-policy-violations"),
        ("We have not received the documents requested.", "open-document-requests"),
        ("You have an open document request.", "open-document-requests"),
        ("This account is one of your related accounts.", "related-accounts"),
        ("You operate multiple accounts without approval.", "related-accounts"),
        ("Complaint type: Used items sold as new", "product-condition-complaints"),
        ("We received product condition complaints about ASIN B0BZ6KD3TW.",
         "product-condition-complaints"),
        ("We have suspended your offer during a food safety investigation.",
         "food-safety-violations"),
        ("Customers reported receiving expired products.", "food-safety-violations"),
        ("The item was delivered past its best-before date.", "food-safety-violations"),
        ("Your listings violate Amazon's ASIN Creation policy.", "variation-policy-violations"),
        ("Sellers may not add invalid variations.", "variation-policy-violations"),
        ("Issue type: Inappropriate Variations Creation", "variation-policy-violations"),
        ("You violated the Marketplace Fair Pricing Policy.", "fair-pricing-violations"),
        ("We found price gouging on essential items.", "fair-pricing-violations"),
        ("Your Buyer-Seller Messaging was restricted.", "buyer-messaging-violations"),
        ("Your account can no longer send proactive messages.", "buyer-messaging-violations"),
        ("Your messages broke our Communication Guidelines.", "buyer-messaging-violations"),
        ("This violates the Amazon Drop Shipping policy.", "drop-shipping-violations"),
        ("We found that you dropship orders from another retailer.",
         "drop-shipping-violations"),
        ("Your Invoice Defect Rate has exceeded the threshold of 5%.", "invoice-defect-rate"),
        ("Your IDR is above target.", "invoice-defect-rate"),
    ],
)  # fmt: skip
def test_the_wording_of_each_violation_type_is_recognised(wording: str, violation: str):
    assert parse_notice(wording).violation == violation


def test_every_violation_type_has_wording_that_names_it():
    named = {parse_notice(w).violation for w in _ONE_WORDING_EACH}
    assert named == set(VIOLATIONS)


_ONE_WORDING_EACH = [
    "Order Defect Rate",
    "late shipment rate",
    "pre-fulfillment cancel rate",
    "valid tracking rate",
    "on-time delivery",
    "trademark",
    "counterfeit",
    "restricted product",
    "listing policy",
    "product safety",
    "review manipulation",
    "document request",
    "related account",
    "used sold as new",
    "food safety",
    "ASIN Creation policy",
    "Marketplace Fair Pricing Policy",
    "Buyer-Seller Messaging",
    "drop shipping",
    "Invoice Defect Rate",
]


@pytest.mark.parametrize(
    "text",
    [
        "Please pay IDR 150,000 for the Singapore listing fee.",  # Indonesian rupiah
        "The courier's idr scanner was offline.",
        "Your idr is high.",  # an acronym is Amazon's only in capitals
    ],
)
def test_idr_is_the_invoice_defect_rate_only_as_amazon_writes_it(text: str):
    assert parse_notice(text).violation is None


def test_a_document_named_in_a_request_names_no_violation():
    """ "A copy of your trademark registration" asks for a document, not about an IP complaint."""
    read = notice("inauthentic-invoices-loa-us.txt")

    assert read.violation == "authenticity-complaints"
    assert read.other_violations == ()


def test_the_stated_complaint_type_outranks_the_template_text_around_it():
    """Condition and inauthentic notices share the sentence "a buyer complaint about the
    condition of an item"; the "Complaint type:" line says which it is."""
    read = notice("condition-used-sold-as-new-us.txt")

    assert read.violation == "product-condition-complaints"
    assert read.understood[0] == (
        "Violation: product-condition-complaints ('Used items sold as new', where the notice "
        "states the type)"
    )
    inauthentic = parse_notice(
        "We have removed your listing because of a buyer complaint about the condition of an "
        "item they received from you.\nComplaint Type: Inauthentic\nASIN: B0BZ6KD3TW"
    )
    assert inauthentic.violation == "authenticity-complaints"
    assert inauthentic.other_violations == ("product-condition-complaints",)


def test_food_and_product_safety_is_read_as_food_safety_when_the_text_speaks_of_food():
    read = notice("food-safety-expired-uk.txt")

    assert read.violation == "food-safety-violations"
    assert read.understood[1] == (
        "'Food and product safety' is Amazon's label for both food-safety-violations and "
        "product-safety-complaints; read as food-safety-violations, as the text speaks of "
        "'expired'."
    )
    assert read.problems == ()


def test_food_and_product_safety_without_food_in_the_text_is_product_safety_and_said():
    read = parse_notice(
        "Subject: Food and product safety issue\nA customer reported that the charger of "
        "ASIN B0CM3V8PLQ overheated. Send us a plan of action within 72 hours."
    )

    assert read.violation == "product-safety-complaints"
    assert read.problems[0] == (
        "'Food and product safety' is Amazon's label for both food-safety-violations and "
        "product-safety-complaints; read as product-safety-complaints, as the text names "
        "nothing such as 'expired', 'expiration date' or 'food poisoning'. Name the type with "
        "--violation if that is wrong."
    )


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "notice_date", "time_known"),
    [
        ("2026-11-20", dt.datetime(2026, 11, 20), False),
        ("November 20, 2026", dt.datetime(2026, 11, 20), False),
        ("Nov 20, 2026", dt.datetime(2026, 11, 20), False),
        ("Sept. 3rd, 2026", dt.datetime(2026, 9, 3), False),
        ("20 November 2026", dt.datetime(2026, 11, 20), False),
        ("20.11.2026", dt.datetime(2026, 11, 20), False),
        ("11/20/2026", dt.datetime(2026, 11, 20), False),
        ("20/11/2026", dt.datetime(2026, 11, 20), False),
        ("Thu, Nov 20, 2026 at 9:14 AM", dt.datetime(2026, 11, 20, 9, 14), True),
        ("Thursday, November 20, 2026 9:14 PM", dt.datetime(2026, 11, 20, 21, 14), True),
        ("20 Nov 2026 09:14", dt.datetime(2026, 11, 20, 9, 14), True),
        ("2026-11-20 09:14:03", dt.datetime(2026, 11, 20, 9, 14, 3), True),
        ("2026年11月20日 下午2:30", dt.datetime(2026, 11, 20, 14, 30), True),
        ("2026年11月20日(星期五) 上午9:05", dt.datetime(2026, 11, 20, 9, 5), True),
    ],
)
def test_dates_in_the_shapes_notices_and_mail_clients_write(
    written: str, notice_date: dt.datetime, time_known: bool
):
    read = parse_notice(f"Date: {written}\nYour Order Defect Rate is above target.")

    assert (read.notice_date, read.time_known) == (notice_date, time_known)
    assert read.deadline == notice_date + dt.timedelta(hours=72)
    assert read.problems == ()


@pytest.mark.parametrize(
    ("written", "offset"),
    [
        ("2026-11-20T09:14:00Z", dt.timedelta(0)),
        ("Fri, 20 Nov 2026 09:14:00 +0000", dt.timedelta(0)),
        ("November 20, 2026 at 9:14 AM PST", dt.timedelta(hours=-8)),
        ("20 Nov 2026 09:14 (UTC+08:00)", dt.timedelta(hours=8)),
        ("20 Nov 2026 09:14 CET", dt.timedelta(hours=1)),
    ],
)
def test_a_time_zone_written_with_the_time_is_kept(written: str, offset: dt.timedelta):
    read = parse_notice(f"Date: {written}\nOrder Defect Rate")

    assert read.notice_date is not None
    assert read.notice_date.replace(tzinfo=None) == dt.datetime(2026, 11, 20, 9, 14)
    assert read.notice_date.utcoffset() == offset
    assert read.problems == ()


def test_a_time_zone_that_could_mean_two_offsets_is_reported_not_guessed():
    read = parse_notice("Date: 20 Nov 2026 09:14 CST\nOrder Defect Rate")

    assert read.notice_date == dt.datetime(2026, 11, 20, 9, 14)
    assert read.problems == (
        "The time zone 'CST' in '20 Nov 2026 09:14 CST' is ambiguous or unknown; the time is "
        "read as written, without a zone.",
    )


def test_a_date_that_does_not_exist_is_reported():
    read = parse_notice("Date: 31/02/2026\nOrder Defect Rate")

    assert read.notice_date is None
    assert read.problems == ("'31/02/2026' looks like a date but is not one; ignored.", NO_DATE)


def test_without_a_header_the_first_date_not_to_answer_by_is_the_notice_date():
    read = parse_notice(
        "Please answer by 2026-12-01. On November 20, 2026 we found a restricted product, "
        "ASIN B0C4KX9Q2M. Orders from 2026-10-02 were checked."
    )

    assert read.notice_date == dt.datetime(2026, 11, 20)
    assert read.deadline == dt.datetime(2026, 12, 1)
    assert read.dates == (dt.date(2026, 10, 2),)
    assert read.understood[1] == (
        "Notice date: 2026-11-20, the first date in the text, 'November 20, 2026' "
        "(no Date: or Sent: header)"
    )


# --- the deadline ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "deadline", "basis"),
    [
        (
            "Send us a plan of action within 72 hours.",
            dt.datetime(2026, 11, 23, 9, 0),
            "72 hours after the notice date (stated in the notice)",
        ),
        (
            "Submit your appeal within seventy-two (72) hours.",
            dt.datetime(2026, 11, 23, 9, 0),
            "72 hours after the notice date (stated in the notice)",
        ),
        (
            "Please respond within 5 business days.",  # Friday + 5 working days
            dt.datetime(2026, 11, 27, 9, 0),
            "5 business days after the notice date (stated in the notice)",
        ),
        (
            "Provide the documents in the next 10 days.",
            dt.datetime(2026, 11, 30, 9, 0),
            "10 days after the notice date (stated in the notice)",
        ),
        (
            "Send us your plan no later than November 25, 2026 at 5:00 PM.",
            dt.datetime(2026, 11, 25, 17, 0),
            "stated in the notice",
        ),
        (
            "Your plan is due on 2026-11-24.",
            dt.datetime(2026, 11, 24),
            "stated in the notice",
        ),
        (
            "Invoices must be dated within 365 days prior to your appeal.",
            dt.datetime(2026, 11, 23, 9, 0),
            USUAL,
        ),
    ],
)
def test_the_deadline_follows_the_notices_wording(sentence: str, deadline: dt.datetime, basis: str):
    read = parse_notice(f"Date: Fri, Nov 20, 2026 at 9:00 AM\nOrder Defect Rate. {sentence}")

    assert (read.deadline, read.deadline_basis) == (deadline, basis)


def test_of_several_windows_the_shortest_is_counted_and_reported():
    read = parse_notice(
        "Date: 2026-11-20 09:00\nOrder Defect Rate. Send a plan of action within 17 days. "
        "Reply within 72 hours to keep your offers."
    )

    assert read.deadline == dt.datetime(2026, 11, 23, 9, 0)
    assert read.problems == (
        "The notice gives several times to answer within ('within 17 days', 'within 72 hours'); "
        "counted the shortest, 'within 72 hours'.",
    )


def test_of_several_dates_to_answer_by_the_earliest_is_used_and_reported():
    read = parse_notice(
        "Date: 2026-11-20\nOrder Defect Rate. Reply by November 27, 2026, or before 2026-11-25."
    )

    assert read.deadline == dt.datetime(2026, 11, 25)
    assert read.problems == (
        "The notice gives several dates to answer by ('November 27, 2026', '2026-11-25'); "
        "using the earliest, '2026-11-25'.",
    )


# --- ASINs, SKUs and the store -----------------------------------------------------------------


def test_an_asin_like_sku_is_not_an_asin_unless_it_has_the_asin_shape():
    read = parse_notice(
        "Restricted product listings:\n"
        "SKU: ASIN-B0C4KX9Q  ASIN: B0C4KX9Q2M\n"
        "SKU: B0D1RT7WZ3-NEW, 0306406152\n"
        "SKU: B0D1RT7WZ3\n"
    )

    # B0D1RT7WZ3 is an ASIN's shape even where it is a SKU; B0D1RT7WZ3-NEW and a ten-digit
    # SKU are not, as only a value labelled ASIN may be a book's ten-digit ASIN
    assert read.asins == ("B0C4KX9Q2M", "B0D1RT7WZ3")
    assert read.skus == ("ASIN-B0C4KX9Q", "B0D1RT7WZ3-NEW", "0306406152", "B0D1RT7WZ3")


def test_a_books_ten_digit_asin_counts_only_where_labelled_asin():
    read = parse_notice(
        "Intellectual property complaint. ASINs: 0306406152, 030640615X and B07XJ8C8F5.\n"
        "Complaint ID: 1234567890. The ISBN 0553293354 is printed on the cover."
    )

    assert read.asins == ("0306406152", "030640615X", "B07XJ8C8F5")
    assert read.complaint_ids == ("1234567890",)


def test_asins_and_skus_listed_in_a_table():
    read = parse_notice(
        "Date: 2026-11-20\nThese listings break our restricted products policy:\n\n"
        "ASIN\tSKU\tTitle\n"
        "B0C4KX9Q2M\t0042-BT-SPK\tBluetooth speaker, blue\n"
        "0306406152\tBK-0001\tGarden pests, a handbook\n"
        "B0C4KX9Q2M\t0042-BT-SPK-2\tBluetooth speaker, red\n\n"
        "Seller Performance"
    )

    assert read.asins == ("B0C4KX9Q2M", "0306406152")
    assert read.skus == ("0042-BT-SPK", "BK-0001", "0042-BT-SPK-2")


def test_an_email_address_or_seller_central_link_names_no_store():
    text = (
        "From: seller-performance@amazon.com\nDate: 2026-11-20\nRestricted product ASIN "
        "B0C4KX9Q2M; see https://sellercentral.amazon.com/help/hub."
    )

    assert parse_notice(text).marketplace is None
    read = parse_notice(text, marketplace="amazon.co.uk")
    assert read.marketplace == "UK"
    assert "Store: UK (given; the notice names none)" in read.understood


def test_a_product_link_names_its_store():
    read = parse_notice("Restricted product: https://www.amazon.com.mx/dp/B0C4KX9Q2M/ref=x")

    assert (read.marketplace, read.asins) == ("MX", ("B0C4KX9Q2M",))


def test_several_stores_named_the_first_is_used_unless_one_is_given():
    text = "Date: 2026-11-20\nASIN B0C4KX9Q2M is a restricted product on Amazon.de and Amazon.fr."

    read = parse_notice(text)
    assert read.marketplace == "DE"
    assert read.problems == (
        "The notice names several stores ('Amazon.de', 'Amazon.fr'); using DE, named first. "
        "Give the marketplace to choose another.",
    )
    read = parse_notice(text, marketplace="FR")
    assert (read.marketplace, read.problems) == ("FR", ())


def test_a_store_given_that_the_notice_contradicts_is_reported():
    read = parse_notice(
        "Date: 2026-11-20\nRestricted product B0C4KX9Q2M on Amazon.it.", marketplace="US"
    )

    assert read.marketplace == "IT"
    assert read.problems == (
        "The notice is about Amazon.it (IT) but the marketplace given is US; using IT, from the "
        "notice.",
    )


def test_an_unknown_store_given_is_reported():
    read = parse_notice("Date: 2026-11-20\nRestricted product B0C4KX9Q2M.", marketplace="XX")

    assert read.marketplace is None
    assert read.problems == ("The marketplace 'XX' given is not one Amazon has.",)


# --- reading the file --------------------------------------------------------------------------


def test_a_notice_saved_with_a_byte_order_mark_reads_the_same(tmp_path: Path):
    text = (NOTICES / "restricted-eu-72h.txt").read_text(encoding="utf-8")
    saved = tmp_path / "notice.txt"
    saved.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))

    assert read_notice(saved) == read_notice(NOTICES / "restricted-eu-72h.txt")


def test_a_forward_saved_by_a_chinese_mail_client_in_gb18030_reads_the_same(tmp_path: Path):
    text = (NOTICES / "forwarded-zh-product-safety.txt").read_text(encoding="utf-8")
    saved = tmp_path / "notice.txt"
    saved.write_bytes(text.encode("gb18030"))

    assert read_notice(saved) == read_notice(NOTICES / "forwarded-zh-product-safety.txt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_notice_saved_as_utf16_without_a_byte_order_mark_reads_the_same(
    tmp_path: Path, encoding: str
):
    text = (NOTICES / "restricted-eu-72h.txt").read_text(encoding="utf-8")
    saved = tmp_path / "notice.txt"
    saved.write_bytes(text.encode(encoding))

    assert read_notice(saved) == read_notice(NOTICES / "restricted-eu-72h.txt")


def test_a_file_that_cannot_be_read_as_a_notice_is_a_clear_error(tmp_path: Path):
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")

    with pytest.raises(AuditorError, match="no such notice file"):
        read_notice(tmp_path / "missing.txt")
    with pytest.raises(AuditorError, match="is a folder"):
        read_notice(tmp_path)
    with pytest.raises(AuditorError, match="not a text file"):
        read_notice(pdf)


#: Pieces of notices (labels, digits, separators, Chinese date words) to shuffle together.
PIECES = [
    *"0123456789/.-:, \n\tABNZamp",
    "年",
    "月",
    "日",
    "上午",
    "下午",
    "Date: ",
    "ASIN: ",
    "SKU: ",
]


@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_any_text_is_read_without_an_error(text: str):
    """Whatever is pasted, the result is a Notice with lines to show, never a traceback."""
    read = parse_notice(text)

    assert read.understood or read.problems


# --- long runs of blanks --------------------------------------------------------------------


def test_a_notice_padded_with_long_runs_of_blanks_reads_in_linear_time():
    # Mail clients pad HTML-to-text conversions with spaces: a date followed by 2,000
    # spaces took 72 s (three blank-run quantifiers in a row backtracked cubically).
    padding = " " * 40_000
    text = (
        "From: Amazon.co.uk <seller-performance@amazon.co.uk>\n"
        f"Date: 20 November 2026 at 09:14 {padding}\n"
        f"Subject: Your Amazon.co.uk selling account {padding}\n\n"
        f"Complaint ID: {padding}7712004512\n"
        "Your account is at risk of deactivation for Order Defect Rate. "
        f"Please send us a plan of action by {padding}\n"
        f"2026-11-23 {padding}\tx\n"
    )

    read = parse_notice(text)

    assert len(text) > 120_000
    assert read.violation == "order-defect-rate"
    assert read.notice_date == dt.datetime(2026, 11, 20, 9, 14)


# --- what the notice states: channel, figures, window ------------------------------------------


def test_seller_fulfilled_odr_notice_states_its_rate_target_counts_and_window():
    read = notice("odr-seller-fulfilled-us.txt")

    assert read.violation == "order-defect-rate"
    assert read.channel == "mfn"
    assert (read.rate, read.target) == (0.0125, 0.01)
    assert (read.defects, read.orders) == (5, 400)
    assert read.window_days == 60
    # "Refunding 100% of the order amount ... Order Defect Rate" states no rate
    assert read.understood[4:] == (
        "Channel: seller-fulfilled (MFN), named in the subject ('seller-fulfilled')",
        "Rate: 1.25% ('for seller-fulfilled orders on Amazon.com is 1.25%')",
        "Target: 1% ('is above our target of under 1%')",
        "Counts: 5 of 400 ('5 of 400 seller-fulfilled orders')",
        "Window: 60 days ('In the last 60 days')",
    )
    assert read.problems == ()


def test_fba_odr_notice_is_about_amazon_fulfilled_orders_and_reads_a_decimal_comma():
    read = notice("odr-fba-uk.txt")

    assert read.channel == "afn"
    assert (read.rate, read.target) == (0.016, 0.01)  # "currently 1,6 %"
    assert read.window_days == 60
    assert (
        "Channel: Fulfilled by Amazon (FBA, AFN), named in the subject ('Fulfilled by "
        "Amazon')" in read.understood
    )
    assert read.problems == ()


def test_late_shipment_notice_states_its_period_which_is_neither_notice_date_nor_deadline():
    read = notice("lsr-period-us.txt")

    assert read.violation == "late-shipment-rate"
    assert read.channel == "mfn"
    assert (read.rate, read.target) == (0.054, 0.04)
    assert (read.defects, read.orders) == (99, 1840)  # 99/1,840 is 5.38%, written 5.4%
    assert read.window_days == 30
    assert (read.period_start, read.period_end) == (dt.date(2026, 9, 14), dt.date(2026, 10, 13))
    assert read.notice_date == dt.datetime(2026, 10, 15, 10, 3)
    assert read.deadline == dt.datetime(2026, 11, 1, 10, 3)  # within 17 days
    assert read.dates == ()
    assert read.understood[-2:] == (
        "Period: 2026-09-14 to 2026-10-13 ('between Sep 14, 2026 and Oct 13, 2026')",
        "Window: 30 days ('the past 30 days')",
    )
    assert read.problems == ()


def test_odr_at_risk_notice_states_the_channel_target_and_window_but_no_rate():
    read = notice("odr-at-risk-us.txt")

    assert (read.channel, read.rate, read.target, read.window_days) == ("mfn", None, 0.01, 60)
    assert (read.defects, read.orders) == (None, None)


def test_the_example_odr_notice_is_seller_fulfilled_with_a_target_under_1_percent():
    read = read_notice(REPO / "examples" / "poa" / "odr-notice.txt")

    assert (read.violation, read.channel, read.target) == ("order-defect-rate", "mfn", 0.01)
    assert read.rate is None  # "above our target of under 1%" states no rate
    assert "Target: 1% ('is above our target of under 1%')" in read.understood


def test_valid_tracking_notice_states_a_rate_below_its_target():
    read = notice("vtr-us.txt")

    assert (read.channel, read.rate, read.target) == ("mfn", 0.912, 0.95)
    assert (
        "Channel: seller-fulfilled (MFN), named in the sentence naming the violation ('seller-fulfilled')"
        in read.understood
    )


def test_both_channels_named_without_a_winner_leave_the_channel_open():
    read = notice("odr-both-channels-us.txt")

    assert read.channel is None
    assert read.target == 0.01
    assert read.problems == (
        "The notice names both seller-fulfilled ('seller-fulfilled') and FBA ('Fulfilled by "
        "Amazon') orders without making clear which the violation is about; the channel is "
        "left open (Account Health shows each channel's figures).",
    )


@pytest.mark.parametrize(
    ("sentence", "channel"),
    [
        ("Your ODR for self-fulfilled orders is above 1%.", "mfn"),
        ("Your ODR for merchant-fulfilled orders is above 1%.", "mfn"),
        ("Your ODR for orders Fulfilled by Merchant is above 1%.", "mfn"),
        ("Your FBM Order Defect Rate is above 1%.", "mfn"),
        ("Your MFN Order Defect Rate is above 1%.", "mfn"),
        ("Your ODR for Fulfilled by Amazon orders is above 1%.", "afn"),
        ("Your FBA Order Defect Rate is above 1%.", "afn"),
        ("Your AFN Order Defect Rate is above 1%.", "afn"),
        # the sentence naming the violation wins over the rest of the text
        ("Your ODR for seller-fulfilled orders is above 1%. You could move them to FBA.", "mfn"),
        ("Your ODR is above 1%. The fba team will not help.", None),  # fba is not FBA
    ],
)
def test_the_channel_in_the_words_amazon_uses(sentence: str, channel: str | None):
    assert parse_notice(sentence).channel == channel


def test_a_percentage_not_stated_for_the_violation_is_neither_rate_nor_target():
    read = parse_notice(
        "Date: 2026-11-20\nYour Order Defect Rate is above our target of 1%. "
        "Buyers who are refunded 100% of the order amount may still leave negative feedback. "
        "Your Order Defect Rate counts an A-to-z claim even after a refund of 100%."
    )

    assert (read.rate, read.target) == (None, 0.01)


@pytest.mark.parametrize(
    ("sentence", "rate", "target"),
    [
        ("Your Order Defect Rate is 1.25%, above our target of 1%.", 0.0125, 0.01),
        ("Your ODR of 1.25% exceeds the 1% target.", 0.0125, 0.01),
        ("Your ODR has risen to 1,25 % and must stay below 1 %.", 0.0125, 0.01),
        ("Your Order Defect Rate: 1.25% (target: under 1%).", 0.0125, 0.01),
        ("1.25% of your orders had a defect, so your Order Defect Rate exceeds 1%.", 0.0125, 0.01),
        ("Your Valid Tracking Rate is currently 91.2%; it must be at least 95%.", 0.912, 0.95),
        ("Your ODR is 1.25% (target: < 1%).", 0.0125, 0.01),
        ("Your late shipment rate exceeds 4%.", None, 0.04),
        ("Your cancellation rate is above the threshold of 2.5 percent.", None, 0.025),
    ],
)
def test_rate_and_target_in_amazons_wordings(sentence: str, rate: float | None, target: float):
    read = parse_notice(sentence)

    assert (read.rate, read.target) == (rate, target)


def test_several_rates_the_first_is_used_and_reported():
    read = parse_notice(
        "Date: 2026-11-20\nYour late shipment rate is 6.2% over the last 10 days and your late shipment rate "
        "is 3.5% over the last 30 days."
    )

    assert (read.rate, read.window_days) == (0.062, 10)
    assert read.problems == (
        "The notice states several values that read as its rate (6.2%, 3.5%); using the "
        "first, 6.2%.",
        "The notice states several windows ('over the last 10 days', 'over the last 30 "
        "days'); using 'over the last 10 days', the one stated with the rate.",
    )


@pytest.mark.parametrize(
    ("wording", "defects", "orders"),
    [
        ("5 of 400 orders had a defect.", 5, 400),
        ("5 out of 400 orders had a defect.", 5, 400),
        ("5 of your 400 orders had a defect.", 5, 400),
        ("We found 5 orders with a defect out of 400.", 5, 400),
        ("99 of 1,840 seller-fulfilled orders shipped late.", 99, 1840),
        ("1,204 out of 25,000 eligible orders were cancelled.", 1204, 25000),
        ("12 of 310 packages had no valid tracking.", 12, 310),
    ],
)
def test_counts_in_amazons_wordings(wording: str, defects: int, orders: int):
    read = parse_notice(f"Order Defect Rate. {wording}")

    assert (read.defects, read.orders) == (defects, orders)


def test_counts_that_do_not_give_the_stated_rate_are_kept_and_reported():
    read = parse_notice(
        "Date: 2026-11-20\nYour Order Defect Rate is 1.25%: 7 of 400 orders had a defect."
    )

    assert (read.rate, read.defects, read.orders) == (0.0125, 7, 400)
    assert read.problems == (
        "The notice's rate, 1.25%, does not match its counts, 7 of 400 (1.75%); both are kept "
        "as stated: check them on the Account Health page.",
    )


@pytest.mark.parametrize(
    ("wording", "days"),
    [
        ("Your Order Defect Rate over the past 60 days is 1.25%.", 60),
        ("Your late shipment rate in the last 30 days is 5%.", 30),
        ("Your ODR is measured over a 60-day period.", 60),
        ("Your cancellation rate for the previous 7 days is 3%.", 7),
    ],
)
def test_the_window_the_rate_is_measured_over(wording: str, days: int):
    assert parse_notice(wording).window_days == days


def test_a_period_gives_the_window_and_is_not_the_notice_date():
    read = parse_notice(
        "Your Order Defect Rate for orders from 2026-09-14 to 2026-11-12 is 1.25%. "
        "Please send us a plan of action by 2026-11-27. We wrote to you on 2026-11-20."
    )

    assert (read.period_start, read.period_end) == (dt.date(2026, 9, 14), dt.date(2026, 11, 12))
    assert read.window_days == 60
    assert "Window: 60 days, the days of the period, its first and last included" in read.understood
    assert read.notice_date == dt.datetime(2026, 11, 20)  # not 2026-09-14
    assert read.deadline == dt.datetime(2026, 11, 27)
    assert read.dates == ()


def test_a_window_that_does_not_match_the_period_is_reported():
    read = parse_notice(
        "Date: 2026-11-20\nYour Order Defect Rate in the last 60 days, between Oct 1, 2026 and "
        "Nov 12, 2026, "
        "is 1.25%."
    )

    assert read.window_days == 60
    assert read.problems == (
        "The notice's window, 60 days, does not match its period, 2026-10-01 to 2026-11-12 "
        "(43 days); both are kept as stated.",
    )


def test_invoice_dates_are_no_period_and_their_365_days_no_window():
    read = parse_notice(
        "Date: 2026-11-20\nCustomers reported inauthentic items. Please send us invoices "
        "issued between Nov 20, 2025 and Nov 19, 2026, covering the last 365 days of sales."
    )

    assert (read.period_start, read.window_days) == (None, None)
    assert read.dates == (dt.date(2025, 11, 20), dt.date(2026, 11, 19))


def test_an_invoice_defect_notice_asks_for_no_plan_so_it_has_no_deadline():
    read = notice("invoice-defect-rate-de.txt")

    assert read.violation == "invoice-defect-rate"
    assert read.target == 0.05
    # "within one business day after shipment" is when to upload invoices, not to answer by
    assert (read.deadline, read.deadline_basis) == (None, NO_PLAN)
    assert read.understood[2] == (
        "Deadline: none, the notice asks for no plan of action ('do not need to submit a plan "
        "of action')"
    )
    # the invoices it speaks of go to Amazon Business customers, not to Amazon
    assert read.documents == ()
    assert read.problems == ()


# --- the documents the notice asks for ---------------------------------------------------------


def test_dietary_supplement_removal_asks_for_a_coa_label_images_and_invoices():
    read = notice("restricted-supplement-us.txt")

    assert read.violation == "restricted-product-violations"
    assert read.asins == ("B0DK7Q2VNL", "B0F3TR8WJX")
    assert (read.deadline, read.deadline_basis) == (
        dt.datetime(2026, 12, 4),
        "stated in the notice",
    )
    assert read.documents == (
        RequestedDocument(
            "coa",
            "a Certificate of Analysis (COA) from an ISO/IEC 17025 accredited laboratory, issued "
            "within the last 12 months, for the finished product",
            max_age_days=365,
            issuer="ISO/IEC 17025 accredited laboratory",
        ),
        RequestedDocument(
            "label_images", "images of the product label showing all sides of the packaging"
        ),
        RequestedDocument(
            "invoice",
            "invoices from your supplier issued in the last 365 days that cover the units you sold",
            max_age_days=365,
            issuer="supplier",
        ),
    )
    assert read.understood[-3] == (
        "Document requested: Certificate of Analysis (COA) ('a Certificate of Analysis (COA) "
        "from an ISO/IEC 17025 accredited laboratory, issued within the last 12 months, for the "
        "finished product'); at most 365 days old; from ISO/IEC 17025 accredited laboratory"
    )
    # the deadline's "Submit the documents ... by December 4, 2026" asks for nothing new
    assert read.problems == ()


def test_the_requested_documents_written_as_one_sentence():
    read = parse_notice(
        "Date: 2026-11-20\nWe removed ASIN B0DK7Q2VNL, a restricted product. Please provide: a "
        "Certificate of Analysis (COA) from an ISO/IEC 17025 accredited laboratory issued "
        "within the last 12 months; images of the product label showing all sides of the "
        "packaging; invoices from your supplier issued in the last 365 days covering the units "
        "sold; a Letter of Authorization (LOA) from the brand owner."
    )

    assert [(d.kind, d.max_age_days, d.issuer) for d in read.documents] == [
        ("coa", 365, "ISO/IEC 17025 accredited laboratory"),
        ("label_images", None, None),
        ("invoice", 365, "supplier"),
        ("loa", None, "brand owner"),
    ]
    assert read.documents[3].written == "a Letter of Authorization (LOA) from the brand owner"
    assert read.window_days is None  # "the last 365 days" of the invoices measures no rate
    assert read.problems == ()


def test_an_authenticity_notice_asks_for_invoices_from_the_manufacturer_and_an_loa():
    read = notice("inauthentic-invoices-loa-us.txt")

    assert read.documents == (
        RequestedDocument(
            "invoice",
            "Copies of invoices or receipts from the manufacturer or authorized distributor, "
            "issued in the last 365 days, for the ASINs listed below",
            max_age_days=365,
            issuer="manufacturer or authorized distributor",
        ),
        RequestedDocument(
            "loa",
            "A letter of authorization from the brand owner, if you are not the brand owner",
            issuer="brand owner",
        ),
        RequestedDocument("trademark", "a copy of your trademark registration"),
    )
    assert read.problems == ()


def test_the_uk_inauthentic_notice_asks_for_invoices_of_the_last_365_days():
    read = notice("inauthentic-uk-17-days.txt")

    assert read.documents == (
        RequestedDocument(
            "invoice",
            "invoices from your suppliers, issued in the last 365 days, that cover the volume "
            "you sold",
            max_age_days=365,
            issuer="suppliers",
        ),
    )


def test_an_ip_complaint_asks_for_the_licence_the_seller_may_hold():
    read = notice("ip-trademark-us.txt")

    assert read.documents == (RequestedDocument("loa", "a licence or another authorisation"),)
    assert read.problems == ()


@pytest.mark.parametrize(
    ("wording", "days"),
    [
        ("invoices issued in the last 365 days", 365),
        ("a COA issued within the last 12 months", 365),
        ("a test report issued within the past 6 months", 182),  # 6 x 365/12, rounded down
        ("a test report no older than 180 days", 180),
        ("invoices dated within the last year", 365),
        ("a Safety Data Sheet issued in the last two years", 730),
        ("invoices from the last 90 days", 90),
    ],
)
def test_how_old_a_requested_document_may_be(wording: str, days: int):
    read = parse_notice(f"Restricted product. Please send us {wording}.")

    assert [d.max_age_days for d in read.documents] == [days]


def test_each_kind_is_asked_for_once_and_a_later_phrase_adds_what_the_first_left_out():
    read = parse_notice(
        "Restricted product.\nPlease send us:\n- invoices from your supplier;\n- a Safety Data "
        "Sheet (SDS).\nThe invoices you send must be dated within the last 365 days; send us "
        "the SDS from the manufacturer."
    )

    assert read.documents == (
        RequestedDocument("invoice", "invoices from your supplier", 365, "supplier"),
        RequestedDocument("sds", "a Safety Data Sheet (SDS)", issuer="manufacturer"),
    )


def test_a_numbered_list_of_documents_with_abbreviations_in_its_items():
    read = parse_notice(
        "Restricted product. To reinstate ASIN B0DK7Q2VNL, please provide:\n"
        "1. A Certificate of Analysis (e.g. from an ISO/IEC 17025 accredited lab) dated within "
        "the last 6 months.\n"
        "2. Images of the product label.\n"
        "3. A business license or personal identification.\n"
    )

    assert read.documents == (
        RequestedDocument(
            "coa",
            "A Certificate of Analysis (e.g. from an ISO/IEC 17025 accredited lab) dated within "
            "the last 6 months",
            max_age_days=182,
            issuer="ISO/IEC 17025 accredited lab",
        ),
        RequestedDocument("label_images", "Images of the product label"),
    )
    assert read.problems[-1] == (
        "The notice asks for 'A business license or personal identification', which is not a "
        "document this tool knows: gather it yourself and attach it."
    )


def test_documents_merely_mentioned_are_not_requested():
    read = parse_notice(
        "Date: 2026-11-20\nCustomers reported inauthentic items. We may contact your suppliers "
        "to verify the invoices. Faked invoices lead to the loss of your account. You can "
        "upload your own invoices on the Manage Orders page."
    )

    assert read.documents == ()


def test_a_requested_document_this_tool_does_not_know_is_reported():
    read = notice("drop-shipping-ca.txt")

    assert read.violation == "drop-shipping-violations"
    assert read.channel == "mfn"
    assert read.documents == ()
    assert read.problems == (
        "The notice asks for 'proof of delivery for your recent seller-fulfilled orders', which "
        "is not a document this tool knows: gather it yourself and attach it.",
    )


# --- one notice of each new violation type -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "violation", "asins"),
    [
        ("food-safety-expired-uk.txt", "food-safety-violations", ("B0C8WQ5HMZ",)),
        (
            "variation-asin-creation-de.txt",
            "variation-policy-violations",
            ("B0DL3HX8QP", "B0DL3J2M7R", "B0DL3K9TWC"),
        ),
        ("fair-pricing-us.txt", "fair-pricing-violations", ("B0CQ2T8LMV", "B0CQ2VF4KD")),
        ("buyer-messaging-us.txt", "buyer-messaging-violations", ()),
        ("drop-shipping-ca.txt", "drop-shipping-violations", ()),
        ("invoice-defect-rate-de.txt", "invoice-defect-rate", ()),
    ],
)
def test_a_notice_of_each_new_violation_type_is_recognised(
    name: str, violation: str, asins: tuple[str, ...]
):
    read = notice(name)

    assert read.violation == violation
    assert read.other_violations == ()
    assert read.asins == asins


def test_a_condition_notice_names_authenticity_only_in_amazons_template_sentence():
    """ "We act on buyer complaints about the condition and authenticity of products" is in
    every condition notice: authenticity is named, as another type, never as the violation."""
    read = notice("condition-used-sold-as-new-us.txt")

    assert read.violation == "product-condition-complaints"
    assert read.other_violations == ("authenticity-complaints",)
    assert read.asins == ("B0BZ6KD3TW",)


def test_a_padded_notice_states_its_figures_and_documents_in_linear_time():
    # blanks inside a header's value (a subject padded in the middle took minutes) and
    # around each figure, list item and document phrase
    padding = " " * 40_000
    text = (
        f"Subject: Your seller-fulfilled offers {padding} are at risk {padding}\n"
        f"Date: 2026-11-20 09:14 {padding}\n"
        f"Your Order Defect Rate is 1.25%{padding}, above our target of under 1%. {padding}\n"
        f"In the last 60 days, 5 of {padding} 400 orders had a defect. {padding}\n"
        f"Please provide: {padding}a Certificate of Analysis from {padding} an ISO/IEC 17025 "
        f"accredited laboratory {padding}; proof {padding} of delivery {padding} and {padding}\n"
        f"- {padding}invoices issued in the last 365 days {padding}\n"
    )

    read = parse_notice(text)

    assert len(text) > 400_000
    assert read.subject == f"Your seller-fulfilled offers {padding} are at risk"
    assert (read.channel, read.rate, read.target) == ("mfn", 0.0125, 0.01)
    assert (read.defects, read.orders, read.window_days) == (5, 400, 60)
    assert read.documents == (
        RequestedDocument(
            "coa",
            "a Certificate of Analysis from an ISO/IEC 17025 accredited laboratory",
            issuer="ISO/IEC 17025 accredited laboratory",
        ),
        RequestedDocument("invoice", "invoices issued in the last 365 days", 365),
    )
    assert read.problems == (
        "The notice asks for 'proof of delivery', which is not a document this tool knows: "
        "gather it yourself and attach it.",
    )
