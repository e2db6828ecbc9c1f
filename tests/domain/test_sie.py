"""The SIE parser and its checks (issue 9 §2): SIE-001…SIE-007."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from styr.domain.sie import BudgetRow, Finding, Voucher, parse, parse_bytes, parse_path, write_pbudget

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "sie"
REAL = Path(__file__).parents[2].parent / "shared" / "data" / "real" / "sie"

HEAD = "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20240101 20241231\n"


def sie(text: str, encoding: str = "cp437") -> bytes:
    return (HEAD + text).encode(encoding)


def codes(findings: list[Finding]) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in findings]


# -- own fixtures -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["exempelby_typ4_crlf.se", "exempelby_typ4_tabs.se"])
def test_a_cp437_file_with_crlf_or_tabs_is_read_whole(name: str) -> None:
    raw = (FIXTURES / name).read_bytes()
    assert (b"\r\n" in raw) == (name.endswith("crlf.se")) and (b"\t" in raw) == name.endswith("tabs.se")
    result = parse_path(FIXTURES / name)
    assert result.errors == []
    assert codes(result.warnings) == [("SIE-005", 55)]  # #OKÄND is kept as a warning
    assert result.encoding == "cp437" and result.sie_type == "4"
    assert result.company == "Exempelby kommun" and result.program == "Styr testfil 1.0"
    assert result.header["ORGNR"] == ("212000-0689",)
    assert result.years[0].start == date(2024, 1, 1) and result.years[-1].end == date(2023, 12, 31)
    assert result.accounts["2440"].name == "Leverantörsskulder"
    assert (result.accounts["5410"].sru, result.accounts["5410"].unit, result.accounts["1930"].type) == ("7513", "st", "T")
    assert result.dimensions["11"].parent == "1"
    assert result.objects[("1", "200")] == 'Förvaltning "Norr"'  # escaped quotes
    assert result.counts["TRANS"] == 6 and result.counts["VER"] == 3 and result.counts["BTRANS"] == 1
    first, second, _third = result.vouchers
    assert (first.series, first.number, first.date, first.registered, first.sign) == ("A", "1", date(2024, 1, 10), date(2024, 1, 11), "ÅÖ")
    assert first.transactions[1].objects == (("1", "100"),) and first.transactions[1].date is None
    stolar = second.transactions[0]
    assert stolar.objects == (("1", "200"), ("11", "7")) and stolar.amount == Decimal("2000.00")
    assert (stolar.text, stolar.quantity, stolar.line) == ("Stolar", Decimal(4), 45)
    assert [t.kind for t in second.transactions] == ["TRANS", "TRANS", "BTRANS", "RTRANS"]
    assert result.transaction_totals == {"1930": Decimal("2500.00"), "3010": Decimal("-4000.00"), "5410": Decimal("2000.00"), "2440": Decimal("-500.00")}
    budget = [r for r in result.period_balances if r.kind == "PBUDGET"]
    assert [(r.period, r.objects, r.amount) for r in budget][-1] == (202402, (), Decimal("500.00"))
    oib = next(b for b in result.balances if b.kind == "OIB")
    assert oib.objects == (("1", "100"),) and oib.amount == Decimal("5000.00")


def test_vouchers_are_streamed_to_a_callback_and_not_kept() -> None:
    seen: list[Voucher] = []
    with open(FIXTURES / "exempelby_typ4_crlf.se", "rb") as handle:
        result = parse(handle, on_voucher=seen.append)
    assert [v.number for v in seen] == ["1", "2", "1"] and result.vouchers == []
    assert result.errors == []


def test_an_unbalanced_voucher_is_refused_with_its_line() -> None:
    result = parse_bytes(sie('#VER A 7 20240105 "x"\n{\n#TRANS 1930 {} 100.00\n#TRANS 3010 {} -99.90\n}\n'))
    assert codes(result.errors) == [("SIE-001", 5)]
    assert result.errors[0].message == "Voucher A 7 does not balance: its transactions sum to 0.10."
    violation = result.errors[0].violation("x.se")
    assert (violation.code, violation.source, violation.line) == ("SIE-001", "x.se", 5)


def test_transactions_must_reconcile_with_balances() -> None:
    body = (
        "#IB 0 1930 100.00\n#UB 0 1930 300.00\n#RES 0 3010 -150.00\n#UB 0 1510 55.00\n"
        "#VER A 1 20240105 x\n{\n#TRANS 1930 {} 200.00\n#TRANS 3010 {} -200.00\n}\n"
    )
    result = parse_bytes(sie(body))
    # 1930 agrees (200 = 300 - 100); 3010 does not (-200 against RES -150); 1510 has no transactions
    assert codes(result.errors) == [("SIE-002", 7)]
    assert "3010" in result.errors[0].message and "-150.00" in result.errors[0].message
    # without vouchers (SIE 1-3) nothing is compared
    assert parse_bytes(sie("#IB 0 1930 100.00\n#UB 0 1930 300.00\n")).errors == []


@pytest.mark.parametrize(
    ("line", "fault"),
    [
        ("#TRANS 1930 {} 12,50", "12,50 is not an amount"),
        ("#TRANS 1930 {} 1e5", "1e5 is not an amount"),
        ("#TRANS 1930 {} 1.005", "1.005 has fractions of an öre"),
        ("#TRANS 1930 {} 10.00 20240230", "20240230 is not a date"),
        ("#TRANS 1930 {}", "#TRANS lacks its field amount"),
        ("#TRANS FEL {} 10.00", "FEL is not an account number"),
        ('#TRANS 1930 {} 10.00 20240101 "open', "A quote is not closed"),
        ("#TRANS 1930 {1 10.00", "A brace { } is not closed"),
        ('#TRANS 1930 {1 "100" 2} 10.00', "An object list holds pairs"),
    ],
)
def test_a_malformed_line_is_refused_with_its_line(line: str, fault: str) -> None:
    result = parse_bytes(sie(f"#VER A 1 20240105 x\n{{\n{line}\n}}\n"))
    assert codes(result.errors) == [("SIE-003", 7)]
    assert result.errors[0].message.startswith(fault)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("#PSALDO 0 202413 3010 {} 1.00\n", 5),
        ("#PBUDGET 0 202401 3010 {} x\n", 5),
        ("#RAR 0 20241231\n", 5),
        ("#IB x 1930 1.00\n", 5),
        ("#TRANS 1930 {} 1.00\n", 5),  # outside a voucher
        ("}\n", 5),
        ("nonsense\n", 5),
        ("#VER A 1 20240105 x\n{\n#TRANS 1930 {} 0.00\n", 5),  # never closed
        ("#VER A 1 20240105 x\n#KONTO 1930 Bank\n", 5),  # no {
        ("#VER A 1 2024010 x\n{\n}\n", 5),
    ],
)
def test_structure_and_fields_are_checked(text: str, line: int) -> None:
    result = parse_bytes(sie(text))
    assert codes(result.errors) == [("SIE-003", line)]


def test_a_voucher_may_open_on_its_own_line() -> None:
    result = parse_bytes(sie('#VER "" "" 20240105 "x" {\n#TRANS 1930 {} 1.00\n#TRANS 2440 {} -1.00\n}\n'))
    assert result.errors == [] and result.vouchers[0].series == ""


def test_utf8_and_latin9_files_that_say_pc8_are_read_with_a_warning() -> None:
    text = '#KONTO 2440 "Leverantörsskulder"\n'
    for encoding, name in [("utf-8", "UTF-8"), ("iso8859_15", "ISO-8859-15"), ("cp437", None)]:
        result = parse_bytes(sie(text, encoding))
        assert result.accounts["2440"].name == "Leverantörsskulder", encoding
        assert [w.code for w in result.warnings] == (["SIE-004"] if name else [])
        if name:
            assert name in result.warnings[0].message and result.warnings[0].line == 5


def test_an_unknown_sie_type_is_refused() -> None:
    result = parse_bytes(b"#SIETYP 5\n")
    assert codes(result.errors) == [("SIE-004", 1)]


def test_a_budget_row_written_twice_is_counted_once() -> None:
    body = '#DIM 6 Projekt\n#PBUDGET 0 202401 3010 {} -100.00\n#PBUDGET 0 202401 3010 {1 "0"} -100.00\n#PBUDGET 0 202401 3010 {6 "P"} -40.00\n'
    result = parse_bytes(sie(body))
    rows = [(r.line, r.objects) for r in result.period_balances]
    assert rows == [(6, ()), (8, (("6", "P"),))]  # the declared dimension 6 stays
    assert codes(result.warnings) == [("SIE-006", 7)]


def test_the_checksum_is_verified() -> None:
    body = "#KSUMMA\n#KONTO 1930 Bank\n#KSUMMA {}\n"
    import zlib

    crc = zlib.crc32(b"#KONTO1930Bank")
    good = parse_bytes(sie(body.replace("{}", str(crc))))
    assert good.errors == [] and good.checksum_ok is True
    bad = parse_bytes(sie(body.replace("{}", str(crc + 1))))
    assert codes(bad.errors) == [("SIE-007", 7)] and bad.checksum_ok is False
    missing = parse_bytes(sie("#KSUMMA\n#KONTO 1930 Bank\n"))
    assert [e.code for e in missing.errors] == ["SIE-007"]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(["1930", "2440", "3010", "5410"]), st.integers(-(10**9), 10**9)), min_size=1, max_size=6),
        min_size=1,
        max_size=8,
    )
)
def test_generated_balanced_vouchers_are_read_back(vouchers: list[list[tuple[str, int]]]) -> None:
    lines = []
    for number, rows in enumerate(vouchers, 1):
        lines.append(f'#VER A {number} 20240301 "Ver \\"{number}\\""\n{{')
        total = 0
        for account, ore in rows:
            lines.append(f"\t#TRANS {account} {{}} {Decimal(ore) / 100:.2f}")
            total += ore
        lines.append(f'\t#TRANS 1930 {{1 "Nord"}} {Decimal(-total) / 100:.2f}\n}}')
    result = parse_bytes(sie("\r\n".join(lines) + "\r\n"))
    assert result.errors == []
    assert len(result.vouchers) == len(vouchers)
    for voucher, rows in zip(result.vouchers, vouchers, strict=True):
        assert [t.amount for t in voucher.transactions[:-1]] == [Decimal(ore) / 100 for _a, ore in rows]
        assert voucher.total == 0 and voucher.text == f'Ver "{voucher.number}"'


def test_a_large_file_is_streamed() -> None:
    """200,000 rows go through a callback; the summary keeps none of them."""
    count = 0

    def lines():
        yield HEAD.encode()
        for n in range(50_000):
            yield f"#VER A {n} 20240301 x\n{{\n#TRANS 1930 {{}} 1.00\n#TRANS 3010 {{}} -1.00\n}}\n".encode()

    def on_voucher(voucher: Voucher) -> None:
        nonlocal count
        count += len(voucher.transactions)

    result = parse(io.BytesIO(b"".join(lines())), on_voucher=on_voucher)
    assert count == 100_000 and result.vouchers == [] and result.counts["TRANS"] == 100_000
    assert result.transaction_totals["1930"] == Decimal("50000.00")


# -- the real files in ../shared -------------------------------------------------------------

#: file -> the (rule, line) of its first error, for the files the checks refuse
REFUSED = {
    "transaktioner_ovnbolag-bad-balance.se": ("SIE-001", 3905),
    "BLBLOV_SIE4_UTF_8_with_imbalanced_voucher.SE": ("SIE-001", 821),
    "Sie4.se": ("SIE-003", 592),  # account DIFF (and FEL) is not a number
    "XE_SIE_4_20151125095119.SE": ("SIE-003", 220),  # '"' written for 'ö', a quote left open
    "BLBLOV_SIE4_ISO_8859_15.SE": ("SIE-003", 545),  # #PBUDGET with account and period swapped
    "SIE_with_long_voucher_series_number.SE": ("SIE-002", 81),  # generated, does not reconcile
    "Arousells_Visning_AB.SE": ("SIE-002", 607),  # 1910's vouchers do not sum to UB - IB
}


def real_files() -> list[Path]:
    if not REAL.is_dir():
        return []
    return sorted(p for p in REAL.glob("*/*") if p.name != "SOURCES.md")


@pytest.mark.shared
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/real/sie is not there")
@pytest.mark.parametrize("path", real_files(), ids=lambda p: p.name)
def test_every_real_file_parses_or_is_refused_with_a_line_and_rule(path: Path) -> None:
    result = parse_path(path)
    if path.name in REFUSED:
        first = result.errors[0]
        assert (first.code, first.line) == REFUSED[path.name]
    else:
        assert result.errors == [], [(e.code, e.line, e.message) for e in result.errors[:3]]
    for finding in result.errors + result.warnings:
        assert finding.code.startswith("SIE-") and finding.message
    for finding in result.errors:
        assert finding.line is not None


@pytest.mark.shared
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/real/sie is not there")
def test_real_files_give_the_counts_in_sources() -> None:
    ovn = parse_path(REAL / "jsisie" / "transaktioner_ovnbolag.se")
    c = ovn.counts
    assert (c["KONTO"], c["DIM"], c["OBJEKT"], c["IB"], c["UB"], c["RES"]) == (567, 3, 14, 55, 62, 104)
    assert (c["PSALDO"], c["PBUDGET"], c["VER"], c["TRANS"]) == (705, 1248, 163, 671)
    assert ovn.company == "Övningsbolaget AB (Ekonomi 60)"

    bl = parse_path(REAL / "jsisie" / "BL0001_typ4.SE")
    assert (bl.years[0].start, bl.years[0].end) == (date(2009, 7, 1), date(2010, 6, 30))  # broken fiscal year
    assert (bl.counts["VER"], bl.counts["TRANS"], bl.counts["BTRANS"], bl.counts["RTRANS"]) == (84, 405, 3, 6)
    assert (bl.counts["OIB"], bl.counts["OUB"]) == (6, 21) and "#" in {v.series for v in bl.vouchers}

    test4 = parse_path(REAL / "jsisie" / "Test4.SE")
    assert test4.counts["PBUDGET"] == 146
    assert sum(1 for r in test4.period_balances if r.kind == "PBUDGET") == 73
    assert {w.code for w in test4.warnings} == {"SIE-006"}

    norstedts = parse_path(REAL / "jsisie" / "Bokslut_Norstedts_SIE_4E.se")  # tabs, #KSUMMA
    assert norstedts.checksum_ok is True and norstedts.counts["TRANS"] == 678

    mamut = parse_path(REAL / "jsisie" / "MAMUT_SIE4_EXPORT.SE")  # tabs, "PC8" quoted
    assert mamut.counts["VER"] == 168 and len(mamut.dimensions) == 5

    xe = parse_path(REAL / "jsisie" / "XE_SIE_4_20151125095119.SE")  # a #VER with a 5th field
    assert xe.years[-1].start == date(2013, 7, 1) and xe.vouchers[0].registered is not None
    assert ("SIE-001", xe.vouchers[0].line) in codes(xe.errors)  # series 1 nr 1 sums to 2.00

    underdim = parse_path(REAL / "jsisie" / "SIE4_Exempelfil_med_underdim.SE")
    assert underdim.encoding == "utf-8" and {w.code for w in underdim.warnings} == {"SIE-004"}
    assert underdim.dimensions["61"].parent == "6" and underdim.counts["TRANS"] == 1330

    latin = parse_path(REAL / "sie4j" / "BLBLOV_SIE4_ISO_8859_15.SE")
    utf8 = parse_path(REAL / "sie4j" / "BLBLOV_SIE4_UTF_8_1.SE")
    cp437 = parse_path(REAL / "sie4j" / "BLBLOV_SIE4.SE")
    assert latin.encoding == "iso8859_15" and utf8.encoding == "utf-8" and cp437.encoding == "cp437"
    assert latin.company == utf8.company == cp437.company == "Övningsföretaget AB"
    assert len(utf8.period_balances) == 276  # written without an object list

    si = parse_path(REAL / "sie4j" / "BLBLOV_SIE4.SI")
    assert si.company == "Övningsbolaget AB" and si.counts["TRANS"] == 6 and si.variant == "4I"
    assert parse_path(REAL / "jsisie" / "urval_ovnbolag.si").variant == "4I" and ovn.variant == "4E"
    types = {name: parse_path(REAL / "jsisie" / name).variant for name in ["arsaldo_ovnbolag.se", "periodsaldo_ovnbolag.se", "objektsaldo_ovnbolag.se"]}
    assert types == {"arsaldo_ovnbolag.se": "1", "periodsaldo_ovnbolag.se": "2", "objektsaldo_ovnbolag.se": "3"}

    z = parse_path(REAL / "sie4j" / "Transaktioner_per_Z-rapport.se")
    assert z.errors == [] and {v.series for v in z.vouchers} == {""}


def test_a_budget_is_written_as_pbudget_in_cp437_and_read_back() -> None:
    rows = [
        BudgetRow(202401, "5410", Decimal("1500"), (("1", "200"),)),
        BudgetRow(202402, "5410", Decimal("-12.5")),
        BudgetRow(202401, "3010", Decimal("-4000.00"), (("1", 'Förv "Norr"'),)),
    ]
    data = write_pbudget(
        rows,
        company="Socialnämnden i Exempelby",
        year_start=date(2024, 1, 1),
        year_end=date(2024, 12, 31),
        generated=date(2024, 2, 1),
        org_number="212000-0689",
        accounts={"5410": "Förbrukningsinventarier", "3010": "Försäljning"},
        dimensions={"1": "Ansvar"},
        objects={("1", "200"): "Förvaltning", ("1", 'Förv "Norr"'): "Norr"},
    )
    assert "Förbrukningsinventarier".encode("cp437") in data and data.count(b"\r\n") == data.count(b"\n")
    result = parse_bytes(data)
    assert result.errors == [] and result.warnings == [] and result.encoding == "cp437"
    assert result.sie_type == "2" and result.company == "Socialnämnden i Exempelby"
    read = [(r.kind, r.year, r.period, r.account, r.objects, r.amount) for r in result.period_balances]
    assert read == [
        ("PBUDGET", 0, 202401, "3010", (("1", 'Förv "Norr"'),), Decimal("-4000.00")),
        ("PBUDGET", 0, 202401, "5410", (("1", "200"),), Decimal("1500.00")),
        ("PBUDGET", 0, 202402, "5410", (), Decimal("-12.50")),
    ]


RECORD_WORDS = ["#VER", "#TRANS", "#RTRANS", "#PBUDGET", "#PSALDO", "#IB", "#UB", "#RES", "#OIB", "#RAR", "#KSUMMA"]
PIECES = [*RECORD_WORDS, "#KONTO", "#DIM", "#UNDERDIM", "#OBJEKT", "#SIETYP", "{", "}", "{}", '"', '\\"', "0", "-1"]
PIECES += ["1930", "FEL", "202401", "20240101", "-12.50", "1e9", "\t", " ", "Å", "\ufffd", "#KTYP", "#GEN", "#FNAMN"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=8), max_size=12), st.sampled_from(["cp437", "utf-8", "iso8859_15"]))
def test_no_line_makes_the_parser_crash(lines: list[list[str]], encoding: str) -> None:
    data = "\n".join(" ".join(pieces) for pieces in lines).encode(encoding, "replace")
    result = parse_bytes(data)  # must not raise
    for finding in result.errors + result.warnings:
        assert finding.code.startswith("SIE-") and finding.message


def test_the_fast_path_reads_rows_as_the_careful_path_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Well-formed #TRANS rows are read with one match (_TRANS_ROW); without it every row goes
    through the field splitter. Both give the same vouchers, findings and counts."""
    import styr.domain.sie.vouchers as parser_module

    files = sorted(FIXTURES.glob("*.se")) + real_files()
    odd = sie(
        '#VER A 1 20240105 x\n{\n#TRANS 1930 {1 "a b" 6 7} -1.5 "" "t"\n#TRANS 1930 {} 1.50 20240105 bare\n'
        "#TRANS 1930 {1} 1.00\n#RTRANS 1930 {} 2.00 20240231\n#TRANS 2440{}-1.00\n}\n"
    )

    def read_all() -> list[tuple[object, ...]]:
        results = [parse_path(path) for path in files] + [parse_bytes(odd)]
        return [(r.vouchers, r.errors, r.warnings, r.counts, r.transaction_totals) for r in results]

    fast = read_all()
    monkeypatch.setattr(parser_module, "_TRANS_ROW", lambda line: None)
    assert read_all() == fast


