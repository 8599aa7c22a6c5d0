"""The home page and the site-wide settings editors manage in the Wagtail admin."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from initiatives.reporting.gap import initiative_gap, national_targets
from initiatives.reporting.maps import status_map
from initiatives.web.forms import MapChoiceForm, MunicipalityChoiceForm
from labs.models import LabResultPage, LabSettings
from labs.services import kraamkamer
from website.attempts import AttemptCount  # noqa: F401 - a model of this app
from website.pages import PageContextMixin


class HomePage(PageContextMixin, Page):
    """The site root: the national picture and the ways into the register."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        stalled = kraamkamer(LabSettings.for_request(request))
        today = timezone.localdate()
        targets = national_targets(today)
        map_choice = MapChoiceForm(request.GET)
        # A bad ?kaart= shows the form's Dutch error and the default map, never a 500.
        shown = map_choice.cleaned_data["kaart"] if map_choice.is_valid() else None
        shown = shown or (
            targets[0].initiative if targets else map_choice.fields["kaart"].queryset.first()
        )
        gap = initiative_gap(shown, today) if shown else None
        return {
            **super().get_context(request, *args, **kwargs),
            "targets": targets,
            "map_choice": map_choice,
            "gap": gap,
            "status_map": status_map(gap) if gap else None,
            "newest_results": LabResultPage.objects.published()
            .defer_streamfields()
            .order_by("-first_published_at")[:5],
            "kraamkamer_count": len(stalled.results) + len(stalled.pilots),
            "choice": MunicipalityChoiceForm(),
        }

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
