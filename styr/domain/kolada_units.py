"""The unit of a Kolada KPI, read from its title (issue 13 §1).

Kolada writes the unit at the end of a KPI's title, after the last comma: "Invånare 65+ i
särskilt boende, andel (%)", "Nettokostnad grundskola, kr/inv", "Inskrivna barn, antal". A
bound indicator shows that unit beside Kolada's title and definition.
"""

from __future__ import annotations

import re

#: words Kolada ends a title with, and the unit each stands for
_WORDS: dict[str, str] = {
    "andel": "%",
    "procent": "%",
    "antal": "antal",
    "kronor": "kr",
    "kr": "kr",
    "tkr": "tkr",
    "mnkr": "mnkr",
    "dagar": "dagar",
    "timmar": "timmar",
    "år": "år",
    "index": "index",
    "poäng": "poäng",
    "medelvärde": "medelvärde",
    "median": "median",
}

_PARENTHESIS = re.compile(r"\(([^()]+)\)\s*$")


def unit_from_title(title: str) -> str:
    """The unit Kolada's title ends with, or "" when the title names none.

    >>> unit_from_title("Invånare 65+ i särskilt boende, andel (%)")
    '%'
    >>> unit_from_title("Nettokostnad grundskola, kr/inv")
    'kr/inv'
    """
    text = title.strip()
    if "," not in text:
        return ""
    tail = text.rsplit(",", 1)[1].strip()
    if not tail:
        return ""
    bracket = _PARENTHESIS.search(tail)
    if bracket:
        return bracket.group(1).strip()
    if "/" in tail:
        return tail
    return _WORDS.get(tail.split()[0].lower(), "")
