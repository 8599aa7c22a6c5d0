"""Demo content: the shared initiatives of initiatives.json and seeded adoption statuses."""

import datetime
import json
import random
from decimal import Decimal

from wagtail.models import Page

from ..adoption.register import DATA_DIR
from ..adoption.service import record_adoptions
from ..adoption.updates import AdoptionUpdate
from ..constants import AdoptionStatus, ChangeSource, EvidenceLevel, Phase, SizeClass
from ..models import (
    Adoption,
    Domain,
    InitiativeIndexPage,
    InitiativePage,
    Municipality,
    Organisation,
    Partnership,
    PartnershipMember,
)

# (Dutch name, English name) of each domain.
DOMAIN_NAMES = {
    "inkomen": ("Inkomen", "Income support"),
    "belastingen": ("Belastingen", "Local taxes"),
    "werkgeversdienstverlening": ("Werkgeversdienstverlening", "Employer services"),
    "zorg": ("Zorg (Wmo)", "Social care (Wmo)"),
    "jeugd": ("Jeugd", "Youth care"),
    "pgb": ("Pgb", "Personal budgets (pgb)"),
    "omgevingswet": ("Omgevingswet", "Environment and Planning Act"),
    "dienstverlening": ("Dienstverlening", "Public services"),
    "bedrijfsvoering": ("Bedrijfsvoering", "Operations"),
    "informatiebeveiliging": ("Informatiebeveiliging", "Information security"),
    "informatiearchitectuur": ("Informatiearchitectuur", "Information architecture"),
    "basisregistraties": ("Basisregistraties", "Base registries"),
}

# Demo statuses are drawn as of this fixed day, so every run gives the same records.
DEMO_DAY = datetime.date(2026, 10, 1)

# Chance that a municipality of a size class has implemented an available initiative.
IMPLEMENTED_CHANCE = {
    SizeClass.G4: 0.9,
    SizeClass.FROM_100K: 0.8,
    SizeClass.FROM_50K: 0.7,
    SizeClass.FROM_20K: 0.6,
    SizeClass.BELOW_20K: 0.5,
}
PHASE_FACTOR = {Phase.AVAILABLE: 1.0, Phase.SCALING: 0.55, Phase.PILOT: 0.15, Phase.IDEA: 0.0}
# What the demo says implemented statuses rest on (harvested kinds come from real sources).
DEMO_EVIDENCE_LEVELS = (
    EvidenceLevel.SELF_REPORTED,
    EvidenceLevel.CONFIRMED,
    EvidenceLevel.MEASURED,
)
NOT_YET_WEIGHTS = {
    AdoptionStatus.NOT_STARTED: 4,
    AdoptionStatus.EXPLORING: 3,
    AdoptionStatus.PLANNED: 2,
    AdoptionStatus.PILOTING: 2,
    AdoptionStatus.IMPLEMENTING: 3,
    AdoptionStatus.STOPPED: 1,
    AdoptionStatus.NOT_APPLICABLE: 1,
}
RETIRED_WEIGHTS = {
    AdoptionStatus.STOPPED: 16,
    AdoptionStatus.IMPLEMENTED: 3,
    AdoptionStatus.NOT_STARTED: 1,
}
UNKNOWN_CHANCE = 0.08


def _read(name: str) -> dict:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def load_demo_initiatives(home: Page) -> InitiativeIndexPage:
    """Create or update the initiative index, its taxonomy and the 21 initiative pages.

    A page is saved and published only when its content differs, so a second run is a no-op.
    """
    data = _read("initiatives.json")
    extra = _read("initiatives_demo_extra.json")
    _load_taxonomy(data)
    index = InitiativeIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=InitiativeIndexPage(title="Initiatieven", slug="initiatieven")
        )
        index.save_revision().publish()
    domains = {d.slug: d for d in Domain.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    pages = {p.slug: p for p in InitiativePage.objects.child_of(index)}
    for item in data["initiatives"]:
        values = _page_values(item, extra, organisations)
        page = pages.get(item["slug"])
        if page is None:
            page = index.add_child(instance=InitiativePage(slug=item["slug"], **values))
            pages[page.slug] = page
        wanted_domains = {domains[slug] for slug in item["domains"]}
        succeeds = pages.get(item.get("succeeds"))
        if (
            any(getattr(page, name) != value for name, value in values.items())
            or set(page.domains.all()) != wanted_domains
            or page.succeeds_id != (succeeds.pk if succeeds else None)
            or not page.live
        ):
            for name, value in values.items():
                setattr(page, name, value)
            page.domains.set(wanted_domains)
            page.succeeds = succeeds
            page.save_revision().publish()
    return index


def _load_taxonomy(data: dict) -> None:
    for slug in data["domains"]:
        name, name_en = DOMAIN_NAMES[slug]
        Domain.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name_en})
    for organisation in data["organisations"]:
        Organisation.objects.update_or_create(
            slug=organisation["slug"], defaults={"name": organisation["name"]}
        )


