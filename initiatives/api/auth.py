"""Who is calling the API: an optional bearer token, with a limit on bad guesses."""

import logging

from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from website.clients import client_address, count_attempt

from ..adoption.tokens import active_token
from ..permissions import token_speaks_for

logger = logging.getLogger("labregister.api")

BAD_TOKEN_LIMIT = 10  # failed attempts per client address per minute


def _bearer_token(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def token_for(request):
    """The request's valid token, None without one; a bad token is counted and refused.

    A valid token always passes: the limit slows down guessing from one address without
    locking out the people who share it (everyone, behind a reverse proxy).
    """
    raw = _bearer_token(request)
    if raw is None:
        return None
    token = active_token(raw)
    if token is not None:
        return token
    failures = count_attempt("api-bad-token", request, window_seconds=60)
    logger.warning(
        "API token refused for %s (%s in the last minute)", client_address(request), failures
    )
    if failures > BAD_TOKEN_LIMIT:
        raise HttpError(429, "Te veel pogingen met een ongeldige API-sleutel; wacht een minuut.")
    raise AuthenticationError()


class TokenAuth(HttpBearer):
    """Required authentication for writing endpoints."""

    def authenticate(self, request, token):
        return token_for(request)


def check_token_speaks_for(token, municipality) -> None:
    """403 unless the token is one of this municipality's own."""
    if not token_speaks_for(token, municipality.pk):
        raise HttpError(
            403, f"Deze sleutel mag alleen gegevens van {token.membership.municipality} wijzigen."
        )
