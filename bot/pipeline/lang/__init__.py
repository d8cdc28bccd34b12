"""Language packs: one folder a language (`bot/pipeline/lang/<code>/`), each with the same named slots.

`packs()` lists every pack, `get(code)` one of them, `codes()` their codes. The packs are found by folder:
each subpackage of this package whose `__init__.py` defines `PACK = LanguagePack(...)` (see pack.py) is a
language, so adding a language is adding a folder. Nothing is imported until a pack is first asked for;
the packs themselves are plain data (a pack that needs a model loads it inside its lemma hook, on call).

Packs are listed in `rank` order (then by code): where a reader has to prefer one language's word over
another's, the earlier pack wins.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from types import ModuleType

from bot.pipeline.lang.pack import LanguagePack

__all__ = ["LanguagePack", "codes", "discover", "get", "packs"]


def discover(folder: Path | str, package: str) -> tuple[LanguagePack, ...]:
    """The packs in the subfolders of `folder`, which is importable as `package`, in registry order.

    A subfolder is a pack when it is a Python package whose `PACK` is a `LanguagePack` with the folder's
    name as its code; anything else there (pack.py, a data folder) is not one.
    """
    found: list[LanguagePack] = []
    for info in pkgutil.iter_modules([str(folder)]):
        if not info.ispkg:
            continue
        module: ModuleType = importlib.import_module(f"{package}.{info.name}")
        pack = getattr(module, "PACK", None)
        if not isinstance(pack, LanguagePack):
            continue
        if pack.code != info.name:
            raise ValueError(f"language pack in folder {info.name!r} calls itself {pack.code!r}")
        found.append(pack)
    return tuple(sorted(found, key=lambda p: (p.rank, p.code)))


@cache
def packs() -> tuple[LanguagePack, ...]:
    """Every language pack of this package, in registry order; imported on first call, once."""
    return discover(Path(__file__).parent, __name__)


@cache
def _by_code() -> dict[str, LanguagePack]:
    return {pack.code: pack for pack in packs()}


def get(code: str) -> LanguagePack:
    """The pack of a two-letter language code; KeyError if there is none."""
    return _by_code()[code]


def codes() -> tuple[str, ...]:
    """The codes of every pack, in registry order."""
    return tuple(pack.code for pack in packs())


def union(values: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """The items of several packs' lists in order, each once (first occurrence kept)."""
    return tuple(dict.fromkeys(item for value in values for item in value))
