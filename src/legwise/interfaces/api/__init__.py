"""The REST API (FastAPI): `create_app()` in `legwise.interfaces.api.app` builds it.

Nothing here is imported by the engine or the CLI at start-up; `legwise serve` imports
FastAPI and uvicorn only when it runs.
"""
