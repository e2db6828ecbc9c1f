"""The financial measures Styr computes from the accounts, and their assessment against a goal's
target (issue 11 §1; seed §5.D "God ekonomisk hushållning"; kommunallagen 11 kap. 1 §).

Every measure takes its figures from one ``Inputs``: kronor, as the result statement and balance
sheet show them (revenue, tax and grants positive; costs, depreciation and net cost negative;
equity, provisions and liabilities positive). A measure whose divisor is zero or missing has no
value (``None``) and says why. Percentages are rounded to two decimals, kronor per resident to
the krona, both half up, only at the end.

Net cost share follows SKR's key ratio "nettokostnadsandel inklusive finansnetto": the net cost
of operations (depreciation included) less the financial net, as a share of tax revenue and
general grants and equalisation, so that 100 % − net cost share is the result before
extraordinary items as a share of the same revenue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from styr.domain.errors import RuleViolation, _

PERCENT, KRONOR = "%", "kr"
#: the attainment codes of ``styr.domain.status`` (not imported: the governance model reads this module)
ACHIEVED, PARTLY, NOT_ACHIEVED = "achieved", "partly", "not_achieved"
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

RESULT_SHARE = "result_share"
SELF_FINANCING = "self_financing"
EQUITY_RATIO = "equity_ratio"
EQUITY_RATIO_WITH_PENSIONS = "equity_ratio_with_pensions"
NET_COST_SHARE = "net_cost_share"
DEBT_PER_RESIDENT = "debt_per_resident"


@dataclass(frozen=True)
class Measure:
    key: str
    label_sv: str
    label_en: str
    unit: str
    higher_is_better: bool
    definition_sv: str
    definition_en: str

    def label(self, language: str = "sv") -> str:
        return self.label_en if language.startswith("en") else self.label_sv

    def definition(self, language: str = "sv") -> str:
        return self.definition_en if language.startswith("en") else self.definition_sv


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            RESULT_SHARE,
            "Årets resultat i procent av skatteintäkter och generella statsbidrag",
            "Result as a share of tax revenue and general grants",
            PERCENT,
            True,
            "Årets resultat / (skatteintäkter + generella statsbidrag och utjämning) × 100.",
            "Result for the year / (tax revenue + general government grants and equalisation) × 100.",
        ),
        Measure(
            SELF_FINANCING,
            "Självfinansieringsgrad av investeringar",
            "Self-financing ratio of investments",
            PERCENT,
            True,
            "(Årets resultat + avskrivningar) / nettoinvesteringar × 100; nettoinvesteringar = förändringen av "
            "materiella och immateriella anläggningstillgångar + periodens avskrivningar.",
            "(Result for the year + depreciation) / net investments × 100; net investments = the change in "
            "tangible and intangible fixed assets + the period's depreciation.",
        ),
        Measure(
            EQUITY_RATIO,
            "Soliditet",
            "Equity ratio",
            PERCENT,
            True,
            "Eget kapital / totala tillgångar × 100.",
            "Equity / total assets × 100.",
        ),
        Measure(
            EQUITY_RATIO_WITH_PENSIONS,
            "Soliditet inklusive pensionsförpliktelser",
            "Equity ratio including pension obligations",
            PERCENT,
            True,
            "(Eget kapital − pensionsförpliktelser som redovisas som ansvarsförbindelse, inkl. löneskatt) / totala tillgångar × 100.",
            "(Equity − pension obligations reported outside the balance sheet, payroll tax included) / total assets × 100.",
        ),
        Measure(
            NET_COST_SHARE,
            "Nettokostnadsandel inklusive finansnetto",
            "Net cost share including the financial net",
            PERCENT,
            False,
            "(Verksamhetens nettokostnad inkl. avskrivningar − finansnetto) / (skatteintäkter + generella statsbidrag och utjämning) × 100 (SKR:s definition).",
            "(Net operating cost including depreciation − financial net) / (tax revenue + general government grants and "
            "equalisation) × 100 (SKR's definition).",
        ),
        Measure(
            DEBT_PER_RESIDENT,
            "Skulder per invånare",
            "Debt per resident",
            KRONOR,
            False,
            "(Avsättningar + långfristiga skulder + kortfristiga skulder) / antal invånare.",
            "(Provisions + long-term liabilities + current liabilities) / number of residents.",
        ),
    )
}


def measure_get(key: str) -> Measure:
    """FIN-002: a financial goal's measure is one Styr computes."""
    try:
        return MEASURES[key]
    except KeyError:
        raise RuleViolation(
            "FIN-002",
            _("“%(measure)s” is not a measure Styr computes (%(known)s)."),
            {"measure": key, "known": ", ".join(MEASURES)},
            field="measure",
        ) from None


