"""Site-wide settings of the labs."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="time")
class LabSettings(BaseSiteSetting):
    kraamkamer_months = models.PositiveSmallIntegerField(
        _("kraamkamer na (maanden)"),
        default=6,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Een opschalingsadvies zonder besluit, of een initiatief in pilot, staat na zo "
            "veel maanden in de kraamkamer."
        ),
    )

    panels = [FieldPanel("kraamkamer_months")]

    class Meta:
        verbose_name = _("lab-instellingen")
