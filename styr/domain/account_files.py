"""Reading the charts of accounts and their statement mappings from ``presets/accounts/``.

``<plan>.yaml`` holds a chart (classes, two-digit groups, accounts), ``statement-<plan>.yaml``
its rows; both are read with the presets' YAML 1.2 reader (lines kept) and checked whole:
ACC-003 (a malformed file), ACC-004 (an account numbered outside its group or class, or twice),
ACC-001 and ACC-002 (``domain/accounts.py``). ACC-005: a preset names only shipped charts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from styr.domain.accounts import (
    PARTS,
    AccountClass,
    AccountGroup,
    AccountPlan,
    AccountPlans,
    AccountRange,
    PlanAccount,
    StatementMapping,
    StatementRow,
    check_no_overlap,
    check_plan_covered,
)
from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind
from styr.domain.org_tree import parse_level_kind
from styr.domain.yaml_reader import YamlLoader

#: Where the shipped charts and their statement mappings live.
ACCOUNTS_DIR = Path(__file__).resolve().parents[2] / "presets" / "accounts"
STATEMENT_PREFIX = "statement-"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_RANGE = re.compile(r"^([0-9]{1,20})(?:-([0-9]{1,20}))?$")


def _malformed(message: str, detail: Mapping[str, Any], source: str, line: int | None) -> RuleViolation:
    return RuleViolation("ACC-003", message, detail, source=source, line=line)


def _line(data: Any, key: str | None = None) -> int | None:
    lines = getattr(data, "key_lines", None)
    if key is not None and lines and key in lines:
        return int(lines[key])
    line = getattr(data, "line", None)
    return int(line) if line is not None else None


def _text(data: Mapping[str, Any], key: str, where: str, source: str) -> str:
    value = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        raise _malformed(
            _("The field “%(field)s” in %(section)s is missing or not text."),
            {"field": key, "section": where},
            source,
            _line(data, key),
        )
    return value.strip()


def _mapping(data: Any, key: str, where: str, source: str) -> Mapping[Any, Any]:
    value = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(value, Mapping) or not value:
        raise _malformed(
            _("The field “%(field)s” in %(section)s must be a non-empty mapping."),
            {"field": key, "section": where},
            source,
            _line(data, key),
        )
    return value


def _number(raw: object, where: str, source: str, line: int | None) -> str:
    text = str(raw).strip() if isinstance(raw, (int, str)) and not isinstance(raw, bool) else ""
    if not text.isdigit():
        raise _malformed(_("“%(number)s” in %(section)s is not an account number (digits only)."), {"number": raw, "section": where}, source, line)
    return text


def _read_yaml(text: str, source: str) -> Mapping[str, Any]:
    try:
        data = yaml.load(text, Loader=YamlLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise _malformed(
            _("The file is not valid YAML: %(problem)s"),
            {"problem": getattr(error, "problem", None) or str(error)},
            source,
            mark.line + 1 if mark is not None else None,
        ) from None
    if not isinstance(data, Mapping):
        raise _malformed(_("The file must hold a mapping."), {}, source, 1)
    return data


def _check_prefix(number: str, parent: str, where: str, source: str, line: int | None) -> None:
    if not number.startswith(parent) or len(number) <= len(parent):
        raise RuleViolation(
            "ACC-004",
            _("Number %(number)s does not belong under %(parent)s (%(section)s)."),
            {"number": number, "parent": parent, "section": where},
            source=source,
            line=line,
        )


def account_plan_from_mapping(data: Mapping[str, Any], *, source: str = "<plan>") -> AccountPlan:
    """ACC-003 and ACC-004: a chart of accounts from its file's data."""
    key = _text(data, "key", "plan", source)
    name = _text(data, "name", "plan", source)
    classes_data = _mapping(data, "classes", "plan", source)
    seen: set[str] = set()
    classes: list[AccountClass] = []
    for raw_class, class_data in classes_data.items():
        line = _line(classes_data, raw_class)
        class_number = _number(raw_class, "classes", source, line)
        if len(class_number) != 1:
            raise RuleViolation("ACC-004", _("A class is one digit, not %(number)s."), {"number": class_number}, source=source, line=line)
        where = f"class {class_number}"
        groups_data = _mapping(class_data, "groups", where, source)
        groups: list[AccountGroup] = []
        for raw_group, group_data in groups_data.items():
            group_line = _line(groups_data, raw_group)
            group_number = _number(raw_group, where, source, group_line)
            _check_prefix(group_number, class_number, where, source, group_line)
            if len(group_number) != 2:
                raise RuleViolation("ACC-004", _("A group is two digits, not %(number)s."), {"number": group_number}, source=source, line=group_line)
            group_where = f"group {group_number}"
            accounts_data = _mapping(group_data, "accounts", group_where, source)
            accounts: list[PlanAccount] = []
            for raw_account, account_name in accounts_data.items():
                account_line = _line(accounts_data, raw_account)
                number = _number(raw_account, group_where, source, account_line)
                _check_prefix(number, group_number, group_where, source, account_line)
                if number in seen:
                    raise RuleViolation("ACC-004", _("Account %(number)s is listed twice."), {"number": number}, source=source, line=account_line)
                seen.add(number)
                if not isinstance(account_name, str) or not account_name.strip():
                    raise _malformed(_("Account %(number)s has no name."), {"number": number}, source, account_line)
                accounts.append(PlanAccount(number, account_name.strip()))
            groups.append(AccountGroup(group_number, _text(group_data, "name", group_where, source), tuple(accounts)))
        classes.append(AccountClass(class_number, _text(class_data, "name", where, source), tuple(groups)))
    return AccountPlan(key=key, name=name, classes=tuple(classes))


