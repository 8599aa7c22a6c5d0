"""Every public page has the government-site frame: skip link, navigation, source, language."""

import pytest
from wagtail.models import Site

from tests.helpers import parse_html
from website.models import SiteSettings

pytestmark = pytest.mark.django_db

MENU = ["Initiatieven", "Labs", "Gemeenten", "Rapportages", "Zoeken"]


@pytest.mark.parametrize("path", ["/", "/gemeenten/", "/zoeken/", "/rapportages/", "/nergens/"])
def test_every_page_has_skip_link_menu_source_and_language_link(client, home_page, path):
    page = parse_html(client.get(path).content)
    skip_link = page.body.find("a")
    assert (skip_link["href"], skip_link.get_text(strip=True)) == ("#main", "Naar de inhoud")
    assert page.select_one("main#main") is not None
    menu = page.select_one('nav[aria-label="Hoofdmenu"]')
    assert [link.get_text(strip=True) for link in menu.select("a")] == MENU
    assert "Bron: CBS" in page.footer.get_text()
    assert page.select_one('a[hreflang="en"]') is not None


def test_the_current_section_is_marked_in_the_menu(client):
    menu = parse_html(client.get("/gemeenten/").content).select_one('nav[aria-label="Hoofdmenu"]')
    current = menu.select('a[aria-current="page"]')
    assert [(link["href"], link.get_text(strip=True)) for link in current] == [
        ("/gemeenten/", "Gemeenten")
    ]


def test_the_footer_repeats_the_demo_notice_when_demo_data_is_loaded(client, home_page):
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"demo_data_loaded": True}
    )
    footer = parse_html(client.get("/gemeenten/").content).footer
    assert "demodata" in footer.get_text()


def test_public_pages_forbid_inline_scripts_and_other_hosts(client, home_page):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy or policy.endswith("script-src 'self'")
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy


def test_the_admin_has_a_policy_too(client, home_page):
    policy = client.get("/admin/login/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "'unsafe-inline'" in policy
