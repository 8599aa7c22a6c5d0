"""A screen reader user hears a field's error and help with the field: every id that a field's
aria-describedby names is on the page (Django names them `<id>_error` and `<id>_helptext`)."""

import pytest

from tests.helpers import parse_html

FUTURE = "2099-01-01"


def described_by_ids(page) -> set[str]:
    return {
        described
        for field in page.select("[aria-describedby]")
        for described in field["aria-describedby"].split()
    }


def missing_descriptions(response) -> set[str]:
    page = parse_html(response.content)
    return {described for described in described_by_ids(page) if page.find(id=described) is None}


@pytest.mark.parametrize(
    ("path", "parameters"),
    [
        ("/gemeenten/", {"size": "reus"}),
        ("/wijzigingen/", {"gemeente": "GM0153", "sinds": FUTURE}),
    ],
)
def test_a_filter_error_is_described_by_an_element_on_the_page(client, enschede, path, parameters):
    response = client.get(path, parameters)

    assert response.status_code in (200, 400)
    assert described_by_ids(parse_html(response.content))
    assert missing_descriptions(response) == set()


def test_the_correction_forms_errors_and_help_are_on_the_page(client, enschede, gibit):
    response = client.post(
        "/gemeenten/GM0153/gibit/klopt-dit-niet/",
        {"message": "", "source_url": "ftp://example.org/x", "email": "geen-adres", "website": ""},
    )

    assert response.status_code == 400
    assert missing_descriptions(response) == set()


def test_the_subscription_forms_error_is_on_the_page(client, enschede):
    response = client.post("/wijzigingen/volgen/?gemeente=GM0153", {"email": "geen-adres"})

    assert described_by_ids(parse_html(response.content))
    assert missing_descriptions(response) == set()
