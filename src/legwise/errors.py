"""One exception hierarchy for legwise: each error says what was wrong and where.

Interfaces turn `InputError` into exit status 2 (CLI) or HTTP 422 (API); `KnowledgeError`
means the shipped knowledge files are inconsistent, which is a bug in the knowledge, not
in the user's input.
"""

from __future__ import annotations


class LegwiseError(Exception):
    """Base of every error legwise raises on purpose."""


class InputError(LegwiseError):
    """A case or request was not valid; `field` names the offending field (dotted path)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class KnowledgeError(LegwiseError):
    """The knowledge base failed validation; `problems` lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        head = f"{len(problems)} problem(s) in the knowledge base:\n"
        super().__init__(head + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


class NothingRecognised(InputError):
    """Free text gave nothing clinical and the case had no answers besides.

    Raised instead of returning a reassuring result built from nothing.
    """

    def __init__(
        self,
        field: str = "text",
        message: str = "nothing clinical was recognised in the text; describe the symptoms "
        "in other words, or answer the questions with `legwise interview`",
    ) -> None:
        super().__init__(field, message)


class StoreError(LegwiseError):
    """The diary database could not do what was asked (disk full, read-only, busy, server
    down). `reason` is a short code ("disk_full", "read_only", "busy", "unreachable",
    "failed"); the message is plain words for people. Interfaces print it and exit 1, or
    answer HTTP 503. It never carries diary content: the database's own message (which can
    quote stored values) is left out on purpose."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
