"""Who is asking: the client's address, read where the deployment says it is, and how often
they asked (counted in the database, shared by all workers and race-free)."""

from django.conf import settings

from .attempts import count_attempt_of


def client_address(request) -> str:
    """The address rate limits count by; the last X-Forwarded-For entry behind a proxy."""
    value = request.META.get(settings.CLIENT_ADDRESS_HEADER) or request.META.get("REMOTE_ADDR")
    return (value or "").split(",")[-1].strip()


def count_attempt(kind: str, request, window_seconds: int) -> int:
    """Count one attempt of `kind` from the request's address; returns the attempts in the
    current window."""
    return count_attempt_of(f"{kind}:{client_address(request)}", window_seconds)
