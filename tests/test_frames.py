"""A figure's scope and event through their one mapping (bot/pipeline/frames.py): to the claim row and back,
to JSON and back, and rows written before the typed values read as they always did."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session

from bot.cli import claim_json
from bot.pipeline.extract import Extractor
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
from bot.pipeline.service import claim_values, recorded_figure
from bot.pipeline.types import PERIODS, Document, Event, Figure, Scope
from storage import store
from storage.db import transaction
from storage.models import ClaimRow, DocumentRow

PUBLISHED = datetime(2024, 1, 31, 15, 0, tzinfo=UTC)

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


def _figure(scope: Scope, event: Event) -> Figure:
    return Figure(
        value=120,
        low=120,
        high=120,
        unit=None,
        dimension=None,
        base_low=None,
        base_high=None,
        quantity="killed",
        counted="people (killed)",
        quote="120 people were killed",
        sentence="120 people were killed in Kyiv overnight.",
        position=0,
        claimant="the ministry",
        moment=date(2024, 1, 31),
        scope=scope,
        event=event,
    )


def test_a_figure_reads_back_from_its_claim_row(engine: Engine) -> None:
    figures = [
        _figure(FULL_SCOPE, FULL_EVENT),
        _figure(Scope(), Event()),
        _figure(Scope(places=("kyiv",)), Event()),
    ]
    with transaction(engine) as session:
        document = store.add_document(
            session,
            document=DocumentRow(source="Wire", content_hash="f" * 64, text="…", published=PUBLISHED),
            terms=[],
        )
        assert document.id is not None
        rows = store.add_claims(session, claims=[claim_values(f, document_id=document.id) for f in figures])
        ids = [row.id for row in rows]
    with Session(engine) as session:
        for claim_id, figure in zip(ids, figures, strict=True):
            claim = session.get(ClaimRow, claim_id)
            assert claim is not None
            stored = session.get(DocumentRow, claim.document_id)
            assert stored is not None
            read = recorded_figure(claim, stored)
            assert read.figure == figure
            # and on to what the command line prints
            cli = json.loads(json.dumps(claim_json(read)))
            assert (scope_from_json(cli["scope"]), event_from_json(cli["event"])) == (
                figure.scope,
                figure.event,
            )


def test_extracted_frames_are_in_their_column_form(extractor: Extractor) -> None:
    # What a text gives is what its row gives back: a figure reads the same fresh and recorded.
    text = (
        "Overnight, 40 people were killed in Kharkiv, the ministry said on Monday. Nationwide, the toll has "
        "risen to 1,340 since the war began. As of 6 p.m. on Election Day 2023, 655,000 trips were recorded."
    )
    document = Document(text=text, source="Wire", published=PUBLISHED)
    figures = extractor.extract(document)
    assert len(figures) >= 3
    for figure in figures:
        assert scope_from_column(scope_column(figure.scope)) == figure.scope
        assert event_from_column(event_column(figure.event)) == figure.event
    assert any(f.scope.places and f.scope.periods for f in figures)
    assert any(f.event.changed for f in figures) and any(f.event.partial_day for f in figures)
    assert any(f.event.years == (2023,) and f.event.named_days == ("election day",) for f in figures)
