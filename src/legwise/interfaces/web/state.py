"""The interview's state, carried in the page itself: signed so it cannot be altered.

No server-side storage: each form holds a token with the starting case (what the free text
gave) and the answers so far, each with the question it answered. The case is rebuilt by
replaying the answers through the terminal's own mapping (`cli.answers.apply_answer`), so
"Back" is just dropping the last answer. The token is HMAC-SHA256 signed with the app's web
secret (`app.state.web_secret`, else `LEGWISE_WEB_SECRET`, else a key generated once and kept
in the data folder: see `signing_key`), so every worker and every restart reads every form.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import zlib
from dataclasses import dataclass, field
from typing import Any

from legwise.interfaces.answers import Answer, apply_answer

VERSION = 1
MAX_TOKEN = 200_000  # characters; a full interview is a few kilobytes


class BadState(ValueError):
    """The form's state token is missing, altered or malformed."""


def resolve_secret(configured: object = None) -> bytes:
    """The signing key: the app's configured secret (str, bytes, or a `SigningKey`), else
    LEGWISE_WEB_SECRET, else the key kept in the data folder (see `signing_key`)."""
    if isinstance(configured, bytes) and configured:
        return configured
    if isinstance(configured, str) and configured:
        return configured.encode()
    from legwise.interfaces.signing_key import SigningKey, resolve

    if isinstance(configured, SigningKey):
        return configured.get()
    return resolve()


@dataclass(frozen=True)
class Record:
    """One answer and the question it answered (only what `apply_answer` needs)."""

    question: str
    kind: str
    findings: tuple[str, ...]
    answer: Answer

    def as_question(self) -> dict[str, Any]:
        return {"id": self.question, "kind": self.kind, "findings": list(self.findings)}

    def to_json(self) -> dict[str, Any]:
        answer = list(self.answer) if isinstance(self.answer, tuple) else self.answer
        return {"q": self.question, "k": self.kind, "f": list(self.findings), "a": answer}

    @classmethod
    def from_json(cls, data: Any) -> Record:
        if not isinstance(data, dict):
            raise BadState("answer record is not an object")
        q, k, f, a = data.get("q"), data.get("k"), data.get("f"), data.get("a")
        if not isinstance(q, str) or k not in ("single", "any_of", "number", "choice"):
            raise BadState("answer record has no valid question")
        if not isinstance(f, list) or not all(isinstance(x, str) for x in f):
            raise BadState("answer record has no valid findings")
        answer: Answer
        if isinstance(a, list) and all(isinstance(x, str) for x in a):
            answer = tuple(a)
        elif isinstance(a, str) or (isinstance(a, int | float) and not isinstance(a, bool)):
            answer = a
        else:
            raise BadState("answer record has no valid answer")
        return cls(q, str(k), tuple(f), answer)


@dataclass(frozen=True)
class InterviewState:
    """Where the interview stands: the starting case and every answer since, in order."""

    start: dict[str, Any] = field(default_factory=lambda: {"findings": {}})
    answers: tuple[Record, ...] = ()
    # The closing "anything else?" box: None until asked, then the findings its text gave
    # (they fill only what the answers left open).
    extra: dict[str, Any] | None = None

    def case(self) -> dict[str, Any]:
        """The case with every answer applied, in the contract's shape."""
        case = self.start
        for record in self.answers:
            case = apply_answer(case, record.as_question(), record.answer)
        if self.extra:
            findings = dict(case.get("findings") or {})
            for fid, value in self.extra.items():
                findings.setdefault(fid, value)
            case = {**case, "findings": findings}
        return case

    def answer(self, question: dict[str, Any], answer: Answer) -> InterviewState:
        record = Record(question["id"], question["kind"], tuple(question["findings"]), answer)
        return InterviewState(self.start, (*self.answers, record), self.extra)

    def with_extra(self, findings: dict[str, Any]) -> InterviewState:
        return InterviewState(self.start, self.answers, dict(findings))

    def back(self) -> tuple[InterviewState, Record | None]:
        """The state before the last answer, and that answer (None at the first question)."""
        if self.extra is not None:
            return InterviewState(self.start, self.answers), None
        if not self.answers:
            return self, None
        return InterviewState(self.start, self.answers[:-1]), self.answers[-1]

    def to_json(self) -> dict[str, Any]:
        out = {"v": VERSION, "start": self.start, "answers": [r.to_json() for r in self.answers]}
        if self.extra is not None:
            out["extra"] = self.extra
        return out

    @classmethod
    def from_json(cls, data: Any) -> InterviewState:
        if not isinstance(data, dict) or data.get("v") != VERSION:
            raise BadState("unknown state version")
        start, answers = data.get("start"), data.get("answers")
        if not isinstance(start, dict) or not isinstance(answers, list):
            raise BadState("state has no start case or answers")
        extra = data.get("extra")
        if extra is not None and not isinstance(extra, dict):
            raise BadState("state's extra findings are not an object")
        return cls(start, tuple(Record.from_json(r) for r in answers), extra)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: bytes, payload: str) -> str:
    return _b64(hmac.new(secret, b"state:" + payload.encode("ascii"), hashlib.sha256).digest())


