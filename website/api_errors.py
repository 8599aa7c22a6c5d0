"""The error body of the API and the error responses every operation documents."""

import datetime
import re
from typing import Annotated

from ninja import Schema
from pydantic import BeforeValidator


class Problem(Schema):
    """RFC 9457 problem details, as the NL API Design Rules ask."""

    title: str
    status: int
    detail: str


# What a 400 means, in the published schema: values the schema allows but a rule refuses.
RULE_REFUSED = (
    "A value the schema allows but a rule refuses: a day in the future (`as_of`, `since`, "
    "`effective_date`), or `after` together with `as_of`. The problem's detail says which, "
    "in Dutch."
)

# Responses any read may give besides 200: bad or future parameters, unknown resources.
READ_ERRORS = {400: Problem, 404: Problem, 422: Problem}
# Reads that look at an optional bearer token, and the write.
TOKEN_ERRORS = {401: Problem, 429: Problem}
WRITE_ERRORS = {**READ_ERRORS, **TOKEN_ERRORS, 403: Problem, 412: Problem, 413: Problem}


def _iso_date(value):
    """Only a written date (JJJJ-MM-DD): pydantic would read 0 as 1 January 1970."""
    if isinstance(value, datetime.date) or (
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    ):
        return value
    raise ValueError("geen datum in de vorm JJJJ-MM-DD")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]

# Dutch wording of pydantic's error types; others fall back to a general phrase.
VALIDATION_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "is onbekend",
    "enum": "kies uit: {expected}",
    "literal_error": "kies uit: {expected}",
    "date_parsing": "geen geldige datum (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "geen geldige datum (JJJJ-MM-DD)",
    "date_type": "geen geldige datum (JJJJ-MM-DD)",
    "value_error": "geen datum in de vorm JJJJ-MM-DD",
    "int_parsing": "geen geheel getal",
    "int_type": "geen geheel getal",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than_equal": "mag hoogstens {le} zijn",
    "string_too_long": "is te lang (hoogstens {max_length} tekens)",
    "string_type": "moet tekst zijn",
    "json_invalid": "geen geldige JSON",
    "model_attributes_type": "moet een JSON-object zijn",
    "dict_type": "moet een JSON-object zijn",
}


def dutch_validation_detail(errors: list[dict]) -> str:
    """One Dutch sentence per invalid field, such as "status: kies uit: …"."""
    lines = []
    for error in errors:
        field = ".".join(
            str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")
        )
        template = VALIDATION_MESSAGES.get(error.get("type", ""), "ongeldige waarde")
        try:
            message = template.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError):
            message = "ongeldige waarde"
        lines.append(f"{field or 'invoer'}: {message}")
    return "; ".join(lines)
