"""The diary over REST, for apps that keep a person's night diary through legwise.

A diary is reached only with its token, sent as `Authorization: Bearer <token>` (never in a
URL, which logs and browser histories keep). `POST /v1/diary` makes a diary and returns its
token once; legwise keeps only the token's hash. A missing or unknown token is 404, the same
as a diary or entry that does not exist, so a guess learns nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from legwise.diary.entry import DiaryEntry, check_entry
from legwise.errors import InputError
from legwise.interfaces.api.deps import KnowledgeDep
from legwise.interfaces.api.models import ErrorOut
from legwise.interfaces.api.responses import FastJSONResponse as JSONResponse
from legwise.interfaces.api.store_holder import StoreHolder
from legwise.interfaces.api.strict_route import StrictJSONRoute
from legwise.store.store import MAX_ROW_ID

if TYPE_CHECKING:
    from legwise.store import Person, Store, StoredEntry

router = APIRouter(prefix="/v1/diary", tags=["diary"], route_class=StrictJSONRoute)
bearer = HTTPBearer(
    auto_error=False,
    scheme_name="diaryToken",
    description="The diary's token, as returned once by POST /v1/diary.",
)
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No diary with this token (or no token), or no such entry."}
}
BAD_INPUT: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut, "description": "Bad input; `loc` names the field."},
    503: {"description": "The diary database cannot be reached; try again later."},
}


class CreatedOut(BaseModel):
    token: str = Field(description="The diary's secret token. Shown only this once.")
    message: str


class EntryOut(DiaryEntry):
    """A night as stored: the entry, its id, and when it was first and last saved."""

    id: int
    created_at: dt.datetime
    updated_at: dt.datetime


class EntriesOut(BaseModel):
    entries: list[EntryOut] = Field(description="Oldest night first.")


@dataclass(frozen=True)
class Owner:
    """The store and the person a request's token opens."""

    store: Store
    person: Person


def _holder(request: Request) -> StoreHolder:
    holder: StoreHolder = request.app.state.store
    return holder


async def diary_owner(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Owner:
    """The diary the bearer token opens; 404 when there is no token or it opens nothing."""
    if credentials is None or not credentials.credentials:
        raise HTTPException(404, "no such diary")
    holder = _holder(request)

    def lookup() -> Owner | None:
        store = holder.get()
        person = store.person_for_token(credentials.credentials)
        return None if person is None else Owner(store, person)

    owner = await run_in_threadpool(lookup)
    if owner is None:
        raise HTTPException(404, "no such diary")
    return owner


OwnerDep = Annotated[Owner, Depends(diary_owner)]


def _entry_out(stored: StoredEntry) -> EntryOut:
    # Not validated again: the entry was checked when saved (a rule made stricter since, such
    # as the earliest night, must not make a stored night unlistable, or undeletable).
    return EntryOut.model_construct(
        **stored.entry.model_dump(),
        id=stored.id,
        created_at=stored.created_at,
        updated_at=stored.updated_at,
    )


@router.post(
    "",
    status_code=201,
    summary="Start a diary",
    response_model=CreatedOut,
    responses={503: BAD_INPUT[503]},
)
async def create_diary(request: Request) -> CreatedOut:
    """Make a new, empty diary and return its token. Keep the token: it is the only way in,
    and legwise cannot show it again."""
    holder = _holder(request)
    _person, token = await run_in_threadpool(lambda: holder.get().create_person())
    return CreatedOut(
        token=token,
        message="Send this token as 'Authorization: Bearer <token>'. It is not shown again.",
    )


@router.get(
    "/entries",
    summary="List the nights",
    response_model=EntriesOut,
    responses={**NOT_FOUND, 503: BAD_INPUT[503]},
)
async def list_entries(owner: OwnerDep) -> EntriesOut:
    stored = await run_in_threadpool(owner.store.list_entries, owner.person)
    return EntriesOut(entries=[_entry_out(s) for s in stored])


@router.post(
    "/entries",
    status_code=201,
    summary="Add a night",
    response_model=EntryOut,
    responses={**NOT_FOUND, **BAD_INPUT},
)
async def add_entry(
    entry: DiaryEntry,
    owner: OwnerDep,
    kb: KnowledgeDep,
    replace: Annotated[
        bool, Query(description="Replace the entry of that night if there is one.")
    ] = False,
) -> EntryOut:
    """Save one night. `findings` are finding ids and `self_care` advice ids of the knowledge
    base (GET /v1/knowledge/findings, /v1/knowledge/advice). A night that already has an
    entry is a 422 naming `night` unless `replace` is true."""
    check_entry(kb, entry)
    if "\x00" in entry.note:  # PostgreSQL cannot store it; say so instead of failing
        raise InputError("note", "must not contain NUL characters")
    stored = await run_in_threadpool(owner.store.add_entry, owner.person, entry, replace)
    return _entry_out(stored)


@router.delete(
    "/entries/{entry_id}",
    status_code=204,
    summary="Delete a night",
    responses={**NOT_FOUND, 503: BAD_INPUT[503]},
)
async def delete_entry(
    owner: OwnerDep, entry_id: Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
) -> Response:
    if not await run_in_threadpool(owner.store.delete_entry, owner.person, entry_id):
        raise HTTPException(404, "no such entry")
    return Response(status_code=204)


@router.get(
    "/trends",
    summary="What the diary shows",
    responses={**NOT_FOUND, 503: BAD_INPUT[503]},
)
async def trends(owner: OwnerDep, kb: KnowledgeDep) -> JSONResponse:
    """The diary's trend patterns (each with its sentence, figures and sources), the findings
    they set, new symptoms and weekly figures; windows end today (the server's date)."""
    from legwise.diary.trends import read_diary

    def read() -> dict[str, Any]:
        entries = [s.entry for s in owner.store.list_entries(owner.person)]
        today = dt.date.today()
        return {"today": today.isoformat(), **read_diary(entries, today=today, kb=kb).to_dict()}

    return JSONResponse(await run_in_threadpool(read))


@router.get(
    "/export",
    summary="Export everything",
    responses={
        200: {
            "description": "json: legwise's format (application/json); fhir: a FHIR R4 "
            "Bundle (application/fhir+json).",
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "application/fhir+json": {"schema": {"$ref": "#/components/schemas/Bundle"}},
            },
        },
        **NOT_FOUND,
        503: BAD_INPUT[503],
    },
)
async def export(
    owner: OwnerDep,
    format: Annotated[
        Literal["json", "fhir"],
        Query(description="json: legwise's own format; fhir: a FHIR R4 Bundle of Observations."),
    ] = "json",
) -> JSONResponse:
    """Everything kept for this diary (docs/store.md describes both formats)."""
    fn = owner.store.export_fhir if format == "fhir" else owner.store.export_json
    data = await run_in_threadpool(fn, owner.person)
    media = "application/fhir+json" if format == "fhir" else "application/json"
    return JSONResponse(data, media_type=media, headers={"Cache-Control": "no-store"})


@router.delete(
    "",
    status_code=204,
    summary="Delete the diary",
    responses={**NOT_FOUND, 503: BAD_INPUT[503]},
)
async def delete_diary(owner: OwnerDep) -> Response:
    """Delete every night, every saved result and the token, for good."""
    await run_in_threadpool(owner.store.delete_person, owner.person)
    return Response(status_code=204)
