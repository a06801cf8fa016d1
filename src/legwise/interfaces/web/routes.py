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
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from legwise.errors import InputError, NothingRecognised, StoreError
from legwise.interfaces import views as view
from legwise.interfaces.answers import Answer, AnswerError
from legwise.interfaces.api.guards import Busy, gate
from legwise.interfaces.templates import stylesheet, templates
from legwise.interfaces.web import diary_view
from legwise.interfaces.web.emergency import emergency_number
from legwise.interfaces.web.forms import previous_values, read_answer
from legwise.interfaces.web.owner import DiaryAccess, current_person
from legwise.interfaces.web.state import (
    CSRF_COOKIE,
    CSRF_FIELD,
    RESULT_COOKIE,
    BadState,
    InterviewState,
    cookie_name,
    csrf_ok,
    new_csrf_token,
    pack,
    resolve_secret,
    sign,
    unpack,
    verify,
)
from legwise.kb.loader import Knowledge

if TYPE_CHECKING:
    from legwise.diary.entry import DiaryEntry
    from legwise.engine.assess import Assessment

router = APIRouter(include_in_schema=False)
log = logging.getLogger("legwise.web")

MAX_TEXT = 5000


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


# --- the interview ---------------------------------------------------------------------------


def _step(kb: Knowledge, state: InterviewState) -> dict[str, Any]:
    """The next step; warning signs answered "Not sure" on a list are asked one by one."""
    from legwise.interfaces.unsure import next_step

    history = ((r.as_question(), r.answer) for r in state.answers)
    return next_step(kb, state.case(), history)


def assess_shown(kb: Knowledge, case: dict[str, Any], diary: list[DiaryEntry]) -> Assessment:
    """The assessment the result page shows: with the person's diary when it has nights (its
    windows end today), else the case alone. Saving a result stores exactly this."""
    from legwise import assess

    if diary:
        return assess(case, kb=kb, diary=diary, today=dt.date.today())
    return assess(case, kb=kb)


DIARY_FAILED = (
    "Your diary could not be read just now, so this result does not use it. "
    "Your diary itself is not changed."
)


def assess_with_diary(
    kb: Knowledge, case: dict[str, Any], diary: DiaryAccess | None
) -> tuple[Assessment, list[DiaryEntry], bool]:
    """The assessment with the person's diary, and the nights it used; when the diary cannot
    be read or used (database down, a night no rule can place), the assessment without it
    and True. A diary only ever adds to a result: it never takes the result page down."""
    if diary is None:
        return assess_shown(kb, case, []), [], False
    try:
        entries = diary.entries()
        return assess_shown(kb, case, entries), entries, False
    except InputError:
        raise  # the case itself is bad: the caller says so
    except Exception as exc:  # any diary failure; only its type is logged
        log.warning("diary not usable (%s); result made without it", type(exc).__name__)
        return assess_shown(kb, case, []), [], True


def _result_page(
    kb: Knowledge,
    state: InterviewState,
    token: str,
    step: dict[str, Any],
    diary: DiaryAccess | None = None,
) -> Page:
    case = state.case()
    assessment, _entries, failed = assess_with_diary(kb, case, diary)
    result = assessment.to_dict()
    data = view.page(kb, result, case)
    return Page(
        "result.html",
        state=token,
        step=step,
        asked=len(state.answers),
        has_diary=diary is not None,
        from_diary=diary_view.from_diary(kb, result),
        diary_failed=DIARY_FAILED if failed else None,
        **data,
    )


def _progress(answered: int) -> int:
    """A bar that fills but never promises a total: each answer closes part of the gap."""
    return min(95, round(100 * (1 - 0.88**answered)))


