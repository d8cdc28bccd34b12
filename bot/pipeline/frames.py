"""A figure's scope and event (types.Scope, types.Event) ↔ its claim row's columns ↔ JSON: the one mapping.

The claim table keeps both as comma-separated, sorted, tagged text ("across:country,in:kyiv,period:night";
"blast,day:2024-01-31,named:election day,northvale,period:partial-day,verb:change,year:2023"), as it has since
the first schema: databases written before these types read unchanged, and a topic's words are still found in
those columns by SQL (store.topic_claim_rows). Nothing else reads or writes the tags (but migration 0006,
which read them as they were in its day): the pipeline sees the typed values only.

Reading a column keeps what earlier readings made of it: a piece with no tag this module knows is dropped,
and a written day or year that does not read as one is left out (a value cut at the column's length).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

from bot.pipeline.types import PERIODS, Event, Period, Scope

_IN: Final = "in:"
_ACROSS: Final = "across:"
_PERIOD: Final = "period:"
_ELSEWHERE: Final = "elsewhere"
_DAY: Final = "day:"
_YEAR: Final = "year:"
_NAMED: Final = "named:"
_PARTIAL_DAY: Final = "period:partial-day"
_CHANGED: Final = "verb:change"


def _column(tags: Iterable[str]) -> str:
    return ",".join(sorted(set(tags)))


def _pieces(column: str) -> list[str]:
    return [piece for piece in column.split(",") if piece]


def _period(name: str) -> Period | None:
    return next((p for p in PERIODS if p == name), None)


# -- claim row columns ---------------------------------------------------------------------------------
def scope_column(scope: Scope) -> str:
    """The claim row's `scope` column of a scope."""
    return _column(
        [
            *(_IN + place for place in scope.places),
            *(_ACROSS + whole for whole in scope.wide),
            *(_PERIOD + period for period in scope.periods),
            *([_ELSEWHERE] if scope.elsewhere else []),
        ]
    )


def scope_from_column(column: str) -> Scope:
    """The scope a claim row's `scope` column holds."""
    places: set[str] = set()
    wide: set[str] = set()
    periods: set[Period] = set()
    elsewhere = False
    for piece in _pieces(column):
        if piece == _ELSEWHERE:
            elsewhere = True
        elif piece.startswith(_IN):
            places.add(piece.removeprefix(_IN))
        elif piece.startswith(_ACROSS):
            wide.add(piece.removeprefix(_ACROSS))
        elif piece.startswith(_PERIOD) and (period := _period(piece.removeprefix(_PERIOD))) is not None:
            periods.add(period)
    return Scope(
        places=tuple(sorted(places)),
        wide=tuple(sorted(wide)),
        periods=tuple(sorted(periods)),
        elsewhere=elsewhere,
    )


def event_column(event: Event) -> str:
    """The claim row's `event` column of an event."""
    return _column(
        [
            *event.names,
            *([_DAY + event.day.isoformat()] if event.day is not None else []),
            *(f"{_YEAR}{year}" for year in event.years),
            *(_NAMED + name for name in event.named_days),
            *([_PARTIAL_DAY] if event.partial_day else []),
            *([_CHANGED] if event.changed else []),
        ]
    )


def event_from_column(column: str) -> Event:
    """The event a claim row's `event` column holds."""
    names: set[str] = set()
    days: set[date] = set()
    years: set[int] = set()
    named: set[str] = set()
    partial_day = changed = False
    for piece in _pieces(column):
        if ":" not in piece:
            names.add(piece)
        elif piece.startswith(_DAY):
            with contextlib.suppress(ValueError):
                days.add(date.fromisoformat(piece.removeprefix(_DAY)))
        elif piece.startswith(_YEAR):
            with contextlib.suppress(ValueError):
                years.add(int(piece.removeprefix(_YEAR)))
        elif piece.startswith(_NAMED):
            named.add(piece.removeprefix(_NAMED))
        elif piece == _PARTIAL_DAY:
            partial_day = True
        elif piece == _CHANGED:
            changed = True
    return Event(
        names=tuple(sorted(names)),
        # One day is written per figure; should a row hold more, the earliest is the one read (as before).
        day=min(days) if days else None,
        years=tuple(sorted(years)),
        named_days=tuple(sorted(named)),
        partial_day=partial_day,
        changed=changed,
    )


# -- JSON ----------------------------------------------------------------------------------------------
def scope_json(scope: Scope) -> dict[str, Any]:
    """A scope as JSON values (what `crosscheck … --json` prints)."""
    return {
        "places": list(scope.places),
        "wide": list(scope.wide),
        "periods": list(scope.periods),
        "elsewhere": scope.elsewhere,
    }


def scope_from_json(data: Mapping[str, Any]) -> Scope:
    """The scope of scope_json's values; a period this version does not know is left out."""
    return Scope(
        places=tuple(str(p) for p in data.get("places", ())),
        wide=tuple(str(w) for w in data.get("wide", ())),
        periods=tuple(p for name in data.get("periods", ()) if (p := _period(str(name))) is not None),
        elsewhere=bool(data.get("elsewhere", False)),
    )


def event_json(event: Event) -> dict[str, Any]:
    """An event as JSON values (what `crosscheck … --json` prints)."""
    return {
        "names": list(event.names),
        "day": event.day.isoformat() if event.day is not None else None,
        "years": list(event.years),
        "named_days": list(event.named_days),
        "partial_day": event.partial_day,
        "changed": event.changed,
    }


def event_from_json(data: Mapping[str, Any]) -> Event:
    """The event of event_json's values."""
    day = data.get("day")
    return Event(
        names=tuple(str(n) for n in data.get("names", ())),
        day=date.fromisoformat(day) if isinstance(day, str) else None,
        years=tuple(int(y) for y in data.get("years", ())),
        named_days=tuple(str(n) for n in data.get("named_days", ())),
        partial_day=bool(data.get("partial_day", False)),
        changed=bool(data.get("changed", False)),
    )
