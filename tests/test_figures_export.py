"""/figures' topic look-up on SQLite and PostgreSQL, and the pure chart and export functions behind
/figures and /export (their bot side is tests/test_bot_figures.py)."""

from __future__ import annotations

import csv
import io
import json
import struct
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy import Engine
from test_bot_replies import figure, recorded

from bot import export, replies
from bot.charts import draw_figures, timeline_label
from bot.config import Settings
from bot.i18n import using
from bot.pipeline.service import Crosscheck
from bot.pipeline.types import (
    ChatExport,
    DocumentRef,
    Followed,
    RecordedFigure,
    RelationView,
    Scope,
    SentDocument,
)
from storage import store
from storage.db import transaction
from storage.models import DocumentRow


def add_claim(engine: Engine, *, value: float, counted: str, sentence: str, **columns: object) -> None:
    with transaction(engine) as session:
        document = store.add_document(
            session,
            document=DocumentRow(source="Ostrava Bay Post", content_hash=uuid.uuid4().hex, text=sentence),
            terms=[],
        )
        assert document.id is not None
        values = dict(
            document_id=document.id,
            value=value,
            low=value,
            high=value,
            quantity="killed",
            counted=counted,
            quote=f"{value:g} people",
            sentence=sentence,
            position=0,
        )
        store.add_claims(session, claims=[values | columns])


def test_a_topic_matches_word_starts_in_any_case_and_script_not_parts_or_projections(engine: Engine) -> None:
    add_claim(engine, value=14, counted="people (killed)", sentence="The Žitomir_Dam storm killed 14 people.")
    add_claim(engine, value=9, counted="людей (killed)", sentence="Шторм у Житомирі вбив 9 людей.")
    add_claim(engine, value=4, counted="children", sentence="The storm killed 4 children.", subset=True)
    add_claim(engine, value=90, counted="people", sentence="The storm could kill 90.", tense="projection")
    add_claim(
        engine, value=3, counted="boats", sentence="Three boats sank in the 100% storm.", quantity="sunk"
    )
    crosscheck = Crosscheck(engine, Settings())
    assert [f.figure.value for f in crosscheck.figures("STORM kill")] == [14]  # no parts, no projections
    assert [f.figure.value for f in crosscheck.figures("житомир")] == [9]  # casefolded beyond ASCII
    assert [f.figure.value for f in crosscheck.figures("žitomir_dam")] == [14]  # "_" is part of a word
    assert [f.figure.value for f in crosscheck.figures("100%")] == [3]  # "%" is no word, and no wildcard
    assert crosscheck.figures("orm") == []  # a word's start, not any part of it
    assert crosscheck.figures("  ?! ") == []


def test_the_chart_draws_the_topics_main_quantity_capped_with_open_and_range_intervals() -> None:
    flood = [
        recorded(i, figure(30 + i, f"{30 + i} dead", f"Official {i}"), source=f"Outlet {i % 3}")
        for i in range(1, replies.MAX_DRAWN + 5)
    ]
    open_top = recorded(
        100, replace(figure(31, "at least 31", "governor"), high=None), source="Harbour Gazette"
    )
    ranged = recorded(101, replace(figure(0, "40 to 55", "rescuers"), value=None, low=40, high=55))
    other = recorded(102, replace(figure(7, "7 boats", "coastguard"), quantity="boats"))
    chart = replies.figures_chart("Velmora flood", [*flood, open_top, ranged, other])
    assert chart is not None and len(chart.points) == replies.MAX_DRAWN
    assert {p.value_text for p in chart.points} >= {"≥ 31", "40–55"}
    assert all(p.label.count("\n") == 1 for p in chart.points)  # claimant, then outlet
    assert "12 of 19 figures" in replies.figures_caption(chart, 19)
    png = draw_figures(chart)
    width, height = struct.unpack(">II", png[16:24])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and 1000 <= width <= 1200 and height > 600
    assert (
        replies.figures_chart("x", [recorded(1, replace(figure(0, "many", "x"), value=None, low=None))])
        is None
    )


def test_a_charts_rows_name_their_place_when_the_figures_are_of_several() -> None:
    def of(fid: int, value: float, place: str, claimant: str) -> RecordedFigure:
        f = figure(value, f"{value:.0f} dead", claimant)
        return recorded(fid, replace(f, scope=Scope(places=(place,))))

    chart = replies.figures_chart(
        "flood", [of(1, 22, "kelby", "Red Cross"), of(2, 6, "brask", "officials in Brask")]
    )
    assert chart is not None
    assert [p.label.split("\n")[0] for p in chart.points] == ["Red Cross (Kelby)", "officials in Brask"]
    alone = replies.figures_chart("flood", [of(1, 22, "kelby", "Red Cross"), of(2, 30, "kelby", "officials")])
    assert alone is not None and [p.label.split("\n")[0] for p in alone.points] == ["Red Cross", "officials"]


def test_the_charts_timeline_names_months_in_the_readers_language() -> None:
    points = [recorded(i, figure(30 + i, f"{30 + i} dead", "officials")) for i in (1, 2)]
    with using("ru"):
        chart = replies.figures_chart("Velmora flood", points)
    assert chart is not None and timeline_label(date(2026, 1, 5), chart.months) == "5 янв."
    english = replies.figures_chart("Velmora flood", points)
    assert english is not None and timeline_label(date(2026, 1, 5), english.months) == "5 Jan"


def test_export_files_hold_every_record_and_read_back() -> None:
    doc = DocumentRef(id=3, source="Velmora Courier", url="https://courier.example/a", published=None)
    mine = recorded(1, figure(48, "48 people were hurt", "officials"), source="Velmora Courier")
    theirs = recorded(2, figure(61, "61 people, 'hurt'", 'rescuers, "team B"'), source="Northline Wire")
    relation = RelationView(id=9, kind="conflict", a=mine, b=theirs, why="48 vs 61, both of the fire")
    data = ChatExport(
        chat_id=5,
        documents=(SentDocument(document=doc, sent=datetime(2026, 3, 4, tzinfo=UTC), figures=(mine,)),),
        subscriptions=("velmora", ""),
        follows=(Followed(label="people (injured)", quantity="injured", sides=("velmora",)),),
        relations=(relation,),
    )
    rows = list(csv.DictReader(io.StringIO(export.export_csv(data).decode("utf-8-sig"))))
    assert [r["record"] for r in rows] == [
        "document",
        "figure",
        "subscription",
        "subscription",
        "follow",
        "relation",
    ]
    assert rows[0]["published"] == "" and rows[0]["sent"] == "2026-03-04T00:00:00+00:00"
    assert (
        rows[-1]["other_claimant"] == 'rescuers, "team B"'
        and rows[-1]["other_as_written"] == "61 people, 'hurt'"
    )
    loaded = json.loads(export.export_json(data))
    assert loaded["documents"][0]["figures"][0]["date"] is None
    assert loaded["relations"][0]["b"]["source"] == "Northline Wire"
    assert loaded["follows"] == [{"words": "people (injured)", "quantity": "injured", "sides": ["velmora"]}]
    assert not data.empty and ChatExport(5, (), (), (), ()).empty