def _question_page(
    kb: Knowledge,
    state: InterviewState,
    secret: bytes,
    previous: Answer | None = None,
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
    diary: DiaryAccess | None = None,
) -> Page:
    token = sign(state, secret)
    step = _step(kb, state)
    if step["done"] and step.get("reason_code") != "emergency" and state.extra is None:
        return Page("anything_else.html", status, state=token, error=error)
    if step["done"]:
        return _result_page(kb, state, token, step, diary)
    urgent = None
    if step.get("urgent"):
        from legwise import assess

        result = assess(state.case(), kb=kb).to_dict()
        reasons = view.reasons(kb, result, state.case())
        urgent = {"level": view.level(kb, result["triage"]["level"]), "reason": reasons[0]}
    question = step["question"]
    number = len(state.answers) + 1
    return Page(
        "question.html",
        status,
        state=token,
        question=question,
        number=number,
        progress=_progress(len(state.answers)),
        previous=previous_values(previous),
        error=error,
        notice=notice,
        urgent=urgent,
        can_go_back=bool(state.answers),
    )


def _start_state(kb: Knowledge, text: str) -> tuple[InterviewState, str | None]:
    """The starting case from the free-text box, and a note on what it gave."""
    if not text.strip():
        return InterviewState(), None
    from legwise import parse_text

    try:
        res = parse_text(text, kb=kb)
    except NothingRecognised:
        res = None
    if res is None or not res.recognised:
        note = (
            "We could not pick out any symptoms from what you wrote. The questions will cover them."
        )
        if res is None:
            return InterviewState(), note
    else:
        noted = ", ".join(
            f"{view.finding_label(kb, f)} ({view.answer_text(kb, f, v)})"
            for f, v in res.findings.items()
        )
        note = (
            f"From what you wrote, we noted: {noted}. The questions will not ask these again. "
            "First we check the warning signs you did not mention."
        )
    start: dict[str, Any] = {"findings": dict(res.findings)}
    if res.age is not None:
        start["age"] = res.age
    if res.sex is not None:
        start["sex"] = res.sex
    return InterviewState(start=start), note


def _with_extra(kb: Knowledge, state: InterviewState, form: Mapping[str, Any]) -> InterviewState:
    """The closing "anything else?" text read like the starting box: what it gives fills only
    what the answers left open (an answer already given is never overwritten)."""
    text = str(form.get("text") or "")[:MAX_TEXT]
    if not text.strip():
        return state.with_extra({})
    from legwise import parse_text

    try:
        res = parse_text(text, kb=kb)
    except (NothingRecognised, InputError):
        return state.with_extra({})
    answered = state.case().get("findings") or {}
    return state.with_extra({f: v for f, v in res.findings.items() if f not in answered})


def interview(
    kb: Knowledge,
    form: Mapping[str, Any],
    values: list[str],
    secret: bytes,
    diary: DiaryAccess | None = None,
) -> Page:
    """One POST of the interview form: start, answer, go back, or finish. With a `diary`,
    the result is made with its nights."""
    action = str(form.get("action") or "answer")
    if action == "start":
        text = str(form.get("text") or "")
        if len(text) > MAX_TEXT:
            return Page("start.html", 422, error=f"Please keep it under {MAX_TEXT} characters.")
        try:
            state, note = _start_state(kb, text)
        except InputError as exc:
            return Page("start.html", 422, error=exc.message, text=text)
        return _question_page(kb, state, secret, notice=note, diary=diary)

    state = verify(str(form.get("state") or ""), secret)
    if action == "back":
        before, last = state.back()
        previous = None if last is None else last.answer
        return _question_page(kb, before, secret, previous=previous, diary=diary)

    if action == "extra":
        return _question_page(kb, _with_extra(kb, state, form), secret, diary=diary)
    step = _step(kb, state)
    if step["done"] or (action == "finish" and step.get("urgent")):
        return _result_page(kb, state, sign(state, secret), step, diary)
    question = step["question"]
    if form.get("question") != question["id"]:
        notice = "Your answers changed in another window. Please answer this question."
        return _question_page(kb, state, secret, notice=notice, diary=diary)
    try:
        answer = read_answer(question, values, not_sure=bool(form.get("not_sure")))
    except AnswerError as exc:  # the page keeps what was typed or ticked
        kept: Answer = tuple(values) if question["kind"] == "any_of" else (values or [""])[0]
        return _question_page(
            kb, state, secret, previous=kept, error=str(exc), status=422, diary=diary
        )
    return _question_page(kb, state.answer(question, answer), secret, diary=diary)


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
