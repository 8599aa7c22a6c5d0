"""The public municipality register; each municipality's scorecard is a report view."""

from django.shortcuts import redirect, render

from ..models import Municipality
from .filters import MunicipalityFilter
from .forms import MunicipalityChoiceForm


def municipality_list(request, choice=None, status=200):
    """Today's municipalities, filtered by province and size class, with the picker."""
    municipalities = Municipality.objects.current().with_size_class()
    municipality_filter = MunicipalityFilter(request.GET or None, queryset=municipalities)
    return render(
        request,
        "initiatives/municipality_list.html",
        {"filter": municipality_filter, "choice": choice or MunicipalityChoiceForm()},
        status=status,
    )


def choose_municipality(request):
    """The picker of the home page: straight to the scorecard, or the list with the error."""
    choice = MunicipalityChoiceForm(request.GET)
    if choice.is_valid():
        return redirect("municipalities:detail", choice.cleaned_data["gemeente"].code)
    return municipality_list(request, choice=choice, status=400)
