"""A fake Telegram Bot API server (aiohttp, 127.0.0.1, a random port) with behaviour, for end-to-end tests.

It queues updates for `getUpdates` (long polls wake on a new update and on stop; updates below the
confirmed `offset` are forgotten, the rest are delivered again, as Telegram does), records every call with its
form fields (JSON inside fields decoded), answers the methods the bot uses, serves files, and can be told to
answer 429 with `retry_after`, 403 for a chat, to slow down sends, or to reject a token with 401.

    fake = FakeBotAPI(); await fake.start()
    settings: telegram_api_url=fake.api_url, telegram_file_url=fake.file_url, telegram_token=fake.token
    fake.queue(fake.text_update(chat_id=1, text="hello"))
    call = await fake.wait_for("sendMessage", chat_id=1)

Uploads (sendPhoto, sendDocument: multipart) are kept whole: `call.uploads["photo"].data` is the bytes sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from aiohttp import web

BOT_ID = 777000111
BOT_USERNAME = "crosscheck_test_bot"
# Fields PTB sends as plain strings: never JSON-decode them ("207" must stay text).
STRING_FIELDS = {
    "text",
    "caption",
    "parse_mode",
    "callback_query_id",
    "file_id",
    "action",
    "url",
    "secret_token",
}


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded: its form field's file name, content type and bytes."""

    filename: str
    content_type: str
    data: bytes


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    status: int = 200
    message_id: int | None = None  # of the message a successful sendMessage made
    uploads: dict[str, Upload] = field(default_factory=dict)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def caption(self) -> str:
        return str(self.params.get("caption", ""))


