"""Checks that measure a number per row: threshold, range, length and field_count."""

from __future__ import annotations

import pytest
from conftest import make_rule, outcomes, run, table
from pydantic import ValidationError

from auditor.engine.registry import check_kinds


def metric(name: str, marketplace: str = "US", channel: str = "mfn", **fields: object) -> dict:
    """One row of Amazon's account-health metrics (long format)."""
    return {"metric": name, "marketplace": marketplace, "channel": channel, **fields}


def listing(sku: str = "VX-SPK-01", **fields: object) -> dict:
    return {"sku": sku, "asin": "B0CXV1SPK1", "brand": "Voltix", **fields}


# --- threshold ---------------------------------------------------------------------------

CANCEL_RATE = make_rule(
    {
        "kind": "threshold",
        "metric": "pre_fulfillment_cancel_rate",
        "fail": {"ge": {"default": 0.025, "IN": 0.02}},
        "warn": {"ge": {"default": 0.02, "IN": 0.015}},
    },
    applies_to="account_metrics",
    message={
        "en": "Cancel rate {value:.2%} in {marketplace}; limit {limit:.1%}, warn from {warn_limit:.1%}.",
        "zh": "{marketplace} 站点配送前取消率为 {value:.2%}，要求低于 {limit:.1%}。",
    },
)

ODR = make_rule(
    {
        "kind": "threshold",
        "metric": "order_defect_rate",
        "fail": {"ge": 0.01},
        "warn": {"ge": 0.0075},
    },
    applies_to="account_metrics",
)

HEALTH_RATING = make_rule(
    {
        "kind": "threshold",
        "metric": "account_health_rating",
        "fail": {"lt": 200},
        "warn": {"lt": 250},
    },
    applies_to="account_metrics",
)

LATE_SHIPMENT = make_rule(
    {
        "kind": "threshold",
        "metric": "late_shipment_rate",
        "fail": {"ge": 0.04},
        "warn": {"ge": 0.03},
    },
    applies_to="account_metrics",
)


@pytest.mark.parametrize(
    ("marketplace", "value", "outcome", "limit"),
    [
        ("US", 0.021, "warn", 0.025),  # 2.1%: between the default warn (2%) and fail (2.5%)
        ("IN", 0.021, "fail", 0.02),  # the same 2.1% fails in India, where the limit is 2%
        ("DE", 0.025, "fail", 0.025),  # ge: exactly on the limit fails
        ("IN", 0.016, "warn", 0.02),  # India's own warn band starts at 1.5%
    ],
)
def test_threshold_takes_the_limit_of_the_rows_marketplace(marketplace, value, outcome, limit):
    result = run(
        CANCEL_RATE,
        table("account_metrics", metric("pre_fulfillment_cancel_rate", marketplace, value=value)),
    )

    [finding] = result.findings
    assert finding["outcome"] == outcome
    assert finding["limit"] == limit
    assert finding["entity"]["marketplace"] == marketplace


@pytest.mark.parametrize(("marketplace", "value"), [("US", 0.019), ("IN", 0.0149), ("JP", 0.0)])
def test_threshold_below_every_band_passes_without_a_finding(marketplace, value):
    result = run(
        CANCEL_RATE,
        table("account_metrics", metric("pre_fulfillment_cancel_rate", marketplace, value=value)),
    )

    assert result.findings == []
    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


def test_fail_is_evaluated_before_warn():
    # 3% is inside both bands: it must be reported once, as a fail, with no warn limit.
    result = run(
        CANCEL_RATE, table("account_metrics", metric("pre_fulfillment_cancel_rate", value=0.03))
    )

    [finding] = result.findings
    assert finding["outcome"] == "fail"
    assert finding["limit"] == 0.025
    assert "warn_limit" not in finding["evidence"]
    assert result.counts["warn"] == 0


def test_warn_finding_carries_the_warn_limit_and_renders_it():
    result = run(
        CANCEL_RATE,
        table(
            "account_metrics",
            metric("pre_fulfillment_cancel_rate", "UK", value=0.022),
            metric("pre_fulfillment_cancel_rate", "IN", value=0.017),
        ),
    )

    uk, india = result.findings
    assert (uk["outcome"], uk["evidence"]["warn_limit"]) == ("warn", 0.02)
    assert (india["outcome"], india["evidence"]["warn_limit"]) == ("warn", 0.015)
    assert uk["message"] == "Cancel rate 2.20% in UK; limit 2.5%, warn from 2.0%."
    assert india["message"] == "Cancel rate 1.70% in IN; limit 2.0%, warn from 1.5%."


