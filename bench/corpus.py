"""Generated news articles for the benchmarks: many events, outlets, claimants, quantities and dates.

Deterministic for a seed. The sentences follow common wire-copy patterns, so the extractor does real work
(parse, claimants, hedges, units) on every article.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

PLACES = [
    "Valdoria",
    "Port Elmsworth",
    "Kastrel",
    "Northmere",
    "Ashbury",
    "Lindhaven",
    "Corvale",
    "Sernia",
    "Tarrow",
    "Wexmoor",
    "Halden",
    "Brisca",
    "Ostrava Bay",
    "Merrow",
    "Quenby",
    "Dunmore",
]
EVENTS = [
    "flood",
    "earthquake",
    "wildfire",
    "storm",
    "landslide",
    "factory fire",
    "bridge collapse",
    "train crash",
    "protest",
    "strike",
    "heatwave",
    "cyclone",
]
OUTLETS = [
    "Daily Courier",
    "Morning Ledger",
    "Wire Service Five",
    "Harbour Times",
    "Capital Bulletin",
    "Evening Standard Online",
    "Channel 9 News",
    "The Observer Post",
    "Regional Radio",
    "Metro Gazette",
]
CLAIMANTS = [
    "the interior ministry",
    "the health ministry",
    "local officials",
    "the regional governor",
    "the Red Cross",
    "a rights group",
    "the mayor",
    "police",
    "emergency services",
    "the organisers",
    "the national disaster agency",
    "hospital officials",
]
QUANTITIES = [
    ("people were killed", "killed"),
    ("people were injured", "injured"),
    ("people remain missing", "missing"),
    ("people were arrested", "arrested"),
    ("people have been displaced", "displaced"),
    ("people took part in the march", "participants"),
    ("homes were destroyed", "structures"),
]
HEDGES = ["", "about ", "more than ", "at least ", "nearly ", "some ", "around "]
FILLER = [
    "Rescue teams worked through the night as rain continued to fall across the region.",
    "The government said it would send additional support in the coming days.",
    "Residents described scenes of chaos as roads were blocked and power lines came down.",
    "Opposition politicians called for an independent inquiry into the response.",
    "Aid agencies warned that the situation could worsen without urgent help.",
    "Schools and public offices were closed while officials assessed the damage.",
    "Footage shared online showed streets under water and cars swept away.",
    "The prime minister was due to visit the area later in the week.",
]


@dataclass(frozen=True)
class Article:
    source: str
    url: str
    published: datetime
    text: str


def _figure(rng: random.Random) -> str:
    value = rng.choice([rng.randint(3, 99), rng.randint(100, 999), rng.randint(1000, 99999)])
    if value >= 1000 and rng.random() < 0.5:
        return f"{value:,}"
    return str(value)


def article(rng: random.Random, index: int, *, words: int = 600) -> Article:
    """One article about a random event, with several claimants and figures, about `words` long."""
    place, event = rng.choice(PLACES), rng.choice(EVENTS)
    published = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=rng.randint(0, 24 * 700))
    title = f"{event.capitalize()} in {place}: {rng.choice(CLAIMANTS)} give new figures"
    paragraphs = [title]
    while sum(len(p.split()) for p in paragraphs) < words:
        phrase, _ = rng.choice(QUANTITIES)
        claimant = rng.choice(CLAIMANTS)
        hedge = rng.choice(HEDGES)
        sentence = rng.choice(
            [
                f"{hedge.capitalize()}{_figure(rng)} {phrase} in the {event} in {place}, {claimant} said on "
                f"{published.strftime('%A')}.",
                f"According to {claimant}, {hedge}{_figure(rng)} {phrase} after the {event} hit {place}.",
                f"{claimant.capitalize()} said {hedge}{_figure(rng)} {phrase}, while {rng.choice(CLAIMANTS)} "
                f"put the figure at {_figure(rng)}.",
            ]
        )
        paragraphs.append(sentence + " " + " ".join(rng.sample(FILLER, 2)))
    outlet = rng.choice(OUTLETS)
    url = f"https://{outlet.lower().replace(' ', '-')}.example/{published:%Y/%m/%d}/{index}"
    return Article(source=outlet, url=url, published=published, text="\n\n".join(paragraphs))


def articles(count: int, *, seed: int = 7, words: int = 600) -> Iterator[Article]:
    rng = random.Random(seed)
    for index in range(count):
        yield article(rng, index, words=words)


def corpus_arguments(description: str) -> argparse.ArgumentParser:
    """The options of a bench that runs the generated articles into a fresh database."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    return parser
