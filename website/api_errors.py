"""The error body of the API and the error responses every operation documents."""

from ninja import Schema


class Problem(Schema):
    """RFC 9457 problem details, as the NL API Design Rules ask."""

    title: str
    status: int
    detail: str


# Responses any read may give besides 200: bad or future parameters, unknown resources.
READ_ERRORS = {400: Problem, 404: Problem, 422: Problem}
# Reads that look at an optional bearer token, and the write.
TOKEN_ERRORS = {401: Problem, 429: Problem}
WRITE_ERRORS = {**READ_ERRORS, **TOKEN_ERRORS, 403: Problem, 412: Problem, 413: Problem}