@pytest.mark.parametrize(
    ("value", "outcome", "limit"),
    [(180, "fail", 200), (199.5, "fail", 200), (240, "warn", 200), (200, "warn", 200)],
)
def test_lower_is_worse_for_lt_bands(value, outcome, limit):
    # Account Health Rating: below 200 is at risk, below 250 loses Account Health Assurance.
    result = run(
        HEALTH_RATING,
        table("account_metrics", metric("account_health_rating", channel=None, value=value)),
    )

    [finding] = result.findings
    assert (finding["outcome"], finding["observed"], finding["limit"]) == (outcome, value, limit)


@pytest.mark.parametrize("value", [250, 428, 1000])
def test_lt_band_passes_at_and_above_the_limit(value):
    result = run(
        HEALTH_RATING, table("account_metrics", metric("account_health_rating", value=value))
    )

    assert result.counts["pass"] == 1
    assert result.findings == []


@pytest.mark.parametrize(
    ("value", "outcome"),
    [(0.004, "pass"), ("0.8%", "warn"), (0.0075, "warn"), ("1%", "fail"), (0.012, "fail")],
)
def test_order_defect_rate_accepts_percent_text(value, outcome):
    result = run(ODR, table("account_metrics", metric("order_defect_rate", value=value)))

    assert result.counts[outcome] == 1
    assert sum(result.counts.values()) == 1


def test_target_differs_flags_amazons_target_when_it_is_not_our_limit():
    # Amazon reports a 2.5% target for India too; the rule holds India to 2%.
    result = run(
        CANCEL_RATE,
        table(
            "account_metrics",
            metric("pre_fulfillment_cancel_rate", "US", value=0.03, target_value=0.025),
            metric("pre_fulfillment_cancel_rate", "IN", value=0.03, target_value=0.025),
            metric("pre_fulfillment_cancel_rate", "DE", value=0.03),
        ),
    )

    us, india, de = result.findings
    assert us["evidence"]["target_differs"] is False
    assert us["evidence"]["target_value"] == 0.025
    assert india["evidence"]["target_differs"] is True
    assert india["limit"] == 0.02
    assert "target_differs" not in de["evidence"]
    assert "target_value" not in de["evidence"]


def test_window_is_the_detail_of_a_metric_finding():
    result = run(
        LATE_SHIPMENT,
        table(
            "account_metrics",
            metric(
                "late_shipment_rate", window_days=10, value=0.052, numerator=13, denominator=250
            ),
            metric("late_shipment_rate", window_days=30, value=0.035),
        ),
    )

    assert [(f["detail"], f["outcome"]) for f in result.findings] == [
        ("10d", "fail"),
        ("30d", "warn"),
    ]
    ten_day = result.findings[0]
    assert ten_day["evidence"]["numerator"] == 13
    assert ten_day["evidence"]["denominator"] == 250
    assert ten_day["evidence"]["window_days"] == 10
    assert result.findings[0]["fingerprint"] != result.findings[1]["fingerprint"]


def test_threshold_evaluates_only_rows_of_its_metric():
    result = run(
        ODR,
        table(
            "account_metrics",
            metric("order_defect_rate", value=0.004),
            metric("late_shipment_rate", value=0.5),
            metric("account_health_rating", value=100),
        ),
    )

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


SAFETY = make_rule(
    {
        "kind": "threshold",
        "metric": ["product_safety_complaints", "food_safety_issues"],
        "fail": {"gt": 0},
    },
    applies_to="account_metrics",
    message={"en": "{metric}: {value}", "zh": "{metric}：{value}"},
)


def test_threshold_with_a_list_of_metrics_evaluates_each_of_them_and_nothing_else():
    # One limit for two of Amazon's counts: buyer safety complaints and food safety issues.
    result = run(
        SAFETY,
        table(
            "account_metrics",
            metric("product_safety_complaints", channel=None, value=1),
            metric("food_safety_issues", channel=None, value=2),
            metric("food_safety_issues", "DE", channel=None, value=0),
            metric("ip_complaints", channel=None, value=5),
        ),
    )

    assert [f["message"] for f in result.findings] == [
        "product_safety_complaints: 1",
        "food_safety_issues: 2",
    ]
    assert len({f["fingerprint"] for f in result.findings}) == 2
    assert result.counts == {"pass": 1, "fail": 2, "warn": 0, "unknown": 0}


