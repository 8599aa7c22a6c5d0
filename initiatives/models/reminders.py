"""Reminders to editors about their stale records: who was told what when, who wants none."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .adoption import Adoption


class ReminderSent(models.Model):
    """One stale record named in one editor's reminder digest: not named again within the
    reminder period (`send_reminders`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("redacteur"), on_delete=models.CASCADE
    )
    adoption = models.ForeignKey(Adoption, verbose_name=_("record"), on_delete=models.CASCADE)
    sent_on = models.DateField(_("verstuurd op"))

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        indexes = [models.Index(fields=["user", "adoption", "sent_on"])]

    def __str__(self):
        return f"{self.user} · {self.adoption} · {self.sent_on}"


class EditorPreferences(models.Model):
    """What an editor wants to receive; without a row, the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redacteur"),
        on_delete=models.CASCADE,
        related_name="editor_preferences",
    )
    reminders = models.BooleanField(
        _("herinneringen per e-mail"),
        default=True,
        help_text=_("Een e-mail met uw verouderde statussen, hoogstens eens per periode."),
    )

    class Meta:
        verbose_name = _("voorkeuren van een redacteur")
        verbose_name_plural = _("voorkeuren van redacteuren")

    def __str__(self):
        return str(self.user)
