"""Managed lists (snippets) that VNG editors keep: domains, organisations, barrier categories."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet


class TaxonomyTerm(models.Model):
    """A managed list entry with a stable code, a Dutch name and an English one."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=150)
    name_en = models.CharField(
        _("naam in het Engels"),
        max_length=150,
        blank=True,
        help_text=_("Voor de Engelse site; leeg laat de Nederlandse naam zien."),
    )

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language: English on the English site when there is one."""
        english = (get_language() or "").startswith("en")
        return self.name_en if english and self.name_en else self.name


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
