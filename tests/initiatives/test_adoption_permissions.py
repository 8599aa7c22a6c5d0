"""Permission matrix: every path × every role; a refused attempt changes nothing."""

import io

import pytest

from initiatives.models import Adoption, AdoptionImport
from initiatives.notifications.reminders import reconfirm_token
from initiatives.permissions import grant_partnership_editor
from tests.factories import PartnershipFactory, UserFactory
from tests.helpers import database_state, given_status

pytestmark = pytest.mark.django_db

MAY_CHANGE_ENSCHEDE = {"anonymous": False, "editor_of_a": True, "editor_of_b": False, "vng": True}


@pytest.fixture
def records(enschede, hengelo, gibit):
    given_status(enschede, gibit, "planned", note="Geheim van Enschede")
    given_status(hengelo, gibit, "planned", note="Geheim van Hengelo")


def login(client, roles, role):
    if roles[role]:
        client.force_login(roles[role])


def enschede_record():
    return Adoption.objects.get(municipality__code="GM0153")


def attempt_admin_edit(client):
    return client.post(
        "/admin/adoptie/GM0153/gibit/",
        {"status": "implemented", "effective_date": "2024-06-01", "version": "1"},
    )


def attempt_reconfirm(client):
    return client.post("/admin/adoptie/GM0153/gibit/bevestigen/", {"version": "1"})


def attempt_import(client):
    content = b"gemeentecode,initiatief,status,datum,bewijsniveau,bewijs_url,toelichting\n"
    content += b"GM0153,gibit,implemented,2024-06-01,confirmed,,\n"
    upload = io.BytesIO(content)
    upload.name = "enschede.csv"
    response = client.post("/admin/adoptie/import/", {"file": upload})
    batch = AdoptionImport.objects.first()
    if batch and batch.state == "previewed":
        response = client.post(f"/admin/adoptie/import/{batch.pk}/bevestigen/")
    return response


@pytest.mark.parametrize("attempt", [attempt_admin_edit, attempt_reconfirm, attempt_import])
@pytest.mark.parametrize("role", MAY_CHANGE_ENSCHEDE)
def test_only_editors_of_the_municipality_and_vng_change_its_records(
    client, roles, records, role, attempt
):
    login(client, roles, role)
    before = database_state()
    version_before = enschede_record().version

    attempt(client)

    if MAY_CHANGE_ENSCHEDE[role]:
        assert enschede_record().version == version_before + 1
        assert Adoption.objects.get(municipality__code="GM0164").version == 1
    else:
        assert database_state() == before


@pytest.mark.parametrize("role", MAY_CHANGE_ENSCHEDE)
def test_internal_notes_are_shown_only_to_those_who_may_change_the_record(
    client, roles, records, role
):
    login(client, roles, role)
    page = client.get("/admin/adoptie/GM0153/")
    history = client.get("/admin/adoptie/GM0153/gibit/geschiedenis/")
    shown = "Geheim van Enschede" in page.content.decode()
    assert shown == MAY_CHANGE_ENSCHEDE[role]
    if role == "editor_of_b":
        assert (page.status_code, history.status_code) == (404, 404)
    if role == "anonymous":
        assert page.status_code == 302 and "/admin/login/" in page["Location"]


@pytest.mark.parametrize("role", ["editor_of_a", "editor_of_b", "vng"])
def test_export_holds_only_the_records_the_user_may_see(client, roles, records, role):
    login(client, roles, role)
    body = b"".join(client.get("/admin/adoptie/export/?format=csv").streaming_content).decode()
    codes = {line.split(";")[0] for line in body.splitlines()[1:]}
    expected = {"editor_of_a": {"GM0153"}, "editor_of_b": {"GM0164"}, "vng": {"GM0153", "GM0164"}}
    assert codes == expected[role]
    assert "Geheim" not in body


def test_anonymous_export_is_refused(client, records):
    response = client.get("/admin/adoptie/export/?format=csv")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_history_cannot_be_changed_through_its_page(client, roles, records):
    client.force_login(roles["vng"])
    before = database_state()
    response = client.post("/admin/adoptie/GM0153/gibit/geschiedenis/", {"delete": "1"})
    assert response.status_code == 405
    assert database_state() == before


@pytest.mark.parametrize("attempt", [attempt_admin_edit, attempt_reconfirm, attempt_import])
def test_a_partnership_editor_changes_no_record_outside_the_partnership_screen(
    client, records, hengelo, gibit, attempt
):
    """Editors of a samenwerkingsverband that Enschede is not in: every path is refused."""
    editor = UserFactory(username="redacteur-samenwerking")
    grant_partnership_editor(editor, PartnershipFactory(members=[hengelo], initiatives=[gibit]))
    client.force_login(editor)
    before = database_state()
    attempt(client)
    assert database_state() == before


@pytest.mark.parametrize("role", MAY_CHANGE_ENSCHEDE)
def test_a_reminder_link_reconfirms_only_for_someone_who_answers_for_the_record(
    client, roles, records, role
):
    # The link works without login, as the person it was made for; nobody else can make one.
    before = database_state()
    version_before = enschede_record().version
    user = roles[role]
    token = reconfirm_token(enschede_record(), user) if user else "eyJhZG9wdGlvbiI6MX0:vals"

    response = client.post(f"/bevestigen/{token}/")

    if MAY_CHANGE_ENSCHEDE[role]:
        assert response.status_code == 200
        assert enschede_record().version == version_before + 1
    else:
        assert response.status_code == 400
        assert database_state() == before
