"""Saved results: keep a result from the result page, list them, reopen one exactly as it
was shown, check it again with today's knowledge, delete it.

Saving re-makes the result from the signed answers and the diary (the same call the result
page used) and stores the case and the result's JSON; reopening renders that stored JSON, so
a later knowledge change never alters it. Only the person's own results are reachable.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legwise.errors import InputError
from legwise.interfaces import views as view
from legwise.interfaces.web import diary_view
from legwise.interfaces.web.interview_pages import assess_shown
from legwise.interfaces.web.owner import DiaryAccess, current_person
from legwise.interfaces.web.page import Page, _error, _form, _kb, _render, _secret
from legwise.interfaces.web.routes_diary import (
    _url,
    not_found,
    owner_or_404,
    posted_by_owner,
)
from legwise.interfaces.web.state import BadState, verify
from legwise.kb.loader import Knowledge
from legwise.store import Person, SavedAssessment, Store

router = APIRouter(include_in_schema=False)


def _save(kb: Knowledge, diary: DiaryAccess, case: dict[str, Any]) -> SavedAssessment:
    shown = assess_shown(kb, case, diary.entries())
    return diary.store.save_assessment(diary.person, shown.case.to_dict(), shown.to_dict())


@router.post("/diary/results", name="web_saved_add")
async def save_result(request: Request) -> Response:
    """Keep the result the signed answers give (with the diary, as the result page showed)."""
    checked = await posted_by_owner(request)
    if isinstance(checked, Response):
        return checked
    form, store, person = checked
    raw = form.get("state")
    try:
        state = verify(raw if isinstance(raw, str) else None, _secret(request))
    except BadState:
        return _render(request, _error("This result could not be read. Please start again.", 400))
    try:
        saved = await run_in_threadpool(
            _save, _kb(request), DiaryAccess(store, person), state.case()
        )
    except InputError as exc:
        page = _error(f"This result could not be saved ({exc.field}). Please start again.", 422)
        return _render(request, page)
    return RedirectResponse(_url(request, "web_saved_one", saved_id=saved.id), status_code=303)


def _row(kb: Knowledge, saved: SavedAssessment) -> dict[str, Any]:
    level = saved.level
    return {
        "id": saved.id,
        "date": f"{saved.created_at:%d %B %Y, %H:%M} UTC",
        "level": kb.levels[level].label if level in kb.levels else level,
        "top": [c.get("name", c.get("id")) for c in saved.result.get("conditions", [])[:2]],
    }


@router.get("/diary/results", response_class=HTMLResponse, name="web_saved")
async def saved_list(request: Request) -> HTMLResponse:
    """Every saved result, newest first."""
    owner = await owner_or_404(request)
    if isinstance(owner, Response):
        return owner
    store, person = owner
    saved = await run_in_threadpool(store.list_assessments, person)
    kb = _kb(request)
    return _render(request, Page("saved_list.html", results=[_row(kb, s) for s in saved]))


async def _saved(request: Request, saved_id: int) -> tuple[Store, Person, SavedAssessment] | None:
    owner = await current_person(request)
    if owner is None:
        return None
    store, person = owner
    saved = await run_in_threadpool(store.get_assessment, person, saved_id)
    return None if saved is None else (store, person, saved)


async def _posted_saved(
    request: Request, saved_id: int
) -> tuple[Store, Person, SavedAssessment] | Response:
    """A CSRF-checked post about one of the owner's saved results; the error page or 404."""
    form = await _form(request)
    if isinstance(form, Response):
        return form
    found = await _saved(request, saved_id)
    return not_found(request) if found is None else found


@router.get("/diary/results/{saved_id}", response_class=HTMLResponse, name="web_saved_one")
async def saved_one(request: Request, saved_id: int) -> HTMLResponse:
    """A saved result, rendered from what was stored: exactly what was shown then."""
    found = await _saved(request, saved_id)
    if found is None:
        return not_found(request)
    saved = found[2]
    kb = _kb(request)
    data = view.page(kb, saved.result, saved.case)
    page = Page(
        "result.html",
        saved=_row(kb, saved) | {"knowledge_version": saved.knowledge_version},
        from_diary=diary_view.from_diary(kb, saved.result),
        reassess_path=_url(request, "web_saved_reassess", saved_id=saved.id),
        delete_path=_url(request, "web_saved_delete", saved_id=saved.id),
        **data,
    )
    return _render(request, page)


def _names(result: dict[str, Any], ids: tuple[str, ...]) -> list[str]:
    names = {c.get("id"): c.get("name") for c in result.get("conditions", [])}
    return [str(names.get(i) or i) for i in ids]


def difference(kb: Knowledge, saved: SavedAssessment) -> dict[str, Any]:
    """What changed with today's knowledge: level then and now, top causes then and now,
    causes whose chance moved, advice that came or went."""
    from legwise.store import reassess

    again = reassess(saved, kb)

    def level(level_id: str | None) -> str:
        return kb.levels[level_id].label if level_id in kb.levels else str(level_id)

    def percent(p: float | None) -> str:
        return "not listed" if p is None else f"{p:.0%}"

    names = {c.get("id"): c.get("name") for c in again.current.get("conditions", [])}
    names.update({c.get("id"): c.get("name") for c in again.stored.get("conditions", [])})
    advice = {aid: a.name for aid, a in kb.advice.items()}
    return {
        "saved": _row(kb, saved),
        "same_knowledge": again.same_knowledge,
        "knowledge_before": again.knowledge_before,
        "knowledge_after": again.knowledge_after,
        "changed": again.changed,
        "level_before": level(again.level_before),
        "level_after": level(again.level_after),
        "level_changed": again.level_changed,
        "top_before": _names(again.stored, again.top_before),
        "top_after": _names(again.current, again.top_after),
        "moved": [
            {
                "name": names.get(c.condition) or c.condition,
                "before": percent(c.before),
                "after": percent(c.after),
            }
            for c in again.probability_changes
        ],
        "added": [advice.get(a, a) for a in again.advice_added],
        "removed": [advice.get(a, a) for a in again.advice_removed],
    }


@router.post("/diary/results/{saved_id}/reassess", name="web_saved_reassess")
async def saved_reassess(request: Request, saved_id: int) -> Response:
    """The same answers with today's knowledge, side by side with what was shown."""
    found = await _posted_saved(request, saved_id)
    if isinstance(found, Response):
        return found
    try:
        diff = await run_in_threadpool(difference, _kb(request), found[2])
    except InputError:
        message = (
            "Today's knowledge can no longer read these answers. Please answer the questions again."
        )
        return _render(request, _error(message, 422))
    back = _url(request, "web_saved_one", saved_id=saved_id)
    return _render(request, Page("saved_reassess.html", diff=diff, back=back))


@router.post("/diary/results/{saved_id}/delete", name="web_saved_delete")
async def saved_delete(request: Request, saved_id: int) -> Response:
    found = await _posted_saved(request, saved_id)
    if isinstance(found, Response):
        return found
    store, person, saved = found
    await run_in_threadpool(store.delete_assessment, person, saved.id)
    return RedirectResponse(_url(request, "web_saved"), status_code=303)
