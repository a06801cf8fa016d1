"""Drive `legwise interview` through a pseudo-terminal the way a person would.

It reads the screen (escape codes stripped), finds each "Question N" header and the kind of
prompt under it, and answers by option label, never by question id or position, so the
tests hold while the question data changes.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from dataclasses import dataclass

import pexpect

ANSI = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>78]|\r")
KIND = re.compile(
    r"(?P<select>arrow keys or a number, then Enter|Choose one)"
    r"|(?P<any_of>Space to tick|Choose all that apply)"
    r"|(?P<number>\? if not sure)"
)
LIST_END = re.compile(r"Not sure|Prefer not to say")
OPTION = re.compile(r"(\d+)\) ([^\n]*?)\s*$", re.MULTILINE)
KEY_PAUSE = 0.15
DIGIT_GAP = 1.2  # longer than the menus' pause for joining digits ("1", "2" -> 12)


@dataclass
class Question:
    number: int
    text: str
    kind: str
    options: dict[str, str]  # label -> the number shown

    def option(self, *words: str) -> str | None:
        """The number of the first option whose label contains one of `words`."""
        for word in words:
            exact = [n for label, n in self.options.items() if label.lower() == word.lower()]
            inside = [n for label, n in self.options.items() if word.lower() in label.lower()]
            if exact or inside:
                return (exact or inside)[0]
        return None


def _as_at_a_terminal() -> None:
    """Ctrl-C as a person at a terminal has it: a runner started in the background (`cmd &` in
    a shell without job control) passes SIGINT on ignored, and Python then installs no
    KeyboardInterrupt handler, so the Ctrl-C tests would wait for an exit that never comes."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Session:
    def __init__(self, *args: str, plain: bool = False, timeout: float = 90) -> None:
        env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "40"}
        env.pop("LEGWISE_KNOWLEDGE", None)
        argv = ["-m", "legwise", *args] + (["--plain"] if plain else [])
        self.plain = plain
        self.timeout = timeout
        self.child = pexpect.spawn(
            sys.executable,
            argv,
            env=env,
            dimensions=(40, 120),
            encoding="utf-8",
            timeout=timeout,
            preexec_fn=_as_at_a_terminal,
        )
        self.raw = ""
        self.pos = 0
        self.eof = False

    # --- reading ------------------------------------------------------------------------------

    def text(self) -> str:
        return ANSI.sub("", self.raw)

    def _read(self) -> None:
        try:
            self.raw += self.child.read_nonblocking(65536, timeout=0.2)
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            self.eof = True

    def expect(self, pattern: str | re.Pattern[str], timeout: float | None = None) -> re.Match[str]:
        """Wait for `pattern` after what was already matched; fail with the screen on timeout."""
        found = self.search(pattern, timeout)
        if found is None:
            raise AssertionError(f"{pattern!r} never appeared; screen:\n{self.text()[-3000:]}")
        return found

    def search(
        self, pattern: str | re.Pattern[str], timeout: float | None = None
    ) -> re.Match[str] | None:
        """Like expect, but None when the program ends first."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            text = self.text()
            m = re.compile(pattern).search(text, self.pos)
            if m:
                self.pos = m.end()
                return m
            if self.eof or time.monotonic() > deadline:
                return None
            self._read()

    def next_question(self, anything_else: str = "") -> Question | None:
        """The next question on screen, or None when the interview ended. The closing
        "anything else?" question is answered with `anything_else` (empty: skipped)."""
        while True:
            header = self.search(
                r"Question (\d+)\n([^\n]*)\n|Is there anything else you want to tell us\?"
            )
            if header is None:
                return None
            if header.group(1) is not None:
                break
            self.type(anything_else)
            anything_else = ""
        kind = self.expect(KIND)
        start = header.start()
        if kind.lastgroup != "number":
            if not self.plain:  # the menu is drawn after the prompt line
                self.expect(LIST_END)
            time.sleep(KEY_PAUSE)
        self._read()
        block = self.text()[start:]
        options = {label: num for num, label in OPTION.findall(block)}
        return Question(int(header.group(1)), header.group(2).strip(), str(kind.lastgroup), options)

    # --- answering ----------------------------------------------------------------------------

    def _keys(self, *keys: str) -> None:
        for key in keys:
            time.sleep(KEY_PAUSE)
            self.child.send(key)

    def choose(self, num: str) -> None:
        """Pick one option of a select by its number."""
        if self.plain:
            self.child.sendline(num)
        else:
            self._keys(num, "\r")

    def tick(self, *nums: str) -> None:
        """Tick options of an any_of question and confirm."""
        if self.plain:
            self.child.sendline(",".join(nums))
            return
        for i, num in enumerate(nums):
            if i:
                time.sleep(DIGIT_GAP)  # so "1" then "3" are not read as 13
            self._keys(num, " ")
        self._keys("\r")

    def type(self, text: str) -> None:
        time.sleep(KEY_PAUSE)
        self.child.sendline(text)

    def back(self, kind: str) -> None:
        if self.plain or kind == "number":
            self.type("b")
        else:
            self._keys("b", "\r")

    def ctrl_c(self) -> None:
        time.sleep(KEY_PAUSE)
        self.child.sendintr()

    def answer_no(self, q: Question) -> None:
        """ "No", "None of these" or "not sure": nothing that raises the urgency."""
        if q.kind == "number":
            self.type("?")
        elif q.kind == "any_of":
            num = q.option("None of these", "Not sure")
            assert num, q
            self.tick(num)
        else:
            num = q.option("No", "Not sure", "Prefer not")
            assert num, q
            self.choose(num)

    def wait_exit(self) -> int:
        """The exit status; a program still running after `timeout` fails with its screen (a
        test never hangs)."""
        deadline = time.monotonic() + self.timeout
        while not self.eof:
            if time.monotonic() > deadline:
                raise AssertionError(f"the program did not end; screen:\n{self.text()[-3000:]}")
            self._read()
        self.child.close()
        status = self.child.exitstatus
        return int(status if status is not None else -1)
