"""Bar charts as inline SVG, written as text: the class report's figures without a plotting library.

An SVG drawn here is part of the HTML page itself (no image file, no base64), so the page stays
one self-contained file, its text stays text (searchable, selectable, read by screen readers,
sharp at any zoom), and drawing costs microseconds instead of the second or more that importing
and running matplotlib costs. Each chart is an ``<svg role="img">`` labelled by its ``<title>``
and a ``<desc>`` that states the data in words; each bar carries a ``<title>`` with its exact
value (a tooltip). Every label goes through :func:`autograder.render.html.esc`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from .html import esc

FONT = "system-ui, sans-serif"
MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"
MONO_WIDTH = 0.62  # a monospace glyph's advance, in font sizes (generous: labels never clip)
WIDTH = 640


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str
    tooltip: str


def nice_ticks(top: float, *, most: int = 6) -> list[float]:
    """Ticks 0, step, 2·step, … covering ``top``, with a step of 1, 2 or 5 times a power of ten
    (whole numbers when ``top`` counts something)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0) if float(top).is_integer() else step
    return [i * step for i in range(int(math.ceil(top / step - 1e-9)) + 1)]


def _num(value: float) -> str:
    return f"{value:g}"


def _open(width: float, height: float, title: str, desc: str, ident: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width:g}" '
            f'height="{height:g}" viewBox="0 0 {width:g} {height:g}" style="max-width: 100%; '
            f'height: auto" '
            f'aria-labelledby="{ident}t {ident}d" font-family="{FONT}" font-size="12">',
            f'<title id="{ident}t">{esc(title)}</title>',
            f'<desc id="{ident}d">{esc(desc)}</desc>',
            f'<text x="{width / 2:g}" y="16" text-anchor="middle" font-size="14" '
            f'font-weight="bold">{esc(title)}</text>']


def histogram(values: Sequence[float], edges: Sequence[float], *, title: str, xlabel: str,
              ylabel: str, ident: str = "histogram") -> str:
    """Vertical bars: how many ``values`` fall in each ``[edges[i], edges[i+1])`` (the last bin
    holds its right edge). ``ident`` prefixes the ids of its title and description: unique
    within a page."""
    counts = [0] * (len(edges) - 1)
    for v in values:
        i = next((i for i in range(len(counts)) if v < edges[i + 1]), len(counts) - 1)
        counts[max(i, 0)] += 1
    left, right, top, bottom = 48, 16, 28, 44
    height = 240
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    ticks = nice_ticks(max(counts, default=0))
    y_max = ticks[-1]
    span = edges[-1] - edges[0]

    def x(v: float) -> float:
        return left + plot_w * (v - edges[0]) / span

    def y(n: float) -> float:
        return top + plot_h * (1 - n / y_max)

    desc = "; ".join(f"{_num(edges[i])} to {_num(edges[i + 1])}: {n}"
                     for i, n in enumerate(counts))
    out = _open(WIDTH, height, title, f"{ylabel} per bin of {xlabel}: {desc}.", ident)
    out += _y_grid(ticks, y, left, WIDTH - right)
    for i, n in enumerate(counts):
        if n:
            x0, x1 = x(edges[i]) + 1, x(edges[i + 1]) - 1
            out.append(f'<rect x="{x0:.1f}" y="{y(n):.1f}" width="{x1 - x0:.1f}" '
                       f'height="{y(0) - y(n):.1f}" fill="#4c72b0"><title>'
                       f'{esc(f"{_num(edges[i])}–{_num(edges[i + 1])}: {n} {ylabel}")}'
                       f'</title></rect>')
    for edge in edges:
        out.append(f'<text x="{x(edge):.1f}" y="{y(0) + 16:.1f}" text-anchor="middle">'
                   f'{_num(edge)}</text>')
    out += _axes(left, top, WIDTH - right, y(0))
    out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">'
               f'{esc(xlabel)}</text>')
    out.append(f'<text transform="translate(14 {top + plot_h / 2:.1f}) rotate(-90)" '
               f'text-anchor="middle">{esc(ylabel)}</text>')
    return "\n".join(out + ["</svg>"])


def bars(rows: Sequence[Bar], *, title: str, xlabel: str, x_max: float | None = None,
         unit: str = "", ident: str = "bars") -> str:
    """Horizontal bars, one row per :class:`Bar`, labelled on the left in monospace, the value
    written at the end of each bar; ``ident`` as for :func:`histogram`."""
    size, row = 11, 16
    label_w = max((len(r.label) for r in rows), default=0) * size * MONO_WIDTH + 12
    left, right, top, bottom = label_w, 48, 28, 40
    height = top + row * len(rows) + bottom
    plot_w = max(WIDTH - left - right, 120)
    width = left + plot_w + right
    ticks = nice_ticks(x_max if x_max is not None else max((r.value for r in rows), default=0))
    top_value = ticks[-1]

    def x(v: float) -> float:
        return left + plot_w * v / top_value

    desc = "; ".join(f"{r.label}: {_num(r.value)}{unit}" for r in rows)
    out = _open(width, height, title, f"{xlabel}, per row: {desc}.", ident)
    for t in ticks:
        out.append(f'<line x1="{x(t):.1f}" y1="{top}" x2="{x(t):.1f}" '
                   f'y2="{top + row * len(rows)}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{x(t):.1f}" y="{top + row * len(rows) + 14}" '
                   f'text-anchor="middle">{_num(t)}</text>')
    for i, r in enumerate(rows):
        y0 = top + row * i
        out.append(f'<text x="{left - 6:.1f}" y="{y0 + row - 4}" text-anchor="end" '
                   f'font-family="{MONO}" font-size="{size}">{esc(r.label)}</text>')
        out.append(f'<rect x="{left:.1f}" y="{y0 + 2}" width="{x(r.value) - left:.1f}" '
                   f'height="{row - 4}" fill="{esc(r.colour)}"><title>{esc(r.tooltip)}</title>'
                   f'</rect>')
        out.append(f'<text x="{x(r.value) + 4:.1f}" y="{y0 + row - 4}" font-size="{size}">'
                   f'{_num(round(r.value, 1))}{esc(unit)}</text>')
    out += _axes(left, top, left + plot_w, top + row * len(rows))
    out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" text-anchor="middle">'
               f'{esc(xlabel)}</text>')
    return "\n".join(out + ["</svg>"])


def _y_grid(ticks: list[float], y, x0: float, x1: float) -> list[str]:
    out = []
    for t in ticks:
        out.append(f'<line x1="{x0}" y1="{y(t):.1f}" x2="{x1}" y2="{y(t):.1f}" '
                   f'stroke="#e3e3e3"/>')
        out.append(f'<text x="{x0 - 6}" y="{y(t) + 4:.1f}" text-anchor="end">{_num(t)}</text>')
    return out


def _axes(x0: float, y0: float, x1: float, y1: float) -> list[str]:
    """The left and bottom axis lines of the plot area (x0, y0)–(x1, y1)."""
    return [f'<path d="M{x0:.1f} {y0:.1f}V{y1:.1f}H{x1:.1f}" fill="none" stroke="#444"/>']