def test_the_sie_package_loads_no_django_and_every_message_has_swedish() -> None:
    import ast
    import subprocess
    import sys

    code = "import sys, styr.domain.sie\nprint(any(m.split('.')[0] == 'django' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "False"

    # a long entry is wrapped over several quoted lines by gettext's tools: join them first
    catalog = (ROOT / "styr" / "locale" / "sv" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8").replace('"\n"', "")
    tree = ast.parse((ROOT / "styr" / "domain" / "sie" / "messages.py").read_text(encoding="utf-8"))
    templates = [ast.literal_eval(node.value.args[0]) for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)]
    assert len(templates) > 20
    for template in templates:
        escaped = template.replace("\\", "\\\\").replace('"', '\\"')
        assert f'msgid "{escaped}"\nmsgstr "' in catalog and f'msgid "{escaped}"\nmsgstr ""' not in catalog, template


# -- added and removed rows (SIE-010), the voucher's year (SIE-011), broken years -----------


def test_sie_010_an_added_row_is_booked_once_by_its_twin_or_by_itself() -> None:
    body = (
        '#VER A 1 20240105 "twin after"\n{\n#TRANS 1930 {} 100.00\n#BTRANS 3010 {} -90.00 20240301\n'
        '#RTRANS 3010 {1 "7"} -100.00 20240301\n#TRANS 3010 {1 "7"} -100.00 20240105\n}\n'
        '#VER A 2 20240106 "twin before"\n{\n#TRANS 1930 {} 5.00\n#TRANS 3010 {} -5.00\n#RTRANS 3010 {} -5.00 20240301\n}\n'
        '#VER A 3 20240107 "no twin"\n{\n#TRANS 1930 {} 8.00\n#BTRANS 3010 {} -7.00\n#RTRANS 3010 {} -8.00 20240301\n}\n'
    )
    result = parse_bytes(sie(body))
    assert result.errors == []  # each voucher balances with its added row counted once
    assert codes(result.warnings) == [("SIE-010", 22)]  # the #RTRANS of A 3, which has no twin
    twin_after, twin_before, alone = result.vouchers
    assert [(t.kind, t.amount) for t in twin_after.booked] == [("TRANS", Decimal("100.00")), ("TRANS", Decimal("-100.00"))]
    assert [t.kind for t in twin_before.booked] == ["TRANS", "TRANS"]
    assert [(t.kind, t.amount) for t in alone.booked] == [("TRANS", Decimal("8.00")), ("RTRANS", Decimal("-8.00"))]
    assert result.transaction_totals == {"1930": Decimal("113.00"), "3010": Decimal("-113.00")}


