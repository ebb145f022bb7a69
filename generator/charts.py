"""Charts: each indicator's frame drawn as a static SVG with matplotlib.

Text stays text (`svg.fonttype: none`) so the reader's own CJK font draws it and it can
be selected, searched and read aloud; layout is measured with matplotlib's bundled
DejaVu Sans so that every machine writes the same bytes, and the SVG then names the
generic `sans-serif` family. Series differ by grey level and hatch or line style and
marker, so they stay apart in greyscale and for readers who do not see colour.
"""
from __future__ import annotations

import io
import re
import unicodedata
import warnings

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import pandas as pd  # noqa: E402

STYLE = {
    "svg.fonttype": "none", "svg.hashsalt": "campaign-site", "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"], "font.size": 10, "axes.spines.top": False,
    "axes.spines.right": False, "hatch.linewidth": 0.8, "axes.edgecolor": "#333333",
}
GREYS = ["#2b2b2b", "#8c8c8c", "#d0d0d0"]
HATCHES = ["", "///", "..."]
LINES = [("-", "o"), ("--", "s"), (":", "^")]

# How each indicator is drawn: kind and which columns (label keys) are plotted.
CHARTS = {
    "cases_monthly": ("bar", ["cases", "persons"]),
    "cases_cumulative": ("line", ["cases", "persons"]),
    "clues_by_batch": ("bar", ["cases"]),
    "cases_by_category": ("barh", ["cases"]),
    "cases_by_source": ("barh", ["cases"]),
    "cases_by_unit_kind": ("barh", ["cases"]),
    "persons_by_measure": ("barh", ["persons"]),
    "ledger_monthly": ("line", ["opened", "closed", "overdue"]),
    "ledger_rate_by_category": ("barh", ["rate"]),
    "ledger_rate_by_kind": ("barh", ["rate"]),
    "commitments_by_kind": ("stacked", ["on_time", "late", "missing"]),
    "reporting_by_period": ("line", ["on_time_rate", "zero_share"]),
    "inspections_monthly": ("bar+line", ["visits", "required"]),
    "warnings_by_level": ("bar", ["warnings", "units"]),
    "inspection_rate_by_month": ("stacked", ["units_met", "units_short"]),
    # Three series at most (three greys); the table beside it also has 移送.
    "clue_register_by_batch": ("stacked", ["clue_done", "clue_open", "clue_dismissed"]),
    "persons_by_measure_group": ("barh", ["persons"]),
}


def _width(text: str) -> float:
    """Rough width in em: a Han character is one em, anything else about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in str(text))


def draw(frame: pd.DataFrame, key: str, columns: dict, meta: dict) -> str:
    """One chart as SVG text (no XML prolog), titled, with labelled axes and units."""
    kind, series = CHARTS[key]
    names = [columns[s] for s in series]
    rows = [str(i) for i in frame.index]
    with plt.rc_context(STYLE), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # CJK glyphs are measured, not drawn, here
        height = max(2.6, 0.42 * len(rows) + 1.4) if kind in ("barh", "stacked") else 3.2
        fig, ax = plt.subplots(figsize=(7.2, height))
        if kind in ("barh", "stacked"):
            left = 0
            positions = range(len(rows))
            for n, name in enumerate(names):
                values = frame[name].tolist()
                if kind == "stacked":
                    ax.barh(positions, values, left=left, color=GREYS[n], hatch=HATCHES[n],
                            edgecolor="#000000", linewidth=0.6, label=name)
                    left = [a + b for a, b in zip(left if left else [0] * len(values), values, strict=True)]
                else:
                    ax.barh(positions, values, color=GREYS[n], hatch=HATCHES[n],
                            edgecolor="#000000", linewidth=0.6, label=name)
            ax.set_yticks(list(positions), rows)
            ax.invert_yaxis()
            ax.set_xlabel(meta["unit"])
            ax.set_ylabel(meta["index"])
        else:
            positions = list(range(len(rows)))
            bars = names if kind == "bar" else names[:1] if kind == "bar+line" else []
            lines = [n for n in names if n not in bars]
            width = 0.8 / max(len(bars), 1)
            for n, name in enumerate(bars):
                offset = (n - (len(bars) - 1) / 2) * width
                ax.bar([p + offset for p in positions], frame[name].tolist(), width=width,
                       color=GREYS[n], hatch=HATCHES[n], edgecolor="#000000", linewidth=0.6,
                       label=name)
            for n, name in enumerate(lines):
                style, marker = LINES[n]
                ax.plot(positions, frame[name].tolist(), linestyle=style, marker=marker,
                        color=GREYS[0] if n == 0 else GREYS[1], linewidth=1.6, label=name)
            ax.set_xticks(positions, rows)
            ax.set_ylabel(meta["unit"])
            ax.set_xlabel(meta["index"])
            if len(rows) > 8:
                ax.tick_params(axis="x", labelrotation=45)
        ax.set_title(meta["name"], loc="left", fontsize=12)
        ax.grid(axis="x" if kind in ("barh", "stacked") else "y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        if len(names) > 1:
            ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        # Leave room for labels at the reader's (wider) CJK width, not DejaVu's.
        label_em = max((_width(r) for r in rows), default=4) if kind in ("barh", "stacked") else 3
        legend_em = max((_width(n) for n in names), default=0) + 3 if len(names) > 1 else 1
        fig.subplots_adjust(left=min(0.5, (label_em * 10 + 40) / (7.2 * 72)),
                            right=1 - min(0.4, legend_em * 10 / (7.2 * 72)),
                            bottom=0.28 if len(rows) > 8 and kind not in ("barh", "stacked")
                            else 0.18, top=0.86)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None,
                                                    "Format": None, "Type": None})
        plt.close(fig)
    return _clean(buffer.getvalue(), key, meta)


def _clean(svg: str, key: str, meta: dict) -> str:
    """Inline-ready SVG: no prolog or metadata, generic font, a title and a description."""
    from html import escape

    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"font-family: [^;\"]*", "font-family: sans-serif", svg)
    svg = re.sub(r' width="[\d.]+pt" height="[\d.]+pt"', "", svg, count=1)
    head = (f'<svg role="img" aria-labelledby="chart-{key}-title chart-{key}-desc" '
            f'class="cs-chart-svg"')
    svg = svg.replace("<svg", head, 1)
    first = svg.index(">") + 1
    svg = (svg[:first] + f'\n <title id="chart-{key}-title">{escape(meta["name"])}</title>'
           f'\n <desc id="chart-{key}-desc">{escape(meta["definition"])}</desc>' + svg[first:])
    return "\n".join(line for line in svg.splitlines() if line.strip()) + "\n"


def csv_bytes(frame: pd.DataFrame, index_label: str) -> bytes:
    """The chart's numbers as CSV with a BOM, straight from its frame."""
    from generator.opendata import csv_document

    rows = ([index] + list(values) for index, values in
            zip(frame.index, frame.itertuples(index=False), strict=True))
    return csv_document([index_label] + list(frame.columns), rows)


def render_all(frames: dict[str, pd.DataFrame], labels: dict) -> dict[str, dict]:
    """key -> {"svg": text, "csv": bytes} for every indicator."""
    meta = labels["indicators"]
    columns = meta["columns"]
    return {key: {"svg": draw(frame, key, columns, meta[key]),
                  "csv": csv_bytes(frame, meta[key]["index"])}
            for key, frame in frames.items()}
