"""A figure's scope and event through their one mapping (bot/pipeline/frames.py): to the claim row and back,
to JSON and back, and rows written before the typed values read as they always did."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.pipeline.frames import (
    event_column,
    event_from_column,
    event_from_json,
    event_json,
    scope_column,
    scope_from_column,
    scope_from_json,
    scope_json,
)
from bot.pipeline.types import PERIODS, Event, Scope

FULL_SCOPE = Scope(
    places=("kharkiv", "kyiv"), wide=("country", "ukraine"), periods=("night", "since"), elsewhere=True
)
FULL_EVENT = Event(
    names=("blast", "northvale"),
    day=date(2024, 1, 31),
    years=(2023, 2024),
    named_days=("election day",),
    partial_day=True,
    changed=True,
)
# The same values as the columns held them before the typed values (and still hold them).
FULL_SCOPE_COLUMN = "across:country,across:ukraine,elsewhere,in:kharkiv,in:kyiv,period:night,period:since"
FULL_EVENT_COLUMN = (
    "blast,day:2024-01-31,named:election day,northvale,period:partial-day,verb:change,year:2023,year:2024"
)

# Names as the extractor makes them: lower-case words, never a comma (the columns' separator) or a colon.
_name = st.text(alphabet="abcdefghijklmnopqrstuvwxyz -'абвгґдеєжзиіїй", min_size=1, max_size=12)
_names = st.lists(_name, max_size=4, unique=True).map(lambda names: tuple(sorted(names)))
scopes = st.builds(
    Scope,
    places=_names,
    wide=_names,
    periods=st.lists(st.sampled_from(PERIODS), unique=True).map(lambda p: tuple(sorted(p))),
    elsewhere=st.booleans(),
)
events = st.builds(
    Event,
    names=_names.map(lambda names: tuple(n for n in names if n.strip())),
    day=st.none() | st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)),
    years=st.lists(st.integers(1950, 2049), max_size=3, unique=True).map(lambda y: tuple(sorted(y))),
    named_days=_names,
    partial_day=st.booleans(),
    changed=st.booleans(),
)


@given(scopes, events)
def test_a_frame_reads_back_from_its_columns(scope: Scope, event: Event) -> None:
    assert scope_from_column(scope_column(scope)) == scope
    assert event_from_column(event_column(event)) == event


@given(scopes, events)
def test_a_frame_reads_back_from_its_json(scope: Scope, event: Event) -> None:
    # Through the text, as a consumer of `--json` gets it.
    assert scope_from_json(json.loads(json.dumps(scope_json(scope)))) == scope
    assert event_from_json(json.loads(json.dumps(event_json(event)))) == event


def test_the_columns_are_written_as_before() -> None:
    assert scope_column(FULL_SCOPE) == FULL_SCOPE_COLUMN
    assert event_column(FULL_EVENT) == FULL_EVENT_COLUMN
    assert scope_column(Scope()) == event_column(Event()) == ""


def test_a_row_written_before_the_typed_frames_reads_as_it_did() -> None:
    assert scope_from_column(FULL_SCOPE_COLUMN) == FULL_SCOPE
    assert event_from_column(FULL_EVENT_COLUMN) == FULL_EVENT
    assert scope_from_column("") == Scope() and event_from_column("") == Event()
    # A piece no reading knows is left out, as match.py always left it: a place cut at its comma
    # ("in:washington, d.c."), a bench's untagged place, a period this version does not know.
    assert scope_from_column("in:washington, d.c.,northvale,period:fortnight") == Scope(
        places=("washington",)
    )
    # A value cut at the column's length reads as far as it goes, and a day cut short as no day.
    assert event_from_column("blast,day:2024-0") == Event(names=("blast",))
    assert event_from_column("blast,verb:chan,year:20") == Event(names=("blast",), years=(20,))


def test_json_is_what_the_command_line_prints() -> None:
    assert scope_json(FULL_SCOPE) == {
        "places": ["kharkiv", "kyiv"],
        "wide": ["country", "ukraine"],
        "periods": ["night", "since"],
        "elsewhere": True,
    }
    assert event_json(FULL_EVENT) == {
        "names": ["blast", "northvale"],
        "day": "2024-01-31",
        "years": [2023, 2024],
        "named_days": ["election day"],
        "partial_day": True,
        "changed": True,
    }
    assert scope_from_json({}) == Scope() and event_from_json({}) == Event()
    assert scope_from_json({"periods": ["night", "fortnight"]}) == Scope(periods=("night",))
