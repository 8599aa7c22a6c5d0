"""Accounts for the browser journeys, on top of the register and the demo content, and two
suppliers' files harvested once.

Run inside the browser server's database: `manage.py shell -c "from tests.browser import
seed; seed.run(files)"`, with `files` the URLs of `supplier_files` on the tests' source server.
"""

from initiatives.adoption.harvest import apply_harvest, harvest_sources
from initiatives.constants import AdoptionStatus, HarvestKind
from initiatives.models import Adoption, HarvestSource, InitiativePage, Municipality, Partnership
from initiatives.permissions import grant_partnership_editor
from labs.models import LivingLabPage
from tests.factories import UserFactory

# Who the suppliers say uses their product: Enschede, its neighbours, and names a supplier
# writes that are no municipality (or not one for sure).
USED_BY = ["Gemeente Enschede", "Hengelo", "Den Haag", "Provincie Overijssel", "Bergen"]
SUPPLIER_FILES = {
    "/zaaksysteem/publiccode.yml": USED_BY,
    "/formulieren/publiccode.yml": USED_BY,
}
# The second file a week later: two more users, one of them a consultancy.
NEWER_FILE = ("/formulieren/publiccode.yml", [*USED_BY, "Almelo", "Conduction B.V."])


def publiccode(used_by: list[str]) -> str:
    users = "".join(f"  - {name}\n" for name in used_by)
    return (
        'publiccodeYmlVersion: "0.4"\nname: Voorbeeldproduct\n'
        "legal:\n  repoOwner: Voorbeeld Software B.V.\n"
        f"usedBy:\n{users}"
    )


def run(files: dict[str, str]):
    vng = UserFactory(username="vng", vng_editor=True)
    enschede = Municipality.objects.get(code="GM0153")
    UserFactory(username="redacteur-enschede", editor_of=[enschede])
    UserFactory(
        username="bijdrager",
        contributor_of=[LivingLabPage.objects.get(slug="living-lab-oost-nederland")],
    )
    grant_partnership_editor(
        UserFactory(username="redacteur-twente"),
        Partnership.objects.get(name="Samenwerking Twente (demo)"),
    )
    harvest_supplier_files(files, enschede, vng)


def harvest_supplier_files(files: dict[str, str], enschede, vng) -> None:
    """The first file names an initiative Enschede itself reports otherwise (the claim shows
    beside its statement); the second one Enschede said nothing about (the claim stands in)."""
    own = Adoption.objects.filter(municipality=enschede).exclude(
        status__in=[AdoptionStatus.IMPLEMENTED, "unknown"]
    )
    beside = own.order_by("initiative__title").first().initiative
    known = Adoption.objects.filter(municipality=enschede).exclude(status="unknown")
    unknown = (
        InitiativePage.objects.live()
        .exclude(pk__in=known.values("initiative"))
        .order_by("title")
        .first()
    )
    for (path, url), initiative in zip(files.items(), (beside, unknown), strict=True):
        HarvestSource.objects.create(
            kind=HarvestKind.PUBLICCODE,
            url=url,
            initiative=initiative,
            repository_url=f"https://github.com/voorbeeld{path.rsplit('/', 1)[0]}",
        )
    apply_harvest(harvest_sources(), user=vng)
