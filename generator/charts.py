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
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the frames come made (indicators.py); pandas is not needed to draw them
    import pandas as pd

STYLE = {
    "svg.fonttype": "none", "svg.hashsalt": "campaign-site", "font.family": "sans-serif",
    # Names are text: a "$" in a category or a label is never TeX (mathtext), which
    # prints something else than the data and stops the build on a bad formula.
    "text.parse_math": False,
    "font.sans-serif": ["DejaVu Sans"], "font.size": 10, "axes.spines.top": False,
    "axes.spines.right": False, "hatch.linewidth": 0.8, "axes.edgecolor": "#333333",
}
GREYS = ["#2b2b2b", "#8c8c8c", "#d0d0d0"]
HATCHES = ["", "///", "\\\\\\"]  # dots ("...") would cost 150 KB per chart
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
    "persons_by_form": ("barh", ["persons_by_form"]),
}


# Drawn at about the width of a phone's column (about 300-328 CSS px at 360 px) so that text set
# at FONT user units is never smaller than 11 CSS px there; wider screens scale it up.
WIDTH_PT = 300
FONT = 11.5
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _width(text: str) -> float:
    """Width in em as a CJK font draws it: a Han character (or full-width sign) is one
    em, anything else at most 0.6 em. Layout uses this, not matplotlib's measurement in
    DejaVu Sans, so nothing the browser draws wider can run off the edge."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.6 for ch in str(text))


def month_labels(rows: list[str]) -> list[str]:
    """2026-03, 2026-04 … -> 2026年3月, 4月 …: the year only where it starts or changes."""
    out, year = [], None
    for row in rows:
        m = _MONTH.match(row)
        if not m:
            return rows
        out.append(f"{int(m[2])}月" if m[1] == year else f"{m[1]}年{int(m[2])}月")
        year = m[1]
    return out


def _legend_rows(names: list[str], width_pt: float) -> list[list[int]]:
    """Legend entries laid out in rows that fit the width at the reader's font width."""
    rows: list[list[int]] = [[]]
    used = 0.0
    for n, name in enumerate(names):
        need = (_width(name) + 4) * FONT  # handle, gaps, padding and text
        if rows[-1] and used + need > width_pt:
            rows.append([])
            used = 0.0
        rows[-1].append(n)
        used += need
    return rows


