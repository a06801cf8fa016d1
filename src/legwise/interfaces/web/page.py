"""What every web page shares: the knowledge and signing secret of the app, the links, the
CSRF cookie, rendering a template with its common context, and the error and busy pages.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from legwise.errors import StoreError
from legwise.interfaces.api.guards import Busy
from legwise.interfaces.templates import templates
from legwise.interfaces.web.emergency import emergency_number
from legwise.interfaces.web.owner import DiaryAccess, current_person
from legwise.interfaces.web.state import (
    CSRF_COOKIE,
    CSRF_FIELD,
    cookie_name,
    csrf_ok,
    new_csrf_token,
    resolve_secret,
)
from legwise.kb.loader import Knowledge

log = logging.getLogger("legwise.web")


def _kb(request: Request) -> Knowledge:
    """The app's knowledge base (the one the API serves, from its settings), else the default."""
    holder = getattr(request.app.state, "knowledge", None)
    if holder is not None:
        kb: Knowledge = holder.get()
        return kb
    from legwise import load_knowledge

    return load_knowledge()


def _secret(request: Request) -> bytes:
    return resolve_secret(getattr(request.app.state, "web_secret", None))


def _paths(request: Request) -> dict[str, str]:
    root = str(request.scope.get("root_path", ""))

    def path(name: str, **params: str) -> str:
        return root + str(request.app.url_path_for(name, **params))

    return {
        "start": path("web_start"),
        "interview": path("web_interview"),
        "report": path("web_report"),
        "result": path("web_result"),
        "report_view": path("web_report_view"),
        "report_pdf": path("web_report_pdf"),
        "diary": path("web_diary"),
        "diary_start": path("web_diary_start"),
        "diary_open_confirm": path("web_diary_open_confirm"),
        "diary_add": path("web_diary_add"),
        "diary_summary": path("web_diary_summary"),
        "diary_export_json": path("web_diary_export_json"),
        "diary_export_fhir": path("web_diary_export_fhir"),
        "diary_delete": path("web_diary_delete"),
        "diary_delete_all": path("web_diary_delete_all"),
        "saved": path("web_saved"),
        "css": path("static", path="web.css"),
        "js": path("static", path="web.js"),
    }


class Page:
    """A template with its context, to render once the request's common parts are known."""

    def __init__(self, template: str, status: int = 200, **context: Any) -> None:
        self.template = template
        self.status = status
        self.context = context


def csrf_cookie(request: Request) -> str:
    return cookie_name(CSRF_COOKIE, request.url.scheme)


def _render(request: Request, page: Page, csrf: str | None = None) -> HTMLResponse:
    token = csrf or request.cookies.get(csrf_cookie(request)) or new_csrf_token()
    kb = _kb(request)
    html = (
        templates()
        .get_template(page.template)
        .render(
            **{
                "paths": _paths(request),
                "csrf": token,
                "csrf_field": CSRF_FIELD,
                "knowledge_version": kb.version,
                "pdf": False,
                "emergency_number": emergency_number(
                    getattr(request.app.state, "emergency_number", None),
                    request.headers.get("accept-language"),
                ),
                **page.context,
            }
        )
    )
    response = HTMLResponse(html, status_code=page.status)
    response.headers["Cache-Control"] = "no-store"
    if request.cookies.get(csrf_cookie(request)) != token:
        response.set_cookie(
            csrf_cookie(request),
            token,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )
    return response


def _error(message: str, status: int) -> Page:
    return Page("error.html", status, message=message)


def _busy_page(request: Request, busy: Busy) -> HTMLResponse:
    """503 with Retry-After: too many long requests (free text, PDF) at once."""
    page = _error("The server is busy right now. Please wait a few seconds and try again.", 503)
    response = _render(request, page)
    response.headers.update(busy.headers or {})
    return response


async def _diary_access(request: Request) -> DiaryAccess | None:
    """The request's diary, if it has one. A diary database that cannot be reached does not
    stop the interview: the result is then made without the diary (it only ever adds)."""
    try:
        owner = await current_person(request)
    except StoreError as exc:
        log.warning("diary not reachable (%s); result made without it", exc.reason)
        return None
    return None if owner is None else DiaryAccess(*owner)


async def _form(request: Request) -> FormData | Response:
    """The posted form once its CSRF token matches the cookie; an error response otherwise."""
    form = await request.form()
    raw = form.get(CSRF_FIELD)
    submitted = raw if isinstance(raw, str) else None
    if not csrf_ok(request.cookies.get(csrf_cookie(request)), submitted):
        message = (
            "This form has expired or did not come from legwise. Please start again "
            "(your browser must accept cookies from this site)."
        )
        return _render(request, _error(message, 403), csrf=new_csrf_token())
    return form
