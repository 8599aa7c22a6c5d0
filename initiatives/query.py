"""QuerySet methods of the register: which municipalities exist when, and their size class."""

import datetime

from django.apps import apps
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from .constants import G4_CODES, SIZE_CLASS_THRESHOLDS, LinkOutcome, MembershipRole, SizeClass
from .permissions import is_vng_staff


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


def size_class_expression() -> Case:
    """The SQL twin of `size_class_of`, built from the same thresholds."""
    whens = [When(code__in=G4_CODES, then=Value(SizeClass.G4.value))]
    whens += [
        When(population__gte=lower_bound, then=Value(size_class.value))
        for lower_bound, size_class in SIZE_CLASS_THRESHOLDS
    ]
    whens.append(When(population__isnull=False, then=Value(SizeClass.BELOW_20K.value)))
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

    def editable_by(self, user):
        """The municipalities whose adoption records `user` may see and change.

        VNG staff: all; a municipal editor: those of their memberships; anyone else: none.
        """
        if is_vng_staff(user):
            return self
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(memberships__user=user, memberships__role=MembershipRole.EDITOR)


class AdoptionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Records `user` may see in full (internal notes included) and change."""
        municipalities = self.model._meta.get_field("municipality").related_model.objects
        return self.filter(municipality__in=municipalities.editable_by(user))

    def answerable_by(self, user, day: datetime.date | None = None):
        """Records `user` answers for: those `for_user` gives, and those their
        samenwerkingsverband reported for a municipality that is its member on `day` (today),
        of an initiative it runs."""
        # By name: the membership model is not reachable through a relation of Adoption.
        memberships = apps.get_model("initiatives", "PartnershipMember").objects
        reported = (
            memberships.reportable_by(user)
            .on(day or timezone.localdate())
            .filter(
                partnership=models.OuterRef("partnership"),
                municipality=models.OuterRef("municipality"),
                partnership__initiatives=models.OuterRef("initiative"),
            )
        )
        return self.filter(
            Q(pk__in=self.for_user(user).values("pk"))
            | Q(partnership__isnull=False) & models.Exists(reported)
        )

    def stale(self, confirmed_before: datetime.date):
        """Records whose status nobody confirmed since `confirmed_before` (the SQL twin of
        `rules.is_stale`)."""
        return self.filter(last_confirmed_on__lt=confirmed_before)

    def of_existing_municipalities(self, day: datetime.date | None = None):
        """Records of municipalities that exist on `day` (today by default)."""
        return self.filter(existing_on_q(day or timezone.localdate(), prefix="municipality__"))

    def with_evidence_unreachable(self):
        """Annotate `evidence_unreachable`: the last check of the record's evidence link failed."""
        # By name: checks refer to records by URL, not by a relation query.py could follow.
        checks = apps.get_model("initiatives", "EvidenceLinkCheck").objects
        return self.annotate(
            evidence_unreachable=models.Exists(
                checks.filter(url=models.OuterRef("evidence_url")).exclude(
                    outcome=LinkOutcome.REACHABLE
                )
            )
        )

    def status_counts(self) -> dict[str, int]:
        """Number of records per stored status, in one aggregate query."""
        rows = self.order_by().values_list("status").annotate(n=models.Count("pk"))
        return dict(rows)


class CorrectionRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        """The requests `user` may read and resolve: those of municipalities they edit."""
        municipalities = self.model._meta.get_field("municipality").related_model.objects
        return self.filter(municipality__in=municipalities.editable_by(user))


class PartnershipQuerySet(models.QuerySet):
    def editable_by(self, user):
        """The samenwerkingsverbanden `user` may report for: VNG staff all, editors theirs."""
        if is_vng_staff(user):
            return self
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(editors=user)


class PartnershipMemberQuerySet(models.QuerySet):
    def on(self, day: datetime.date):
        """Memberships that ran on `day` (leaving is the first day out)."""
        return self.filter(Q(joined_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gt=day)))

    def reportable_by(self, user):
        """Memberships whose records `user` may report through the samenwerkingsverband."""
        partnerships = self.model._meta.get_field("partnership").related_model.objects
        return self.filter(partnership__in=partnerships.editable_by(user))
