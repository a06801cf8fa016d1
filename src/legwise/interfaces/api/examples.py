"""Request examples for the OpenAPI document, and the responses legwise really gives them.

The responses are stored in `examples.json`, made by running these requests through the
same services the routes use. Regenerate after a knowledge change:

    uv run python -m legwise.interfaces.api.examples
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

FILE = "examples.json"

# operation ("METHOD /path") -> example name -> {"summary", "value"}; the first is answered.
REQUESTS: dict[str, dict[str, dict[str, Any]]] = {
    "POST /v1/assess": {
        "swollen_calf": {
            "summary": "One swollen, tender calf",
            "value": {
                "id": "c1",
                "age": 58,
                "sex": "male",
                "findings": {
                    "one_leg_swollen": "present",
                    "calf_tenderness": "present",
                    "chest_pain_or_breathless": "absent",
                },
            },
        },
        "emergency": {
            "summary": "Swollen leg and short of breath (ambulance)",
            "value": {
                "id": "c2",
                "age": 61,
                "findings": {"one_leg_swollen": "present", "chest_pain_or_breathless": "present"},
            },
        },
        "arterial": {
            "summary": "Night foot pain with a low ankle-brachial index",
            "value": {
                "age": 70,
                "sex": "male",
                "findings": {
                    "foot_pain_worse_elevated": "present",
                    "relieved_by_dangling_leg": "present",
                    "ankle_brachial_index": 0.45,
                },
            },
        },
        "free_text": {
            "summary": "Free text (read first; findings override it)",
            "value": {"text": "I'm 67, my calf seizes up at night for a few minutes, no swelling"},
        },
    },
    "POST /v1/assess/batch": {
        "two_cases": {
            "summary": "Two cases",
            "value": [
                {"id": "a", "age": 67, "findings": {"brief_cramp_episodes": "present"}},
                {
                    "id": "b",
                    "age": 58,
                    "findings": {"one_leg_swollen": "present", "calf_tenderness": "present"},
                },
            ],
        },
    },
    "POST /v1/interview/next": {
        "start": {"summary": "No answers yet", "value": {"findings": {}}},
        "later": {
            "summary": "Some answers, for a clinician",
            "value": {
                "age": 70,
                "sex": "male",
                "findings": {"one_leg_swollen": "absent"},
                "audience": "clinician",
            },
        },
    },
    "POST /v1/parse": {
        "clinician_note": {
            "summary": "A clinician's note",
            "value": {"text": "67M, L calf swelling 3 cm > R, hx DVT, no SOB"},
        },
        "lay_words": {
            "summary": "A person's own words",
            "value": {"text": "My legs ache and twitch at night and I have to move them"},
        },
    },
}


def answer(operation: str, body: Any) -> Any:
    """What legwise returns for `body` on `operation` (the routes' services, no HTTP)."""
    from legwise.interfaces.api import services
    from legwise.kb.loader import load_knowledge

    kb = load_knowledge()
    if operation == "POST /v1/assess":
        return services.assess_one(kb, body)
    if operation == "POST /v1/assess/batch":
        return services.assess_many(kb, body)
    if operation == "POST /v1/interview/next":
        case = {k: v for k, v in body.items() if k != "audience"}
        return services.interview_step(kb, case, body.get("audience", "patient"))
    if operation == "POST /v1/parse":
        return services.read_text(kb, body["text"])
    raise KeyError(operation)


def first_request(operation: str) -> Any:
    return next(iter(REQUESTS[operation].values()))["value"]


@functools.cache
def responses() -> dict[str, Any]:
    """The stored response to each operation's first request example."""
    text = resources.files("legwise.interfaces.api").joinpath(FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def write() -> Path:
    """Answer every operation's first example and store the responses beside this module."""
    out = {op: answer(op, first_request(op)) for op in REQUESTS}
    path = Path(__file__).with_name(FILE)
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write()}")
