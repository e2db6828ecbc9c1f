"""Charts of accounts and the statement they feed, as data (issue 9 §1; ACC-001…ACC-005)."""

from pathlib import Path

import pytest

from styr.domain.account_files import (
    ACCOUNTS_DIR,
    account_plan_from_mapping,
    known_plans,
    load_account_plan,
    load_statement_mapping,
    parse_range,
    shipped_statement,
    statement_mapping_from_mapping,
)
from styr.domain.accounts import AccountRange
from styr.domain.errors import RuleViolation

RESULT_ROWS_OF_A_COUNCIL = [
    "Verksamhetens intäkter",
    "Verksamhetens kostnader",
    "Avskrivningar",
    "Verksamhetens nettokostnad",
    "Skatteintäkter",
    "Generella statsbidrag och utjämning",
    "Finansiella intäkter",
    "Finansiella kostnader",
    "Årets resultat",
]


def test_both_charts_are_shipped_with_their_statements() -> None:
    assert known_plans() == ("bas", "kommun-bas")


@pytest.mark.parametrize("plan_key", ["kommun-bas", "bas"])
def test_every_account_of_a_shipped_plan_lands_on_exactly_one_row(plan_key: str) -> None:
    """ACC-001 and ACC-002 over the shipped files: one row per account, never two, never none."""
    plan, mapping = shipped_statement(plan_key)
    accounts = list(plan.accounts())
    assert len(accounts) > 150
    for account in accounts:
        rows = [row for row in mapping.rows for r in row.ranges if r.contains(account.number)]
        assert len(rows) == 1, (account.number, [r.key for r in rows])
        assert mapping.row_for(account.number) is rows[0]


@pytest.mark.parametrize(("plan_key", "split_groups"), [("kommun-bas", set()), ("bas", {"89"})])
def test_every_group_of_a_shipped_plan_lands_on_one_row_unless_the_mapping_splits_it(plan_key: str, split_groups: set[str]) -> None:
    """BAS's group 89 holds both the tax (8910) and the closing account (8999): split by account."""
    plan, mapping = shipped_statement(plan_key)
    split = set()
    for account_class in plan.classes:
        assert account_class.name
        for group in account_class.groups:
            assert group.number.startswith(account_class.number)
            if mapping.find_row(group.number) is None:
                split.add(group.number)
    assert split == split_groups


def test_kommun_bas_has_the_classes_a_council_reads() -> None:
    plan, mapping = shipped_statement("kommun-bas")
    assert [c.number for c in plan.classes] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert {c.number: c.name for c in plan.classes}["5"] == "Kostnader för arbetskraft"
    labels = [row.label_sv for row in mapping.rows_of("result")]
    assert [label for label in labels if label in RESULT_ROWS_OF_A_COUNCIL] == RESULT_ROWS_OF_A_COUNCIL
    balance = [row.label_sv for row in mapping.rows_of("balance")]
    for label in ("Summa anläggningstillgångar", "Summa omsättningstillgångar", "Eget kapital", "Avsättningar", "Summa skulder"):
        assert label in balance
    assert mapping.row_for("801").key == "tax_revenue"
    assert mapping.row_for("825").key == "general_grants"
    assert mapping.row_for("831").key == "general_grants"
    assert mapping.row_for("782").key == "depreciation"


def test_own_accounts_beyond_the_plan_are_accepted_by_range() -> None:
    """ACC-002: a municipality's own accounts (4567, 30106, 5011) land on their range's row."""
    plan, mapping = shipped_statement("kommun-bas")
    assert "4567" not in {a.number for a in plan.accounts()}
    assert mapping.row_for("4567").key == "operating_costs"
    assert mapping.row_for("30106").key == "revenue"
    assert mapping.row_for("5011").key == "operating_costs"
    assert mapping.row_for("84411").key == "financial_income"
    assert mapping.row_for("1930").key == "cash"
    assert plan.name_of("4567") == "Lämnade bidrag"
    assert plan.name_of("301") == "Försäljningsintäkter, momspliktiga"
    _bas, bas = shipped_statement("bas")
    assert bas.row_for("8999").key == "closing"
    assert bas.row_for("8910").key == "income_tax"
    assert bas.row_for("7832").key == "depreciation"


def test_acc_002_an_account_in_no_range_is_refused_by_row_for() -> None:
    _plan, mapping = shipped_statement("kommun-bas")
    for number in ("9110", "0123", "8", "ABC"):
        with pytest.raises(RuleViolation) as err:
            mapping.row_for(number)
        assert err.value.code == "ACC-002"
        assert err.value.detail["account"] == number


