"""Factories for the domain model; tests build the data they talk about."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from initiatives.constants import MUNICIPAL_EDITORS_GROUP, Kind, Phase
from initiatives.models import (
    BarrierCategory,
    Domain,
    InitiativeIndexPage,
    InitiativePage,
    Membership,
    Municipality,
    Organisation,
)
from initiatives.roles import grant_municipal_editor, grant_vng_editor
from labs.constants import LAB_CONTRIBUTORS_GROUP
from labs.models import LabIndexPage, LabResultPage, LivingLabPage
from labs.permissions import grant_lab_contributor

PASSWORD = "geheim-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    password = factory.django.Password(PASSWORD)


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

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    slug = factory.Sequence(lambda n: f"initiatief-{n}")
    summary = "Een gedeeld initiatief."
    public_value = "<p>Inwoners worden sneller geholpen.</p>"
    kind = Kind.STANDARD
    phase = Phase.AVAILABLE
    started_on = datetime.date(2015, 1, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


def editor_of(*municipalities, username=None):
    """A municipal editor who is a member of these municipalities."""
    user = UserFactory(**({"username": username} if username else {}))
    user.groups.add(Group.objects.get(name=MUNICIPAL_EDITORS_GROUP))
    for municipality in municipalities:
        grant_municipal_editor(user, municipality)
    return user


def vng_editor(username="vng"):
    user = UserFactory(username=username)
    grant_vng_editor(user)
    return user


class LabIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LabIndexPage

    title = "Labs"
    slug = "labs"


class LivingLabPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LivingLabPage

    title = factory.Sequence(lambda n: f"Lab {n}")
    slug = factory.Sequence(lambda n: f"lab-{n}")
    host = factory.SubFactory(MunicipalityFactory)
    started_on = datetime.date(2020, 1, 1)


class LabResultPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LabResultPage

    title = factory.Sequence(lambda n: f"Resultaat {n}")
    slug = factory.Sequence(lambda n: f"resultaat-{n}")
    question = "Werkt het?"
    recommendation = "scale_up"


class BarrierCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierCategory
        django_get_or_create = ["slug"]

    slug = "regulation"
    name = "Wet- en regelgeving"


def lab_contributor(*labs, username="bijdrager"):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=LAB_CONTRIBUTORS_GROUP))
    for lab in labs:
        grant_lab_contributor(user, lab)
    return user
