"""The risk matrix drawn on the server as accessible SVG (issue 12 §1): likelihood up the side,
consequence along the bottom, each cell in its band's colour with the number of risks in it and a
link that filters the register to the cell. The SVG carries ``<title>`` and ``<desc>`` but no
``role="img"``: an image cannot hold links (axe), and each cell's link is named; the same counts are a
table beside it, whose links are the ones a keyboard reaches.
Also the small line of a risk's value by year on the risk's page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styr.domain.internal_control import InternalControlSettings

CELL_W, CELL_H = 96, 60
LEFT, TOP, BOTTOM = 170, 10, 62
DARK, LIGHT = "#000000", "#ffffff"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)


def luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb" (or "#rgb")."""
    raw = colour.lstrip("#")
    if len(raw) == 3:
        raw = "".join(ch * 2 for ch in raw)
    if len(raw) != 6 or any(ch not in "0123456789abcdefABCDEF" for ch in raw):
        return 1.0  # not a colour we can read (the preset requires "#rrggbb"): taken as white
    r, g, b = (int(raw[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(background: str) -> str:
    """Black or white, whichever stands out more against the band's colour (WCAG AA wants 4.5:1)."""
    return DARK if contrast_ratio(background, DARK) >= contrast_ratio(background, LIGHT) else LIGHT


@dataclass(frozen=True)
class Cell:
    likelihood: int
    consequence: int
    count: int
    value: int
    colour: str
    text: str
    band_label: str
    href: str
    selected: bool


def matrix_cells(
    settings: InternalControlSettings,
    *,
    likelihood_steps: int,
    consequence_steps: int,
    counts: Mapping[tuple[int, int], int],
    base_url: str = "",
    selected: tuple[int | None, int | None] = (None, None),
    language: str = "sv",
) -> list[list[Cell]]:
    """The matrix's cells, row by row from the highest likelihood down (as it is drawn)."""
    rows = []
    for likelihood in range(likelihood_steps, 0, -1):
        row = []
        for consequence in range(1, consequence_steps + 1):
            value = likelihood * consequence
            band = settings.band(value)
            row.append(
                Cell(
                    likelihood,
                    consequence,
                    counts.get((likelihood, consequence), 0),
                    value,
                    band.colour,
                    text_colour(band.colour),
                    band.label_sv if language == "sv" else band.label_en,
                    f"{base_url}?l={likelihood}&c={consequence}",
                    selected == (likelihood, consequence),
                )
            )
        rows.append(row)
    return rows


def _cell_name(settings: InternalControlSettings, cell: Cell) -> str:
    count = ngettext("%(count)s risk", "%(count)s risks", cell.count) % {"count": cell.count}
    return _("Likelihood %(likelihood)s, consequence %(consequence)s: %(count)s (%(band)s)") % {
        "likelihood": settings.likelihood_label(cell.likelihood),
        "consequence": settings.consequence_label(cell.consequence),
        "count": count,
        "band": cell.band_label,
    }


def matrix_svg(settings: InternalControlSettings, cells: Sequence[Sequence[Cell]], *, title: str, svg_id: str = "risk-matrix") -> SafeString:
    """The matrix as SVG markup; ``cells`` from ``matrix_cells``."""
    rows, cols = len(cells), len(cells[0]) if cells else 0
    width, height = LEFT + cols * CELL_W + 10, TOP + rows * CELL_H + BOTTOM
    parts: list[str] = []
    total = sum(c.count for row in cells for c in row)
    desc = _("A %(rows)s × %(cols)s risk matrix, likelihood up the side and consequence along the bottom, holding %(total)s scored risks. ") % {
        "rows": rows,
        "cols": cols,
        "total": total,
    } + " ".join(_cell_name(settings, c) + "." for row in cells for c in row if c.count)
    for r, row in enumerate(cells):
        y = TOP + r * CELL_H
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" font-size="12" fill="#212529">{}</text>',
                LEFT - 8,
                y + CELL_H // 2,
                settings.likelihood_label(row[0].likelihood),
            )
        )
        for k, cell in enumerate(row):
            x = LEFT + k * CELL_W
            stroke = 'stroke="#000000" stroke-width="4"' if cell.selected else 'stroke="#ffffff" stroke-width="2"'
            parts.append(
                format_html(
                    '<a href="{}" tabindex="-1" aria-label="{}"><rect x="{}" y="{}" width="{}" height="{}" fill="{}" {}></rect>'
                    '<text x="{}" y="{}" text-anchor="middle" dominant-baseline="middle" font-size="20" font-weight="bold" fill="{}">{}</text></a>',
                    cell.href,
                    _cell_name(settings, cell),
                    x,
                    y,
                    CELL_W,
                    CELL_H,
                    cell.colour,
                    mark_safe(stroke),  # noqa: S308 -- a constant of this module
                    x + CELL_W // 2,
                    y + CELL_H // 2,
                    cell.text,
                    cell.count if cell.count else "",
                )
            )
    bottom = TOP + rows * CELL_H
    for k, cell in enumerate(cells[0] if cells else []):
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#212529">{}</text>',
                LEFT + k * CELL_W + CELL_W // 2,
                bottom + 18,
                settings.consequence_label(cell.consequence),
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" font-size="13" font-weight="bold" fill="#212529">{}</text>',
            LEFT + cols * CELL_W // 2,
            bottom + 46,
            _("Consequence"),
        )
    )
    parts.append(
        format_html(
            '<text x="14" y="{}" text-anchor="middle" font-size="13" font-weight="bold" fill="#212529" transform="rotate(-90 14 {})">{}</text>',
            TOP + rows * CELL_H // 2,
            TOP + rows * CELL_H // 2,
            _("Likelihood"),
        )
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" id="{}" class="risk-matrix" viewBox="0 0 {} {}" width="{}" height="{}"'
        ' aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        svg_id,
        width,
        height,
        width,
        height,
        svg_id,
        svg_id,
        svg_id,
        title,
        svg_id,
        desc,
        mark_safe("".join(parts)),  # noqa: S308 -- each part escaped by format_html
    )


def value_line_svg(points: Sequence[tuple[int, int]], *, top: int, title: str, svg_id: str = "risk-history-line") -> SafeString:
    """A small line of the risk value by year (``points``: (year, value), by year)."""
    if not points:
        return SafeString("")
    w, h, pad = 320, 140, 30
    span = max(len(points) - 1, 1)

    def xy(i: int, value: int) -> tuple[int, int]:
        return pad + round(i * (w - 2 * pad) / span), h - pad - round(value * (h - 2 * pad) / max(top, 1))

    coords = [xy(i, v) for i, (_year, v) in enumerate(points)]
    desc = "; ".join(_("%(year)s: %(value)s") % {"year": y, "value": v} for y, v in points)
    line = " ".join(f"{x},{y}" for x, y in coords)
    dots = format_html_join("", '<circle cx="{}" cy="{}" r="4" fill="#0b5394"></circle>', coords)
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#212529">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#212529">{}</text>',
        ((x, h - 8, year, x, y - 8, value) for (x, y), (year, value) in zip(coords, points, strict=True)),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" id="{}" role="img" viewBox="0 0 {} {}" width="{}" height="{}" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6c757d"></line>'
        '<polyline points="{}" fill="none" stroke="#0b5394" stroke-width="2"></polyline>{}{}</svg>',
        svg_id,
        w,
        h,
        w,
        h,
        svg_id,
        svg_id,
        svg_id,
        title,
        svg_id,
        desc,
        pad,
        h - pad,
        w - pad,
        h - pad,
        line,
        dots,
        labels,
    )
