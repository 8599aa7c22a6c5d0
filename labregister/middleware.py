"""Middleware of the project as a whole."""

from .api import API_VERSION, problem

API_PREFIX = "/api/v1/"


def api_version_header(get_response):
    """Every answer of the API, errors and its documentation included, says the full API
    version in `API-Version` (NLGov API Design Rules, /core/version-header)."""

    def middleware(request):
        response = get_response(request)
        if request.path.startswith(API_PREFIX):
            response["API-Version"] = API_VERSION
        return response

    return middleware


def api_refuses_nul_characters(get_response):
    """A NUL character in an API address or its query is refused with a 400 before any
    endpoint sees it: PostgreSQL cannot hold one in a text and would answer with an error
    (a 500), where SQLite simply finds nothing. The site's forms refuse it themselves."""

    def middleware(request):
        if request.path.startswith(API_PREFIX) and (
            "\x00" in request.path
            or any("\x00" in key or "\x00" in value for key, value in request.GET.items())
        ):
            return problem(
                400,
                "Ongeldige invoer",
                "Het adres of een parameter bevat een NUL-teken (%00); dat kan geen waarde zijn.",
            )
        return get_response(request)

    return middleware
