"""Findings a person can read, through the real bot and the real engine: a heading that names the event,
its place and day and both figures with who gives them; each figure quoted in the whole clause it is in;
the why in plain words, in the reader's language. The clause rule is checked on sentences of its own."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from botkit import bot_env

from bot import replies
from bot.pipeline.types import DocumentRef, Event, Figure, RecordedFigure, RelationView

# Invented town, voices and figures.
MARCH = (
    "Organisers said 30,000 people took part in the march in Tarnmouth on 2 May 2026, while police put the "
    "number of participants at 8,000."
)


async def test_a_conflict_is_headed_by_its_event_place_and_both_voices_and_quoted_in_clauses(
    tmp_path,
) -> None:
    async with bot_env(tmp_path) as env:
        env.fake.queue(env.fake.text_update(501, MARCH))
        [answer] = await env.fake.wait_for("sendMessage", chat_id=501)
    assert answer.text.splitlines()[2] == (
        "⚠️ <b>Conflict:</b> March in Tarnmouth, 2 May 2026 — participants: "
        "Organisers <b>30,000</b> vs police <b>8,000</b>"
    )
    # Each figure in its own clause of the one sentence, not a fragment ("8,000") nor the whole sentence.
    assert (
        "• “Organisers said <b>30,000 people took part</b> in the march in Tarnmouth on 2 May 2026” —"
        in answer.text
    )
    assert "• “while police put the number of participants at <b>8,000</b>” — police" in answer.text
    assert (
        "<i>Both count participants in Tarnmouth, at the same time. 30,000 (Organisers) and 8,000 (police) "
        "cannot both be true.</i>"
    ) in answer.text


async def test_the_heading_quotes_and_why_are_in_the_readers_language(tmp_path) -> None:
    async with bot_env(tmp_path) as env:
        env.fake.queue(env.fake.text_update(502, MARCH, language="ru"))
        [answer] = await env.fake.wait_for("sendMessage", chat_id=502)
    assert "— участники: Organisers <b>30,000</b> против police <b>8,000</b>" in answer.text
    assert "• «while police put the number of participants at <b>8,000</b>» — police" in answer.text
    assert "не могут быть верны одновременно" in answer.text


def figure(quote: str, sentence: str) -> Figure:
    return Figure(
        value=None,
        low=None,
        high=None,
        unit=None,
        dimension=None,
        base_low=None,
        base_high=None,
        quantity="killed",
        counted="people",
        quote=quote,
        sentence=sentence,
        position=0,
    )


def test_a_clause_ends_at_a_semicolon_and_a_dash() -> None:
    sentence = (
        "Rescue teams worked through the night in the flooded valley; by morning 42 people had been "
        "confirmed dead — more than the day before, officials said"
    )
    assert replies.clause_of(figure("42 people had been confirmed dead", sentence)) == (
        "by morning ",
        "42 people had been confirmed dead",
        "",
    )


def test_a_short_clause_takes_in_the_one_before_then_the_one_after() -> None:
    # "12 were hurt" alone says too little: the words before it come with it.
    before, quote, after = replies.clause_of(
        figure("12 were hurt", "Two buses collided near the bridge at dawn, 12 were hurt, none badly")
    )
    assert (before, quote, after) == ("Two buses collided near the bridge at dawn, ", "12 were hurt", "")
    # At the start of a sentence there is nothing before: the clause after comes instead.
    before, quote, after = replies.clause_of(
        figure("7 dead", "7 dead, the coastguard said after searching the bay through the night")
    )
    assert (before, quote, after) == (
        "",
        "7 dead",
        ", the coastguard said after searching the bay through the night",
    )


def test_a_long_clause_is_cut_at_words_near_the_quote() -> None:
    words = " ".join(f"word{n}" for n in range(80))
    sentence = f"{words} and 310 people were evacuated from the valley {words}"
    before, quote, after = replies.clause_of(figure("310 people were evacuated", sentence))
    assert before.startswith("…") and after.endswith("…")
    assert len(before) + len(quote) + len(after) <= replies.CLAUSE_MAX + 2
    assert before.endswith(" and ") and after.startswith(" from the valley")
    assert re.search(r" word\d+…$", after) and re.match(r"… ?word\d+ ", before)  # cut between words


def test_a_heading_names_the_event_not_a_month_and_the_place_not_a_voice() -> None:
    def said(value: float, sentence: str, claimant: str) -> RecordedFigure:
        f = replace(figure(f"{value:.0f} people were killed", sentence), value=value, low=value, high=value)
        f = replace(
            f,
            claimant=claimant,
            event=Event(names=("lantern", "red", "relief", "velmora")),
            moment=date(2026, 3, 1),
        )
        document = DocumentRef(id=int(value), source="Outlet", url=None, published=None)
        return RecordedFigure(id=int(value), figure=f, document=document)

    a = said(
        120, "Officials in Velmora said 120 people were killed in the earthquake on 1 March 2026", "officials"
    )
    b = said(
        150,
        "On 1 March 2026 Red Lantern Relief said 150 people were killed in the quake in Velmora",
        "Red Lantern Relief",
    )
    view = RelationView(id=1, kind="conflict", a=a, b=b, why="")
    assert replies.story_heading(view) == "Quake in Velmora, 1 Mar 2026"


def test_the_why_says_at_the_same_time_only_of_figures_of_one_day() -> None:
    def said(fid: int, value: float, day: date, doc: int) -> RecordedFigure:
        f = replace(figure(f"{value:.0f} people", f"{value:.0f} people died"), value=value, moment=day)
        return RecordedFigure(
            id=fid, figure=f, document=DocumentRef(id=doc, source="Outlet", url=None, published=None)
        )

    apart = RelationView(
        id=1, kind="conflict", a=said(1, 19, date(2026, 4, 9), 1), b=said(2, 21, date(2026, 4, 12), 2), why=""
    )
    same = RelationView(
        id=2, kind="conflict", a=said(1, 19, date(2026, 4, 9), 1), b=said(2, 21, date(2026, 4, 9), 2), why=""
    )
    assert "at the same time" not in replies.plain_why(apart)
    assert replies.plain_why(apart).startswith("Both count deaths. 19 (Outlet) and 21")
    assert "at the same time" in replies.plain_why(same)


def test_a_quote_its_sentence_does_not_hold_is_shown_alone() -> None:
    assert replies.clause_of(figure("about 40", "Nothing of it here.")) == ("", "about 40", "")