def sign(state: InterviewState, secret: bytes) -> str:
    """The state as `payload.signature` (URL-safe base64 of compact JSON, then its HMAC)."""
    raw = json.dumps(state.to_json(), separators=(",", ":"), sort_keys=True)
    payload = _b64(raw.encode("utf-8"))
    return f"{payload}.{_mac(secret, payload)}"


def verify(token: str | None, secret: bytes) -> InterviewState:
    """The state in a signed token; BadState when it is missing, altered or malformed."""
    if not token or len(token) > MAX_TOKEN or token.count(".") != 1:
        raise BadState("missing or malformed state")
    payload, mac = token.split(".")
    try:
        payload.encode("ascii")
    except UnicodeEncodeError:
        raise BadState("malformed state") from None
    if not hmac.compare_digest(mac, _mac(secret, payload)):
        raise BadState("the state's signature does not match")
    try:
        data = json.loads(_unb64(payload))
    except (ValueError, binascii.Error):
        raise BadState("the state is not valid JSON") from None
    return InterviewState.from_json(data)


# --- CSRF: a double-submit cookie (a random token in a cookie and in every form) -------------

CSRF_COOKIE = "legwise_csrf"
CSRF_FIELD = "csrf"


def cookie_name(base: str, scheme: str) -> str:
    """`base`, with the `__Host-` prefix over HTTPS: the browser then takes the cookie only
    when it is Secure, for the whole site (Path=/) and of this host alone (no Domain), so a
    neighbouring subdomain cannot plant one. Over plain HTTP browsers refuse the prefix."""
    return f"__Host-{base}" if scheme == "https" else base


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_ok(cookie: str | None, submitted: str | None) -> bool:
    """True when the form's token matches the cookie's (both present, compared in constant
    time)."""
    if not cookie or not submitted or len(cookie) > 200 or len(submitted) > 200:
        return False
    return hmac.compare_digest(cookie.encode(), submitted.encode())


# --- the last result, kept in a cookie so the result page survives Back and reload ----------

RESULT_COOKIE = "legwise_result"
MAX_COOKIE = 3900  # bytes: browsers keep cookies up to about 4096 with the name


def pack(state: InterviewState, secret: bytes) -> str | None:
    """The state compressed and signed for a cookie; None when even that is too long."""
    raw = json.dumps(state.to_json(), separators=(",", ":"), sort_keys=True).encode("utf-8")
    payload = _b64(zlib.compress(raw, 9))
    token = f"{payload}.{_mac(secret, 'z' + payload)}"
    return token if len(token) <= MAX_COOKIE else None


def unpack(token: str | None, secret: bytes) -> InterviewState:
    """The state in a packed cookie; BadState when it is missing, altered or malformed."""
    if not token or len(token) > MAX_COOKIE or token.count(".") != 1:
        raise BadState("missing or malformed result cookie")
    payload, mac = token.split(".")
    try:
        payload.encode("ascii")
    except UnicodeEncodeError:
        raise BadState("malformed result cookie") from None
    if not hmac.compare_digest(mac, _mac(secret, "z" + payload)):
        raise BadState("the result cookie's signature does not match")
    try:
        data = json.loads(zlib.decompressobj().decompress(_unb64(payload), MAX_TOKEN))
    except (ValueError, binascii.Error, zlib.error):
        raise BadState("the result cookie is not valid") from None
    return InterviewState.from_json(data)