def test_a_range_is_read_on_the_leading_digits() -> None:
    r = parse_range("30-39")
    assert r == AccountRange("30", "39")
    assert all(r.contains(n) for n in ("3", "30", "301", "3011", "399999"))
    assert not any(r.contains(n) for n in ("29", "4", "40", "2999"))
    tax = parse_range("8900-8989")
    assert tax.contains("8910") and not tax.contains("8999") and not tax.contains("89")
    assert str(parse_range("84")) == "84" and str(tax) == "8900-8989"


@pytest.mark.parametrize("raw", ["39-30", "3-39", "3O", "", "30-", True])
def test_acc_003_a_malformed_range_is_refused(raw: object) -> None:
    with pytest.raises(RuleViolation) as err:
        parse_range(raw, source="statement-x.yaml", line=4)
    assert err.value.code == "ACC-003"
    assert (err.value.source, err.value.line) == ("statement-x.yaml", 4)


def _row(key: str, accounts: list[str], **extra: object) -> dict[str, object]:
    return {"key": key, "part": "result", "label_sv": key, "label_en": key, "accounts": accounts, **extra}


def _statement(*rows: dict[str, object]) -> dict[str, object]:
    return {"key": "statement-x", "plan": "x", "name": "X", "rows": list(rows)}


def test_acc_001_overlapping_ranges_of_two_rows_are_refused() -> None:
    with pytest.raises(RuleViolation) as err:
        statement_mapping_from_mapping(_statement(_row("revenue", ["30-39"]), _row("grants", ["35"])), source="statement-x.yaml")
    assert err.value.code == "ACC-001"
    assert {err.value.detail["first_row"], err.value.detail["second_row"]} == {"revenue", "grants"}
    assert err.value.source == "statement-x.yaml"


def test_acc_001_an_overlap_hidden_behind_a_range_of_the_same_row_is_found() -> None:
    with pytest.raises(RuleViolation) as err:
        statement_mapping_from_mapping(_statement(_row("a", ["10-19", "11"]), _row("b", ["15"])))
    assert err.value.code == "ACC-001"


def test_acc_001_a_range_of_four_digits_inside_a_group_is_an_overlap() -> None:
    with pytest.raises(RuleViolation) as err:
        statement_mapping_from_mapping(_statement(_row("costs", ["40-79"]), _row("depreciation", ["7800-7899"])))
    assert err.value.code == "ACC-001"


def test_sum_rows_add_earlier_rows_of_their_part() -> None:
    mapping = statement_mapping_from_mapping(
        _statement(
            _row("revenue", ["30-39"], sign=-1),
            _row("costs", ["40-79"], sign=-1),
            {"key": "net", "part": "result", "label_sv": "Netto", "label_en": "Net", "sum": ["revenue", "costs"]},
        )
    )
    net = mapping.rows[-1]
    assert net.is_sum and net.sums == ("revenue", "costs")
    assert mapping.rows[0].sign == -1


@pytest.mark.parametrize(
    "bad",
    [
        {"key": "net", "part": "result", "label_sv": "N", "label_en": "N", "sum": ["later"]},
        {"key": "net", "part": "balance", "label_sv": "N", "label_en": "N", "sum": ["revenue"]},
        {"key": "net", "part": "result", "label_sv": "N", "label_en": "N"},
        {"key": "net", "part": "result", "label_sv": "N", "label_en": "N", "accounts": ["40"], "sum": ["revenue"]},
        {"key": "net", "part": "profit", "label_sv": "N", "label_en": "N", "accounts": ["40"]},
        {"key": "revenue", "part": "result", "label_sv": "N", "label_en": "N", "accounts": ["40"]},
        {"key": "net", "part": "result", "label_sv": "N", "label_en": "N", "accounts": ["40"], "sign": 2},
        {"key": "net", "part": "result", "label_en": "N", "accounts": ["40"]},
    ],
)
def test_acc_003_a_malformed_statement_row_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(RuleViolation) as err:
        statement_mapping_from_mapping(_statement(_row("revenue", ["30-39"]), bad))
    assert err.value.code == "ACC-003"


def test_acc_003_a_memo_row_is_in_no_sum() -> None:
    with pytest.raises(RuleViolation) as err:
        statement_mapping_from_mapping(
            _statement(_row("closing", ["89"], memo=True), {"key": "net", "part": "result", "label_sv": "N", "label_en": "N", "sum": ["closing"]})
        )
    assert err.value.code == "ACC-003"


