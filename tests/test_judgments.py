"""The pair decision on texts of our own making, one class of judgement a test, through the real service
(parse, frames, shipped pair model, SQLite): who disputes whom, what is one quantity, what is another event.

No text here comes from an evaluation case; places and bodies are invented (Valdoria, Corvale, Tarnmouth).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.pipeline.extract import Extractor
from bot.pipeline.service import Crosscheck
from bot.pipeline.types import IngestReport, RelationView, SourceInfo
from storage.db import create_schema, make_engine

DAY = datetime(2024, 5, 5, 18, 0, tzinfo=UTC)


@pytest.fixture
def crosscheck(tmp_path: Path, extractor: Extractor) -> Crosscheck:
    engine = make_engine(f"sqlite:///{tmp_path / 'judgments.db'}")
    create_schema(engine)
    return Crosscheck(engine, Settings(), extractor=extractor)


def ingest(crosscheck: Crosscheck, text: str, source: str, published: datetime = DAY) -> IngestReport:
    return crosscheck.ingest_text(text, SourceInfo(source=source, published=published, lang="en"))


def kinds(views: tuple[RelationView, ...] | list[RelationView]) -> list[str]:
    return sorted(v.kind for v in views)


def pair(view: RelationView) -> set[float | None]:
    return {view.a.figure.value, view.b.figure.value}


def test_police_against_organisers_in_one_sentence_is_a_conflict(crosscheck: Crosscheck) -> None:
    report = ingest(
        crosscheck,
        "Police said 1,300 people attended the rally in Corvale on Sunday, organisers said 6,500.",
        "Corvale Courier",
    )
    [conflict] = [v for v in report.relations if v.kind == "conflict"]
    assert pair(conflict) == {1300, 6500}
    assert {conflict.a.figure.claimant, conflict.b.figure.claimant} == {"Police", "organisers"}


def test_a_contrasted_figure_that_names_nothing_counts_what_the_one_before_counts(
    crosscheck: Crosscheck,
) -> None:
    report = ingest(
        crosscheck,
        "The march through Tarnmouth drew 35,000 people, organisers said, while police counted 9,000.",
        "Tarnmouth Post",
    )
    elided = next(f for f in report.figures if f.figure.value == 9000)
    assert elided.figure.claimant == "police"
    assert elided.figure.what.head == "people"
    # Whether the two then conflict is the pair model's call: the shipped model, fit on the seeds, puts this
    # pair just under its threshold (README, "what misses").
    assert all(v.kind == "conflict" for v in report.relations if pair(v) == {35000, 9000})


def test_claimants_in_an_apposition_a_passive_and_an_estimate_by(crosscheck: Crosscheck) -> None:
    report = ingest(
        crosscheck,
        "Skyline Metrics, a company that counts crowds from the air, estimated that 47,000 people took part "
        "in the Valdoria march.\n\n"
        "The toll in the Valdoria floods was put at 125 by the regional health department.\n\n"
        "According to estimates by the Riverside Institute, 82,000 people marched in Valdoria.",
        "Valdoria Herald",
    )
    claimants = {f.figure.value: f.figure.claimant for f in report.figures}
    assert claimants == {
        47000: "Skyline Metrics",
        125: "regional health department",
        82000: "Riverside Institute",
    }


def test_killed_and_wounded_in_one_sentence_are_two_quantities(crosscheck: Crosscheck) -> None:
    ingest(
        crosscheck,
        "About 420 people were killed and about 310 were wounded in the Valdoria earthquake, "
        "the ministry said.",
        "Valdoria Herald",
    )
    report = ingest(
        crosscheck,
        "The Red Crescent said 430 people were killed in the Valdoria earthquake.",
        "Gulf Wire",
    )
    assert report.relations, "the two death tolls are one quantity"
    assert [pair(v) for v in report.relations] == [{420, 430}]  # and the wounded are another


def test_two_candidates_shares_are_no_relation(crosscheck: Crosscheck) -> None:
    report = ingest(
        crosscheck,
        "Anna Petrova won 54.1% of the vote in the Valdorian presidential election, the electoral commission "
        "said, while Marek Dvorak received 38.2%.",
        "Valdoria Herald",
    )
    assert [v for v in report.relations if v.kind == "conflict"] == []


def test_two_agencies_magnitudes_of_one_quake_are_compared(crosscheck: Crosscheck) -> None:
    ingest(
        crosscheck,
        "The Tarnmouth Seismological Institute measured the Corvale earthquake at magnitude 7.1.",
        "Quake Desk",
    )
    report = ingest(
        crosscheck,
        "Corvale's national seismic institute put the magnitude of the Corvale earthquake at 6.6.",
        "Corvale Courier",
    )
    assert [pair(v) for v in report.relations if v.kind == "conflict"] == [{7.1, 6.6}]


def test_two_events_tolls_are_no_relation(crosscheck: Crosscheck) -> None:
    ingest(crosscheck, "Officials said 86 soldiers were killed in the battle for Tarnmouth.", "Front Wire")
    report = ingest(
        crosscheck,
        "The earthquake in Valdoria killed 2,450 people, the Valdorian interior ministry said.",
        "Quake Desk",
    )
    assert report.relations == ()


def test_a_floods_toll_and_a_quakes_that_share_a_relief_agency_are_no_relation(
    crosscheck: Crosscheck,
) -> None:
    # One relief body's words in both sentences, no shared place: still two events, by what happened.
    ingest(
        crosscheck,
        "Red Lantern Relief said 210 people were killed in the earthquake in Velmora on 3 March 2026.",
        "Quake Desk",
    )
    report = ingest(
        crosscheck,
        "Officials in Stade said 40 people were killed in the flood on 9 April 2026, while the Red Cross "
        "said 51 people had been killed in the flood in Stade.",
        "Flood Desk",
        published=DAY + timedelta(days=1),
    )
    assert all(210 not in pair(v) for v in report.relations), report.relations


def test_two_towns_officials_tolls_are_two_quantities_a_rival_count_of_one_town_a_conflict(
    crosscheck: Crosscheck,
) -> None:
    report = ingest(
        crosscheck,
        "Officials in Brask said 6 people were killed in the flood on 9 April 2026.\n\n"
        "Officials in Kelby said 22 people were killed in the flood on 9 April 2026, while the Red Cross "
        "said 30 people were killed in the flood in Kelby.",
        "Flood Desk",
        published=datetime(2026, 4, 10, 9, 0, tzinfo=UTC),
    )
    # Not "the same authority moved from 6 to 22": the officials of two towns.
    assert [(v.kind, pair(v)) for v in report.relations if v.kind != "corroboration"] == [
        ("conflict", {22, 30})
    ]


def test_what_happened_is_read_in_every_packs_language() -> None:
    from bot.pipeline.events import event_kinds, first_event_word, other_events

    assert other_events("40 were killed in the flood", "210 died in the earthquake")
    assert not other_events("the storm's floods killed 12", "12 died in the storm")  # one kind: weather
    assert not other_events("a march against the war drew 5,000", "the march drew 3,000")  # war: a setting
    assert not other_events("5,000 marched on 1 March", "the rally drew 3,000")  # a month is no march
    assert first_event_word("On 1 March the blaze killed 4") == "blaze"
    assert event_kinds("Землетрясение унесло жизни 40 человек") == {"quake"}
    assert event_kinds("Під час повені загинули 12 людей") == {"weather"}
    assert event_kinds("Beim Erdbebenunglück starben 30 Menschen") >= {"quake"}
    assert event_kinds("La manifestation a réuni 3 000 personnes") == {"protest"}
    assert event_kinds("El incendio dejó 7 muertos") == {"fire"}
    assert event_kinds("Officials said 40 people were hurt") == frozenset()


def test_two_rounds_or_two_quakes_of_one_story_are_two_events() -> None:
    from bot.pipeline.events import event_ordinals, other_events

    assert other_events("Dvorak won 41.6% in the first round", "Dvorak won 52.3% in the second round")
    assert other_events("The second major quake was measured at 6.2", "the first quake measured 7.1")
    assert not other_events("the first round gave Dvorak 41.6%", "in the first round Dvorak had 40.9%")
    assert not other_events("Dvorak won 41.6% in the first round", "Dvorak won 41.6%")  # says nothing
    assert event_ordinals("В первом туре Дворак набрал 41,6%") == {1}
    assert event_ordinals("у другому турі Дворак отримав 52%") == {2}
    assert event_ordinals("Im zweiten Wahlgang erhielt Dvorak 52 Prozent") == {2}
    assert event_ordinals("au second tour, Dvorak a obtenu 52 %") == {2}
    assert event_ordinals("en la segunda vuelta Dvorak obtuvo el 52 %") == {2}
    assert event_ordinals("во вторник землетрясение унесло 40 жизней") == frozenset()  # a weekday
    assert event_ordinals("Dvorak finished second with 20%") == frozenset()  # no event named


def test_the_magnitudes_of_a_first_and_a_second_quake_are_not_a_dispute(crosscheck: Crosscheck) -> None:
    report = ingest(
        crosscheck,
        "Valdoria's seismic institute put the magnitude of the first quake at 6.8. The second major "
        "quake, centred near Stade, was measured at 6.1 by the institute. The Corvale Geological Survey "
        "measured the first quake at 7.0.",
        "Quake Desk",
    )
    assert [pair(v) for v in report.relations if v.kind == "conflict"] == [{6.8, 7.0}]


def test_an_earlier_cue_of_another_clause_is_that_figures(extractor: Extractor) -> None:
    from bot.pipeline.types import Document

    [current, first] = extractor.extract(
        Document(
            "Valdoria's seismic institute has put the magnitude of the quake at 6.8, after initially "
            "reporting it as 6.4.",
            source="Quake Desk",
            published=DAY,
        )
    )
    assert (current.value, current.tense) == (6.8, "current")
    assert (first.value, first.tense) == (6.4, "earlier")


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # A start ("since July 2016") or a point of comparison is not the figure's year.
        ("Police have detained more than 1,850 people since March 2022, the agency said.", ()),
        ("Dvorak won by 18,412 votes, the narrowest margin since the republic was founded in 1993.", ()),
        # A season or a span of years is each of its years.
        ("Fires burned 2.3 million hectares of Velmora during the 2021-22 season.", (2021, 2022)),
        # A comparison's own figure keeps its year.
        ("Ferry trips reached 48,200, compared with 31,500 in 2021.", ()),
    ],
)
def test_the_years_a_figure_is_of(text: str, years: tuple[int, ...], extractor: Extractor) -> None:
    from bot.pipeline.types import Document

    figures = extractor.extract(Document(text, source="Desk", published=DAY))
    assert figures[0].event.years == years
    if "compared with" in text:
        assert figures[-1].event.years == (2021,)


def test_a_later_clauses_year_is_not_the_figures_in_a_language_without_a_parse(extractor: Extractor) -> None:
    from bot.pipeline.types import Document

    [height] = [
        f
        for f in extractor.extract(
            Document(
                "Valdoria nannte 6812 Meter, einen Wert aus einer Vermessung von 1954.",
                source="Desk",
                published=DAY,
                lang="de",
            )
        )
        if f.value == 6812
    ]
    assert height.event.years == ()


def test_a_toll_that_rises_day_by_day_is_an_update(crosscheck: Crosscheck) -> None:
    ingest(
        crosscheck,
        "The Valdoria flood has killed 37 people, the civil defence agency said.",
        "Valdoria Herald",
    )
    report = ingest(
        crosscheck,
        "The death toll from the Valdoria flood rose to 118, the civil defence agency said.",
        "Valdoria Herald",
        published=DAY + timedelta(days=2),
    )
    assert [(v.kind, pair(v)) for v in report.relations] == [("update", {37, 118})]


def test_a_lower_toll_from_a_rights_group_disputes_the_state(crosscheck: Crosscheck) -> None:
    ingest(
        crosscheck,
        "The Valdorian interior ministry said 23 people died in the protests in Valdoria.",
        "Valdoria Herald",
    )
    report = ingest(
        crosscheck,
        "The Valdorian human rights commission said 47 people were killed in the protests in Valdoria.",
        "Gulf Wire",
    )
    assert [(v.kind, pair(v)) for v in report.relations] == [("conflict", {23, 47})]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("A count by the Valdoria Observatory found 235 people were killed.", "Valdoria Observatory"),
        ("Figures from the regional health office show 75 people died.", "regional health office"),
        ("A report by the Corvale Rights League said 410 people were killed.", "Corvale Rights League"),
        ("“We counted 900 bodies,” said Anna Petrova, a local doctor.", "Anna Petrova"),
        ("The death toll stands at 68, per the Corvale health ministry.", "Corvale health ministry"),
        ("The ministry's tally showed 73 deaths.", "ministry"),
        (
            "The Valdoria Observatory, which monitors the war, put the death toll at 235.",
            "Valdoria Observatory",
        ),
        ("Corvale Rights Watch has documented 58 deaths in the crackdown.", "Corvale Rights Watch"),
        ("Based on data from the Corvale Observatory, at least 310 civilians died.", "Corvale Observatory"),
        ("The figure given by the ministry was 1,250.", "ministry"),
        ("The United Nations has verified 1,450 civilian deaths.", "United Nations"),
        (
            "The mayor's tally was disputed by Corvale Rights League, which said 640 people had died.",
            "Corvale Rights League",
        ),
        ("The Tarnmouth Oil Company stood by its estimate of 4,500 barrels a day.", "Tarnmouth Oil Company"),
        ("Economists at the Valdoria bank estimated 9.4%.", "Economists at the Valdoria bank"),
        (
            "At least 640 people have been detained, according to the rights group Corvale Watch; the "
            "ministry put the number at 410.",
            "rights group Corvale Watch",
        ),
        ("Medics told reporters they had counted 52 bodies.", "Medics"),
        ("The organisers' estimate was far above the police count of 6,000.", "police"),
        (
            "Skyline Survey & Mapping Ltd, a firm that flies drones fitted with cameras to count crowds, "
            "estimated that 61,250 people attended.",
            "Skyline Survey & Mapping Ltd",
        ),
        (
            "Ilse Marten, a hydrologist at Corvale University, studied the footage. Her calculation puts "
            "the flow at about 9,000 barrels a day.",
            "Ilse Marten",
        ),
    ],
)
def test_who_gives_a_figure_is_read_from_the_sentence(text: str, claimant: str, extractor: Extractor) -> None:
    from bot.pipeline.types import Document

    [figure, *_] = extractor.extract(Document(text=text, source="Outlet", published=DAY))
    assert figure.claimant == claimant


def test_whose_figure_a_possessive_or_official_says(extractor: Extractor) -> None:
    from bot.pipeline.types import Document

    text = (
        "The commission's figure of 52 deaths is double the government's 27.\n\n"
        "Monitors from the Civic Watch group reported turnout of 48%, far below the official 61%."
    )
    claimants = {f.value: f.claimant for f in extractor.extract(Document(text=text, source="Outlet"))}
    assert claimants == {
        52: "commission",
        27: "government",
        48: "Monitors from the Civic Watch group",
        61: "officials",
    }


def test_an_expected_crowd_is_a_projection_not_a_rival_count(crosscheck: Crosscheck) -> None:
    ingest(
        crosscheck,
        "Organisers said they expect about 210,000 people at the Corvale march.",
        "Corvale Courier",
    )
    report = ingest(crosscheck, "Police said 42,000 people joined the Corvale march.", "Tarnmouth Post")
    assert [v for v in report.relations if v.kind == "conflict"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The official death toll stands at 68.",  # a toll is no voice
        "The quake was measured at magnitude 6.9.",  # what was measured is no voice
        "The old Tarnmouth lighthouse recorded a gust of 140 km/h.",  # a thing or a place is no voice
        "The tremor measured 6.8 on the Corvale scale.",  # a singular in -or is a thing as often
    ],
)
def test_what_is_measured_is_never_its_own_claimant(text: str, extractor: Extractor) -> None:
    from bot.pipeline.types import Document

    [figure] = extractor.extract(Document(text=text, source="Outlet", published=DAY))
    assert figure.claimant in (None, "officials")


def test_an_acronym_and_the_full_name_are_one_voice_revising_its_toll(crosscheck: Crosscheck) -> None:
    ingest(
        crosscheck,
        "The Valdoria Flood Relief Agency said the floods had killed 310 people.",
        "Corvale Courier",
        published=DAY,
    )
    report = ingest(
        crosscheck,
        "The death toll from the Valdoria floods has risen to 470, the VFRA said.",
        "Tarnmouth Post",
        published=DAY + timedelta(days=4),
    )
    assert [(v.kind, pair(v)) for v in report.relations] == [("update", {310, 470})]


def test_crowds_told_in_texts_weeks_apart_are_two_days_not_a_dispute(crosscheck: Crosscheck) -> None:
    ingest(crosscheck, "Police said about 40,000 people attended the Corvale protest.", "Corvale Courier")
    report = ingest(
        crosscheck,
        "Organisers said 95,000 people attended the Corvale protest.",
        "Tarnmouth Post",
        published=DAY + timedelta(weeks=5),
    )
    assert [f.figure.value for f in report.figures] == [95000]
    assert [v for v in report.relations if v.kind == "conflict"] == []


def test_a_channel_post_is_linked_to_its_story_by_its_hashtag(crosscheck: Crosscheck) -> None:
    ingest(
        crosscheck,
        "Organisers said 90,000 people joined the Corvale Freedom March on Saturday, while police put the "
        "crowd at 22,000.",
        "Corvale Courier",
    )
    post = "Police: 22,000 people at the #CorvaleFreedomMarch right now."
    report = ingest(crosscheck, post, "@corvale_live")
    # The post names nothing but in its hashtag: without it, no recorded text would be looked at.
    assert report.relations and all(pair(v) & {22000, 90000} for v in report.relations)


def test_two_states_authorities_do_not_revise_each_other(crosscheck: Crosscheck) -> None:
    ingest(
        crosscheck,
        "The French government said 480 people were killed in the blast at the Corvale depot.",
        "Corvale Courier",
    )
    report = ingest(
        crosscheck,
        "Canadian officials estimated that between 100 and 250 people were killed in the blast "
        "at the Corvale depot.",
        "Tarnmouth Post",
        published=DAY + timedelta(days=2),
    )
    assert [v.kind for v in report.relations if 480 in pair(v)] == ["conflict"]


def test_a_ukrainian_post_and_an_english_article_on_one_event_are_compared(crosscheck: Crosscheck) -> None:
    # The two texts share no name as written (Cyrillic and Latin): only the names' sound keys link them.
    crosscheck.ingest_text(
        "Valdoria's defence ministry said 140 soldiers were released in the exchange with Corvale.",
        SourceInfo(source="Tarnmouth Herald", published=DAY, lang="en"),
    )
    report = crosscheck.ingest_text(
        "Міністерство оборони Вальдорії повідомило, що під час обміну з Корвале звільнено "
        "140 військовослужбовців.",
        SourceInfo(source="Канал Вальдорія", published=DAY + timedelta(hours=1), lang="uk"),
    )
    assert report.figures and report.figures[0].figure.value == 140
    assert [pair(view) for view in report.relations] == [{140}]