def _page_values(item: dict, extra: dict, organisations: dict) -> dict:
    """The fields of one demo initiative page, from the register's file and the demo extras."""
    target = extra["targets"].get(item["slug"], {})
    return {
        "title": item["title"],
        "full_name": item["full_name"],
        "summary": item["summary"],
        "public_value": f"<p>{extra['public_value'][item['slug']]}</p>",
        "kind": item["kind"],
        "phase": item["phase"],
        "mandatory_basis": item["mandatory_basis"],
        "started_on": datetime.date(item["year"], 1, 1),
        "owner_organisation": organisations[item["owner"]],
        "adoption_target_share": Decimal(target["share"]) if target else None,
        "adoption_target_date": datetime.date.fromisoformat(target["date"]) if target else None,
    }


# A fictional samenwerkingsverband of the Twente municipalities that runs the ZGW APIs for
# them, so that a fresh install shows statuses reported "via" one.
DEMO_PARTNERSHIP = "Samenwerking Twente (demo)"
DEMO_PARTNERSHIP_MEMBERS = ("GM0141", "GM0147", "GM0153", "GM0158", "GM0164", "GM0168", "GM0173")
DEMO_PARTNERSHIP_INITIATIVE = "zgw-apis"
DEMO_PARTNERSHIP_DAY = datetime.date(2023, 6, 1)


def load_demo_partnership() -> Partnership | None:
    """The demo samenwerkingsverband with its members and initiative (idempotent)."""
    initiative = InitiativePage.objects.filter(slug=DEMO_PARTNERSHIP_INITIATIVE).first()
    if initiative is None:
        return None
    partnership, _created = Partnership.objects.get_or_create(name=DEMO_PARTNERSHIP)
    partnership.initiatives.add(initiative)
    for municipality in Municipality.objects.filter(code__in=DEMO_PARTNERSHIP_MEMBERS):
        PartnershipMember.objects.get_or_create(
            partnership=partnership,
            municipality=municipality,
            defaults={"joined_on": datetime.date(2015, 1, 1)},
        )
    return partnership


def demo_adoption_updates(seed: int, partnership: Partnership | None = None):
    """Seeded, plausible statuses for every current municipality × live initiative that has
    no record yet: the demo never writes over what is there (real work, or an earlier demo).

    Larger municipalities adopt more, pilots are rare, retired initiatives are mostly stopped,
    and a few combinations stay unknown (no record).
    """
    initiatives = list(InitiativePage.objects.live().order_by("pk"))
    recorded = set(Adoption.objects.values_list("municipality_id", "initiative_id"))
    for municipality in Municipality.objects.existing_on(DEMO_DAY).order_by("code"):
        for initiative in initiatives:
            if (municipality.pk, initiative.pk) in recorded:
                continue
            if (
                partnership is not None
                and initiative.slug == DEMO_PARTNERSHIP_INITIATIVE
                and municipality.code in DEMO_PARTNERSHIP_MEMBERS
            ):
                yield AdoptionUpdate(
                    municipality=municipality,
                    initiative=initiative,
                    status=AdoptionStatus.IMPLEMENTED,
                    effective_date=max(DEMO_PARTNERSHIP_DAY, municipality.valid_from),
                    evidence_level=EvidenceLevel.CONFIRMED,
                    confirmed_on=DEMO_DAY,
                    partnership=partnership,
                )
                continue
            rng = random.Random(f"{seed}:{municipality.code}:{initiative.slug}")
            if rng.random() < UNKNOWN_CHANCE:
                continue
            status = _draw_status(rng, municipality, initiative)
            earliest = max(
                initiative.started_on or municipality.valid_from, municipality.valid_from
            )
            span = max((DEMO_DAY - earliest).days, 0)
            since = earliest + datetime.timedelta(days=rng.randint(0, span))
            confirmed = DEMO_DAY - datetime.timedelta(days=rng.randint(0, 540))
            yield AdoptionUpdate(
                municipality=municipality,
                initiative=initiative,
                status=status,
                effective_date=since,
                evidence_level=_draw_evidence(rng, status),
                # Nobody confirms a status before it held.
                confirmed_on=max(confirmed, since),
            )


def _draw_status(rng: random.Random, municipality: Municipality, initiative: InitiativePage):
    if initiative.phase == Phase.RETIRED:
        weights = RETIRED_WEIGHTS
    else:
        chance = IMPLEMENTED_CHANCE[municipality.size_class] * PHASE_FACTOR[initiative.phase]
        if rng.random() < chance:
            return AdoptionStatus.IMPLEMENTED
        weights = NOT_YET_WEIGHTS
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _draw_evidence(rng: random.Random, status: str) -> str:
    if status != AdoptionStatus.IMPLEMENTED:
        return EvidenceLevel.SELF_REPORTED
    return rng.choices(DEMO_EVIDENCE_LEVELS, weights=[6, 3, 1])[0]


def load_demo_adoptions(seed: int):
    """Record the demo statuses through the adoption service (source "demo")."""
    partnership = load_demo_partnership()
    return record_adoptions(
        demo_adoption_updates(seed, partnership), user=None, source=ChangeSource.DEMO
    )
