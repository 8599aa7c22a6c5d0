import pytest
from django.contrib.auth.models import Group

from initiatives.constants import MUNICIPAL_EDITORS_GROUP, VNG_EDITORS_GROUP
from initiatives.models import Municipality
from tests.factories import editor_of, vng_editor

pytestmark = pytest.mark.django_db


def test_migrate_creates_both_role_groups_with_admin_access():
    for name in (MUNICIPAL_EDITORS_GROUP, VNG_EDITORS_GROUP):
        codenames = Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        assert "access_admin" in codenames


def test_editor_may_edit_only_their_own_municipalities(enschede, hengelo):
    editor = editor_of(enschede)
    assert list(Municipality.objects.editable_by(editor)) == [enschede]


def test_vng_staff_may_edit_every_municipality(enschede, hengelo):
    assert Municipality.objects.editable_by(vng_editor()).count() == 2


def test_inactive_or_anonymous_users_may_edit_nothing(enschede):
    from django.contrib.auth.models import AnonymousUser

    editor = editor_of(enschede)
    editor.is_active = False
    assert not Municipality.objects.editable_by(editor).exists()
    assert not Municipality.objects.editable_by(AnonymousUser()).exists()
