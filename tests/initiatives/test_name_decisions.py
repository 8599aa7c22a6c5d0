"""VNG records once what a name that sources write means; a wrong code changes nothing."""

import pytest

from initiatives.models import NameDecision
from tests.factories import MunicipalityFactory, UserFactory
from tests.helpers import parse_html

pytestmark = pytest.mark.django_db


def test_vng_records_that_a_name_is_no_municipality_or_a_municipality(client):
    MunicipalityFactory(code="GM0599", name="Rotterdam")
    client.force_login(UserFactory(vng_editor=True))
    client.post("/admin/adoptie/oogst/namen/", {"written_name": "ODMH", "code": ""})
    client.post("/admin/adoptie/oogst/namen/", {"written_name": "R'dam", "code": "gm0599"})
    decisions = {d.written_name: d.municipality for d in NameDecision.objects.all()}
    assert decisions["ODMH"] is None
    assert decisions["R'dam"].code == "GM0599"


def test_an_unknown_code_is_refused_in_dutch_and_records_nothing(client):
    client.force_login(UserFactory(vng_editor=True))
    response = client.post("/admin/adoptie/oogst/namen/", {"written_name": "X", "code": "GM9999"})
    errors = [p.get_text(strip=True) for p in parse_html(response.content).select(".error-message")]
    assert errors == ["GM9999 is geen gemeentecode uit het register."]
    assert not NameDecision.objects.exists()


def test_only_vng_records_names(client, roles):
    client.force_login(roles["editor_of_a"])
    response = client.post("/admin/adoptie/oogst/namen/", {"written_name": "X", "code": ""})
    # Wagtail's admin answers a refusal by sending the user back to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not NameDecision.objects.exists()
