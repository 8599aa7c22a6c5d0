"""What the initiative pages show besides their fields: the list filter and the figures."""

from django.utils import timezone

from website.pages import page_context

from ..models import InitiativeIndexPage, InitiativePage
from ..reporting.gap import initiative_gap, national_adoption
from ..reporting.maps import status_map
from .filters import InitiativeFilter, sorted_initiatives


@page_context(InitiativeIndexPage)
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


@page_context(InitiativePage)
def initiative_figures(page, request) -> dict:
    """The initiative's adoption figures, as on its gap report."""
    gap = initiative_gap(page, timezone.localdate())
    return {"gap": gap, "status_map": status_map(gap)}
