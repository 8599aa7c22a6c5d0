"""The Content-Security-Policy header: strict on public pages, looser where tools need it."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

# Wagtail's admin (date pickers) and django-ninja's API docs write inline scripts.
INLINE_SCRIPT_PREFIXES = ("/admin/", "/api/v1/docs")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, allowing inline scripts only under INLINE_SCRIPT_PREFIXES."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(INLINE_SCRIPT_PREFIXES):
            parts.update = {**(parts.update or {}), "script-src": [UNSAFE_INLINE]}
        return parts
