"""Who may contribute to which lab."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .labs import LivingLabPage


class LabMembership(models.Model):
    """A contributor may write results for this lab."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="lab_memberships",
    )
    lab = models.ForeignKey(
        LivingLabPage, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="memberships"
    )

    class Meta:
        verbose_name = _("labdeelnemer")
        verbose_name_plural = _("labdeelnemers")
        constraints = [models.UniqueConstraint(fields=["user", "lab"], name="one_lab_membership")]

    def __str__(self):
        return f"{self.user} – {self.lab}"


class LabContributorGroup(models.Model):
    """The group through which Wagtail's page permissions give a lab's members their rights
    on that lab's pages and on no other; its members follow LabMembership.

    Kept beside the page, not on it: a page field would be overwritten by older revisions.
    """

    lab = models.OneToOneField(
        LivingLabPage, on_delete=models.CASCADE, related_name="contributor_group"
    )
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return str(self.group)