def check_goal_unit(*, measure: str, unit_label: str) -> str:
    """FIN-003: a goal tied to a measure has its target in the measure's unit; the unit it should
    carry (the measure's, or the one given for a goal without a measure)."""
    if not measure:
        return unit_label
    expected = measure_get(measure).unit
    if unit_label.strip() and unit_label.strip() != expected:
        raise RuleViolation(
            "FIN-003",
            _("The target of “%(measure)s” is in %(unit)s, not in %(given)s."),
            {"measure": measure_get(measure).label_en, "unit": expected, "given": unit_label.strip()},
            field="unit_label",
        )
    return expected


@dataclass(frozen=True)
class Inputs:
    """The figures of one period, in kronor as the statements show them (``None``: not known)."""

    year_result_sek: Decimal | None = None
    tax_revenue_sek: Decimal | None = None
    general_grants_sek: Decimal | None = None
    net_cost_sek: Decimal | None = None  # negative: a cost
    financial_income_sek: Decimal | None = None
    financial_costs_sek: Decimal | None = None  # negative
    depreciation_sek: Decimal | None = None  # negative
    net_investments_sek: Decimal | None = None
    equity_sek: Decimal | None = None
    total_assets_sek: Decimal | None = None
    pension_obligations_sek: Decimal | None = None  # outside the balance sheet, payroll tax included
    debt_sek: Decimal | None = None  # provisions + long-term + current liabilities
    residents: int | None = None

    @property
    def tax_and_grants_sek(self) -> Decimal | None:
        if self.tax_revenue_sek is None or self.general_grants_sek is None:
            return None
        return self.tax_revenue_sek + self.general_grants_sek


@dataclass(frozen=True)
class Value:
    """A measure's value, or ``None`` with the reason (an English sentence, translated when shown)."""

    measure: str
    value: Decimal | None
    reason: str = ""


NO_REVENUE = _("No tax revenue and general grants to divide by.")
NO_INVESTMENTS = _("No net investments to divide by.")
NO_ASSETS = _("No total assets to divide by.")
NO_PENSIONS = _("The pension obligations outside the balance sheet are not entered for the year.")
NO_RESIDENTS = _("No population count for the year.")
MISSING = _("The accounts give no figures for the period.")


