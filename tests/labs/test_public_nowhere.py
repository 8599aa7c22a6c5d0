"""Unpublished initiatives and pages behind a Wagtail password or login are public nowhere."""

import pytest
from wagtail.models import PageViewRestriction

from labs.models import LabBarrier
from search.indexing import rebuild
from tests.factories import BarrierCategoryFactory, LabResultPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_initiative(make_initiative, gibit):
    """An initiative still in preparation, named by published pages."""
    draft = make_initiative(title="Geheim plan", slug="geheim-plan", live=False)
    draft.succeeds = gibit
    draft.save()
    return draft


def texts(client, *urls):
    return " ".join(
        b"".join(r.streaming_content).decode() if r.streaming else r.content.decode()
        for r in (client.get(url) for url in urls)
    )


def test_an_unpublished_successor_is_not_named_by_its_predecessor(client, gibit, draft_initiative):
    seen = texts(client, "/api/v1/initiatives/gibit", gibit.url)
    assert "geheim-plan" not in seen and "Geheim plan" not in seen


def test_unpublished_related_initiatives_stay_off_lab_results_and_the_barrier_report(
    client, enschede_lab, gibit, draft_initiative
):
    result = LabResultPageFactory(parent=enschede_lab, title="Uitkomst", slug="uitkomst")
    result.related_initiatives.set([gibit, draft_initiative])
    result.save_revision().publish()
    LabBarrier.objects.create(
        result=result, category=BarrierCategoryFactory(), description="Wet", actor="rijk"
    )
    seen = texts(
        client,
        result.url,
        "/api/v1/lab-results",
        "/rapportages/belemmeringen/",
        "/rapportages/belemmeringen/?format=csv",
    )
    assert "gibit" in seen.lower()
    assert "geheim" not in seen.lower()


def test_a_password_protected_result_appears_in_no_listing_feed_api_or_search(client, enschede_lab):
    result = LabResultPageFactory(parent=enschede_lab, title="Vertrouwelijk onderzoek", slug="vo")
    PageViewRestriction.objects.create(
        page=result, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    rebuild()
    seen = texts(
        client,
        enschede_lab.url,
        "/labs/feed/",
        f"/labs/{enschede_lab.slug}/feed/",
        "/api/v1/lab-results",
        "/zoeken/?q=vertrouwelijk",
    )
    assert "Vertrouwelijk onderzoek" not in seen
