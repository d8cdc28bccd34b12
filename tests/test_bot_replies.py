"""Rendering: escaped HTML, messages ≤ 4096 split at paragraph boundaries, buttons with their conflicts."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot import replies
from bot.pipeline.alerts import PendingAlert, Reason, Story
from bot.pipeline.types import DocumentRef, Figure, IngestReport, RecordedFigure, RelationView


def figure(value: float, quote: str, claimant: str, *, sides: tuple[str, ...] = ("ukraine",)) -> Figure:
    return Figure(
        value=value,
        low=value,
        high=value,
        unit=None,
        dimension=None,
        base_low=value,
        base_high=value,
        quantity="released",
        counted="POWs handed over",
        quote=quote,
        sentence=f"{quote}, said {claimant}.",
        position=0,
        sides=sides,
        claimant=claimant,
    )


def recorded(
    fid: int, fig: Figure, source: str = "RT", url: str | None = "https://rt.example/a?x=1&y=2"
) -> RecordedFigure:
    doc = DocumentRef(id=fid, source=source, url=url, published=datetime(2024, 1, 31, tzinfo=UTC))
    return RecordedFigure(id=fid, figure=fig, document=doc)


def conflict(rid: int, why: str = "195 vs 207 for the same swap") -> RelationView:
    a = recorded(rid * 2, figure(195, "195 POWs were handed over", "Russian Defense Ministry"))
    b = recorded(rid * 2 + 1, figure(207, "207 guys", "Zelensky"), source="Telegram <Zelensky>")
    return RelationView(id=rid, kind="conflict", a=a, b=b, why=why)


def visible_length(html_text: str) -> int:
    return len(re.sub(r"<[^>]+>", "", html_text))


def test_conflict_names_both_sides_escaped_with_buttons() -> None:
    view = conflict(7)
    report = IngestReport(document=view.b.document, duplicate=False, figures=(view.b,), relations=(view,))
    [reply] = replies.render_report(report)
    assert "<b>195 POWs were handed over</b>" in reply.text and "<b>207 guys</b>" in reply.text
    assert "Russian Defense Ministry" in reply.text and "Zelensky" in reply.text
    assert "Telegram &lt;Zelensky&gt;" in reply.text  # outlet names are escaped
    assert 'href="https://rt.example/a?x=1&amp;y=2"' in reply.text  # and links are attribute-escaped
    assert reply.buttons == ((("🔔 Alert me", "f:7"), ("👍", "v:7:1"), ("👎", "v:7:-1")),)
    assert reply.markup is not None and reply.markup.inline_keyboard[0][0].callback_data == "f:7"


def test_a_long_report_is_one_answer_and_its_pages_show_every_finding_once() -> None:
    views = tuple(conflict(i, why="x" * 500 + " <&> " + str(i)) for i in range(1, 41))
    report = IngestReport(document=views[0].b.document, duplicate=False, figures=(), relations=views)
    [message] = replies.render_report(report)
    assert len(message.text) <= 4096 and "40 figures disagree" in message.text
    assert message.text.count("⚠️") == replies.MAX_FINDINGS and "37 more findings" in message.text
    assert ("Show all (40)", f"{replies.PAGE}:{report.document.id}:1") in message.buttons[-1]
    seen: list[str] = []
    for number in range(14):
        page = replies.findings_page(views, report.document.id, number)
        assert len(page.text) <= 4096 and "Telegram &lt;Zelensky&gt;" in page.text
        # every button under a page belongs to a conflict shown on it, or turns the page
        for row in page.buttons:
            label = row[0][0]
            if "#" in label:
                assert f"Conflict #{label.split('#')[1]}:" in page.text
        seen += re.findall(r"Conflict #(\d+):", page.text)
    assert sorted(map(int, seen)) == list(range(1, 41))
    last = replies.findings_page(views, report.document.id, 99)  # past the end: the last page
    assert "Findings 40–40 of 40" in last.text


def test_paragraph_over_the_limit_is_cut_without_breaking_markup() -> None:
    paragraph = "<b>" + "&amp;" * 2000 + "</b>"
    pieces = replies.split_text(paragraph + "\n\nnext paragraph")
    assert all(len(p) <= 4096 for p in pieces)
    for piece in pieces:
        assert not re.search(r"&[a-z]*$", piece)  # no entity cut in half
        assert piece.count("<b>") == piece.count("</b>")
    assert pieces[-1].endswith("next paragraph")


def test_update_and_agreement_wording() -> None:
    old = recorded(1, figure(40, "40 dead", "officials"))
    new = recorded(2, figure(137, "137 dead", "officials"), source="AP")
    update = RelationView(id=3, kind="update", a=old, b=new, why="later count")
    agree = RelationView(
        id=4, kind="corroboration", a=recorded(5, figure(137, "137", "x"), source="Reuters"), b=new, why=""
    )
    report = IngestReport(document=new.document, duplicate=False, figures=(new,), relations=(update, agree))
    [reply] = replies.render_report(report)
    assert "rose from <b>40</b> to <b>137</b>" in reply.text
    assert "agrees with 1 independent source (Reuters)" in reply.text
    assert "Nothing recorded disagrees" in reply.text
    # the update is rated like a conflict; the figures are followed from the last row
    assert reply.buttons[0] == (("👍", "v:3:1"), ("👎", "v:3:-1")) and reply.buttons[-1][0][1] == "fd:2"


def alert(row: int, view: RelationView, reason: Reason) -> PendingAlert:
    text = replies.render_alert(view, reason)
    at = datetime(2026, 3, 2, tzinfo=UTC)
    return PendingAlert(row, 1, view.id, "b", text, 0, at, kind=view.kind)


def test_alert_batch_is_one_message_with_a_count_and_each_alert_its_buttons() -> None:
    subscribed = Reason(words="pows")
    [message] = replies.alert_messages(
        [alert(11, conflict(1), subscribed), alert(12, conflict(2), subscribed)]
    )
    assert message.text.startswith("🔔 <b>2 new conflicts</b>")
    assert message.text.count("• new: “<b>207 guys</b>, said Zelensky”") == 2
    assert message.text.count("You subscribed to conflicts matching “pows”.") == 2
    assert message.buttons[:2] == (
        (("Mute this #1", "m:11"), ("Why did I get this? #1", "w:11")),
        (("👍 #1", "v:1:1"), ("👎 #1", "v:1:-1")),
    )
    assert message.buttons[2][0] == ("Mute this #2", "m:12")


def test_a_followed_story_is_named_in_plain_words() -> None:
    quake = Story(quantity="killed", counted="people (killed)", names=("velmora",), event="earthquake")
    assert replies.story_label(quake) == "deaths — earthquake in Velmora"
    swap = Story(quantity="released", counted="POWs handed over", sides=("ukraine",))
    assert replies.story_label(swap) == "people released (Ukraine)"
    old = recorded(1, figure(40, "40 dead", "officials"))
    new = recorded(2, figure(137, "137 dead", "officials"))
    update = RelationView(id=3, kind="update", a=old, b=new, why="")
    [message] = replies.alert_messages([alert(5, update, Reason(follow=quake))])
    assert message.text.startswith("🔔 <b>Update</b>") and "rose from <b>40</b> to <b>137</b>" in message.text
    assert "You follow deaths — earthquake in Velmora." in message.text


def test_pressed_button_gets_a_check_mark_and_the_other_vote_loses_it() -> None:
    rows = ((("🔔 Alert me", "f:1"), ("👍", "v:1:1"), ("👎 ✓", "v:1:-1")),)
    after = replies.pressed(rows, "v:1:1")
    assert after == ((("🔔 Alert me", "f:1"), ("👍 ✓", "v:1:1"), ("👎", "v:1:-1")),)


def test_agreeing_with_a_disputed_figure_shows_the_dispute_not_all_clear() -> None:
    new = recorded(2, figure(40, "40 dead", "officials"), source="AP")
    agree = RelationView(
        id=4,
        kind="corroboration",
        a=recorded(5, figure(40, "40", "officials"), source="Reuters"),
        b=new,
        why="",
    )
    report = IngestReport(
        document=new.document, duplicate=False, figures=(new,), relations=(agree,), disputed=(conflict(7),)
    )
    [reply] = replies.render_report(report)
    assert "What you sent agrees with a disputed figure:" in reply.text
    assert "⚠️ <b>Conflict:</b>" in reply.text
    assert "Nothing recorded disagrees" not in reply.text
    assert reply.buttons[0][0][1] == "f:7"  # follow the recorded conflict


def test_an_alert_is_rendered_in_the_recipients_language_heading_and_buttons_too() -> None:
    quake = Story(quantity="killed", counted="people (killed)", names=("velmora",), event="earthquake")
    old = recorded(1, figure(40, "40 dead", "officials"))
    new = recorded(2, figure(137, "137 dead", "officials"))
    update = RelationView(id=3, kind="update", a=old, b=new, why="")
    text = replies.render_alert(update, Reason(follow=quake), "uk")
    row = PendingAlert(5, 1, update.id, "b", text, 0, datetime(2026, 3, 2, tzinfo=UTC), kind="update")
    [message] = replies.alert_messages([row], language="uk")
    # The figures' own story (people released, of Ukraine) heads it; the follow it matched ends it.
    assert message.text.startswith(
        "🔔 <b>Оновлення</b>\n\n📈 <b>звільнені (Ukraine)</b> зросло з <b>40</b> до"
    )
    assert "• нове: «<b>137 dead</b>, said officials»" in message.text
    assert "• раніше: «<b>40 dead</b>, said officials»" in message.text
    assert "<i>Ви стежите за історією «загиблі — earthquake у Velmora».</i>" in message.text
    assert message.buttons == (
        (("Вимкнути", "m:5"), ("Чому мені це прийшло?", "w:5")),
        (("👍", "v:3:1"), ("👎", "v:3:-1")),
    )
    # Nothing of that language stays behind: the next rendering with none is English.
    assert replies.render_alert(update, Reason(words=""), None).endswith(
        "You subscribed to every new conflict.</i>"
    )
