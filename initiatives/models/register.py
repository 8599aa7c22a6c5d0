"""The CBS municipality register and who may edit which municipality."""

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import G4_CODES, SIZE_CLASS_THRESHOLDS, MembershipRole, SizeClass

CBS_CODE_PATTERN = r"^GM\d{4}$"
# Dutch government registers name a municipality by this URI plus its code in lower case.
TOOI_MUNICIPALITY_PREFIX = "https://identifier.overheid.nl/tooi/id/gemeente/"


def tooi_uri(code: str) -> str:
    """The TOOI identifier of the municipality with this CBS code."""
    return TOOI_MUNICIPALITY_PREFIX + code.lower()


cbs_code_validator = RegexValidator(
    CBS_CODE_PATTERN, _("Een CBS-gemeentecode is 'GM' gevolgd door vier cijfers, zoals GM0153.")
)


def size_class_of(code: str, population: int | None) -> SizeClass | None:
    """The size class of a municipality; None when its population is not known."""
    if code in G4_CODES:
        return SizeClass.G4
    if population is None:
        return None
    for lower_bound, size_class in SIZE_CLASS_THRESHOLDS:
        if population >= lower_bound:
            return size_class
    return SizeClass.BELOW_20K


def size_class_expression(prefix: str = "") -> Case:
    """The SQL twin of `size_class_of`, built from the same thresholds (`prefix` reaches the
    municipality through a relation: "municipality__")."""
    whens = [When(**{f"{prefix}code__in": G4_CODES}, then=Value(SizeClass.G4.value))]
    whens += [
        When(**{f"{prefix}population__gte": lower_bound}, then=Value(size_class.value))
        for lower_bound, size_class in SIZE_CLASS_THRESHOLDS
    ]
    whens.append(
        When(**{f"{prefix}population__isnull": False}, then=Value(SizeClass.BELOW_20K.value))
    )
    return Case(*whens, default=Value(""), output_field=models.CharField())


def existing_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Municipalities that existed on `day`; a merger's end date is its first day gone."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gt": day})
    )


class MunicipalityQuerySet(models.QuerySet):
    def existing_on(self, day: datetime.date):
        return self.filter(existing_on_q(day))

    def current(self):
        return self.existing_on(timezone.localdate())

    def with_size_class(self):
        return self.annotate(size_class_code=size_class_expression())

    def of_size_class(self, size_class: str):
        return self.with_size_class().filter(size_class_code=size_class)

    def provinces(self) -> list[str]:
        """The distinct province names of these municipalities, sorted."""
        names = self.order_by("province").values_list("province", flat=True).distinct()
        return list(names)

    def edited_by(self, user):
        """The municipalities `user` is an editor of (`permissions` decides who sees what)."""
        return self.filter(memberships__user=user, memberships__role=MembershipRole.EDITOR)


class Municipality(models.Model):
    """A municipality (gemeente) of the CBS register, current or ended by a merger."""

    code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, validators=[cbs_code_validator]
    )
    name = models.CharField(_("naam"), max_length=100)
    province = models.CharField(_("provincie"), max_length=50, db_index=True)
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    valid_from = models.DateField(_("bestaat sinds"))
    valid_until = models.DateField(
        _("opgeheven op"),
        null=True,
        blank=True,
        help_text=_("Eerste dag dat de gemeente niet meer bestaat; leeg zolang zij bestaat."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("opvolger"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def tooi_uri(self) -> str:
        """The municipality's TOOI identifier, derived from its CBS code."""
        return tooi_uri(self.code)

    @property
    def size_class(self):
        return size_class_of(self.code, self.population)

    def exists_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


class Membership(models.Model):
    """A user's role for one municipality; it scopes which adoption records they may change."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.EDITOR
    )

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="one_membership_per_pair")
        ]

    def __str__(self):
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A bearer token that lets a municipality's own system report its statuses.

    Only a hash is stored; the token itself is shown once, when it is issued.
    """

    membership = models.ForeignKey(
        Membership,
        verbose_name=_("lidmaatschap"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("omschrijving"), max_length=100)
    prefix = models.CharField(_("begin van de sleutel"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("uitgegeven op"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self):
        return f"{self.prefix}… ({self.membership})"
