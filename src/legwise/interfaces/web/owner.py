"""Whose diary a web request may see: the secret token in the `legwise_diary` cookie.

There are no accounts. Starting a diary makes a person with a long random token (see
`Store.create_person`); the token goes into an HttpOnly cookie and, once, into a private link
(`/diary/open/<token>`) that opens the diary on another device. Every diary page looks the
person up from the cookie; no cookie, or one that matches nobody, is the same 404 as a page
that does not exist, so a guess learns nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from legwise.interfaces.api.store_holder import StoreHolder

if TYPE_CHECKING:
    from legwise.diary.entry import DiaryEntry
    from legwise.store import Person, Store

DIARY_COOKIE = "legwise_diary"
MAX_AGE = 400 * 24 * 3600  # the longest browsers keep a cookie (about 13 months)


@dataclass(frozen=True)
class DiaryAccess:
    """A person's diary, read only when a page needs it (in the thread pool: it blocks)."""

    store: Store
    person: Person

    def entries(self) -> list[DiaryEntry]:
        return [s.entry for s in self.store.list_entries(self.person)]


def store_holder(request: Request) -> StoreHolder | None:
    """The app's store, or None when this app serves no diary (pages mounted without one)."""
    holder = getattr(request.app.state, "store", None)
    return holder if isinstance(holder, StoreHolder) else None


def _lookup(holder: StoreHolder, token: str) -> tuple[Store, Person] | None:
    store = holder.get()
    person = store.person_for_token(token)
    return None if person is None else (store, person)


async def person_for(request: Request, token: str | None) -> tuple[Store, Person] | None:
    """The store and the person whose token this is, or None. Opens the store if needed."""
    holder = store_holder(request)
    if holder is None or not token:
        return None
    return await run_in_threadpool(_lookup, holder, token)


async def current_person(request: Request) -> tuple[Store, Person] | None:
    """The store and the person of this request's diary cookie, or None.

    Without a cookie the store is not opened at all: the interview pages stay free of any
    database for people who never start a diary."""
    return await person_for(request, request.cookies.get(diary_cookie(request)))


def diary_cookie(request: Request) -> str:
    """The diary cookie's name for this request (`__Host-` prefixed over HTTPS)."""
    from legwise.interfaces.web.state import cookie_name

    return cookie_name(DIARY_COOKIE, request.url.scheme)


def set_diary_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        diary_cookie(request),
        token,
        max_age=MAX_AGE,
        httponly=True,
        samesite="lax",  # a link from elsewhere may open the diary; a form from elsewhere may not
        secure=request.url.scheme == "https",
        path="/",
    )


def clear_diary_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        diary_cookie(request),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
