"""Reading a municipality's preset file: its governance model and its organisation.

A preset is YAML. Every error names the rule, the file and the line, and the whole
file is checked before anything is written (the loader in ``organisation.services``
writes only a preset this module accepted).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from styr.domain.errors import RuleViolation, _
from styr.domain.governance import GovernanceModel, _line_of, _require, governance_model_from_mapping
from styr.domain.levels import LevelKind
from styr.domain.org_tree import Placement, check_placement, parse_level_kind
from styr.domain.yaml_reader import YamlLoader


@dataclass(frozen=True)
class UnitSpec:
    """One node of the preset's organisation, children in order."""

    name: str
    kind: LevelKind
    short_name: str = ""
    members: int | None = None
    line: int | None = None
    children: tuple[UnitSpec, ...] = ()

    def walk(self, parent: UnitSpec | None = None) -> Iterator[tuple[UnitSpec, UnitSpec | None]]:
        yield self, parent
        for child in self.children:
            yield from child.walk(self)


@dataclass(frozen=True)
class DocumentSpec:
    title: str
    doc_type: str
    decided_by: str
    decision_reference: str
    decision_date: date
    valid_from: date
    validity: str
    applies_to: str
    follow_up_responsible: str
    registration_number: str


@dataclass(frozen=True)
class DatedText:
    title: str
    text: str
    valid_from: date


@dataclass(frozen=True)
class Preset:
    key: str
    group_name: str
    group_slug: str
    model: GovernanceModel
    organisation: UnitSpec
    vision: DatedText | None = None
    core_values: DatedText | None = None
    governing_documents: tuple[DocumentSpec, ...] = field(default_factory=tuple)
    source: str = "<preset>"

    def model_data(self) -> dict[str, Any]:
        from styr.domain.governance import governance_model_to_mapping

        return governance_model_to_mapping(self.model)


DOCUMENT_TYPES = (
    "LAW",
    "REGULATION",
    "GENERAL_ADVICE",
    "MODEL",
    "POLICY",
    "STRATEGY",
    "PROGRAMME",
    "PLAN",
    "GUIDELINE",
    "RULE",
    "CHARTER",
    "ARTICLES_OF_ASSOCIATION",
    "OWNER_DIRECTIVE",
)


def load_preset_file(path: str | Path) -> Preset:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleViolation(
            "PRESET-001",
            _("The preset file cannot be read: %(error)s"),
            {"error": str(error)},
            source=path.name,
        ) from None
    return parse_preset(text, source=path.name)