def _pyplot():
    """matplotlib, imported when a chart is first drawn (half a second: `check --changed`
    draws none)."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    return plt


def draw(frame: pd.DataFrame, key: str, columns: dict, meta: dict) -> str:
    """One chart as SVG text (no XML prolog), titled, with labelled axes and units."""
    kind, series = CHARTS[key]
    names = [columns[s] for s in series]
    rows = [str(i) for i in frame.index]
    ticks = month_labels(rows)
    legend = _legend_rows(names, WIDTH_PT - 2 * FONT) if len(names) > 1 else []
    legend_pt = len(legend) * FONT * 1.6 + (6 if legend else 0)
    rotate = kind not in ("barh", "stacked") and \
        sum(_width(t) + 1 for t in ticks) * FONT > WIDTH_PT - 60
    tick_pt = (max((_width(t) for t in ticks), default=2) * FONT * 0.75 + 14) if rotate \
        else FONT * 1.6
    plt = _pyplot()
    with plt.rc_context({**STYLE, "font.size": FONT}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # CJK glyphs are measured, not drawn, here
        plot_pt = (0.3 * len(rows) + 0.6) * 72 if kind in ("barh", "stacked") else 150
        title_pt, xlabel_pt = FONT * 2.4, FONT * 1.8
        height_pt = title_pt + plot_pt + tick_pt + xlabel_pt + legend_pt + 8
        fig, ax = plt.subplots(figsize=(WIDTH_PT / 72, height_pt / 72))
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
            ax.set_yticks(list(positions), ticks)
            ax.invert_yaxis()
            ax.set_xlabel(meta["unit"])
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
            ax.set_xticks(positions, ticks)
            ax.set_ylabel(meta["unit"])
            ax.set_xlabel(meta["index"])
            if rotate:
                ax.tick_params(axis="x", labelrotation=45)
                for label in ax.get_xticklabels():
                    label.set_horizontalalignment("right")
                    label.set_rotation_mode("anchor")
        # The title stays inside the figure at the reader's width: smaller if it must.
        title_size = min(FONT + 1, (WIDTH_PT - 8) / max(_width(meta["name"]), 1))
        fig.text(4 / WIDTH_PT, 1 - (FONT * 1.5) / height_pt, meta["name"], fontsize=title_size,
                 ha="left", va="baseline")
        ax.grid(axis="x" if kind in ("barh", "stacked") else "y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        handles, labels = ax.get_legend_handles_labels()
        for r, members in enumerate(legend):
            fig.legend([handles[i] for i in members], [labels[i] for i in members],
                       frameon=False, loc="lower left", ncol=len(members), borderaxespad=0,
                       handlelength=1.6, handletextpad=0.4, columnspacing=1.0,
                       bbox_to_anchor=(6 / WIDTH_PT,
                                       (4 + (len(legend) - 1 - r) * FONT * 1.6) / height_pt))
        # Room for tick labels at the reader's CJK width, not DejaVu's.
        label_em = max((_width(t) for t in ticks), default=4) if kind in ("barh", "stacked") \
            else 3
        fig.subplots_adjust(left=min(0.5, (label_em * FONT + 30) / WIDTH_PT), right=0.96,
                            bottom=(legend_pt + tick_pt + xlabel_pt + 4) / height_pt,
                            top=1 - title_pt / height_pt)
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
    # A hundredth of a point is plenty (inside tags only: text is left as written).
    svg = re.sub(r"<[^>]+>", lambda tag: re.sub(r"(\d\.\d\d)\d+", r"\1", tag.group(0)), svg)
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

    # NaN (a rate with nothing to rate) is an empty cell, never "nan" or 0.
    rows = ([index] + [None if v != v else v for v in values] for index, values in
            zip(frame.index, frame.itertuples(index=False), strict=True))
    return csv_document([index_label] + list(frame.columns), rows)


# What the charts drawn last looked like, for a process that draws them again and again
# (the preview): drawing is most of the cost, and an edit changes few of the figures.
_DRAWN: dict[tuple, str] = {}
_FRESH = [0]  # charts drawn (not found) in this process
_KEPT_FOR: set[str] = set()  # projects whose kept drawings are in _DRAWN


def render_all(frames: Mapping[str, pd.DataFrame], labels: dict,
               lazy: bool = False, root: Path | None = None) -> dict[str, dict]:
    """key -> {"svg": text, "csv": bytes} for every indicator. A chart whose figures
    (its CSV, index and columns as written) and words are those of one drawn before in
    this process is not drawn again: `draw` makes the same SVG from the same input.
    `root` (the build and `check`): the charts drawn by the last run on this machine are
    found too (`_kept`), so a run whose figures did not change draws none (two thirds of
    the demo county's `check`, and matplotlib is not imported).
    `lazy` (`check --changed`, which renders only the pages links point into): each
    chart's frame, CSV and SVG are made when first read (its words are read now)."""
    meta = labels["indicators"]
    columns = meta["columns"]
    if root is not None:
        _kept(Path(root))
    fresh = _FRESH[0]
    out, entries = {}, []
    for key in frames:
        entry = _Chart()
        entry.draw = (frames, key, columns, meta[key], len(frames))
        out[key] = entry if lazy else {"svg": entry["svg"], "csv": entry["csv"]}
        entries.append(entry)
    if root is not None and not lazy and _FRESH[0] != fresh:
        _keep(Path(root), [entry.same for entry in entries])
    return out


def _salt() -> str:
    """What a drawing depends on besides its input and the generator's code (which
    cache.load_kept checks): matplotlib's version, whose bundled font measures the text."""
    from importlib.metadata import version

    return version("matplotlib")


def _kept(root: Path) -> None:
    """The drawings the last run on this machine kept (cache.load_kept: signed with this
    machine's key and made by this generator, so never one that came with a commit),
    put in with this process's own."""
    from generator import cache

    place = str(root.resolve())
    if place in _KEPT_FOR:
        return
    _KEPT_FOR.add(place)
    kept = cache.load_kept(root, "charts")
    if kept.get("salt") == _salt():
        for same, svg in kept.get("drawn", {}).items():
            _DRAWN.setdefault(same, svg)


def _keep(root: Path, current: list[tuple]) -> None:
    """Keep the drawings of this run's charts (only those: the file does not grow)."""
    from generator import cache

    cache.save_kept(root, "charts", {"salt": _salt(),
                                     "drawn": {same: _DRAWN[same] for same in current
                                               if same in _DRAWN}})


class _Chart(dict):
    """{"svg", "csv"} of one chart, each made when first read."""

    __slots__ = ("draw", "same")

    def __missing__(self, name: str):
        if name not in ("svg", "csv"):
            raise KeyError(name)
        frames, key, columns, meta, count = self.draw
        frame = frames[key]
        if "csv" not in self:
            self["csv"] = csv_bytes(frame, meta["index"])
        if name == "csv":
            return self["csv"]
        self.same = same = (key, self["csv"], repr(frame.dtypes.tolist()), repr(columns),
                            repr(meta))
        svg = _DRAWN.get(same)
        if svg is None:
            svg = draw(frame, key, columns, meta)
            _FRESH[0] += 1
            if len(_DRAWN) > 4 * count:
                _DRAWN.clear()  # a long preview: only the latest figures are worth keeping
            _DRAWN[same] = svg
        self["svg"] = svg
        return svg
