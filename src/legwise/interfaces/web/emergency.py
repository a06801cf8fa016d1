"""The emergency number on the call button: a setting, else the browser's language region.

`LEGWISE_EMERGENCY_NUMBER` (or `app.state.emergency_number`) wins: a service that knows where
it runs says so. Otherwise the region in the browser's Accept-Language ("en-GB" -> 999,
"en-US" -> 911) picks it, and 112 (the number that works across Europe and on most mobile
phones anywhere) when there is no region to go on.
"""

from __future__ import annotations

import os
import re

DEFAULT = "112"
BY_REGION = {
    "GB": "999",
    "IE": "112",
    "US": "911",
    "CA": "911",
    "MX": "911",
    "AU": "000",
    "NZ": "111",
    "IN": "112",
}
ALLOWED = re.compile(r"^[0-9]{2,4}$")
REGION = re.compile(r"^[A-Za-z]{2,3}-([A-Za-z]{2})\b")


def emergency_number(configured: object, accept_language: str | None) -> str:
    """The number to show and dial (digits only, 2 to 4 of them)."""
    for value in (configured, os.environ.get("LEGWISE_EMERGENCY_NUMBER")):
        if isinstance(value, str) and ALLOWED.match(value.strip()):
            return value.strip()
    for part in (accept_language or "").split(",")[:5]:
        m = REGION.match(part.strip())
        if m and m.group(1).upper() in BY_REGION:
            return BY_REGION[m.group(1).upper()]
    return DEFAULT
