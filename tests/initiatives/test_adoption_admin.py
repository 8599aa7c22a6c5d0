import datetime

import pytest

from initiatives.models import Adoption, AdoptionChange, AdoptionSettings
from tests.helpers import TODAY, database_state, given_status, parse_html, table_row

pytestmark = pytest.mark.django_db

EDIT_URL = "/admin/adoptie/GM0153/gibit/"


def form_data(response, **changes):
    """The values of the edit form as the browser would post them back."""
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["effective_date"] = str(data["effective_date"] or "2024-01-01")
    return data | changes


def test_editor_records_a_status_with_evidence(client, roles, enschede, gibit):
    client.force_login(roles["editor_of_a"])
    data = form_data(
        client.get(EDIT_URL),
        status="implemented",
        effective_date="2024-05-01",
        evidence_level="confirmed",
        evidence_url="https://enschede.nl/raadsbesluit",
    )
    response = client.post(EDIT_URL, data)
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert (adoption.status, adoption.evidence_level, adoption.updated_by) == (
        "implemented",
        "confirmed",
        roles["editor_of_a"],
    )
    assert AdoptionChange.objects.get().source == "form"


def test_two_stale_forms_the_second_is_refused_with_what_the_other_changed(
    client, roles, enschede, gibit
):
    first_editor = roles["editor_of_a"]
    second_editor = roles["vng"]
    client.force_login(first_editor)
    first_form = form_data(client.get(EDIT_URL), status="piloting", effective_date="2024-02-01")
    client.force_login(second_editor)
    second_form = form_data(client.get(EDIT_URL), status="stopped", effective_date="2024-03-01")

    client.force_login(first_editor)
    assert client.post(EDIT_URL, first_form).status_code == 302
    client.force_login(second_editor)
    response = client.post(EDIT_URL, second_form)

    assert response.status_code == 200
    message = " ".join(response.context["form"].non_field_errors())
    assert "Iemand anders heeft dit record gewijzigd" in message
    assert "redacteur-enschede" in message and "In pilot" in message
    assert Adoption.objects.get().status == "piloting"
    assert AdoptionChange.objects.count() == 1


def test_a_future_date_is_refused_in_dutch_and_nothing_changes(client, roles, enschede, gibit):
    given_status(enschede, gibit)
    client.force_login(roles["editor_of_a"])
    before = database_state()
    tomorrow = TODAY + datetime.timedelta(days=1)
    response = client.post(
        EDIT_URL,
        form_data(client.get(EDIT_URL), status="implemented", effective_date=tomorrow.isoformat()),
    )
    assert "ligt in de toekomst" in " ".join(response.context["form"].errors["effective_date"])
    assert database_state() == before


def test_reconfirming_keeps_the_status_and_is_recorded_in_history(client, roles, enschede, gibit):
    given_status(enschede, gibit, "implemented")
    Adoption.objects.update(last_confirmed_on=datetime.date(2023, 1, 1))
    client.force_login(roles["editor_of_a"])

    client.post(f"{EDIT_URL}bevestigen/", {"version": "1"})

    adoption = Adoption.objects.get()
    assert adoption.status == "implemented"
    assert adoption.last_confirmed_on == TODAY
    latest = AdoptionChange.objects.order_by("-pk").first()
    assert (latest.old_status, latest.new_status) == ("implemented", "implemented")
    assert latest.changes["last_confirmed_on"][0] == "2023-01-01"
    assert latest.recorded_by == roles["editor_of_a"]


def test_history_lists_who_changed_what_and_when(client, roles, enschede, gibit):
    given_status(enschede, gibit, "planned")
    client.force_login(roles["editor_of_a"])
    client.post(EDIT_URL, form_data(client.get(EDIT_URL), status="implemented"))
    page = parse_html(client.get("/admin/adoptie/GM0153/geschiedenis/").content)
    headings = [th.get_text(strip=True) for th in page.select("thead th")]
    rows = [
        dict(zip(headings, (td.get_text(strip=True) for td in row.select("td")), strict=True))
        for row in page.select("tbody tr")
    ]
    newest = rows[0]
    assert (newest["Oud → nieuw"], newest["Door"], newest["Bron"]) == (
        "Gepland → Geïmplementeerd",
        "redacteur-enschede",
        "Formulier",
    )


def test_stale_statuses_are_marked_on_the_scorecard_and_listed_for_the_editor(
    client, roles, enschede, hengelo, gibit
):
    given_status(enschede, gibit)
    given_status(hengelo, gibit)
    Adoption.objects.update(last_confirmed_on=TODAY - datetime.timedelta(days=400))

    assert is_marked_stale(client, "GIBIT")
    client.force_login(roles["editor_of_a"])
    listed = client.get("/admin/adoptie/te-doen/verouderd/").context["items"]
    assert [a.municipality.code for a in listed] == ["GM0153"]


def test_the_staleness_period_is_a_site_setting(client, enschede, gibit, home_page):
    given_status(enschede, gibit)
    Adoption.objects.update(last_confirmed_on=TODAY - datetime.timedelta(days=100))
    assert not is_marked_stale(client, "GIBIT")
    AdoptionSettings.objects.update_or_create(
        site=home_page.get_site(), defaults={"stale_after_months": 3}
    )
    assert is_marked_stale(client, "GIBIT")


def is_marked_stale(client, initiative_title: str) -> bool:
    """Whether Enschede's scorecard marks the status of this initiative "verouderd"."""
    page = parse_html(client.get("/gemeenten/GM0153/").content)
    since = table_row(page, initiative_title)["Status sinds"]
    return since.find("a", class_="stale", href="#verouderd") is not None
