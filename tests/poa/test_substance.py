"""What a point of a plan says, read word by word: the readings the `poa` rules decide on."""

from __future__ import annotations

import pytest

from auditor.poa import substance
from auditor.poa.consistency import contradiction
from auditor.poa.notice import Notice


@pytest.mark.parametrize(
    "text, date",
    [
        ("On 2026-11-03 we set handling time to 2 days.", "2026-11-03"),
        ("On 3 November 2026 we deleted the listing.", "3 November 2026"),
        ("On November 3, 2026 we deleted the listing.", "November 3, 2026"),
        ("We refunded the buyers on 11/03/2026.", "11/03/2026"),
        ("2026年11月3日，我们删除了该商品。", "2026年11月3日"),
        ("On [[TO COMPLETE: the date]] we removed the units.", "[[TO COMPLETE: the date]]"),
        ("We stopped buying from the wholesaler.", None),
    ],
)
def test_the_date_of_a_corrective_action(text, date):
    assert substance.date_of(text) == date


@pytest.mark.parametrize(
    "text, owner, frequency",
    [
        (
            "The warehouse lead checks pending orders at 14:00 every working day.",
            "The warehouse lead",
            "every working day",
        ),
        (
            "Our purchasing manager checks the brand's list before every order.",
            "Our purchasing manager",
            "before every order",
        ),
        (
            "Every Monday the account manager reviews Account Health.",
            "the account manager",
            "Every Monday",
        ),
        ("质检员每批发货前抽检 10 件。", "质检员", "每批"),
        ("We will be more careful with shipments.", None, None),
    ],
)
def test_the_owner_and_frequency_of_a_measure(text, owner, frequency):
    assert (substance.owner_of(text), substance.frequency_of(text)) == (owner, frequency)


@pytest.mark.parametrize(
    "text, restates",
    [
        ("Our Late Shipment Rate was 5.4%, above Amazon's target of under 4%.", "Rate"),
        ("In the last 30 days 99 of our 1,840 orders shipped late.", "99 of our 1,840"),
        ("Handling time was set to 1 day while the warehouse ships the next day.", None),
        ("Our LSR was 5.4% because handling time was too short.", None),
        ("Two units from batch 2611 left our warehouse in a torn carton.", None),
        ("[[TO COMPLETE: what caused the 99 late shipments]]", None),
    ],
)
def test_a_cause_says_why_a_restatement_only_what(text, restates):
    assert substance.restatement(text) == restates


def test_chinese_in_an_english_letter_is_found_but_a_name_beside_its_english_is_not():
    assert (
        substance.other_language("We checked it. 这里要再确认一下。", "en") == "这里要再确认一下。"
    )
    named = "We bought from Shenzhen Voltix Electronics Co., Ltd. (深圳市伏特电子有限公司)."
    assert substance.other_language(named, "en") is None
    assert substance.other_language("我们已删除该商品 B0CHN5MAT1。", "zh") is None
    assert substance.letter_language("我们已删除该商品，并于 2026-11-20 创建了移除订单。") == "zh"


ODR = Notice(
    violation="order-defect-rate", channel="mfn", rate=0.0125, defects=5, orders=400, window_days=60
)


@pytest.mark.parametrize(
    "text, found",
    [
        (
            "Between 2026-09-14 and 2026-11-12, 5 of our 400 seller-fulfilled orders had a "
            "defect. Our Order Defect Rate was 1.25%; Amazon's target is under 1%.",
            None,
        ),
        ("Our ODR was 1.3% in the last 60 days.", None),  # 1.25% written to one decimal
        (
            "Our Order Defect Rate for FBA orders was 0.81%.",
            "0.81% where the notice states 1.25%; FBA orders where the notice is about "
            "seller-fulfilled orders",
        ),
        ("Our late shipment rate was 6% in the last 30 days.", None),  # another metric
        (
            "Our ODR was 1.25%. Our late shipment rate was 6% over 30 days.",
            None,
        ),
        ("The account manager escalates when the Order Defect Rate passes 0.5%.", None),
        (
            "Our Order Defect Rate is 1.25% over a 90-day window.",
            "a 90-day window where the notice's is 60 days",
        ),
    ],
)
def test_figures_about_the_notices_metric_are_compared_with_it(text, found):
    assert contradiction(text, ODR) == found


def test_without_the_notices_figures_nothing_is_compared():
    assert contradiction("Our ODR for FBA orders was 0.81%.", Notice()) is None
    assert contradiction("Our ODR for FBA orders was 0.81%.", None) is None
