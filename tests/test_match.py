"""Matching decisions on hand-built figures: conflict, update, corroboration, and the hard negatives."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.pipeline.match import Camp, alike, camp_of, compatible, decide, relate, same_claimant
from bot.pipeline.pairs import FEATURES
from bot.pipeline.types import DocumentRef, Event, Figure, RecordedFigure, Scope, What

DAY = datetime(2024, 1, 31, 15, 0, tzinfo=UTC)


def figure(value: float | None, **fields: object) -> Figure:
    low = fields.pop("low", value)
    high = fields.pop("high", value)
    base = Figure(
        value=value,
        low=low,  # type: ignore[arg-type]
        high=high,  # type: ignore[arg-type]
        unit=None,
        dimension=None,
        base_low=None,
        base_high=None,
        quantity="killed",
        counted="people (killed)",
        quote=f"{value} people were killed",
        sentence=f"{value} people were killed in the blast.",
        position=0,
        event=Event(names=("blast",)),
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def recorded(
    claim_id: int, fig: Figure, *, doc: int = 1, published: datetime = DAY, source: str = "Outlet"
) -> RecordedFigure:
    return RecordedFigure(
        id=claim_id, figure=fig, document=DocumentRef(id=doc, source=source, url=None, published=published)
    )


def first_and_revised(
    first: tuple[float, str], revised: tuple[float, str], *, day: datetime = datetime(2024, 5, 1, tzinfo=UTC)
) -> tuple[RecordedFigure, RecordedFigure]:
    """An "at least" toll, then a count in the next day's document: (value, claimant) each."""
    value, claimant = first
    early = recorded(1, figure(value, low=value, high=None, claimant=claimant), published=day)
    value, claimant = revised
    late = recorded(2, figure(value, claimant=claimant), doc=2, published=day + timedelta(days=1))
    return early, late


def test_two_claimants_in_one_article_conflict() -> None:
    a = recorded(
        1,
        figure(
            195, quantity="released", claimant="the Russian Defense Ministry", sides=("ukraine",), position=10
        ),
    )
    b = recorded(
        2, figure(207, quantity="released", claimant="Vladimir Zelensky", sides=("ukraine",), position=90)
    )
    decision = decide(a, b)
    assert decision is not None and decision[0] == "conflict"
    assert "195" in decision[1] and "207" in decision[1]


def test_other_side_of_an_exchange_is_another_quantity() -> None:
    russians = recorded(1, figure(195, quantity="released", claimant="the ministry", sides=("russia",)))
    ukrainians = recorded(
        2, figure(207, quantity="released", claimant="Zelensky", sides=("ukraine",), position=50)
    )
    assert decide(russians, ukrainians) is None


def test_killed_and_injured_never_pair() -> None:
    killed = recorded(1, figure(31, claimant="rights commission"))
    injured = recorded(2, figure(148, quantity="injured", claimant="the president", position=40))
    assert decide(killed, injured) is None


def test_hedged_figures_that_can_both_hold_corroborate() -> None:
    more_than = recorded(1, figure(150, low=150, high=None, qualifier="more_than", claimant="a"))
    exact = recorded(2, figure(180, claimant="b"), doc=2)
    assert compatible(more_than.figure, exact.figure)
    decision = decide(more_than, exact)
    assert decision is not None and decision[0] != "conflict"


def test_an_open_hedge_reaches_half_again_above_its_figure() -> None:
    # "More than 200" of 450 is a rival figure as a reader takes it; of 240 it can hold.
    more_than = figure(200, low=200, high=None, qualifier="more_than")
    assert not compatible(more_than, figure(450))
    assert compatible(more_than, figure(240))
    assert compatible(more_than, figure(290, low=285, high=295))


