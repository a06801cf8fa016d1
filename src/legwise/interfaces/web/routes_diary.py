"""The diary pages: start a diary, add and open nights, export, delete everything.

Each page finds its person from the `legwise_diary` cookie (see `owner`); without a cookie
that matches someone, every diary page except the start page is a 404. Store calls block, so
they run in the thread pool. Forms carry the CSRF token like the interview's; after a change
the browser is sent back to the diary (303), so reloading never posts twice.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from legwise.diary.choices import self_care_options, symptom_options
from legwise.diary.entry import MIN_NIGHT
from legwise.errors import InputError, StoreError
from legwise.interfaces.api.links import public_base
from legwise.interfaces.web import diary_view
from legwise.interfaces.web.diary_form import last_night, read_night
from legwise.interfaces.web.owner import (
    clear_diary_cookie,
    current_person,
    person_for,
    set_diary_cookie,
    store_holder,
)
from legwise.interfaces.web.page import Page, _error, _form, _kb, _render
from legwise.kb.loader import Knowledge
from legwise.store import Person, Store

router = APIRouter(include_in_schema=False)

NOT_FOUND = "We could not find that page. If you kept a diary here, open it with your private link."


def not_found(request: Request) -> HTMLResponse:
    """The one answer for "no such page", "not your diary" and "no diary at all"."""
    return _render(request, _error(NOT_FOUND, 404))


def store_error_page(request: Request, exc: StoreError) -> HTMLResponse:
    """The diary database failed (disk full, server down...): say so plainly, nothing more."""
    return _render(request, _error(f"{exc.message} Your diary could not be reached.", 503))


def today() -> dt.date:
    return dt.date.today()


async def owner_or_404(request: Request) -> tuple[Store, Person] | HTMLResponse:
    """The store and person of this request's diary cookie, or the 404 page."""
    owner = await current_person(request)
    return not_found(request) if owner is None else owner


async def posted_by_owner(request: Request) -> tuple[FormData, Store, Person] | Response:
    """A CSRF-checked form from the diary's owner; otherwise the error page (403) or 404."""
    form = await _form(request)
    if isinstance(form, Response):
        return form
    owner = await owner_or_404(request)
    if isinstance(owner, Response):
        return owner
    return (form, *owner)


def _url(request: Request, name: str, **params: Any) -> str:
    root = str(request.scope.get("root_path", ""))
    return root + str(request.app.url_path_for(name, **params))


def _back_to_diary(request: Request, anchor: str = "nights") -> RedirectResponse:
    # The fragment stays in the browser: nothing about the night reaches a log.
    return RedirectResponse(f"{_url(request, 'web_diary')}#{anchor}", status_code=303)


# --- the diary page ------------------------------------------------------------------------


def _form_context(kb: Knowledge, values: dict[str, Any] | None) -> dict[str, Any]:
    default = {"night": last_night(today()).isoformat(), "findings": [], "self_care": []}
    return {
        "symptoms": symptom_options(kb),
        "self_care": self_care_options(kb),
        "values": values or default,
        "min_night": MIN_NIGHT.isoformat(),
        "max_night": today().isoformat(),
    }


def diary_context(
    kb: Knowledge,
    store: Store,
    person: Person,
    values: dict[str, Any] | None = None,
    error: InputError | None = None,
    ask_replace: bool = False,
) -> dict[str, Any]:
    stored = store.list_entries(person)
    saved = store.list_assessments(person)
    return {
        **diary_view.diary_page(kb, stored, today()),
        "form": _form_context(kb, values),
        "error": None if error is None else {"field": error.field, "message": error.message},
        "ask_replace": ask_replace,
        "saved_count": len(saved),
    }


@router.get("/diary", response_class=HTMLResponse, name="web_diary")
async def diary(request: Request) -> HTMLResponse:
    """The diary (summary, chart, nights, add a night), or the page that starts one."""
    owner = await current_person(request)
    if owner is None:
        available = store_holder(request) is not None
        return _render(request, Page("diary_start.html", available=available))
    store, person = owner
    context = await run_in_threadpool(diary_context, _kb(request), store, person)
    return _render(request, Page("diary.html", **context))


