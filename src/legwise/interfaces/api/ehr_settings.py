"""Settings for serving an EHR: body limits of the FHIR and CDS Hooks routes, CORS, JWT.

Read from LEGWISE_* environment variables only when asked (`EHRSettings.from_env()`); kept
apart from `Settings` so the web and the EHR integration can change without touching each
other. docs/fhir.md ("Integrating with an EHR") lists every variable.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MIB = 1024 * 1024
ENV_NAMES = {
    "fhir_max_body_bytes": "LEGWISE_FHIR_MAX_BODY_BYTES",
    "cds_max_body_bytes": "LEGWISE_CDS_MAX_BODY_BYTES",
    "cors_origins": "LEGWISE_CORS_ORIGINS",
    "cds_jwt": "LEGWISE_CDS_JWT",
    "cds_jwt_issuers": "LEGWISE_CDS_JWT_ISSUERS",
    "cds_jwt_audience": "LEGWISE_CDS_JWT_AUDIENCE",
}
LIST_SETTINGS = ("cors_origins", "cds_jwt_audience")  # comma-separated in the environment
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class EHRSettings(BaseModel):
    """How the FHIR and CDS Hooks routes meet an EHR."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # A CDS call with a few hundred prefetched resources, or a pretty-printed $next-question
    # late in the interview, is far over the 64 KiB other routes accept.
    fhir_max_body_bytes: int = Field(default=8 * MIB, ge=1024)
    cds_max_body_bytes: int = Field(default=8 * MIB, ge=1024)
    # Browser origins (scheme://host[:port]) allowed to call /fhir and /cds-services; none
    # by default (no CORS headers, preflight not answered). "*" allows any origin.
    cors_origins: tuple[str, ...] = ()
    # "auto": a JWT is required on CDS calls unless the server listens on, and the call
    # arrives over, a loopback address without a proxy's forwarding headers.
    cds_jwt: Literal["auto", "on", "off"] = "auto"
    # Issuer (`iss`) -> the URL of its JWKS. Only these issuers are trusted.
    cds_jwt_issuers: dict[str, str] = Field(default_factory=dict)
    # Accepted `aud` values; empty: the URL of the service being called (the spec's rule).
    cds_jwt_audience: tuple[str, ...] = ()

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for origin in value:
            if origin != "*" and not origin.startswith(("http://", "https://")):
                raise ValueError(f"{origin!r}: expected scheme://host[:port] or *")
        return tuple(o.rstrip("/") for o in value)

    @field_validator("cds_jwt_issuers")
    @classmethod
    def _issuers(cls, value: dict[str, str]) -> dict[str, str]:
        for iss, url in value.items():
            if not url.startswith(("https://", "http://", "file://")):
                raise ValueError(f"issuer {iss!r}: the JWKS url must be http(s):// or file://")
        return value

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> EHRSettings:
        """Settings from LEGWISE_* variables (unset or empty ones keep their defaults).

        Lists are comma-separated; LEGWISE_CDS_JWT_ISSUERS is a JSON object
        `{"issuer": "jwks url"}`.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, var in ENV_NAMES.items():
            raw = env.get(var)
            if not raw:
                continue
            if name in LIST_SETTINGS:
                values[name] = tuple(p.strip() for p in raw.split(",") if p.strip())
            elif name == "cds_jwt_issuers":
                try:
                    values[name] = json.loads(raw)
                except ValueError:
                    raise ValueError(f"{var}: expected a JSON object") from None
            else:
                values[name] = raw
        return cls.model_validate(values)


def is_loopback(host: str) -> bool:
    """True for localhost names and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def startup_warnings(host: str, ehr: EHRSettings) -> list[str]:
    """What an operator should hear at start-up: a CDS service that will refuse every call."""
    needs_jwt = ehr.cds_jwt == "on" or (ehr.cds_jwt == "auto" and not is_loopback(host))
    if needs_jwt and not ehr.cds_jwt_issuers:
        return [
            "CDS Hooks calls need a JWT here but LEGWISE_CDS_JWT_ISSUERS is empty: every CDS "
            "call will be refused (401). Set the EHR's issuer and JWKS url, or "
            "LEGWISE_CDS_JWT=off for local testing."
        ]
    return []
