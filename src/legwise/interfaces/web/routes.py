"""The web pages: the interview, the result and the doctor's report.

Thin routes: the stepper (`legwise.interview.next_question`) picks each question, the
terminal's mapping (`cli.answers`) puts each answer in the case, `legwise.assess` judges it.
The interview's state travels signed in the form (see `state`); nothing is stored on the
server. Cookies: the CSRF token, and the last result's answers (signed, compressed, scoped
to /result) so the result and report pages are plain GETs that survive Back and reload.
Pages work with JavaScript off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legwise.errors import InputError
from legwise.interfaces import views as view
from legwise.interfaces.api.guards import Busy, gate
from legwise.interfaces.templates import stylesheet, templates
from legwise.interfaces.web import diary_view
from legwise.interfaces.web.interview_pages import (
    DIARY_FAILED,
    _result_page,
    _step,
    assess_with_diary,
    interview,
)
from legwise.interfaces.web.interview_pages import assess_shown as assess_shown
from legwise.interfaces.web.owner import DiaryAccess
from legwise.interfaces.web.page import (
    Page,
    _busy_page,
    _diary_access,
    _error,
    _form,
    _kb,
    _render,
    _secret,
)
from legwise.interfaces.web.state import (
    CSRF_FIELD,
    RESULT_COOKIE,
    BadState,
    InterviewState,
    pack,
    sign,
    unpack,
    verify,
)
from legwise.kb.loader import Knowledge

router = APIRouter(include_in_schema=False)
log = logging.getLogger("legwise.web")


@router.get("/", response_class=HTMLResponse, name="web_start")
async def start_page(request: Request) -> HTMLResponse:
    """What legwise is, the free-text box and the Start button."""
    return _render(request, Page("start.html"))


@router.post("/interview", response_class=HTMLResponse, name="web_interview")
async def interview_step(request: Request) -> Response:
    """Answer one question and show the next (or the result when the interview is done)."""
    form = await _form(request)
    if isinstance(form, Response):
        return form
    values = [v for v in form.getlist("answer") if isinstance(v, str)]
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    diary = await _diary_access(request)
    reads_text = fields.get("action") == "start" and bool(fields.get("text", "").strip())
    try:
        async with gate(request).slot() if reads_text else contextlib.nullcontext():
            page = await run_in_threadpool(
                interview, _kb(request), fields, values, _secret(request), diary
            )
    except Busy as busy:
        return _busy_page(request, busy)
    except BadState:
        page = _error("This page's answers could not be read. Please start again.", 400)
    except InputError as exc:
        page = _error(f"These answers could not be used ({exc.field}). Please start again.", 422)
    if page.template == "result.html":
        moved = _to_result(request, page.context["state"], "web_result")
        if moved is not None:
            return moved
    return _render(request, page)


def _to_result(request: Request, token: str, name: str) -> Response | None:
    """Post-redirect-get: the answers go into a signed, compressed cookie scoped to the result
    pages, and the browser is sent to a plain GET page (Back and reload then just work; the
    answers never go into a URL). None when the answers are too long for a cookie."""
    secret = _secret(request)
    try:
        packed = pack(verify(token, secret), secret)
    except BadState:
        return None
    if packed is None:
        return None
    root = str(request.scope.get("root_path", ""))
    response = RedirectResponse(root + str(request.app.url_path_for(name)), status_code=303)
    response.set_cookie(
        RESULT_COOKIE,
        packed,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=root + str(request.app.url_path_for("web_result")),
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _cookie_state(request: Request) -> InterviewState | None:
    try:
        return unpack(request.cookies.get(RESULT_COOKIE), _secret(request))
    except BadState:
        return None


NO_RESULT = (
    "There is no result to show in this browser. Answer the questions again to see one "
    "(legwise keeps no answers on its server)."
)


@router.get("/result", response_class=HTMLResponse, name="web_result")
async def result_page(request: Request) -> HTMLResponse:
    """The last result in this browser (from its cookie): survives Back and reload."""
    state = _cookie_state(request)
    if state is None:
        return _render(request, _error(NO_RESULT, 404))
    diary = await _diary_access(request)
    kb = _kb(request)
    secret = _secret(request)

    def build() -> Page:
        return _result_page(kb, state, sign(state, secret), _step(kb, state), diary)

    return _render(request, await run_in_threadpool(build))


@router.get("/result/report", response_class=HTMLResponse, name="web_report_view")
async def report_view(request: Request) -> HTMLResponse:
    """The doctor's report for the last result in this browser; links back to the result."""
    state = _cookie_state(request)
    if state is None:
        return _render(request, _error(NO_RESULT, 404))
    diary = await _diary_access(request)
    context = await run_in_threadpool(report_context, _kb(request), state, diary)
    return _render(request, Page("report.html", state=sign(state, _secret(request)), **context))


