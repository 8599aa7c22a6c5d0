"""The small things a newcomer tripped over: dates in feeds read as dates, counts in command
output agree in number, every page has an icon, and mail from `make run` links to the site
where it runs."""

import datetime
import importlib
import re
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from initiatives.models import Adoption
from labregister.settings import dev
from tests.factories import UserFactory
from tests.helpers import given_status

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_feed_entry_gives_its_date_as_people_write_it(client, enschede, gibit):
    given_status(enschede, gibit, "implemented", day=datetime.date(2024, 3, 1))
    feed = ET.fromstring(client.get("/gemeenten/GM0153/wijzigingen.atom").content)
    (entry,) = feed.iter(f"{ATOM}entry")
    assert entry.find(f"{ATOM}summary").text == "Ingangsdatum: 1 maart 2024"


def test_one_reminder_is_one_herinnering(smtp_inbox, enschede, gibit):
    UserFactory(username="redacteur", editor_of=[enschede])
    given_status(enschede, gibit, "planned")
    Adoption.objects.update(last_confirmed_on=datetime.date(2023, 1, 1))
    output = StringIO()
    call_command("send_reminders", stdout=output)
    assert output.getvalue().strip() == "1 herinnering verstuurd."


def test_every_page_names_an_icon_that_is_there(client, home_page):
    html = client.get("/").content.decode()
    (icon,) = re.findall(r'<link rel="icon" href="/static/([^"]+)"', html)
    assert finders.find(icon)


def test_mail_from_make_run_links_to_the_address_it_serves(monkeypatch):
    monkeypatch.setenv("PORT", "8001")
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)
    assert importlib.reload(dev).WAGTAILADMIN_BASE_URL == "http://127.0.0.1:8001"
