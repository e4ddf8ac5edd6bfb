"""Store profiles in auditor.yaml (`stores:`): validated when the file loads, one region a
store, credentials as ${ENV_VAR} references that are never repeated when refused."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import AS_OF, DATA
from pydantic import ValidationError

from auditor import api
from auditor.cli import main
from auditor.errors import AuditorError
from auditor.model.config import Config, Seller
from auditor.model.regions import Region
from auditor.packs.config import load_config

#: An agency's auditor.yaml: one business, a European and a Japanese store.
STORES = """\
seller:
  country: CN
stores:
  acme-eu:
    seller_id: A1EXAMPLESELLER
    marketplaces: [DE, fr, GB]
    sp_api:
      client_id: ${ACME_LWA_CLIENT_ID}
      client_secret: ${ACME_LWA_CLIENT_SECRET}
      refresh_token: ${ACME_REFRESH_TOKEN}
    ads_api:
      client_id: ${ACME_ADS_CLIENT_ID}
      client_secret: ${ACME_ADS_CLIENT_SECRET}
      refresh_token: ${ACME_ADS_REFRESH_TOKEN}
      profile_id: 1234567890
  acme.jp:
    seller_id: A2EXAMPLESELLER
    marketplaces: [JP]
    sp_api:
      client_id: ${ACME_JP_CLIENT_ID}
      client_secret: ${ACME_JP_CLIENT_SECRET}
      refresh_token: ${ACME_JP_REFRESH_TOKEN}
      endpoint: http://127.0.0.1:8123/
      token_endpoint: https://lwa.example.com/auth/o2/token
    seller:
      country: JP
