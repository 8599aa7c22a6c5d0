"""A samenwerkingsverband reports one status for its members; members keep their own word."""

import datetime

import pytest

from initiatives.adoption.partnerships import report_for_members
from initiatives.adoption.service import record_adoption
from initiatives.adoption.updates import AdoptionUpdate
from initiatives.constants import AdoptionStatus, ChangeSource
from initiatives.errors import AdoptionError
from initiatives.models import Adoption, AdoptionChange, PartnershipMember
from initiatives.permissions import grant_partnership_editor
from tests.factories import MunicipalityFactory, PartnershipFactory, UserFactory
from tests.helpers import database_state, parse_html

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 1)


@pytest.fixture
def members():
    return [MunicipalityFactory(name=f"Lid {n:02d}") for n in range(20)]


@pytest.fixture
def dimpact(members, gibit):
    partnership = PartnershipFactory(name="Dimpact", members=members, initiatives=[gibit])
    editor = UserFactory(username="redacteur-dimpact")
    grant_partnership_editor(editor, partnership)
    return partnership


def editor_of(partnership):
    return partnership.editors.get()


def test_one_status_reaches_twenty_members_in_one_action(dimpact, gibit, members):
    report = report_for_members(
        dimpact,
        gibit,
        status=AdoptionStatus.IMPLEMENTED,
        effective_date=DAY,
        user=editor_of(dimpact),
    )
    assert len(report.outcomes) == 20
    records = Adoption.objects.filter(initiative=gibit)
    assert records.count() == 20
    assert {(r.source, r.partnership_id) for r in records} == {
        (ChangeSource.PARTNERSHIP, dimpact.pk)
    }
    assert set(AdoptionChange.objects.values_list("source", "partnership")) == {
        (ChangeSource.PARTNERSHIP, dimpact.pk)
    }


def test_a_members_own_statement_wins_over_the_partnership(dimpact, gibit, members):
    report_for_members(dimpact, gibit, status=AdoptionStatus.PLANNED, effective_date=DAY, user=None)
    own = members[0]
    record_adoption(
        AdoptionUpdate(own, gibit, AdoptionStatus.NOT_APPLICABLE, DAY),
        user=UserFactory(editor_of=[own]),
        source=ChangeSource.FORM,
    )
    report = report_for_members(
        dimpact,
        gibit,
        status=AdoptionStatus.IMPLEMENTED,
        effective_date=DAY,
        user=editor_of(dimpact),
    )
    assert own in report.plan.own_statement
    record = Adoption.objects.get(municipality=own, initiative=gibit)
    assert (record.status, record.partnership, record.source) == ("not_applicable", None, "form")
    assert Adoption.objects.filter(status="implemented").count() == 19


def test_a_member_saying_the_same_status_itself_takes_the_record_over(dimpact, gibit, members):
    report_for_members(dimpact, gibit, status="planned", effective_date=DAY, user=None)
    record_adoption(
        AdoptionUpdate(members[1], gibit, "planned", DAY),
        user=UserFactory(editor_of=[members[1]]),
        source=ChangeSource.FORM,
    )
    record = Adoption.objects.get(municipality=members[1], initiative=gibit)
    assert (record.partnership, record.source) == (None, "form")


def test_a_member_that_left_before_the_date_is_not_touched(dimpact, gibit, members):
    PartnershipMember.objects.filter(municipality=members[0]).update(
        left_on=datetime.date(2025, 1, 1)
    )
    report_for_members(dimpact, gibit, status="implemented", effective_date=DAY, user=None)
    assert not Adoption.objects.filter(municipality=members[0]).exists()
    assert Adoption.objects.count() == 19


def test_the_partnership_editor_cannot_change_a_non_member(dimpact, gibit):
    outsider = MunicipalityFactory(name="Buitenstaander")
    before = database_state()
    with pytest.raises(AdoptionError, match="Buitenstaander"):
        record_adoption(
            AdoptionUpdate(outsider, gibit, "implemented", DAY, partnership=dimpact),
            user=editor_of(dimpact),
            source=ChangeSource.PARTNERSHIP,
        )
    with pytest.raises(AdoptionError):
        record_adoption(
            AdoptionUpdate(outsider, gibit, "implemented", DAY),
            user=editor_of(dimpact),
            source=ChangeSource.FORM,
        )
    assert database_state() == before


def test_the_partnership_editor_cannot_report_an_initiative_it_does_not_run(
    dimpact, members, make_initiative
):
    other = make_initiative(title="Haal Centraal", slug="haal-centraal")
    before = database_state()
    with pytest.raises(AdoptionError, match="hoort niet bij het samenwerkingsverband"):
        record_adoption(
            AdoptionUpdate(members[0], other, "implemented", DAY, partnership=dimpact),
            user=editor_of(dimpact),
            source=ChangeSource.PARTNERSHIP,
        )
    assert database_state() == before


def test_reporting_through_the_admin_screen(client, dimpact, gibit):
    client.force_login(editor_of(dimpact))
    form = {"initiative": gibit.pk, "status": "implemented", "effective_date": "2025-03-01"}
    preview = client.post(f"/admin/adoptie/samenwerkingsverband/{dimpact.pk}/", form)
    assert "Vastleggen voor 20 leden" in preview.content.decode()
    assert not Adoption.objects.exists()
    response = client.post(
        f"/admin/adoptie/samenwerkingsverband/{dimpact.pk}/", {**form, "action": "apply"}
    )
    assert response.status_code == 302
    assert Adoption.objects.filter(partnership=dimpact).count() == 20


def test_someone_else_cannot_open_the_partnerships_screen(client, dimpact, enschede):
    client.force_login(UserFactory(editor_of=[enschede]))
    response = client.get(f"/admin/adoptie/samenwerkingsverband/{dimpact.pk}/")
    assert response.status_code == 404


def test_a_former_member_is_not_rewritten_by_backdating(dimpact, gibit, members):
    report_for_members(dimpact, gibit, status="planned", effective_date=DAY, user=None)
    left = datetime.date(2025, 11, 1)
    PartnershipMember.objects.filter(municipality=members[0]).update(left_on=left)
    before = Adoption.objects.get(municipality=members[0])
    day_before_leaving = left - datetime.timedelta(days=1)

    report_for_members(
        dimpact,
        gibit,
        status="implemented",
        effective_date=day_before_leaving,
        user=editor_of(dimpact),
    )

    after = Adoption.objects.get(municipality=members[0])
    assert (after.status, after.version, after.last_confirmed_on) == (
        before.status,
        before.version,
        before.last_confirmed_on,
    )
    with pytest.raises(AdoptionError, match="Lid 00"):
        record_adoption(
            AdoptionUpdate(
                members[0], gibit, "implemented", day_before_leaving, partnership=dimpact
            ),
            user=editor_of(dimpact),
            source=ChangeSource.PARTNERSHIP,
        )
    assert Adoption.objects.filter(status="implemented").count() == 19


def test_a_partnership_editor_is_offered_no_import_or_export(client, dimpact):
    client.force_login(editor_of(dimpact))
    links = {a["href"] for a in parse_html(client.get("/admin/adoptie/").content).select("a")}
    assert "/admin/adoptie/import/" not in links
    assert "/admin/adoptie/export/?format=csv" not in links


def test_a_municipal_editor_is_offered_import_and_export(client, roles, enschede, hengelo):
    editor = roles["editor_of_a"]
    grant_partnership_editor(editor, PartnershipFactory(name="Twente"))
    client.force_login(editor)
    links = {a["href"] for a in parse_html(client.get("/admin/adoptie/").content).select("a")}
    assert "/admin/adoptie/import/" in links