def test_rising_toll_from_one_authority_is_an_update() -> None:
    early = recorded(
        1, figure(25, claimant="the security service"), published=datetime(2024, 3, 22, 18, tzinfo=UTC)
    )
    later = recorded(
        2,
        figure(48, claimant="the interior ministry"),
        doc=2,
        published=datetime(2024, 3, 22, 21, tzinfo=UTC),
    )
    decision = decide(early, later)
    assert decision is not None and decision[0] == "update"


def test_a_ministry_in_a_group_run_territory_revising_its_toll_is_an_update() -> None:
    # "…-run " once read as the UN's "un ": an international body against a ministry, a conflict.
    first, revised = first_and_revised(
        (60, "the Health Ministry in the rebel-run province"), (52, "the provincial health ministry")
    )
    decision = decide(first, revised)
    assert decision is not None and decision[0] == "update"
    assert camp_of("UN officials") == camp_of("the U.N. agency") == Camp("international", None)
    assert camp_of("a senator") == camp_of("the whole panel") == Camp("other", None)
    assert camp_of("the Congo government") == Camp("authority", None)


@pytest.mark.parametrize(
    ("claimant", "kind"),
    [
        ("un porte-parole du ministère de la Santé", "authority"),  # French "un" is not the UN
        ("officials who asked not to be named", "authority"),  # the pronoun "who" is no acronym
        ("the IOM", "international"),
        ("el Gobierno de Corvalia", "authority"),
        ("die Polizei", "authority"),
        ("Міністерство охорони здоров'я", "authority"),
    ],
)
def test_a_camp_is_read_in_every_pack_language_and_acronyms_only_in_capitals(
    claimant: str, kind: str
) -> None:
    camp = camp_of(claimant)
    assert camp is not None and camp.kind == kind


def test_a_health_ministry_and_a_foreign_intelligence_agency_are_not_one_authority() -> None:
    ministry = recorded(
        1,
        figure(
            60, low=60, high=None, claimant="the Health Ministry", event=Event(names=("blast", "northvale"))
        ),
        published=datetime(2024, 5, 1, tzinfo=UTC),
    )
    agencies = recorded(
        2,
        figure(
            None,
            low=10,
            high=30,
            claimant="British intelligence agencies",
            event=Event(names=("blast", "northvale")),
        ),
        doc=2,
        published=datetime(2024, 5, 7, tzinfo=UTC),
    )
    decision = decide(ministry, agencies)
    assert decision is not None and decision[0] == "conflict"
    assert camp_of("the interior ministry") == Camp("authority", None, "security")


def test_an_update_within_one_text_reads_from_the_earlier_figure_to_the_later() -> None:
    now = recorded(1, figure(52, claimant="the ministry", position=10))
    before = recorded(2, figure(60, claimant="the ministry", tense="earlier", position=80))
    [relation] = relate([now, before], [])
    assert relation.kind == "update" and (relation.a, relation.b) == (2, 1)
    assert relation.why.index("60 people") < relation.why.index("52 people"), relation.why


def test_a_rights_body_against_the_government_is_a_conflict_even_a_day_later() -> None:
    president = recorded(
        1, figure(12, claimant="President Amani"), published=datetime(2024, 6, 30, tzinfo=UTC)
    )
    commission = recorded(
        2,
        figure(31, claimant="a human rights commission"),
        doc=2,
        published=datetime(2024, 7, 1, tzinfo=UTC),
    )
    decision = decide(president, commission)
    assert decision is not None and decision[0] == "conflict"


def test_a_lower_toll_from_another_body_of_the_state_is_a_rival_count_not_a_revision() -> None:
    # A running toll only grows: a later, lower figure from another voice disputes it, even from an
    # agency of the same state; unless the text says the count was lowered.
    first, lower = first_and_revised(
        (300, "the interior ministry"), (120, "the parliament's security committee")
    )
    first = replace(first, figure=replace(first.figure, low=300, high=300))
    decision = decide(first, lower)
    assert decision is not None and decision[0] == "conflict"
    lowered = replace(lower, figure=replace(lower.figure, event=replace(lower.figure.event, changed=True)))
    decision = decide(first, lowered)
    assert decision is not None and decision[0] == "update"