@pytest.mark.parametrize("bad", [["food_safety_issues", "food_safety"], []])
def test_threshold_metric_list_must_name_known_metrics(bad):
    with pytest.raises(ValidationError):
        make_rule({"kind": "threshold", "metric": bad, "fail": {"gt": 0}})


ON_TIME = make_rule(
    {
        "kind": "threshold",
        "metric": "on_time_delivery_rate",
        "fail": {"lt": {"default": 0.97, "US": 0.90}},
        "warn": {"lt": {"default": 0.97, "US": 0.95}},
        "enforced_in": ["US"],
    },
    applies_to="account_metrics",
)


@pytest.mark.parametrize(
    ("marketplace", "value", "outcome", "limit"),
    [
        ("US", 0.87, "fail", 0.90),  # Amazon.com enforces its 90%
        ("US", 0.93, "warn", 0.90),
        ("FR", 0.87, "warn", 0.97),  # elsewhere Amazon only recommends 97%: never a failure
        ("FR", 0.98, "pass", 0.97),
    ],
)
def test_threshold_fails_only_where_the_limit_is_enforced(marketplace, value, outcome, limit):
    result = run(
        ON_TIME, table("account_metrics", metric("on_time_delivery_rate", marketplace, value=value))
    )

    assert result.counts[outcome] == 1
    for finding in result.findings:
        assert finding["limit"] == limit


def test_an_advised_limit_still_gives_the_headroom_to_reach_it():
    row = metric("on_time_delivery_rate", "FR", value=0.96, numerator=480, denominator=500)
    [finding] = run(ON_TIME, table("account_metrics", row)).findings

    assert finding["outcome"] == "warn"
    assert finding["headroom"]["direction"] == "fewer_needed"


def test_enforced_in_names_known_marketplaces_and_needs_a_fail_band():
    with pytest.raises(ValidationError):
        make_rule({"kind": "threshold", "fail": {"lt": 1}, "enforced_in": ["XX"]})
    with pytest.raises(ValidationError):
        make_rule({"kind": "threshold", "warn": {"lt": 1}, "enforced_in": ["US"]})


IP_COMPLAINTS = make_rule(
    {
        "kind": "threshold",
        "metric": "ip_complaints",
        "fail": {"gt": 0},
        "amazon_status_decides": True,
    },
    applies_to="account_metrics",
)


@pytest.mark.parametrize(
    ("count", "status", "outcome"),
    [
        (2, "GOOD", "pass"),  # cases Amazon no longer counts (resolved) stay in the 180-day count
        (0, "BAD", "fail"),
        (2, "NONE", "fail"),  # no verdict from Amazon: the band judges
        (2, None, "fail"),
        (0, None, "pass"),
    ],
)
def test_amazons_status_decides_where_the_row_has_one(count, status, outcome):
    row = metric("ip_complaints", channel=None, value=count, amazon_status=status)
    result = run(IP_COMPLAINTS, table("account_metrics", row))

    assert result.counts[outcome] == 1


def test_a_threshold_with_only_a_warn_band_never_fails():
    advice = make_rule(
        {
            "kind": "threshold",
            "metric": "customer_service_dissatisfaction_rate",
            "warn": {"ge": 0.25},
        },
        applies_to="account_metrics",
    )
    rows = [
        metric("customer_service_dissatisfaction_rate", channel=None, value=v) for v in (0.9, 0.1)
    ]
    result = run(advice, table("account_metrics", *rows))

    assert result.counts == {"pass": 1, "fail": 0, "warn": 1, "unknown": 0}
    assert result.findings[0]["limit"] == 0.25


def test_a_warn_only_rate_gives_the_headroom_to_its_warn_band():
    advice = make_rule(
        {
            "kind": "threshold",
            "metric": "customer_service_dissatisfaction_rate",
            "warn": {"ge": 0.25},
        },
        applies_to="account_metrics",
    )
    row = metric(
        "customer_service_dissatisfaction_rate",
        channel=None,
        value=0.28,
        numerator=14,
        denominator=50,
    )
    [finding] = run(advice, table("account_metrics", row)).findings

    assert finding["outcome"] == "warn"
    assert finding["headroom"]["direction"] == "fewer_needed"