def _plan(classes: object) -> dict[str, object]:
    return {"key": "x", "name": "X", "classes": classes}


def test_acc_003_a_malformed_plan_file_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(
        "key: x\nname: X\nclasses:\n  3:\n    name: Intäkter\n    groups:\n      30:\n        name: Försäljning\n        accounts:\n          3O1: Fel\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleViolation) as err:
        load_account_plan(path)
    assert err.value.code == "ACC-003"
    assert (err.value.source, err.value.line) == ("x.yaml", 10)
    path.write_text("key: x\nname: [X\n", encoding="utf-8")
    with pytest.raises(RuleViolation) as err:
        load_account_plan(path)
    assert err.value.code == "ACC-003" and err.value.line is not None
    with pytest.raises(RuleViolation) as err:
        load_statement_mapping(tmp_path / "missing.yaml")
    assert err.value.code == "ACC-003"


@pytest.mark.parametrize(
    "classes",
    [
        {3: {"name": "Intäkter", "groups": {40: {"name": "Fel klass", "accounts": {401: "A"}}}}},
        {3: {"name": "Intäkter", "groups": {30: {"name": "F", "accounts": {311: "Fel grupp"}}}}},
        {3: {"name": "Intäkter", "groups": {30: {"name": "F", "accounts": {301: "A"}}, 31: {"name": "T", "accounts": {30: "Kort"}}}}},
        {
            3: {"name": "Intäkter", "groups": {30: {"name": "F", "accounts": {301: "A"}}}},
            30: {"name": "Två siffror", "groups": {301: {"name": "G", "accounts": {3011: "B"}}}},
        },
    ],
)
def test_acc_004_an_account_outside_its_group_or_class_is_refused(classes: object) -> None:
    with pytest.raises(RuleViolation) as err:
        account_plan_from_mapping(_plan(classes))
    assert err.value.code == "ACC-004"


def test_acc_004_an_account_outside_its_group_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    lines = ["key: x", "name: X", "classes:", "  3:", "    name: I", "    groups:", "      30:", "        name: F", "        accounts:", "          301: A"]
    lines += ["      31:", "        name: T", "        accounts:", "          301: B"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RuleViolation) as err:
        load_account_plan(path)
    assert err.value.code == "ACC-004"
    assert err.value.line == 14


def test_acc_004_an_account_written_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    lines = ["key: x", "name: X", "classes:", "  3:", "    name: I", "    groups:", "      30:", "        name: F", "        accounts:"]
    lines += ["          301: A", '          "301": B']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RuleViolation) as err:
        load_account_plan(path)
    assert err.value.code == "ACC-004"
    assert err.value.line == 11


def test_acc_004_a_group_is_two_digits() -> None:
    with pytest.raises(RuleViolation) as err:
        account_plan_from_mapping(_plan({3: {"name": "I", "groups": {301: {"name": "G", "accounts": {3011: "A"}}}}}))
    assert err.value.code == "ACC-004"


def test_acc_005_an_unknown_plan_is_not_shipped() -> None:
    with pytest.raises(RuleViolation) as err:
        shipped_statement("k-bas-99")
    assert err.value.code == "ACC-005"
    with pytest.raises(RuleViolation):
        shipped_statement("../presets")


def test_the_shipped_files_say_what_they_reproduce() -> None:
    for name in ("kommun-bas.yaml", "bas.yaml"):
        head = (ACCOUNTS_DIR / name).read_text(encoding="utf-8")[:3000]
        assert "NOT" in head and "official" in head


REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real" / "sie"


@pytest.mark.shared
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/real/sie is not there")
def test_the_accounts_of_real_company_files_land_on_a_bas_row_unless_internal() -> None:
    """ACC-002 over every #KONTO of the real SIE files (companies, BAS): each lands on a row,
    except classes 0 and 9 (internal and cost-accounting accounts) and non-numeric ones."""
    import re

    _plan, mapping = shipped_statement("bas")
    seen = 0
    for path in sorted(p for p in REAL.rglob("*") if p.is_file() and p.suffix.lower() in {".se", ".si"}):
        for number in re.findall(r'^#KONTO\s+"?([^\s"]+)', path.read_bytes().decode("cp437"), re.MULTILINE):
            seen += 1
            if number.isdigit() and number[0] not in "09":
                assert mapping.find_row(number) is not None, (path.name, number)
    assert seen > 1000
