"""The registry of check kinds: one parameter model and one function per kind."""

from __future__ import annotations

import typing
from typing import ClassVar, Literal

import pandas as pd
import pytest
from conftest import AS_OF, make_rule, outcomes, run, table

from auditor.engine import registry
from auditor.engine.registry import check, check_kinds, run_check
from auditor.engine.verdicts import EvalContext, Verdicts
from auditor.engine.verdicts import outcomes as outcome_column
from auditor.model.rules import CheckParams

KINDS = sorted(check_kinds())


def test_the_packaged_kinds_are_registered():
    assert set(KINDS) >= {
        "threshold", "range", "length", "field_count", "required", "in_set", "gtin",
        "forbidden_chars", "regex", "forbidden_terms", "word_repetition",
        "document", "approval", "expiry",
    }  # fmt: skip


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_has_a_params_model_with_a_literal_kind(name):
    kind = check_kinds()[name]
    field = kind.params.model_fields["kind"]

    assert kind.name == name
    assert issubclass(kind.params, CheckParams)
    assert typing.get_origin(field.annotation) is Literal
    assert typing.get_args(field.annotation) == (name,)
    assert field.default == name


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_is_documented(name):
    kind = check_kinds()[name]

    assert "__doc__" in vars(kind.params)
    assert kind.params.__doc__ and kind.params.__doc__.strip()
    assert kind.params.__doc__ != CheckParams.__doc__
    assert kind.doc  # first paragraph of the function's docstring, for `auditor rules docs`
    assert "\n\n" not in kind.doc


@pytest.mark.parametrize("name", KINDS)
def test_each_kinds_columns_are_its_field_params(name):
    params = check_kinds()[name].params

    for param in params.field_params:
        assert param in params.model_fields, f"{name}.{param} is not a parameter"


class EchoParams(CheckParams):
    """Test kind: every row passes."""

    kind: Literal["echo"] = "echo"
    field: str = "sku"
    field_params: ClassVar[tuple[str, ...]] = ("field",)


def echo(params: EchoParams, frame: pd.DataFrame, ctx: EvalContext) -> list[Verdicts]:
    """Every row passes.

    Second paragraph, not part of the short doc."""
    return [Verdicts(outcome=outcome_column(frame.index, fail=pd.Series(False, index=frame.index)))]


@pytest.fixture
def scratch_registry(monkeypatch):
    """The real registry's kinds in a copy, so a test can register without leaking."""
    check_kinds()
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    return registry.REGISTRY


def test_a_new_kind_is_one_model_and_one_function(scratch_registry):
    check(EchoParams)(echo)

    kind = check_kinds()["echo"]
    assert (kind.params, kind.function) == (EchoParams, echo)
    assert kind.doc == "Every row passes."
    verdicts = run_check(
        EchoParams(), pd.DataFrame({"sku": ["VX-SPK-01"]}), EvalContext(as_of=AS_OF)
    )
    assert verdicts[0].outcome.tolist() == ["pass"]


def test_registering_a_kind_twice_raises(scratch_registry):
    check(EchoParams)(echo)

    with pytest.raises(ValueError, match="'echo' registered twice"):
        check(EchoParams)(echo)


def test_a_packaged_kind_cannot_be_replaced(scratch_registry):
    original = scratch_registry["threshold"]

    class Impostor(CheckParams):
        """Would shadow the real threshold."""

        kind: Literal["threshold"] = "threshold"

    with pytest.raises(ValueError, match="registered twice"):
        check(Impostor)(echo)
    assert scratch_registry["threshold"] is original
    # and rules still run the real one
    rule = make_rule({"kind": "threshold", "field": "price", "fail": {"le": 0}})
    assert outcomes(run(rule, table("listings", {"sku": "VX-SPK-01", "price": 0}))) == [
        ("VX-SPK-01", None, "fail")
    ]


def test_a_kind_without_a_literal_default_is_refused():
    class Unnamed(CheckParams):
        """No default kind."""

        kind: str

    with pytest.raises(TypeError, match="literal default"):
        check(Unnamed)
