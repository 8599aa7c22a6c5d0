"""Middleware of the project as a whole."""

from .api import API_VERSION


def api_version_header(get_response):
    """Every answer of the API, errors and its documentation included, says the full API
    version in `API-Version` (NLGov API Design Rules, /core/version-header)."""

    def middleware(request):
        response = get_response(request)
        if request.path.startswith("/api/v1/"):
            response["API-Version"] = API_VERSION
        return response

    return middleware