def parse_range(raw: object, *, where: str = "accounts", source: str = "<statement>", line: int | None = None) -> AccountRange:
    """ACC-003: ``"30-39"`` or ``"84"``, both ends of the same length, the first not after the last."""
    match = _RANGE.match(str(raw).strip()) if isinstance(raw, (str, int)) and not isinstance(raw, bool) else None
    if match is None:
        raise _malformed(_("“%(range)s” in %(section)s is not an account range (such as 30-39)."), {"range": raw, "section": where}, source, line)
    first, last = match.group(1), match.group(2) or match.group(1)
    if len(first) != len(last) or first > last:
        raise _malformed(
            _("The range “%(range)s” in %(section)s must have ends of equal length, the first not after the last."),
            {"range": raw, "section": where},
            source,
            line,
        )
    return AccountRange(first, last)


def statement_mapping_from_mapping(data: Mapping[str, Any], *, source: str = "<statement>") -> StatementMapping:
    """ACC-003 and ACC-001: a statement mapping from its file's data."""
    key = _text(data, "key", "statement", source)
    plan = _text(data, "plan", "statement", source)
    name = _text(data, "name", "statement", source)
    rows_data = data.get("rows")
    if not isinstance(rows_data, list) or not rows_data:
        raise _malformed(
            _("The field “%(field)s” in %(section)s must be a non-empty list."), {"field": "rows", "section": "statement"}, source, _line(data, "rows")
        )
    rows: list[StatementRow] = []
    parts: dict[str, str] = {}
    memos: set[str] = set()
    for index, row_data in enumerate(rows_data):
        where = f"rows[{index}]"
        if not isinstance(row_data, Mapping):
            raise _malformed(_("The section “%(section)s” must be a mapping."), {"section": where}, source, _line(rows_data))
        line = _line(row_data)
        row_key = _text(row_data, "key", where, source)
        part = _text(row_data, "part", where, source)
        if part not in PARTS or row_key in parts:
            raise _malformed(_("Row “%(row)s” has an unknown part or a key used before."), {"row": row_key}, source, line)
        sign = row_data.get("sign", 1)
        memo = row_data.get("memo", False)
        if sign not in (1, -1) or isinstance(sign, bool) or not isinstance(memo, bool):
            raise _malformed(_("Row “%(row)s”: sign is 1 or -1 and memo true or false."), {"row": row_key}, source, line)
        ranges_data = row_data.get("accounts", [])
        sums_data = row_data.get("sum", [])
        if not isinstance(ranges_data, list) or not isinstance(sums_data, list) or bool(ranges_data) == bool(sums_data):
            raise _malformed(_("Row “%(row)s” needs either a list of accounts or a list of rows to sum."), {"row": row_key}, source, line)
        ranges = tuple(parse_range(raw, where=f"{where}.accounts", source=source, line=line) for raw in ranges_data)
        for summed in sums_data:
            if parts.get(str(summed)) != part or summed in memos:
                raise _malformed(
                    _("Row “%(row)s” sums “%(summed)s”, which is not an earlier row of its part in any sum."),
                    {"row": row_key, "summed": summed},
                    source,
                    line,
                )
        parts[row_key] = part
        if memo:
            memos.add(row_key)
        rows.append(
            StatementRow(
                key=row_key,
                part=part,
                label_sv=_text(row_data, "label_sv", where, source),
                label_en=_text(row_data, "label_en", where, source),
                sign=sign,
                ranges=ranges,
                sums=tuple(str(s) for s in sums_data),
                memo=memo,
            )
        )
    mapping = StatementMapping(key=key, plan=plan, name=name, rows=tuple(rows))
    check_no_overlap(mapping, source=source)
    return mapping


