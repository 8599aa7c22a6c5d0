"""What the initiative pages and the home page show besides their fields: the list filter,
the figures, the map and the municipality picker."""

from django.conf import settings
from django.utils import timezone

from website.collation import dutch
from website.pages import page_context

from ..models import InitiativePage
from ..opendata.publishing import last_published
from ..reporting.gap import initiative_gap, national_adoption, national_targets
from ..reporting.kept_indicators import initiative_gains, largest_gain
from ..reporting.maps import status_map
from .filters import InitiativeFilter, sorted_initiatives
from .forms import MapChoiceForm, MunicipalityChoiceForm


@page_context("initiatives.InitiativeIndexPage")
def initiative_list(page, request) -> dict:
    """The filtered list of published initiatives."""
    initiative_filter = InitiativeFilter(
        request.GET or None, queryset=page.published_initiatives().defer_streamfields()
    )
    sort = initiative_filter.form.cleaned_data.get("sort") if initiative_filter.is_valid() else None
    lines = national_adoption(
        initiative_filter.qs.prefetch_related("domains"), timezone.localdate()
    )
    return {"filter": initiative_filter, "lines": sorted_initiatives(lines, sort)}


@page_context("initiatives.InitiativePage")
def initiative_figures(page, request) -> dict:
    """The initiative's adoption figures, as on its gap report, and the published initiatives
    it follows up and is followed up by."""
    today = timezone.localdate()
    gap = initiative_gap(page, today)
    return {
        "gap": gap,
        "indicator_gains": initiative_gains(page, today),
        "status_map": status_map(gap),
        "successors": page.succeeded_by.published().order_by(dutch("title")),
        "predecessor": InitiativePage.objects.published().filter(pk=page.succeeds_id).first(),
    }


@page_context("website.HomePage")
def national_picture(page, request) -> dict:
    """The national targets, the map of one initiative (chosen with ?kaart=) and the picker."""
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
        "targets": targets,
        "map_choice": map_choice,
        "gap": gap,
        "status_map": status_map(gap) if gap else None,
        "choice": MunicipalityChoiceForm(),
        "largest_gain": largest_gain(today),
        "open_data_published_at": last_published(settings.OPEN_DATA_ROOT),
    }
