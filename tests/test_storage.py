"""The engine over real databases (SQLite and PostgreSQL): round trips, duplicates, indexed candidates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from conftest import SEEDS
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.config import Settings
from bot.pipeline.alerts import Alerts
from bot.pipeline.extract import Extractor
from bot.pipeline.service import Crosscheck, RecordedFigures
from bot.pipeline.types import SourceInfo
from bot.replies import render_alert
from storage import store
from storage.db import transaction
from storage.models import ClaimRow, DocumentRow, RelationRow, TermFrequencyRow

SEED_TEXT = (SEEDS / "rt-pow-exchange-2024-01-31.txt").read_text(encoding="utf-8")
PUBLISHED = datetime(2024, 1, 31, 15, 28, tzinfo=UTC)


def service(engine: Engine, extractor: Extractor) -> Crosscheck:
    return Crosscheck(engine, Settings(), extractor=extractor)


def test_seed_round_trip_keeps_every_field(engine: Engine, extractor: Extractor) -> None:
    crosscheck = service(engine, extractor)
    report = crosscheck.ingest_text(SEED_TEXT, SourceInfo(source="RT", published=PUBLISHED))
    assert not report.duplicate
    conflicts = [r for r in report.relations if r.kind == "conflict"]
    assert len(conflicts) == 1
    values = sorted(f.figure.value or 0 for f in (conflicts[0].a, conflicts[0].b))
    assert values == [195, 207]
    read_back = {c.id: c for c in crosscheck.claims(limit=100)}
    for item in report.figures:
        stored = read_back[item.id]
        assert stored.figure == item.figure
        assert stored.document.published == PUBLISHED and stored.document.source == "RT"
    [relation] = crosscheck.relations(kinds=["conflict"])
    assert relation.why and {relation.a.id, relation.b.id} == {conflicts[0].a.id, conflicts[0].b.id}


def test_the_same_document_twice_is_recognised(engine: Engine, extractor: Extractor) -> None:
    crosscheck = service(engine, extractor)
    info = SourceInfo(source="Wire", url="https://news.example/a?utm_source=x", published=PUBLISHED)
    text = "The ministry said 40 people were killed in the flood in Valdoria."
    first = crosscheck.ingest_text(text, info)
    again = crosscheck.ingest_text("  " + text.upper() + "\n", replace(info, url=None))
    by_url = crosscheck.ingest_text(text + " More later.", replace(info, url="https://NEWS.example/a"))
    assert not first.duplicate and again.duplicate and by_url.duplicate
    assert again.document.id == first.document.id == by_url.document.id
    assert [f.id for f in again.figures] == [f.id for f in first.figures]
    assert len(crosscheck.claims(limit=100)) == len(first.figures)


def test_a_second_source_is_matched_across_documents(engine: Engine, extractor: Extractor) -> None:
    crosscheck = service(engine, extractor)
    crosscheck.ingest_text(
        "The Valdoria health ministry said 40 people were killed in the flood in Valdoria.",
        SourceInfo(source="Wire", published=PUBLISHED),
    )
    report = crosscheck.ingest_text(
        "A rights group said 90 people were killed in the flood in Valdoria, far more than officials admit.",
        SourceInfo(source="Channel", published=PUBLISHED + timedelta(hours=3)),
    )
    [conflict] = [r for r in report.relations if r.kind == "conflict"]
    assert {conflict.a.document.source, conflict.b.document.source} == {"Wire", "Channel"}
    assert conflict.a.figure.value == 40 and conflict.b.figure.value == 90


def test_candidates_come_from_indexed_lookups(engine: Engine, extractor: Extractor) -> None:
    crosscheck = service(engine, extractor)
    crosscheck.ingest_text(
        "Officials said 40 people were killed in the flood in Valdoria.",
        SourceInfo(source="A", published=PUBLISHED),
    )
    crosscheck.ingest_text(
        "Officials said 12 people were injured in the fire in Corvale.",
        SourceInfo(source="B", published=PUBLISHED),
    )
    old = PUBLISHED - timedelta(days=900)
    crosscheck.ingest_text(
        "Officials said 77 people were killed in the storm in Valdoria.",
        SourceInfo(source="C", published=old),
    )
    with Session(engine) as session:
        found = store.candidate_claims(
            session, terms={"valdoria"}, around=PUBLISHED, window=timedelta(days=30)
        )
        assert [row.value for row in found] == [40]
        # Of a name no recorded document has, nothing: the look-up starts from the names.
        assert (
            store.candidate_claims(session, terms={"corvalex"}, around=PUBLISHED, window=timedelta(days=30))
            == []
        )


def test_recorded_figures_are_built_once_and_read_again_when_a_key_disagrees(
    engine: Engine, extractor: Extractor
) -> None:
    crosscheck = service(engine, extractor)
    reports = [
        crosscheck.ingest_text(
            f"Officials said {toll} people were killed in the flood in Valdoria.",
            SourceInfo(source=source, published=PUBLISHED),
        )
        for toll, source in ((40, "A"), (41, "B"))
    ]
    recorded = {f.id: f for report in reports for f in report.figures}
    with Session(engine) as session:
        keys = store.candidate_claims(session, terms={"valdoria"}, around=PUBLISHED, window=timedelta(days=3))
        assert len(keys) == 2
        figures = crosscheck.recorded.of(session, keys)
        assert [f.id for f in figures] == [k.id for k in keys]
        assert [f.figure for f in figures] == [recorded[k.id].figure for k in keys]
        # Asked again, the same objects: kept, not read and built again.
        assert all(a is b for a, b in zip(crosscheck.recorded.of(session, keys), figures, strict=True))
        # A key that disagrees with the kept figure (an id used again) is read again from the database.
        moved = [keys[0]._replace(position=keys[0].position + 1), keys[1]]
        again = crosscheck.recorded.of(session, moved)
        assert again[0] is not figures[0] and again[0].figure == figures[0].figure
        assert again[1] is figures[1]
    # Only the most recently used are kept.
    small = RecordedFigures(1)
    with Session(engine) as session:
        [first] = small.of(session, keys[:1])
        assert small.of(session, keys[:1]) == [first] and small.of(session, keys[:1])[0] is first
        small.of(session, keys[1:])
        assert small.of(session, keys[:1])[0] is not first


def _document(session: Session, number: int, terms: set[str]) -> int:
    row = store.add_document(
        session,
        document=DocumentRow(
            source=f"outlet {number}", published=PUBLISHED, content_hash=f"h{number}", text="."
        ),
        terms=terms,
    )
    assert row.id is not None
    return row.id


def test_look_ups_read_the_rarest_names_first(engine: Engine) -> None:
    with transaction(engine) as session:
        for number in range(6):
            _document(session, number, {"everywhere", f"place{number % 3}"})
    with Session(engine) as session:
        frequencies = dict(session.exec(select(TermFrequencyRow.term, TermFrequencyRow.documents)).all())
        assert frequencies == {"everywhere": 6, "place0": 2, "place1": 2, "place2": 2}
        terms = {"everywhere", "place1", "nowhere"}
        assert store.rarest_terms(session, terms=terms, budget=5) == ["place1"]
        assert store.rarest_terms(session, terms=terms, budget=8) == ["place1", "everywhere"]
        # However common, the rarest name of a document is always read.
        assert store.rarest_terms(session, terms={"everywhere"}, budget=1) == ["everywhere"]
        assert store.rarest_terms(session, terms={"nowhere"}, budget=100) == []


def test_candidates_come_from_the_documents_sharing_most_names(engine: Engine) -> None:
    with transaction(engine) as session:
        ids = [_document(session, n, {"river", "bridge"} if n % 2 else {"river"}) for n in range(6)]
        session.add_all(
            ClaimRow(
                document_id=i,
                value=n,
                quantity="killed",
                counted="people",
                quote=str(n),
                sentence="",
                position=0,
            )
            for n, i in enumerate(ids)
        )
    with Session(engine) as session:
        found = store.candidate_claims(
            session,
            terms={"river", "bridge"},
            around=PUBLISHED,
            window=timedelta(days=1),
            max_documents=3,
        )
        # The three documents naming both come first, newest first; the others are past the limit.
        assert [row.document_id for row in found] == [ids[5], ids[3], ids[1]]


def test_a_document_agreeing_with_one_side_is_told_of_the_recorded_dispute(
    engine: Engine, extractor: Extractor
) -> None:
    crosscheck = service(engine, extractor)
    crosscheck.ingest_text(
        "Officials said 40 people were killed in the flood in Valdoria.",
        SourceInfo(source="A", published=PUBLISHED),
    )
    first = crosscheck.ingest_text(
        "The Red Cross said 65 people were killed in the flood in Valdoria.",
        SourceInfo(source="B", published=PUBLISHED),
    )
    [dispute] = [v for v in first.relations if v.kind == "conflict"]
    # The third text agrees with the officials' 40, which is disputed: it is told of that dispute, and its
    # own figure is set against the Red Cross figure too.
    third = crosscheck.ingest_text(
        "The flood in Valdoria.\n\nOfficials said 40 people were killed in the flood.",
        SourceInfo(source="C", published=PUBLISHED),
    )
    assert sorted(v.kind for v in third.relations) == ["conflict", "corroboration"]
    assert [v.id for v in third.disputed] == [dispute.id]
    # Conflicts that involve the new document's own figures are its relations, not a recorded dispute.
    with Session(engine) as session:
        ids = [dispute.a.id]
        assert [r.id for r in store.conflicts_of(session, claim_ids=ids, limit=5)] == [dispute.id]
        assert store.conflicts_of(session, claim_ids=ids, not_with=[dispute.b.id], limit=5) == []


def test_forget_removes_the_documents_only_this_chat_sent(engine: Engine, extractor: Extractor) -> None:
    """Chat 1 alone sent one text, chats 1 and 2 both sent another: /forget by chat 1 removes the first
    with its figures and relations and counts its names down; the shared text and its figures stay."""
    service = Crosscheck(engine, Settings(), extractor=extractor)
    alerts = Alerts(engine, render_alert=render_alert)
    mine = service.ingest_text(
        "Officials in Tarnmouth said 48 people were hurt in the fire.", SourceInfo(source="one")
    )
    shared = service.ingest_text(
        "Rescuers in Tarnmouth said 61 people were hurt in the fire.", SourceInfo(source="two")
    )
    assert shared.relations  # 48 against 61: a relation between the two texts
    alerts.record_submission(1, mine.document.id)
    alerts.record_submission(1, shared.document.id)
    alerts.record_submission(2, shared.document.id)
    forgotten = alerts.forget(1)
    assert forgotten.documents == 1
    with Session(engine) as session:
        assert [d.id for d in session.exec(select(DocumentRow)).all()] == [shared.document.id]
        assert {c.document_id for c in session.exec(select(ClaimRow)).all()} == {shared.document.id}
        assert not session.exec(select(RelationRow)).all()
        counts = {t.term: t.documents for t in session.exec(select(TermFrequencyRow)).all()}
        assert counts["tarnmouth"] == 1
    assert alerts.forget(2).documents == 1  # now the shared text was sent only by chat 2
