"""'Klopt dit niet?': a visitor's request reaches exactly the municipality's editors (mail
through a real SMTP server on loopback) and VNG's queue, changes no record, is limited per
address, and its text never appears on a public page."""

import pytest

from initiatives.constants import CorrectionState
from initiatives.models import CorrectionRequest
from initiatives.notifications.corrections import CorrectionError, resolve_correction
from tests.factories import UserFactory
from tests.helpers import database_state, given_status, parse_html, table_row

pytestmark = pytest.mark.django_db

SECRET = "Volgens de gemeenteraad is dit stopgezet; zie raadsbesluit 2025-117 (xq7)."
FORM = "/gemeenten/GM0153/gibit/klopt-dit-niet/"


@pytest.fixture
def record(enschede, hengelo, gibit):
    given_status(enschede, gibit, "implemented")
    given_status(hengelo, gibit, "planned")


def send(client, address="192.0.2.10", **fields):
    data = {"message": SECRET, "source_url": "", "email": "", "website": "", **fields}
    return client.post(FORM, data, REMOTE_ADDR=address)


def test_a_request_reaches_exactly_the_municipalitys_editors(
    smtp_inbox, client, roles, record, enschede
):
    UserFactory(username="tweede-enschede", editor_of=[enschede])
    before = database_state()

    response = send(client, source_url="https://enschede.raadsinformatie.nl/besluit")

    assert response.status_code == 200
    assert "Uw melding is doorgestuurd" in response.content.decode()
    assert database_state() == before  # no record changed
    (mail,) = smtp_inbox.messages
    assert sorted(mail["To"].split(", ")) == [
        "redacteur-enschede@example.nl",
        "tweede-enschede@example.nl",
    ]
    assert mail["Subject"] == "Labregister: melding over GIBIT in Enschede"
    assert SECRET in mail.get_content() and "raadsinformatie" in mail.get_content()
    request = CorrectionRequest.objects.get()
    assert (request.status_seen, request.state) == ("implemented", CorrectionState.OPEN)


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"message": ""}, "Schrijf wat er niet klopt."),
        ({"message": "x" * 2001}, "Schrijf hoogstens 2000 tekens (nu 2001)."),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in."),
        ({"source_url": "javascript:alert(1)"}, "Vul een volledige link in"),
        # The editors open it from the admin: a web address only.
        ({"source_url": "ftp://ftp.example.org/besluit.pdf"}, "Vul een volledige link in"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_and_stores_nothing(
    client, record, fields, error
):
    response = send(client, **fields)
    assert response.status_code == 400 and error in response.content.decode()
    assert not CorrectionRequest.objects.exists()


def test_a_robot_that_fills_the_hidden_field_is_thanked_and_ignored(smtp_inbox, client, record):
    response = send(client, website="http://spam.example/")
    assert response.status_code == 200
    assert not CorrectionRequest.objects.exists() and not smtp_inbox.messages


def test_more_than_five_an_hour_from_one_address_are_refused(client, record):
    for _ in range(5):
        assert send(client, address="198.51.100.7").status_code == 200
    refused = send(client, address="198.51.100.7")
    assert refused.status_code == 429
    assert "al 5 meldingen gestuurd" in refused.content.decode()
    assert CorrectionRequest.objects.count() == 5
    # Another address is not affected.
    assert send(client, address="198.51.100.8").status_code == 200


def test_mistakes_a_visitor_corrects_do_not_count_towards_the_limit(client, record):
    for _ in range(6):
        assert send(client, address="198.51.100.9", message="").status_code == 400
    assert send(client, address="198.51.100.9").status_code == 200
    assert CorrectionRequest.objects.count() == 1


def test_an_editor_of_another_municipality_cannot_resolve_it(client, roles, record):
    send(client)
    request = CorrectionRequest.objects.get()
    with pytest.raises(CorrectionError, match="U mag meldingen over Enschede niet afhandelen."):
        resolve_correction(
            request, user=roles["editor_of_b"], state=CorrectionState.ANSWERED, answer="Nee."
        )
    request.refresh_from_db()
    assert request.state == CorrectionState.OPEN and request.answer == ""


def test_the_text_never_appears_on_a_public_page(client, record, enschede):
    send(client, email="melder@example.nl")
    for path in (
        "/gemeenten/GM0153/",
        "/initiatieven/gibit/",
        "/rapportages/initiatieven/gibit/",
        "/zoeken/?q=raadsbesluit",
        "/api/v1/adoptions?municipality=GM0153",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert "xq7" not in body and "melder@example.nl" not in body, path


def test_the_scorecard_links_each_status_to_its_form(client, record):
    page = parse_html(client.get("/gemeenten/GM0153/").content)
    link = table_row(page, "GIBIT")["Status"].find("a", class_="correction")
    assert (link["href"], link.get_text(" ", strip=True)) == (FORM, "Klopt dit niet? GIBIT")
    form = client.get(FORM)
    assert form.status_code == 200
    assert parse_html(form.content).find("input", attrs={"name": "website"})


def test_an_editor_resolves_it_and_the_reporter_is_told(smtp_inbox, client, roles, record):
    send(client, email="melder@example.nl")
    smtp_inbox.messages.clear()
    request = CorrectionRequest.objects.get()
    client.force_login(roles["editor_of_a"])
    assert "Volgens de gemeenteraad" in client.get("/admin/adoptie/meldingen/").content.decode()
    response = client.post(
        f"/admin/adoptie/meldingen/{request.pk}/",
        {"state": "answered", "answer": "Het besluit gaat pas in 2027 in."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == CorrectionState.ANSWERED and request.resolved_by == roles["editor_of_a"]
    (mail,) = smtp_inbox.to("melder@example.nl")
    assert "niet aangepast" in mail.get_content() and "pas in 2027" in mail.get_content()
    # Closed once: a second answer is refused and changes nothing.
    again = client.post(
        f"/admin/adoptie/meldingen/{request.pk}/", {"state": "changed", "answer": "Toch wel."}
    )
    assert again.status_code == 200
    request.refresh_from_db()
    assert request.state == CorrectionState.ANSWERED


MAY_RESOLVE = {"anonymous": False, "editor_of_a": True, "editor_of_b": False, "vng": True}


@pytest.mark.parametrize("role", MAY_RESOLVE)
def test_only_the_municipalitys_editors_and_vng_see_and_resolve_its_requests(
    client, roles, record, role
):
    send(client)
    request = CorrectionRequest.objects.get()
    if roles[role]:
        client.force_login(roles[role])
    queue = client.get("/admin/adoptie/meldingen/")
    response = client.post(f"/admin/adoptie/meldingen/{request.pk}/", {"state": "changed"})
    request.refresh_from_db()
    if MAY_RESOLVE[role]:
        assert "GIBIT" in queue.content.decode()
        assert response.status_code == 302 and request.state == CorrectionState.CHANGED
    else:
        assert response.status_code in (302, 404) and request.state == CorrectionState.OPEN
        assert queue.status_code == 302 or "GIBIT" not in queue.content.decode()
        if roles[role]:
            assert response.status_code == 404


def test_the_form_shows_the_status_it_is_about(client, record):
    response = client.get(FORM)
    assert response.context["shown"].status == "implemented"
    assert "De scorekaart toont nu: <strong>Geïmplementeerd</strong>, sinds 1 januari 2024." in (
        response.content.decode()
    )


def test_the_editors_mail_names_the_status_in_words_and_links_to_the_request_and_scorecard(
    smtp_inbox, client, roles, record
):
    send(client)
    (mail,) = smtp_inbox.to("redacteur-enschede@example.nl")
    lines = mail.get_content().splitlines()
    correction = CorrectionRequest.objects.get()
    assert "Getoonde status: Geïmplementeerd" in lines
    assert f"http://localhost:8000/admin/adoptie/meldingen/{correction.pk}/" in lines
    assert "De scorekaart: http://localhost:8000/gemeenten/GM0153/" in lines
