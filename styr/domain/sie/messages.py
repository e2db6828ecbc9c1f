"""The rule ids and English message templates of the SIE checks (Swedish in django.po)."""

from __future__ import annotations

from styr.domain.errors import _

#: every voucher balances
BALANCE = "SIE-001"
#: the year's transactions reconcile with the balances
RECONCILE = "SIE-002"
#: every line is a well-formed record
SYNTAX = "SIE-003"
#: the file is read in the encoding it is written in, and is of a type Styr reads
ENCODING = "SIE-004"
#: an unknown record is skipped with a warning
UNKNOWN = "SIE-005"
#: a period row written twice is counted once
DUPLICATE = "SIE-006"
#: the #KSUMMA checksum matches
CHECKSUM = "SIE-007"

VOUCHER_UNBALANCED = _("Voucher %(series)s %(number)s does not balance: its transactions sum to %(total)s.")
BALANCE_ACCOUNT_OFF = _(
    "Account %(account)s does not reconcile: the transactions of year 0 sum to %(transactions)s, "
    "but the closing balance less the opening balance is %(balance)s."
)
RESULT_ACCOUNT_OFF = _("Account %(account)s does not reconcile: the transactions of year 0 sum to %(transactions)s, but its result is %(balance)s.")
NOT_AMOUNT = _("%(value)s is not an amount (write it like -1234.50).")
FRACTION_OF_ORE = _("%(value)s has fractions of an öre.")
NOT_DATE = _("%(value)s is not a date (YYYYMMDD).")
NOT_PERIOD = _("%(value)s is not a period (YYYYMM).")
NOT_YEAR = _("%(value)s is not a year number (0, -1, …).")
NOT_ACCOUNT = _("%(value)s is not an account number.")
NOT_NUMBER = _("%(value)s is not a number.")
MISSING_FIELD = _("#%(record)s lacks its field %(field)s.")
UNCLOSED_QUOTE = _("A quote is not closed.")
BRACE = _("A brace { } is not closed, not opened, or nested.")
OBJECT_PAIRS = _("An object list holds pairs of dimension and object.")
OUTSIDE_VOUCHER = _("#%(record)s stands outside a voucher.")
INSIDE_VOUCHER = _("#%(record)s stands inside a voucher, which holds only transactions.")
VOUCHER_UNCLOSED = _("The voucher is not closed with }.")
VOUCHER_NOT_OPENED = _("The voucher's transactions do not begin with {.")
STRAY_BRACE = _("%(value)s stands where no voucher is open.")
NOT_RECORD = _("The line is not a record (it does not begin with #).")
WRONG_ENCODING = _("The file says #FORMAT PC8 but is written in %(encoding)s; it was read as %(encoding)s.")
REPLACEMENT_CHARACTERS = _("The file holds %(count)s replacement characters (�): letters were lost before it was exported.")
UNDECODABLE = _("Bytes that are not %(encoding)s were replaced.")
UNKNOWN_TYPE = _("#SIETYP %(value)s is not a SIE type Styr reads (1, 2, 3 or 4).")
UNKNOWN_RECORD = _("The record #%(record)s is unknown and was skipped.")
DUPLICATE_ROW = _("#%(record)s repeats line %(other)s with an object list in dimension %(dimension)s, which the file does not declare; it is counted once.")
CHECKSUM_WRONG = _("The checksum #KSUMMA %(expected)s does not match the file's contents (%(actual)s).")
CHECKSUM_MISSING = _("The file begins a checksum with #KSUMMA but does not end with one.")

#: an import needs the file's current fiscal year
FISCAL_YEAR = "SIE-008"
NO_FISCAL_YEAR = _("The file names no current fiscal year (#RAR 0), so it cannot be told which year its figures belong to.")

#: an added row (#RTRANS) is booked once: by its twin #TRANS, or by itself when it has none
ADDED = "SIE-010"
ADDED_ROW_ALONE = _("#RTRANS (a row added to the voucher) on account %(account)s has no twin #TRANS; it is booked as the voucher's row.")
#: a voucher lies in the file's current fiscal year
VOUCHER_YEAR = "SIE-011"
VOUCHER_OUTSIDE_YEAR = _("Voucher %(series)s %(number)s is dated %(date)s, outside the current fiscal year %(start)s–%(end)s (#RAR 0).")
