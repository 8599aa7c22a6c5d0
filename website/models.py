"""The home page and the site-wide settings editors manage in the Wagtail admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from website.attempts import AttemptCount  # noqa: F401 - a model of this app
from website.pages import PageContextMixin


class HomePage(PageContextMixin, Page):
    """The site root: the national picture and the ways into the register."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Settings VNG editors change without a deployment."""

    demo_data_loaded = models.BooleanField(
        _("demodata geladen"),
        default=False,
        help_text=_("Toont op elke pagina dat de adoptiegegevens demodata zijn."),
    )

    panels = [FieldPanel("demo_data_loaded")]

    class Meta:
        verbose_name = _("site-instellingen")
