"""Countries as ISO 3166-1 alpha-2 codes, from the codes and names sellers and Amazon write.

Accepted, whatever the case and spacing: alpha-2 (`CN`) and alpha-3 (`CHN`) codes;
the ISO names pycountry carries (`China`, `Viet Nam`, `Korea, Republic of` as in
Amazon's flat-file valid values), their official and common names (`People's Republic
of China`, `South Korea`, `Taiwan`), and their translations in pycountry's bundled
gettext catalogues for German, French, Italian, Spanish, Japanese and Chinese
(`Volksrepublik China`, `Chine`, `Cina`, `中国`, `中華人民共和国`, `中國`, `ベトナム`,
`越南`, `Deutschland`, `Allemagne`, `美国` ...). A name's part before a comma or
outside parentheses counts too where it names one country only (`Taiwan, Chinesische
Provinz` gives `Taiwan`; `Korea` names two and stays unknown). `ALIASES` adds the
forms sellers write that the catalogues lack (`Mainland China`, `PRC`, `中国大陆`, `UK`).
Accents may be left out (`Viet Nam`, `Turkiye`).

The lookup is built once, on first use: start-up does not pay for it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pandas as pd

#: The languages whose country names are accepted besides English (pycountry locales).
LANGUAGES = ("de", "fr", "it", "es", "ja", "zh_CN", "zh_TW", "zh_HK")

#: Forms sellers and Amazon write that pycountry's names and translations lack.
ALIASES: dict[str, str] = {
    "mainland china": "CN",
    "china mainland": "CN",
    "china (mainland)": "CN",
    "prc": "CN",
    "p.r.c.": "CN",
    "pr china": "CN",
    "p.r. china": "CN",
    "中国大陆": "CN",
    "中國大陸": "CN",
    "中国内地": "CN",
    "中國內地": "CN",
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "u.s.": "US",
    "u.s.a.": "US",
    "america": "US",
    "アメリカ": "US",
    "アメリカ合衆国": "US",
    "vietnam": "VN",
    "korea (south)": "KR",
    "韩国": "KR",
    "韓国": "KR",
    "韓國": "KR",
    "taiwan": "TW",
    "台湾": "TW",
    "台灣": "TW",
    "中国台湾": "TW",
    "中國台灣": "TW",
    "中国香港": "HK",
    "中國香港": "HK",
    "hongkong": "HK",
    "macau": "MO",
    "中国澳门": "MO",
    "russia": "RU",
    "turkey": "TR",
    "czech republic": "CZ",
    "holland": "NL",
    "the netherlands": "NL",
    "uae": "AE",
}

_SPACES = re.compile(r"\s+")
_PARENTHESES = re.compile(r"^(?P<outside>[^()（）]+?)\s*[(（](?P<inside>[^()（）]+)[)）]$")


def key(text: str) -> str:
    """A name as looked up: NFKC (full-width letters as ASCII), case-folded, single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _unaccented(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _variants(name: str) -> list[str]:
    """A name and its shorter forms: before a comma, outside and inside parentheses."""
    forms = [name]
    match = _PARENTHESES.match(name)
    if match:
        forms += [match["outside"], match["inside"]]
    if ", " in name:
        forms.append(name.split(", ")[0])
    return forms


@cache
def _lookup() -> tuple[dict[str, str], dict[str, str]]:
    """(exact keys, accent-free keys) -> alpha-2, built once from pycountry."""
    import gettext

    import pycountry  # only files with a country column pay for it

    catalogues = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in LANGUAGES
    ]
    names: dict[str, set[str]] = {}
    for country in pycountry.countries:
        english = [
            getattr(country, attr)
            for attr in ("name", "official_name", "common_name")
            if getattr(country, attr, None)
        ]
        written = set(english)
        for catalogue in catalogues:
            written.update(catalogue.gettext(name) for name in english)
        for name in written:
            for form in _variants(name):
                names.setdefault(key(form), set()).add(country.alpha_2)
    exact = {k: next(iter(codes)) for k, codes in names.items() if len(codes) == 1}
    for country in pycountry.countries:
        exact[key(country.alpha_3)] = country.alpha_2
        exact[key(country.alpha_2)] = country.alpha_2
    exact.update({key(alias): code for alias, code in ALIASES.items()})
    folded: dict[str, set[str]] = {}
    for name, code in exact.items():
        folded.setdefault(_unaccented(name), set()).add(code)
    return exact, {k: next(iter(c)) for k, c in folded.items() if len(c) == 1}


def country_code(text: str) -> str | None:
    """The alpha-2 code `text` names, or None."""
    exact, folded = _lookup()
    name = key(text)
    return exact.get(name) or folded.get(_unaccented(name))


def country_codes(text: pd.Series) -> pd.Series:
    """Each cell's alpha-2 code; NA where blank or not a country (call once per distinct value)."""
    return text.map(country_code, na_action="ignore").astype("string")
