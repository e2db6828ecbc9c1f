"""Dialogue with citizens (seed §7: "tillsammans med … politiker och invånare", issue 15 §2): the
rules of a public dialogue, its comments' spam guard and how long a commenter's details are kept.

Pure functions over dates, times and plain values; the services in
``styr/planning/services/citizen_dialogue.py`` call them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from styr.domain.errors import RuleViolation, _

#: ``model.citizen_dialogue.personal_data_retention_months``: a commenter's name and email are kept
#: this many months after the comment was left, then blanked (DIAL-006), when the preset says nothing
DEFAULT_RETENTION_MONTHS = 12
#: the longest a preset may keep them: a dialogue's details are no archive
MAX_RETENTION_MONTHS = 120
#: DIAL-003's time trap: a form posted sooner after it was shown is a robot's, one posted later is stale
MIN_FORM_SECONDS = 3
MAX_FORM_SECONDS = 4 * 3600
#: DIAL-003's rate limit: comments one address may leave in the window
RATE_LIMIT_COMMENTS = 5
RATE_LIMIT_WINDOW_SECONDS = 3600
#: a comment's text and a commenter's name (characters)
COMMENT_LENGTH = 4000
NAME_LENGTH = 100
#: a dialogue runs at most this long (days)
MAX_DIALOGUE_DAYS = 366


@dataclass(frozen=True)
class CitizenDialogueSettings:
    personal_data_retention_months: int = DEFAULT_RETENTION_MONTHS


def parse_citizen_dialogue(data: object) -> CitizenDialogueSettings:
    """``model.citizen_dialogue``: absent gives the defaults; a retention that is no whole number of
    months from 1 to 120 is refused (DIAL-006)."""
    if data is None:
        return CitizenDialogueSettings()
    if not isinstance(data, Mapping):
        raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": "citizen_dialogue"})
    months = data.get("personal_data_retention_months", DEFAULT_RETENTION_MONTHS)
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_RETENTION_MONTHS:
        raise RuleViolation(
            "DIAL-006",
            _("A citizen's details are kept a whole number of months from 1 to %(max)s, not “%(value)s”."),
            {"max": MAX_RETENTION_MONTHS, "value": str(months)},
            field="personal_data_retention_months",
        )
    return CitizenDialogueSettings(personal_data_retention_months=months)


def citizen_dialogue_to_mapping(settings: CitizenDialogueSettings) -> dict[str, int]:
    return {"personal_data_retention_months": settings.personal_data_retention_months}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day when it has fewer)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def retention_cutoff(today: date, months: int) -> date:
    """DIAL-006: comments left before this day have their author's details blanked."""
    return months_before(today, months)


def check_dialogue_period(opens_on: date, closes_on: date) -> None:
    """DIAL-001: a dialogue closes on or after the day it opens, and runs at most a year."""
    if closes_on < opens_on:
        raise RuleViolation(
            "DIAL-001",
            _("A dialogue closes on or after the day it opens."),
            {"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()},
            field="closes_on",
        )
    if (closes_on - opens_on).days > MAX_DIALOGUE_DAYS:
        raise RuleViolation("DIAL-001", _("A dialogue runs at most %(days)s days."), {"days": MAX_DIALOGUE_DAYS}, field="closes_on")


def is_open(opens_on: date, closes_on: date, today: date) -> bool:
    return opens_on <= today <= closes_on


def check_open(opens_on: date, closes_on: date, today: date) -> None:
    """DIAL-002: comments are taken only while the dialogue is open."""
    if not is_open(opens_on, closes_on, today):
        raise RuleViolation(
            "DIAL-002",
            _("The dialogue takes comments from %(opens_on)s to %(closes_on)s."),
            {"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()},
            field="text",
        )


def clean_comment(text: str, name: str) -> tuple[str, str]:
    """DIAL-002: a comment has some text, neither it nor the name too long; the name may be blank (anonymous)."""
    text, name = text.strip(), " ".join(name.split())
    if not text:
        raise RuleViolation("DIAL-002", _("A comment needs some text."), {}, field="text")
    if len(text) > COMMENT_LENGTH:
        raise RuleViolation("DIAL-002", _("A comment is at most %(limit)s characters."), {"limit": COMMENT_LENGTH}, field="text")
    if len(name) > NAME_LENGTH:
        raise RuleViolation("DIAL-002", _("A name is at most %(limit)s characters."), {"limit": NAME_LENGTH}, field="name")
    return text, name


def check_time_trap(shown_at: datetime | None, now: datetime, honeypot: str) -> None:
    """DIAL-003: a form posted with the hidden field filled, without a valid signed time, faster than
    a person types or long after it was shown is refused."""
    if honeypot.strip():
        raise RuleViolation("DIAL-003", _("The comment could not be taken. Leave the last field empty."), {}, field="website")
    if shown_at is None:
        raise RuleViolation("DIAL-003", _("The form has expired. Reload the page and write your comment again."), {}, field="text")
    waited = now - shown_at
    if waited < timedelta(seconds=MIN_FORM_SECONDS):
        raise RuleViolation("DIAL-003", _("The comment came too quickly. Wait a moment and send it again."), {"seconds": MIN_FORM_SECONDS}, field="text")
    if waited > timedelta(seconds=MAX_FORM_SECONDS):
        raise RuleViolation("DIAL-003", _("The form has expired. Reload the page and write your comment again."), {}, field="text")


def check_rate(count: int) -> None:
    """DIAL-003: at most ``RATE_LIMIT_COMMENTS`` comments from one address in the window."""
    if count > RATE_LIMIT_COMMENTS:
        raise RuleViolation(
            "DIAL-003",
            _("Too many comments from your address. Try again in an hour."),
            {"limit": RATE_LIMIT_COMMENTS, "window_minutes": RATE_LIMIT_WINDOW_SECONDS // 60},
            field="text",
        )


def check_close_early(opens_on: date, closes_on: date, today: date) -> None:
    """DIAL-001: only an open dialogue is closed before its closing day; one that has closed, closes
    today anyway or has not yet opened is refused."""
    if today >= closes_on:
        raise RuleViolation(
            "DIAL-001",
            _("The dialogue closes on %(closes_on)s: only an open dialogue can be closed before its closing day."),
            {"closes_on": closes_on.isoformat()},
            field="closes_on",
        )
    if today < opens_on:
        raise RuleViolation(
            "DIAL-001", _("The dialogue opens on %(opens_on)s and cannot be closed before then."), {"opens_on": opens_on.isoformat()}, field="closes_on"
        )


def check_gather_year(dialogue_year: int, analysis_year: int, field: str = "year") -> None:
    """DIAL-005: what citizens said goes into an analysis of the dialogue's year or a later one."""
    if analysis_year < dialogue_year:
        raise RuleViolation(
            "DIAL-005",
            _("A dialogue of %(dialogue_year)s can only be gathered into an analysis of that year or later."),
            {"dialogue_year": dialogue_year, "analysis_year": analysis_year},
            field=field,
        )