@router.post("/diary/start", name="web_diary_start")
async def start_diary(request: Request) -> Response:
    """Make a new diary: a person and a token, kept in a cookie and shown once as a link."""
    form = await _form(request)
    if isinstance(form, Response):
        return form
    holder = store_holder(request)
    if holder is None:
        return not_found(request)
    _person, token = await run_in_threadpool(lambda: holder.get().create_person())
    # Never from an untrusted Host header: it would send the token to that host.
    link = public_base(request) + _url(request, "web_diary_open", token=token)
    response = _render(request, Page("diary_created.html", link=link))
    set_diary_cookie(response, request, token)
    return response


def _describe(store: Store, person: Person) -> dict[str, Any]:
    """What identifies a diary to its owner without showing its content: when it was
    started, how many nights it holds and the last one."""
    stored = store.list_entries(person)
    return {
        "started": f"{person.created_at:%d %B %Y}",
        "nights": len(stored),
        "last": f"{stored[-1].entry.night:%d %B %Y}" if stored else None,
    }


def _open_context(store: Store, person: Person, current: Person | None) -> dict[str, Any]:
    return {
        "opening": _describe(store, person),
        "current": None if current is None else _describe(store, current),
    }


@router.get("/diary/open/{token}", name="web_diary_open")
async def open_diary(request: Request, token: str) -> Response:
    """The private link: say which diary it opens (and which one this browser already
    keeps), and ask. Nothing changes until the person presses the button: a link someone
    else sent never swaps the diary this browser writes to."""
    found = await person_for(request, token)
    if found is None:
        return not_found(request)
    store, person = found
    current = await current_person(request)
    if current is not None and current[1].id == person.id:
        return RedirectResponse(_url(request, "web_diary"), status_code=303)
    other = None if current is None else current[1]
    context = await run_in_threadpool(_open_context, store, person, other)
    return _render(request, Page("diary_open.html", token=token, **context))


@router.post("/diary/open", name="web_diary_open_confirm")
async def confirm_open(request: Request) -> Response:
    """The person chose to open the diary of the posted token in this browser."""
    form = await _form(request)
    if isinstance(form, Response):
        return form
    raw = form.get("token")
    token = raw if isinstance(raw, str) else None
    if await person_for(request, token) is None:
        return not_found(request)
    assert token is not None
    response = RedirectResponse(_url(request, "web_diary"), status_code=303)
    set_diary_cookie(response, request, token)
    return response


def _posted_values(fields: dict[str, str], findings: list[str], care: list[str]) -> dict[str, Any]:
    keep = ("night", "worst_pain", "episodes", "episode_minutes", "sleep_disturbed", "note")
    return {**{k: fields.get(k, "") for k in keep}, "findings": findings, "self_care": care}


@router.post("/diary/nights", name="web_diary_add")
async def add_night(request: Request) -> Response:
    """Add a night; the form again with the problem when it is not valid, or asking to
    replace when that night is already written down."""
    checked = await posted_by_owner(request)
    if isinstance(checked, Response):
        return checked
    form, store, person = checked
    kb = _kb(request)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    findings = [v for v in form.getlist("findings") if isinstance(v, str)]
    care = [v for v in form.getlist("self_care") if isinstance(v, str)]
    values = _posted_values(fields, findings, care)

    def again(error: InputError, ask_replace: bool = False) -> dict[str, Any]:
        return diary_context(kb, store, person, values, error, ask_replace)

    try:
        entry = read_night(kb, fields, findings, care)
    except InputError as exc:
        context = await run_in_threadpool(again, exc)
        return _render(request, Page("diary.html", 422, **context))
    try:
        await run_in_threadpool(store.add_entry, person, entry, fields.get("replace") == "yes")
    except InputError as exc:
        if exc.field != "night":
            raise
        taken = InputError(
            "night",
            f"You already wrote down the night of {entry.night:%d %B %Y}. "
            'To put this one in its place, tick "Replace that night" and save again.',
        )
        context = await run_in_threadpool(again, taken, True)
        return _render(request, Page("diary.html", 409, **context))
    return _back_to_diary(request)


def _night_or_none(
    kb: Knowledge, store: Store, person: Person, entry_id: int
) -> dict[str, Any] | None:
    stored = store.get_entry(person, entry_id)
    return None if stored is None else diary_view.night_row(kb, stored)