"""

#: What a seller might paste: the client secret itself instead of a reference to it.
LITERAL_SECRET = "amzn1.oa2-cs.v1.0123456789abcdef0123456789abcdef"


def write(folder: Path, text: str) -> Path:
    path = folder / "auditor.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal(tmp_path: Path, text: str) -> str:
    with pytest.raises(AuditorError) as raised:
        load_config(write(tmp_path, text))
    return str(raised.value)


def test_store_profiles_load_with_their_marketplaces_in_amazons_codes(tmp_path):
    config = load_config(write(tmp_path, STORES))

    europe, japan = config.stores["acme-eu"], config.stores["acme.jp"]
    assert europe.marketplaces == ["DE", "FR", "UK"]  # GB is Seller Central's UK
    assert (europe.region, japan.region) == (Region.eu, Region.fe)
    assert europe.sp_api.client_secret == "${ACME_LWA_CLIENT_SECRET}"  # the reference, as written
    assert europe.ads_api is not None and europe.ads_api.profile_id == "1234567890"
    assert japan.sp_api.endpoint == "http://127.0.0.1:8123"  # a stand-in on this machine


def test_loading_profiles_needs_none_of_their_variables(tmp_path, monkeypatch):
    # An audit that does not fetch reads the same file: it must not need the secrets.
    for variable in ("ACME_LWA_CLIENT_ID", "ACME_LWA_CLIENT_SECRET", "ACME_REFRESH_TOKEN"):
        monkeypatch.delenv(variable, raising=False)

    options = api.Options.resolve(write(tmp_path, STORES), store="acme-eu")

    assert options.store == "acme-eu"


def test_a_store_mixing_regions_is_refused_naming_the_store_and_the_regions(tmp_path):
    message = refusal(tmp_path, STORES.replace("[DE, fr, GB]", "[DE, US, CA]"))

    assert "auditor.yaml:6: stores.acme-eu.marketplaces" in message
    assert "Europe: DE" in message and "North America: US, CA" in message
    assert "one store per region" in message


def test_a_store_with_an_unknown_marketplace_or_none_is_refused(tmp_path):
    assert "unknown marketplace 'XX'" in refusal(tmp_path, STORES.replace("[JP]", "[XX]"))
    assert "stores.acme.jp.marketplaces" in refusal(tmp_path, STORES.replace("[JP]", "[]"))


@pytest.mark.parametrize(
    "key", ["client_id", "client_secret", "refresh_token"], ids=lambda key: key
)
def test_a_literal_credential_is_refused_naming_the_key_never_the_value(tmp_path, key):
    text = STORES.replace(
        f"      {key}: ${{ACME_ADS_", f"      {key}: {LITERAL_SECRET} # ${{ACME_ADS_", 1
    )
    message = refusal(tmp_path, text)

    assert f"stores.acme-eu.ads_api.{key}" in message
    assert "${ENV_VAR} reference" in message
    assert LITERAL_SECRET not in message
    assert LITERAL_SECRET[:12] not in message


def test_nothing_that_validates_the_file_repeats_a_literal_secret():
    data = yaml.safe_load(STORES)
    data["stores"]["acme-eu"]["sp_api"]["refresh_token"] = LITERAL_SECRET
    data["stores"]["acme-eu"]["sp_api"]["password"] = LITERAL_SECRET  # an unknown key as well

    with pytest.raises(ValidationError) as raised:
        Config.model_validate(data)

    assert LITERAL_SECRET not in str(raised.value)
    assert LITERAL_SECRET not in repr(raised.value)


@pytest.mark.parametrize(
    "written",
    ["$ACME_LWA_CLIENT_ID", "${ACME LWA}", "x${ACME_LWA_CLIENT_ID}", "${1ACME}", "12345"],
)
def test_only_a_whole_env_reference_is_a_credential(written):
    data = yaml.safe_load(STORES)
    data["stores"]["acme-eu"]["sp_api"]["client_id"] = written

    with pytest.raises(ValidationError, match=r"must be a \$\{ENV_VAR\} reference"):
        Config.model_validate(data)


def test_the_cli_refuses_a_literal_secret_with_exit_2_and_never_prints_it(tmp_path):
    config = write(tmp_path, STORES.replace("${ACME_REFRESH_TOKEN}", f'"{LITERAL_SECRET}"'))

    result = CliRunner().invoke(main, ["audit", str(tmp_path), "--config", str(config)])

    assert result.exit_code == 2
    assert "stores.acme-eu.sp_api.refresh_token" in result.output
    assert LITERAL_SECRET not in result.output


@pytest.mark.parametrize(
    ("endpoint", "why"),
    [
        ("http://sellingpartnerapi-eu.amazon.com", "use https"),
        ("ftp://127.0.0.1/", "not an http(s) URL"),
        ("https://user@example.com", "no query, fragment or user name"),
    ],
)
def test_an_endpoint_is_https_or_a_local_stand_in(tmp_path, endpoint, why):
    assert why in refusal(tmp_path, STORES.replace("http://127.0.0.1:8123/", endpoint))


@pytest.mark.parametrize("name", ["acme eu", "acme/eu", "ç"])
def test_a_store_name_is_letters_digits_dots_dashes_and_underscores(tmp_path, name):
    message = refusal(tmp_path, STORES.replace("  acme.jp:", f"  {name!r}:"))

    assert "use letters, digits, '.', '_' and '-' only" in message


def test_a_stores_own_seller_facts_replace_the_top_level_ones():
    config = Config.model_validate(yaml.safe_load(STORES))

    assert config.seller_for("acme.jp") == Seller(country="JP")
    assert config.seller_for("acme-eu") == Seller(country="CN")  # it has no `seller:` of its own
    assert config.seller_for("not-a-profile") == config.seller_for(None) == Seller(country="CN")


JP_UK = DATA / "rules/compliance/jp-uk"


def pse_administrator_outcomes(config: Path, store: str | None) -> dict[str, str]:
    """CMP-024 (an overseas seller of PSE/PSC products needs a Japanese administrator)
    per SKU, auditing the Japanese and UK listings as `store`."""
    options = api.Options.resolve(config, store=store)
    options.as_of = AS_OF
    inputs = [
        JP_UK / "searchListingsItems-JP.json",
        JP_UK / "products.csv",
        JP_UK / "documents.csv",
    ]
    report = api.audit(inputs, options).report
    return {
        f["entity"]["sku"]: f["outcome"] for f in report["findings"] if f["rule_id"] == "CMP-024"
    }


def test_auditing_as_a_store_applies_that_stores_seller_facts(tmp_path):
    config = write(tmp_path, STORES)

    # The business is Chinese, so its products need an administrator in Japan ...
    assert set(pse_administrator_outcomes(config, None).values()) == {"fail"}
    # ... but the Japanese store is run by a company established in Japan.
    assert pse_administrator_outcomes(config, "acme.jp") == {}


def test_the_run_id_follows_the_seller_facts_in_effect_not_the_profiles(tmp_path):
    plain = api.Options.resolve(write(tmp_path, "seller:\n  country: CN\n"))
    with_stores = api.Options.resolve(write(tmp_path, STORES))
    japan = api.Options.resolve(write(tmp_path, STORES), store="acme.jp")

    def run_id(options: api.Options) -> str:
        return api._run_id([], [], options, AS_OF)

    assert run_id(plain) == run_id(with_stores)  # same facts, same run
    assert run_id(japan) != run_id(with_stores)  # other facts, other findings


def test_the_published_config_schema_describes_the_store_profiles():
    result = CliRunner().invoke(main, ["schema", "config"])
    schema = json.loads(result.output)
    validator = jsonschema.Draft202012Validator(schema)
    data = json.loads(json.dumps(yaml.safe_load(STORES)))
    data["stores"]["acme-eu"]["ads_api"]["profile_id"] = "1234567890"  # an editor sees text
    data["stores"]["acme-eu"]["marketplaces"] = ["DE", "FR", "UK"]

    assert "stores" in schema["properties"]
    assert list(validator.iter_errors(data)) == []

    data["stores"]["acme-eu"]["sp_api"]["client_secret"] = LITERAL_SECRET
    data["stores"]["acme eu"] = data["stores"].pop("acme.jp")
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "does not match" in messages
    assert "'acme eu'" in messages