def test_a_threshold_needs_a_band():
    with pytest.raises(ValidationError):
        make_rule({"kind": "threshold", "metric": "order_defect_rate"})


def test_per_category_rows_are_judged_one_by_one():
    tracking = make_rule(
        {"kind": "threshold", "metric": "valid_tracking_rate", "fail": {"lt": 0.95}},
        applies_to="account_metrics",
    )
    rows = [
        metric("valid_tracking_rate", "UK", value=0.97),
        metric("valid_tracking_rate", "UK", category="Home & Kitchen", value=0.91),
        metric("valid_tracking_rate", "UK", category="Toys & Games", value=0.99),
    ]
    result = run(tracking, table("account_metrics", *rows))

    assert result.counts == {"pass": 2, "fail": 1, "warn": 0, "unknown": 0}
    assert result.findings[0]["entity"]["category"] == "Home & Kitchen"


def test_threshold_on_a_listing_column():
    rule = make_rule({"kind": "threshold", "field": "price", "fail": {"le": 0}})
    result = run(
        rule,
        table(
            "listings",
            listing("VX-SPK-01", price=0),
            listing("VX-SPK-02", price=19.99),
            listing("VX-SPK-03", price=-1),
        ),
    )

    assert outcomes(result) == [("VX-SPK-01", None, "fail"), ("VX-SPK-03", None, "fail")]
    assert result.counts["pass"] == 1


def test_blank_metric_value_is_unknown_not_pass():
    result = run(ODR, table("account_metrics", metric("order_defect_rate")))

    [finding] = result.findings
    assert finding["outcome"] == "unknown"
    assert finding["observed"] is None


def test_blank_metric_value_names_the_missing_field():
    result = run(ODR, table("account_metrics", metric("order_defect_rate")))

    [finding] = result.findings
    assert finding["missing"] == ["value"]
    assert finding["message"] == "Cannot decide: value is missing."


# --- range -------------------------------------------------------------------------------

AGE_RANGE = make_rule({"kind": "range", "field": "minimum_age", "min": 0, "max": 18})


@pytest.mark.parametrize(("age", "limit"), [(-1, 0), (19, 18), (99, 18)])
def test_range_fails_outside_either_bound_with_that_bounds_limit(age, limit):
    result = run(AGE_RANGE, table("listings", listing(minimum_age=age)))

    [finding] = result.findings
    assert (finding["outcome"], finding["observed"], finding["limit"]) == ("fail", age, limit)


@pytest.mark.parametrize("age", [0, 3, 18])
def test_range_bounds_are_inclusive(age):
    result = run(AGE_RANGE, table("listings", listing(minimum_age=age)))

    assert result.counts["pass"] == 1


def test_range_with_only_a_minimum_and_per_marketplace_bound():
    rule = make_rule({"kind": "range", "field": "price", "min": {"default": 0.01, "JP": 1}})
    result = run(
        rule,
        table(
            "listings",
            listing("VX-SPK-01", price=0.5, marketplace="JP"),
            listing("VX-SPK-02", price=0.5, marketplace="US"),
            listing("VX-SPK-03", price=0, marketplace="US"),
        ),
    )

    assert outcomes(result) == [("VX-SPK-01", None, "fail"), ("VX-SPK-03", None, "fail")]
    assert [f["limit"] for f in result.findings] == [1, 0.01]


def test_range_blank_is_unknown():
    result = run(AGE_RANGE, table("listings", listing()))

    assert outcomes(result) == [("VX-SPK-01", None, "unknown")]


def test_range_needs_a_bound():
    with pytest.raises(ValidationError, match="min, max or both"):
        check_kinds()["range"].params.model_validate({"kind": "range", "field": "price"})


# --- length ------------------------------------------------------------------------------

TITLE_LENGTH = make_rule({"kind": "length", "fields": "title", "fail": {"gt": 200}})

SEARCH_TERMS_BYTES = make_rule(
    {
        "kind": "length",
        "fields": "search_terms",
        "unit": "bytes",
        "fail": {"gt": {"default": 249, "IN": 199, "JP": 499}},
        "warn": {"gt": {"default": 199, "IN": 179, "JP": 449}},
    }
)

BULLETS = [f"bullet_point{i}" for i in range(1, 6)]