def _percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (numerator / denominator * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def _share(key: str, numerator: Decimal | None, denominator: Decimal | None, empty: str) -> Value:
    if numerator is None:
        return Value(key, None, MISSING)
    if denominator is None or denominator == 0:
        return Value(key, None, empty)
    return Value(key, _percent(numerator, denominator))


def compute(key: str, figures: Inputs) -> Value:
    """The measure ``key`` over the figures."""
    measure_get(key)
    f = figures
    if key == RESULT_SHARE:
        return _share(key, f.year_result_sek, f.tax_and_grants_sek, NO_REVENUE)
    if key == SELF_FINANCING:
        if f.year_result_sek is None or f.depreciation_sek is None:
            return Value(key, None, MISSING)
        return _share(key, f.year_result_sek - f.depreciation_sek, f.net_investments_sek, NO_INVESTMENTS)
    if key == EQUITY_RATIO:
        return _share(key, f.equity_sek, f.total_assets_sek, NO_ASSETS)
    if key == EQUITY_RATIO_WITH_PENSIONS:
        if f.pension_obligations_sek is None:
            return Value(key, None, NO_PENSIONS)
        numerator = None if f.equity_sek is None else f.equity_sek - f.pension_obligations_sek
        return _share(key, numerator, f.total_assets_sek, NO_ASSETS)
    if key == NET_COST_SHARE:
        if f.net_cost_sek is None or f.financial_income_sek is None or f.financial_costs_sek is None:
            return Value(key, None, MISSING)
        financial_net = f.financial_income_sek + f.financial_costs_sek
        return _share(key, -(f.net_cost_sek + financial_net), f.tax_and_grants_sek, NO_REVENUE)
    # DEBT_PER_RESIDENT
    if f.debt_sek is None:
        return Value(key, None, MISSING)
    if not f.residents:
        return Value(key, None, NO_RESIDENTS)
    return Value(key, (f.debt_sek / f.residents).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- assessment against the target -----------------------------------------------------------


@dataclass(frozen=True)
class PartlyBand:
    """``model.economy.financial_goals.partly_band``: how far on the wrong side of its target a
    value may lie and still count as partly achieved, in percentage points for % measures and in
    kronor for kr measures."""

    percent_points: Decimal = Decimal("1.00")
    kronor: Decimal = Decimal("5000")

    def for_unit(self, unit: str) -> Decimal:
        return self.kronor if unit == KRONOR else self.percent_points


def parse_partly_band(raw: object) -> PartlyBand:
    """FIN-004: ``{percent_points: 1.0, kronor: 5000}``, both numbers of at least 0."""
    if raw is None:
        return PartlyBand()
    if not isinstance(raw, Mapping) or set(raw) - {"percent_points", "kronor"}:
        raise RuleViolation(
            "FIN-004",
            _("The partly-achieved band must map percent_points and kronor to numbers of at least 0."),
            {"value": str(raw)},
            field="partly_band",
        )
    found: dict[str, Decimal] = {}
    for name in ("percent_points", "kronor"):
        if name not in raw:
            continue
        try:
            number = Decimal(str(raw[name]))
        except InvalidOperation:
            number = Decimal(-1)
        if not number.is_finite() or number < 0 or isinstance(raw[name], bool):
            raise RuleViolation(
                "FIN-004",
                _("The partly-achieved band must map percent_points and kronor to numbers of at least 0."),
                {"value": str(raw[name])},
                field="partly_band",
            )
        found[name] = number
    return PartlyBand(**found)


def parse_financial_goals(raw: object) -> PartlyBand:
    """The preset's ``economy.financial_goals`` section (FIN-004)."""
    if raw is None:
        return PartlyBand()
    if not isinstance(raw, Mapping):
        raise RuleViolation(
            "FIN-004",
            _("The partly-achieved band must map percent_points and kronor to numbers of at least 0."),
            {"value": str(raw)},
            field="partly_band",
        )
    return parse_partly_band(raw.get("partly_band"))


def partly_band_to_mapping(band: PartlyBand) -> dict[str, str]:
    return {"percent_points": str(band.percent_points), "kronor": str(band.kronor)}


def attainment(key: str, value: Decimal | None, target: Decimal | None, band: PartlyBand) -> str | None:
    """achieved when the value is on the right side of the target (or on it), partly when it is on
    the wrong side by at most the band, not_achieved beyond it; ``None`` (not assessed) without a
    value or a target. The measure's direction says which side is right."""
    if value is None or target is None:
        return None
    measure = measure_get(key)
    shortfall = target - value if measure.higher_is_better else value - target
    if shortfall <= 0:
        return ACHIEVED
    if shortfall <= band.for_unit(measure.unit):
        return PARTLY
    return NOT_ACHIEVED
