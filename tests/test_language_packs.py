"""Every language pack fills every slot; a new folder under bot/pipeline/lang/ is a new language."""

from __future__ import annotations

import dataclasses
import re
import sys
import textwrap
from pathlib import Path

import pytest

from bot.pipeline import lang as langpacks
from bot.pipeline.lang.pack import LanguagePack

PACKS = langpacks.packs()
# The slot groups of a pack (dataclasses), whose fields are the slots.
GROUPS = ("numerals", "hedging", "dates", "units", "figures", "reporting", "sides", "junk")


def _slots(pack: LanguagePack) -> dict[str, tuple[object, bool]]:
    """ "group.slot" → (value, required) for every slot of `pack`."""
    out: dict[str, tuple[object, bool]] = {}
    for group in GROUPS:
        holder = getattr(pack, group)
        for f in dataclasses.fields(holder):
            out[f"{group}.{f.name}"] = (getattr(holder, f.name), not f.metadata.get("optional", False))
    return out


def _empty(value: object) -> bool:
    if isinstance(value, bool | int):
        return False  # a flag or a weight is always set
    if value is None:
        return True
    if isinstance(value, str | tuple | list | dict | frozenset | set):
        return len(value) == 0
    return False


def test_the_registry_finds_the_languages_the_pipeline_reads() -> None:
    assert {"en", "ru", "uk", "fr", "es", "de"} <= set(langpacks.codes())
    assert [p.code for p in PACKS] == list(langpacks.codes())
    assert langpacks.get("ru").name == "Russian"
    with pytest.raises(KeyError):
        langpacks.get("xx")


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_every_pack_fills_every_required_slot(pack: LanguagePack) -> None:
    slots = _slots(pack)
    missing = [name for name, (value, required) in slots.items() if required and _empty(value)]
    unexplained = [name for name in missing if name not in pack.gaps]
    assert not unexplained, f"{pack.code}: empty slots with no reason in `gaps`: {unexplained}"
    # a gap names a real slot, says why, and is still empty (a filled slot's gap is stale)
    for name, reason in pack.gaps.items():
        assert name in slots, f"{pack.code}: `gaps` names no slot {name!r}"
        assert reason.strip(), f"{pack.code}: the gap {name!r} gives no reason"
        assert _empty(slots[name][0]), f"{pack.code}: {name!r} is filled, its gap is stale"
    assert isinstance(pack.lemma("word"), str)


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_every_pack_has_the_core_of_a_language(pack: LanguagePack) -> None:
    """Whatever is still a gap, these a pack must have: a language is not read without them."""
    assert pack.numerals.scales and pack.numerals.decimal_mark in ".,"
    assert set(pack.hedging.before) <= {"about", "nearly", "more_than", "at_least", "up_to", "fewer_than"}
    assert all(pack.hedging.before.values())
    assert sorted(set(pack.dates.months.values())) == list(range(1, 13)), pack.code
    assert all(name == name.lower() for name in pack.dates.months)
    re.compile(pack.dates.month_pattern)
    assert pack.junk.stop_words and pack.junk.promo_labels


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_every_regex_slot_compiles_and_every_unit_is_known(pack: LanguagePack) -> None:
    from bot.pipeline.numbers import UNIT_SYMBOLS

    for value, _ in _slots(pack).values():
        items = value if isinstance(value, tuple) else (value,) if isinstance(value, str) else ()
        for item in items:
            if isinstance(item, str):
                re.compile(
                    item.replace("{months}", "may")
                )  # a regex fragment or a literal word: both compile
    for symbol in (*pack.units.words, *pack.units.own_words, *pack.units.own_symbols):
        assert symbol in UNIT_SYMBOLS, f"{pack.code}: unknown unit {symbol!r}"
    vague = pack.hedging.vague
    if vague is not None:
        bases = {b.casefold() for b in vague.bases}
        assert {b.casefold() for b in vague.of_bases} <= bases, pack.code
        assert set(vague.modifiers.values()) <= {"several", "few", "plain"}
    if pack.dates.weekdays:
        assert len(pack.dates.weekdays) == 7


def test_every_category_list_is_in_the_same_order() -> None:
    """The window reader takes the first category that matches: every pack lists them alike."""
    orders = [tuple(p.reporting.categories) for p in PACKS if p.reader == "window" and p.reporting.categories]
    assert orders and all(order == orders[0] for order in orders)


def test_a_new_folder_is_a_new_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copy a pack into a new folder under a package of packs: the registry's discovery finds it."""
    root = tmp_path / "morepacks"
    (root / "xx").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "notes").mkdir()  # a folder that is no package is not a language
    source = Path(langpacks.__file__).parent / "fr" / "__init__.py"
    text = source.read_text().replace('code="fr"', 'code="xx"').replace('name="French"', 'name="Test"')
    (root / "xx" / "__init__.py").write_text(text)
    (root / "pack.py").write_text(textwrap.dedent('"""Not a pack: a module, not a folder."""\n'))
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        found = langpacks.discover(root, "morepacks")
    finally:
        for name in [m for m in sys.modules if m == "morepacks" or m.startswith("morepacks.")]:
            del sys.modules[name]
    assert [p.code for p in found] == ["xx"]
    assert found[0].name == "Test"
    assert found[0].dates.months == langpacks.get("fr").dates.months


def test_a_folder_whose_pack_names_another_language_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "badpacks"
    (root / "zz").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "zz" / "__init__.py").write_text("from bot.pipeline.lang.fr import PACK\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(ValueError, match="zz"):
            langpacks.discover(root, "badpacks")
    finally:
        for name in [m for m in sys.modules if m == "badpacks" or m.startswith("badpacks.")]:
            del sys.modules[name]


def test_the_registry_imports_nothing_until_asked() -> None:
    """Importing the package loads no pack: discovery runs on the first call."""
    import subprocess

    code = (
        "import sys, bot.pipeline.lang; "
        "print(sorted(m for m in sys.modules if m.startswith('bot.pipeline.lang.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['bot.pipeline.lang.pack']"