def test_title_length_counts_characters():
    title = "Voltix Portable Bluetooth Speaker, 20W Stereo, IPX7 Waterproof, 24H Playtime"
    long_title = ", ".join([title] * 3)  # 232 characters
    result = run(
        TITLE_LENGTH,
        table(
            "listings",
            listing("VX-SPK-01", title=title),
            listing("VX-SPK-02", title=long_title),
            listing("VX-SPK-03", title="x" * 200),
        ),
    )

    [finding] = result.findings
    assert finding["entity"]["sku"] == "VX-SPK-02"
    assert (finding["observed"], finding["limit"]) == (len(long_title), 200)
    assert finding["evidence"]["unit"] == "chars"
    assert result.counts == {"pass": 2, "fail": 1, "warn": 0, "unknown": 0}


def test_character_length_counts_a_chinese_character_once():
    # 70 characters, 210 bytes: fits a 75-character title limit.
    rule = make_rule({"kind": "length", "fields": "title", "fail": {"gt": 75}})
    title = "便携式蓝牙音箱防水户外大音量" * 5

    result = run(rule, table("listings", listing(title=title, marketplace="US")))

    assert len(title) == 70
    assert result.counts["pass"] == 1


@pytest.mark.parametrize(
    ("marketplace", "terms", "outcome", "size", "limit"),
    [
        ("US", "蓝牙音箱" * 17, "warn", 204, 249),  # 68 Chinese characters, 3 bytes each
        ("US", "蓝牙音箱" * 21, "fail", 252, 249),
        ("JP", "ワイヤレススピーカー" * 16, "warn", 480, 499),  # katakana: 3 bytes each
        ("JP", "ワイヤレススピーカー" * 17, "fail", 510, 499),
        ("IN", " ".join(["speaker"] * 24 + ["speakers"]), "fail", 200, 199),  # ASCII: 1 byte each
        ("US", " ".join(["speaker"] * 24 + ["speakers"]), "warn", 200, 249),
        ("DE", " ".join(["größe"] * 40), "fail", 319, 249),  # 239 characters; ö and ß are 2 bytes
    ],
)
def test_search_terms_are_measured_in_utf8_bytes(marketplace, terms, outcome, size, limit):
    result = run(
        SEARCH_TERMS_BYTES, table("listings", listing(search_terms=terms, marketplace=marketplace))
    )

    [finding] = result.findings
    assert (finding["outcome"], finding["observed"], finding["limit"]) == (outcome, size, limit)
    assert finding["evidence"]["unit"] == "bytes"


def test_short_japanese_search_terms_pass_in_bytes():
    terms = "ワイヤレス スピーカー 防水 ブルートゥース"  # 20 characters, 60 bytes
    result = run(
        SEARCH_TERMS_BYTES, table("listings", listing(search_terms=terms, marketplace="JP"))
    )

    assert result.counts["pass"] == 1


def test_length_of_several_fields_reports_each_field_with_the_band_it_hit():
    rule = make_rule(
        {
            "kind": "length",
            "fields": BULLETS[:3],
            "fail": [{"lt": 10}, {"gt": 255}],
            "blank": "pass",
        }
    )
    result = run(
        rule,
        table(
            "listings",
            listing(
                bullet_point1="LOUD 360° SOUND: dual 10W drivers fill a room",
                bullet_point2="Great",
                bullet_point3="WATERPROOF: " + "rated IPX7 for pool and shower use, " * 8,
            ),
        ),
    )

    assert outcomes(result) == [
        ("VX-SPK-01", "bullet_point2", "fail"),
        ("VX-SPK-01", "bullet_point3", "fail"),
    ]
    assert [f["limit"] for f in result.findings] == [10, 255]
    assert result.counts == {"pass": 0, "fail": 1, "warn": 0, "unknown": 0}


def test_blank_pass_lets_optional_fields_be_empty():
    optional = make_rule({"kind": "length", "fields": BULLETS, "fail": {"lt": 10}, "blank": "pass"})
    mandatory = make_rule({"kind": "length", "fields": BULLETS, "fail": {"lt": 10}})
    listings = table("listings", listing(bullet_point1="LONG BATTERY LIFE: 24 hours of playtime"))

    assert run(optional, listings).findings == []
    assert outcomes(run(mandatory, listings)) == [("VX-SPK-01", f, "unknown") for f in BULLETS[1:]]
    assert [f["missing"] for f in run(mandatory, listings).findings] == [[f] for f in BULLETS[1:]]


