"""The web pages (interview, result, doctor's report, diary) as FastAPI routers plus static files.

    from legwise.interfaces.web import mount_web
    mount_web(app)  # includes the router and mounts /static (name "static")

Set `app.state.web_secret` (str or bytes) to sign the interview state with a configured key;
without it `LEGWISE_WEB_SECRET` is used, else a key generated once and kept (0600) in the data
folder, so that every worker and every restart reads every form (`signing_key`).
The diary pages need `app.state.store` (a `StoreHolder`, as `create_app` sets); without it
they answer 404 and the result page offers no saving.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def mount_web(app: FastAPI, secret: str | bytes | None = None) -> None:
    """Add the web pages and their static files to `app`."""
    from fastapi.staticfiles import StaticFiles

    from legwise.interfaces.templates import static_dir
    from legwise.interfaces.web.routes import router
    from legwise.interfaces.web.routes_diary import router as diary_router
    from legwise.interfaces.web.routes_diary import store_error_page
    from legwise.interfaces.web.routes_saved import router as saved_router

    if secret:
        app.state.web_secret = secret
    app.state.store_error_page = store_error_page  # a diary store failure, as a page
    app.include_router(router)
    app.include_router(diary_router)
    app.include_router(saved_router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")


__all__ = ["mount_web"]
