"""The EHR's JWT on CDS Hooks calls (CDS Hooks 2.0, "Trusting CDS Clients").

The client sends `Authorization: Bearer <JWT>` signed with a key from its JWKS. legwise
trusts only issuers in `EHRSettings.cds_jwt_issuers` (iss -> JWKS url, fetched from there,
never from the token's own `jku`), and checks the signature, `iss`, `aud` (the service's
URL, or the configured audiences), `exp` (at most five minutes ahead, as the spec asks),
`iat` and `jti` (a token is accepted once). Messages never quote the token.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from legwise.interfaces.api.ehr_settings import is_loopback

ALGORITHMS = ("ES384", "RS384", "ES256", "RS256", "ES512", "RS512", "PS384")
MAX_LIFETIME = 300  # seconds: the spec's five minutes
LEEWAY = 30  # seconds of clock difference tolerated
JWKS_TTL = 300  # seconds a fetched key set is reused
REFETCH_AFTER = 30  # seconds before an unknown `kid` may fetch the set again
JWKSFetch = Callable[[str], Mapping[str, Any]]


class AuthError(Exception):
    """The call is not authenticated: HTTP 401 naming the reason (never the token)."""


def fetch_jwks(url: str) -> Mapping[str, Any]:
    """GET a JWKS over https (http only to a loopback host, for local testing) or a file."""
    parts = urlsplit(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise AuthError("the issuer's JWKS url must use https")
    if parts.scheme not in ("https", "http", "file"):
        raise AuthError("the issuer's JWKS url must use https")
    with urllib.request.urlopen(url, timeout=5) as reply:
        data = json.loads(reply.read(1024 * 1024))
    if not isinstance(data, Mapping) or not isinstance(data.get("keys"), list):
        raise AuthError("the issuer's JWKS is not a key set")
    return data


class CDSAuth:
    """Verifies CDS Hooks JWTs against an issuer allowlist; thread-safe."""

    def __init__(
        self,
        issuers: Mapping[str, str],
        audiences: tuple[str, ...] = (),
        fetch: JWKSFetch = fetch_jwks,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.issuers = dict(issuers)
        self.audiences = audiences
        self.fetch = fetch
        self.clock = clock
        self._keys: dict[str, tuple[float, Mapping[str, Any]]] = {}  # url -> (fetched, set)
        self._seen: dict[str, float] = {}  # iss|jti -> exp
        self._lock = threading.Lock()

    def verify(self, authorization: str | None, service_url: str) -> dict[str, Any]:
        """The token's claims; AuthError when it is missing, forged, stale or replayed."""
        import jwt

        if not authorization or not authorization.lower().startswith("bearer "):
            raise AuthError("expected an Authorization: Bearer JWT from the CDS client")
        token = authorization[7:].strip()
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise AuthError("the bearer token is not a JWT") from None
        iss = unverified.get("iss")
        if not isinstance(iss, str) or iss not in self.issuers:
            raise AuthError("the token's issuer (iss) is not trusted")
        alg = header.get("alg")
        if alg not in ALGORITHMS:
            raise AuthError("the token's algorithm (alg) is not accepted")
        key = self._key(self.issuers[iss], header.get("kid"))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[alg],
                audience=list(self.audiences or (service_url,)),
                issuer=iss,
                leeway=LEEWAY,
                options={"require": ["iss", "aud", "exp", "iat", "jti"]},
            )
        except jwt.ExpiredSignatureError:
            raise AuthError("the token has expired (exp)") from None
        except jwt.InvalidAudienceError:
            raise AuthError("the token's audience (aud) is not this service") from None
        except jwt.MissingRequiredClaimError as exc:
            raise AuthError(f"the token has no {exc.claim!r} claim") from None
        except jwt.PyJWTError:
            raise AuthError("the token's signature or claims are not valid") from None
        now = self.clock()
        exp = float(claims["exp"])
        if exp > now + MAX_LIFETIME + LEEWAY:
            raise AuthError("the token's exp is more than five minutes ahead")
        self._once(f"{iss}|{claims['jti']}", exp, now)
        return claims

    def _once(self, jti: str, exp: float, now: float) -> None:
        with self._lock:
            for old in [k for k, until in self._seen.items() if until + LEEWAY < now]:
                del self._seen[old]
            if jti in self._seen:
                raise AuthError("the token was already used (jti)")
            self._seen[jti] = exp

    def _key(self, url: str, kid: Any) -> Any:
        import jwt

        for refetch in (False, True):
            keys = self._key_set(url, refetch)
            for jwk in keys.get("keys", []):
                if not isinstance(jwk, Mapping) or (kid is not None and jwk.get("kid") != kid):
                    continue
                try:
                    return jwt.PyJWK(dict(jwk)).key
                except jwt.PyJWTError:
                    continue
        raise AuthError("no key in the issuer's JWKS matches the token (kid)")

    def _key_set(self, url: str, refetch: bool) -> Mapping[str, Any]:
        now = time.monotonic()
        with self._lock:
            cached = self._keys.get(url)
        if cached is not None:
            age = now - cached[0]
            if age < JWKS_TTL and not (refetch and age > REFETCH_AFTER):
                return cached[1]
        try:
            keys = self.fetch(url)
        except AuthError:
            raise
        except Exception as exc:  # network, file or JSON trouble: not the caller's fault
            raise AuthError(f"the issuer's JWKS could not be read ({type(exc).__name__})") from None
        with self._lock:
            self._keys[url] = (now, keys)
        return keys
