"""A lab contributor acts on their own lab's results only, through every Wagtail page action."""

import pytest
from wagtail.models import Page, Revision

from labs.models import LabMembership
from tests.factories import LabResultPageFactory, UserFactory
from tests.helpers import admin_menu_urls

from .test_review_workflow import refused

pytestmark = pytest.mark.django_db

SECRET = "Concept van een ander lab"


def page_tree():
    """Everything a refused action must leave as it was."""
    return (
        list(Page.objects.order_by("pk").values_list("pk", "path", "live", "title", "owner_id")),
        Revision.objects.count(),
    )


@pytest.fixture
def other_draft(other_lab):
    """A draft result of another lab, written by that lab's own contributor."""
    author = UserFactory(username="bijdrager-ander-lab", contributor_of=[other_lab])
    draft = LabResultPageFactory(parent=other_lab, title=SECRET, slug="concept", live=False)
    draft.owner = author
    draft.save()
    draft.save_revision(user=author)
    return draft


@pytest.fixture
def other_published(other_lab):
    result = LabResultPageFactory(parent=other_lab, title="Gepubliceerd elders", slug="elders")
    result.save_revision().publish()
    return result


@pytest.fixture
def as_contributor(client, contributor):
    client.force_login(contributor)
    return client


def revision_of(page):
    return page.latest_revision.pk


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/admin/pages/{draft}/edit/"),
        ("post", "/admin/pages/{draft}/edit/"),
        ("get", "/admin/pages/{draft}/delete/"),
        ("post", "/admin/pages/{draft}/delete/"),
        ("get", "/admin/pages/{draft}/move/"),
        ("post", "/admin/pages/{draft}/move/{own_lab}/confirm/"),
        ("get", "/admin/pages/{draft}/copy/"),
        ("get", "/admin/pages/{draft}/view_draft/"),
        ("get", "/admin/pages/{draft}/revisions/{revision}/view/"),
        ("get", "/admin/pages/{draft}/revisions/compare/earliest...latest/"),
        ("get", "/admin/pages/{draft}/history/"),
        ("get", "/admin/pages/{published}/unpublish/"),
        ("post", "/admin/pages/{published}/unpublish/"),
        ("get", "/admin/pages/add/labs/labresultpage/{other_lab}/"),
        ("get", "/admin/pages/{other_lab}/edit/"),
    ],
)
def test_contributor_is_refused_every_action_on_another_labs_pages(
    as_contributor, enschede_lab, other_lab, other_draft, other_published, method, url
):
    url = url.format(
        draft=other_draft.pk,
        published=other_published.pk,
        other_lab=other_lab.pk,
        own_lab=enschede_lab.pk,
        revision=revision_of(other_draft),
    )
    before = page_tree()
    response = getattr(as_contributor, method)(
        url, {"title": "Gekaapt"} if method == "post" else {}
    )
    assert refused(response), f"{method.upper()} {url} answered {response.status_code}"
    assert page_tree() == before


def test_contributor_cannot_copy_another_labs_draft_into_their_own_lab(
    as_contributor, enschede_lab, other_draft
):
    before = page_tree()
    response = as_contributor.post(
        f"/admin/pages/{other_draft.pk}/copy/",
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": enschede_lab.pk},
    )
    assert refused(response)
    assert page_tree() == before


def test_contributor_cannot_copy_their_own_result_into_another_lab(
    as_contributor, contributor, enschede_lab, other_lab
):
    own = LabResultPageFactory(parent=enschede_lab, title="Eigen", slug="eigen", live=False)
    own.owner = contributor
    own.save()
    before = page_tree()
    as_contributor.post(
        f"/admin/pages/{own.pk}/copy/",
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": other_lab.pk},
    )
    assert page_tree() == before


def test_other_labs_drafts_do_not_show_in_explorer_search_or_site_history(
    as_contributor, other_lab, other_draft
):
    explorer = as_contributor.get(f"/admin/pages/{other_lab.pk}/")
    assert refused(explorer) or SECRET not in explorer.content.decode()
    search = as_contributor.get("/admin/pages/search/", {"q": "Concept"})
    assert SECRET not in search.content.decode()
    history = as_contributor.get("/admin/reports/site-history/")
    assert SECRET not in history.content.decode()


def test_contributor_still_writes_and_previews_results_of_their_own_lab(
    as_contributor, contributor, enschede_lab
):
    own = LabResultPageFactory(parent=enschede_lab, title="Eigen", slug="eigen", live=False)
    own.owner = contributor
    own.save()
    own.save_revision(user=contributor)
    assert as_contributor.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert as_contributor.get(f"/admin/pages/{own.pk}/view_draft/").status_code == 200
    assert (
        as_contributor.get(f"/admin/pages/add/labs/labresultpage/{enschede_lab.pk}/").status_code
        == 200
    )


def test_leaving_a_lab_takes_the_rights_on_its_pages_away(client, contributor, enschede_lab):

    client.force_login(contributor)
    add = f"/admin/pages/add/labs/labresultpage/{enschede_lab.pk}/"
    assert client.get(add).status_code == 200
    LabMembership.objects.filter(user=contributor).delete()
    assert refused(client.get(add))


def test_the_page_chooser_never_names_another_labs_draft(
    client, contributor, enschede_lab, other_lab
):
    draft = LabResultPageFactory(
        parent=other_lab, title="Geheim concept", slug="geheim", live=False
    )
    own = LabResultPageFactory(parent=enschede_lab, title="Eigen concept", slug="eigen", live=False)
    client.force_login(contributor)
    found = client.get("/admin/choose-page/search/", {"q": "concept"}).content.decode()
    assert "Eigen concept" in found and "Geheim concept" not in found
    listed = client.get(f"/admin/choose-page/{other_lab.pk}/").content.decode()
    assert "Geheim concept" not in listed
    assert client.get(f"/admin/choose-page/{draft.pk}/").status_code == 404
    assert client.get(f"/admin/choose-page/{own.pk}/").status_code == 200


def test_a_lab_contributor_is_not_offered_the_adoption_area(client, contributor, enschede_lab):
    client.force_login(contributor)
    assert "/admin/adoptie/" not in admin_menu_urls(client.get("/admin/").content)
    client.force_login(UserFactory(username="redacteur", editor_of=[enschede_lab.host]))
    assert "/admin/adoptie/" in admin_menu_urls(client.get("/admin/").content)