class FakeBotAPI:
    def __init__(self, token: str = "123456:TEST-token") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.files: dict[str, bytes] = {}
        self.port = 0
        self._updates: list[dict[str, Any]] = []
        self._forced: list[dict[str, Any]] = []  # redeliveries that ignore the confirmed offset
        self._next_update_id = 1000
        self._message_ids = itertools.count(50_000)
        self._changed = asyncio.Event()
        self._stopping = False
        self._failures: dict[int, list[tuple[int, int]]] = {}  # chat → [(status, retry_after)]
        self._forbidden: set[int] = set()
        self._slow: dict[int, float] = {}
        self._runner: web.AppRunner | None = None
        self.confirmed_offset = 0

    # -- life ------------------------------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application(client_max_size=50_000_000)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.Server)
        self.port = server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self._stopping = True
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    # -- behaviour -------------------------------------------------------------------------------------------
    def fail_next(self, chat_id: int, *, status: int = 429, retry_after: int = 1, times: int = 1) -> None:
        """The next `times` sendMessage calls to the chat fail (429 with retry_after, or another status)."""
        self._failures.setdefault(chat_id, []).extend([(status, retry_after)] * times)

    def forbid(self, chat_id: int) -> None:
        """The chat blocked the bot: every send to it is 403."""
        self._forbidden.add(chat_id)

    def slow(self, chat_id: int, seconds: float) -> None:
        """sendMessage to the chat answers only after `seconds` (the message counts as delivered at once)."""
        self._slow[chat_id] = seconds

    # -- updates ---------------------------------------------------------------------------------------------
    def queue(self, update: dict[str, Any]) -> int:
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
            self._next_update_id += 1
        self._updates.append(update)
        self._notify()
        return int(update["update_id"])

    def redeliver(self, update: dict[str, Any]) -> None:
        """Deliver an update again even though it was confirmed (what Telegram does after a lost offset)."""
        self._forced.append(update)
        self._notify()

    @staticmethod
    def user(user_id: int, name: str = "Tester", language: str | None = None) -> dict[str, Any]:
        """A user; `language` is the language_code of their Telegram app ("ru", "uk", "en-GB")."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": name}
        if language is not None:
            user["language_code"] = language
        return user

    def message(
        self,
        chat_id: int,
        *,
        text: str | None = None,
        chat_type: str = "private",
        user_id: int | None = None,
        entities: list[dict[str, Any]] | None = None,
        language: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = "A group"
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.user(user_id or abs(chat_id), language=language),
        }
        if text is not None:
            msg["text"] = text
        if entities:
            msg["entities"] = entities
        msg.update(extra)
        return msg

    def text_update(self, chat_id: int, text: str, **kwargs: Any) -> dict[str, Any]:
        return {"message": self.message(chat_id, text=text, **kwargs)}

    def command_update(self, chat_id: int, text: str, **kwargs: Any) -> dict[str, Any]:
        command = text.split()[0]
        entity = {"type": "bot_command", "offset": 0, "length": len(command)}
        return {"message": self.message(chat_id, text=text, entities=[entity], **kwargs)}

    def link_update(self, chat_id: int, url: str, **kwargs: Any) -> dict[str, Any]:
        entity = {"type": "url", "offset": 0, "length": _utf16_len(url)}
        return {"message": self.message(chat_id, text=url, entities=[entity], **kwargs)}

    def forward_update(
        self, chat_id: int, text: str, origin: dict[str, Any], *, caption: bool = False
    ) -> dict[str, Any]:
        if caption:
            photo = [{"file_id": "photo1", "file_unique_id": "p1", "width": 90, "height": 90}]
            msg = self.message(chat_id, caption=text, photo=photo, forward_origin=origin)
        else:
            msg = self.message(chat_id, text=text, forward_origin=origin)
        return {"message": msg}

    def document_update(self, chat_id: int, name: str, content: bytes, mime: str) -> dict[str, Any]:
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = content
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": name,
            "mime_type": mime,
            "file_size": len(content),
        }
        return {"message": self.message(chat_id, document=document)}

    def callback_update(
        self, chat_id: int, data: str, message: dict[str, Any], *, language: str | None = None
    ) -> dict[str, Any]:
        return {
            "callback_query": {
                "id": f"cq{next(self._message_ids)}",
                "from": self.user(abs(chat_id), language=language),
                "chat_instance": "ci",
                "data": data,
                "message": message,
            }
        }

    # -- what the bot did ------------------------------------------------------------------------------------
    def sent(self, chat_id: int | None = None, method: str = "sendMessage") -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method and c.status == 200 and (chat_id is None or c.chat_id == chat_id)
        ]

    async def wait_for(
        self,
        method: str,
        *,
        chat_id: int | None = None,
        where: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 30.0,  # noqa: ASYNC109
    ) -> list[Call]:
        """Wait until `count` successful calls of `method` (to `chat_id`, matching `where`) were made."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.sent(chat_id, method) if where is None or where(c)]
            if len(found) >= count:
                return found
            left = deadline - time.monotonic()
            if left <= 0:
                seen = [(c.method, c.chat_id, c.text[:80]) for c in self.calls[-10:]]
                raise AssertionError(
                    f"timed out waiting for {count} {method} to {chat_id}; last calls: {seen}"
                )
            event = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), timeout=left)

    # -- the API ---------------------------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
        params: dict[str, Any] = {}
        uploads: dict[str, Upload] = {}
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                form = await request.post()
                for key, value in form.items():
                    if not isinstance(value, str):
                        assert isinstance(value, web.FileField)
                        data = value.file.read()
                        uploads[key] = Upload(value.filename, value.content_type, data)
                        params[key] = data
                    elif key in STRING_FIELDS:
                        params[key] = value
                    else:
                        try:
                            params[key] = json.loads(value)
                        except ValueError:
                            params[key] = value
        params.update({k: v for k, v in request.query.items() if k not in params})
        return params, uploads

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, uploads = await self._params(request)
        call = Call(method, params, uploads=uploads)
        if request.match_info["token"] != self.token:
            call.status = 401
            self._record(call)
            return _error(401, "Unauthorized")
        if method == "getUpdates":
            return await self._get_updates(call)
        chat_id = call.chat_id
        if method == "sendMessage" and chat_id is not None:
            if chat_id in self._forbidden:
                call.status = 403
                self._record(call)
                return _error(403, "Forbidden: bot was blocked by the user")
            failures = self._failures.get(chat_id)
            if failures:
                status, retry_after = failures.pop(0)
                call.status = status
                self._record(call)
                if status == 429:
                    return _error(
                        429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
                    )
                return _error(status, "Bad Request: failed on purpose")
            sent = self._sent_message(params)
            call.message_id = sent["message_id"]
            self._record(call)
            if chat_id in self._slow:
                await asyncio.sleep(self._slow[chat_id])
            return _ok(sent)
        self._record(call)
        handler = self._answers.get(method)
        if handler is None:
            return _error(404, f"Not Found: method {method} is not faked")
        return _ok(handler(self, params))

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        self._notify()

    async def _get_updates(self, call: Call) -> web.Response:
        params = call.params
        offset = int(params.get("offset") or 0)
        if offset:
            self.confirmed_offset = max(self.confirmed_offset, offset)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        self._record(call)
        while True:
            if self._forced:
                forced, self._forced = self._forced[:limit], self._forced[limit:]
                return _ok(forced)
            if self._updates or self._stopping:
                return _ok(self._updates[:limit])
            left = deadline - time.monotonic()
            if left <= 0:
                return _ok([])
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=left)

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        content = self.files.get(file_id)
        if content is None:
            return web.Response(status=404)
        return web.Response(body=content)

    # -- answers ---------------------------------------------------------------------------------------------
    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Crosscheck",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _sent_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": self._bot_user(),
            "text": params.get("text", ""),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _sent_file(self, params: dict[str, Any], kind: str) -> dict[str, Any]:
        """The message a sendPhoto / sendDocument made: the file as Telegram describes it, the caption."""
        message = self._sent_message(params)
        del message["text"]
        if params.get("caption"):
            message["caption"] = params["caption"]
        file_id = f"sent{next(self._message_ids)}"
        data = params.get(kind)
        size = len(data) if isinstance(data, bytes) else 0
        described = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": size}
        if kind == "photo":
            message["photo"] = [{**described, "width": 1100, "height": 800}]
        else:
            message["document"] = described
        return message

    def _edited(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        if "chat_id" not in params:
            return True
        message = self._sent_message(params)
        message["message_id"] = params.get("message_id", message["message_id"])
        return message

    def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params["file_id"])
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(self.files.get(file_id, b"")),
            "file_path": f"documents/{file_id}",
        }

    _answers: ClassVar[dict[str, Callable[[FakeBotAPI, dict[str, Any]], Any]]] = {
        "getMe": lambda self, _p: self._bot_user(),
        "deleteWebhook": lambda _s, _p: True,
        "setWebhook": lambda _s, _p: True,
        "setMyCommands": lambda _s, _p: True,
        "sendChatAction": lambda _s, _p: True,
        "answerCallbackQuery": lambda _s, _p: True,
        "editMessageReplyMarkup": lambda self, p: self._edited(p),
        "editMessageText": lambda self, p: self._edited(p),
        "getFile": lambda self, p: self._get_file(p),
        "sendPhoto": lambda self, p: self._sent_file(p, "photo"),
        "sendDocument": lambda self, p: self._sent_file(p, "document"),
        "close": lambda _s, _p: True,
        "logOut": lambda _s, _p: True,
    }


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, *, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