def test_blank_title_is_unknown_by_default():
    result = run(TITLE_LENGTH, table("listings", listing()))

    [finding] = result.findings
    assert (finding["outcome"], finding["missing"]) == ("unknown", ["title"])
    assert finding["message"] == "Cannot decide: title is missing."


# --- field_count -------------------------------------------------------------------------

BULLET_COUNT = make_rule(
    {"kind": "field_count", "fields": BULLETS, "fail": {"lt": 3}, "warn": {"lt": 5}},
    message={
        "en": "{value} bullet points; at least {limit} needed, {warn_limit} advised.",
        "zh": "五点描述只有 {value} 条。",
    },
)


def bullets(n: int) -> dict:
    texts = [
        "LOUD 360° SOUND: dual 10W drivers",
        "IPX7 WATERPROOF: survives the pool",
        "24H PLAYTIME: charge once a week",
        "PAIR TWO: stereo with a second speaker",
        "WHAT YOU GET: speaker, USB-C cable, strap",
    ]
    return dict(zip(BULLETS, texts[:n], strict=False))


@pytest.mark.parametrize(
    ("count", "outcome", "limit"),
    [(0, "fail", 3), (1, "fail", 3), (2, "fail", 3), (3, "warn", 3), (4, "warn", 3)],
)
def test_bullet_count_bands(count, outcome, limit):
    result = run(BULLET_COUNT, table("listings", listing(**bullets(count))))

    [finding] = result.findings
    assert (finding["outcome"], finding["observed"], finding["limit"]) == (outcome, count, limit)


def test_a_count_with_only_a_warn_band_never_fails():
    rule = make_rule({"kind": "field_count", "fields": BULLETS, "warn": {"lt": 5}})
    result = run(rule, table("listings", listing(**bullets(1))))

    [finding] = result.findings
    assert (finding["outcome"], finding["observed"]) == ("warn", 1)


def test_a_count_needs_a_band():
    with pytest.raises(ValueError, match="fail band, a warn band"):
        make_rule({"kind": "field_count", "fields": BULLETS})


def test_five_bullets_pass():
    result = run(BULLET_COUNT, table("listings", listing(**bullets(5))))

    assert result.counts == {"pass": 1, "fail": 0, "warn": 0, "unknown": 0}


def test_field_count_counts_filled_fields_wherever_they_are():
    # Bullets 1, 3 and 5 filled: three bullets, a warning, never unknown.
    result = run(
        BULLET_COUNT,
        table(
            "listings",
            listing(
                bullet_point1="One feature",
                bullet_point3="Another",
                bullet_point5="A third",
                bullet_point2="  ",
            ),
        ),
    )

    [finding] = result.findings
    assert (finding["outcome"], finding["observed"]) == ("warn", 3)
    assert finding["evidence"]["warn_limit"] == 5
    assert finding["message"] == "3 bullet points; at least 3 needed, 5 advised."


# --- several fields reduced to one number ------------------------------------------------

LONGEST_SIDE = make_rule(
    {
        "kind": "threshold",
        "field": ["main_image_width", "main_image_height"],
        "reduce": "max",
        "fail": [{"lt": 500}, {"gt": 10000}],
        "warn": {"lt": 1000},
    }
)


@pytest.mark.parametrize(
    ("width", "height", "outcome", "value"),
    [
        (1500, 1500, None, None),
        (1200, 600, None, None),  # the longest side counts
        (800, 600, "warn", 800),
        (450, 380, "fail", 450),
        (12000, 8000, "fail", 12000),
        (1500, None, "unknown", None),  # half the facts: not judged
    ],
)
def test_threshold_reduces_several_fields_by_max(width, height, outcome, value):
    record = listing(main_image_width=width) | (
        {"main_image_height": height} if height is not None else {}
    )
    result = run(LONGEST_SIDE, table("listings", record))

    assert [(f["outcome"], f["observed"]) for f in result.findings] == (
        [(outcome, value)] if outcome else []
    )
    if outcome == "unknown":
        assert result.findings[0]["missing"] == ["main_image_width", "main_image_height"]


def test_range_reduces_by_min():
    rule = make_rule({"kind": "range", "field": ["price", "quantity"], "reduce": "min", "min": 1})
    result = run(
        rule,
        table("listings", listing("A", price=9.99, quantity=0), listing("B", price=5, quantity=3)),
    )

    assert outcomes(result) == [("A", None, "fail")]
