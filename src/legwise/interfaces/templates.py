"""The Jinja templates and static files of the pages, in one place for everyone who draws one.

The web pages, the doctor's report (HTML and PDF) and the terminal's diary chart (an SVG file)
all render from the same templates, so each reads them from here rather than from the web
routes (which once made the chart module import the routes that imported the chart module).
The files themselves stay in the web package's `templates/` and `static/` folders.
"""

from __future__ import annotations

import functools
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape

PACKAGE = "legwise.interfaces.web"


@functools.cache
def templates() -> Environment:
    return Environment(
        loader=PackageLoader(PACKAGE, "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.cache
def stylesheet() -> str:
    return resources.files(PACKAGE).joinpath("static", "web.css").read_text(encoding="utf-8")


def static_dir() -> str:
    """The folder to mount at /static (name "static") beside the web routes."""
    return str(resources.files(PACKAGE).joinpath("static"))
