"""The bundled rules' texts read well in both languages."""

from __future__ import annotations

import re

import pytest

from auditor.packs.loader import load_packs
from auditor.resources import rules_dir

RULES = [r for p in load_packs([rules_dir()]) for r in p.pack.rules]

#: A space next to Chinese punctuation, or between two Chinese characters: what a
#: folded YAML block leaves where a line broke inside a Chinese sentence.
STRAY_SPACE = re.compile(r"[，。；：、）！？] | [，。；：、（！？]|[\u4e00-\u9fff] [\u4e00-\u9fff]")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_chinese_texts_have_no_stray_spaces(rule):
    for name in ("message", "why", "fix"):
        text = getattr(rule, name).zh
        assert not STRAY_SPACE.search(text), f"{rule.id} {name}: {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_both_languages_are_written(rule):
    for name in ("message", "why", "fix"):
        text = getattr(rule, name)
        assert text.en.strip() and text.zh.strip()
        assert re.search(r"[\u4e00-\u9fff]", text.zh), f"{rule.id} {name} zh is not Chinese"
