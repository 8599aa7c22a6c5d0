"""Factories for the domain model; tests build the data they talk about."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone

from initiatives.constants import Kind, Phase
from initiatives.models import (
    AdoptionClaim,
    BarrierCategory,
    Domain,
    HarvestSource,
    Indicator,
    InitiativeIndexPage,
    InitiativePage,
    Membership,
    Municipality,
    Organisation,
    Partnership,
    PartnershipMember,
)
from initiatives.permissions import grant_municipal_editor, grant_vng_editor
from labs.models import LabIndexPage, LabResultPage, LivingLabPage
from labs.permissions import grant_lab_contributor

PASSWORD = "geheim-wachtwoord"
MERGER_DAY = datetime.date(2022, 3, 24)


class UserFactory(factory.django.DjangoModelFactory):
    """A person; `editor_of=[...]`, `vng_editor=True` or `contributor_of=[...]` give a role
    the way an administrator grants it (`grant_role`)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def editor_of(user, create, municipalities, **kwargs):
        for municipality in municipalities or ():
            grant_municipal_editor(user, municipality)

    @factory.post_generation
    def vng_editor(user, create, is_vng_editor, **kwargs):
        if is_vng_editor:
            grant_vng_editor(user)

    @factory.post_generation
    def contributor_of(user, create, labs, **kwargs):
        for lab in labs or ():
            grant_lab_contributor(user, lab)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    # GM7000–GM7999: never issued by the CBS, and clear of GM9999 that tests expect to be absent.
    code = factory.Sequence(lambda n: f"GM{7000 + n % 1000:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    province = "Overijssel"
    population = 30_000
    valid_from = datetime.date(1970, 1, 1)
    valid_until = factory.Maybe("merged_into", MERGER_DAY, None)
    successor = factory.SelfAttribute("merged_into")

    class Params:
        # The municipality it merged into on MERGER_DAY (Weesp into Amsterdam).
        merged_into = None
        # Gone on MERGER_DAY, without a successor in the test's register.
        merged = factory.Trait(valid_until=MERGER_DAY)


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"domein-{n}")
    name = factory.LazyAttribute(lambda d: d.slug.capitalize())


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    slug = "vng"
    name = "VNG"


class InitiativeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InitiativeIndexPage

    title = "Initiatieven"
    slug = "initiatieven"


class InitiativePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InitiativePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    slug = factory.Sequence(lambda n: f"initiatief-{n}")
    summary = "Een gedeeld initiatief."
    public_value = "<p>Inwoners worden sneller geholpen.</p>"
    kind = Kind.STANDARD
    phase = Phase.AVAILABLE
    started_on = datetime.date(2015, 1, 1)

    @factory.post_generation
    def domains(page, create, domains, **kwargs):
        """`domains=[...]`: the page's domains, saved with the page."""
        if domains:
            page.domains.set(domains)
            page.save()

    class Params:
        # Half of the municipalities by 1 January 2030.
        with_target = factory.Trait(
            adoption_target_share=Decimal(50), adoption_target_date=datetime.date(2030, 1, 1)
        )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class LabIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LabIndexPage

    title = "Labs"
    slug = "labs"


class LivingLabPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LivingLabPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Lab {n}")
    slug = factory.Sequence(lambda n: f"lab-{n}")
    host = factory.SubFactory(MunicipalityFactory)
    started_on = datetime.date(2020, 1, 1)

    @factory.post_generation
    def domains(page, create, domains, **kwargs):
        """`domains=[...]`: the page's domains, saved with the page."""
        if domains:
            page.domains.set(domains)
            page.save()


class LabResultPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LabResultPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resultaat {n}")
    slug = factory.Sequence(lambda n: f"resultaat-{n}")
    question = "Werkt het?"
    recommendation = "scale_up"

    @factory.post_generation
    def published_months_ago(result, create, months, **kwargs):
        """Dates the first publication `months` months back (31 days each)."""
        if months is not None:
            moment = timezone.now() - datetime.timedelta(days=31 * months)
            LabResultPage.objects.filter(pk=result.pk).update(first_published_at=moment)
            result.first_published_at = moment


class BarrierCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierCategory
        django_get_or_create = ["slug"]

    slug = "regulation"
    name = "Wet- en regelgeving"


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A samenwerkingsverband; `members=[...]` joined on 1 January 2000, `initiatives=[...]`
    it runs for them, `editors=[...]` who may report for it."""

    class Meta:
        model = Partnership
        django_get_or_create = ["name"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Samenwerking {n}")

    @factory.post_generation
    def members(partnership, create, municipalities, **kwargs):
        for municipality in municipalities or ():
            PartnershipMember.objects.create(
                partnership=partnership,
                municipality=municipality,
                joined_on=kwargs.get("joined_on", datetime.date(2000, 1, 1)),
            )

    @factory.post_generation
    def initiatives(partnership, create, pages, **kwargs):
        if pages:
            partnership.initiatives.add(*pages)

    @factory.post_generation
    def editors(partnership, create, users, **kwargs):
        if users:
            partnership.editors.add(*users)


class PartnershipMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    joined_on = datetime.date(2000, 1, 1)


class HarvestSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HarvestSource

    kind = "publiccode"
    url = factory.Sequence(lambda n: f"http://127.0.0.1:1/publiccode-{n}.yml")
    initiative = factory.SubFactory(InitiativePageFactory)


class AdoptionClaimFactory(factory.django.DjangoModelFactory):
    """A supplier's usedBy claim, seen today; `dismissed` as the municipality set it aside."""

    class Meta:
        model = AdoptionClaim

    class Params:
        dismissed = factory.Trait(state="dismissed", decided_at=factory.LazyFunction(timezone.now))
        measured = factory.Trait(source_kind="register", evidence_level="measured", publisher="")

    municipality = factory.SubFactory(MunicipalityFactory)
    initiative = factory.SubFactory(InitiativePageFactory)
    source = factory.SubFactory(
        HarvestSourceFactory, initiative=factory.SelfAttribute("..initiative")
    )
    source_url = factory.Sequence(lambda n: f"https://code.example.org/product-{n}/publiccode.yml")
    source_kind = "publiccode"
    publisher = "Voorbeeld Software B.V."
    written_name = factory.LazyAttribute(lambda claim: f"Gemeente {claim.municipality.name}")
    match_kind = "exact"
    claimed_status = "implemented"
    evidence_level = "maintainer_claim"
    first_seen_on = factory.LazyFunction(timezone.localdate)
    last_seen_on = factory.LazyFunction(timezone.localdate)
    file_sha256 = "0" * 64


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A yearly indicator where lower is better, such as a payment term in days (never
    negative, at most a year); `quarterly` measured per quarter; `per_resident_cost` in euro
    per resident."""

    class Meta:
        model = Indicator

    class Params:
        quarterly = factory.Trait(period_kind="quarter")
        per_resident_cost = factory.Trait(
            name="Kosten per inwoner",
            unit="euro",
            money="per_resident",
            upper_limit=None,
            smallest_possible=None,
            largest_possible=None,
        )

    slug = factory.Sequence(lambda n: f"indicator-{n}")
    name = "Betaaltermijn facturen"
    unit = "dagen"
    direction = "lower"
    upper_limit = Decimal(20)
    smallest_possible = Decimal(0)
    largest_possible = Decimal(365)
    period_kind = "year"
