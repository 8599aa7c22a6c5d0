"""Links that people type or import: only web addresses are stored and shown as links."""

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def is_web_url(value: str) -> bool:
    """True for an absolute http(s) address with a host; javascript:, data: and the rest fail."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
