"""The JSON API at /api/v1/: django-ninja, errors as problem+json (NL API Design Rules)."""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from initiatives.api.routes import router as initiatives_router
from labs.web.api import router as labs_router
from website.api_errors import RULE_REFUSED, dutch_validation_detail

logger = logging.getLogger("labregister.api")


class LabregisterAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        """`<app>_api_<function>`: stable when an app reorganises its API modules."""
        function = operation.view_func
        return f"{function.__module__.split('.')[0]}_api_{function.__name__}"

    def get_openapi_schema(self, *args, **kwargs):
        """Document error responses with the media type they are sent with, and what a 400
        means."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if status == "400":
                        response["description"] = RULE_REFUSED
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
                    if int(status) < 400:
                        response.setdefault("headers", {})["API-Version"] = VERSION_HEADER
        return _under_versioned_server(schema)


# The full version, sent in the API-Version header of every answer; the address carries the
# major version only (/api/v1/), as the NLGov API Design Rules ask.
API_VERSION = "1.0.0"
SERVER = "/api/v1"
VERSION_HEADER = {
    "description": "The full version of the API that answered (semantic versioning).",
    "schema": {"type": "string", "example": API_VERSION},
}


def _under_versioned_server(schema: dict) -> dict:
    """Paths relative to the server address that holds the major version, and whom to ask."""
    schema["servers"] = [{"url": SERVER, "description": "Labregister API, major version 1"}]
    schema["paths"] = {
        path.removeprefix(SERVER): operations for path, operations in schema["paths"].items()
    }
    schema["info"]["contact"] = {
        "name": settings.PUBLISHER_NAME,
        "email": settings.PUBLISHER_EMAIL,
        "url": settings.PUBLISHER_URL,
    }
    return schema


api = LabregisterAPI(
    title="Labregister API",
    version=API_VERSION,
    description=(
        "Shared municipal initiatives, their adoption per municipality (CBS codes), living-lab "
        "results and adoption-gap reports. Reads are public; writing an adoption status needs "
        "a bearer token issued for a membership of that municipality."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def problem(status: int, title: str, detail: str = "", **extra) -> JsonResponse:
    """An error body as RFC 9457 problem details."""
    body = {"title": title, "status": status, "detail": detail or title, **extra}
    return JsonResponse(body, status=status, content_type="application/problem+json")


@api.exception_handler(NinjaValidationError)
def invalid_input(request, exc):
    """422 with a Dutch description of each invalid field."""
    return problem(422, "Ongeldige invoer", dutch_validation_detail(exc.errors), errors=exc.errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    """An HttpError raised by an endpoint, as problem+json."""
    return problem(exc.status_code, str(exc.message))


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    """401 for a missing, wrong or revoked token."""
    return problem(401, "Niet geautoriseerd", "Geen geldige of een ingetrokken API-sleutel.")


@api.exception_handler(Http404)
def not_found(request, exc):
    """404 as problem+json."""
    return problem(404, "Niet gevonden", "Deze bron bestaat niet.")


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    """413 for a body over the size limit."""
    return problem(413, "Verzoek te groot", "De inhoud van het verzoek is te groot.")


@api.exception_handler(Exception)
def server_error(request, exc):
    """An unexpected error: logged with its traceback, answered as problem+json, not HTML."""
    logger.exception("API error on %s %s", request.method, request.path)
    return problem(500, "Serverfout", "Er ging iets mis aan onze kant; probeer het later opnieuw.")


api.add_router("/", initiatives_router)
api.add_router("/", labs_router)
