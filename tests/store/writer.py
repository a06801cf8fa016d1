"""A diary writer for the reliability tests: `python -m tests.store.writer URL START COUNT`.

Opens the store, then saves COUNT entries for the local person, one night each (night
number START, START+1, ... counted back from today), printing `ack N` only after
`add_entry` has returned, i.e. after the commit. Whatever it acknowledged must survive a
SIGKILL at any moment. Entry N has worst_pain N % 11 and note `night N`, so the test can
check the content, not just the count.
"""

from __future__ import annotations

import datetime as dt
import sys

from legwise.diary.entry import DiaryEntry
from legwise.store import open_store


def entry_number(n: int) -> DiaryEntry:
    return DiaryEntry(
        night=dt.date.today() - dt.timedelta(days=n),
        worst_pain=n % 11,
        episodes=n % 7,
        findings=("getting_worse",) if n % 2 else (),
        note=f"night {n}",
    )


def main(argv: list[str]) -> int:
    url, start, count = argv[0], int(argv[1]), int(argv[2])
    store = open_store(url)
    me = store.local_person()
    print("ready", flush=True)
    for n in range(start, start + count):
        # replace: a write that committed just before a kill was never acknowledged, and
        # the next round starts again from the last acknowledged night.
        store.add_entry(me, entry_number(n), replace=True)
        print(f"ack {n}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
