"""Every public page has the government-site frame: skip link, navigation, source, language."""

import pytest
from wagtail.models import Site

from website.models import SiteSettings

pytestmark = pytest.mark.django_db

MENU = ["Initiatieven", "Labs", "Gemeenten", "Rapportages", "Zoeken"]


@pytest.mark.parametrize("path", ["/", "/gemeenten/", "/zoeken/", "/rapportages/", "/nergens/"])
def test_every_page_has_skip_link_menu_source_and_language_link(client, home_page, path):
    html = client.get(path).content.decode()
    assert '<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">' in html
    assert '<main id="main"' in html
    nav = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert [item for item in MENU if f">{item}</a>" in nav] == MENU
    assert "Bron: CBS" in html
    assert 'hreflang="en"' in html


def test_the_current_section_is_marked_in_the_menu(client):
    html = client.get("/gemeenten/").content.decode()
    assert 'href="/gemeenten/" aria-current="page">Gemeenten</a>' in html


def test_the_footer_repeats_the_demo_notice_when_demo_data_is_loaded(client, home_page):
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"demo_data_loaded": True}
    )
    footer = client.get("/gemeenten/").content.decode().split("<footer")[1]
    assert "demodata" in footer


def test_public_pages_forbid_inline_scripts_and_other_hosts(client, home_page):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy or policy.endswith("script-src 'self'")
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy


def test_the_admin_has_a_policy_too(client, home_page):
    policy = client.get("/admin/login/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "'unsafe-inline'" in policy
