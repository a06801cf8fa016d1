"""Reading the web pages the way a browser would: forms, their fields and option labels.

Tests answer by finding id (option values) or label, never by position, so they hold while
the question data changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx2 import Response

from legwise.interfaces.web import mount_web


def make_app() -> FastAPI:
    """The smallest app that serves the web pages (no diary store: diary pages are 404)."""
    app = FastAPI()
    mount_web(app, secret="test-secret")
    return app


@dataclass
class Option:
    value: str
    label: str = ""
    kind: str = "radio"


@dataclass
class Form:
    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    options: list[Option] = field(default_factory=list)
    buttons: list[tuple[str, str, str]] = field(default_factory=list)  # name, value, text
    has_text_answer: bool = False


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.labels: dict[str, str] = {}
        self.ids: dict[str, Option] = {}
        self.label_for: str | None = None
        self.button: list[str] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.current = Form(a.get("action", ""))
            self.forms.append(self.current)
        elif tag == "input" and self.current is not None:
            kind = a.get("type", "text")
            if kind == "hidden":
                self.current.hidden[a["name"]] = a.get("value", "")
            elif kind in ("radio", "checkbox"):
                opt = Option(a.get("value", ""), kind=kind)
                self.current.options.append(opt)
                self.ids[a.get("id", "")] = opt
            elif a.get("name") == "answer":
                self.current.has_text_answer = True
        elif tag == "label":
            self.label_for = a.get("for")
            self.text = []
        elif tag == "button" and self.current is not None:
            self.button = [a.get("name", ""), a.get("value", "")]
            self.text = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "label" and self.label_for:
            self.labels[self.label_for] = "".join(self.text).strip()
            self.label_for = None
        elif tag == "button" and self.button is not None and self.current is not None:
            name, value = self.button
            self.current.buttons.append((name, value, "".join(self.text).strip()))
            self.button = None


def forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    for oid, opt in parser.ids.items():
        opt.label = parser.labels.get(oid, "")
    return parser.forms


def question_form(html: str) -> Form | None:
    """The interview form on the page (the one carrying a question id), if any."""
    for form in forms(html):
        if "question" in form.hidden:
            return form
    return None


def state_form(html: str, action: str) -> Form:
    for form in forms(html):
        if form.action.endswith(action) and "state" in form.hidden:
            return form
    raise AssertionError(f"no form posting to {action}")


def post(client: TestClient, form: Form, **fields: str | list[str]) -> Response:
    data: dict[str, str | list[str]] = {**form.hidden, **fields}
    return client.post(form.action, data=data)
