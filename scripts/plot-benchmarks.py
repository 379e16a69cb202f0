#!/usr/bin/env python3
"""Draws chat delivery p95 (ms) against clients from seminar-bench JSON lines, as a hand-written SVG.

Usage:
    scripts/plot-benchmarks.py [--out docs/benchmarks-p95.svg] [--title T] [--log-y|--linear-y] [LABEL=]FILE ... 
    seminar-bench flood ... --json | scripts/plot-benchmarks.py --out plot.svg

Each FILE (or stdin when none is given, or "-") holds JSON lines as the scenarios print them with --json. A line is
plotted when it has "clients" and "chatDelivery": {"p95"}; lines are grouped into one series per (label, scenario),
the label being LABEL= when given, else the line's own "label" or "server" field, else the file's name. The final
line of broadcast-capacity ("largestPassing") goes into the legend, and its threshold is drawn as a dashed line.
Only the standard library: no matplotlib.
"""

import argparse
import json
import math
import os
import sys
from xml.sax.saxutils import escape

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]
WIDTH, HEIGHT = 860, 520
LEFT, RIGHT, TOP, BOTTOM = 80, 250, 56, 64


def read_lines(source, stream):
    for number, raw in enumerate(stream, 1):
        raw = raw.strip()
        if not raw.startswith("{"):
            continue  # the scenarios' tables
        try:
            yield json.loads(raw)
        except json.JSONDecodeError as error:
            print(f"{source}:{number}: not JSON ({error}); skipped", file=sys.stderr)


def collect(arguments):
    """series: {(label, scenario): [(clients, p95)]}; notes: {(label, scenario): text}; thresholds: set."""
    series, notes, thresholds = {}, {}, set()
    sources = arguments or ["-"]
    for argument in sources:
        label, _, path = argument.rpartition("=") if "=" in argument else ("", "", argument)
        if path == "-":
            lines, default = list(read_lines("stdin", sys.stdin)), label or "stdin"
        else:
            with open(path, encoding="utf-8") as handle:
                lines = list(read_lines(path, handle))
            default = label or os.path.splitext(os.path.basename(path))[0]
        for line in lines:
            name = label or line.get("label") or line.get("server") or default
            scenario = line.get("scenario", "?")
            key = (name, scenario)
            if "largestPassing" in line:
                notes[key] = f"largest passing {line['largestPassing']:,}"
                if "thresholdMs" in line:
                    thresholds.add(float(line["thresholdMs"]))
                continue
            delivery = line.get("chatDelivery")
            if not isinstance(delivery, dict) or "p95" not in delivery or "clients" not in line:
                continue
            series.setdefault(key, []).append((float(line["clients"]), float(delivery["p95"])))
    for points in series.values():
        points.sort()
    return series, notes, thresholds


def nice_step(span, target=6):
    raw = span / max(target, 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def linear_ticks(low, high):
    if high <= low:
        high = low + 1
    step = nice_step(high - low)
    start = math.floor(low / step) * step
    ticks, value = [], start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def log_ticks(low, high):
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    return [10.0 ** e * m for e in range(first, last + 1) for m in (1, 2, 5) if low / 1.0001 <= 10.0 ** e * m <= high * 5.0001] or [low, high]


def label_number(value):
    if value >= 1000 and float(value).is_integer():
        return f"{int(value):,}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def render(series, notes, thresholds, title, log_y):
    xs = [x for points in series.values() for x, _ in points]
    ys = [y for points in series.values() for _, y in points] + list(thresholds)
    x_ticks = linear_ticks(0, max(xs))
    positive = [y for y in ys if y > 0] or [1]
    if log_y is None:
        log_y = max(positive) / min(positive) > 100
    if log_y:
        y_low = 10 ** math.floor(math.log10(min(positive)))
        y_ticks = log_ticks(y_low, max(positive))
        y_high = y_ticks[-1]
        y_low = y_ticks[0]
    else:
        y_ticks = linear_ticks(0, max(ys) * 1.05)
        y_low, y_high = y_ticks[0], y_ticks[-1]
    x_low, x_high = x_ticks[0], x_ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x):
        return LEFT + (x - x_low) / (x_high - x_low) * plot_w

    def py(y):
        if log_y:
            y = max(y, y_low)
            fraction = (math.log10(y) - math.log10(y_low)) / (math.log10(y_high) - math.log10(y_low))
        else:
            fraction = (y - y_low) / (y_high - y_low)
        return TOP + plot_h - fraction * plot_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
           'font-family="Helvetica, Arial, sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{LEFT + plot_w / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">{escape(title)}</text>']
    for tick in x_ticks:
        x = px(tick)
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">{label_number(tick)}</text>')
    for tick in y_ticks:
        y = py(tick)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{label_number(tick)}</text>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 20}" text-anchor="middle">clients</text>')
    scale = " (log scale)" if log_y else ""
    out.append(f'<text transform="translate(22 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">chat delivery p95 (ms){scale}</text>')
    for threshold in sorted(thresholds):
        y = py(threshold)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#555" stroke-dasharray="6 4"/>')
        out.append(f'<text x="{LEFT + plot_w - 4}" y="{y - 5:.1f}" text-anchor="end" fill="#555">threshold {label_number(threshold)} ms</text>')
    legend_y = TOP + 8
    for index, (key, points) in enumerate(sorted(series.items())):
        color = PALETTE[index % len(PALETTE)]
        dash = ' stroke-dasharray="7 4"' if key[1] == "broadcast-capacity" else ""
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for x, y in points:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{color}"><title>{escape(key[0])} {escape(key[1])}: '
                       f'{label_number(x)} clients, p95 {y:g} ms</title></circle>')
        lx = LEFT + plot_w + 16
        out.append(f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 22}" y2="{legend_y}" stroke="{color}" stroke-width="2"/>')
        out.append(f'<circle cx="{lx + 11}" cy="{legend_y}" r="3.5" fill="{color}"/>')
        out.append(f'<text x="{lx + 30}" y="{legend_y + 4}">{escape(key[0])} · {escape(key[1])}</text>')
        if key in notes:
            legend_y += 15
            out.append(f'<text x="{lx + 30}" y="{legend_y + 4}" fill="#555">{escape(notes[key])}</text>')
        legend_y += 22
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", help="[LABEL=]FILE of JSON lines; stdin when none")
    parser.add_argument("--out", default="docs/benchmarks-p95.svg", help="the SVG to write (default: %(default)s)")
    parser.add_argument("--title", default="Chat delivery p95 against clients", help="the plot's title")
    scale = parser.add_mutually_exclusive_group()
    scale.add_argument("--log-y", dest="log_y", action="store_true", default=None, help="logarithmic p95 axis")
    scale.add_argument("--linear-y", dest="log_y", action="store_false", help="linear p95 axis")
    options = parser.parse_args()
    series, notes, thresholds = collect(options.inputs)
    if not series:
        print("no line with clients and chatDelivery.p95 in the input", file=sys.stderr)
        return 1
    svg = render(series, notes, thresholds, options.title, options.log_y)
    folder = os.path.dirname(options.out)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(options.out, "w", encoding="utf-8") as handle:
        handle.write(svg)
    print(f"wrote {options.out}: {len(series)} series, {sum(len(p) for p in series.values())} points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
