"""Stance over time: support and opposition claims per month (or year) for an actor or a pair, read with the named
query ``stance-over-time`` (the claims ``stance-changes`` looks at too), as pandas tables ready to plot.

Examples:
    >>> timeline = pd.DataFrame([["2020-01", "Turkey", "supports", "Qatar", 1, 0],
    ...                          ["2020-03", "Qatar", "opposes", "Turkey", 2, 1]], columns=TIMELINE_COLUMNS)
    >>> stance_by_period(timeline).to_dict("index")
    {'2020-01': {'supports': 1, 'opposes': 0}, '2020-02': {'supports': 0, 'opposes': 0}, \
'2020-03': {'supports': 0, 'opposes': 2}}
    >>> stance_by_period(timeline).columns.tolist()
    ['supports', 'opposes']
"""

from __future__ import annotations

import pandas as pd
from rdflib import Graph

from graph.errors import UsageError
from graph.query.sparql import run_named_query

PERIODS = ("month", "year")
TIMELINE_COLUMNS = ["period", "subject", "stance", "object", "claims", "weak_claims"]
STANCES = ["supports", "opposes"]


def stance_timeline(graph: Graph, actor: str, other: str | None = None, period: str = "month") -> pd.DataFrame:
    """Support and opposition claims between ``actor`` and ``other`` (or every other actor), both directions, per
    ``period`` ("month" or "year") of their documents' dates: one row a period, subject, stance and object, with
    ``claims`` (asserted) and ``weak_claims`` (negated or hedged). Undated claims are left out."""
    if period not in PERIODS:
        raise UsageError(f"period {period!r} is not one of {', '.join(PERIODS)}")
    result = run_named_query(graph, "stance-over-time", {"actor": actor, "other": other or "*", "period": period})
    rows = [[*(str(v) for v in row[:4]), *(int(v) for v in row[4:])] for row in result]  # type: ignore[index]
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)


def stance_by_period(timeline: pd.DataFrame, weak: bool = False) -> pd.DataFrame:
    """The asserted (or with ``weak``, the negated and hedged) claims of ``timeline`` summed per period and stance,
    both directions together, every period from the first to the last present (0 where nothing was said)."""
    column = "weak_claims" if weak else "claims"
    if timeline.empty:
        return pd.DataFrame(columns=pd.Index(STANCES, name="stance"), index=pd.Index([], name="period"))
    table = timeline.pivot_table(index="period", columns="stance", values=column, aggfunc="sum", fill_value=0)
    table = table.reindex(columns=pd.Index(STANCES, name="stance"), fill_value=0)
    freq = "M" if len(str(table.index[0])) == 7 else "Y"
    every = pd.period_range(str(table.index.min()), str(table.index.max()), freq=freq).astype(str)
    return table.reindex(pd.Index(every, name="period"), fill_value=0).astype(int)


def stance_changes(graph: Graph) -> pd.DataFrame:
    """Pairs with dated asserted claims of both support and opposition (the named query ``stance-changes``): one
    row a pair and stance with the first and last date said and the number of claims."""
    rows = [[str(v) for v in r] for r in run_named_query(graph, "stance-changes")]  # type: ignore[union-attr]
    frame = pd.DataFrame(rows, columns=["subject", "object", "stance", "first", "last", "claims"])
    return frame.astype({"claims": int})
