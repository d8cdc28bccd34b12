"""Test kit for the bot: the real Application from `build_application`, started the way `run_polling`
starts it, talking to the fake Bot API over loopback, on a real SQLite database in tmp_path."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from aiohttp import web
from fakebotapi import FakeBotAPI
from sqlalchemy import Engine, Row
from sqlmodel import Session, select

from bot.app import BotApplication, build_application
from bot.config import FetchLimits, Settings
from bot.pipeline.alerts import Alerts
from bot.pipeline.service import Crosscheck
from storage.db import create_schema, make_engine
from storage.models import OutboxRow

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "rt-pow-exchange-2024-01-31.txt"

_extractor: Any = None

# A child process (`crosscheck run`, `crosscheck ingest`) is outside pytest's `filterwarnings = error`:
# it shows every warning once (PYTHONWARNINGS=default) and the test fails on any it prints, except the
# third-party ones pyproject.toml names too (spaCy's and its libraries' deprecations, PTB's own RetryAfter).
_WARNING_LINE = re.compile(r"^(?:(?P<where>\S.*?):\d+: )?(?P<kind>[A-Z]\w*Warning): ", re.MULTILINE)
_KNOWN_WARNINGS = (
    ("DeprecationWarning", re.compile(r"/(spacy|thinc|weasel)/")),
    ("PTBDeprecationWarning", re.compile(r"/telegram/error\.py")),
)


def child_env(omit: tuple[str, ...] = (), **updates: str) -> dict[str, str]:
    """The environment of a child process under test: ours without the variables starting with `omit`,
    with `updates`, warnings shown."""
    env = {key: value for key, value in os.environ.items() if not (omit and key.startswith(omit))}
    env.setdefault("CROSSCHECK_ASK_BEFORE_RECORDING", "0")  # as bot_settings: chats are not asked first
    env.update(updates, PYTHONWARNINGS="default")
    return env


def unexpected_warnings(output: str) -> list[str]:
    """The warnings a child process printed that no known third-party entry excuses."""
    return [
        match.group(0)
        for match in _WARNING_LINE.finditer(output)
        if not any(
            match["kind"] == kind and pattern.search(match["where"] or "")
            for kind, pattern in _KNOWN_WARNINGS
        )
    ]


def shared_extractor() -> Any:
    """One loaded language model for the whole test run (loading it per test would cost seconds each)."""
    global _extractor
    if _extractor is None:
        from bot.pipeline.extract import Extractor

        _extractor = Extractor()
        _ = _extractor.parser
    return _extractor


def bot_settings(fake: FakeBotAPI, tmp_path: Path, **overrides: Any) -> Settings:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'bot.db'}",
        telegram_token=fake.token,
        telegram_api_url=fake.api_url,
        telegram_file_url=fake.file_url,
        paste_pause_s=0.5,
        fetch=FetchLimits(allow_private=True, timeout_s=5.0),
        # Most tests are about what a chat's texts do once recorded; tests/test_bot_consent.py asks first.
        ask_before_recording=False,
    )
    return replace(settings, **overrides)


@dataclass
class BotEnv:
    fake: FakeBotAPI
    app: BotApplication
    settings: Settings
    engine: Engine

    @property
    def alerts(self) -> Alerts:
        return self.app.bot_data.alerts

    @property
    def crosscheck(self) -> Crosscheck:
        return self.app.bot_data.crosscheck

    def outbox(self) -> list[OutboxRow]:
        with Session(self.engine) as session:
            return list(session.exec(select(OutboxRow).order_by(OutboxRow.id)).all())  # type: ignore[arg-type]


@contextlib.asynccontextmanager
async def running(app: BotApplication) -> AsyncIterator[BotApplication]:
    """The start and stop sequence of `Application.run_polling`, inside the test's event loop."""
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0, timeout=10, allowed_updates=["message", "callback_query"]
        )
        await app.start()
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
                if app.post_stop:
                    await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


