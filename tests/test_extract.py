"""Extraction on the seed article and on sentences that test one rule each."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from conftest import SEEDS

from bot.pipeline.clean import clean_pasted, to_document
from bot.pipeline.extract import Extractor, lookup_terms, sentence_moment
from bot.pipeline.scripts import sound_key
from bot.pipeline.types import Document, Event, Figure, Scope, SourceInfo
from bot.pipeline.window import read_window

SEED = SEEDS / "rt-pow-exchange-2024-01-31.txt"
EXPECTED = json.loads((SEEDS / "rt-pow-exchange-2024-01-31.expected.json").read_text(encoding="utf-8"))
PUBLISHED = datetime(2024, 1, 31, 15, 28, tzinfo=UTC)


@pytest.fixture(scope="module")
def seed_figures(extractor: Extractor) -> list[Figure]:
    info = SourceInfo(source="RT", published=PUBLISHED, lang="en")
    return extractor.extract(to_document(clean_pasted(SEED.read_text(encoding="utf-8")), info))


def figures_of(extractor: Extractor, text: str, published: datetime = PUBLISHED) -> list[Figure]:
    return extractor.extract(Document(text=text, source="test", published=published))


def find(figures: list[Figure], quote: str) -> Figure:
    found = [f for f in figures if quote in f.quote or quote in f.sentence]
    assert found, f"no figure for {quote!r} in {[f.quote for f in figures]}"
    return found[0]


@pytest.mark.parametrize("expected", EXPECTED["figures"], ids=lambda e: e["quote"])
def test_seed_figures_have_their_frames(seed_figures: list[Figure], expected: dict[str, object]) -> None:
    figure = find(seed_figures, str(expected["quote"]))
    assert figure.value == expected["value"]
    assert figure.quantity == expected["quantity"]
    if "sides" in expected:
        assert list(figure.sides) == expected["sides"]
    if "claimant" in expected:
        assert figure.claimant is not None and str(expected["claimant"]) in figure.claimant


def test_seed_dates_times_and_models_are_not_figures(seed_figures: list[Figure]) -> None:
    values = {f.value for f in seed_figures}
    assert values <= {195, 207, 65}
    assert all("Il-76" not in f.quote for f in seed_figures)


def test_hedges_give_intervals(extractor: Extractor) -> None:
    [about] = figures_of(
        extractor, "About 2.4 million people took to the streets across Italy, the ministry said."
    )
    assert about.value == 2_400_000 and about.low is not None and about.low < 2_400_000 < (about.high or 0)
    assert about.quantity == "participants" and about.scope == Scope(wide=("italy",))
    [more] = figures_of(extractor, "More than 4,000 people remain missing, the agency said.")
    assert more.low == 4000 and more.high is None and more.quantity == "missing"
    [between] = figures_of(extractor, "Officials estimate that between 100 and 300 people were killed.")
    assert (between.value, between.low, between.high) == (None, 100, 300) and between.quantity == "killed"


def test_claimants_from_speech_according_to_possessive_and_agent(extractor: Extractor) -> None:
    said = find(figures_of(extractor, "The health ministry said 312 people were killed in the blast."), "312")
    assert said.claimant == "health ministry"
    according = find(figures_of(extractor, "According to the aid agency, 40 people died."), "40")
    assert according.claimant == "aid agency"
    text = "The study found 2,210 deaths, far above the government's count of 88."
    possessive = find(figures_of(extractor, text), "count of 88")
    assert possessive.claimant == "government"
    agent = find(
        figures_of(extractor, "The estimate is below the 312 deaths reported by the ministry."), "312"
    )
    assert agent.claimant == "ministry"


def test_a_pronoun_claimant_is_the_person_named_before(extractor: Extractor) -> None:
    text = "President Jane Doe confirmed the exchange.\n\n“Our boys are home. 143 guys,” she wrote."
    figure = find(figures_of(extractor, text), "143")
    assert figure.claimant is not None and "Jane Doe" in figure.claimant
    assert figure.quantity == "released"


def test_killed_injured_missing_arrested_are_told_apart(extractor: Extractor) -> None:
    text = (
        "Twenty-eight people have been killed and 214 injured, the commission said. "
        "It recorded 17 cases of enforced disappearance and 530 arrests of protesters."
    )
    figures = figures_of(extractor, text)
    assert [f.quantity for f in figures] == ["killed", "injured", "missing", "arrested"]
    assert figures[0].value == 28


def test_a_participle_after_a_number_says_what_happened_to_those_counted(extractor: Extractor) -> None:
    # An adjective or participle used as a noun ("420 dead", "1,300 injured") tells its own figure what
    # it counts, whatever verb the clause hangs on ("left", "put … with").
    text = (
        "The storm left 420 dead and 1,300 injured across the coast, the agency said. "
        "Officials put the number of fighters killed at about 6,000, with 9,000 to 11,000 wounded. "
        "Rents were 45% higher than a year before."
    )
    figures = figures_of(extractor, text)
    assert find(figures, "45%").what.head == "rent"  # a comparative compares; it does not say what is counted
    assert [(f.value, f.quantity) for f in figures[:3]] == [
        (420, "killed"),
        (1300, "injured"),
        (6000, "killed"),
    ]
    assert (figures[3].low, figures[3].high, figures[3].quantity) == (9000, 11000, "injured")


def test_parts_projections_and_earlier_figures_are_marked(extractor: Extractor) -> None:
    text = (
        "The mayor said the toll could reach 7,500. "
        "Police said 14 people had been detained, including three suspects. "
        "The ministry had initially said that at least 350 people died."
    )
    figures = figures_of(extractor, text)
    assert find(figures, "7,500").tense == "projection"
    assert find(figures, "three").subset
    assert find(figures, "350").tense == "earlier"


def test_a_modal_of_the_past_or_of_a_state_is_an_estimate_not_a_forecast(extractor: Extractor) -> None:
    text = (
        "Up to 900 migrants may have drowned off the coast, the agency said. "
        "The governor said the damage could be as high as $8 billion. "
        "Doctors warned that up to 2,000 patients could eventually die."
    )
    figures = figures_of(extractor, text)
    assert find(figures, "900").tense == "current"
    assert find(figures, "8 billion").tense == "current"
    assert find(figures, "2,000").tense == "projection"


def test_the_value_after_from_is_the_earlier_one_and_a_past_record_another_moment(
    extractor: Extractor,
) -> None:
    change = figures_of(extractor, "Prices fell from $5 to $3. Aid came from 12 countries.")
    assert [(f.value, f.tense) for f in change] == [(5, "earlier"), (3, "current"), (12, "current")]
    record = figures_of(
        extractor, "About 2.1 million people marched, beating an earlier peak of 1.9 million."
    )
    assert [(f.value, f.scope) for f in record] == [
        (2_100_000, Scope()),
        (1_900_000, Scope(periods=("record",))),
    ]


def test_elsewhere_is_where_the_figure_is_not_where_the_event_was(extractor: Extractor) -> None:
    text = (
        "The toll from the fire at the depot outside the town has risen to 57, officials said. "
        "Another 40 people died elsewhere in the region. The toll, excluding the capital, reached 300."
    )
    assert [f.scope for f in figures_of(extractor, text)] == [
        Scope(),
        Scope(elsewhere=True),
        Scope(elsewhere=True),
    ]


def test_a_month_or_a_weekday_is_no_place(extractor: Extractor) -> None:
    [figure] = figures_of(extractor, "In May, 300 people marched in Northvale on Monday.")
    assert figure.scope == Scope(places=("northvale",))


def test_a_sentence_with_two_figures_gives_each_its_own_part(extractor: Extractor) -> None:
    text = "A total of 195 soldiers returned home, the ministry said, while 195 prisoners were handed over."
    first, second = figures_of(extractor, text)
    assert "handed over" not in first.sentence and "handed over" in second.sentence
    assert "A total of 195 soldiers" in first.sentence and "A total of" not in second.sentence


def test_years_ordinals_and_ratios_are_not_counts(extractor: Extractor) -> None:
    text = "In 2013, the third report said deaths were 70 times the count of the 2009 storm."
    assert figures_of(extractor, text) == []


def test_a_bare_noun_claimant_is_the_one_named_before(extractor: Extractor) -> None:
    text = (
        "The regional health ministry in Northvale said 40 people were killed.\n\n"
        "Rescuers kept digging. The ministry later said 52 people had died."
    )
    assert [f.claimant for f in figures_of(extractor, text)] == ["regional health ministry in Northvale"] * 2
    [alone] = figures_of(extractor, "The ministry said 40 people were killed.")
    assert alone.claimant == "ministry"


def test_the_statement_is_of_the_last_body_that_spoke_not_the_last_one_named(extractor: Extractor) -> None:
    text = (
        "The Northvale Interior Ministry has announced an exchange, with the Southland Trade Council acting "
        "as mediator.\n\nAccording to the ministry, 40 soldiers returned home. In turn, the other side "
        "released 40 captives, the statement said."
    )
    claimants = [f.claimant for f in figures_of(extractor, text)]
    assert claimants == ["Northvale Interior Ministry", "Northvale Interior Ministry"]


def test_claimants_read_by_window_end_before_the_verb_and_after_a_time_stamp(extractor: Extractor) -> None:
    [german] = extractor.extract(
        Document(text="Nach Angaben der Polizei wurden 12 Menschen festgenommen.", source="t", lang="de")
    )
    assert german.claimant == "der Polizei"
    [french] = extractor.extract(
        Document(text="21h15 — Le syndicat annonce plus de 3000 manifestants.", source="t", lang="fr")
    )
    assert french.claimant == "Le syndicat"


def test_words_after_the_next_figure_belong_to_it_when_read_by_window(extractor: Extractor) -> None:
    text = "Погибли 12 человек, ещё 30 ранены."
    figures = extractor.extract(Document(text=text, source="t", lang="ru"))
    assert [(f.value, f.quantity) for f in figures] == [(12, "killed"), (30, "injured")]


def test_numbers_of_names_are_not_counts_but_counts_after_names_are(extractor: Extractor) -> None:
    text = (
        "A Boeing 737 carrying 132 people crashed, officials said. The iPhone 15 sold 12 million units. "
        "SpaceX launched a Falcon 9 rocket with 22 satellites. In Northvale 2,000 people were displaced."
    )
    assert [f.value for f in figures_of(extractor, text)] == [132, 12_000_000, 22, 2000]


def test_another_year_and_named_days_are_tagged(extractor: Extractor) -> None:
    [figure] = figures_of(extractor, "The subway recorded 655,000 trips on Election Day 2011.")
    assert figure.event.years == (2011,) and figure.event.named_days == ("election day",)
    assert figure.quantity == "trips"


@pytest.mark.parametrize(
    ("sentence", "figure", "head", "predicate"),
    [
        # a possessive pronoun is a function word: the counted noun is the word after it
        ("Мэр сообщил: 85 наших волонтёров прибыли утром.", "85", "волонтёров", "прибыли"),
        ("До міста прибули 95 наших волонтерів, вони вже працюють.", "95", "волонтерів", ""),
        # a preposition and an article are not what is counted
        ("Le syndicat a compté 42 000 dans la rue ce mardi.", "42 000", "rue", "mardi"),
        # an elided article is not part of the noun; the clause ends at the comma
        ("Un séisme de 5,9 sur l'échelle de Richter, selon l'institut.", "5,9", "échelle", "richter"),
        ("Unas 15.000 personas, según la Guardia Urbana.", "15.000", "personas", ""),
        # nothing after the figure names what it counts: the subject before the verb does
        ("Dans la région, le taux de chômage atteint 9 %, selon l'institut.", "9 %", "taux", "chômage"),
        ("По данным спасателей, число пострадавших достигло 31.", "31", "число", "пострадавших"),
        ("Die Zahl der Verletzten stieg auf 31.", "31", "zahl", "verletzten"),
    ],
)
def test_a_window_frame_reads_the_counted_noun_past_function_words(
    sentence: str, figure: str, head: str, predicate: str
) -> None:
    start = sentence.index(figure)
    frame = read_window(sentence, start, start + len(figure))
    assert (frame.head, frame.predicate) == (head, predicate)


@pytest.mark.parametrize(
    ("sentence", "figure", "sides"),
    [
        # a nationality before the figure is another party's: the figure's own noun phrase names no side
        ("После украинского обстрела эвакуировали 140 жителей.", "140", ()),
        ("Після російського удару евакуювали 90 мешканців.", "90", ()),
        # the noun phrase after the figure says whose it is
        ("В госпитали доставили 140 бойцов ВСУ.", "140", ("ukraine",)),
        ("На учения прибыли 140 российских военных.", "140", ("russia",)),
        # "our" people are the speaker's side, when the speaker's name says its state
        ("Министерство обороны России сообщило, что вернулись 140 наших военнослужащих.", "140", ("russia",)),
        ("Генштаб ЗСУ України повідомив, що поранено 12 наших захисників.", "12", ("ukraine",)),
        ("В госпитали доставили 140 наших бойцов.", "140", ()),
    ],
)
def test_a_window_frame_reads_whose_figure_from_its_own_noun_phrase(
    sentence: str, figure: str, sides: tuple[str, ...]
) -> None:
    start = sentence.index(figure)
    assert read_window(sentence, start, start + len(figure)).sides == sides


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Шевченко", "Shevchenko"),
        ("Житомира", "Zhytomyr"),
        ("Харків", "Kharkiv"),
        ("Полтава", "Poltava"),
    ],
)
def test_a_name_in_cyrillic_and_in_latin_letters_shares_one_key(one: str, other: str) -> None:
    assert sound_key(one) is not None and sound_key(one) == sound_key(other)
    assert sound_key("Kharkiv") != sound_key("Kherson")


def test_a_city_and_a_nationality_are_looked_up_by_their_country() -> None:
    capital = lookup_terms("Thousands marched in Kabul on Friday, a lawmaker told reporters there.")
    nationality = lookup_terms("A watchdog said the Afghan authorities had detained 300 people.")
    assert "afghanistan" in capital & nationality


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Нагадаємо, 12 березня до міста прибули 40 рятувальників.", "2024-03-12"),
        ("Ранее, 12 марта, в город прибыли 40 спасателей.", "2024-03-12"),
        ("Le 12 mars, 40 sauveteurs sont arrivés.", "2024-03-12"),
        ("El 12 de marzo llegaron 40 rescatistas.", "2024-03-12"),
        ("Am 12. März trafen 40 Retter ein.", "2024-03-12"),
        ("On Mar. 12, 40 rescuers arrived.", "2024-03-12"),
    ],
)
def test_a_written_day_is_read_in_every_pack_language(sentence: str, day: str) -> None:
    _, when = sentence_moment(sentence, datetime(2024, 3, 20, 12, tzinfo=UTC))
    assert when.day == date.fromisoformat(day)


def test_a_three_letter_word_is_not_a_month() -> None:
    # "out" (Portuguese October) and "set" (September) are English words first
    for sentence in ("3 out of 10 people left.", "Only 12 set off on foot."):
        assert sentence_moment(sentence, datetime(2024, 1, 31, tzinfo=UTC))[1] == Event()


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("The turnout of 71% was the highest since 1994.", ()),
        ("Inflation reached 9% in 2022, higher than in 2019.", (2022,)),
        ("Depuis 2016, 300 personnes ont été tuées.", ()),
        ("С 2014 года погибли 300 человек.", ()),
        ("The 2018 fire killed 85 people.", (2018,)),
    ],
)
def test_a_year_of_comparison_or_a_start_is_not_the_figures_year(
    sentence: str, years: tuple[int, ...]
) -> None:
    assert sentence_moment(sentence, datetime(2024, 1, 31, tzinfo=UTC))[1] == Event(years=years)


@pytest.mark.parametrize(
    ("sentence", "figure", "part"),
    [
        # a breakdown after a dash: the items are parts of the figure before it
        ("Обмін завершено: евакуювали 150 людей — 120 дітей, 25 дорослих і п'ятеро лікарів.", "120", True),
        ("Обмін завершено: евакуювали 150 людей — 120 дітей, 25 дорослих і п'ятеро лікарів.", "25", True),
        ("Обмін завершено: евакуювали 150 людей — 120 дітей, 25 дорослих і п'ятеро лікарів.", "150", False),
        # the partitive "among the freed —"
        ("Среди погибших — 12 спасателей и 3 врача.", "3", True),
        # a second voice after the dash is a rival figure, not a part
        ("La police a compté 10 000 manifestants — selon les syndicats, 40 000.", "40 000", False),
    ],
)
def test_a_window_frame_reads_a_breakdown_as_parts(sentence: str, figure: str, part: bool) -> None:
    start = sentence.rindex(figure)
    assert read_window(sentence, start, start + len(figure)).subset is part


@pytest.mark.parametrize(
    ("sentence", "figure", "claimant"),
    [
        # two voices in one sentence: each figure is given by the voice of its own clause
        (
            "По данным полиции, на митинг пришли 9 тысяч человек, а организаторы насчитали 30 тысяч.",
            "9 тысяч",
            "полиции",
        ),
        (
            "По данным полиции, на митинг пришли 9 тысяч человек, а организаторы насчитали 30 тысяч.",
            "30 тысяч",
            "организаторы",
        ),
        (
            "Selon la préfecture, 9 000 personnes ont défilé, les syndicats en ont compté 30 000.",
            "9 000",
            "la préfecture",
        ),
        (
            "Selon la préfecture, 9 000 personnes ont défilé, les syndicats en ont compté 30 000.",
            "30 000",
            "les syndicats",
        ),
        ("Según la policía, 9.000 personas; según los convocantes, 30.000.", "30.000", "los convocantes"),
        # a body named before a verb of saying in the neuter ("Минобороны … сообщило")
        (
            "Минобороны Вальдории сообщило, что на учения прибыли 140 военных.",
            "140",
            "Минобороны Вальдории",
        ),
    ],
)
def test_a_window_frame_reads_each_voice_of_a_sentence(sentence: str, figure: str, claimant: str) -> None:
    start = sentence.index(figure)
    assert read_window(sentence, start, start + len(figure)).claimant == claimant


@pytest.mark.parametrize(
    ("text", "quote_start", "sides"),
    [
        ("Russia's Defence Ministry said 140 of its soldiers had come home.", "140", ("russia",)),
        ("The Ukrainian army said 30 of our soldiers were wounded overnight.", "30", ("ukraine",)),
        # a speaker whose name says no state gives no side
        ("The regiment said 30 of its soldiers were wounded overnight.", "30", ()),
        # "his" says whose one person is, not a side
        ("Petrenko said 30 of his neighbours were wounded overnight.", "30", ()),
    ],
)
def test_the_speakers_own_people_are_of_the_speakers_state(
    extractor: Extractor, text: str, quote_start: str, sides: tuple[str, ...]
) -> None:
    [found] = [f for f in figures_of(extractor, text) if f.quote.startswith(quote_start)]
    assert found.sides == sides


def test_a_day_written_as_an_ordinal_with_its_month_is_a_date_not_a_figure(extractor: Extractor) -> None:
    text = "Am 3. Mai starben in Nordstadt 40 Menschen."
    published = datetime(2024, 6, 1, tzinfo=UTC)
    figures = extractor.extract(Document(text=text, source="test", published=published, lang="de"))
    assert [(f.value, f.moment) for f in figures] == [(40, date(2024, 5, 3))]


def test_an_english_sentence_may_end_on_a_figure_before_a_month(extractor: Extractor) -> None:
    figures = figures_of(extractor, "The toll rose to 12. May officials said 40 more were missing.")
    assert [f.value for f in figures] == [12, 40]
