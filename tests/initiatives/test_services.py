import datetime

import pytest

from initiatives.adoption.service import record_adoption, record_adoptions
from initiatives.adoption.updates import AdoptionUpdate, Outcome, StaleAdoptionError
from initiatives.constants import AdoptionStatus, ChangeSource, EvidenceLevel
from initiatives.errors import AdoptionError
from initiatives.models import Adoption, AdoptionChange
from tests.factories import MunicipalityFactory, UserFactory
from tests.helpers import TODAY

pytestmark = pytest.mark.django_db

A_WHILE_AGO = datetime.date(2024, 1, 1)


@pytest.fixture
def municipality():
    return MunicipalityFactory(code="GM0153", name="Enschede")


@pytest.fixture
def initiative(make_initiative):
    return make_initiative(title="Common Ground", slug="common-ground")


def update(municipality, initiative, status, day=A_WHILE_AGO, **kwargs):
    return AdoptionUpdate(municipality, initiative, status, day, **kwargs)


def test_first_status_creates_the_record_and_one_history_row(municipality, initiative):
    editor = UserFactory(editor_of=[municipality])
    outcome = record_adoption(
        update(municipality, initiative, AdoptionStatus.PLANNED),
        user=editor,
        source=ChangeSource.FORM,
    )
    assert outcome == Outcome.CREATED
    adoption = Adoption.objects.get()
    assert (adoption.status, adoption.status_since, adoption.version) == (
        "planned",
        A_WHILE_AGO,
        1,
    )
    change = AdoptionChange.objects.get()
    assert (change.old_status, change.new_status, change.recorded_by, change.source) == (
        "",
        "planned",
        editor,
        "form",
    )


def test_a_status_change_writes_exactly_one_history_row(municipality, initiative):
    record_adoption(update(municipality, initiative, "planned"), user=None, source="form")
    later = datetime.date(2025, 6, 1)
    outcome = record_adoption(
        update(municipality, initiative, "implemented", later), user=None, source="import"
    )
    assert outcome == Outcome.CHANGED
    assert AdoptionChange.objects.count() == 2
    latest = AdoptionChange.objects.first()
    assert (latest.old_status, latest.new_status, latest.effective_date) == (
        "planned",
        "implemented",
        later,
    )
    adoption = Adoption.objects.get()
    assert (adoption.status, adoption.status_since, adoption.version) == ("implemented", later, 2)


def test_saying_the_same_again_writes_nothing(municipality, initiative):
    same = update(municipality, initiative, "planned", evidence_level=EvidenceLevel.CONFIRMED)
    record_adoption(same, user=None, source="form")
    assert record_adoption(same, user=None, source="form") == Outcome.UNCHANGED
    assert AdoptionChange.objects.count() == 1
    assert Adoption.objects.get().version == 1


def test_fields_the_update_does_not_carry_are_kept(municipality, initiative):
    record_adoption(
        update(municipality, initiative, "planned", internal_note="Wacht op leverancier"),
        user=None,
        source="form",
    )
    record_adoption(update(municipality, initiative, "implemented"), user=None, source="import")
    assert Adoption.objects.get().internal_note == "Wacht op leverancier"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"status": "done"}, "Status ‘done’ bestaat niet."),
        ({"evidence_level": "rumour"}, "Bewijsniveau ‘rumour’ bestaat niet."),
        ({"day": "tomorrow"}, "ligt in de toekomst"),
        ({"day": datetime.date(1960, 1, 1)}, "bestond niet op 1 januari 1960"),
    ],
)
def test_impossible_updates_are_refused_in_dutch_and_change_nothing(
    municipality, initiative, bad, message
):
    arguments = {"status": "planned", "day": A_WHILE_AGO, **bad}
    status, day = arguments.pop("status"), arguments.pop("day")
    if day == "tomorrow":  # read now, not at collection: a run may cross midnight
        day = TODAY + datetime.timedelta(days=1)
    with pytest.raises(AdoptionError, match=message):
        record_adoption(
            update(municipality, initiative, status, day, **arguments), user=None, source="form"
        )
    assert not Adoption.objects.exists()
    assert not AdoptionChange.objects.exists()


def test_a_stale_version_is_refused_and_the_first_change_survives(municipality, initiative):
    record_adoption(update(municipality, initiative, "planned"), user=None, source="form")
    record_adoption(
        update(municipality, initiative, "piloting", expected_version=1), user=None, source="form"
    )
    with pytest.raises(
        StaleAdoptionError, match="Hun wijziging: systeem op .*: status: Gepland → In pilot"
    ):
        record_adoption(
            update(municipality, initiative, "stopped", expected_version=1),
            user=None,
            source="form",
        )
    assert Adoption.objects.get().status == "piloting"
    assert AdoptionChange.objects.count() == 2


def test_one_bad_update_in_a_batch_writes_nothing_at_all(municipality, initiative):
    other = MunicipalityFactory()
    with pytest.raises(AdoptionError):
        record_adoptions(
            [
                update(municipality, initiative, "planned"),
                update(other, initiative, "no-such-status"),
            ],
            user=None,
            source="import",
            chunk_size=1,
        )
    assert not Adoption.objects.exists()
    assert not AdoptionChange.objects.exists()


def test_the_same_record_twice_in_one_batch_is_refused(municipality, initiative):
    with pytest.raises(AdoptionError, match="komt meer dan één keer voor"):
        record_adoptions(
            [
                update(municipality, initiative, "planned"),
                update(municipality, initiative, "planned"),
            ],
            user=None,
            source="import",
        )
    assert not Adoption.objects.exists()


def test_a_new_status_cannot_start_before_the_current_one(municipality, initiative):
    record_adoption(
        update(municipality, initiative, "planned", datetime.date(2024, 6, 1)),
        user=None,
        source="form",
    )
    with pytest.raises(AdoptionError, match="kan niet ingaan vóór de huidige"):
        record_adoption(
            update(municipality, initiative, "implemented", datetime.date(2024, 5, 1)),
            user=None,
            source="form",
        )
    assert Adoption.objects.get().status == "planned"
