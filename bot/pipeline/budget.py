"""How long one message's check may run, and a way to stop it from outside (the bot is shutting down).

The pipeline runs in worker threads, which cannot be interrupted; instead each stage calls
`budget.check()` between units of work (a paragraph's figures, a new figure's matches, a page's chunks),
and that raises. A check costs one clock read.
"""

from __future__ import annotations

import threading
import time

from bot.i18n import N_
from bot.pipeline.errors import OutOfTime, Stopping


class Budget:
    """A deadline and a stop signal for one unit of work; `Budget()` never runs out."""

    __slots__ = ("_deadline", "_seconds", "_stop")

    def __init__(self, seconds: float | None = None, *, stop: threading.Event | None = None) -> None:
        self._seconds = seconds
        self._deadline = None if seconds is None else time.monotonic() + seconds
        self._stop = stop

    def check(self) -> None:
        """Raise `Stopping` if the process is stopping, `OutOfTime` past the deadline; else nothing."""
        if self._stop is not None and self._stop.is_set():
            raise Stopping("The bot is restarting; your message will be checked when it is back.")
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise OutOfTime(
                N_(
                    "That took longer than {seconds} s to check, so I stopped and recorded nothing. "
                    "A shorter part of it will work."
                ),
                seconds=f"{self._seconds:.0f}",
            )


UNLIMITED = Budget()