def parse_preset(text: str, *, source: str = "<preset>") -> Preset:
    try:
        data = yaml.load(text, Loader=YamlLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise RuleViolation(
            "PRESET-001",
            _("The preset file is not valid YAML: %(problem)s"),
            {"problem": getattr(error, "problem", None) or str(error)},
            source=source,
            line=mark.line + 1 if mark is not None else None,
        ) from None
    if not isinstance(data, Mapping):
        raise RuleViolation(
            "PRESET-001",
            _("The preset file must hold a mapping with the sections preset, municipal_group, model and organisation."),
            source=source,
            line=1,
        )
    try:
        return _parse(data, source)
    except RuleViolation as violation:
        raise violation.located(source, _line_of(data)) from None


def _pin(data: Any, key: str | None, source: str) -> Any:
    class _Ctx:
        def __enter__(self) -> None:
            return None

        def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
            if isinstance(exc, RuleViolation):
                raise exc.located(source, _line_of(data, key)) from None

    return _Ctx()


def _date(data: Mapping[str, Any], key: str, where: str) -> date:
    value = _require(data, key, (date, str), where)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RuleViolation(
            "PRESET-002",
            _("The field “%(field)s” in %(section)s must be a date (YYYY-MM-DD)."),
            {"field": key, "section": where},
            field=key,
        ) from None


def _parse(data: Mapping[str, Any], source: str) -> Preset:
    with _pin(data, "preset", source):
        key = _require(data, "preset", str, "preset")
    group = _require(data, "municipal_group", Mapping, "preset")
    with _pin(group, None, source):
        group_name = _require(group, "name", str, "municipal_group")
        group_slug = _require(group, "slug", str, "municipal_group")
    model = governance_model_from_mapping(_require(data, "model", Mapping, "preset"), source=source)
    with _pin(data, "organisation", source):
        organisation = _unit(_require(data, "organisation", Mapping, "preset"), source)
    _check_tree(organisation, source)
    known = {level.kind for level in model.levels}
    for unit, _parent in organisation.walk():
        if unit.kind not in known:
            raise RuleViolation(
                "ORG-006",
                _("Unknown level kind “%(kind)s”. Known kinds: %(known)s."),
                {"kind": unit.kind.value, "known": ", ".join(k.value for k in sorted(known))},
                source=source,
                line=unit.line,
            )
    vision = _dated_text(data, "vision", source)
    values = _dated_text(data, "core_values", source)
    documents: list[DocumentSpec] = []
    docs_data = data.get("governing_documents", [])
    if not isinstance(docs_data, list):
        raise RuleViolation(
            "PRESET-002",
            _("The field “%(field)s” in %(section)s has the wrong type."),
            {"field": "governing_documents", "section": "preset"},
        ).located(source, _line_of(data, "governing_documents"))
    for index, doc in enumerate(docs_data):
        where = f"governing_documents[{index}]"
        with _pin(doc, None, source):
            if not isinstance(doc, Mapping):
                raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": where})
            doc_type = _require(doc, "doc_type", str, where)
            if doc_type not in DOCUMENT_TYPES:
                raise RuleViolation(
                    "PRESET-002",
                    _("Unknown document type “%(value)s” (known: %(known)s)."),
                    {"value": doc_type, "known": ", ".join(DOCUMENT_TYPES)},
                    field="doc_type",
                )
            documents.append(
                DocumentSpec(
                    title=_require(doc, "title", str, where),
                    doc_type=doc_type,
                    decided_by=_require(doc, "decided_by", str, where),
                    decision_reference=_require(doc, "decision_reference", str, where),
                    decision_date=_date(doc, "decision_date", where),
                    valid_from=_date(doc, "valid_from", where),
                    validity=_require(doc, "validity", str, where),
                    applies_to=_require(doc, "applies_to", str, where),
                    follow_up_responsible=_require(doc, "follow_up_responsible", str, where),
                    registration_number=str(_require(doc, "registration_number", str, where)),
                )
            )
    return Preset(
        key=key,
        group_name=group_name,
        group_slug=group_slug,
        model=model,
        organisation=organisation,
        vision=vision,
        core_values=values,
        governing_documents=tuple(documents),
        source=source,
    )


def _dated_text(data: Mapping[str, Any], key: str, source: str) -> DatedText | None:
    if key not in data:
        return None
    section = data[key]
    with _pin(section, None, source):
        if not isinstance(section, Mapping):
            raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": key})
        return DatedText(
            title=_require(section, "title", str, key),
            text=_require(section, "text", str, key).strip(),
            valid_from=_date(section, "valid_from", key),
        )


def _unit(data: Mapping[str, Any], source: str) -> UnitSpec:
    with _pin(data, "kind", source):
        name = _require(data, "name", str, "organisation")
        kind = parse_level_kind(str(_require(data, "kind", str, f"organisation “{name}”")))
        members = data.get("members")
        if members is not None and (not isinstance(members, int) or members < 1):
            raise RuleViolation(
                "PRESET-002",
                _("The field “%(field)s” in %(section)s has the wrong type."),
                {"field": "members", "section": name},
            )
    children_data = data.get("children", [])
    if not isinstance(children_data, list):
        raise RuleViolation(
            "PRESET-002",
            _("The field “%(field)s” in %(section)s has the wrong type."),
            {"field": "children", "section": name},
        ).located(source, _line_of(data, "children"))
    children = []
    for child in children_data:
        if not isinstance(child, Mapping):
            raise RuleViolation(
                "PRESET-002",
                _("The section “%(section)s” must be a mapping."),
                {"section": f"{name}.children"},
            ).located(source, getattr(children_data, "line", None))
        children.append(_unit(child, source))
    return UnitSpec(
        name=name,
        kind=kind,
        short_name=str(data.get("short_name", "")),
        members=members,
        line=_line_of(data, "kind"),
        children=tuple(children),
    )


def _check_tree(root: UnitSpec, source: str) -> None:
    """The same tree rules the services apply, over the whole file before anything is written."""
    councils = 0
    administrations: dict[int, int] = {}
    for unit, parent in root.walk():
        try:
            check_placement(
                Placement(kind=unit.kind, parent_kind=parent.kind if parent else None),
                parent_of={},
                existing_councils=councils,
                administrations_under_parent=administrations.get(id(parent), 0),
            )
        except RuleViolation as violation:
            raise violation.located(source, unit.line) from None
        if unit.kind is LevelKind.COUNCIL:
            councils += 1
        if unit.kind is LevelKind.ADMINISTRATION:
            administrations[id(parent)] = administrations.get(id(parent), 0) + 1
