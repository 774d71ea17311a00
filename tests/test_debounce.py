"""Widgets redraw once input settles, and at once where no event loop runs."""

import asyncio

from course.widgets.debounce import call_when_settled


def test_a_burst_of_changes_gives_one_update_in_a_running_loop():
    calls = []

    async def burst():
        pending = None
        for n in range(5):
            pending = call_when_settled(lambda n=n: calls.append(n), 0.05, pending)
        # The timers fire in deadline order, so the last update runs before this sleep ends.
        await asyncio.sleep(0.3)

    asyncio.run(burst())
    assert calls == [4]


def test_without_a_loop_the_update_runs_at_once():
    calls = []
    assert call_when_settled(lambda: calls.append("now"), 0.5) is None
    assert calls == ["now"]
