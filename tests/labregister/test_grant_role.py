"""Giving people a role from the command line, as the README describes."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from initiatives.models import Partnership
from initiatives.permissions import editable_municipalities, editable_partnerships
from labs.models import LabMembership
from tests.factories import (
    LabIndexPageFactory,
    LivingLabPageFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def grant(*args):
    output = StringIO()
    call_command("grant_role", *args, stdout=output)
    return output.getvalue()


def test_a_municipal_editor_may_then_edit_their_municipality(enschede, hengelo):
    user = UserFactory(username="jan")
    assert "redacteur van Enschede (GM0153)" in grant("jan", "--gemeente", "gm0153")
    assert list(editable_municipalities(user)) == [enschede]


def test_a_vng_editor_gets_the_follow_up_permission(db):
    user = UserFactory(username="vera")
    grant("vera", "--vng")
    assert user.has_perm("labs.decide_follow_up")


def test_a_lab_contributor_becomes_a_member_of_the_lab(client, home_page):

    lab = LivingLabPageFactory(parent=LabIndexPageFactory(parent=home_page), slug="oost")
    user = UserFactory(username="lotte")
    grant("lotte", "--lab", "oost")
    assert LabMembership.objects.filter(user=user, lab=lab).exists()
    client.force_login(user)
    assert client.get(f"/admin/pages/add/labs/labresultpage/{lab.pk}/").status_code == 200


def test_a_partnership_editor_may_then_report_for_its_members(client, enschede, gibit):
    PartnershipFactory(name="Dimpact", members=[enschede], initiatives=[gibit])
    user = UserFactory(username="sam")
    assert "meldt nu statussen namens Dimpact" in grant("sam", "--samenwerkingsverband", "Dimpact")
    assert list(editable_partnerships(user)) == [Partnership.objects.get()]
    client.force_login(user)
    assert client.get("/admin/adoptie/").status_code == 200


@pytest.mark.parametrize(
    "args, message",
    [
        (["niemand", "--vng"], "Gebruiker ‘niemand’ bestaat niet"),
        (["jan", "--gemeente", "GM9999"], "Gemeente ‘GM9999’ bestaat niet"),
        (["jan", "--lab", "geen-lab"], "Lab ‘geen-lab’ bestaat niet"),
        (["jan", "--samenwerkingsverband", "X"], "Samenwerkingsverband ‘X’ bestaat niet"),
    ],
)
def test_unknown_people_municipalities_and_labs_get_a_dutch_message(db, args, message):
    UserFactory(username="jan")
    with pytest.raises(CommandError, match=message):
        grant(*args)