# --- the doctor's report ---------------------------------------------------------------------


def report_context(
    kb: Knowledge, state: InterviewState, diary: DiaryAccess | None = None
) -> dict[str, Any]:
    """The report's content; with a diary that has nights, its summary and chart too."""
    case = state.case()
    assessment, entries, failed = assess_with_diary(kb, case, diary)
    result = assessment.to_dict()
    now = dt.datetime.now(dt.UTC)
    shown = None
    if entries:
        try:
            shown = diary_view.report_diary(kb, entries, now.date())
        except Exception as exc:  # the report stands without its diary part
            log.warning("diary summary failed (%s); report made without it", type(exc).__name__)
            failed = True
    from legwise.interfaces.web.report import doctor_report

    return {
        **view.page(kb, result, case),
        **doctor_report(kb, result, case),
        "clinical": True,
        "from_diary": diary_view.from_diary(kb, result),
        "diary": shown,
        "diary_failed": DIARY_FAILED if failed else None,
        "date": now.strftime("%Y-%m-%d"),
        "time": now.strftime("%H:%M UTC"),
    }


async def _report_state(request: Request) -> tuple[InterviewState, None] | tuple[None, Response]:
    if request.method == "POST":
        form = await _form(request)
        if isinstance(form, Response):
            return None, form
        raw = form.get("state")
        token = raw if isinstance(raw, str) else None
    else:
        token = request.query_params.get("state")
    try:
        return verify(token, _secret(request)), None
    except BadState:
        page = _error("The report's answers could not be read. Please start again.", 400)
        return None, _render(request, page)


@router.post("/report", name="web_report")  # POST only: answers never go into a URL or a log
async def report(request: Request) -> Response:
    """The doctor's report as a print-ready page."""
    state, failed = await _report_state(request)
    if state is None:
        assert failed is not None
        return failed
    moved = _to_result(request, sign(state, _secret(request)), "web_report_view")
    if moved is not None:
        return moved
    diary = await _diary_access(request)
    context = await run_in_threadpool(report_context, _kb(request), state, diary)
    return _render(request, Page("report.html", state=sign(state, _secret(request)), **context))


def report_pdf_bytes(
    kb: Knowledge, state: InterviewState, token: str, diary: DiaryAccess | None = None
) -> bytes:
    """The report page printed to PDF by WeasyPrint, with its CSS inlined and no fetching."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # no stubs or py.typed

    context = report_context(kb, state, diary)
    html = (
        templates()
        .get_template("report.html")
        .render(
            **{
                "paths": {},
                "csrf": "",
                "csrf_field": CSRF_FIELD,
                "pdf": True,
                "stylesheet": stylesheet(),
                "state": token,
                **context,
            }
        )
    )

    def no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        raise ValueError(f"legwise reports load nothing from outside ({url})")

    pdf: bytes = HTML(string=html, url_fetcher=no_fetch).write_pdf()
    return pdf


@router.post("/report.pdf", name="web_report_pdf")
async def report_pdf(request: Request) -> Response:
    """The doctor's report as a PDF file."""
    state, failed = await _report_state(request)
    if state is None:
        assert failed is not None
        return failed
    token = sign(state, _secret(request))
    diary = await _diary_access(request)
    try:
        async with gate(request).slot():  # about a second of CPU: a few at a time
            pdf = await run_in_threadpool(report_pdf_bytes, _kb(request), state, token, diary)
    except Busy as busy:
        return _busy_page(request, busy)
    except OSError:  # WeasyPrint's system libraries (Pango) are missing on this server
        page = _error(
            "This server cannot make PDF files yet. Open the report and use your browser's "
            "Print button instead (you can print to a PDF file there).",
            503,
        )
        return _render(request, page)
    name = f"legwise-report-{dt.datetime.now(dt.UTC):%Y-%m-%d}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
