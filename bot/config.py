"""The one typed settings object, built once in the entry point from the environment (and `.env`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///crosscheck.db"
DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org/bot"


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _unless_off(value: str | None) -> bool:
    """A switch that is on unless set to an explicit no."""
    return (value or "").strip().lower() not in {"0", "false", "no", "off"}


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """What a link fetch may cost and reach."""

    timeout_s: float = 15.0  # whole fetch, redirects included
    max_bytes: int = 5_000_000  # body size cap; larger pages are refused, not truncated
    max_redirects: int = 5  # each hop is re-checked against the address guard
    allow_private: bool = False  # test-only: lets tests fetch from a loopback server


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of the program; each field says what it tunes."""

    database_url: str = DEFAULT_DATABASE_URL  # SQLAlchemy URL; postgresql:// gets the psycopg 3 driver
    telegram_token: str | None = None  # from @BotFather; only `crosscheck run` needs it
    telegram_api_url: str = DEFAULT_TELEGRAM_API_URL  # PTB base_url: a local Bot API or a fake can stand in
    telegram_file_url: str | None = None  # PTB base_file_url; derived from telegram_api_url when None
    fetch: FetchLimits = FetchLimits()
    max_upload_bytes: int = 1_000_000  # .txt/.html files sent to the bot
    max_text_chars: int = 200_000  # longer pasted text is refused as too large
    alerts_per_chat_per_s: float = 1.0  # Telegram's per-chat pace
    alerts_per_s: float = 30.0  # Telegram's global pace
    paste_pause_s: float = 1.5  # how long the bot waits for the next part of a split paste
    max_check_s: float = 30.0  # one message's fetch and check; past it the bot says so and records nothing
    checker_threads: int = 2  # messages checked at once (CPU work: about one per core)
    fetcher_threads: int = 8  # links fetched at once (waiting on the network)
    # Before a chat's first text is recorded as a public source, ask the chat (once) whether it may be.
    ask_before_recording: bool = True
    submissions_per_hour: int = 100  # texts, files and links one user may send to be checked in an hour

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, dotenv: Path | None = None) -> Settings:
        """Settings from `env` (default: the process environment), after loading `dotenv` if it exists."""
        if env is None:
            if dotenv is not None and dotenv.exists():
                from dotenv import load_dotenv

                load_dotenv(dotenv, override=False)
            env = os.environ
        base = cls()
        return replace(
            base,
            database_url=env.get("DATABASE_URL") or base.database_url,
            telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
            telegram_api_url=env.get("TELEGRAM_API_URL") or base.telegram_api_url,
            telegram_file_url=env.get("TELEGRAM_FILE_URL") or None,
            fetch=replace(base.fetch, allow_private=_flag(env.get("CROSSCHECK_ALLOW_PRIVATE_URLS"))),
            ask_before_recording=_unless_off(env.get("CROSSCHECK_ASK_BEFORE_RECORDING")),
            submissions_per_hour=int(env.get("CROSSCHECK_SUBMISSIONS_PER_HOUR") or base.submissions_per_hour),
        )

    @property
    def file_url(self) -> str:
        if self.telegram_file_url:
            return self.telegram_file_url
        api = self.telegram_api_url.rstrip("/")
        head, _, tail = api.rpartition("/")
        return f"{head}/file/{tail}" if head else api + "/file"
