"""People who follow what changes (no account): a municipality, an initiative, or all."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import InitiativePage
from .register import Municipality


def new_token() -> str:
    """An unguessable token for the confirm and unsubscribe links."""
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    email = models.EmailField(_("e-mailadres"))
    # Neither: the whole register.
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), null=True, blank=True, on_delete=models.CASCADE
    )
    initiative = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiatief"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    # Double opt-in: nothing is sent but the confirmation request until this is set.
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    # The end of the period the last digest covered; the next one starts there.
    covered_until = models.DateTimeField(_("wijzigingen gemeld tot"), null=True, blank=True)
    # Digests the mail server refused for this address in a row; paused at the limit.
    refused_in_a_row = models.PositiveSmallIntegerField(_("geweigerd na elkaar"), default=0)
    paused_at = models.DateTimeField(_("gepauzeerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement op wijzigingen")
        verbose_name_plural = _("abonnementen op wijzigingen")
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return f"{self.email}: {self.scope_name}"

    @property
    def scope_name(self) -> str:
        """What is followed, in words."""
        if self.municipality:
            return self.municipality.name
        if self.initiative:
            return self.initiative.title
        return str(_("het hele register"))

    @property
    def scope_params(self) -> dict[str, str]:
        """The query parameters that name the same scope on /wijzigingen/."""
        if self.municipality:
            return {"gemeente": self.municipality.code}
        if self.initiative:
            return {"initiatief": self.initiative.slug}
        return {}
