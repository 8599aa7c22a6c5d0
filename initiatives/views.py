"""The public municipality register; each municipality's scorecard is a report view."""

from django.shortcuts import render

from .filters import MunicipalityFilter
from .models import Municipality


def municipality_list(request):
    municipalities = Municipality.objects.current().with_size_class()
    municipality_filter = MunicipalityFilter(request.GET or None, queryset=municipalities)
    return render(request, "initiatives/municipality_list.html", {"filter": municipality_filter})
