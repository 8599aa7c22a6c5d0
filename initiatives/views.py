"""Public municipality pages: the register and each municipality's scorecard."""

from django.shortcuts import get_object_or_404, render

from .filters import MunicipalityFilter
from .models import Municipality
from .reports import municipality_scorecard
from .services import stale_cutoff_for


def municipality_list(request):
    municipalities = Municipality.objects.current().with_size_class()
    municipality_filter = MunicipalityFilter(request.GET or None, queryset=municipalities)
    return render(request, "initiatives/municipality_list.html", {"filter": municipality_filter})


def municipality_detail(request, code):
    municipality = get_object_or_404(Municipality.objects.select_related("successor"), code=code)
    return render(
        request,
        "initiatives/municipality_detail.html",
        {
            "municipality": municipality,
            "rows": municipality_scorecard(municipality),
            "stale_before": stale_cutoff_for(request),
        },
    )