@pytest.mark.shared
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/real/sie is not there")
def test_sie_010_real_files_with_added_rows_book_each_once() -> None:
    bl = parse_path(REAL / "jsisie" / "BL0001_typ4.SE")
    booked = sum(len(v.booked) for v in bl.vouchers)
    assert booked == bl.counts["TRANS"] and not [w for w in bl.warnings if w.code == "SIE-010"]


def test_sie_011_a_voucher_outside_the_current_year_is_refused_with_its_line() -> None:
    body = '#VER A 1 20231231 "last year"\n{\n#TRANS 1930 {} 1.00\n#TRANS 3010 {} -1.00\n}\n'
    result = parse_bytes(sie(body))
    assert codes(result.errors) == [("SIE-011", 5)]
    assert "2023-12-31" in result.errors[0].message and "2024-01-01–2024-12-31" in result.errors[0].message
    # an import file (4I) names no year: its vouchers are not placed
    assert parse_bytes(b"#SIETYP 4\n" + body.encode()).errors == []


@pytest.mark.parametrize(
    ("rar", "inside", "outside"),
    [
        ("20240701 20250630", "20250630", "20240630"),  # broken: July–June
        ("20230901 20250228", "20240229", "20250301"),  # a first year of 18 months
        ("20240101 20240630", "20240101", "20240701"),  # a short year
    ],
)
def test_a_broken_or_long_or_short_fiscal_year_is_read_by_its_dates(rar: str, inside: str, outside: str) -> None:
    head = f"#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#KPTYP EUBAS97\n#RAR 0 {rar}\n"
    body = "".join(f'#VER A {d} {d} ""\n{{\n#TRANS 1930 {{}} 1.00\n#TRANS 3010 {{}} -1.00\n}}\n' for d in (inside, outside))
    body += f"#PSALDO 0 {inside[:6]} 3010 {{}} -1.00\n#UB 0 1930 1.00\n"
    result = parse_bytes((head + body).encode("cp437"))
    start, end = (date(int(t[:4]), int(t[4:6]), int(t[6:])) for t in rar.split())
    assert (result.years[0].start, result.years[0].end) == (start, end)
    assert codes(result.errors) == [("SIE-011", 11)]  # the second voucher only
    assert result.header["KPTYP"] == ("EUBAS97",) and [p.period for p in result.period_balances] == [int(inside[:6])]
