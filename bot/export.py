"""/export's files: what is recorded of one chat (service.Crosscheck.export) as CSV and as JSON.

Pure: a ChatExport in, bytes out. The CSV is one table a spreadsheet can filter: a row per record, its
kind in the first column (document, figure, subscription, follow, relation) and the columns that kind has
filled in. The JSON nests the same: documents with their figures, then subscriptions, follows and the
relations, each with both of its figures.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

from bot.pipeline.types import ChatExport, DocumentRef, RecordedFigure, RelationView, SentDocument

CSV_COLUMNS = (
    "record",
    "document_id",
    "source",
    "url",
    "published",
    "sent",
    "figure_id",
    "value",
    "low",
    "high",
    "unit",
    "as_written",
    "counted",
    "claimant",
    "date",
    "relation_id",
    "relation",
    "other_figure_id",
    "other_as_written",
    "other_claimant",
    "other_source",
    "why",
    "words",
    "quantity",
    "sides",
)


def _when(moment: datetime | date | None) -> str:
    return moment.isoformat() if moment is not None else ""


def _published(d: DocumentRef) -> dict[str, Any]:
    """Where a text was published: the columns a sent text and a relation's side share."""
    return {"document_id": d.id, "source": d.source, "url": d.url, "published": _when(d.published) or None}


def _document(sent: SentDocument) -> dict[str, Any]:
    return {**_published(sent.document), "sent": _when(sent.sent)}


def _figure(recorded: RecordedFigure) -> dict[str, Any]:
    f = recorded.figure
    return {
        "figure_id": recorded.id,
        "value": f.value,
        "low": f.low,
        "high": f.high,
        "unit": f.unit,
        "as_written": f.quote,
        "counted": f.counted,
        "claimant": f.claimant,
        "date": _when(f.moment) or None,
    }


def _side(recorded: RecordedFigure) -> dict[str, Any]:
    """One figure of a relation, with where it was published (either may be another chat's text)."""
    return {**_figure(recorded), **_published(recorded.document)}


def _relation(view: RelationView) -> dict[str, Any]:
    return {
        "relation_id": view.id,
        "relation": view.kind,
        "a": _side(view.a),
        "b": _side(view.b),
        "why": view.why,
    }


def export_json(export: ChatExport) -> bytes:
    """The chat's record as one JSON document (UTF-8, indented)."""
    data = {
        "chat_id": export.chat_id,
        "documents": [{**_document(d), "figures": [_figure(f) for f in d.figures]} for d in export.documents],
        "subscriptions": [{"words": w} for w in export.subscriptions],
        "follows": [
            {"words": f.label, "quantity": f.quantity, "sides": list(f.sides)} for f in export.follows
        ],
        "relations": [_relation(v) for v in export.relations],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def export_csv(export: ChatExport) -> bytes:
    """The chat's record as one CSV table (UTF-8 with a byte-order mark, which spreadsheets need to read
    it as UTF-8)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    for sent in export.documents:
        document = _document(sent)
        writer.writerow(_cells({"record": "document", **document}))
        for recorded in sent.figures:
            writer.writerow(
                _cells({"record": "figure", "document_id": sent.document.id, **_figure(recorded)})
            )
    for words in export.subscriptions:
        writer.writerow({"record": "subscription", "words": words})
    for follow in export.follows:
        row = {"record": "follow", "words": follow.label, "quantity": follow.quantity}
        writer.writerow({**row, "sides": ",".join(follow.sides)})
    for view in export.relations:
        writer.writerow(_cells(_relation_row(view)))
    return out.getvalue().encode("utf-8-sig")


def _relation_row(view: RelationView) -> dict[str, Any]:
    a, b = _side(view.a), _side(view.b)
    return {
        "record": "relation",
        "relation_id": view.id,
        "relation": view.kind,
        "why": view.why,
        **{
            k: a[k]
            for k in ("document_id", "source", "url", "published", "figure_id", "as_written", "claimant")
        },
        **{k: a[k] for k in ("value", "low", "high", "unit", "counted", "date")},
        "other_figure_id": b["figure_id"],
        "other_as_written": b["as_written"],
        "other_claimant": b["claimant"],
        "other_source": b["source"],
    }


def _cells(row: dict[str, Any]) -> dict[str, Any]:
    """None is an empty cell, not the word "None"."""
    return {k: "" if v is None else v for k, v in row.items()}
