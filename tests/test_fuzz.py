"""Property tests over hostile text: the cleaner, the number reader, the extractor and the renderers never
raise on it, keep numbers finite and offsets inside the text, and return only text UTF-8 can carry.

Bounded and derandomized: the same examples on every run, a few seconds in all. The texts are glued
from pieces that make figures hard to read (digit runs, separators, scale words in six languages, signs,
units, hedges) and from arbitrary characters, lone surrogates among them where the code under test is
where text enters.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import replies
from bot.cli import claim_json, relation_json, report_text
from bot.pipeline.alerts import PendingAlert, Reason, story_of
from bot.pipeline.clean import (
    clean_html,
    clean_pasted,
    guess_language,
    outlet_of,
    read_input,
    to_document,
    valid_text,
)
from bot.pipeline.errors import CrosscheckError
from bot.pipeline.extract import Extractor
from bot.pipeline.frames import event_column, scope_column
from bot.pipeline.numbers import find_numbers, parse_number
from bot.pipeline.types import (
    DocumentRef,
    Figure,
    IngestReport,
    RecordedFigure,
    RelationKind,
    RelationView,
    SourceInfo,
)

BOUNDED = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(BOUNDED, max_examples=40)  # the extractor parses each text with the language model

LANGS = st.sampled_from(["en", "fr", "es", "de", "ru", "uk", "it", "pt", "xx"])

_SCALE_WORDS = """
thousand thousands million millions billion billions trillion hundred hundreds dozen dozens tens of a one
k m M bn mn mln tn lakh crore
hundert Hundert tausend Tausend Million Millionen Milliarde Milliarden Hunderte Tausende Dutzend Dutzende
einige mehrere ein eine paar zwanzig dreihundert einhundert zweitausend Mio. Mrd.
cent cents mille million millions milliard milliards dizaines centaines milliers une centaine des vingt
quatre-vingt plusieurs quelques
cien ciento mil millón millones decenas cientos miles unos varios dos treinta y
сто тысяча тысяч тысячи тысячу миллион миллиона миллионов млн млрд тыс. сотни десятки несколько полтора
сто тисяча тисяч тисячі мільйон мільйонів мільярд млн тис. сотні кілька півтора
""".split()
_OTHER_WORDS = """
about around nearly almost more than over up to at least fewer less between and to from or more some
environ près de plus moins rund etwa über bis zu около более свыше до близько понад майже
people killed homes voters year years hours minutes days ago old km metres tonnes kg
percent per cent Prozent процентов відсотків °C °F ºC C F USD EUR $ € £ ₽ ₴ ¥ Rs US$
January Jan. May 2023 1999 p.m. a.m. Uhr h No. Article § № Il-76 COVID-19 G7
""".split()
_SEPARATORS = [",", ".", " ", "\u00a0", "\u202f", "'", "’", "", "-", "–", "—", "/", ":", "+", "−", "%", "~"]
_LONG_RUNS = ["1" + "0" * 400, "7" * 4400, "1," + ",".join(["000"] * 40), "1 " + " ".join(["000"] * 40)]


def _digits() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(alphabet="0123456789", min_size=1, max_size=6),
        st.integers(min_value=0, max_value=10**40).map(str),
        st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
        st.sampled_from(
            ["٣", "१२", "０", "²", "½"]
        ),  # digits of other scripts, and things that are not digits
        st.sampled_from(_LONG_RUNS),
    )


def hostile(*, surrogates: bool, max_pieces: int = 24) -> st.SearchStrategy[str]:
    """Text glued from figure-shaped pieces and stray characters; `surrogates` lets lone ones in."""
    chars = st.characters(codec=None if surrogates else "utf-8")
    piece = st.one_of(
        _digits(),
        st.sampled_from(_SCALE_WORDS),
        st.sampled_from(_OTHER_WORDS),
        st.sampled_from(_SEPARATORS),
        st.sampled_from([" ", " ", "\n", "\n\n", ". "]),
        chars,
        st.text(chars, max_size=4),
        *([st.characters(categories=["Cs"])] if surrogates else []),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


def encodable(*texts: str | None) -> None:
    for text in texts:
        if text is not None:
            text.encode("utf-8")


def finite(*values: float | None) -> None:
    for value in values:
        assert value is None or math.isfinite(value), value


# ---------------------------------------------------------------------------------------------------
# The number reader


@BOUNDED
@given(text=hostile(surrogates=True), lang=LANGS)
def test_find_numbers_on_hostile_text(text: str, lang: str) -> None:
    end = 0
    for m in find_numbers(text, lang):
        assert end <= m.start < m.end <= len(text)  # in order, apart, inside the text
        end = m.end
        assert m.text == text[m.start : m.end]
        assert m.number_text in m.text
        finite(m.value, m.low, m.high, m.base_factor, m.base_offset)
        if m.low is not None and m.high is not None:
            assert m.low <= m.high
        if m.value is not None:
            assert m.low is None or m.low <= m.value
            assert m.high is None or m.value <= m.high


@BOUNDED
@given(
    number=st.lists(
        st.one_of(_digits(), st.sampled_from(_SCALE_WORDS), st.sampled_from(_SEPARATORS)), max_size=6
    ).map("".join),
    lang=LANGS,
)
def test_parse_number_on_hostile_text(number: str, lang: str) -> None:
    finite(parse_number(number, lang))


# ---------------------------------------------------------------------------------------------------
# The cleaner: text enters here, lone surrogates and all


@BOUNDED
@given(text=hostile(surrogates=True, max_pieces=40))
def test_clean_pasted_on_hostile_text(text: str) -> None:
    try:
        clean = clean_pasted(text)
    except CrosscheckError:
        return
    encodable(clean.title, clean.text, clean.outlet, *clean.captions)
    assert clean.text.strip()
    document = to_document(clean, SourceInfo(source=text[:40] or "x", url=None, lang=None))
    encodable(document.source, document.lang)
    assert document.lang == guess_language(clean.text)


@BOUNDED
@given(
    title=hostile(surrogates=True, max_pieces=6),
    paragraphs=st.lists(hostile(surrogates=True), max_size=4),
    noise=st.sampled_from(
        ["", "<script>var x = 1;</script>", "<!-- c -->", "<p>", "</div>", "&amp;", "&#xd800;"]
    ),
)
def test_clean_html_on_hostile_pages(title: str, paragraphs: list[str], noise: str) -> None:
    body = "".join(f"<p>{p}{noise}</p>" for p in paragraphs)
    page = f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
    try:
        clean = clean_html(page, time_limit_s=30)
    except CrosscheckError:
        return
    encodable(clean.title, clean.text, clean.outlet, *clean.captions)


@BOUNDED
@given(
    data=st.binary(max_size=300), prefix=st.sampled_from([b"", b'<meta charset="utf-7">', b"\xef\xbb\xbf"])
)
def test_read_input_on_hostile_bytes(data: bytes, prefix: bytes) -> None:
    try:
        kind, text = read_input(prefix + data, max_bytes=1000)
    except CrosscheckError:
        return
    assert kind in ("html", "text")
    encodable(valid_text(text))
    encodable(outlet_of(valid_text(text)))


# ---------------------------------------------------------------------------------------------------
# The extractor, and the replies built from what it finds

PUBLISHED = datetime(2024, 5, 6, 12, 0, tzinfo=UTC)


def recorded(figures: list[Figure], source: str, url: str | None) -> list[RecordedFigure]:
    document = DocumentRef(id=1, source=source, url=url, published=PUBLISHED, title=source)
    return [RecordedFigure(id=i, figure=f, document=document) for i, f in enumerate(figures, 1)]


def check_replies(report: IngestReport, views: list[RelationView], limit: int) -> None:
    out = [
        *replies.render_report(report, limit=limit),
        *replies.render_reports([report, report], limit=limit),
        *replies.render_recent(views, limit=limit),
    ]
    for reply in out:
        assert 0 < len(reply.text) <= limit
        encodable(reply.text, *(label + data for row in reply.buttons for label, data in row))
    reasons = [Reason(follow=story_of(v)) for v in views] + [Reason(words="x"), Reason(words="")]
    alerts = [
        PendingAlert(
            id=i,
            chat_id=1,
            relation_id=v.id,
            batch="b",
            text=replies.render_alert(v, reasons[i % len(reasons)]),
            attempts=0,
            next_attempt_at=PUBLISHED,
            kind=v.kind,
        )
        for i, v in enumerate(views)
    ]
    for message in replies.alert_messages(alerts, limit=limit):
        assert 0 < len(message.text) <= limit
        encodable(message.text, *(label + data for row in message.buttons for label, data in row))
    encodable(report_text(report))
    for item in report.figures:
        json.dumps(claim_json(item), allow_nan=False, ensure_ascii=False).encode("utf-8")
    for view in views:
        json.dumps(relation_json(view), allow_nan=False, ensure_ascii=False).encode("utf-8")


def views_of(items: list[RecordedFigure]) -> list[RelationView]:
    kinds: tuple[RelationKind, ...] = ("conflict", "update", "corroboration")
    return [
        RelationView(id=i, kind=kinds[i % 3], a=a, b=b, why=f"{a.figure.quote} / {b.figure.quote}")
        for i, (a, b) in enumerate(zip(items, items[1:] + items[:1], strict=True))
    ]


@FEW
@given(
    paragraphs=st.lists(hostile(surrogates=True, max_pieces=16), min_size=1, max_size=3),
    lang=st.sampled_from(["en", "en", "fr", "de", "ru", "uk", "es", None]),
    limit=st.sampled_from([replies.MAX_MESSAGE, 200]),
)
def test_extractor_and_replies_on_hostile_text(
    extractor: Extractor, paragraphs: list[str], lang: str | None, limit: int
) -> None:
    # News-like context around the hostile part, so that some examples do give figures.
    text = "\n\n".join(f"Officials said {p} people were killed, the ministry said." for p in paragraphs)
    try:
        document = to_document(clean_pasted(text), SourceInfo(source="Fuzz <&>", lang=lang))
    except CrosscheckError:
        return
    figures = extractor.extract(document)
    for f in figures:
        assert 0 <= f.position < len(document.text)
        assert f.quote.strip() and f.quote in document.text
        finite(f.value, f.low, f.high, f.base_low, f.base_high)
        encodable(f.quote, f.sentence, f.counted, f.quantity, f.claimant, *f.sides)
        encodable(scope_column(f.scope), event_column(f.event))
    encodable(*extractor.terms(document))
    items = recorded(figures, document.source, "https://news.example/a?x=1&y=<2>")
    views = views_of(items)
    report = IngestReport(
        document=items[0].document
        if items
        else DocumentRef(id=1, source=document.source, url=None, published=None),
        duplicate=False,
        figures=tuple(items),
        relations=tuple(views),
        disputed=tuple(v for v in views if v.kind == "conflict"),
    )
    check_replies(report, views, limit)


# ---------------------------------------------------------------------------------------------------
# The renderers over arbitrary figures (no model: many more examples)

_FLOATS = st.one_of(
    st.none(), st.floats(allow_nan=False, allow_infinity=False), st.integers(-(10**20), 10**20)
)


@st.composite
def figures(draw: st.DrawFn) -> Figure:
    words = st.text(st.characters(codec="utf-8"), max_size=80)
    value = draw(_FLOATS)
    return Figure(
        value=None if value is None else float(value),
        low=draw(_FLOATS),
        high=draw(_FLOATS),
        unit=draw(st.one_of(st.none(), st.sampled_from(["%", "USD", "km", "°C"]))),
        dimension=None,
        base_low=None,
        base_high=None,
        quantity=draw(st.sampled_from(["killed", "injured", "other", "", "<b>"])),
        counted=draw(words),
        quote=draw(st.one_of(words, st.text(st.sampled_from("<>&;\"' \n5"), max_size=700))),
        sentence=draw(words),
        position=0,
        sides=tuple(draw(st.lists(words, max_size=3))),
        claimant=draw(st.one_of(st.none(), words)),
        moment=draw(st.one_of(st.none(), st.dates())),
        subset=draw(st.booleans()),
    )


@BOUNDED
@given(
    figs=st.lists(figures(), min_size=1, max_size=6),
    source=st.text(st.characters(codec="utf-8"), min_size=1, max_size=200),
    url=st.one_of(st.none(), st.text(st.characters(codec="utf-8"), max_size=100)),
    limit=st.sampled_from([replies.MAX_MESSAGE, 300, 64]),
    duplicate=st.booleans(),
)
def test_replies_on_arbitrary_figures(
    figs: list[Figure], source: str, url: str | None, limit: int, duplicate: bool
) -> None:
    items = recorded(figs, source, url)
    views = views_of(items)
    report = IngestReport(
        document=items[0].document, duplicate=duplicate, figures=tuple(items), relations=tuple(views)
    )
    check_replies(report, views, limit)


@pytest.mark.parametrize("value", [1e300, -1e300, 5e-324, 0.1 + 0.2, -0.0, 10**20])
def test_replies_render_extreme_finite_values(value: float) -> None:
    fig = Figure(
        value=value, low=value, high=value, unit=None, dimension=None, base_low=value, base_high=value,
        quantity="killed", counted="people", quote="x people", sentence="x people.", position=0,
    )  # fmt: skip
    a, b = recorded([fig, fig], "Src", None)
    view = RelationView(id=1, kind="update", a=a, b=b, why="")
    check_replies(
        IngestReport(document=a.document, duplicate=False, figures=(a, b), relations=(view,)), [view], 4096
    )
