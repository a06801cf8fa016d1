"""Absolute links that leave the page (the private diary link, CDS Hooks link cards).

Built from the configured base URL (LEGWISE_BASE_URL), else from the request only when its
Host is trusted: a trusted-host list (LEGWISE_TRUSTED_HOSTS) or, without one, this machine's
own names. Otherwise the link is a path alone: `Host: evil.example` once made the diary link
`http://evil.example/diary/open/<token>`, which would hand the token to that site.
"""

from __future__ import annotations

from starlette.requests import Request

from legwise.interfaces.api.settings import Settings


def public_base(request: Request) -> str:
    """The base to put before a path ("" when no trusted one is known), without a slash at
    the end."""
    settings = getattr(request.app.state, "settings", None)
    if not isinstance(settings, Settings):
        settings = Settings()
    if settings.base_url:
        return settings.base_url.rstrip("/")
    host = request.headers.get("host", "")
    if host and settings.link_host_trusted(host):
        return str(request.base_url).rstrip("/")
    return ""