@router.get("/diary/nights/{entry_id}", response_class=HTMLResponse, name="web_diary_night")
async def night(request: Request, entry_id: int) -> HTMLResponse:
    """One night, with its note, and a button to delete it."""
    owner = await current_person(request)
    if owner is None:
        return not_found(request)
    row = await run_in_threadpool(_night_or_none, _kb(request), *owner, entry_id)
    if row is None:
        return not_found(request)
    return _render(request, Page("diary_night.html", night=row))


@router.get(
    "/diary/nights/{entry_id}/edit", response_class=HTMLResponse, name="web_diary_night_edit"
)
async def edit_night(request: Request, entry_id: int) -> HTMLResponse:
    """The night's form filled in with what was written; saving replaces that night."""
    owner = await current_person(request)
    if owner is None:
        return not_found(request)
    kb = _kb(request)
    store, person = owner

    def build() -> dict[str, Any] | None:
        stored = store.get_entry(person, entry_id)
        if stored is None:
            return None
        return {
            "night": diary_view.night_row(kb, stored),
            "form": _form_context(kb, diary_view.form_values(stored)),
            "editing": True,
            "error": None,
        }

    context = await run_in_threadpool(build)
    if context is None:
        return not_found(request)
    return _render(request, Page("diary_night_edit.html", **context))


@router.get("/diary/summary", response_class=HTMLResponse, name="web_diary_summary")
async def diary_summary(request: Request) -> HTMLResponse:
    """A printable summary of the diary for a doctor: patterns, chart with its key, nights."""
    owner = await current_person(request)
    if owner is None:
        return not_found(request)
    kb = _kb(request)
    store, person = owner

    def build() -> dict[str, Any]:
        stored = store.list_entries(person)
        return {**diary_view.diary_page(kb, stored, today()), "date": today().isoformat()}

    return _render(request, Page("diary_summary.html", **await run_in_threadpool(build)))


@router.post("/diary/nights/{entry_id}/delete", name="web_diary_night_delete")
async def delete_night(request: Request, entry_id: int) -> Response:
    checked = await posted_by_owner(request)
    if isinstance(checked, Response):
        return checked
    _, store, person = checked
    if not await run_in_threadpool(store.delete_entry, person, entry_id):
        return not_found(request)
    return _back_to_diary(request)


# --- export and delete everything ----------------------------------------------------------


def _download(data: dict[str, Any], name: str, media_type: str) -> Response:
    return Response(
        json.dumps(data, indent=2, ensure_ascii=False),
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


async def _export(request: Request, fhir: bool) -> Response:
    owner = await owner_or_404(request)
    if isinstance(owner, Response):
        return owner
    store, person = owner
    if fhir:
        data = await run_in_threadpool(store.export_fhir, person)
        return _download(data, f"legwise-diary-{today()}.fhir.json", "application/fhir+json")
    data = await run_in_threadpool(store.export_json, person)
    return _download(data, f"legwise-diary-{today()}.json", "application/json")


@router.get("/diary/export.json", name="web_diary_export_json")
async def export_json(request: Request) -> Response:
    """Everything kept about this person, as a JSON file (see docs/store.md)."""
    return await _export(request, fhir=False)


@router.get("/diary/export.fhir.json", name="web_diary_export_fhir")
async def export_fhir(request: Request) -> Response:
    """The diary as a FHIR R4 Bundle of Observations, for a health record."""
    return await _export(request, fhir=True)


@router.get("/diary/delete", response_class=HTMLResponse, name="web_diary_delete")
async def confirm_delete(request: Request) -> HTMLResponse:
    """Are you sure? (Deleting cannot be undone.)"""
    owner = await owner_or_404(request)
    if isinstance(owner, Response):
        return owner
    return _render(request, Page("diary_delete.html"))


@router.post("/diary/delete", name="web_diary_delete_all")
async def delete_everything(request: Request) -> Response:
    """Delete every night, every saved result and the person; forget the cookie."""
    checked = await posted_by_owner(request)
    if isinstance(checked, Response):
        return checked
    _, store, person = checked
    await run_in_threadpool(store.delete_person, person)
    response = _render(request, Page("diary_deleted.html"))
    clear_diary_cookie(response, request)
    return response
