"""Who is asking: the client's address, read where the deployment says it is."""

from django.conf import settings


def client_address(request) -> str:
    """The address rate limits count by; the last X-Forwarded-For entry behind a proxy."""
    value = request.META.get(settings.CLIENT_ADDRESS_HEADER) or request.META.get("REMOTE_ADDR")
    return (value or "").split(",")[-1].strip()