@contextlib.asynccontextmanager
async def bot_env(
    tmp_path: Path, *, fake: FakeBotAPI | None = None, **overrides: Any
) -> AsyncIterator[BotEnv]:
    """A running bot on a fresh database (the same one again for the same tmp_path); `fake` may be shared."""
    own = fake is None
    if fake is None:
        fake = FakeBotAPI()
        await fake.start()
    try:
        settings = bot_settings(fake, tmp_path, **overrides)
        engine = make_engine(settings.database_url)
        create_schema(engine)
        crosscheck = Crosscheck(engine, settings, extractor=shared_extractor())
        app = build_application(settings, crosscheck)
        async with running(app):
            yield BotEnv(fake=fake, app=app, settings=settings, engine=engine)
    finally:
        if own:
            await fake.stop()


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def replies_to(fake: FakeBotAPI, chat_id: int) -> list[str]:
    return [c.text for c in fake.sent(chat_id)]


def record_conflicts(
    env: BotEnv, *, count: int = 1, sender: int | None = None, counted: str = "POWs handed over"
) -> list[int]:
    """Record `count` conflicts in one transaction and run the bot's alert hook on them, exactly as an ingest
    does (real storage, real hook); returns the relation ids."""
    import uuid

    from bot.pipeline.service import relation_views
    from storage import store
    from storage.db import transaction
    from storage.models import DocumentRow, RelationRow

    def claim(document_id: int, value: float, quote: str, claimant: str) -> dict[str, object]:
        return dict(
            document_id=document_id,
            value=value,
            low=value,
            high=value,
            quantity="released",
            counted=counted,
            sides="ukraine",
            claimant=claimant,
            quote=quote,
            sentence=quote,
            position=0,
        )

    with transaction(env.engine) as session:
        added: list[Row[Any]] = []
        for i in range(count):
            docs = []
            for source in ("Russian MoD", "Zelensky's channel"):
                row = DocumentRow(source=source, content_hash=uuid.uuid4().hex, text=f"{source} {i}")
                document = store.add_document(session, document=row, terms=["ukraine"])
                assert document.id is not None
                docs.append(document.id)
            a, b = store.add_claims(
                session,
                claims=[
                    claim(docs[0], 195 + i, f"{195 + i} POWs", "MoD"),
                    claim(docs[1], 207 + i, f"{207 + i} guys", "Zelensky"),
                ],
            )
            relation = RelationRow(kind="conflict", claim_a_id=a.id, claim_b_id=b.id, why="different totals")
            added += store.add_relations(session, relations=[relation])
        views = relation_views(session, added)
        env.alerts.on_relations(session, views, sender)
        ids = [v.id for v in views]
    env.app.bot_data.sender.wake()
    return ids


async def eventually(
    predicate: Any,
    *,
    timeout: float = 15.0,  # noqa: ASYNC109
    what: str = "condition",
) -> None:
    """Wait for a condition the bot reaches after its last Telegram call (a database write, say)."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def page_server(pages: dict[str, str | tuple[bytes, str]]) -> AsyncIterator[str]:
    """A loopback web server for the given paths (HTML text, or bytes with their content type); yields its
    base address."""
    app = web.Application()
    for path, page in pages.items():
        body, kind = (page.encode("utf-8"), "text/html") if isinstance(page, str) else page

        async def serve(_request: web.Request, body: bytes = body, kind: str = kind) -> web.Response:
            return web.Response(body=body, content_type=kind)

        app.router.add_get(path, serve)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    assert isinstance(site._server, asyncio.Server)
    try:
        yield f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    finally:
        await runner.cleanup()


class HeldPages:
    """A loopback server whose pages (`/slow/N`, a short article) are held open until `release` is set;
    `all_arrived` is set once `expected` requests are waiting."""

    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.arrived = 0
        self.all_arrived = asyncio.Event()
        self.release = asyncio.Event()
        self.port = 0
        self._runner: web.AppRunner | None = None

    async def _page(self, _request: web.Request) -> web.Response:
        self.arrived += 1
        if self.arrived == self.expected:
            self.all_arrived.set()
        await self.release.wait()
        return web.Response(text="<p>Officials said 12 people were hurt.</p>", content_type="text/html")

    def url(self, n: int) -> str:
        return f"http://127.0.0.1:{self.port}/slow/{n}"

    async def __aenter__(self) -> HeldPages:
        app = web.Application()
        app.router.add_get("/slow/{n}", self._page)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self.release.set()
        assert self._runner is not None
        await self._runner.cleanup()
