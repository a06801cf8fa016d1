"""A JSON response encoded by pydantic-core (Rust), which legwise already depends on.

An assessment is a large nested dict; the standard library's json.dumps took about 0.3 ms of
each /v1/assess request, pydantic-core about a tenth of that.
"""

from __future__ import annotations

from typing import Any

import pydantic_core
from fastapi.responses import JSONResponse


class FastJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return pydantic_core.to_json(content)
