"""Redraw once the learner stops typing: a slider dragged across 50 values redraws once."""

from __future__ import annotations

import asyncio


def call_when_settled(update, seconds: float, pending=None):
    """Run ``update`` after ``seconds`` without a newer call; return the new pending handle.

    In a running kernel the call waits and ``pending`` (the previous handle) is cancelled;
    where no event loop runs (tests, a script) or ``seconds`` is 0 it runs at once and
    returns None.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if not seconds or loop is None:
        update()
        return None
    if pending:
        pending.cancel()
    return loop.call_later(seconds, update)
