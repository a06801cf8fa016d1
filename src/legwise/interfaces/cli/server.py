"""Running the server for `legwise serve`: uvicorn with one app, or the app factory per worker."""

from __future__ import annotations

from typing import Any


def run_server(settings: Any, access_log: bool = True) -> None:
    """Run uvicorn: the app object with one worker, the app factory (each worker builds its
    own app from the environment, which carries these settings) with more."""
    import logging
    import os

    import uvicorn

    from legwise.interfaces import signing_key
    from legwise.interfaces.api.protocols import ENV_TIMEOUT, TimedHttpToolsProtocol
    from legwise.interfaces.api.settings import ENV_NAMES

    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    # The app writes the access log itself, in batches (api/access_log.py): uvicorn's costs
    # a tenth of a worker's time at full load.
    settings = settings.model_copy(update={"access_log": access_log})
    if not os.environ.get(ENV_NAMES["warm_text"]):  # on, unless the environment says
        settings = settings.model_copy(update={"warm_text": True})
    if settings.workers > 1:  # each worker builds its app from the environment
        for name, var in ENV_NAMES.items():
            value = getattr(settings, name)
            if value is None or value == ():
                continue
            os.environ[var] = ",".join(value) if isinstance(value, tuple) else str(value)
    os.environ[ENV_TIMEOUT] = str(settings.header_timeout)  # read by the protocol
    # Read (or make, 0600) the signing key once, before any worker starts: they all use it.
    environ = dict(os.environ)
    if settings.data_dir is not None:
        environ[signing_key.ENV_DATA_DIR] = str(settings.data_dir)
    signing_key.resolve(environ)
    if (
        not settings.base_url
        and not settings.trusted_hosts
        and settings.host
        not in (
            "127.0.0.1",
            "localhost",
            "::1",
        )
    ):
        logging.getLogger("legwise").warning(
            "listening on %s without LEGWISE_BASE_URL or LEGWISE_TRUSTED_HOSTS: private diary "
            "links will be shown without a host name (see docs/security.md)",
            settings.host,
        )
    common: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "http": TimedHttpToolsProtocol,
        "timeout_keep_alive": 5,
        "server_header": False,
    }
    # The access log has method, path and status only: health data travels in bodies.
    if settings.workers == 1:
        from legwise.interfaces.api.app import create_app

        uvicorn.run(create_app(settings), access_log=False, **common)
        return
    uvicorn.run(
        "legwise.interfaces.api.app:create_app",
        factory=True,
        workers=settings.workers,
        access_log=False,
        **common,
    )
