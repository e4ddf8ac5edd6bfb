"""Whole words and phrases, many at once: forbidden terms, brands, claim words.

A list of terms used to become one regex alternation, which tries every term at every
position: 24,000 catalogue brands against the search terms of 24,000 listings took
86 s. `Terms` finds them all in one pass of an Aho-Corasick automaton
(`pyahocorasick`) over the lower-cased text, then keeps the hits that stand as whole
words: linear in the text, whatever the number of terms.

A term matches whatever the case, as a whole word or phrase: 'sale' does not match
'wholesale'. A term that begins or ends in a script written without spaces between
words (Chinese, Japanese) matches inside such text: there is no boundary to test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick

#: Scripts written without spaces between words: no word boundary applies beside them.
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def _is_word_char(char: str) -> bool:
    """What `\\w` matches in a `str` pattern: letters, digits (any script) and '_'."""
    return char.isalnum() or char == "_"


def _bounded(term: str) -> tuple[bool, bool]:
    """Whether the term needs a word boundary before it and after it."""
    return not _UNSPACED.match(term[0]), not _UNSPACED.match(term[-1])


class Terms:
    """A set of terms, found in a text as whole words, case-insensitively."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for term in {t.strip().lower() for t in terms if t.strip()}:
            self._automaton.add_word(term, (term, *_bounded(term)))
        self.empty = len(self._automaton) == 0
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[str]:
        """The distinct terms in `text`, lower-cased, in order of appearance.

        As a regex alternation with the longest term first would: at each position the
        longest term that stands as a whole word, and no match overlapping an earlier one.
        """
        if self.empty:
            return []
        lowered = text.lower()
        hits = sorted(
            (end - len(term) + 1, -len(term), term)
            for end, (term, before, after) in self._automaton.iter(lowered)
            if _stands_alone(lowered, end - len(term) + 1, end + 1, before, after)
        )
        found: dict[str, None] = {}
        taken = 0
        for start, negative_length, term in hits:
            if start >= taken:
                found[term] = None
                taken = start - negative_length
        return list(found)

    def contains(self, text: str) -> bool:
        if self.empty:
            return False
        lowered = text.lower()
        return any(
            _stands_alone(lowered, end - len(term) + 1, end + 1, before, after)
            for end, (term, before, after) in self._automaton.iter(lowered)
        )


def occurrences(text: str, term: str) -> bool:
    """Whether one term (a row's own brand) stands as a whole word in `text`: a plain
    substring search, for terms that differ from row to row."""
    term = term.strip().lower()
    if not term:
        return False
    lowered, (before, after) = text.lower(), _bounded(term)
    start = lowered.find(term)
    while start >= 0:
        if _stands_alone(lowered, start, start + len(term), before, after):
            return True
        start = lowered.find(term, start + 1)
    return False


def _stands_alone(text: str, start: int, end: int, before: bool, after: bool) -> bool:
    return not (
        (before and start > 0 and _is_word_char(text[start - 1]))
        or (after and end < len(text) and _is_word_char(text[end]))
    )