def load_account_plan(path: str | Path) -> AccountPlan:
    path = Path(path)
    return account_plan_from_mapping(_read_yaml(_read_text(path), path.name), source=path.name)


def load_statement_mapping(path: str | Path) -> StatementMapping:
    path = Path(path)
    return statement_mapping_from_mapping(_read_yaml(_read_text(path), path.name), source=path.name)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _malformed(_("The file cannot be read: %(error)s"), {"error": str(error)}, path.name, None) from None


@cache
def known_plans(directory: Path = ACCOUNTS_DIR) -> tuple[str, ...]:
    """The shipped charts of accounts: each ``<plan>.yaml`` beside its ``statement-<plan>.yaml``
    (looked up once per process: the files ship with the code)."""
    return tuple(
        sorted(
            p.stem for p in directory.glob("*.yaml") if not p.stem.startswith(STATEMENT_PREFIX) and (directory / f"{STATEMENT_PREFIX}{p.stem}.yaml").exists()
        )
    )


@cache
def shipped_statement(plan_key: str) -> tuple[AccountPlan, StatementMapping]:
    """A shipped chart and its statement, checked together (ACC-001…ACC-004); read once."""
    if not _NAME.match(plan_key) or plan_key not in known_plans():
        raise RuleViolation(
            "ACC-005",
            _("“%(plan)s” is not a shipped account plan (known: %(known)s)."),
            {"plan": plan_key, "known": ", ".join(known_plans())},
            field="account_plans",
        )
    plan = load_account_plan(ACCOUNTS_DIR / f"{plan_key}.yaml")
    mapping = load_statement_mapping(ACCOUNTS_DIR / f"{STATEMENT_PREFIX}{plan_key}.yaml")
    if plan.key != plan_key or mapping.plan != plan_key:
        raise _malformed(_("The files of plan “%(plan)s” name another plan."), {"plan": plan_key}, f"{plan_key}.yaml", None)
    check_plan_covered(plan, mapping)
    return plan, mapping


def account_plans_from_mapping(data: Mapping[str, Any], source: str) -> AccountPlans:
    """ACC-005: ``economy.account_plans`` of the model, ``{default: kommun-bas, COMPANY: bas}``:
    each value a shipped chart of accounts, each other key a level kind. Missing: the default."""
    economy = data.get("economy")
    if economy is None:
        return AccountPlans()
    wrong = RuleViolation("PRESET-002", _("The field “%(field)s” in %(section)s has the wrong type."), {"field": "account_plans", "section": "economy"})
    if not isinstance(economy, Mapping):
        raise wrong.located(source, _line(data, "economy"))
    if "account_plans" not in economy:
        return AccountPlans()
    raw = economy["account_plans"]
    if not isinstance(raw, Mapping) or not isinstance(raw.get("default"), str):
        raise wrong.located(source, _line(economy, "account_plans"))
    known = known_plans()
    by_kind: list[tuple[LevelKind, str]] = []
    for kind_name, plan in raw.items():
        line = _line(raw, kind_name)
        if not isinstance(plan, str) or not _NAME.match(plan) or plan not in known:
            raise RuleViolation(
                "ACC-005",
                _("“%(plan)s” is not a shipped account plan (known: %(known)s)."),
                {"plan": plan, "known": ", ".join(known)},
                field="account_plans",
            ).located(source, line)
        if kind_name != "default":
            try:
                by_kind.append((parse_level_kind(str(kind_name)), plan))
            except RuleViolation as violation:
                raise violation.located(source, line) from None
    return AccountPlans(default=raw["default"], by_kind=tuple(by_kind))


@cache
def shipped_row_map(plan_key: str, municipality_plan: str = "kommun-bas") -> dict[str, str]:
    """The map of a company's statement rows (its plan ``plan_key``) onto the municipality's:
    ``group-rows-<plan>.yaml`` (GROUP-003); the municipality's own plan maps onto itself."""
    from styr.domain.consolidation import row_map_from_mapping

    _plan, target = shipped_statement(municipality_plan)
    if plan_key == municipality_plan:
        return {row.key: row.key for row in target.rows if not row.is_sum and not row.memo}
    _other, source = shipped_statement(plan_key)
    path = ACCOUNTS_DIR / f"group-rows-{plan_key}.yaml"
    return row_map_from_mapping(_read_yaml(_read_text(path), path.name), source, target, name=path.name)