def test_one_body_named_with_two_places_is_one_voice() -> None:
    assert same_claimant(
        "the Health Ministry in the rebel-run province", "the provincial health ministry in Cerulia"
    )
    assert not same_claimant("the Russian Defence Ministry", "the Ukrainian Defence Ministry")


def test_another_year_is_another_quantity() -> None:
    now = recorded(1, figure(412345, quantity="trips", claimant="the transit authority"))
    then = recorded(
        2,
        figure(
            655000,
            quantity="trips",
            claimant="the press secretary",
            event=Event(names=("blast",), years=(2011,)),
        ),
        doc=2,
    )
    assert decide(now, then) is None


def test_a_part_never_conflicts_with_the_whole() -> None:
    whole = recorded(1, figure(11, quantity="arrested", claimant="police"))
    part = recorded(2, figure(4, quantity="arrested", claimant="court", subset=True, position=30))
    assert decide(whole, part) is None


def test_a_projection_is_not_a_count() -> None:
    count = recorded(1, figure(2400, claimant="the UN"))
    projection = recorded(
        2, figure(None, low=9000, high=10000, claimant="the mayor", tense="projection"), doc=2
    )
    assert decide(count, projection) is None


def test_two_figures_stated_to_one_precision_with_other_digits_cannot_both_hold() -> None:
    # "7.5" rounds 7.45–7.55 and "7.6" rounds 7.55–7.65: they meet at an end, and still disagree.
    low, high = figure(7.5, low=7.45, high=7.55), figure(7.6, low=7.55, high=7.65)
    assert not compatible(low, high)
    assert compatible(low, figure(7.53, low=7.525, high=7.535))
    assert compatible(figure(7.6, low=7.0, high=8.0, qualifier="about"), high)


def test_two_forecasts_of_one_thing_can_conflict() -> None:
    low = recorded(1, figure(4000, claimant="a scientific panel", tense="projection"))
    high = recorded(2, figure(60000, claimant="an environmental group", tense="projection"), doc=2)
    decision = decide(low, high)
    assert decision is not None and decision[0] == "conflict"


def test_an_earlier_figure_replaced_by_its_own_claimant_does_not_conflict() -> None:
    first, revised = first_and_revised(
        (400, "the Syrian health ministry"),
        (320, "the Syrian health ministry"),
        day=datetime(2023, 10, 17, tzinfo=UTC),
    )
    estimate = recorded(
        3,
        figure(None, low=50, high=150, claimant="French intelligence services"),
        doc=3,
        published=datetime(2023, 10, 24, tzinfo=UTC),
    )
    relations = relate([estimate], [first, revised])
    kinds = {(r.a, r.b): r.kind for r in relations}
    assert kinds.get((2, 3)) == "conflict"
    assert (1, 3) not in kinds
    assert relate([revised], [first])[0].kind == "update"


def test_units_are_compared_in_base_units() -> None:
    feet = figure(
        2000,
        low=1800,
        high=2200,
        unit="ft",
        dimension="length",
        base_low=548.6,
        base_high=670.6,
        quantity="length:distance",
        claimant="coast guard",
    )
    metres = figure(
        600,
        low=540,
        high=660,
        unit="m",
        dimension="length",
        base_low=540,
        base_high=660,
        quantity="length:distance",
        claimant="courier",
    )
    assert compatible(feet, metres)
    decision = decide(recorded(1, feet), recorded(2, metres, doc=2))
    assert decision is not None and decision[0] == "corroboration"


def test_a_national_figure_and_a_city_figure_are_different_quantities() -> None:
    national = recorded(
        1, figure(950000, quantity="participants", scope=Scope(wide=("italy",)), claimant="ministry")
    )
    city = recorded(
        2,
        figure(62000, quantity="participants", scope=Scope(places=("rome",)), claimant="police", position=50),
    )
    assert decide(national, city) is None


