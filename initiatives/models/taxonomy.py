"""Managed lists (snippets) that VNG editors keep: domains, organisations, barrier categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet


class TaxonomyTerm(models.Model):
    """A managed list entry with a stable code and a Dutch name."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=150)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Domain(TaxonomyTerm):
    """A municipal work process (werkproces), such as inkomen or omgevingswet."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")


@register_snippet
class Organisation(TaxonomyTerm):
    """An organisation that owns initiatives (VNG, Logius, ...)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")


@register_snippet
class BarrierCategory(TaxonomyTerm):
    """Why adoption or scaling up stalls; shared by adoption records and lab results."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("categorie belemmering")
        verbose_name_plural = _("categorieën belemmeringen")
