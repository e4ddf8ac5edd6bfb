"""Many terms found at once, as whole words: forbidden words, and every brand of a catalogue."""

from __future__ import annotations

from conftest import make_rule, run, table

from auditor.engine.terms import Terms, occurrences


def test_a_term_is_a_whole_word_whatever_the_case():
    terms = Terms(["sale", "Best Seller"])

    assert terms.find("Wholesale pack, BEST SELLER on sale now") == ["best seller", "sale"]
    assert terms.find("wholesale salesman") == []
    assert terms.contains("On SALE") and not terms.contains("resale")


def test_the_longest_term_at_a_position_wins_and_matches_do_not_overlap():
    terms = Terms(["money back", "money back guarantee", "guarantee"])

    assert terms.find("30-day money back guarantee") == ["money back guarantee"]
    assert terms.find("money back, guarantee") == ["money back", "guarantee"]


def test_terms_with_punctuation_and_chinese_terms_inside_chinese_text():
    terms = Terms(["100% satisfaction", "co.uk", "最好", "包邮"])

    assert terms.find("100% satisfaction or your money") == ["100% satisfaction"]
    assert terms.find("visit shop.co.uk today") == ["co.uk"]
    assert terms.find("这是最好的保温杯，全国包邮") == ["最好", "包邮"]


def test_blank_terms_are_no_terms():
    assert Terms(["", "  "]).empty
    assert Terms([]).find("anything") == []


def test_one_term_of_a_row_is_found_by_substring_with_the_same_boundaries():
    assert occurrences("aquaro bottle by Aquaro", "AQUARO")
    assert not occurrences("aquarometer", "aquaro")
    assert occurrences("aquarometer, aquaro", "aquaro")


def test_every_brand_of_a_large_catalogue_is_looked_for_in_every_search_terms_field():
    # 24,000 brands as one regex alternation took 86 s; one automaton pass per text is linear.
    rule = make_rule(
        {
            "kind": "forbidden_terms",
            "fields": "search_terms",
            "blank": "pass",
            "table_terms": [{"table": "listings", "field": "brand"}],
            "exclude": ["Generic"],
        }
    )
    listings = [
        {
            "sku": f"SKU-{n:05d}",
            "brand": f"Brand{n:05d}",
            "search_terms": f"insulated bottle gym travel brand{(n * 7) % 24_000:05d}"
            if n % 2
            else "insulated bottle gym travel",
        }
        for n in range(24_000)
    ]

    result = run(rule, table("listings", *listings))

    assert result.counts["fail"] == 12_000
    assert result.findings[0]["evidence"]["found"] == "brand00007"