def test_moment_on_another_day_is_another_quantity() -> None:
    swap = recorded(
        1,
        figure(
            195,
            quantity="released",
            claimant="ministry",
            event=Event(day=date(2024, 1, 31)),
            moment=date(2024, 1, 31),
        ),
    )
    other = recorded(
        2, figure(230, quantity="released", claimant="ombudsman", event=Event(day=date(2024, 1, 3))), doc=2
    )
    assert decide(swap, other) is None


def test_a_nights_count_of_a_moving_tally_belongs_to_its_night() -> None:
    def night(claim_id: int, value: int, day: str) -> RecordedFigure:
        fig = figure(
            value,
            quantity="arrested",
            claimant="the ministry",
            scope=Scope(periods=("night",)),
            event=Event(day=date.fromisoformat(day)),
        )
        return recorded(
            claim_id, fig, doc=claim_id, published=datetime.fromisoformat(f"{day}T09:00:00+00:00")
        )

    assert decide(night(1, 900, "2024-06-30"), night(2, 120, "2024-07-02")) is None
    # Without a period, the ministry's running tally moving on is an update.
    first = recorded(
        1, figure(900, quantity="arrested", claimant="the ministry", event=Event(day=date(2024, 6, 30)))
    )
    later = recorded(
        2,
        figure(1500, quantity="arrested", claimant="the ministry", event=Event(day=date(2024, 7, 2))),
        doc=2,
        published=datetime(2024, 7, 2, tzinfo=UTC),
    )
    decision = decide(first, later)
    assert decision is not None and decision[0] == "update"


def test_figures_no_class_knows_are_compared_by_what_they_measure() -> None:
    """No list decides what may conflict: two agencies' magnitudes of one quake are a dispute, a
    magnitude and a count of rescued people in the same story are nothing to each other."""

    def said(value: float, claimant: str, sentence: str, what: What, doc: int) -> RecordedFigure:
        quote = sentence.split(",")[0]
        return recorded(
            doc,
            figure(
                value,
                quantity="other",
                counted=what.head,
                claimant=claimant,
                what=what,
                quote=quote,
                sentence=sentence,
                event=Event(names=("valdoria",)),
            ),
            doc=doc,
        )

    magnitude = What(head="magnitude", predicate="measure")
    institute = said(
        6.9,
        "the Tarnmouth Seismological Institute",
        "The Tarnmouth Seismological Institute measured the Valdoria quake at magnitude 6.9.",
        magnitude,
        1,
    )
    agency = said(
        6.4,
        "the national seismic agency",
        "The national seismic agency measured the Valdoria quake at magnitude 6.4.",
        magnitude,
        2,
    )
    decision = decide(institute, agency)
    assert decision is not None and decision[0] == "conflict"
    rescued = said(
        75,
        "rescuers",
        "Rescuers in Valdoria pulled 75 people alive from the rubble.",
        What(head="people", predicate="pull"),
        3,
    )
    assert decide(institute, rescued) is None


def test_two_voices_a_sentence_apart_answer_each_other_whatever_words_they_use() -> None:
    """ "Organisers said 50,000 marched. Police put the turnout at 9,000": no shared class, noun or verb,
    but two voices a sentence apart; the same two figures far apart in the text are not compared."""
    organisers = figure(
        50000,
        quantity="participants",
        counted="people (participants)",
        claimant="Organisers",
        what=What(head="people", predicate="march"),
        position=0,
    )
    police = figure(
        9000, quantity="other", counted="turnout", claimant="Police", what=What(head="turnout"), position=80
    )

    def comparable(a: Figure, b: Figure) -> bool:
        return alike(recorded(1, a), recorded(2, b), [0.0] * len(FEATURES))

    assert comparable(organisers, police)
    assert not comparable(organisers, replace(police, position=5000))
    assert not comparable(organisers, replace(police, claimant="Organisers"))
    assert not comparable(organisers, replace(police, quantity="arrested"))
