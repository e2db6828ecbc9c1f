"""Charts of accounts and the statement they feed, as data (issue 9 §1).

A chart of accounts (``presets/accounts/<plan>.yaml``: Kommun-Bas for the municipality, BAS
for the companies) has classes (one digit), groups (two digits) and accounts. Its statement
mapping (``presets/accounts/statement-<plan>.yaml``) puts account *ranges* on the rows of the
result statement and the balance sheet, so an account the chart does not list (a
municipality's own 4567, or 30106) lands on the row its number falls in.

A range is written ``"30-39"`` or ``"84"`` and is read by the leading digits: ``"30-39"``
holds 30, 301, 3011 and 399999 alike, ``"8900-8989"`` holds 8910 but not 8999.

Rules: ACC-001 (ranges of two rows overlap), ACC-002 (an account lands on no row), ACC-003 (a
malformed chart or mapping file), ACC-004 (an account numbered outside its group or class, or
twice), ACC-005 (a preset names an account plan that is not shipped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from styr.domain.errors import RuleViolation, _

#: Where the shipped charts and their statement mappings live.
ACCOUNTS_DIR = Path(__file__).resolve().parents[2] / "presets" / "accounts"
STATEMENT_PREFIX = "statement-"
#: Account numbers are compared on this many digits (SIE allows 20 characters).
WIDTH = 20
PARTS = ("result", "balance")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_RANGE = re.compile(r"^([0-9]{1,20})(?:-([0-9]{1,20}))?$")


@dataclass(frozen=True)
class PlanAccount:
    number: str
    name: str


@dataclass(frozen=True)
class AccountGroup:
    number: str
    name: str
    accounts: tuple[PlanAccount, ...]


@dataclass(frozen=True)
class AccountClass:
    number: str
    name: str
    groups: tuple[AccountGroup, ...]


@dataclass(frozen=True)
class AccountPlan:
    key: str
    name: str
    classes: tuple[AccountClass, ...]

    def accounts(self) -> Iterator[PlanAccount]:
        for account_class in self.classes:
            for group in account_class.groups:
                yield from group.accounts

    def name_of(self, number: str) -> str:
        """The account's name, else its group's, else its class's (an own account is named by
        where it belongs); empty when the number is in no class of the chart."""
        for account_class in self.classes:
            if not number.startswith(account_class.number):
                continue
            for group in account_class.groups:
                if number.startswith(group.number):
                    for account in group.accounts:
                        if account.number == number:
                            return account.name
                    return group.name
            return account_class.name
        return ""


@dataclass(frozen=True)
class AccountRange:
    """Accounts whose leading digits lie from ``first`` to ``last`` (of equal length)."""

    first: str
    last: str

    @property
    def low(self) -> int:
        return int(self.first.ljust(WIDTH, "0"))

    @property
    def high(self) -> int:
        return int(self.last.ljust(WIDTH, "9"))

    def contains(self, number: str) -> bool:
        """True when every account the number can stand for lies in the range: 3011 and 3 both
        lie in 30-39 (3 is the whole class 3); 8 does not lie in 80-84."""
        if not number.isdigit() or len(number) > WIDTH:
            return False
        return self.low <= int(number.ljust(WIDTH, "0")) and int(number.ljust(WIDTH, "9")) <= self.high

    def __str__(self) -> str:
        return self.first if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True)
class StatementRow:
    key: str
    part: str
    label_sv: str
    label_en: str
    #: shown amount = sign × booked amount (credit revenue and liabilities are negative in a ledger)
    sign: int = 1
    ranges: tuple[AccountRange, ...] = ()
    #: a sum row: the keys of earlier rows of its part, added as shown
    sums: tuple[str, ...] = ()
    #: shown apart, in no sum (the closing account of the year's result)
    memo: bool = False

    @property
    def is_sum(self) -> bool:
        return bool(self.sums)

    def label(self, language: str = "sv") -> str:
        return self.label_en if language.startswith("en") else self.label_sv


@dataclass(frozen=True)
class StatementMapping:
    key: str
    plan: str
    name: str
    rows: tuple[StatementRow, ...]

    def rows_of(self, part: str) -> tuple[StatementRow, ...]:
        return tuple(row for row in self.rows if row.part == part)

    def find_row(self, number: str) -> StatementRow | None:
        for row in self.rows:
            if any(r.contains(number) for r in row.ranges):
                return row
        return None

    def row_for(self, number: str) -> StatementRow:
        """ACC-002: the row an account lands on, by range; refused when it lands on none."""
        row = self.find_row(str(number).strip())
        if row is None:
            raise RuleViolation(
                "ACC-002",
                _("Account %(account)s lands on no row of the statement “%(statement)s”."),
                {"account": number, "statement": self.key},
                field="account",
            )
        return row


# --- reading -------------------------------------------------------------------------------


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
    import yaml

    from styr.domain.presets import _Loader  # the same YAML 1.2 reader, lines kept

    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
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


def check_no_overlap(mapping: StatementMapping, *, source: str | None = None) -> None:
    """ACC-001: no account can land on two rows (ranges of different rows never meet)."""
    spans = [(r, row.key) for row in mapping.rows for r in row.ranges]
    for index, (first, first_row) in enumerate(spans):
        for second, second_row in spans[index + 1 :]:
            if first_row != second_row and first.low <= second.high and second.low <= first.high:
                raise RuleViolation(
                    "ACC-001",
                    _("The accounts %(first)s (row “%(first_row)s”) and %(second)s (row “%(second_row)s”) overlap: an account would land on two rows."),
                    {"first": str(first), "first_row": first_row, "second": str(second), "second_row": second_row},
                    source=source,
                )


def check_plan_covered(plan: AccountPlan, mapping: StatementMapping) -> None:
    """ACC-002: every account the chart lists lands on a row of its statement."""
    missing = [account.number for account in plan.accounts() if mapping.find_row(account.number) is None]
    if missing:
        raise RuleViolation(
            "ACC-002",
            _("Account %(account)s lands on no row of the statement “%(statement)s”."),
            {"account": missing[0], "statement": mapping.key, "accounts": missing},
        )


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


def known_plans(directory: Path = ACCOUNTS_DIR) -> tuple[str, ...]:
    """The shipped charts of accounts: each ``<plan>.yaml`` beside its ``statement-<plan>.yaml``."""
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


def is_plan_name(text: str) -> bool:
    return bool(_NAME.match(text))
