"""Contributors write results for their own labs; VNG-redactie reviews before publication."""

import datetime

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from labs.models import LabResultPage
from labs.reporting.review import review_of
from tests.factories import LabResultPageFactory

pytestmark = pytest.mark.django_db


def new_result_form(title="Digitale facturatie", action="action-submit"):
    data = nested_form_data(
        {
            "title": title,
            "slug": "digitale-facturatie",
            "question": "Kunnen we zonder handwerk factureren?",
            "approach": rich_text("<p>Samen met zorgaanbieders.</p>"),
            "findings": streamfield([]),
            "recommendation": "scale_up",
            "barriers": inline_formset([]),
            "bandwidths": inline_formset([]),
            "attachments": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def add_url(lab):
    return f"/admin/pages/add/labs/labresultpage/{lab.pk}/"


def test_contributor_cannot_create_a_result_under_a_lab_they_are_not_a_member_of(
    client, contributor, enschede_lab, other_lab
):
    client.force_login(contributor)
    assert client.get(add_url(enschede_lab)).status_code == 200
    assert refused(client.get(add_url(other_lab)))
    assert refused(client.post(add_url(other_lab), new_result_form()))
    assert not LabResultPage.objects.exists()


def test_contributor_cannot_create_a_lab(client, contributor, lab_index):
    client.force_login(contributor)
    assert refused(client.get(f"/admin/pages/add/labs/livinglabpage/{lab_index.pk}/"))


def test_contributor_cannot_publish(client, contributor, enschede_lab):
    client.force_login(contributor)
    response = client.post(add_url(enschede_lab), new_result_form(action="action-publish"))
    # Saved (as a draft) and back to the editor; not published.
    assert response.status_code == 302
    result = LabResultPage.objects.get()
    assert not result.live


def test_the_review_workflow_runs_end_to_end(client, contributor, reviewer, enschede_lab):
    client.force_login(contributor)
    client.post(add_url(enschede_lab), new_result_form())
    result = LabResultPage.objects.get()
    assert not result.live
    task_state = result.current_workflow_task_state
    assert task_state is not None and task_state.task.name == "Beoordeling door VNG-redactie"

    # A contributor cannot change the result while it is being reviewed.
    edit_url = f"/admin/pages/{result.pk}/edit/"
    client.post(edit_url, new_result_form(title="Stiekem aangepast", action="action-submit"))
    result.refresh_from_db()
    assert result.get_latest_revision_as_object().title == "Digitale facturatie"

    # VNG asks for changes: now the contributor may edit and submit again.
    task_state.specific.reject(user=reviewer, comment="Voeg de betalingstermijn toe.")
    client.post(edit_url, new_result_form(title="Digitale facturatie (herzien)"))
    result.refresh_from_db()
    assert result.get_latest_revision_as_object().title == "Digitale facturatie (herzien)"

    # VNG approves with a comment: the result is published and says who reviewed it.
    result.current_workflow_task_state.specific.approve(user=reviewer, comment="Helder.")
    result = Page.objects.get(pk=result.pk).specific
    assert result.live and result.title == "Digitale facturatie (herzien)"
    review = review_of(result)
    assert (review.role, review.comment) == ("VNG-redactie", "Helder.")
    html = client.get(result.url).content.decode()
    assert "Beoordeeld door VNG-redactie op" in html


def test_contributor_cannot_edit_a_result_of_another_lab(client, contributor, other_lab):

    result = LabResultPageFactory(parent=other_lab, live=False)
    client.force_login(contributor)
    assert refused(client.get(f"/admin/pages/{result.pk}/edit/"))


def decided(result, reviewer):
    """VNG has published a follow-up decision on this result."""
    result.follow_up_decision = "no_scale_up"
    result.follow_up_reason = "Past niet in de landelijke architectuur."
    result.follow_up_decided_on = datetime.date.today()
    result.save_revision(user=reviewer).publish()
    return result


def test_contributor_cannot_set_the_follow_up_decision_by_posting_its_fields(
    client, contributor, reviewer, enschede_lab
):
    client.force_login(contributor)
    assert "follow_up_decision" not in client.get(add_url(enschede_lab)).content.decode()
    form = new_result_form()
    form.update(
        follow_up_decision="no_scale_up",
        follow_up_reason="Zelf besloten.",
        follow_up_decided_on="2026-01-01",
    )
    client.post(add_url(enschede_lab), form)
    result = LabResultPage.objects.get()
    result.current_workflow_task_state.specific.approve(user=reviewer)
    result = LabResultPage.objects.get(pk=result.pk)
    assert result.live
    assert (result.follow_up_decision, result.follow_up_reason) == ("", "")


def test_contributor_editing_the_question_keeps_the_follow_up_decision_vng_published(
    client, contributor, reviewer, enschede_lab
):

    result = decided(
        LabResultPageFactory(parent=enschede_lab, slug="digitale-facturatie"), reviewer
    )
    client.force_login(contributor)
    client.post(f"/admin/pages/{result.pk}/edit/", new_result_form(title="Nieuwe vraag"))
    result = LabResultPage.objects.get(pk=result.pk)
    result.current_workflow_task_state.specific.approve(user=reviewer)
    result = LabResultPage.objects.get(pk=result.pk)
    assert result.title == "Nieuwe vraag"
    assert result.follow_up_decision == "no_scale_up"
    assert result.follow_up_reason == "Past niet in de landelijke architectuur."


def test_approving_with_a_decision_dated_before_publication_is_a_form_error(
    client, contributor, reviewer, enschede_lab
):
    client.force_login(contributor)
    client.post(add_url(enschede_lab), new_result_form())
    result = LabResultPage.objects.get()
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    approval = new_result_form(action="action-workflow-action")
    approval.update(
        {
            "workflow-action-name": "approve",
            "follow_up_decision": "no_scale_up",
            "follow_up_reason": "Te duur voor kleine gemeenten.",
            "follow_up_decided_on": yesterday.isoformat(),
        }
    )
    client.force_login(reviewer)

    response = client.post(f"/admin/pages/{result.pk}/edit/", approval)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["follow_up_decided_on"] == [
        "Het besluit kan niet vóór de publicatie van het resultaat liggen; het wordt "
        "vandaag gepubliceerd."
    ]
    result = Page.objects.get(pk=result.pk).specific
    assert not result.live
    assert result.current_workflow_task_state is not None
    assert result.get_latest_revision_as_object().follow_up_decision == ""
