"""The OpenAPI document names each schema once: django-ninja files two pydantic schemas of the same
class name under one component, so the second one's shape silently described the first one's
answers (investments' ``PlanOut`` hid the plans' ``PlanOut``, the balance requirement's
``DecisionOut`` and the long-term budget's ``LineOut`` answered against others' shapes, the
allocation model's ``AdjustmentOut`` and ``AdjustmentIn`` against the frames', the internal budget's
``AdoptIn`` against the plans'). A client generated from the document
would read the wrong fields."""

from __future__ import annotations

from collections import defaultdict

from ninja import Schema

import styr.api.api  # noqa: F401  (registers every router, importing every schema)


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def test_no_two_api_schemas_share_a_name() -> None:
    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(Schema):
        # a schema nested in a class (the pagination's query ``Input``) is read into parameters, not a component
        if cls.__module__.startswith("styr.") and "." not in cls.__qualname__:
            by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    shared = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert shared == {}


def test_each_operations_answer_is_described_by_its_own_schema() -> None:
    from styr.api.api import api

    document = api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    assert {"label", "amounts", "sources"} <= set(schemas["BudgetLineOut"]["properties"])
    assert {"label_sv", "amount_sek", "source"} <= set(schemas["LineOut"]["properties"])
    assert "committees" in schemas["InvestmentPlanOut"]["properties"] and "committees" not in schemas["PlanOut"]["properties"]
