"""/wijzigingen/: the status changes recorded since a day, of a municipality, an initiative or
the whole register, counted in full and listed a page at a time."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from ..models import Subscription
from ..reporting.changes import change_counts, status_changes
from ..rules import check_peildatum
from .forms import day_field
from .subscription_views import scope_of

# Without a day the page shows the last 30 days.
CHANGES_DEFAULT_DAYS = 30
CHANGES_PAGE_SIZE = 100
CHANGES_TEMPLATE = "initiatives/changes.html"


class ChangesForm(forms.Form):
    sinds = day_field(
        gettext_lazy("Vastgelegd sinds"),
        gettext_lazy("De datum moet een datum zijn als JJJJ-MM-DD."),
    )
    pagina = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": gettext_lazy("Het paginanummer moet een geheel getal zijn."),
            "min_value": gettext_lazy("Het paginanummer begint bij 1."),
        },
    )

    def clean_sinds(self):
        day = check_peildatum(self.cleaned_data["sinds"])
        return day or timezone.localdate() - datetime.timedelta(days=CHANGES_DEFAULT_DAYS)


def changes(request):
    """/wijzigingen/: the status changes since a day, of a municipality, an initiative or all."""
    municipality, initiative = scope_of(request)
    form = ChangesForm(request.GET)
    context = {
        "form": form,
        "scope": Subscription(municipality=municipality, initiative=initiative).scope_name,
        "municipality": municipality,
        "initiative": initiative,
        "follow_query": urlencode(_scope_params(request)),
    }
    if not form.is_valid():
        return render(request, CHANGES_TEMPLATE, context, status=400)
    since = form.cleaned_data["sinds"]
    scope = {
        "since": timezone.make_aware(datetime.datetime.combine(since, datetime.time.min)),
        "municipality": municipality,
        "initiative": initiative,
    }
    counts = change_counts(**scope)
    # Pages over the positions 0 … total − 1: the shared previous/next links work on them.
    paginator = Paginator(range(counts.total), CHANGES_PAGE_SIZE, allow_empty_first_page=True)
    number = form.cleaned_data["pagina"] or 1
    if number > paginator.num_pages:
        form.add_error("pagina", _no_such_page(number, paginator.num_pages))
        return render(request, CHANGES_TEMPLATE, context, status=400)
    page = paginator.page(number)
    listed = (
        status_changes(**scope, offset=page.start_index() - 1, limit=CHANGES_PAGE_SIZE)
        if counts.total
        else []
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        CHANGES_TEMPLATE,
        {
            **context,
            "since": since,
            "counts": counts,
            "changes": listed,
            "page": page,
            "query": query.urlencode(),
        },
    )


def _no_such_page(number: int, pages: int) -> str:
    return ngettext(
        "Pagina %(number)s bestaat niet; er is %(pages)s pagina.",
        "Pagina %(number)s bestaat niet; er zijn %(pages)s pagina's.",
        pages,
    ) % {"number": number, "pages": pages}


def _scope_params(request) -> dict[str, str]:
    return {key: request.GET[key] for key in ("gemeente", "initiatief") if request.GET.get(key)}
