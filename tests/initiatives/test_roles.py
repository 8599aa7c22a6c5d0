import pytest
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.models import Workflow

from initiatives.constants import MUNICIPAL_EDITORS_GROUP, VNG_EDITORS_GROUP
from initiatives.permissions import editable_municipalities
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_migrate_creates_both_role_groups_with_admin_access():
    for name in (MUNICIPAL_EDITORS_GROUP, VNG_EDITORS_GROUP):
        codenames = Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        assert "access_admin" in codenames


def test_editor_may_edit_only_their_own_municipalities(enschede, hengelo):
    editor = UserFactory(editor_of=[enschede])
    assert list(editable_municipalities(editor)) == [enschede]


def test_vng_staff_may_edit_every_municipality(enschede, hengelo):
    assert editable_municipalities(UserFactory(username="vng", vng_editor=True)).count() == 2


def test_inactive_or_anonymous_users_may_edit_nothing(enschede):

    editor = UserFactory(editor_of=[enschede])
    editor.is_active = False
    assert not editable_municipalities(editor).exists()
    assert not editable_municipalities(AnonymousUser()).exists()


def test_one_migrate_gives_vng_editors_every_permission_of_their_role():
    """After a single `migrate` (as `make run` does), nothing waits for a second run."""
    vng = Group.objects.get(name=VNG_EDITORS_GROUP)
    granted = {
        f"{app}.{codename}"
        for app, codename in vng.permissions.values_list("content_type__app_label", "codename")
    }
    assert {
        "labs.decide_follow_up",
        "initiatives.add_domain",
        "initiatives.change_organisation",
        "initiatives.delete_barriercategory",
        "wagtailadmin.access_admin",
    } <= granted


def test_wagtails_generic_english_groups_and_workflow_are_removed():

    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
