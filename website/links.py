"""Links: only web addresses are stored and shown as links; absolute site addresses for mail."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

WEB_SCHEMES = ("http", "https")


def is_web_url(value: str) -> bool:
    """True for an absolute http(s) address with a host; javascript:, data: and the rest fail."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def site_url(name: str, *args) -> str:
    """The absolute address of a named URL, for links in mail (no request to read a host from)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)
